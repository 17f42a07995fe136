"""Check: the running server answers every request from the last seven days of history,
however many requests it has answered before."""

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

import pandas as pd
import pytest

CONDITIONS = ("clear", "cloudy", "rain")
HOURS = (0, 8, 17, 22, 23)
AHEAD = 3  # the requested hour and the two after it, within the day
STOP_SECONDS = 2.0  # stopping the server takes a small fraction of it
# How often a test server looks for a request to stop: a stop waits up to this long.
SERVER_POLL = 0.01


@functools.cache  # several tests ask for the same data folder's reference
def _reference(data_dir):
    """Each station's mean rentals per hour over the last seven days on the clock, and for
    each kind of weather its rentals over the typical rentals of its hours (1.0 unseen)."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    recent = rentals[rentals["timestamp"] > rentals["timestamp"].max() - pd.Timedelta(days=7)]
    keys = [recent["station_id"], recent["timestamp"].dt.hour]
    typical = recent.groupby(keys)["rentals"].transform("mean")
    factors = {}
    for weather in CONDITIONS:
        hours = recent["weather"] == weather
        seen = hours.any()
        factors[weather] = recent["rentals"][hours].sum() / typical[hours].sum() if seen else 1.0
    mean = recent.groupby(keys)["rentals"].mean()
    return {(int(s), int(h)): float(m) for (s, h), m in mean.items()}, factors


def _expected(data_dir, station_id: int, hour: int, weather: str) -> list[float]:
    means, factors = _reference(data_dir)
    return [means.get((station_id, h), 0.0) * factors[weather]
            for h in range(hour, min(hour + AHEAD, 24))]


def _stop(server) -> None:
    """Stop ``server`` as Ctrl+C does; fail if that does not return promptly."""
    stopping = threading.Thread(target=lambda: (server.shutdown(), server.server_close()),
                                daemon=True)
    stopping.start()
    stopping.join(STOP_SECONDS)
    assert not stopping.is_alive(), (
        "stopping the server should not wait for a client that never finishes its request")


@contextlib.contextmanager
def _running_command(data_dir, monkeypatch):
    """``python -m exercises.ex12_attach.serve --data data_dir``, on a free port; yields
    (the server, the port the command asked for)."""
    from exercises.ex12_attach import serve

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
            serve.main(["--data", str(data_dir)])
        except BaseException as error:  # handed to the test below
            started.put((None, error))

    monkeypatch.setattr(serve, "ModelServer", ServerOnAFreePort)
    threading.Thread(target=run_command, daemon=True).start()
    port, server = started.get(timeout=30)
    assert port is not None, f"the server command should start and serve: {server!r}"
    try:
        yield server, port
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


def _assert_answer(status: int, answer: dict, expected: list[float], what: str) -> None:
    assert status == 200, f"{what} should be answered: {answer}"
    hours, rentals = answer.get("next_hours"), answer.get("rentals")
    shape = (f"{what}: the answer should hold the rentals of the hour and the list of it and "
             "the next hours of the day, each rounded to one decimal")
    numbers = isinstance(hours, list) and all(isinstance(v, float) for v in [rentals, *hours])
    well_formed = (numbers and len(hours) == len(expected) and rentals == hours[0]
                   and all(v == round(v, 1) for v in hours))
    assert well_formed, shape
    same = hours == pytest.approx(expected, abs=0.051)
    assert same, (
        f"{what}: the server should answer {[round(float(v), 1) for v in expected]} (each "
        "station's mean for those hours over the last seven days, times what that weather brings)")


def _assert_every_request_answered(data_dir, monkeypatch, history: str, times: int) -> None:
    stations = [int(s) for s in pd.read_csv(data_dir / "stations.csv")["station_id"]]
    keys = [(s, h, w) for s in stations for h in HOURS for w in CONDITIONS]
    with _running_command(data_dir, monkeypatch) as (server, _):
        # Each request ``times`` times, every other time in reverse order.
        asked = [key for time in range(times) for key in (keys if time % 2 == 0 else keys[::-1])]
        answers = [(key, _post(server.server_port,
                               {"station_id": key[0], "hour": key[1], "weather": key[2]}))
                   for key in asked]

    for (station_id, hour, weather), answer in answers:
        _assert_answer(*answer, _expected(data_dir, station_id, hour, weather),
                       f"{history}: station {station_id} at {hour}:00 in {weather} weather, "
                       "asked after other requests")


def test_every_request_is_answered_from_the_last_seven_days(dataset, monkeypatch):
    _assert_every_request_answered(dataset, monkeypatch, "the shipped history", times=2)


def test_a_history_with_missing_hours_is_learnt_from_its_last_seven_days(dataset, tmp_path,
                                                                         monkeypatch):
    """Exports lose hours: the last seven days are the days on the clock, whatever rows are
    missing and in whatever order the stations' rows come."""
    rentals = pd.read_csv(dataset / "rentals.csv")
    stamp = pd.to_datetime(rentals["timestamp"])
    first_station = rentals["station_id"] == rentals["station_id"].min()
    lost_day = stamp.dt.normalize() == stamp.max().normalize() - pd.Timedelta(days=3)
    lost_hour = first_station & (stamp == stamp.max() - pd.Timedelta(hours=30))
    # No reading at 9 o'clock all week: those hours count 0.
    lost_nine = (stamp > stamp.max() - pd.Timedelta(days=7)) & (stamp.dt.hour == 9)
    in_time_order = rentals[~(lost_day | lost_hour | lost_nine)].sort_values(
        ["timestamp", "station_id"])
    in_time_order.to_csv(tmp_path / "rentals.csv", index=False)
    shutil.copy(dataset / "stations.csv", tmp_path)

    _assert_every_request_answered(
        tmp_path, monkeypatch, "a history in time order that lacks a day, an hour and every "
        "9 o'clock reading of last week", times=1)


def test_a_week_without_rain_answers_rain_as_a_typical_hour(dataset, tmp_path, monkeypatch):
    rentals = pd.read_csv(dataset / "rentals.csv")
    stamp = pd.to_datetime(rentals["timestamp"])
    last_week = stamp > stamp.max() - pd.Timedelta(days=7)
    rentals.loc[last_week & (rentals["weather"] == "rain"), "weather"] = "cloudy"
    rentals.to_csv(tmp_path / "rentals.csv", index=False)
    shutil.copy(dataset / "stations.csv", tmp_path)
    station_id = int(rentals["station_id"].iloc[-1])

    with _running_command(tmp_path, monkeypatch) as (server, _):
        answers = {hour: _post(server.server_port,
                               {"station_id": station_id, "hour": hour, "weather": "rain"})
                   for hour in HOURS}

    for hour, answer in answers.items():
        _assert_answer(*answer, _expected(tmp_path, station_id, hour, "rain"),
                       f"station {station_id} at {hour}:00 in rain, after a week without rain")


def test_fields_in_any_order_and_bad_requests_refused(dataset, monkeypatch):
    station_id = int(pd.read_csv(dataset / "stations.csv")["station_id"].iloc[0])
    good = {"station_id": station_id, "hour": 8, "weather": "rain"}
    refused = {
        "a station that does not exist": {**good, "station_id": 999},
        "an hour past 23": {**good, "hour": 24},
        "a negative hour": {**good, "hour": -1},
        "a weather the model does not know": {**good, "weather": "snow"},
        "a request without the weather": {k: v for k, v in good.items() if k != "weather"},
        "a request with a field the model does not know": {**good, "rain_mm": 0.0},
        "a body that is not a JSON object": [station_id, 8],
    }
    # A client that connects and sends nothing (as a browser's pre-connection may):
    # the server must still stop when asked.
    stalled = socket.socket()
    try:
        with _running_command(dataset, monkeypatch) as (server, _):
            port = server.server_port
            stalled.connect(("127.0.0.1", port))
            reordered = _post(port, {"weather": "rain", "hour": 8, "station_id": station_id})
            answers = {what: _post(port, payload) for what, payload in refused.items()}
            wrong_path = _post(port, good, path="/predict/")
            without_body = _post_without_body(port)
    finally:
        stalled.close()

    _assert_answer(*reordered, _expected(dataset, station_id, 8, "rain"),
                   "a request with its fields in another order")
    for what, (status, answer) in answers.items():
        assert (status, "error" in answer) == (400, True), (
            f"{what} should be refused with 400 and an error message: got {status} {answer}")
    assert (wrong_path[0], "error" in wrong_path[1]) == (404, True), (
        "a request to another path than /predict should be answered 404 with an error message")
    assert without_body == 400, "a POST without a body should be refused with 400 at once"


def test_a_station_without_recent_history_is_answered_zero(dataset, tmp_path, monkeypatch):
    """A station listed in stations.csv with no rentals yet expects no riders."""
    stations = pd.read_csv(dataset / "stations.csv")
    new_station = int(stations["station_id"].max()) + 1
    opened = {column: stations[column].iloc[0] for column in stations.columns}
    opened.update(station_id=new_station, name="New Dock")
    pd.concat([stations, pd.DataFrame([opened])]).to_csv(tmp_path / "stations.csv",
                                                          index=False)
    (tmp_path / "rentals.csv").write_bytes((dataset / "rentals.csv").read_bytes())

    with _running_command(tmp_path, monkeypatch) as (server, _):
        answer = _post(server.server_port,
                       {"station_id": new_station, "hour": 22, "weather": "clear"})

    _assert_answer(*answer, [0.0, 0.0], "a station opened this week (no rentals yet) at 22:00")


def test_the_command_serves_the_app_where_the_client_asks(dataset, monkeypatch, caplog):
    from exercises.ex12_attach import client

    app = client.APP_REQUEST
    caplog.set_level("INFO", logger="serve")
    with _running_command(dataset, monkeypatch) as (server, port):
        answers = [_post(server.server_port, app) for _ in range(3)]
    logged = [record.getMessage() for record in caplog.records if record.name == "serve"]
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    yesterday = rentals["timestamp"].dt.normalize() == rentals["timestamp"].max().normalize()
    assert logged[:3] == [
        f"Training the model on {dataset / 'rentals.csv'}",
        f"Replayed {int(yesterday.sum())} requests of yesterday: the model answers",
        f"Serving on http://127.0.0.1:{server.server_port}/predict (Ctrl+C to stop)",
    ], ("the server should log its training, the replay of every request of yesterday and "
        "where it serves")
    served = [m for m in logged[3:] if '"POST /predict HTTP/1.1" 200' in m]
    assert len(served) == 3, "the server should log each request it answers"

    assert port == client.PORT, "by default the server should listen where the client sends"
    expected = _expected(dataset, app["station_id"], app["hour"], app["weather"])
    for answer in answers:
        _assert_answer(*answer, expected, f"the app's request {app}, sent three times")
