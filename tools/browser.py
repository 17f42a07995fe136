"""The built site in a real browser: shared by the browser tests, the browser
benchmark and the screenshot tool.

It builds the site with ``mkdocs build --strict``, serves it from 127.0.0.1 the
way a static host would, and launches the system Chromium (never a browser
that playwright downloads) with every background service that would call
Google switched off, so that any request the page makes is one the site asked
for.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
INSTALL_HINT = (
    "Chromium is needed for the browser checks: install it with "
    "`sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary."
)


def chromium_path() -> Path | None:
    """The Chromium binary to drive (``CHROMIUM_PATH`` overrides), or None if absent."""
    path = Path(os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM))
    return path if path.is_file() else None


def build_site(destination: Path) -> Path:
    """Build the site strictly into ``destination``; raise with mkdocs' output on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # Material's end-of-life banner
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return destination


# What GitHub Pages and most static hosts send gzip-compressed.
COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"})


class _StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host does: text gzip-compressed when the client accepts it.

    Lighthouse and the page-weight figure then see the bytes a reader would
    download, not the uncompressed files. The site sits under ``site_path``
    (``/<repository>/`` on GitHub Pages), where its absolute links point.
    """

    def __init__(self, *args, site_path: str, **kwargs) -> None:
        self.site_path = site_path  # set first: the base class answers the request in __init__
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.site_path):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path.removeprefix(self.site_path))

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSED_SUFFIXES):
            return super().send_head()  # directories, redirects, 404s, images
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test and benchmark output clean: no line per request."""


def site_path() -> str:
    """The path the site is published under (``site_url`` in mkdocs.yml, as built here)."""
    from mkdocs.config import load_config

    return urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url or "/").path or "/"


@contextlib.contextmanager
def serve(directory: Path, path: str = "/") -> Iterator[str]:
    """Serve ``directory`` at ``path`` on an ephemeral 127.0.0.1 port; yield its base URL
    (ends in '/')."""
    handler = functools.partial(_StaticHostHandler, directory=str(directory), site_path=path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch_chromium(playwright, executable: Path):
    """Headless system Chromium with background networking off."""
    return playwright.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class RequestLog:
    """Every request a browser context attempts, split into the site's own and the rest.

    Foreign requests are aborted (there is no internet, and a check must not
    depend on one) and recorded as they are aborted, so a blocked attempt still
    counts. ``request`` events are recorded too, in case a request reaches the
    network without passing the route; each request is counted once.
    """

    site_origin: str
    first_party: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False)

    def attach(self, context) -> RequestLog:
        context.route("**/*", self._route)
        context.on("request", self._record)
        return self

    def clear(self) -> None:
        self.first_party.clear()
        self.third_party.clear()

    def _is_own(self, url: str) -> bool:
        return origin(url) == self.site_origin or url.startswith(("data:", "blob:"))

    def _route(self, route) -> None:
        self._record(route.request)
        if self._is_own(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _record(self, request) -> None:
        if request in self._seen:
            return
        self._seen.add(request)
        bucket = self.first_party if self._is_own(request.url) else self.third_party
        bucket.append(request.url)
