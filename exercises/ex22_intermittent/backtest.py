"""Nightly backtest of the demand profile on days it has not seen.

Each night the job holds a few days of the export out at random, learns the
profile from the other days, and reports how close its forecast comes on the
held-out ones. The draw changes every night; the first line of the report
names the seed, and ``--seed`` replays that night's draw. Run it with the
configuration "22 · Intermittent" (or
``python -m exercises.ex22_intermittent.backtest [--seed N]``).
"""

from __future__ import annotations

import argparse
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex22_intermittent.demand_profile import fit_profile, forecast
from exercises.ex22_intermittent.loading import DATA_DIR, daily_totals, load_rentals
from exercises.ex22_intermittent.split import holdout_days, split_by_day

HOLDOUT_DAYS = 3


@dataclass
class Backtest:
    seed: int
    held_out: list[pd.Timestamp]
    training_days: int
    export_days: int
    by_day: pd.DataFrame  # one row per held-out day and station: rentals and forecast
    rmse: float  # over every held-out station-hour


def backtest(rentals: pd.DataFrame, seed: int) -> Backtest:
    """Hold ``HOLDOUT_DAYS`` days out (drawn with ``seed``), learn from the rest, score."""
    daily = daily_totals(rentals)
    held_out = holdout_days(daily, HOLDOUT_DAYS, np.random.default_rng(seed))
    train, test = split_by_day(rentals, held_out)
    scored = test.assign(day=test["timestamp"].dt.normalize(),
                         forecast=forecast(fit_profile(train), test))
    forecasts = scored.groupby(["day", "station_id"])["forecast"].sum().reset_index()
    by_day = daily[daily["day"].isin(held_out)].merge(forecasts, on=["day", "station_id"])
    by_day = by_day.sort_values(["day", "station_id"])
    errors = scored["rentals"] - scored["forecast"]
    return Backtest(seed=seed, held_out=held_out,
                    training_days=train["timestamp"].dt.normalize().nunique(),
                    export_days=rentals["timestamp"].dt.normalize().nunique(), by_day=by_day,
                    rmse=float(np.sqrt((errors ** 2).mean())))


def report(result: Backtest) -> str:
    table = result.by_day[["day", "station_id", "rentals", "forecast"]]
    return "\n".join([
        f"backtest seed {result.seed}",
        f"held out {len(result.held_out)} days; trained on {result.training_days} "
        f"of the export's {result.export_days} days",
        table.to_string(index=False, float_format=lambda value: f"{value:.1f}"),
        f"hourly RMSE on the held-out days: {result.rmse:.2f} rentals",
    ])


def main(data_dir: Path = DATA_DIR, seed: int | None = None) -> None:
    if seed is None:
        seed = secrets.randbits(32)  # a fresh draw each night, printed so it can be replayed
    print(report(backtest(load_rentals(data_dir), seed)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Backtest the demand profile.")
    parser.add_argument("--seed", type=int, help="replay the draw of a past run")
    main(seed=parser.parse_args().seed)
