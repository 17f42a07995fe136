"""Send the mobile app's prediction request to the running model server.

Start the server first (the configuration "12 · Attach" does it for you), then
run ``python -m exercises.ex12_attach.client`` in a terminal.
"""

from __future__ import annotations

import argparse
import json
from urllib.request import Request, urlopen

# What the app sends for 8 o'clock on a mild, breezy morning.
APP_REQUEST = {"temp_c": 18.0, "humidity": 55, "wind_kmh": 12.0, "hour": 8}
PORT = 8001  # the server's default port (serve.py)


def request_prediction(payload: dict[str, float], port: int = PORT) -> float:
    """POST ``payload`` to the server's /predict and return the predicted rentals."""
    request = Request(
        f"http://127.0.0.1:{port}/predict",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=60) as response:
        return float(json.load(response)["rentals"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT)
    port = parser.parse_args().port
    rentals = request_prediction(APP_REQUEST, port)
    print(f"app request {APP_REQUEST} -> {rentals} rentals predicted")


if __name__ == "__main__":
    main()
