"""Is this the course's Python? If not, say so in one line and stop.

Learners often run ``pytest`` or ``python`` from outside ``.venv``: a global
pytest without pytest-timeout ends in a 40-line INTERNALERROR, and a Python
without pandas makes every exercise look broken. The grader
(``exercises/conftest.py``) and the course command (``exercises/__main__.py``)
call :func:`require_course_python` before importing anything else, so the
learner reads which interpreter ran and the one command that fixes it.

A ``.venv`` made by a too-old Python cannot be used, and running
``python3.12 -m venv .venv`` over it does not repair it: venv keeps the old
``bin/python`` link (it never replaces an existing one) while rewriting
``pyvenv.cfg`` with the new version. So the version is asked of ``.venv``'s
own interpreter, and the advice is to rebuild with ``--clear``.

This module runs on the wrong Python by design: it uses no syntax or module
newer than Python 3.8, so it can explain itself to a Python 3.9 or 3.10 too.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from course.commands import ROOT, backslashes, grade_here, path_here

MINIMUM = (3, 11)
# What the checks, the grader and the debugger import: import name -> package name.
NEEDED = {
    "pandas": "pandas",
    "numpy": "numpy",
    "sklearn": "scikit-learn",
    "pytest": "pytest",
    "pytest_timeout": "pytest-timeout",
    "debugpy": "debugpy",
}
# What the authors' suite imports while collecting and requirements.lock lacks.
AUTHORS_TOOLS = ("yaml", "mkdocs")
INSTALL = "-m pip install --no-compile -r requirements.lock -e ."
VENV = ROOT / ".venv"
BROKEN = ()  # the version of a .venv whose interpreter does not start


def missing_packages(find_spec=importlib.util.find_spec) -> list[str]:
    """The needed packages this interpreter cannot import (found, not imported: cheap)."""
    return [package for module, package in NEEDED.items() if find_spec(module) is None]


def venv_python(windows: bool, venv: Path = VENV) -> Path:
    """The course interpreter's file (``Scripts`` on Windows, ``bin`` elsewhere)."""
    return venv / "Scripts" / "python" if windows else venv / "bin" / "python"


def venv_version(venv: Path = VENV, windows: bool = os.name == "nt") -> tuple | None:
    """The version of ``venv``'s interpreter; None without a .venv, BROKEN when it cannot run.

    Asked of the interpreter itself: ``pyvenv.cfg`` names the last Python that
    ran ``venv`` over the folder, not the one ``bin/python`` starts.
    """
    if not venv.is_dir():
        return None
    ask = "import sys; print(*sys.version_info[:3])"
    try:
        answer = subprocess.run(
            [str(venv_python(windows, venv)), "-c", ask],
            capture_output=True, text=True, timeout=30, check=True,
        )
        return tuple(int(part) for part in answer.stdout.split())
    except (OSError, ValueError, subprocess.SubprocessError):
        return BROKEN


def _is_course_venv(prefix: str) -> bool:
    try:
        return Path(prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def _creator(version: tuple, windows: bool) -> str:
    """A Python new enough to build .venv: this one if it is, else 3.12."""
    major, minor = version[:2] if tuple(version[:2]) >= MINIMUM else (3, 12)
    return f"py -V:{major}.{minor}" if windows else f"python{major}.{minor}"


def complaint(
    command: str,
    version: tuple = tuple(sys.version_info[:3]),
    missing: list[str] | None = None,
    executable: str = sys.executable,
    prefix: str = sys.prefix,
    windows: bool = os.name == "nt",
    backslash: bool | None = None,
    cwd: Path | None = None,
    course_venv: tuple | None = None,
) -> str | None:
    """One line saying why this interpreter cannot run ``command``, or None when it can.

    ``command`` is what follows ``python -m``; a ``pytest`` one is spelled for
    ``cwd``. ``course_venv`` is the .venv's version (found when needed).
    """
    missing = missing_packages() if missing is None else missing
    too_old = tuple(version[:2]) < MINIMUM
    if too_old:
        why = "is older than the Python 3.11 the course needs"
    elif missing:
        why = f"lacks {', '.join(missing)}"
    else:
        return None
    backslash = backslashes(windows) if backslash is None else backslash
    here = Path.cwd() if cwd is None else cwd
    python = path_here(venv_python(windows), here, backslash)
    in_venv = _is_course_venv(prefix)
    if course_venv is None:
        course_venv = version if in_venv else venv_version(windows=windows)
    if course_venv is not None and tuple(course_venv[:2]) < MINIMUM:
        fix = _rebuild(version, windows, backslash, here)
    elif in_venv:
        fix = f"reinstall the course's packages: {_from_root(backslash, here)}{python} {INSTALL}"
    else:
        if command.split()[0] == "pytest":
            command = grade_here(cwd=here)
        fix = (
            f"use the course's environment: {python} -m {command} "
            "(or activate .venv first; no .venv yet? see the README's set-up)"
        )
    shown = ".".join(str(part) for part in version)
    return f"This Python, {executable} ({shown}), {why}: {fix}"


def _from_root(backslash: bool, cwd: Path) -> str:
    """``cd`` to the repository first when the command names its files from there."""
    if cwd.resolve() == ROOT:
        return ""
    return f"cd {path_here(ROOT, cwd, backslash)}, then "


def _rebuild(version: tuple, windows: bool, backslash: bool, cwd: Path) -> str:
    python = venv_python(windows).relative_to(ROOT).as_posix()
    if backslash:
        python = python.replace("/", "\\")
    return (
        "the course's .venv was made by a Python older than 3.11; rebuild it: "
        f"{_from_root(backslash, cwd)}{_creator(version, windows)} -m venv --clear .venv, "
        f"then {python} {INSTALL}"
    )


def require_course_python(command: str) -> None:
    """Print the one-line complaint and exit with status 2 when this Python cannot run."""
    message = complaint(command)
    if message:
        # A SystemExit passes through pytest's conftest loading untouched: no traceback.
        print(message, file=sys.stderr)
        raise SystemExit(2)


def require_authors_tools(cwd: Path | None = None) -> None:
    """Stop the authors' suite in one line where only the learner's packages are installed.

    A plain ``pytest`` at the root runs ``tests/`` (pyproject's testpaths),
    which needs requirements-dev.lock; a learner wanted the lab.
    """
    if all(importlib.util.find_spec(module) for module in AUTHORS_TOOLS):
        return
    print(
        "This is the course authors' test suite. To grade your exercises: "
        f"{grade_here(cwd=cwd)} (authors: make test)",
        file=sys.stderr,
    )
    raise SystemExit(2)
