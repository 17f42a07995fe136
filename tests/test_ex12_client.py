"""ex12's client: it waits for a held request and says plainly why it got no answer."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from exercises.ex12_attach import client


@contextmanager
def raw_listener(on_connection: Callable[[socket.socket], None]) -> Iterator[int]:
    """A loopback port whose first connection is handed to ``on_connection``."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        def accept() -> None:
            connection, _ = listener.accept()
            with connection:
                on_connection(connection)

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        yield listener.getsockname()[1]
        thread.join(timeout=5)


@contextmanager
def answering(status: int, document: dict) -> Iterator[int]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    yield server.server_port
    thread.join(timeout=5)
    server.server_close()


def run_client(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = client.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def test_no_server_says_start_the_server_first(capsys: pytest.CaptureFixture[str]) -> None:
    status, output = run_client(capsys, "--port", str(free_port()))
    assert status == 1
    assert "start the server first" in output
    assert "12 · Attach" in output


def test_it_says_how_long_it_waits_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    with answering(200, {"rentals": 3.5}) as port:
        status, output = run_client(capsys, "--port", str(port))
    assert status == 0
    assert "waiting up to 600 s" in output
    assert "breakpoint" in output
    assert "3.5 rentals predicted" in output


def test_a_held_request_that_outlives_the_wait_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    release = threading.Event()
    with raw_listener(lambda _connection: release.wait(5)) as port:
        status, output = run_client(capsys, "--port", str(port), "--timeout", "0.3")
        release.set()
    assert status == 1
    assert "gave up after 0.3 s" in output
    assert "continue (F5)" in output


def test_a_server_that_hangs_up_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    with raw_listener(lambda connection: connection.recv(65536)) as port:
        status, output = run_client(capsys, "--port", str(port))
    assert status == 1
    assert "closed the connection before answering" in output


def test_a_refused_request_shows_the_servers_reason(capsys: pytest.CaptureFixture[str]) -> None:
    with answering(400, {"error": "no station 7"}) as port:
        status, output = run_client(capsys, "--port", str(port))
    assert status == 1
    assert "refused the request (400)" in output
    assert "no station 7" in output
