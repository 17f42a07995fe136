"""Shared fixtures for the project's tests: temporary copies of the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent


def tracked_files(root: Path = ROOT) -> list[str]:
    """The repository's files as a fresh clone plus work in progress would have them."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, capture_output=True, check=True, text=True,
    ).stdout
    return [name for name in listing.split("\0") if name and (root / name).is_file()]


def copy_repository(destination: Path) -> Path:
    """Copy the git-tracked and untracked-not-ignored files (no .venv, site/ or build/)."""
    for name in tracked_files():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return destination


def run_pytest(
    repo: Path, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run pytest in ``repo`` with this virtualenv's interpreter, as a learner would."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=repo, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the repository, free to break."""
    return copy_repository(tmp_path / "repo")


@pytest.fixture(scope="session")
def make_repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Session-wide copies, for expensive runs shared by several tests."""
    return lambda name: copy_repository(tmp_path_factory.mktemp(name))


@pytest.fixture(scope="session")
def run_pytest_in() -> Callable[..., subprocess.CompletedProcess[str]]:
    """:func:`run_pytest`, for tests: ``run_pytest_in(repo, "exercises", "-q")``."""
    return run_pytest
