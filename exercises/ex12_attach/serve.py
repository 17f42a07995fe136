"""A small HTTP service that predicts hourly bike rentals for the mobile app.

POST /predict with a JSON object {"hour": 8, "temp_c": 18.0, "humidity": 55,
"wind_kmh": 12.0} answers {"rentals": 14.2}. The app's numbers look wrong, yet
the model scores well offline: attach the debugger to the running server (the
configuration "12 · Attach") and start at the breakpoint in ``do_POST``, then
send the app's request with ``python -m exercises.ex12_attach.client``.
"""

from __future__ import annotations

import argparse
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
FEATURES = ("hour", "temp_c", "humidity", "wind_kmh")
# Loopback only: this service (and the debug port next to it) must never be
# reachable from other machines.
HOST = "127.0.0.1"
PORT = 8001  # not 8000: `make serve` has the course site there

logger = logging.getLogger("serve")


def train_model(path: Path = DATA) -> LinearRegression:
    """Fit the rentals model on the full history, with columns in ``FEATURES`` order."""
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    rentals["hour"] = rentals["timestamp"].dt.hour
    return LinearRegression().fit(rentals[list(FEATURES)], rentals["rentals"])


def to_features(payload: object) -> pd.DataFrame:
    """Validate a request body and turn it into the one-row frame the model expects."""
    if not isinstance(payload, dict):
        raise ValueError("the request body must be a JSON object")
    missing = [name for name in FEATURES if name not in payload]
    unexpected = sorted(set(payload) - set(FEATURES))
    if missing or unexpected:
        raise ValueError(f"missing fields {missing}, unexpected fields {unexpected}")
    row = [float(value) for value in payload.values()]
    return pd.DataFrame([row], columns=list(FEATURES))


class PredictionHandler(BaseHTTPRequestHandler):
    server: ModelServer

    def do_POST(self) -> None:
        if self.path != "/predict":
            self._reply(404, {"error": f"unknown path {self.path}"})
            return
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            features = to_features(json.loads(body))
        except (ValueError, TypeError) as error:
            self._reply(400, {"error": str(error)})
            return
        rentals = float(self.server.model.predict(features)[0])
        self._reply(200, {"rentals": round(max(rentals, 0.0), 1)})

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

    def __init__(self, model: LinearRegression, port: int) -> None:
        super().__init__((HOST, port), PredictionHandler)
        self.model = model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT, help="port on 127.0.0.1")
    port = parser.parse_args().port
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logger.info("Training the model on %s", DATA.name)
    server = ModelServer(train_model(), port)
    logger.info("Serving on http://%s:%d/predict (Ctrl+C to stop)", HOST, server.server_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Stopped")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
