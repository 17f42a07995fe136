"""Check: the running server answers every station from that station's last seven days."""

import contextlib
import json
import threading
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import numpy as np
import pandas as pd
import pytest

WEATHER = {"temp_c": 18.0, "humidity": 55, "wind_kmh": 12.0}
HOURS = (0, 8, 13, 18)


def _expected_answers(data_dir) -> dict[tuple[int, int], float]:
    """Typical hour over each station's last 7 x 24 hours, plus a least-squares weather term."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    recent = rentals[rentals["timestamp"] > rentals["timestamp"].max() - pd.Timedelta(days=7)]
    keys = [recent["station_id"], recent["timestamp"].dt.hour]
    typical = recent.groupby(keys)["rentals"].transform("mean")
    weather = np.column_stack([np.ones(len(recent)), recent[list(WEATHER)]])
    coefficients = np.linalg.lstsq(weather, recent["rentals"] - typical, rcond=None)[0]
    correction = float(np.array([1.0, *WEATHER.values()]) @ coefficients)
    means = recent.groupby(keys)["rentals"].mean()
    stations = pd.read_csv(data_dir / "stations.csv")["station_id"]
    return {(int(s), h): max(means[(s, h)] + correction, 0.0) for s in stations for h in HOURS}


@contextlib.contextmanager
def _running_server(data_dir):
    from exercises.ex12_attach.serve import ModelServer, train_model

    server = ModelServer(train_model(data_dir), port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def _post(port: int, payload: dict) -> tuple[int, dict]:
    request = Request(f"http://127.0.0.1:{port}/predict", data=json.dumps(payload).encode(),
                      headers={"Content-Type": "application/json"})
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except HTTPError as error:
        return error.code, json.load(error)


def test_every_station_gets_its_own_recent_typical_hour(dataset):
    expected = _expected_answers(dataset)
    with _running_server(dataset) as port:
        answers = {key: _post(port, {"station_id": key[0], "hour": key[1], **WEATHER})
                   for key in expected}

    for (station_id, hour), rentals in expected.items():
        status, answer = answers[station_id, hour]
        assert status == 200, f"station {station_id} at {hour}:00 should be answered: {answer}"
        assert answer["rentals"] == pytest.approx(rentals, abs=0.051), (
            f"station {station_id} at {hour}:00 with {WEATHER}: the server should answer "
            f"{rentals:.1f} rentals (the station's mean for that hour over its last seven "
            f"days, corrected for the weather); it answered {answer['rentals']}"
        )


def test_fields_in_any_order_and_unknown_stations_refused(dataset):
    expected = _expected_answers(dataset)
    station_id, hour = next(iter(expected))
    with _running_server(dataset) as port:
        reordered = _post(port, {**WEATHER, "hour": hour, "station_id": station_id})
        unknown = _post(port, {"station_id": 999, "hour": 8, **WEATHER})

    assert reordered[0] == 200
    assert reordered[1]["rentals"] == pytest.approx(expected[station_id, hour], abs=0.051), (
        "the order of the request's fields should not change the answer"
    )
    assert unknown[0] == 400, "a station that does not exist should be refused with 400"
