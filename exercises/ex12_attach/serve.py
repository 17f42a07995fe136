"""A small HTTP service that forecasts hourly bike rentals for the mobile app.

POST /predict with a JSON object {"station_id": 101, "hour": 8, "weather":
"clear"} (the weather is "clear", "cloudy" or "rain") answers {"rentals": 14.2,
"next_hours": [14.2, 11.9, 9.5]}: the rentals expected at that hour, and at it
and the two hours after it (within the day). Demand drifts, so at start-up the
server learns each station's typical hours from the last seven days of
history, and how much each kind of weather changes them; it replays yesterday's requests to make
sure the model answers sensibly, then serves until stopped. Debug it by
attaching to the running server (the configuration "12 · Attach"), then send
a request with ``python -m exercises.ex12_attach.client``.
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from exercises.ex12_attach.history import CONDITIONS, DATA_DIR, load_rentals, yesterday
from exercises.ex12_attach.model import DemandModel, train_model
from exercises.ex12_attach.profiles import HOURS_PER_DAY
from exercises.ex12_attach.smoke import replay

FIELDS = ("station_id", "hour", "weather")
# Loopback only: this service (and the debug port next to it) must never be
# reachable from other machines.
HOST = "127.0.0.1"
PORT = 8001  # not 8000: `make serve` has the course site there

logger = logging.getLogger("serve")


@dataclass(frozen=True)
class ForecastRequest:
    station_id: int
    hour: int
    weather: str


def parse_request(payload: object, model: DemandModel) -> ForecastRequest:
    """Validate a request body: a known station, an hour of the day, a kind of weather."""
    if not isinstance(payload, dict):
        raise ValueError("the request body must be a JSON object")
    missing = [name for name in FIELDS if name not in payload]
    unexpected = sorted(set(payload) - set(FIELDS))
    if missing or unexpected:
        raise ValueError(f"missing fields {missing}, unexpected fields {unexpected}")
    station_id, hour = int(payload["station_id"]), int(payload["hour"])
    if station_id not in model.profiles or not 0 <= hour < HOURS_PER_DAY:
        raise ValueError(f"no station {station_id} or no hour {hour}")
    if payload["weather"] not in CONDITIONS:
        raise ValueError(f"the weather is one of {', '.join(CONDITIONS)}")
    return ForecastRequest(station_id, hour, payload["weather"])


class PredictionHandler(BaseHTTPRequestHandler):
    server: ModelServer

    def do_POST(self) -> None:
        if self.path != "/predict":
            self._reply(404, {"error": f"unknown path {self.path}"})
            return
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = parse_request(json.loads(body), self.server.model)
        except (ValueError, TypeError) as error:
            self._reply(400, {"error": str(error)})
            return
        rentals = self.server.model.forecast(request.station_id, request.hour, request.weather)
        hours = [round(float(value), 1) for value in rentals]
        self._reply(200, {"rentals": hours[0], "next_hours": hours})

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


def start(data_dir: Path, port: int) -> ModelServer:
    """Train, check the model on yesterday's requests, and open the server on ``port``."""
    logger.info("Training the model on %s", Path(data_dir) / "rentals.csv")
    model = train_model(data_dir)
    checked = replay(model, yesterday(load_rentals(data_dir)))
    logger.info("Replayed %d requests of yesterday: the model answers", checked)
    return ModelServer(model, port)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT, help="port on 127.0.0.1")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with rentals.csv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    server = start(args.data, args.port)
    logger.info("Serving on http://%s:%d/predict (Ctrl+C to stop)", HOST, server.server_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Stopped")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
