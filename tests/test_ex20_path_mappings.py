"""ex20 really needs pathMappings: proven over DAP on the deployed service.

The service runs from the image folder its task builds (build/ex20_deploy/app),
not from exercises/ex20_path_mappings, which is where a learner sets the
breakpoint. One deployed service, three attaches, as a learner makes them:

- the configuration as shipped (VS Code's Remote Attach template maps
  ${workspaceFolder} to "."): debugpy looks for the file under the service's
  working folder, reports the breakpoint unverified, and the request is
  answered without a stop;
- no pathMappings at all: on this machine the repository's file exists, so
  debugpy calls the breakpoint verified, but the service never runs that file:
  the request is still answered without a stop (in a real container the
  file would be missing and the breakpoint unverified, as above);
- with the mapping the exercise expects the learner to write
  (``[debug.configuration]``): verified, and the request stops on the bug.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

from course.catalog import find
from tests.dap import (
    DebugSession,
    debug_session,
    free_port,
    kill_group,
    source_file,
    start_background_task,
    stop_breakpoints,
)
from tools.launch_json import LAUNCH_JSON, TASKS_JSON, load_jsonc

pytestmark = pytest.mark.slow  # starts a service and three debug sessions
EXERCISE = find("ex20")
SHIPPED = {c["name"]: c for c in load_jsonc(LAUNCH_JSON)["configurations"]}[EXERCISE.launch_name]
TASK = {t["label"]: t for t in load_jsonc(TASKS_JSON)["tasks"]}[SHIPPED["preLaunchTask"]]
TIMEOUT = 30.0


class Service:
    """The deployed service of a pristine copy, on free debug and HTTP ports."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.debug_port, self.http_port = free_port(), free_port()
        self.process = start_background_task(TASK, workspace, SHIPPED, self.debug_port,
                                             ("--port", str(self.http_port)), TIMEOUT)

    def configuration(self, **changes: object) -> dict:
        """The shipped configuration, connecting to this service, with ``changes``."""
        configuration = SHIPPED | changes
        configuration["connect"] = {"host": "127.0.0.1", "port": self.debug_port}
        return {key: value for key, value in configuration.items() if value is not None}

    def ask(self) -> int:
        """The app's request; its HTTP status once answered."""
        request = Request(f"http://127.0.0.1:{self.http_port}{EXERCISE.debug.request['path']}",
                          data=json.dumps(EXERCISE.debug.request["json"]).encode(),
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=TIMEOUT) as response:
            return response.status


@contextlib.contextmanager
def deployed(workspace: Path) -> Iterator[Service]:
    running = Service(workspace)
    try:
        yield running
    finally:
        kill_group(running.process)


@pytest.fixture(scope="module")
def service(make_repo_copy: Callable[[str], Path]) -> Iterator[Service]:
    with deployed(make_repo_copy("ex20")) as running:
        yield running


def breakpoint_state(session: DebugSession, service: Service) -> dict:
    """What VS Code draws for the breakpoint: debugpy's answer to setBreakpoints.

    The session already set it; setting it again, as an edit in VS Code does,
    returns the same verdict in the response.
    """
    source = source_file(EXERCISE, service.workspace)
    points = stop_breakpoints(EXERCISE.debug, source)
    body = session.request("setBreakpoints", {"source": {"path": str(source)},
                                              "breakpoints": points[source]})
    return body["breakpoints"][0]


def attach_and_ask(service: Service, configuration: dict) -> tuple[dict, int, list]:
    """Attach, read the breakpoint's state, send the request: (state, status, stops)."""
    source = source_file(EXERCISE, service.workspace)
    with debug_session(configuration, service.workspace,
                       stop_breakpoints(EXERCISE.debug, source)) as session:
        state = breakpoint_state(session, service)
        status = service.ask()  # held forever by a breakpoint that binds
        return state, status, session.events("stopped")


def test_the_shipped_template_mapping_leaves_the_breakpoint_unverified(service) -> None:
    state, status, stops = attach_and_ask(service, service.configuration())
    assert SHIPPED["pathMappings"] == [{"localRoot": "${workspaceFolder}", "remoteRoot": "."}]
    assert state["verified"] is False, state
    assert "does not exist" in state["message"], state
    assert (status, stops) == (200, [])


def test_without_a_mapping_the_breakpoint_never_stops_the_service(
        make_repo_copy: Callable[[str], Path]) -> None:
    """On a service (and an image folder) of its own: debugpy keeps the mapping of
    an earlier attach when the next one sends none."""
    with deployed(make_repo_copy("ex20-unmapped")) as service:
        state, status, stops = attach_and_ask(service,
                                              service.configuration(pathMappings=None))
    assert state["verified"] is True, "same machine: the repository's file exists"
    assert (status, stops) == (200, [])


def test_the_learners_mapping_binds_and_stops_on_the_bug(service) -> None:
    configuration = service.configuration(**EXERCISE.debug.configuration)
    source = source_file(EXERCISE, service.workspace)
    with debug_session(configuration, service.workspace,
                       stop_breakpoints(EXERCISE.debug, source)) as session:
        state = breakpoint_state(session, service)
        statuses: list[int] = []
        sender = threading.Thread(target=lambda: statuses.append(service.ask()))
        sender.start()
        stop = session.wait_for_stop(TIMEOUT)
        assert stop is not None
        where = (Path(stop.top.path).resolve(), stop.top.line)
        value = session.evaluate(EXERCISE.debug.expression, stop.top)
        session.resume(stop)
        sender.join(TIMEOUT)
    assert state["verified"] is True, state
    assert where == (source.resolve(), EXERCISE.debug.line)
    assert value == EXERCISE.debug.buggy
    assert statuses == [200], "the request is answered after continue"
