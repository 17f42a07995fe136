"""The bonus question: an answer counts as typed, as the value inside the repr the
debugger shows, or as the one number inside a short answer."""

from __future__ import annotations

import hashlib
import re

from course.catalog import Exercise

_REPR_WRAPPER = re.compile(r"^[\w.]+\((?P<inner>.*)\)$")  # np.float64(20.9), array(0.009)


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
SHORT_ANSWER_WORDS = 3  # "45 rides", "about 0.5": the number is the answer


def answer_forms(answer: str) -> set[str]:
    """The answer as typed, as the value inside the repr the debugger shows, and as the
    one number inside a short answer; nothing for an empty one."""
    typed = answer.strip().lower()
    if not typed:
        return set()
    forms = {typed}
    if match := _REPR_WRAPPER.match(typed):
        forms.add(match["inner"].strip())
    numbers = _NUMBER.findall(typed)
    if len(numbers) == 1 and len(typed.split()) <= SHORT_ANSWER_WORDS:
        forms.add(numbers[0])
    return forms | {form.strip("'\"") for form in forms}


def answered_correctly(exercise: Exercise, answers: dict[str, dict]) -> bool:
    question = exercise.question
    entry = answers.get(exercise.short_name)
    if not question or not isinstance(entry, dict) or not isinstance(entry.get("answer"), str):
        return False
    salt = question.get("salt", "")
    expected = question.get("sha256")
    return any(  # a lone surrogate (typed on Windows) makes a wrong answer, not a crash
        hashlib.sha256((salt + form).encode("utf-8", "surrogatepass")).hexdigest() == expected
        for form in answer_forms(entry["answer"])
    )


