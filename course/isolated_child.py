"""The child side of an isolated grading run (see :mod:`course.isolated_run`).

It runs pytest with the course's own configuration and nothing else: no
conftest.py (the fixtures come from :mod:`course.datasets`), no ini file of the
checkout, no plugin but the grader, and streams each exercise's verdict to a
file as soon as it is reached. Started as ``python -I -S``, so neither
``PYTHON*`` variables nor a sitecustomize module nor ``.pth`` files run first.
"""

from __future__ import annotations

import json
import pdb
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from course.catalog import ROOT
from course.check_failures import LeftoverBreakpoint, shown_path
from course.pytest_plugin import PLUGIN_NAME, Grader

CONFIG_FILE = ROOT / "course" / "grading.ini"


class VerdictStream:
    """Writes one JSON line per exercise: ``started`` when its first test starts, then its
    outcome when its last test is done; ``done`` when the session ends normally."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("a", encoding="utf-8")
        self.grader: Grader | None = None
        self.last_item: dict[str, str] = {}  # slug -> node id of its last test
        self.written: set[str] = set()

    def write(self, line: dict) -> None:
        self.file.write(json.dumps(line) + "\n")
        self.file.flush()

    @pytest.hookimpl(trylast=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        self.grader = config.pluginmanager.get_plugin(PLUGIN_NAME)
        self.grader.after_stuck.append(self.write_outcomes)
        # No one can answer a debugger's prompt here: a leftover breakpoint() is named.
        sys.breakpointhook = pdb.set_trace = leftover_breakpoint

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            if found := self.grader.tally_for(item.nodeid):
                self.last_item[found[0].slug] = item.nodeid

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        found = self.grader.tally_for(nodeid)
        if found and found[0].slug not in self.written:
            self.write({"started": found[0].slug})

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        found = self.grader.tally_for(nodeid)
        if found and self.last_item.get(found[0].slug) == nodeid:
            self.write_outcomes(only=found[0].slug)

    def write_outcomes(self, only: str | None = None) -> None:
        for outcome in self.grader.outcomes():
            slug = outcome.exercise.slug
            if slug not in self.written and only in (None, slug):
                self.written.add(slug)
                self.write({"slug": slug, **outcome.to_record()})

    def pytest_sessionfinish(self) -> None:
        self.write_outcomes()
        self.write({"done": True})


def leftover_breakpoint(*_args, **_kwargs) -> None:
    caller = sys._getframe(1)
    raise LeftoverBreakpoint(f"{shown_path(caller.f_code.co_filename)} line {caller.f_lineno}")


def main(argv: Sequence[str]) -> int:
    if argv[0] == "--test-file":  # a learner's own regression test, judged by its status
        _, test, root = argv
        sys.breakpointhook = pdb.set_trace = leftover_breakpoint
        return int(pytest.main([test, *_isolated(root), "-p", "no:debugging", "-q", "--tb=no"]))
    results, *folders = argv
    arguments = [*folders, *_isolated(ROOT), "-p", "course.pytest_plugin",
                 "-q", "--tb=no", "-rN", "--no-header"]
    return int(pytest.main(arguments, plugins=[VerdictStream(Path(results))]))


def _isolated(root: str | Path) -> list[str]:
    """The course's own configuration and fixtures, and nothing of the checkout's."""
    return ["-c", str(CONFIG_FILE), "--rootdir", str(root), "--noconftest",
            "-p", "course.datasets", "-p", "no:cacheprovider"]
