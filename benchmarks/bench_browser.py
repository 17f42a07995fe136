"""What the chapter and an exercise page cost a reader: bytes and requests in
a real browser, and Lighthouse's mobile scores.

Bytes are the transfer size of every response a page loads before any
interaction, served gzip-compressed as GitHub Pages serves them (see
``tools.browser.serve``). Search loads on the reader's first reach for it,
so its index and worker are not part of that. Lighthouse comes from npm, pinned, and
is installed once into a cache folder; without node, or when Lighthouse fails,
its rows say why and the other figures still print.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks import Figure
from course.catalog import all_exercises
from tools.browser import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    RequestLog,
    build_site,
    chromium_path,
    launch_chromium,
    origin,
    serve,
)

# The pages measured: the chapter (the longest) and the first exercise page.
PAGES = {"chapter": "debugging/"} | (
    {"exercise page": f"exercises/{all_exercises()[0].slug}/"} if all_exercises() else {}
)
LIGHTHOUSE_VERSION = "12.8.2"  # the last major that runs on Node 20 (13.x needs Node 22.19)
LIGHTHOUSE_HOME = Path.home() / ".cache" / "debugging-course" / f"lighthouse-{LIGHTHOUSE_VERSION}"
# Performance depends on this machine's CPU load (Total Blocking Time): take a median.
LIGHTHOUSE_RUNS = 3
LIGHTHOUSE_CLI = LIGHTHOUSE_HOME / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}


def _page_weight(label: str, url: str, executable: Path) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        context = browser.new_context()
        log = RequestLog(origin(url)).attach(context)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        # The test server compresses text as a static host does: Content-Length
        # is what travels over the wire.
        sizes = {
            response.url: int(response.headers["content-length"])
            for response in responses
            if origin(response.url) == origin(url)
        }
        browser.close()
    search = sum(size for address, size in sizes.items() if "search" in address)
    return [
        Figure(
            f"{label}, first-party transfer before interaction (gzip)",
            f"{sum(sizes.values()) / 1024:.1f} KB",
            "<= 120 KB",
            f"everything it loads; search (index, worker) {search / 1024:.1f} KB until first used",
        ),
        Figure(
            f"{label}, requests before interaction", str(len(log.first_party + log.third_party))
        ),
        Figure(
            f"{label}, third-party requests before interaction", str(len(log.third_party)), "0"
        ),
    ]


def _lighthouse_command() -> list[str] | str:
    """The command that runs the pinned Lighthouse, or why it cannot run."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return "skipped: node/npm not found"
    if not LIGHTHOUSE_CLI.is_file():
        LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(LIGHTHOUSE_HOME),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if installed.returncode != 0:
            return f"skipped: npm could not install lighthouse@{LIGHTHOUSE_VERSION}"
    return [node, str(LIGHTHOUSE_CLI)]


def _lighthouse_run(command: list[str], url: str, executable: Path) -> dict[str, float | None]:
    """One Lighthouse run (mobile emulation is its default): score per category, 0 to 1."""
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run(
            [
                *command,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": str(executable)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0 or not report.is_file():
            reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(reason[:120])
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {key: categories[key]["score"] for key in LIGHTHOUSE_CATEGORIES}


def _lighthouse(page: str, url: str, executable: Path) -> list[Figure]:
    command = _lighthouse_command()
    if isinstance(command, str):
        return [
            Figure(f"{page}, Lighthouse mobile, {label}", command)
            for label in LIGHTHOUSE_CATEGORIES.values()
        ]
    try:
        runs = [_lighthouse_run(command, url, executable) for _ in range(LIGHTHOUSE_RUNS)]
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return [Figure(f"{page}, Lighthouse mobile", "failed", "100", str(error))]
    figures = []
    for key, label in LIGHTHOUSE_CATEGORIES.items():
        scores = [run[key] for run in runs if run[key] is not None]
        value = str(round(statistics.median(scores) * 100)) if scores else "n/a"
        note = f"v{LIGHTHOUSE_VERSION}, median of {LIGHTHOUSE_RUNS}"
        figures.append(Figure(f"{page}, Lighthouse mobile, {label}", value, "100", note))
    return figures


def figures() -> list[Figure]:
    executable = chromium_path()
    if executable is None:
        return [Figure("browser figures", "skipped", note=INSTALL_HINT)]
    with tempfile.TemporaryDirectory() as scratch:
        site = build_site(Path(scratch) / "site")
        with serve(site) as base_url:
            weights = [figure for label, path in PAGES.items()
                       for figure in _page_weight(label, base_url + path, executable)]
            scores = [figure for label, path in PAGES.items()
                      for figure in _lighthouse(label, base_url + path, executable)]
            return weights + scores
