"""Check: the app's requests get the model's forecast; one missing a field gets the average."""

import csv
import json
import logging
import random
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

WEATHER_EFFECTS = ("cloudy", "rain")
ISO_PRECISIONS = ("seconds", "minutes", "milliseconds")
MALFORMED = "no-temperature"


def _features(when: datetime, station: int, weather: str, temp: float,
              stations: list[int]) -> np.ndarray:
    """The documented encoding: hour of a work day or of a weekend day, weather, one flag
    per station trained on, temperature."""
    vector = np.zeros(48 + len(WEATHER_EFFECTS) + len(stations) + 1)
    vector[when.hour + (24 if when.weekday() >= 5 else 0)] = 1.0
    for offset, effect in enumerate(WEATHER_EFFECTS, start=48):
        vector[offset] = weather == effect
    if station in stations:
        vector[48 + len(WEATHER_EFFECTS) + stations.index(station)] = 1.0
    vector[-1] = temp
    return vector


def _training(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _expected_forecasts(rows: list[dict[str, str]], requests: list[dict]) -> list[float]:
    """Ridge on the training rows; a request without a temperature gets its station's mean."""
    from sklearn.linear_model import Ridge

    stations = sorted({int(r["station_id"]) for r in rows})
    x = np.stack([_features(datetime.strptime(r["timestamp"], "%Y-%m-%d %H:%M"),
                            int(r["station_id"]), r["weather"], float(r["temp_c"]), stations)
                  for r in rows])
    y = np.array([float(r["rentals"]) for r in rows])
    model = Ridge(alpha=1.0).fit(x, y)
    forecasts = []
    for request in requests:
        station = int(request["station_id"])
        if "temp_c" not in request:
            forecasts.append(float(np.mean([float(r["rentals"]) for r in rows
                                            if int(r["station_id"]) == station])))
            continue
        vector = _features(datetime.fromisoformat(request["timestamp"]), station,
                           request["weather"], request["temp_c"], stations)
        forecasts.append(max(0.0, float(model.predict(vector[None, :])[0])))
    return forecasts


def _next_day_requests(rows: list[dict[str, str]]) -> list[dict]:
    """What the app sends for the day after the data: one request per station and hour, the
    forecast weather taken from the last day, in no particular order, with ISO 8601 timestamps
    to the second, the minute or the millisecond; and one request without a temperature."""
    last_day = max(r["timestamp"] for r in rows)[:10]
    requests = []
    for row in (r for r in rows if r["timestamp"].startswith(last_day)):
        when = datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M") + timedelta(days=1)
        precision = ISO_PRECISIONS[len(requests) % len(ISO_PRECISIONS)]
        requests.append({"request_id": f"q{len(requests)}", "station_id": int(row["station_id"]),
                         "timestamp": when.isoformat(timespec=precision),
                         "temp_c": float(row["temp_c"]), "weather": row["weather"]})
    random.Random(8).shuffle(requests)
    broken = {key: value for key, value in requests[5].items() if key != "temp_c"}
    return [*requests, {**broken, "request_id": MALFORMED}]


def _printed_forecasts(output: str) -> dict[int, list[float]]:
    lines = [line.split() for line in output.splitlines() if line.startswith("station ")]
    return {int(words[1].rstrip(":")): [float(value) for value in words[2:]] for words in lines}


def _grouped(requests: list[dict], forecasts: list[float]) -> dict[int, list[float]]:
    grouped: dict[int, list[float]] = {}
    for request, forecast in zip(requests, forecasts, strict=True):
        grouped.setdefault(int(request["station_id"]), []).append(forecast)
    return grouped


def _matches(printed: dict[int, list[float]], expected: dict[int, list[float]]) -> bool:
    return printed.keys() == expected.keys() and all(
        printed[s] == pytest.approx(expected[s], abs=0.051) for s in expected
    )


def test_each_request_of_the_app_gets_the_models_forecast(dataset, tmp_path, capsys, caplog):
    from exercises.ex08_exception_breakpoint import serve_batch

    rows = _training(dataset / "rentals.csv")
    requests = _next_day_requests(rows)
    batch = tmp_path / "requests.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in requests), encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        serve_batch.main(dataset / "rentals.csv", batch)

    expected = _grouped(requests, _expected_forecasts(rows, requests))
    as_expected = _matches(_printed_forecasts(capsys.readouterr().out), expected)
    assert as_expected, (
        "Every request from the app should be answered with the model's forecast for its "
        "station-hour, in request order, and a request without a temperature with its "
        "station's average rentals"
    )
    only_the_malformed_one = all(MALFORMED in record.getMessage() for record in caplog.records)
    assert only_the_malformed_one, (
        "The job's warnings should name only the request without a temperature: the app's "
        "well-formed requests are not malformed"
    )


def test_tonights_batch_follows_the_daily_demand(capsys):
    from exercises.ex08_exception_breakpoint import serve_batch

    serve_batch.main()

    rows = _training(serve_batch.DATA)
    requests = serve_batch.load_requests()
    expected = _grouped(requests, _expected_forecasts(rows, requests))
    as_expected = _matches(_printed_forecasts(capsys.readouterr().out), expected)
    assert as_expected, (
        "Tonight's batch should get the model's forecast for each station-hour, with the "
        "morning and evening peaks the training data shows"
    )
