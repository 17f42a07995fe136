"""What would give an exercise's bug away, and how to find it in a text.

An exercise's ``key_facts``, its breakpoint condition and the value the debugger
shows on the unfixed code may appear on its own page (after the steps) and
nowhere else: not on another page, not in the text a learner reads before
looking (scenario, Predict, start, the first hints), not in its checks.
"""

from __future__ import annotations

import re

from course.catalog import Exercise

# Values too common to give anything away (a buggy value of 1 or False).
UNREMARKABLE = re.compile(r"(?i)true|false|none|nan|-?inf|-?\d{1,2}(\.0)?")


def give_aways(exercise: Exercise) -> list[str]:
    """Its key facts, its breakpoint condition and its buggy value, when remarkable."""
    facts = [*exercise.key_facts, exercise.debug.condition or "", exercise.debug.buggy]
    return [fact for fact in facts if fact.strip() and not UNREMARKABLE.fullmatch(fact.strip())]


def fact_pattern(fact: str) -> re.Pattern[str]:
    """``fact`` as whole tokens, whatever the spacing: ``bikes == 0`` finds ``bikes==0``."""
    tokens = re.findall(r"\w+|[^\w\s]", fact)
    body = r"\s*".join(re.escape(token) for token in tokens)
    return re.compile(rf"(?<![\w.]){body}(?!\w|\.\d)", re.IGNORECASE)
