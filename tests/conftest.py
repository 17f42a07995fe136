"""Shared fixtures for the project's tests: temporary copies of the repository.

Every copy is pristine (the lab as the course ships it, from the manifest and
git), so the tests judge the course, not the learner's work in progress.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from course.interpreter import require_authors_tools
from tests.lab import pristine_or_skip, run_pytest

# Marks the slow tests that `make check` leaves out.
from tests.parallel import pytest_collection_modifyitems, pytest_configure  # noqa: F401

# A learner's plain `pytest` at the root lands here: without the authors'
# packages, one line on what to run instead of collection errors.
require_authors_tools()

pytest_plugins = ["pytester"]


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
