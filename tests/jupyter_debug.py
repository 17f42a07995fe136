"""Drive an IPython kernel's own debugger as VS Code's Jupyter extension does for Debug Cell.

The Jupyter debug protocol wraps Debug Adapter Protocol messages in Jupyter
messages: a request goes out as ``debug_request`` on the control channel, its
answer comes back as ``debug_reply``, and events (``stopped``, ``continued``)
arrive as ``debug_event`` on IOPub
(https://jupyter-client.readthedocs.io/en/stable/messaging.html#debug-request).
ipykernel answers ``dumpCell`` with the file it compiles a cell's code under
(a hash of the code in a per-kernel temporary folder), so a breakpoint set on
that file stops in the cell, and it answers ``configurationDone`` itself,
having sent debugpy its own during ``attach``
(https://github.com/ipython/ipykernel/blob/main/ipykernel/debugger.py).

The order of :func:`debug_cell` is the extension's: ``initialize``,
``debugInfo`` (which it sends on its way to ``attach``), ``attach``,
``dumpCell`` before each ``setBreakpoints``, ``configurationDone``, a hidden
``debugpy.debug_this_thread()``, then the cell runs; the session ends with
``disconnect`` once the cell is done
(https://github.com/microsoft/vscode-jupyter/blob/main/src/notebooks/debugger/kernelDebugAdapterBase.ts,
controllers/debugCellController.ts and helper.ts there).

Every wait has a deadline: a kernel that never answers fails the test instead
of hanging it.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ipykernel.kernelspec import write_kernel_spec
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

KERNEL_NAME = "course-python"
# What VS Code says about itself in ``initialize`` (the DAP client's capabilities).
CLIENT_CAPABILITIES = {
    "clientID": "vscode", "clientName": "Visual Studio Code", "adapterID": "python",
    "pathFormat": "path", "linesStartAt1": True, "columnsStartAt1": True,
    "supportsVariableType": True, "supportsVariablePaging": True,
    "supportsRunInTerminalRequest": True, "locale": "en",
}


class KernelTimeout(AssertionError):
    """The kernel did not answer in time (raised instead of waiting for ever)."""


@dataclass(frozen=True)
class CellStop:
    """What Debug Cell showed: where it stopped, the value there, and how the cell ended."""

    cell_path: str  # the file ``dumpCell`` named for the breakpoint's cell
    frame_path: str  # the file of the frame it stopped in
    line: int
    function: str
    value: str
    error: str  # how the cell ended after Continue: "" or "ValueError: ..."


class NotebookKernel:
    """An ipykernel from this virtualenv, started in a notebook's folder as Jupyter does."""

    def __init__(self, folder: Path, spec_dir: Path, timeout: float) -> None:
        self.timeout = timeout
        write_kernel_spec(spec_dir / KERNEL_NAME)  # this interpreter, whatever else is installed
        env = {name: value for name, value in os.environ.items()
               if name != "IPYKERNEL_CELL_NAME"}  # it would rename every cell's file
        specs = KernelSpecManager(kernel_dirs=[str(spec_dir)])
        self.manager = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)
        self.manager.start_kernel(cwd=str(folder), env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=timeout)
        self.cell_folder: str | None = None
        self._seq = itertools.count(1)

    def __enter__(self) -> NotebookKernel:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
        if self.cell_folder:  # the cells dumped for the debugger, as the extension removes them
            shutil.rmtree(self.cell_folder, ignore_errors=True)

    def _next(self, channel: str, what: str, deadline: float) -> dict:
        remaining = deadline - time.monotonic()
        try:
            return getattr(self.client, f"get_{channel}_msg")(timeout=max(remaining, 0.01))
        except queue.Empty:
            raise KernelTimeout(f"no {what} from the kernel within {self.timeout:.0f} s") from None

    def execute(self, code: str, **options: object) -> str:
        """Send ``code`` to run as a notebook cell; the request's id."""
        return self.client.execute(code, **options)

    def reply(self, msg_id: str) -> dict:
        """The content of the execute_reply to ``msg_id``."""
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._next("shell", "execute_reply", deadline)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def run(self, code: str, **options: object) -> dict:
        """Run ``code`` as a notebook cell and wait for it; its execute_reply's content."""
        return self.reply(self.execute(code, **options))

    def debug(self, command: str, arguments: dict | None = None) -> dict:
        """One DAP request through ``debug_request``; the DAP response (``success`` checked)."""
        request = {"type": "request", "seq": next(self._seq),
                   "command": command, "arguments": arguments or {}}
        message = self.client.session.msg("debug_request", request)
        self.client.control_channel.send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._next("control", f"debug_reply to {command}", deadline)
            if reply["parent_header"].get("msg_id") == message["header"]["msg_id"]:
                response = reply["content"]
                if not response.get("success"):
                    raise AssertionError(f"the kernel's debugger refused {command}: {response}")
                return response

    def wait_for_stop(self, msg_id: str) -> dict:
        """The ``stopped`` debug_event of the running cell ``msg_id``; an error if the cell
        finishes first (its kernel goes idle) or the deadline passes."""
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._next("iopub", "'stopped' debug_event", deadline)
            content = message["content"]
            if message["msg_type"] == "debug_event" and content.get("event") == "stopped":
                return content
            if (message["msg_type"] == "status" and content.get("execution_state") == "idle"
                    and message["parent_header"].get("msg_id") == msg_id):
                raise AssertionError("the cell ran to its end without stopping at the breakpoint")


def debug_cell(kernel: NotebookKernel, *, breakpoint_cell: str, line: int, cell: str,
               expression: str) -> CellStop:
    """Debug Cell on ``cell`` with a breakpoint at ``line`` of ``breakpoint_cell`` (code of
    cells run before): stop, evaluate ``expression`` in the stopped frame, Continue."""
    kernel.debug("initialize", CLIENT_CAPABILITIES)
    try:
        info = kernel.debug("debugInfo")["body"]
        kernel.cell_folder = kernel.cell_folder or info["tmpFilePrefix"]
        kernel.debug("attach", {"justMyCode": True})
        path = kernel.debug("dumpCell", {"code": breakpoint_cell})["body"]["sourcePath"]
        placed = kernel.debug("setBreakpoints", {
            "source": {"path": path}, "breakpoints": [{"line": line}], "sourceModified": False,
        })["body"]["breakpoints"]
        if not all(spot.get("verified") for spot in placed):
            raise AssertionError(f"the breakpoint at line {line} was not verified: {placed}")
        kernel.debug("configurationDone")
        kernel.run("import debugpy\ndebugpy.debug_this_thread()", silent=True)
        running = kernel.execute(cell)
        thread = kernel.wait_for_stop(running)["body"]["threadId"]
        frame = kernel.debug("stackTrace", {"threadId": thread})["body"]["stackFrames"][0]
        value = kernel.debug("evaluate", {
            "expression": expression, "frameId": frame["id"], "context": "watch",
        })["body"]["result"]
        kernel.debug("continue", {"threadId": thread})
        reply = kernel.reply(running)
    finally:
        kernel.debug("disconnect", {"restart": False})
    return CellStop(
        cell_path=path, frame_path=frame["source"]["path"], line=frame["line"],
        function=frame["name"], value=value,
        error="" if reply["status"] == "ok" else f"{reply.get('ename')}: {reply.get('evalue')}",
    )
