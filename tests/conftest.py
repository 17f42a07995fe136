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


# --- parallel runs (`make test`: pytest-xdist, -n auto --dist loadgroup) -----------------


def shared_fixtures(item: pytest.Item) -> set[str]:
    """The fixtures of a test module built once per session or module that ``item`` uses:
    the expensive ones (a site build, a browser, every debug session, a graded lab). The
    conftest's factories are cheap and may be built on every worker."""
    definitions = getattr(item, "_fixtureinfo", None)
    found = set()
    for name, defs in (definitions.name2fixturedefs.items() if definitions else ()):
        fixture = defs[-1]
        if fixture.scope in ("session", "module") and fixture.baseid.endswith(".py"):
            found.add(f"{fixture.baseid}::{name}")
    return found


def groups_of_shared_work(items: list[pytest.Item]) -> dict[pytest.Item, str]:
    """Tests joined when they share such a fixture, directly or through others (union-find)."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    uses = {item: sorted(shared_fixtures(item)) for item in items}
    for names in uses.values():
        for other in names[1:]:
            parent[root(other)] = root(names[0])
    return {item: root(names[0]) for item, names in uses.items() if names}


# What `make check` leaves out (`-m "not slow"`): tests that start a debugger, a browser or
# a kernel, build the site, or grade a whole copy of the lab. Seconds each, minutes together.
SLOW_MODULES = {"test_debugger.py", "test_debugger_postmortem.py", "test_debugger_threads.py",
                "test_debug_test_config.py", "test_tool_facts.py"}
SLOW_FIXTURES = {"repo_copy", "unfixed_cases", "solved_cases", "site", "site_dir", "offline_site",
                 "kernel", "runs", "old_venv_repo"}


def is_slow(item: pytest.Item) -> bool:
    return item.path.name in SLOW_MODULES or not SLOW_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ()))


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the slow tests; under `--dist loadgroup`, the tests that share an expensive
    fixture run on one worker, so it is built once, not once per worker, and every other
    test goes where a core is free."""
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
    if config.pluginmanager.has_plugin("xdist"):
        for item, group in groups_of_shared_work(items).items():
            item.add_marker(pytest.mark.xdist_group(group))
