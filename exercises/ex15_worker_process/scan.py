"""Nightly anomaly scan: which hours of the last days were unlike the usual.

The baseline (each station's usual rentals per hour of day) is learned from
the history before the scanned days; the stations are then scored in
parallel, one shard per station, by a small pool of worker processes. Run it
with the configuration "15 · Worker process" (or
``python -m exercises.ex15_worker_process.scan``).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex15_worker_process.zscores import score_station, set_baseline

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SCAN_DAYS = 4
THRESHOLD = 3.0  # flag hours more than three spreads from their usual level
WORKERS = 2


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def learn_baseline(history: pd.DataFrame) -> dict[tuple[int, int], tuple[float, float]]:
    """Mean and spread of rentals per station and hour of day."""
    stats = history.groupby(["station_id", history["timestamp"].dt.hour])["rentals"].agg(
        ["mean", "std"])
    return {(int(s), int(h)): (float(m), float(d) or 1.0)
            for (s, h), m, d in zip(stats.index, stats["mean"], stats["std"], strict=True)}


def scan(rentals: pd.DataFrame, days: int = SCAN_DAYS) -> pd.DataFrame:
    """Every hour of the last ``days`` days with its z-score and whether it is flagged."""
    start = rentals["timestamp"].max().normalize() - pd.Timedelta(days=days - 1)
    history, recent = rentals[rentals["timestamp"] < start], rentals[rentals["timestamp"] >= start]
    set_baseline(learn_baseline(history))
    stations = sorted(recent["station_id"].unique())
    shards = []
    for station_id in stations:
        rows = recent[recent["station_id"] == station_id]
        shards.append((int(station_id), rows["timestamp"].dt.hour.to_numpy(),
                       rows["rentals"].to_numpy(dtype=float)))
    # Score the stations in parallel, one shard per task.
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        scores = dict(pool.map(score_station, shards))
    result = pd.concat([recent[recent["station_id"] == s] for s in stations])
    result = result[["timestamp", "station_id", "rentals"]].reset_index(drop=True)
    result["z"] = np.concatenate([scores[int(s)] for s in stations])
    result["flagged"] = result["z"].abs() > THRESHOLD
    return result


def main(data_dir: Path = DATA_DIR) -> None:
    result = scan(load_rentals(data_dir))
    flagged = result[result["flagged"]]
    print(f"{len(flagged)} of {len(result)} station-hours flagged as unusual")
    print(flagged.round({"z": 1}).to_string(index=False))


if __name__ == "__main__":
    main()
