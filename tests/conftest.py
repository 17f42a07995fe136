"""Shared fixtures for the project's tests: temporary copies of the repository.

Every copy is pristine (the lab as the course ships it, from the manifest and
git), so the tests judge the course, not the learner's work in progress.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from course.catalog import ROOT
from course.git_history import HistoryError
from tests.lab import pristine_repository, run_pytest

pytest_plugins = ["pytester"]


def originals_out_of_reach() -> bool:
    """A shallow clone or a copy without git: a fork's solved files hide the originals."""
    found = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    )
    return found.returncode != 0 or found.stdout.strip() == "true"


def pristine_or_skip(destination: Path) -> Path:
    """A pristine copy; skipped where git cannot have the originals, failed where it should."""
    try:
        return pristine_repository(destination)
    except HistoryError as error:
        if originals_out_of_reach():
            pytest.skip(f"the course's original files are not available here: {error}")
        raise


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away pristine copy of the repository."""
    return pristine_or_skip(tmp_path / "repo")


@pytest.fixture(scope="session")
def make_repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Session-wide pristine copies, for expensive runs shared by several tests."""
    return lambda name: pristine_or_skip(tmp_path_factory.mktemp(name))


@pytest.fixture(scope="session")
def run_pytest_in() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run pytest in a copy with this virtualenv's interpreter: ``run_pytest_in(repo, "-q")``."""
    return run_pytest
