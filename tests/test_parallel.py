"""`make test` builds each shared fixture once however many workers run, and `make check`
leaves the slow tests out (tests/parallel.py)."""

from __future__ import annotations

import pytest

from course.catalog import ROOT

SHARED = """
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built():
    with open(Path(__file__).parent / "builds.txt", "a") as builds:
        builds.write(os.environ.get("PYTEST_XDIST_WORKER", "main") + "\\n")


@pytest.fixture(scope="session")
def site():
    return "a built site"


@pytest.mark.parametrize("n", range(6))
def test_uses_the_build(built, n):
    pass


@pytest.mark.parametrize("n", range(6))
def test_needs_nothing(n):
    pass


def test_reads_the_site(site):
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(
        "from tests.parallel import pytest_collection_modifyitems, pytest_configure  # noqa\n")
    pytester.makepyfile(test_shared=SHARED)
    return pytester


def test_tests_sharing_a_session_fixture_build_it_once_on_two_workers(suite: pytest.Pytester):
    """As `make test` runs: a session fixture of a file is built once, not once per worker."""
    suite.makepyfile(test_other="\n".join(
        f"def test_elsewhere_{n}():\n    pass\n" for n in range(6)))
    result = suite.runpytest_subprocess("-n", "2", "--dist", "loadfile", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=19)
    builds = (suite.path / "builds.txt").read_text().split()
    assert builds in (["gw0"], ["gw1"])


def test_the_inner_loop_leaves_out_tests_on_a_slow_fixture(suite: pytest.Pytester):
    result = suite.runpytest_subprocess("-m", "not slow", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=12, deselected=1)
