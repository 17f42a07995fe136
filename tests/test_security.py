"""Nothing the course starts listens beyond this machine.

A debug port accepts arbitrary code, so debugpy and every server of the
course (the ex12 model server, ``mkdocs serve``) must bind the loopback
interface only. The scan covers every configuration, task, script, workflow,
Makefile and Python file; the last test starts the ex12 server under debugpy
as its VS Code task does and reads the kernel's socket table.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from course.catalog import ROOT, all_exercises
from tests.dap import free_port, kill_group, start_background_task
from tools.launch_json import LAUNCH_JSON, TASKS_JSON, load_jsonc

SCANNED_SUFFIXES = {".py", ".json", ".toml", ".yml", ".yaml", ".cfg", ".ini", ".sh", ".ipynb"}
SCANNED_NAMES = {"Makefile", "Dockerfile", "run"}  # run: .ci/run
LOOPBACK = r"(?:127\.0\.0\.1|localhost)"
# An option, then all the quotes, commas and spaces before its value (in a
# shell line, a JSON/TOML list or a Python list alike).
SEPARATED = r"{}[\"',\s=]+(?![\"',\s=])"
# A host given as a keyword or as the first item of an address tuple, bind(("", 80)).
HOST_IS = r"(?:host\s*=\s*|\(\s*\(\s*)[\"']{}[\"']"
# One pattern per way of listening too widely; each is named in failures.
EXPOSURES = {
    "debugpy --listen beyond loopback": re.compile(
        SEPARATED.format("--listen") + r"(?!f?[\"']?" + LOOPBACK + r":)\S+"),
    # A literal loopback host, or one read from the environment with loopback as default.
    "debugpy.listen() beyond loopback": re.compile(
        r"debugpy\.listen\(\s*(?!\(\s*(?:[\"']" + LOOPBACK + r"[\"']"
        r"|os\.environ\.get\([^,()]+,\s*[\"']" + LOOPBACK + r"[\"']\)))"),
    "the any-address 0.0.0.0": re.compile(r"0\.0\.0\.0"),
    "the IPv6 any-address ::": re.compile(HOST_IS.format(r"::") + r"|\[::\]:\d"),
    "an empty host": re.compile(HOST_IS.format("")),
    "mkdocs --dev-addr beyond loopback": re.compile(
        SEPARATED.format(r"(?:--dev-addr|mkdocs serve[^\n]*\s-a)") + r"(?!" + LOOPBACK + r":)\S"),
}


def scanned_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    this_file = Path(__file__).resolve()
    files = [ROOT / name for name in listed]
    return sorted(
        path for path in files
        if path.is_file() and path.resolve() != this_file
        and (path.suffix in SCANNED_SUFFIXES or path.name in SCANNED_NAMES)
    )


def source_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return without_comments(text) if path.suffix == ".py" else text


def without_comments(text: str) -> str:
    """Python source without its comments: a comment may say where a container binds."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type != tokenize.COMMENT]
        return tokenize.untokenize(tokens)
    except (tokenize.TokenError, SyntaxError):
        return text


def exposures(text: str) -> list[str]:
    """What in ``text`` would listen beyond loopback, described for a reader."""
    return [
        f"{what}: {match.group(0)!r}"
        for what, pattern in EXPOSURES.items()
        for match in pattern.finditer(text)
    ]


@pytest.mark.parametrize(("text", "found"), [
    ('"--listen", "0.0.0.0:5678"', True),
    ("python -m debugpy --listen 5678 -m app", True),
    ('"--listen", "127.0.0.1:5678"', False),
    ('["--listen", f"localhost:{port}"]', False),
    ("debugpy.listen(5678)", True),
    ('debugpy.listen(("127.0.0.1", 5678))', False),
    ('debugpy.listen((os.environ.get("DEBUG_HOST", "127.0.0.1"), port))', False),
    ('debugpy.listen((os.environ.get("DEBUG_HOST", "0.0.0.0"), port))', True),
    (without_comments("port = 5678  # in a container: 0.0.0.0, published to loopback\n"), False),
    ('HTTPServer(("", 8000), Handler)', True),
    ('serve(host="")', True),
    ('bind(("::", 80))', True),
    ("mkdocs serve --dev-addr 0.0.0.0:8000", True),
    ("mkdocs serve --dev-addr 127.0.0.1:8000", False),
    ("mkdocs serve -a example.org:80", True),
    ("values[::2]", False),
])
def test_the_scan_tells_loopback_from_exposure(text: str, found: bool) -> None:
    assert bool(exposures(text)) is found, exposures(text)


def test_no_file_listens_beyond_loopback() -> None:
    files = scanned_files()
    assert LAUNCH_JSON in files
    assert TASKS_JSON in files
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in files
        for problem in exposures(source_text(path))
    ]
    assert not problems, "\n".join(problems)


def socket_inodes(pid: int) -> set[str]:
    """The inodes of the sockets ``pid`` and the processes it started hold open (a
    deploy task starts the service it serves as a child, as ex20's does)."""
    targets = (descriptor.readlink().as_posix() for descriptor in
               Path(f"/proc/{pid}/fd").iterdir())
    inodes = {t[len("socket:["):-1] for t in targets if t.startswith("socket:[")}
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            with contextlib.suppress(FileNotFoundError):  # a child that has just ended
                inodes |= socket_inodes(int(child))
    return inodes


def listening_sockets() -> dict[str, str]:
    """Every listening TCP socket of this machine: inode -> local address."""
    listening = {}
    for table in ("tcp", "tcp6"):
        for row in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = row.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A":  # LISTEN
                listening[inode] = decode_address(local)
    return listening


def decode_address(hex_address: str) -> str:
    """``0100007F:1F90`` → ``127.0.0.1:8080`` (IPv4; IPv6 shown as hex)."""
    host, port = hex_address.split(":")
    if len(host) == 8:
        host = ".".join(str(int(host[i:i + 2], 16)) for i in (6, 4, 2, 0))
    return f"{host}:{int(port, 16)}"


ATTACHED = [e for e in all_exercises() if e.launch.get("request") == "attach"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
@pytest.mark.parametrize("exercise", ATTACHED, ids=[e.slug for e in ATTACHED])
def test_the_attach_server_binds_loopback_only(exercise) -> None:
    configuration = next(c for c in load_jsonc(LAUNCH_JSON)["configurations"]
                         if c["name"] == exercise.launch_name)
    task = next(t for t in load_jsonc(TASKS_JSON)["tasks"]
                if t["label"] == configuration["preLaunchTask"])
    debug_port, http_port = free_port(), free_port()
    server = start_background_task(task, ROOT, configuration, debug_port,
                                   ("--port", str(http_port)))
    try:
        listening = listening_sockets()
        own = socket_inodes(server.pid)
    finally:
        kill_group(server)
    # debugpy's adapter, a separate process, holds the debug port.
    on_our_ports = {address for address in listening.values()
                    if address.endswith((f":{http_port}", f":{debug_port}"))}
    assert on_our_ports == {f"127.0.0.1:{http_port}", f"127.0.0.1:{debug_port}"}
    held_by_the_server = {listening[inode] for inode in own if inode in listening}
    assert held_by_the_server, "the server holds no listening socket"
    assert all(a.startswith("127.0.0.1:") for a in held_by_the_server), held_by_the_server
