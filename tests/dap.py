"""A small Debug Adapter Protocol client that drives debugpy as VS Code does.

For "launch" it starts ``python -m debugpy.adapter`` and talks to it over
stdin/stdout (``Content-Length`` framing), answering the adapter's
``runInTerminal`` request by starting the process itself (what VS Code's
integrated terminal does); for "attach" with ``connect`` it speaks the same
protocol over TCP to the adapter that ``python -m debugpy --listen`` runs.
It offers the few requests the course's tests and benchmarks need, and turns
an exercise's ``[debug]`` table into breakpoints. Only debugpy and the
standard library are used. Every wait has a timeout, and a failure message
ends with the last messages exchanged and the program's output.

Protocol: https://microsoft.github.io/debug-adapter-protocol/specification
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from course.catalog import ROOT, DebugStop, Exercise

DEFAULT_TIMEOUT = 10.0
# A pseudo-event the reader appends when the adapter closes the connection,
# so that waits end at once instead of timing out.
ADAPTER_GONE = "<adapter exited>"
_VARIABLE = re.compile(r"\$\{([^}]+)\}")


class DapError(RuntimeError):
    """The adapter failed a request, or an awaited message never came."""


def as_the_learner_runs_it(exercise, configuration: dict) -> dict:
    """``configuration`` with what the exercise's page has the learner change or type in it
    first (``[debug.configuration]``: a path mapping, an input variable's value)."""
    return configuration | (exercise.debug.configuration or {})


def resolve_variables(value: object, workspace: Path, file: Path | None = None) -> object:
    """Substitute the VS Code variables our configurations use, recursively.

    An unknown variable raises, so a configuration that relies on anything
    else (a machine-specific path, an environment variable) fails loudly.
    """
    known = {
        "workspaceFolder": str(workspace),
        "command:python.interpreterPath": sys.executable,
    }
    if file is not None:
        known["file"] = str(file)

    def substitute(match: re.Match[str]) -> str:
        name = match[1]
        if name not in known:
            raise DapError(f"no value for the VS Code variable ${{{name}}}")
        return known[name]

    if isinstance(value, str):
        return _VARIABLE.sub(substitute, value)
    if isinstance(value, list):
        return [resolve_variables(item, workspace, file) for item in value]
    if isinstance(value, dict):
        return {key: resolve_variables(item, workspace, file) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Frame:
    id: int
    name: str
    path: str
    line: int


@dataclass(frozen=True)
class Stop:
    """One ``stopped`` event with the stack of the thread that stopped."""

    reason: str
    thread_id: int
    frames: tuple[Frame, ...]
    received_at: float  # perf_counter() when the event arrived

    @property
    def top(self) -> Frame:
        return self.frames[0]


def kill_group(process: subprocess.Popen) -> None:
    """Kill a process and everything it started (it leads its own session)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


class DebugAdapter:
    """A debug adapter and the messages exchanged with it.

    By default a ``debugpy.adapter`` started on stdin/stdout, as VS Code does
    for "launch". With ``connect`` (host, port), a TCP connection to the
    adapter a ``python -m debugpy --listen`` process runs, as VS Code does for
    an "attach" configuration with ``connect``.
    """

    def __init__(self, cwd: Path, connect: tuple[str, int] | None = None) -> None:
        # The debuggee's terminal; closed in close().
        self._output = tempfile.TemporaryFile()  # noqa: SIM115
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None
        if connect is None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "debugpy.adapter"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._output,
                start_new_session=True,
            )
            assert self._process.stdin is not None
            assert self._process.stdout is not None
            self._inbox, self._outbox = self._process.stdout, self._process.stdin
        else:
            self._socket = socket.create_connection(connect, timeout=DEFAULT_TIMEOUT)
            self._socket.settimeout(None)
            self._inbox, self._outbox = self._socket.makefile("rb"), self._socket.makefile("wb")
        self._seq = 0
        self._write_lock = threading.Lock()
        self._changed = threading.Condition()
        self._messages: list[dict] = []  # everything received, in order
        self._responses: dict[int, dict] = {}
        self._cursor = 0  # events before this index were already awaited
        self._terminals: list[subprocess.Popen] = []
        self._reader = threading.Thread(target=self._read_messages, daemon=True)
        self._reader.start()

    # -- transport ---------------------------------------------------------

    def _send(self, message: dict) -> int:
        with self._write_lock:
            self._seq += 1
            message = {"seq": self._seq, **message}
            body = json.dumps(message).encode()
            self._outbox.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self._outbox.flush()
            return self._seq

    def _read_one(self) -> dict | None:
        length = None
        while True:
            try:
                header = self._inbox.readline()
            except OSError:  # the connection was closed under us
                return None
            if not header:
                return None
            header = header.strip()
            if not header:
                break
            name, _, value = header.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if length is None:
            raise DapError("a message without Content-Length")
        return json.loads(self._inbox.read(length))

    def _read_messages(self) -> None:
        while (message := self._read_one()) is not None:
            message["_received"] = time.perf_counter()  # ours, for timings
            if message["type"] == "request":
                self._answer_reverse_request(message)
            with self._changed:
                self._messages.append(message)
                if message["type"] == "response":
                    self._responses[message["request_seq"]] = message
                self._changed.notify_all()
        with self._changed:
            self._messages.append({"type": "event", "event": ADAPTER_GONE})
            self._changed.notify_all()

    def _answer_reverse_request(self, request: dict) -> None:
        reply = {"type": "response", "request_seq": request["seq"],
                 "command": request["command"]}
        if request["command"] != "runInTerminal":
            self._send(reply | {"success": False, "message": "not supported by this client"})
            return
        try:
            terminal = self._run_in_terminal(request["arguments"])
        except OSError as error:
            self._send(reply | {"success": False, "message": str(error)})
            return
        self._send(reply | {"success": True, "body": {"processId": terminal.pid}})

    def _run_in_terminal(self, arguments: dict) -> subprocess.Popen:
        """Start the debuggee's launcher as VS Code's integrated terminal would."""
        env = os.environ.copy()
        for name, value in (arguments.get("env") or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        terminal = subprocess.Popen(
            arguments["args"],
            cwd=arguments.get("cwd") or None,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._terminals.append(terminal)
        return terminal

    # -- requests and events -----------------------------------------------

    def send_request(self, command: str, arguments: dict | None = None) -> int:
        """Send a request without waiting; pair with :meth:`response`."""
        message = {"type": "request", "command": command}
        if arguments is not None:
            message["arguments"] = arguments
        return self._send(message)

    def response(self, seq: int, timeout: float = DEFAULT_TIMEOUT) -> dict:
        with self._changed:
            if not self._changed.wait_for(lambda: seq in self._responses, timeout):
                raise self.error(f"no response to request #{seq} within {timeout} s")
            response = self._responses.pop(seq)
        if not response["success"]:
            raise self.error(f"{response['command']} failed: {response.get('message')}")
        return response.get("body") or {}

    def request(self, command: str, arguments: dict | None = None,
                timeout: float = DEFAULT_TIMEOUT) -> dict:
        return self.response(self.send_request(command, arguments), timeout)

    def wait_for_event(self, *names: str, timeout: float = DEFAULT_TIMEOUT,
                       where: Callable[[dict], bool] = lambda event: True) -> dict:
        """The next event, after those already awaited, named one of ``names``."""

        def find() -> int | None:
            for index in range(self._cursor, len(self._messages)):
                message = self._messages[index]
                if (message["type"] == "event" and message["event"] in names
                        and where(message)):
                    return index
            return None

        with self._changed:
            if not self._changed.wait_for(lambda: find() is not None, timeout):
                raise self.error(f"no {' or '.join(names)} event within {timeout} s")
            found = find()
            assert found is not None
            self._cursor = found + 1
            return self._messages[found]

    def events(self, name: str) -> list[dict]:
        with self._changed:
            return [m for m in self._messages if m["type"] == "event" and m["event"] == name]

    def program_output(self) -> str:
        """What the debuggee (and the adapter) wrote to their terminal."""
        self._output.flush()
        self._output.seek(0)
        return self._output.read().decode(errors="replace")

    def error(self, what: str, last: int = 15) -> DapError:
        """A :class:`DapError` that shows the recent conversation."""
        with self._changed:
            recent = self._messages[-last:]
        lines = [what, f"last {len(recent)} messages from the adapter:"]
        lines += ["  " + json.dumps(m)[:300] for m in recent]
        output = self.program_output().strip()
        if output:
            lines += ["program output (tail):", output[-2000:]]
        return DapError("\n".join(lines))

    def close(self) -> None:
        """Stop the adapter and anything it started; safe to call twice."""
        with contextlib.suppress(OSError):
            self._outbox.close()
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
            self._socket.close()
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=3)
            kill_group(self._process)
        for terminal in self._terminals:
            kill_group(terminal)
        self._reader.join(timeout=3)
        self._output.close()


class DebugSession(DebugAdapter):
    """One debug session: configure, start, then inspect where it stops."""

    def __init__(self, cwd: Path, connect: tuple[str, int] | None = None) -> None:
        super().__init__(cwd, connect)
        self._request = "launch"
        self.launched_at = 0.0  # perf_counter() when launch/attach was sent

    def start(self, configuration: dict, breakpoints: dict[Path, list[dict]],
              exception_filters: list[str], timeout: float = DEFAULT_TIMEOUT) -> None:
        """``initialize``, ``launch``/``attach``, breakpoints, ``configurationDone``.

        ``configuration`` is a launch.json entry with variables already
        resolved; ``breakpoints`` maps a source file to DAP
        ``SourceBreakpoint`` objects (line, condition, hitCondition, logMessage).
        """
        self.request("initialize", {
            "clientID": "vscode", "clientName": "course tests", "adapterID": "debugpy",
            "linesStartAt1": True, "columnsStartAt1": True, "pathFormat": "path",
            "supportsVariableType": True, "supportsRunInTerminalRequest": True,
        }, timeout)
        self._request = str(configuration["request"])
        # debugpy answers launch/attach only after configurationDone.
        self.launched_at = time.perf_counter()
        started = self.send_request(self._request, configuration)
        self.wait_for_event("initialized", timeout=timeout)
        for path, source_breakpoints in breakpoints.items():
            body = self.request("setBreakpoints", {
                "source": {"path": str(path)}, "breakpoints": source_breakpoints,
            }, timeout)
            if len(body.get("breakpoints", [])) != len(source_breakpoints):
                raise self.error(f"breakpoints in {path} were not all accepted")
        self.request("setExceptionBreakpoints", {"filters": exception_filters}, timeout)
        self.request("configurationDone", {}, timeout)
        self.response(started, timeout)

    def wait_for_stop(self, timeout: float = DEFAULT_TIMEOUT) -> Stop | None:
        """The next stop with its stack, or ``None`` when the program ended first."""
        event = self.wait_for_event("stopped", "terminated", ADAPTER_GONE,
                                    timeout=timeout)
        if event["event"] != "stopped":
            return None
        thread_id = event["body"]["threadId"]
        body = self.request("stackTrace", {"threadId": thread_id, "levels": 50})
        frames = tuple(
            Frame(f["id"], f["name"], (f.get("source") or {}).get("path", ""), f["line"])
            for f in body["stackFrames"]
        )
        return Stop(event["body"]["reason"], thread_id, frames, event["_received"])

    def evaluate(self, expression: str, frame: Frame, context: str = "watch") -> str:
        body = self.request("evaluate", {
            "expression": expression, "frameId": frame.id, "context": context,
        })
        return body["result"]

    def _step(self, command: str, stop: Stop) -> Stop:
        self.request(command, {"threadId": stop.thread_id})
        after = self.wait_for_stop()
        if after is None:
            raise self.error(f"the program ended during {command}")
        return after

    def step_in(self, stop: Stop) -> Stop:
        return self._step("stepIn", stop)

    def step_out(self, stop: Stop) -> Stop:
        return self._step("stepOut", stop)

    def resume(self, stop: Stop) -> None:
        self.request("continue", {"threadId": stop.thread_id})

    def log_output(self) -> str:
        """Everything logpoints (and the adapter) printed to the Debug Console."""
        return "".join(e["body"].get("output", "") for e in self.events("output")
                       if e["body"].get("category") in {"console", "stdout", "important"})

    def wait_until_terminated(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.wait_for_event("terminated", ADAPTER_GONE, timeout=timeout)

    def disconnect(self) -> None:
        """End the session: a launched program is stopped, an attached one keeps running."""
        with contextlib.suppress(DapError, OSError):
            self.request("disconnect", {"terminateDebuggee": self._request == "launch"},
                         timeout=5)


def source_file(exercise: Exercise, workspace: Path) -> Path:
    """[debug].file inside ``workspace`` (it may point outside the folder, e.g. build/)."""
    folder = workspace / exercise.folder.relative_to(ROOT)
    return Path(os.path.normpath(folder / exercise.debug.file))


def stop_breakpoints(debug: DebugStop, source: Path,
                     line: int | None = None) -> dict[Path, list[dict]]:
    """The breakpoint or logpoint of an exercise's [debug] table, in DAP terms.

    ``source`` is [debug].file resolved in the workspace; ``line`` overrides
    [debug].line. An exception stop needs no breakpoint, only its filter, and a
    pause ([debug].pause, on a hang) none at all.
    """
    if debug.exception or debug.pause:
        return {}
    point: dict[str, object] = {"line": debug.line if line is None else line}
    for key, value in {"condition": debug.condition, "hitCondition": debug.hit,
                       "logMessage": debug.log}.items():
        if value is not None:
            point[key] = value
    return {source: [point]}


def stop_exception_filters(debug: DebugStop) -> list[str] | None:
    """[debug].exception as a filter list; ``None`` keeps VS Code's default."""
    return [debug.exception] if debug.exception else None


@contextlib.contextmanager
def debug_session(configuration: dict, workspace: Path,
                  breakpoints: dict[Path, list[dict]] | None = None,
                  exception_filters: list[str] | None = None,
                  file: Path | None = None,
                  timeout: float = DEFAULT_TIMEOUT) -> Iterator[DebugSession]:
    """Start ``configuration`` (a launch.json entry) in ``workspace``, as F5 would.

    VS Code variables are resolved against ``workspace`` and ``file``. Without
    ``exception_filters`` the session breaks on uncaught exceptions only, as
    VS Code does by default.
    """
    resolved = resolve_variables(configuration, workspace, file)
    assert isinstance(resolved, dict)
    connect = resolved.get("connect") if resolved["request"] == "attach" else None
    session = DebugSession(workspace, connect and (connect["host"], connect["port"]))
    try:
        session.start(
            resolved,
            breakpoints or {},
            ["uncaught"] if exception_filters is None else exception_filters,
            timeout,
        )
        yield session
    finally:
        session.disconnect()
        session.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_line(process: subprocess.Popen, pattern: str,
                  timeout: float = DEFAULT_TIMEOUT) -> str:
    """Read ``process.stdout`` (text) until a line matches ``pattern``."""
    found: list[str] = []
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if re.search(pattern, line):
                found.append(line)
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        raise DapError(f"no line matching {pattern!r} within {timeout} s; "
                       f"output so far:\n{''.join(lines)[-2000:]}")
    return found[0]


def task_command(task: dict, workspace: Path, attach: dict, debug_port: int) -> list[str]:
    """A tasks.json process task's command line, listening on ``debug_port``.

    ``attach`` is the configuration that runs the task first; the task must
    listen exactly where that configuration connects (then moved to a free
    port, so that tests never collide with a learner's running server).
    """
    command = resolve_variables([task["command"], *task.get("args", [])], workspace)
    assert isinstance(command, list)
    connect = attach["connect"]
    listen = f"{connect['host']}:{connect['port']}"
    if listen not in command:
        raise DapError(f"task {task['label']!r} does not listen on {listen}, "
                       f"where {attach['name']!r} connects")
    command[command.index(listen)] = f"127.0.0.1:{debug_port}"
    return command


def start_background_task(task: dict, workspace: Path, attach: dict, debug_port: int,
                          extra_args: tuple[str, ...] = (),
                          timeout: float = 30.0) -> subprocess.Popen:
    """Start a background task as VS Code does; return once it reports ready.

    Ready is the first output line matching the task's ``endsPattern``, the
    line VS Code waits for before it attaches. Stop it with :func:`kill_group`.
    """
    process = subprocess.Popen(
        [*task_command(task, workspace, attach, debug_port), *extra_args],
        cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        wait_for_line(process, task["problemMatcher"]["background"]["endsPattern"], timeout)
    except BaseException:
        kill_group(process)
        raise
    return process


# -- pdb in a terminal: the procedure of the terminal exercises -----------------


def documented_command(exercise: Exercise, starts_with: str) -> list[str]:
    """The first command of the exercise's ``start`` that begins with ``starts_with``.

    Tests run exactly what the page tells a learner to type.
    """
    for line in exercise.start.splitlines():
        if line.strip().startswith(starts_with):
            return line.split()
    raise AssertionError(f"{exercise.slug}: 'start' shows no `{starts_with} ...` command")


def run_typed(command: list[str], typed: list[str], cwd: Path,
              timeout: float = 60.0) -> str:
    """Run a terminal command with ``typed`` lines on its stdin; return all it printed.

    pdb reads its commands from stdin one line at a time, as when a learner
    types them, and quits at the end of the input. ``python`` at the head of
    ``command`` is this virtualenv's interpreter.
    """
    if command[0] == "python":
        command = [sys.executable, *command[1:]]
    finished = subprocess.run(
        command, cwd=cwd, input="".join(f"{line}\n" for line in typed),
        capture_output=True, text=True, timeout=timeout,
    )
    return finished.stdout + finished.stderr


# -- Pause (F6) on a hang -----------------------------------------------------


def has_ended(session: DebugSession) -> bool:
    """Whether the program (or the adapter) is gone, without consuming any event."""
    return bool(session.events("terminated") or session.events(ADAPTER_GONE))


def wait_until_stalled(session: DebugSession, quiet: float,
                       timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Wait as a learner watching the terminal does before pressing Pause.

    True once the program has printed something and then nothing for
    ``quiet`` seconds while still running; False when it ends first.
    """
    deadline = time.monotonic() + timeout
    last, changed_at = "", time.monotonic()
    while time.monotonic() < deadline:
        if has_ended(session):
            return False
        output, now = session.program_output(), time.monotonic()
        if output != last:
            last, changed_at = output, now
        elif output and now - changed_at >= quiet:
            return True
        time.sleep(0.1)
    raise session.error(f"the program neither stalled nor ended within {timeout} s")


def thread_stack(session: DebugSession, thread_id: int) -> tuple[Frame, ...]:
    body = session.request("stackTrace", {"threadId": thread_id, "levels": 50})
    return tuple(
        Frame(f["id"], f["name"], (f.get("source") or {}).get("path", ""), f["line"])
        for f in body["stackFrames"]
    )


def pause_all_threads(session: DebugSession,
                      timeout: float = DEFAULT_TIMEOUT) -> dict[str, Stop]:
    """Press Pause as VS Code does, then read every thread, as the Call Stack lists them.

    VS Code sends ``pause`` for the focused thread; debugpy then suspends all
    threads. Returns each thread's stack by thread name.
    """
    threads = session.request("threads", timeout=timeout)["threads"]
    session.request("pause", {"threadId": threads[0]["id"]}, timeout)
    event = session.wait_for_event("stopped", timeout=timeout)
    return {
        thread["name"]: Stop(event["body"]["reason"], thread["id"],
                             thread_stack(session, thread["id"]), event["_received"])
        for thread in session.request("threads", timeout=timeout)["threads"]
    }


def stop_at(stops: dict[str, Stop], source: Path, line: int) -> Stop | None:
    """The paused thread whose top frame is ``source`` at ``line``, if one is."""
    for stop in stops.values():
        if stop.frames and (Path(stop.top.path).resolve(), stop.top.line) == (
                source.resolve(), line):
            return stop
    return None


# -- Child processes (multiprocessing workers) -----------------------------------


class ChildSessions:
    """A debug session for each child process a launched program starts.

    debugpy follows subprocesses by default. For each child it sends the client
    a ``debugpyAttach`` event whose body is a ready attach configuration: the
    parent's launch configuration with ``request: attach``, a ``connect``
    host and port (the adapter already serving the parent) and the child's
    ``subProcessId`` (debugpy/adapter/clients.py, ``notify_of_subprocess``).
    A client that advertises ``supportsStartDebuggingRequest``, as VS Code
    does, gets the same configuration in a ``startDebugging`` request
    instead. Either way the client opens a second session: it connects to
    that port, attaches with that configuration, and sends its breakpoints
    again, which is what :meth:`wait_for_stop` does for every child reported.
    """

    def __init__(self, parent: DebugSession, workspace: Path,
                 breakpoints: dict[Path, list[dict]], exception_filters: list[str]) -> None:
        self.parent, self.workspace = parent, workspace
        self.breakpoints, self.exception_filters = breakpoints, exception_filters
        self.sessions: list[DebugSession] = []

    def _attach_new_children(self, timeout: float) -> None:
        for event in self.parent.events("debugpyAttach")[len(self.sessions):]:
            configuration = event["body"]
            connect = configuration["connect"]
            child = DebugSession(self.workspace, (connect["host"], connect["port"]))
            self.sessions.append(child)
            # A child that has ended already (a short helper process) is no error.
            with contextlib.suppress(DapError):
                child.start(configuration, self.breakpoints, self.exception_filters, timeout)

    def wait_for_stop(self, timeout: float = DEFAULT_TIMEOUT) -> DebugSession | None:
        """The first child session that stopped, or ``None`` when the program ended first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._attach_new_children(timeout)
            for child in self.sessions:
                if child.events("stopped"):
                    return child
            if has_ended(self.parent):
                return None
            time.sleep(0.05)
        raise self.parent.error(f"no child process stopped within {timeout} s")

    def close(self) -> None:
        for child in self.sessions:
            child.disconnect()
            child.close()

    def __enter__(self) -> ChildSessions:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
