"""Course commands spelled for the folder the learner is typing in.

``pytest exercises`` grades the lab from the repository root, but typed inside
``exercises/ex03_.../`` it fails with "file or directory not found". Every
message that recommends a command builds it here, from the current folder,
so the advice works where it is read.

Like ``course/interpreter.py``, this runs on the wrong Python too: no syntax
or module newer than Python 3.8.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"


def backslashes(windows: bool = os.name == "nt", environ=os.environ) -> bool:
    """Whether paths are typed with ``\\``: Windows, except in Git Bash (which sets MSYSTEM)."""
    return windows and "MSYSTEM" not in environ


def path_here(target: Path, cwd: Path | None = None, backslash: bool = False) -> str:
    """``target`` as typed from ``cwd``: relative inside the repository, absolute outside it."""
    # abspath, not resolve: .venv/bin/python is a link the learner types as such.
    here, there = os.path.abspath(Path.cwd() if cwd is None else cwd), os.path.abspath(target)
    try:
        Path(here).relative_to(ROOT)
        spelled = os.path.relpath(there, here)
    except ValueError:  # outside the repository (or another drive on Windows)
        spelled = there
    spelled = spelled.replace("\\", "/")
    return spelled.replace("/", "\\") if backslash else spelled


def grade_here(
    target: Path = EXERCISES, cwd: Path | None = None, runner: str = "pytest",
) -> str:
    """The command that grades ``target`` (the lab or one exercise folder) typed in ``cwd``.

    Bare ``pytest`` collects the current folder except at the root, where
    pyproject's ``testpaths`` sends it to the authors' suite.
    """
    cwd = Path.cwd() if cwd is None else cwd
    spelled = path_here(target, cwd)
    if spelled == "." and os.path.abspath(cwd) != str(ROOT):
        return runner
    return f"{runner} {spelled}"
