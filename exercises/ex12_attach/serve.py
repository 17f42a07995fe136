"""A small HTTP service that predicts hourly bike rentals for the mobile app.

POST /predict with a JSON object {"station_id": 101, "hour": 8, "temp_c": 18.0,
"humidity": 55, "wind_kmh": 12.0} answers {"rentals": 14.2}. Demand drifts, so
at start-up the server learns each station's typical hour from the last seven
days of history, and a weather correction on top of it; then it serves until
stopped. Debug it by attaching to the running server (the configuration
"12 · Attach"), then send a request with ``python -m exercises.ex12_attach.client``.
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
RECENT_DAYS = 7
HOURS_PER_DAY = 24
WEATHER = ["temp_c", "humidity", "wind_kmh"]
FIELDS = ("station_id", "hour", *WEATHER)
# Loopback only: this service (and the debug port next to it) must never be
# reachable from other machines.
HOST = "127.0.0.1"
PORT = 8001  # not 8000: `make serve` has the course site there

logger = logging.getLogger("serve")


@dataclass(frozen=True)
class DemandModel:
    """A station's typical hour, corrected for the weather."""

    stations: frozenset[int]
    typical: pd.Series  # mean rentals, indexed by (station_id, hour)
    weather: LinearRegression  # rentals above or below the typical hour

    def predict(self, features: pd.DataFrame) -> float:
        correction = self.weather.predict(features[WEATHER])[0]
        return max(float(features.at[0, "typical"] + correction), 0.0)


def train_model(data_dir: Path = DATA_DIR) -> DemandModel:
    """Learn the typical hours and the weather correction from the last days of history."""
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    stations = pd.read_csv(Path(data_dir) / "stations.csv")["station_id"]
    recent = rentals.tail(RECENT_DAYS * HOURS_PER_DAY).assign(
        hour=lambda frame: frame["timestamp"].dt.hour
    )
    typical = recent.groupby(["station_id", "hour"])["rentals"].mean()
    above_typical = recent["rentals"] - recent.join(typical.rename("typical"),
                                                    on=["station_id", "hour"])["typical"]
    weather = LinearRegression().fit(recent[WEATHER], above_typical)
    return DemandModel(frozenset(int(s) for s in stations), typical, weather)


def to_features(payload: object, model: DemandModel) -> pd.DataFrame:
    """Validate a request body and turn it into the one-row frame the model expects."""
    if not isinstance(payload, dict):
        raise ValueError("the request body must be a JSON object")
    missing = [name for name in FIELDS if name not in payload]
    unexpected = sorted(set(payload) - set(FIELDS))
    if missing or unexpected:
        raise ValueError(f"missing fields {missing}, unexpected fields {unexpected}")
    station_id, hour = int(payload["station_id"]), int(payload["hour"])
    if station_id not in model.stations or not 0 <= hour < HOURS_PER_DAY:
        raise ValueError(f"no station {station_id} or no hour {hour}")
    row = {name: float(payload[name]) for name in WEATHER}
    # A station opened this week has no typical hour yet: it starts from zero.
    row["typical"] = float(model.typical.get((station_id, hour), 0.0))
    return pd.DataFrame([row])


class PredictionHandler(BaseHTTPRequestHandler):
    server: ModelServer

    def do_POST(self) -> None:
        if self.path != "/predict":
            self._reply(404, {"error": f"unknown path {self.path}"})
            return
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            features = to_features(json.loads(body), self.server.model)
        except (ValueError, TypeError) as error:
            self._reply(400, {"error": str(error)})
            return
        rentals = self.server.model.predict(features)
        self._reply(200, {"rentals": round(rentals, 1)})

    def _reply(self, status: int, document: dict[str, object]) -> None:
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        logger.info("%s %s", self.address_string(), format % args)


class ModelServer(ThreadingHTTPServer):
    """An HTTP server on the loopback interface that holds the trained model."""

    daemon_threads = True

    def __init__(self, model: DemandModel, port: int) -> None:
        super().__init__((HOST, port), PredictionHandler)
        self.model = model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT, help="port on 127.0.0.1")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with rentals.csv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logger.info("Training the model on %s", args.data / "rentals.csv")
    server = ModelServer(train_model(args.data), args.port)
    logger.info("Serving on http://%s:%d/predict (Ctrl+C to stop)", HOST, server.server_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Stopped")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
