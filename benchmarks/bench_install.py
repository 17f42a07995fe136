"""What the set-ups cost: install time and size of a fresh ``.venv``.

A throw-away virtualenv gets the README's install command
(``pip install --no-compile -r requirements.lock -e .``); its size is taken
right after, and again after one ``pytest exercises``, which writes the
bytecode of the modules it imports. ``make serve`` and ``make build`` install
only the site's lock, measured the same way. Timing a download depends on the
network and on pip's cache: it is the figure of this machine, as it is here.
The authors' environment is measured from this repository's ``.venv``; timing a
fresh install of its lock too takes a minute, so it runs only with
``BENCH_INSTALL_AUTHORS=1``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import ROOT, Figure

LEARNER_LOCK = "requirements.lock"
AUTHORS_LOCK = "requirements-dev.lock"
SITE_LOCK = "requirements-site.lock"
BASELINE_MB = 831  # the single lock every learner, and `make serve`, installed (issues 13, 20)


def tree_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``, links not followed."""
    total = 0
    for directory, _folders, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(directory, name)).st_size
    return total


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def fresh_install(venv: Path, lock: str, *extra: str) -> float:
    """Seconds to create ``venv`` and install ``lock`` into it as the README says."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv_python(venv)), "-m", "pip", "install", "--quiet", "--no-compile",
         "-r", lock, *extra],
        cwd=ROOT, check=True, capture_output=True,
    )
    return time.perf_counter() - start


def megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def figures() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory() as temporary:
        venv = Path(temporary) / "venv"
        seconds = fresh_install(venv, LEARNER_LOCK, "-e", ".")
        installed = tree_bytes(venv)
        # As on a learner's machine, where Python writes the bytecode it compiles.
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(
            [str(venv_python(venv)), "-m", "pytest", "exercises", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT, capture_output=True, check=False, env=env,
        )
        graded = tree_bytes(venv)
    yield Figure("learner install (fresh .venv, requirements.lock)", f"{seconds:.1f} s",
                 note="pip, this machine's network and cache")
    yield Figure("learner .venv size after install", megabytes(installed),
                 f"<= {BASELINE_MB // 2} MB (half of {BASELINE_MB} MB)")
    yield Figure("learner .venv size after a first pytest exercises", megabytes(graded),
                 note="plus the bytecode of what grading imports")
    with tempfile.TemporaryDirectory() as temporary:
        venv = Path(temporary) / "venv"
        seconds = fresh_install(venv, SITE_LOCK)
        installed = tree_bytes(venv)
    yield Figure("site install for make serve (fresh .venv, requirements-site.lock)",
                 f"{seconds:.1f} s, {megabytes(installed)}",
                 f"<= {BASELINE_MB // 4} MB (was {BASELINE_MB} MB: the authors' whole lock)")
    authors = ROOT / ".venv"
    if authors.exists():
        yield Figure("authors' .venv size (requirements-dev.lock)",
                     megabytes(tree_bytes(authors.resolve())),
                     note="this repository's .venv, bytecode compiled")
    if os.environ.get("BENCH_INSTALL_AUTHORS") == "1":
        with tempfile.TemporaryDirectory() as temporary:
            seconds = fresh_install(Path(temporary) / "venv", AUTHORS_LOCK)
        yield Figure("authors' install (fresh .venv, requirements-dev.lock)", f"{seconds:.1f} s")
