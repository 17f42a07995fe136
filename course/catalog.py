"""The course catalogue: every exercise, read from its ``exercise.toml``.

Each exercise folder (``exercises/exNN_slug/``) carries one ``exercise.toml``,
the single source of truth for that exercise. The grader, the launch.json
generator, the site's exercise pages, the debugger tests and the ``python -m
exercises`` command all read it through this module, so a fact about an
exercise is written once. Only the standard library is used here: the grader
imports it before anything else and it must stay cheap.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES_DIR = ROOT / "exercises"
SOLUTIONS_DIR = ROOT / "solutions"
FOLDER_PATTERN = re.compile(r"^ex(?P<number>\d{2})_[a-z0-9_]+$")
EXCEPTION_FILTERS = ("raised", "uncaught", "userUnhandled")
# Where the learner works: VS Code's Run and Debug (F5), a terminal (pdb, git
# bisect) or a notebook (Debug Cell). The exercise page's steps follow it.
MODES = ("vscode", "terminal", "notebook")


class CatalogError(ValueError):
    """An ``exercise.toml`` is missing a key or has a wrong value."""


@dataclass(frozen=True)
class DebugStop:
    """Where the debugger shows the bug, and what it shows there."""

    file: str
    line: int
    expression: str
    buggy: str
    condition: str | None = None
    hit: str | None = None
    log: str | None = None
    exception: str | None = None
    # Optional facts the debugger tests check: where Step Into lands, a caller
    # that must be on the Call Stack, the HTTP request that reaches an attach stop.
    step_in: str | None = None
    caller: str | None = None
    request: dict | None = None
    # The program hangs instead of stopping: the debugger is paused (F6) once it
    # is stuck, and one of its threads shows ``file``/``line``. No breakpoint.
    pause: bool = False
    # The stop happens in a child process the program starts (a worker): the
    # debugger follows it, as debugpy does by default.
    subprocess: bool = False
    # Keys the learner changes in the launch configuration before the stop can
    # happen (pathMappings for code that runs from another folder).
    configuration: dict | None = None


@dataclass(frozen=True)
class Exercise:
    folder: Path
    number: int
    title: str
    skill: str
    chapter_anchor: str
    scenario: str
    launch: dict[str, object]
    edit: tuple[str, ...]
    hints: tuple[str, ...]
    debug: DebugStop
    start: str
    question: dict[str, str] = field(default_factory=dict)
    # What the learner writes down before looking: which value, what they expect.
    predict: str = ""
    mode: str = "vscode"
    # Facts that would give the bug away (its row, condition, value, fix): they
    # may appear on this exercise's own page and nowhere else on the site.
    key_facts: tuple[str, ...] = ()
    # Read after the solve (`python -m exercises debrief N`): what the debugger showed,
    # why it happened, where the bug hides in real systems, how to prevent it.
    debrief: str = ""
    # What the learner sees in the debugger that confirms they are on the right
    # track: an observation, never a file or line (the page shows it after the steps).
    right_track: str = ""
    # VS Code input variables its configuration asks for (launch.json's "inputs"):
    # a value the learner must find first, such as the partition a log points at.
    inputs: tuple[dict, ...] = ()

    @property
    def slug(self) -> str:
        """The folder name, e.g. ``ex03_conditional_breakpoint``."""
        return self.folder.name

    @property
    def short_name(self) -> str:
        """How learners and the answers file name it, e.g. ``ex03``."""
        return f"ex{self.number:02d}"

    @property
    def launch_name(self) -> str:
        return str(self.launch["name"])

    @property
    def module(self) -> str:
        """The dotted package of this exercise, e.g. ``exercises.ex03_...``."""
        return f"exercises.{self.slug}"

    def path(self, relative: str) -> Path:
        return self.folder / relative

    def solution_path(self, relative: str) -> Path:
        return SOLUTIONS_DIR / self.slug / relative


def _require(data: dict, key: str, kind: type, where: Path):
    if key not in data:
        raise CatalogError(f"{where}: missing key '{key}'")
    value = data[key]
    if not isinstance(value, kind):
        raise CatalogError(f"{where}: '{key}' must be a {kind.__name__}, got {value!r}")
    return value


def load_exercise(folder: Path, *, require_files: bool = True) -> Exercise:
    """Read and validate one exercise folder; errors name the file and key.

    ``require_files=False`` skips the check that the ``edit`` files exist: the
    grader and the reset command must still know an exercise whose file a
    learner deleted.
    """
    toml_path = folder / "exercise.toml"
    match = FOLDER_PATTERN.match(folder.name)
    if not match:
        raise CatalogError(f"{folder}: folder name must look like 'ex03_some_slug'")
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{toml_path}: {error}") from error
    except FileNotFoundError as error:
        raise CatalogError(f"{toml_path}: missing") from error

    debug_data = _require(data, "debug", dict, toml_path)
    debug = DebugStop(
        file=_require(debug_data, "file", str, toml_path),
        line=_require(debug_data, "line", int, toml_path),
        expression=_require(debug_data, "expression", str, toml_path),
        buggy=_require(debug_data, "buggy", str, toml_path),
        condition=debug_data.get("condition"),
        hit=debug_data.get("hit"),
        log=debug_data.get("log"),
        exception=debug_data.get("exception"),
        step_in=debug_data.get("step_in", {}).get("function"),
        caller=debug_data.get("caller", {}).get("function"),
        request=debug_data.get("request"),
        pause=debug_data.get("pause", False),
        subprocess=debug_data.get("subprocess", False),
        configuration=debug_data.get("configuration"),
    )
    for flag in ("pause", "subprocess"):
        if not isinstance(getattr(debug, flag), bool):
            raise CatalogError(f"{toml_path}: debug.{flag} must be true or false")
    if debug.exception is not None and debug.exception not in EXCEPTION_FILTERS:
        raise CatalogError(f"{toml_path}: debug.exception must be one of {EXCEPTION_FILTERS}")

    launch = _require(data, "launch", dict, toml_path)
    _require(launch, "name", str, toml_path)
    hints = _require(data, "hints", list, toml_path)
    if not hints:
        raise CatalogError(f"{toml_path}: 'hints' needs at least one hint")
    edit = _require(data, "edit", list, toml_path)
    for relative in edit:
        if require_files and not (folder / relative).is_file():
            raise CatalogError(f"{toml_path}: 'edit' names {relative}, which does not exist")

    mode = data.get("mode", "vscode")
    if mode not in MODES:
        raise CatalogError(f"{toml_path}: 'mode' must be one of {MODES}, got {mode!r}")
    key_facts = data.get("key_facts", [])
    if not isinstance(key_facts, list) or not all(isinstance(f, str) for f in key_facts):
        raise CatalogError(f"{toml_path}: 'key_facts' must be a list of strings")
    inputs = data.get("inputs", [])
    if not isinstance(inputs, list) or not all(
        isinstance(i, dict) and {"id", "type", "description"} <= i.keys() for i in inputs
    ):
        raise CatalogError(f"{toml_path}: each [[inputs]] needs an id, a type and a description")
    for text_key in ("debrief", "right_track"):
        if not isinstance(data.get(text_key, ""), str):
            raise CatalogError(f"{toml_path}: '{text_key}' must be a string")

    return Exercise(
        folder=folder,
        number=int(match["number"]),
        title=_require(data, "title", str, toml_path),
        skill=_require(data, "skill", str, toml_path),
        chapter_anchor=_require(data, "chapter_anchor", str, toml_path),
        scenario=_require(data, "scenario", str, toml_path).strip(),
        launch=launch,
        edit=tuple(edit),
        hints=tuple(hints),
        debug=debug,
        start=_require(data, "start", str, toml_path).strip(),
        question=data.get("question", {}),
        predict=str(data.get("predict", "")).strip(),
        mode=mode,
        key_facts=tuple(key_facts),
        debrief=data.get("debrief", "").strip(),
        right_track=data.get("right_track", "").strip(),
        inputs=tuple(inputs),
    )


def exercise_folders(base: Path = EXERCISES_DIR) -> list[Path]:
    """Folders that look like exercises, in course order (by their number)."""
    return sorted(
        p for p in base.iterdir() if p.is_dir() and FOLDER_PATTERN.match(p.name)
    )


@cache
def all_exercises(
    base: Path = EXERCISES_DIR, *, require_files: bool = True
) -> tuple[Exercise, ...]:
    return tuple(
        load_exercise(folder, require_files=require_files) for folder in exercise_folders(base)
    )


def find(name: str, base: Path = EXERCISES_DIR) -> Exercise:
    """Look an exercise up as a learner types it: ``3``, ``03``, ``ex03`` or its folder.

    A learner's deleted file does not hide an exercise: restoring it is one reason to ask.
    """
    wanted = name.strip().lower().rstrip("/\\").rsplit("/", 1)[-1]
    digits = wanted.removeprefix("ex").split("_", 1)[0]
    for exercise in all_exercises(base, require_files=False):
        if wanted == exercise.slug or (digits.isdigit() and int(digits) == exercise.number):
            return exercise
    known = ", ".join(f"{e.number:02d}" for e in all_exercises(base, require_files=False))
    raise LookupError(f"There is no exercise '{name}'. Known exercises: {known}.")
