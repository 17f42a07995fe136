"""The forecast service the mobile app asks: POST /forecast.

A request body {"station_id": 202, "hour": 8} is answered with
{"station_id": 202, "hour": 8, "rentals": 21.4}. In production the service
loads the model artefact baked into its image (``--model``); on a laptop it
can train from the history at start (``--data``). ``python -m
exercises.ex20_path_mappings.deploy`` builds the image's folder and starts it
there, as the platform does.
"""

from __future__ import annotations

import argparse
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .forecast import forecast, parse_request
from .model_store import load_model
from .training import DATA_DIR, DemandModel, train_model

# Loopback only: neither this service nor its debug port may be reachable
# from other machines.
HOST = "127.0.0.1"
PORT = 8002  # 8000 is the course site, 8001 exercise 12

logger = logging.getLogger("forecast-service")


class ForecastHandler(BaseHTTPRequestHandler):
    server: ForecastServer

    def do_POST(self) -> None:
        if self.path != "/forecast":
            self._reply(404, {"error": f"unknown path {self.path}"})
            return
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            station_id, hour = parse_request(json.loads(body))
        except (ValueError, TypeError) as error:
            self._reply(400, {"error": str(error)})
            return
        rentals = forecast(self.server.model, station_id, hour)
        self._reply(200, {"station_id": station_id, "hour": hour, "rentals": rentals})

    def _reply(self, status: int, document: dict[str, object]) -> None:
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        logger.info("%s %s", self.address_string(), format % args)


class ForecastServer(ThreadingHTTPServer):
    """An HTTP server on the loopback interface that holds one model."""

    daemon_threads = True

    def __init__(self, model: DemandModel, port: int) -> None:
        super().__init__((HOST, port), ForecastHandler)
        self.model = model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--model", type=Path, help="a model artefact to load")
    source.add_argument("--data", type=Path, default=DATA_DIR, help="train from this folder")
    parser.add_argument("--port", type=int, default=PORT, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.model:
        model = load_model(args.model)
        logger.info("Loaded the model trained on history up to %s", model.trained_on)
    else:
        model = train_model(args.data)
        logger.info("Trained on %s", args.data / "rentals.csv")
    server = ForecastServer(model, args.port)
    logger.info("Serving on http://%s:%d/forecast (Ctrl+C to stop)", HOST, server.server_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Stopped")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
