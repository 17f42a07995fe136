"""Speed and size figures for the course, printed as one table by ``make bench``.

Each ``bench_*.py`` module in this folder exposes ``figures()``, which yields
:class:`Figure` rows. Figures are measured in one run so that ratios between
them (e.g. grading time over the import floor) are fair on any machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Figure:
    name: str
    value: str
    target: str = ""
    note: str = ""


def median_seconds(action: Callable[[], object], runs: int = 3) -> float:
    """Median wall time of ``action`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_python(args: Sequence[str], **kwargs) -> subprocess.CompletedProcess:
    """Run this interpreter from the repository root, capturing output."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, **kwargs
    )
