"""Strength of each exercise's check: how many mutants of the solved code it kills.

The mutator and its rules are in ``benchmarks/mutation.py``.
"""

from __future__ import annotations

import json
import os

from benchmarks import Figure, run_python
from benchmarks.mutation import JSON_MARKER, TARGET


def figures() -> list[Figure]:
    if not hasattr(os, "fork"):
        return [Figure("mutation score", "skipped", f"≥ {TARGET:.0%}", "needs os.fork (POSIX)")]
    result = run_python(["-m", "benchmarks.mutation", "--json"], timeout=3600)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith(JSON_MARKER)), None)
    if line is None:
        return [Figure("mutation score", "failed", f"≥ {TARGET:.0%}", result.stderr[-200:])]
    rows = []
    for score in json.loads(line.removeprefix(JSON_MARKER)):
        counted = score["total"] - score["equivalent"]
        if not score["baseline_ok"]:
            value, note = "baseline fails", "the solved exercise fails its check"
        else:
            value = f"{score['killed']}/{counted} ({score['killed'] / (counted or 1):.0%})"
            survivors = score["survivors"]
            note = f"{score['equivalent']} equivalent; " if score["equivalent"] else ""
            note += f"survivors: {'; '.join(survivors[:4])}" if survivors else "no survivor"
            if len(survivors) > 4:
                note += f" (+{len(survivors) - 4} more: python -m benchmarks.mutation)"
        rows.append(Figure(f"mutants killed, {score['exercise']}", value, f"≥ {TARGET:.0%}", note))
    return rows
