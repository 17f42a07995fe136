"""Check: the deployed service answers each station from that station's own history."""

import contextlib
import functools
import json
import shutil
import threading
from types import MappingProxyType
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pandas as pd
import pytest

TOLERANCE = 0.051  # answers are rounded to one decimal


def _rentals(data_dir) -> pd.DataFrame:
    return pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])


@functools.cache  # each folder's history is written once; read-only, so no test can alter it
def _expected(data_dir) -> tuple[MappingProxyType, MappingProxyType]:
    """Mean rentals by (station, hour) over the whole history, and by hour over every row."""
    rentals = _rentals(data_dir)
    hour = rentals["timestamp"].dt.hour
    by_station = rentals.groupby([rentals["station_id"], hour])["rentals"].mean().to_dict()
    network = rentals.groupby(hour)["rentals"].mean().to_dict()
    return MappingProxyType(by_station), MappingProxyType(network)


@functools.cache
def _stations(data_dir) -> tuple[int, ...]:
    return tuple(int(s) for s in pd.read_csv(data_dir / "stations.csv")["station_id"])


def _close(answer: float, expected: float) -> bool:
    return abs(answer - expected) <= TOLERANCE


@functools.cache  # a folder shared by several checks is built once, by the first that asks
def _image(data_dir, folder):
    from exercises.ex20_path_mappings.deploy import build_image

    return build_image(data_dir, folder)


def _deployed_model(data_dir, folder):
    """The model as the platform serves it: built into an image folder, loaded from there."""
    from exercises.ex20_path_mappings.deploy import ARTEFACT
    from exercises.ex20_path_mappings.model_store import load_model

    return load_model(_image(data_dir, folder) / ARTEFACT)


@pytest.fixture(scope="module")
def shipped_image_folder(tmp_path_factory):
    """One image folder of the shipped history for the checks that only need a service to
    talk to; each of them still loads and serves the model itself. Only the folder is made
    here: the learner's code runs in the checks, under their time limit."""
    return tmp_path_factory.mktemp("shipped") / "image"


@contextlib.contextmanager
def _serving(model):
    from exercises.ex20_path_mappings.serve import ForecastServer

    server = ForecastServer(model, port=0)
    # shutdown() returns once serve_forever's next poll sees the request: poll often, so
    # stopping a server takes milliseconds, not the 50 ms a longer poll waits out.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.002},
                              daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def _post(port: int, body: bytes, path: str = "/forecast") -> tuple[int, dict]:
    request = Request(f"http://127.0.0.1:{port}{path}", data=body,
                      headers={"Content-Type": "application/json"})
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except HTTPError as error:
        return error.code, json.load(error)


def _without(data_dir, folder, station: int, quiet: tuple[int, int]):
    """The history without any row of ``station``, and without ``quiet`` = (station, hour)."""
    rentals = _rentals(data_dir)
    hours = rentals["timestamp"].dt.hour
    drop = (rentals["station_id"] == station) | (
        (rentals["station_id"] == quiet[0]) & (hours == quiet[1]))
    folder.mkdir()
    rentals[~drop].to_csv(folder / "rentals.csv", index=False, date_format="%Y-%m-%d %H:%M")
    shutil.copy(data_dir / "stations.csv", folder / "stations.csv")
    return folder


def test_the_deployed_service_answers_each_station_from_its_own_history(dataset, tmp_path):
    by_station, _ = _expected(dataset)
    model = _deployed_model(dataset, tmp_path / "image")
    wrong = []
    with _serving(model) as port:
        for station in _stations(dataset):
            for hour in range(24):
                status, answer = _post(port, json.dumps(
                    {"station_id": station, "hour": hour}).encode())
                right = (status == 200 and answer["station_id"] == station
                         and answer["hour"] == hour
                         and _close(answer["rentals"], by_station[station, hour]))
                if not right:
                    wrong.append((station, hour))
    all_right = not wrong
    assert all_right, (
        "the deployed service should answer each station and hour with that station's mean "
        "rentals at that hour, echoing the station and the hour it was asked for")


def test_a_model_answers_the_same_trained_in_memory_or_loaded(dataset, tmp_path):
    from exercises.ex20_path_mappings.forecast import forecast
    from exercises.ex20_path_mappings.training import train_model

    by_station, _ = _expected(dataset)
    trained = train_model(dataset)
    loaded = _deployed_model(dataset, tmp_path / "image")
    same = all(
        _close(forecast(model, station, hour), by_station[station, hour])
        for model in (trained, loaded) for station in _stations(dataset) for hour in range(24))
    assert same, ("the service should give every station its own forecast, whether it trained "
                  "at start (a laptop) or loaded the image's model (the platform)")


def test_a_station_without_history_gets_the_whole_networks_profile(dataset, tmp_path):
    from exercises.ex20_path_mappings.forecast import forecast

    stations = _stations(dataset)
    new, other = stations[-1], stations[0]
    history = _without(dataset, tmp_path / "history", new, quiet=(other, 3))
    by_station, network = _expected(history)
    model = _deployed_model(history, tmp_path / "image")
    unknown = max(stations) + 1000
    expected = {(s, h): network.get(h, 0.0) for s in (new, unknown) for h in range(24)}
    expected |= {(other, h): by_station.get((other, h), 0.0) for h in range(24)}
    same = all(_close(forecast(model, s, h), value) for (s, h), value in expected.items())
    assert same, ("a station with no history (opened after training) should get the whole "
                  "network's mean for the hour; an hour a station never saw, no rentals; "
                  "every other station its own mean")


def test_an_image_answers_from_the_history_it_was_built_with(dataset, tmp_path):
    from exercises.ex20_path_mappings.deploy import ARTEFACT, build_image
    from exercises.ex20_path_mappings.forecast import forecast
    from exercises.ex20_path_mappings.model_store import load_model
    from exercises.ex20_path_mappings.training import train_model

    stations = _stations(dataset)
    image = build_image(dataset, tmp_path / "image")
    train_model(_without(dataset, tmp_path / "other", stations[0], quiet=(stations[-1], 8)))
    built = load_model(image / ARTEFACT)
    by_station, _ = _expected(dataset)
    same = all(_close(forecast(built, s, h), by_station[s, h])
               for s in stations for h in range(24))
    assert same, ("an image's model should answer from the history it was built with, "
                  "whatever was trained since")


@pytest.mark.parametrize(("body", "path", "status"), [
    (b'{"station_id": 101, "hour": 24}', "/forecast", 400),
    (b'{"station_id": 101, "hour": -1}', "/forecast", 400),
    (b'{"station_id": 101}', "/forecast", 400),
    (b'{"station_id": 101, "hour": 8, "day": 3}', "/forecast", 400),
    (b'[101, 8]', "/forecast", 400),
    (b'{"station_id": "Harbour", "hour": 8}', "/forecast", 400),
    (b'{"station_id": 101, "hour": 8}', "/predict", 404),
])
def test_requests_the_app_cannot_make_are_refused(shipped_image_folder, body, path, status):
    from course.datasets import SHIPPED_DIR

    with _serving(_deployed_model(SHIPPED_DIR, shipped_image_folder)) as port:
        answered, document = _post(port, body, path)
    refused = answered == status and "error" in document
    assert refused, f"a malformed request or an unknown path should be refused with {status}"


def test_the_app_shows_its_stations_forecast(dataset, tmp_path, capsys):
    from exercises.ex20_path_mappings.client import APP_REQUEST, main

    by_station, network = _expected(dataset)
    station, hour = APP_REQUEST["station_id"], APP_REQUEST["hour"]
    expected = by_station.get((station, hour), network[hour])
    with _serving(_deployed_model(dataset, tmp_path / "image")) as port:
        code = main(["--port", str(port), "--timeout", "10"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    wanted = f"station {station} at {hour:02d}:00 -> {expected:.1f} rentals expected"
    shown = code == 0 and last == wanted
    assert shown, "the app should show its station's mean rentals at that hour"


def test_a_post_without_a_body_is_refused_at_once(shipped_image_folder):
    from http.client import HTTPConnection

    from course.datasets import SHIPPED_DIR

    with _serving(_deployed_model(SHIPPED_DIR, shipped_image_folder)) as port:
        connection = HTTPConnection("127.0.0.1", port, timeout=2)
        connection.putrequest("POST", "/forecast")
        connection.endheaders()
        try:
            status = connection.getresponse().status
        except TimeoutError:
            status = None
        connection.close()
    refused = status == 400
    assert refused, "a POST with no body should be refused at once, not left waiting"


@pytest.mark.parametrize("source", ["--model", "--data"])
def test_the_service_starts_from_its_image_or_from_the_history(dataset, tmp_path, monkeypatch,
                                                               caplog, source):
    from exercises.ex20_path_mappings import serve
    from exercises.ex20_path_mappings.deploy import ARTEFACT, build_image
    from exercises.ex20_path_mappings.forecast import forecast

    served = []

    def serve_then_stop(server, *args, **kwargs):  # Ctrl+C as soon as it serves
        served.append(server.model)
        raise KeyboardInterrupt

    monkeypatch.setattr(serve.ForecastServer, "serve_forever", serve_then_stop)
    where = build_image(dataset, tmp_path / "image") / ARTEFACT if source == "--model" else dataset
    with caplog.at_level("INFO"):
        serve.main([source, str(where), "--port", "0"])
    by_station, _ = _expected(dataset)
    right = len(served) == 1 and all(
        _close(forecast(served[0], s, h), by_station[s, h])
        for s in _stations(dataset) for h in range(24))
    said = " ".join(caplog.messages)
    told = "Serving on http://127.0.0.1:" in said and "Stopped" in said and (
        str(dataset / "rentals.csv") in said if source == "--data" else "2024" in said)
    started = right and told
    assert started, (
        f"started with {source}, the service should serve every station its own forecast "
        "and log what it serves from, then that it serves, then that it stopped")
