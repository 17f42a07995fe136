"""Run outside .venv, the grader and the course command say so in one line."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from course import interpreter
from course.catalog import ROOT

# A Python with pytest but neither pytest-timeout nor its plugin: a bare global pytest.
GLOBAL_PYTEST = (
    "import sys; sys.modules['pytest_timeout'] = None; import pytest; "
    "sys.exit(pytest.main(['exercises', '-p', 'no:cacheprovider']))"
)


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, **env},
    )


def test_a_global_pytest_without_the_timeout_plugin_gets_one_line_not_an_internal_error():
    result = run(["-c", GLOBAL_PYTEST], PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    assert result.returncode == 2
    assert "INTERNALERROR" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert sys.executable in lines[0]
    assert "lacks pytest-timeout" in lines[0]
    python = interpreter.venv_python(os.name == "nt")
    # Run from .venv itself (as here), the advice is to reinstall, else to use .venv.
    assert f"{python} -m pytest exercises" in lines[0] or f"{python} -m pip install" in lines[0]


def test_the_course_command_without_the_packages_gets_one_line():
    result = run(["-S", "-m", "exercises", "progress"])  # -S: no site-packages at all
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "pandas" in lines[0]
    assert "-m exercises" in lines[0]
    assert "checkout" not in lines[0]


def test_an_old_python_is_named_with_the_version_it_needs():
    message = interpreter.complaint(
        "pytest exercises", version=(3, 9, 6), missing=[], executable="/usr/bin/python3",
        prefix="/usr", windows=False,
    )
    assert message.startswith("This Python, /usr/bin/python3 (3.9.6), is older than")
    assert ".venv/bin/python -m pytest exercises" in message


def test_windows_learners_are_shown_the_scripts_folder():
    message = interpreter.complaint(
        "exercises", version=(3, 12, 1), missing=["pandas"], executable="C:\\Python312\\python.exe",
        prefix="C:\\Python312", windows=True,
    )
    assert ".venv\\Scripts\\python -m exercises" in message


def test_a_half_installed_venv_is_told_to_reinstall_the_lock():
    message = interpreter.complaint(
        "exercises", version=(3, 12, 1), missing=["debugpy"], prefix=str(interpreter.VENV),
    )
    assert "-m pip install -r requirements.lock" in message


def test_the_course_environment_passes():
    assert interpreter.complaint("exercises", missing=[]) is None
    assert interpreter.missing_packages() == []


def test_the_check_itself_parses_on_old_pythons():
    """Its job is to run on the wrong Python, so it may not use 3.11 syntax."""
    for path in (ROOT / "course" / "interpreter.py", ROOT / "exercises" / "__main__.py"):
        ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 8))
