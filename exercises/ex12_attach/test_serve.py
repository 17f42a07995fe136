"""Check: the running server answers every station from that station's last seven days."""

import contextlib
import functools
import json
import queue
import shutil
import socket
import threading
from http.client import HTTPConnection
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import numpy as np
import pandas as pd
import pytest

WEATHER = {"temp_c": 18.0, "humidity": 55, "wind_kmh": 12.0}
HOURS = (0, 8, 13, 18, 23)
STOP_SECONDS = 2.0  # stopping the server takes a small fraction of it
# How often a test server looks for a request to stop: a stop waits up to this long.
SERVER_POLL = 0.01


def _reference(data_dir):
    """Each station's mean per hour over its last 7 x 24 hours, and the least-squares
    coefficients (intercept first) of the weather term fitted to what is left over."""
    means, coefficients = _reference_of(data_dir)
    return means.copy(), coefficients.copy()


@functools.cache  # several tests ask for the same data folder's reference
def _reference_of(data_dir):
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    recent = rentals[rentals["timestamp"] > rentals["timestamp"].max() - pd.Timedelta(days=7)]
    keys = [recent["station_id"], recent["timestamp"].dt.hour]
    typical = recent.groupby(keys)["rentals"].transform("mean")
    weather = np.column_stack([np.ones(len(recent)), recent[list(WEATHER)]])
    coefficients = np.linalg.lstsq(weather, recent["rentals"] - typical, rcond=None)[0]
    return recent.groupby(keys)["rentals"].mean(), coefficients


def _correction(coefficients, weather: dict) -> float:
    return float(np.array([1.0, *(weather[name] for name in WEATHER)]) @ coefficients)


def _expected_answers(data_dir) -> dict[tuple[int, int], float]:
    means, coefficients = _reference(data_dir)
    correction = _correction(coefficients, WEATHER)
    stations = pd.read_csv(data_dir / "stations.csv")["station_id"]
    return {(int(s), h): max(means[(s, h)] + correction, 0.0) for s in stations for h in HOURS}


def _stop(server) -> None:
    """Stop ``server`` as Ctrl+C does; fail if that does not return promptly."""
    stopping = threading.Thread(target=lambda: (server.shutdown(), server.server_close()),
                                daemon=True)
    stopping.start()
    stopping.join(STOP_SECONDS)
    assert not stopping.is_alive(), (
        "stopping the server should not wait for a client that never finishes its request")


@contextlib.contextmanager
def _running_server(data_dir):
    from exercises.ex12_attach.serve import ModelServer, train_model

    server = ModelServer(train_model(data_dir), port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": SERVER_POLL},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        _stop(server)


def _post(port: int, payload: object, path: str = "/predict") -> tuple[int, dict]:
    request = Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(payload).encode(),
                      headers={"Content-Type": "application/json"})
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except HTTPError as error:
        return error.code, json.load(error)


def _post_without_body(port: int) -> int:
    """A POST with no body and no Content-Length (as ``curl -X POST`` sends); its status."""
    connection = HTTPConnection("127.0.0.1", port, timeout=STOP_SECONDS)
    try:
        connection.putrequest("POST", "/predict")
        connection.endheaders()
        return connection.getresponse().status
    except TimeoutError:
        return 0
    finally:
        connection.close()


def _assert_answer(status: int, answer: dict, rentals: float, what: str) -> None:
    assert status == 200, f"{what} should be answered: {answer}"
    got = answer.get("rentals")
    rounded = f"{what}: the answer should be the rentals rounded to one decimal; it was {answer}"
    assert isinstance(got, float), rounded
    assert got == round(got, 1), rounded
    assert got == pytest.approx(rentals, abs=0.051), (
        f"{what}: the server should answer {rentals:.1f} rentals (the station's mean for that "
        f"hour over its last seven days, corrected for the weather); it answered {got}"
    )


def _assert_every_station_hour_answered(data_dir, history: str) -> None:
    expected = _expected_answers(data_dir)
    with _running_server(data_dir) as server:
        answers = {key: _post(server.server_port,
                              {"station_id": key[0], "hour": key[1], **WEATHER})
                   for key in expected}

    for (station_id, hour), rentals in expected.items():
        _assert_answer(*answers[station_id, hour], rentals,
                       f"{history}: station {station_id} at {hour}:00 with {WEATHER}")


def test_every_station_gets_its_own_recent_typical_hour(dataset):
    _assert_every_station_hour_answered(dataset, "the shipped history")


def test_a_history_with_missing_hours_is_learnt_from_its_last_seven_days(dataset, tmp_path):
    """Exports lose hours: the last seven days are the days on the clock, whatever rows are
    missing and in whatever order the stations' rows come."""
    rentals = pd.read_csv(dataset / "rentals.csv")
    stamp = pd.to_datetime(rentals["timestamp"])
    first_station = rentals["station_id"] == rentals["station_id"].min()
    lost_day = stamp.dt.normalize() == stamp.max().normalize() - pd.Timedelta(days=3)
    lost_hour = first_station & (stamp == stamp.max() - pd.Timedelta(hours=30))
    in_time_order = rentals[~(lost_day | lost_hour)].sort_values(["timestamp", "station_id"])
    in_time_order.to_csv(tmp_path / "rentals.csv", index=False)
    shutil.copy(dataset / "stations.csv", tmp_path)

    _assert_every_station_hour_answered(
        tmp_path, "a history in time order that lacks a day and an hour of last week")


def test_fields_in_any_order_and_bad_requests_refused(dataset):
    expected = _expected_answers(dataset)
    station_id, hour = next(iter(expected))
    good = {"station_id": station_id, "hour": hour, **WEATHER}
    refused = {
        "a station that does not exist": {**good, "station_id": 999},
        "an hour past 23": {**good, "hour": 24},
        "a negative hour": {**good, "hour": -1},
        "a request without a temperature": {k: v for k, v in good.items() if k != "temp_c"},
        "a request with a field the model does not know": {**good, "rain_mm": 0.0},
        "a body that is not a JSON object": [station_id, hour],
    }
    # A client that connects and sends nothing (as a browser's pre-connection may):
    # the server must still stop when asked.
    stalled = socket.socket()
    try:
        with _running_server(dataset) as server:
            port = server.server_port
            stalled.connect(("127.0.0.1", port))
            reordered = _post(port, {**WEATHER, "hour": hour, "station_id": station_id})
            answers = {what: _post(port, payload) for what, payload in refused.items()}
            wrong_path = _post(port, good, path="/predict/")
            without_body = _post_without_body(port)
    finally:
        stalled.close()

    _assert_answer(*reordered, expected[station_id, hour],
                   "a request with its fields in another order")
    for what, (status, answer) in answers.items():
        assert (status, "error" in answer) == (400, True), (
            f"{what} should be refused with 400 and an error message: got {status} {answer}")
    assert (wrong_path[0], "error" in wrong_path[1]) == (404, True), (
        "a request to another path than /predict should be answered 404 with an error message")
    assert without_body == 400, "a POST without a body should be refused with 400 at once"


def test_a_station_without_recent_history_starts_from_zero(dataset, tmp_path):
    """A station listed in stations.csv with no rentals yet gets the weather term alone."""
    stations = pd.read_csv(dataset / "stations.csv")
    new_station = int(stations["station_id"].max()) + 1
    opened = {column: stations[column].iloc[0] for column in stations.columns}
    opened.update(station_id=new_station, name="New Dock")
    pd.concat([stations, pd.DataFrame([opened])]).to_csv(tmp_path / "stations.csv",
                                                          index=False)
    (tmp_path / "rentals.csv").write_bytes((dataset / "rentals.csv").read_bytes())
    _, coefficients = _reference(dataset)
    # A mild day on which the weather alone brings riders above a typical hour.
    history = pd.read_csv(dataset / "rentals.csv")
    weather = {name: float(history[name].mean() + np.sign(coefficients[i + 1])
                           * history[name].std())
               for i, name in enumerate(WEATHER)}

    with _running_server(tmp_path) as server:
        answer = _post(server.server_port, {"station_id": new_station, "hour": 8, **weather})

    _assert_answer(*answer, max(_correction(coefficients, weather), 0.0),
                   f"a station opened this week (no rentals yet) with {weather}")


def test_the_command_serves_the_model_where_the_client_asks(dataset, monkeypatch):
    from exercises.ex12_attach import client, serve

    started: queue.Queue = queue.Queue()

    class ServerOnAFreePort(serve.ModelServer):
        """Takes any free port (the default one may be busy here) and notes the one asked."""

        def __init__(self, model, port):
            super().__init__(model, 0)
            started.put((port, self))

        def serve_forever(self, poll_interval=0.5):
            super().serve_forever(poll_interval=SERVER_POLL)  # stops sooner when asked

    def run_command():
        try:
            serve.main(["--data", str(dataset)])
        except BaseException as error:  # handed to the test below
            started.put((None, error))

    monkeypatch.setattr(serve, "ModelServer", ServerOnAFreePort)
    threading.Thread(target=run_command, daemon=True).start()
    port, server = started.get(timeout=30)
    assert port is not None, f"the server command should start and serve: {server!r}"
    try:
        answer = _post(server.server_port, client.APP_REQUEST)
    finally:
        _stop(server)

    assert port == client.PORT, "by default the server should listen where the client sends"
    means, coefficients = _reference(dataset)
    key = (client.APP_REQUEST["station_id"], client.APP_REQUEST["hour"])
    _assert_answer(*answer, max(means[key] + _correction(coefficients, client.APP_REQUEST), 0.0),
                   f"the app's request {client.APP_REQUEST}, served by the command")
