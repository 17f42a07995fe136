"""Nightly tuning of the hourly demand models: one ridge penalty per station.

Each station's penalty is chosen by time-series cross-validation among a few
candidates; the job shares its machine, so its pool is kept to ``WORKERS``
threads. Run it with the configuration "14 · Pause on a hang" (or
``python -m exercises.ex14_pause_hang.train``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from exercises.ex14_pause_hang.data import DATA_DIR, by_station, load_rentals
from exercises.ex14_pause_hang.monitor import Monitor, Progress
from exercises.ex14_pause_hang.search import ALPHAS, Choice, tune

WORKERS = 4  # threads in the pool


def tune_stations(rentals: pd.DataFrame) -> list[Choice]:
    """Each station's best penalty and its cross-validated error, stations by id."""
    stations = by_station(rentals)
    print(f"tuning {len(ALPHAS)} penalties for {len(stations)} stations "
          f"on {WORKERS} workers...", flush=True)
    progress = Progress()
    monitor = Monitor(progress)
    monitor.start()
    try:
        with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="fit") as executor:
            return tune(executor, stations, progress)
    finally:
        monitor.stop()


def main(data_dir: Path = DATA_DIR) -> None:
    for choice in tune_stations(load_rentals(data_dir)):
        print(f"station {choice.station_id}: alpha {choice.alpha:g}, "
              f"cross-validated MAE {choice.error:.2f} rentals per hour")


if __name__ == "__main__":
    main()
