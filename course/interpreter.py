"""Is this the course's Python? If not, say so in one line and stop.

Learners often run ``pytest`` or ``python`` from outside ``.venv``: a global
pytest without pytest-timeout ends in a 40-line INTERNALERROR, and a Python
without pandas makes every exercise look broken. The grader
(``exercises/conftest.py``) and the course command (``exercises/__main__.py``)
call :func:`require_course_python` before importing anything else, so the
learner reads which interpreter ran and how to use ``.venv`` instead.

This module runs on the wrong Python by design: it uses no syntax or module
newer than Python 3.8, so it can explain itself to a Python 3.9 or 3.10 too.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

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
ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def missing_packages(find_spec=importlib.util.find_spec) -> list[str]:
    """The needed packages this interpreter cannot import (found, not imported: cheap)."""
    return [package for module, package in NEEDED.items() if find_spec(module) is None]


def venv_python(windows: bool) -> str:
    """The course interpreter as the learner types it from the repository root."""
    return r".venv\Scripts\python" if windows else ".venv/bin/python"


def _is_course_venv(prefix: str) -> bool:
    try:
        return Path(prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def complaint(
    command: str,
    version: tuple = tuple(sys.version_info[:3]),
    missing: list[str] | None = None,
    executable: str = sys.executable,
    prefix: str = sys.prefix,
    windows: bool = os.name == "nt",
) -> str | None:
    """One line saying why this interpreter cannot run ``command``, or None when it can."""
    missing = missing_packages() if missing is None else missing
    too_old = tuple(version[:2]) < MINIMUM
    if too_old:
        why = "is older than the Python 3.11 the course needs"
    elif missing:
        why = f"lacks {', '.join(missing)}"
    else:
        return None
    python = venv_python(windows)
    if _is_course_venv(prefix) and not too_old:
        fix = f"reinstall the course's packages: {python} -m pip install -r requirements.lock -e ."
    else:
        fix = (
            f"use the course's environment: {python} -m {command} "
            "(or activate .venv first; no .venv yet? see the README's set-up)"
        )
    shown = ".".join(str(part) for part in version)
    return f"This Python, {executable} ({shown}), {why}: {fix}"


def require_course_python(command: str) -> None:
    """Print the one-line complaint and exit with status 2 when this Python cannot run."""
    message = complaint(command)
    if message:
        # A SystemExit passes through pytest's conftest loading untouched: no traceback.
        print(message, file=sys.stderr)
        raise SystemExit(2)
