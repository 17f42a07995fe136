"""Debugging a test works from Run and Debug and from the Testing view.

VS Code hands the same launch.json entry to debugpy in two shapes, which the
Python extensions' source settles:

- **Run and Debug (F5)** sends the configuration as it is, variables
  substituted: the debugpy extension fills in a program only for an empty
  configuration (vscode-python-debugger,
  ``src/extension/debugger/configuration/resolvers/launch.ts``).
- **Debug Test in the Testing view** (vscode-python,
  ``src/client/testing/common/debugLauncher.ts``, ``convertConfigToArgs``
  and ``applyDefaults``; the arguments come from
  ``src/client/testing/testController/pytest/pytestExecutionAdapter.ts``)
  takes the first configuration whose ``purpose`` holds ``debug-test`` and:
  sets ``program`` to ``python_files/vscode_pytest/run_pytest_script.py``;
  sets ``args`` to ``python.testing.pytestArgs`` without its files and
  folders, plus ``--rootdir <cwd>`` and ``--capture no``; writes the chosen
  test ids to a file named by ``RUN_TEST_IDS_PIPE`` in ``env`` (they are
  not ``args``), adds ``TEST_RUN_PIPE`` (where its pytest plugin reports) and
  puts its ``python_files`` folder and the cwd on ``PYTHONPATH``; empties
  ``purpose``; and keeps every other key, ``env`` included.

The extension's runner ships inside the VS Code extension, not on PyPI, so
:data:`RUNNER_STAND_IN` does what it does (read the ids from the file, run
``pytest.main(args + ids)``) without its ``-p vscode_pytest`` plugin, whose
only job is to report results over the ``TEST_RUN_PIPE`` named pipe.

So the ``debug-test`` configuration names no target, and Run and Debug has
its own entry for the open test file (pytest as a module). Each must stop in
ex09's failing test, with ``PYTEST_ADDOPTS`` (the way to pass ``--no-cov``)
reaching pytest.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import pytest

from course.catalog import Exercise, all_exercises
from tests.dap import (
    DapError,
    debug_session,
    resolve_variables,
    source_file,
    stop_breakpoints,
)
from tests.lab import shipped_check, shipped_lab
from tools.launch_json import LAUNCH_JSON, load_jsonc

CONFIGURATIONS = load_jsonc(LAUNCH_JSON)["configurations"]
DEBUG_TEST = next(c for c in CONFIGURATIONS if "debug-test" in c.get("purpose", []))
CURRENT_TEST_FILE = next(c for c in CONFIGURATIONS if c["name"] == "Debug the current test file")
# The exercise that trains debugging a failing test: its configuration runs pytest.
EXERCISE = next(e for e in all_exercises() if e.launch.get("module") == "pytest")
WAIT = 30.0

RUNNER_STAND_IN = '''\
import os, pathlib, sys
import pytest
ids = pathlib.Path(os.environ["RUN_TEST_IDS_PIPE"]).read_text(encoding="utf-8").splitlines()
sys.path.insert(0, os.getcwd())
sys.exit(pytest.main([*sys.argv[1:], *ids]))
'''


def chosen_test_ids(exercise: Exercise) -> list[str]:
    """The ids the Testing view writes for the tests of the check file."""
    path = shipped_check(exercise)
    names = re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    return [f"{path}::{name}" for name in names]


def as_run_and_debug(configuration: dict, open_file: Path) -> dict:
    """What F5 sends: the configuration, with ${file} the file open in the editor."""
    return resolve_variables(configuration, shipped_lab(), open_file)


def as_debug_test(configuration: dict, ids: list[str], tmp_path: Path) -> dict:
    """What the Testing view's Debug Test sends for the chosen test ids."""
    launch = copy.deepcopy(configuration)
    plugin_folder = tmp_path / "python_files"
    runner = plugin_folder / "vscode_pytest" / "run_pytest_script.py"
    runner.parent.mkdir(parents=True)
    runner.write_text(RUNNER_STAND_IN, encoding="utf-8")
    ids_file = tmp_path / "test-ids.txt"
    ids_file.write_text("\n".join(ids), encoding="utf-8")
    launch["program"] = str(runner)
    # python.testing.pytestArgs is ["exercises"]: a folder, which the extension drops.
    launch["args"] = ["--rootdir", "${workspaceFolder}", "--capture", "no"]
    # VS Code substitutes variables after that: ${file} has gone with the args.
    launch = resolve_variables(launch, shipped_lab())
    cwd = launch.setdefault("cwd", str(shipped_lab()))
    launch.setdefault("console", "internalConsole")
    launch.setdefault("subProcess", True)
    launch["env"] = launch.get("env", {}) | {
        "TEST_RUN_PIPE": str(tmp_path / "results-pipe"), "RUN_TEST_IDS_PIPE": str(ids_file),
        "PYTHONPATH": os.pathsep.join([str(plugin_folder), cwd]),
    }
    launch["purpose"] = []
    return launch


def assert_stops_in_the_failing_test(launch: dict) -> None:
    source = source_file(EXERCISE, shipped_lab())
    with debug_session(launch, shipped_lab(), stop_breakpoints(EXERCISE.debug, source)) as session:
        stop = session.wait_for_stop(WAIT)
        assert stop is not None, session.program_output()[-2000:]
        assert (Path(stop.top.path).resolve(), stop.top.line) == (source, EXERCISE.debug.line)
        assert shipped_check(EXERCISE).resolve() in [Path(f.path).resolve() for f in stop.frames]
        assert session.evaluate(EXERCISE.debug.expression, stop.top) == EXERCISE.debug.buggy
        addopts = session.evaluate("__import__('os').environ.get('PYTEST_ADDOPTS')", stop.top)
        assert addopts == repr(DEBUG_TEST["env"]["PYTEST_ADDOPTS"]), "options reach pytest"


def test_run_and_debug_stops_in_the_failing_test_of_the_open_file() -> None:
    assert_stops_in_the_failing_test(as_run_and_debug(CURRENT_TEST_FILE, shipped_check(EXERCISE)))


def test_the_testing_views_debug_test_stops_in_the_failing_test(tmp_path: Path) -> None:
    assert_stops_in_the_failing_test(as_debug_test(DEBUG_TEST, chosen_test_ids(EXERCISE), tmp_path))


@pytest.mark.parametrize(("change", "refusal"), [
    # The old shape: the Testing view's program beside "module".
    ({"module": "pytest"}, "mutually exclusive"),
    # Run and Debug on the Testing view's entry: no target at all.
    ({}, "must be specified"),
])
def test_debugpy_refuses_the_shapes_this_configuration_avoids(tmp_path: Path, change: dict,
                                                              refusal: str) -> None:
    configuration = {k: v for k, v in (DEBUG_TEST | change).items() if v is not None}
    if "module" in change:
        launch = as_debug_test(configuration, chosen_test_ids(EXERCISE), tmp_path)
    else:
        launch = as_run_and_debug(configuration, shipped_check(EXERCISE))
    with pytest.raises(DapError, match=refusal), debug_session(launch, shipped_lab()) as session:
        session.wait_for_stop(WAIT)
