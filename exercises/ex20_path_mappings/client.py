"""Ask the running forecast service what the mobile app asks it.

Start the service first (the configuration "20 · Attach ..." deploys and
starts it), then run ``python -m exercises.ex20_path_mappings.client``. While
the debugger holds the request at a breakpoint, this waits for the answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from urllib.error import URLError
from urllib.request import Request, urlopen

# The app's home screen: University Square at 8 o'clock.
APP_REQUEST = {"station_id": 202, "hour": 8}
PORT = 8002  # the service's default port (serve.py)
WAIT_SECONDS = 600  # long enough to look around at a breakpoint


def ask(payload: dict[str, int], port: int = PORT, timeout: float = WAIT_SECONDS) -> dict:
    """POST ``payload`` to the service's /forecast; its JSON answer."""
    request = Request(f"http://127.0.0.1:{port}/forecast", data=json.dumps(payload).encode(),
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=timeout) as response:
        return json.load(response)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--timeout", type=float, default=WAIT_SECONDS,
                        help="seconds to wait for the answer (default %(default)s)")
    args = parser.parse_args(argv)
    print(f"Asking 127.0.0.1:{args.port} for {APP_REQUEST} (a breakpoint in the service "
          "holds the answer until you continue)...", flush=True)
    try:
        answer = ask(APP_REQUEST, args.port, args.timeout)
    except (URLError, OSError) as error:
        print(f"No forecast: {error}. Is the service running? F5 on the configuration "
              '"20 · Attach ..." deploys and starts it.', file=sys.stderr)
        return 1
    print(f"station {answer['station_id']} at {answer['hour']:02d}:00 -> "
          f"{answer['rentals']} rentals expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
