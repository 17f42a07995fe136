"""Per-station scoring and the text of the weekly model report."""

from __future__ import annotations

import pandas as pd

from exercises.ex06_call_stack.metrics import score
from exercises.ex06_call_stack.models import StationModel


def evaluate_station(model: StationModel, rows: pd.DataFrame) -> dict[str, float]:
    """Score one station's hold-out hours with its model's forecasts."""
    return score(rows["rentals"].to_numpy(dtype=float), model.forecast(rows))


def format_report(results: dict[int, dict[str, float]], names: dict[int, str]) -> str:
    lines = [f"{'station':>8}  {'name':<20} {'MAE':>6} {'bias':>6}"]
    for station_id, metrics in sorted(results.items()):
        lines.append(f"{station_id:>8}  {names.get(station_id, '?'):<20} "
                     f"{metrics['mae']:>6.2f} {metrics['bias']:>+6.2f}")
    return "\n".join(lines)
