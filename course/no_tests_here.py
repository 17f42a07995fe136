"""A plain ``pytest`` typed in a folder of the repository that holds no test says what to run.

Loaded by pytest as a plugin of the installed course package (``pip install -e .``
registers it under ``pytest11`` in pyproject.toml), so it costs nothing where the
course is not installed, and the isolated grading runs never load it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.commands import ROOT, grade_here


def pytest_terminal_summary(terminalreporter, exitstatus: int) -> None:
    if exitstatus != pytest.ExitCode.NO_TESTS_COLLECTED:
        return
    if not Path.cwd().resolve().is_relative_to(ROOT):
        return
    terminalreporter.write_line(
        f"No test in this folder. To grade your exercises: {grade_here()} "
        "(course authors: make test)"
    )
