"""Score tomorrow's batch of forecast requests from the operations app.

Run it with the launch configuration "08 · Exception breakpoints" (or
``python -m exercises.ex08_exception_breakpoint.serve_batch``). Every request
gets an answer and nothing is logged as an error, yet the forecast is flat:
no morning peak, no evening peak. Start by turning on "Raised Exceptions" in
the Breakpoints panel, then press F5.
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

from exercises.ex08_exception_breakpoint.scoring import DemandModel

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
REQUESTS = Path(__file__).resolve().parent / "requests.jsonl"

logger = logging.getLogger(__name__)


def load_training_records(path: Path = DATA) -> list[dict[str, object]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_requests(path: Path = REQUESTS) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(data: Path = DATA, requests_path: Path = REQUESTS) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    model = DemandModel.fit(load_training_records(data))
    requests = load_requests(requests_path)
    predictions = model.predict_batch(requests)
    logger.info("scored %d requests", len(predictions))
    for station_id in sorted({int(r["station_id"]) for r in requests}):
        hourly = [p for r, p in zip(requests, predictions) if int(r["station_id"]) == station_id]
        print(f"station {station_id}: " + " ".join(f"{p:4.1f}" for p in hourly))


if __name__ == "__main__":
    main()
