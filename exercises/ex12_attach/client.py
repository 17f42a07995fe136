"""Send the mobile app's prediction request to the running model server.

Start the server first (the configuration "12 · Attach" does it for you), then
run ``python -m exercises.ex12_attach.client`` in a terminal. While the
debugger holds the request at a breakpoint, this waits for the answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

# What the app sends for Harbour Gate at 8 o'clock on a clear morning.
APP_REQUEST = {"station_id": 101, "hour": 8, "weather": "clear"}
PORT = 8001  # the server's default port (serve.py)
WAIT_SECONDS = 600  # long enough to look around at a breakpoint
START_THE_SERVER = (
    'start the server first: F5 on "12 · Attach" in Run and Debug, or '
    "python -m exercises.ex12_attach.serve in another terminal"
)


class NoAnswer(Exception):
    """The server could not be asked, or gave no answer; the message says why."""


def request_prediction(payload: dict[str, object], port: int = PORT,
                       timeout: float = WAIT_SECONDS) -> float:
    """POST ``payload`` to the server's /predict and return the predicted rentals."""
    request = Request(
        f"http://127.0.0.1:{port}/predict",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            return float(json.load(response)["rentals"])
    except HTTPError as error:
        raise NoAnswer(f"the server refused the request ({error.code}): "
                       f"{error.read().decode(errors='replace')}") from None
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _gave_up(timeout) from None
        raise NoAnswer(f"no model server answers on 127.0.0.1:{port} "
                       f"({error.reason}); {START_THE_SERVER}") from None
    except TimeoutError:
        raise _gave_up(timeout) from None
    except (ConnectionError, HTTPException) as error:
        raise NoAnswer(f"the server closed the connection before answering ({error!r}): was "
                       "it stopped or restarted while the request was held? Send it again"
                       ) from None


def _gave_up(timeout: float) -> NoAnswer:
    return NoAnswer(f"gave up after {timeout:g} s without an answer. If the request is held "
                    "at a breakpoint, continue (F5) in VS Code, or wait longer with --timeout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--timeout", type=float, default=WAIT_SECONDS,
                        help="seconds to wait for the answer (default %(default)s)")
    args = parser.parse_args(argv)
    print(f"Sending {APP_REQUEST} to 127.0.0.1:{args.port}; waiting up to {args.timeout:g} s "
          "for the answer (a breakpoint in the server holds it until you continue)...",
          flush=True)
    try:
        rentals = request_prediction(APP_REQUEST, args.port, args.timeout)
    except NoAnswer as reason:
        print(f"No prediction: {reason}.", file=sys.stderr)
        return 1
    print(f"app request {APP_REQUEST} -> {rentals} rentals predicted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
