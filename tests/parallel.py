"""How `make test` spreads the suite over every core, and what `make check` leaves out.

`make test` runs pytest-xdist with ``--dist loadfile``: each test file runs on one
worker, so a fixture a file builds once per session or module (a site build, a
browser, every debug session, a graded lab) is built once, not once per worker.
(``--dist loadgroup`` would split files finer, but xdist 3.8 marks a group by
rewriting ``item._nodeid``, which pytest 9.2's nodes no longer read: every test
becomes its own group.) The hook below marks the slow tests, which `make check`
leaves out with ``-m "not slow"``.
"""

from __future__ import annotations

import pytest

# Tests that start a debugger, a browser, a kernel or a venv, build the site, or grade a
# whole copy of the lab. Seconds each, minutes together.
SLOW_MODULES = {"test_debugger.py", "test_debugger_postmortem.py", "test_debugger_threads.py",
                "test_debug_test_config.py", "test_tool_facts.py", "test_tamper.py",
                "test_ex21_notebook.py", "test_ex22_intermittent.py", "test_worked_example.py",
                "test_version_facts.py", "test_watch.py"}
SLOW_FIXTURES = {"repo_copy", "unfixed_cases", "solved_cases", "site", "site_dir", "offline_site",
                 "kernel", "runs", "old_venv_repo"}


def is_slow(item: pytest.Item) -> bool:
    return item.path.name in SLOW_MODULES or not SLOW_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ()))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: left out of `make check` (see tests/parallel.py)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
