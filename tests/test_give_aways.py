"""Nothing a learner reads before looking gives the bug away (CONTRIBUTING: observed, not read).

The site test keeps each exercise's give-aways on its own page; these keep them out
of what a learner reads first on that page (scenario, Predict, start, the right-track
line, hints 1-2) and out of the code they open: every string, comment and test name
of the checks (their docstrings are the grader's one-line messages), and the
docstrings and comments of the program.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from course.catalog import Exercise, all_exercises
from tests.give_aways import fact_pattern, give_aways
from tests.lab import shipped_file

CHECK_FILE = re.compile(r"test_.*\.py|.*_test\.py|conftest\.py")


def read_before_looking(exercise: Exercise) -> dict[str, str]:
    """The page's text up to the hints that may narrow things down."""
    first_hints = exercise.hints[:2] if len(exercise.hints) > 2 else exercise.hints[:1]
    texts = {"scenario": exercise.scenario, "predict": exercise.predict,
             "start": exercise.start, "right_track": exercise.right_track}
    texts.update({f"hint {n}": hint for n, hint in enumerate(first_hints, start=1)})
    return texts


def _comments_and_strings(source: str) -> list[str]:
    return [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type in (tokenize.COMMENT, tokenize.STRING)
            or token.type == getattr(tokenize, "FSTRING_MIDDLE", -1)]


def _docstrings_and_comments(source: str) -> list[str]:
    tree = ast.parse(source)
    owners = [tree, *(node for node in ast.walk(tree)
                      if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    docstrings = [ast.get_docstring(owner) or "" for owner in owners]
    comments = [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
                if token.type == tokenize.COMMENT]
    return docstrings + comments


def _test_names(source: str) -> list[str]:
    return [node.name.replace("_", " ") for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.ClassDef)]


def code_texts(exercise: Exercise, folder: Path | None = None) -> dict[str, str]:
    """What a learner reads in the exercise's files, as shipped, without running anything
    (in a fork the files hold the learner's own fix and its comments)."""
    texts = {}
    shipped = folder or shipped_file(exercise, ".")
    for path in sorted(shipped.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if CHECK_FILE.fullmatch(path.name):
            parts = _comments_and_strings(source) + _test_names(source)
        else:
            parts = _docstrings_and_comments(source)
        texts[path.name] = "\n".join(parts)
    return texts


def leaks(exercise: Exercise, texts: dict[str, str]) -> list[str]:
    return [f"{fact!r} in {place}" for fact in give_aways(exercise)
            for place, text in texts.items() if fact_pattern(fact).search(text)]


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_the_page_tells_no_cause_before_the_learner_looks(exercise: Exercise) -> None:
    found = leaks(exercise, read_before_looking(exercise))
    assert not found, "give-aways before the last hints:\n" + "\n".join(found)


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_the_code_and_its_checks_tell_no_cause(exercise: Exercise) -> None:
    found = leaks(exercise, code_texts(exercise))
    assert not found, "give-aways in the exercise's files:\n" + "\n".join(found)


# A bare name, dotted name, file or option: a place or a term, never code to paste.
BARE = re.compile(r"[\w.\-/]+(\(\))?")


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_the_last_hint_names_a_place_and_an_idea_not_code(exercise: Exercise) -> None:
    spans = re.findall(r"`([^`]+)`", exercise.hints[-1])
    code = [span for span in spans if not BARE.fullmatch(span.strip())]
    assert not code, f"the last hint has code to paste: {code}"


def test_a_give_away_is_found_in_a_checks_message(tmp_path: Path) -> None:
    """The scanner itself can fail: a message naming the fix is caught."""
    exercise = all_exercises()[0]
    check = tmp_path / "test_x.py"
    check.write_text('def test_rows():\n    assert ok, "use bikes == 0 rows"\n', encoding="utf-8")
    fake = type(exercise)(**{**exercise.__dict__, "folder": tmp_path,
                             "key_facts": ("bikes == 0",)})
    assert leaks(fake, code_texts(fake, tmp_path)) == ["'bikes == 0' in test_x.py"]
