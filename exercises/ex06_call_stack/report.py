"""Per-station evaluation for the weekly model report."""

from __future__ import annotations

import logging

import pandas as pd

from exercises.ex06_call_stack.metrics import score

logger = logging.getLogger(__name__)


def evaluate_station(
    probabilities: pd.Series, outcomes: pd.Series, station_ids: pd.Series, station_id: int
) -> dict[str, float]:
    """Score one station's rush-hour forecast on the hold-out hours.

    The three series are aligned on the hold-out rows; ``station_ids`` says
    which station each row belongs to.
    """
    rows = station_ids == station_id
    logger.debug("station %s: %d hold-out hours", station_id, int(rows.sum()))
    return score(outcomes[rows], probabilities[rows])


def format_report(results: dict[int, dict[str, float]]) -> str:
    lines = [f"{'station':>8} {'Brier':>7} {'log loss':>9}"]
    for station_id, metrics in results.items():
        lines.append(f"{station_id:>8} {metrics['brier']:>7.3f} {metrics['log_loss']:>9.3f}")
    return "\n".join(lines)
