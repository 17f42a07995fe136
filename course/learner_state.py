"""The learner's local course state, kept in ``.course/``: hints seen, bonus answers, backups.

The folder is git-ignored except ``answers.toml``: committing the bonus answers
lets a fork's "Grade my exercises" job show their stars, while hints seen and
backups stay on the learner's machine. Standard library only: the grader reads
the answers on every run.

Nothing here may cost a learner their stars or stop a command: every write is
atomic and keeps the previous version (``course/safe_write.py``), and a file
that cannot be read whole (a merge conflict, a hand edit, another shape) is
moved to ``.course/backups/unreadable/`` with one line on stderr saying where,
while what is still readable in it is kept.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

from course import safe_write
from course.catalog import ROOT, Exercise

STATE_DIR = ROOT / ".course"
STATE_FILE = STATE_DIR / "state.json"
ANSWERS_FILE = STATE_DIR / "answers.toml"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _set_aside(path: Path, problem: object, kept: str) -> None:
    """Move an unreadable state file out of the way, as a backup, and say so in one line."""
    try:
        moved = safe_write.move_aside(path, STATE_DIR / "backups" / "unreadable")
        where = f"it is kept as {_shown(moved)}"
    except OSError as error:
        where = f"it could not be moved aside ({error})"
    print(f"{_shown(path)} could not be read ({problem}): {where}; {kept}.", file=sys.stderr)


# --- hints seen -------------------------------------------------------------------------


def _hints_in(raw: object) -> dict[str, int]:
    """The well-formed ``slug: count`` pairs of a parsed state file, whatever its shape."""
    seen = raw.get("hints_seen") if isinstance(raw, dict) else None
    if not isinstance(seen, dict):
        return {}
    return {slug: count for slug, count in seen.items() if type(count) is int and count >= 0}


def load() -> dict:
    """``{"hints_seen": {slug: count}}``, from a state file of any shape or none."""
    try:
        raw = json.loads(STATE_FILE.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {"hints_seen": {}}
    except (OSError, ValueError) as error:  # undecodable bytes and bad JSON are ValueErrors
        _set_aside(STATE_FILE, error, "the hints you saw start again from the first")
        return {"hints_seen": {}}
    state = {"hints_seen": _hints_in(raw)}
    if raw not in ({}, state):
        kept = f"the {len(state['hints_seen'])} hint count(s) readable in it are kept"
        _set_aside(STATE_FILE, "not the shape the course writes", kept)
        save(state)
    return state


def save(state: dict) -> None:
    safe_write.replace_text(STATE_FILE, json.dumps(state, indent=2, sort_keys=True) + "\n")


def next_hint(exercise: Exercise) -> tuple[int, str]:
    """Return (1-based level, text) of the next unseen hint and remember it.

    Once every hint has been shown, the last (most explicit) one is repeated.
    """
    state = load()
    seen = state["hints_seen"].get(exercise.slug, 0)
    level = min(seen + 1, len(exercise.hints))
    state["hints_seen"][exercise.slug] = level
    save(state)
    return level, exercise.hints[level - 1]


def seen_hints(exercise: Exercise) -> list[str]:
    """The hints of ``exercise`` shown so far, gentlest first."""
    seen = load()["hints_seen"].get(exercise.slug, 0)
    return list(exercise.hints[:seen])


# --- bonus answers ----------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _is_surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udfff"


def _toml_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char < " " or char == "\x7f":  # TOML forbids raw control characters in a string
        return f"\\u{ord(char):04x}"
    return "\ufffd" if _is_surrogate(char) else char


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string. A lone surrogate (undecodable bytes on POSIX, a broken
    pair typed on Windows) is no Unicode scalar value, which TOML cannot hold: it shows as
    U+FFFD, and ``answer_section`` adds the exact code points."""
    return '"' + "".join(map(_toml_char, text)) + '"'


def answer_section(key: str, answer: str) -> str:
    """One exercise's table in ``answers.toml``, from which ``read_answers`` gets ``answer``
    back exactly."""
    name = key if _BARE_KEY.fullmatch(key) else toml_string(key)
    lines = [f"[{name}]", f"answer = {toml_string(answer)}"]
    if any(map(_is_surrogate, answer)):
        lines.append(f"code_points = [{', '.join(str(ord(char)) for char in answer)}]")
    return "\n".join(lines) + "\n"


def _answer_of(entry: object) -> str | None:
    """The answer an ``answers.toml`` table holds, as typed; None for a table of another shape."""
    if not isinstance(entry, dict) or set(entry) - {"answer", "code_points"}:
        return None
    answer, points = entry.get("answer"), entry.get("code_points")
    if not isinstance(answer, str):
        return None
    if points is None:
        return answer
    if isinstance(points, list) and all(type(p) is int and 0 <= p <= 0x10FFFF for p in points):
        return "".join(map(chr, points))
    return None


def _answers_in(document: dict) -> dict[str, dict]:
    found = {key: _answer_of(entry) for key, entry in document.items()}
    return {key: {"answer": answer} for key, answer in found.items() if answer is not None}


def _salvage(text: str) -> dict[str, dict]:
    """The answers still readable, line by line, in a file that is not TOML as a whole. Where
    an exercise has two (a merge conflict), the first wins: the side that was checked out."""
    tables: list[tuple[str, dict]] = []
    for line in text.splitlines():
        try:
            document = tomllib.loads(line)
        except tomllib.TOMLDecodeError:
            continue  # a conflict marker, a broken line
        if line.lstrip().startswith("[") and len(document) == 1:
            tables.append((next(iter(document)), {}))
        elif tables:
            for name, value in document.items():
                tables[-1][1].setdefault(name, value)
    answers: dict[str, dict] = {}
    for key, entry in reversed(tables):
        answers.update(_answers_in({key: entry}))
    return answers


def _parsed_answers(data: bytes) -> tuple[dict[str, dict], object]:
    """The answers in a file's bytes, and what keeps it from being read whole (None: nothing)."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return _salvage(data.decode("utf-8", errors="replace")), error
    answers = _answers_in(document)
    return answers, None if len(answers) == len(document) else "a table that is not an answer"


def read_answers(path: Path | None = None) -> dict[str, dict]:
    """The learner's bonus answers, ``{"ex03": {"answer": "..."}}``, exactly as typed.

    A file that is not wholly readable is set aside (one line says where) and the answers
    still readable in it are written back, so no star goes silently.
    """
    path = path or ANSWERS_FILE
    try:
        answers, problem = _parsed_answers(path.read_bytes())
    except FileNotFoundError:
        return {}
    except OSError as error:  # a folder in its place, no permission
        answers, problem = {}, error
    if problem is not None:
        _set_aside(path, problem, f"the {len(answers)} answer(s) readable in it are kept")
        if answers:
            write_answers(answers, path)
    return answers


def write_answers(answers: dict[str, dict], path: Path | None = None) -> None:
    sections = [answer_section(key, entry["answer"]) for key, entry in sorted(answers.items())]
    safe_write.replace_text(path or ANSWERS_FILE, "\n".join(sections))


def save_answer(exercise: Exercise, answer: str) -> None:
    """Record the learner's bonus answer in ``.course/answers.toml``, keeping the others."""
    answers = read_answers()
    answers[exercise.short_name] = {"answer": answer}
    write_answers(answers)


def back_up(files: list[Path], name: str) -> Path:
    """Copy the learner's current files to ``.course/backups/<name>/<time>/``, keeping their
    paths from the repository root, before anything overwrites or removes them."""
    target = STATE_DIR / "backups" / name / safe_write.stamp()
    target.mkdir(parents=True)
    for file in files:
        if file.exists():
            copy = target / file.resolve().relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, copy)
    return target
