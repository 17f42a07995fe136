"""Check: requests from the app are answered by the model, bad ones by the fallback."""

import pytest


def _as_training_row(request: dict) -> dict:
    """The same station-hour written the way the training CSV writes it."""
    day, time = str(request["timestamp"]).split("T")
    return {**request, "timestamp": f"{day} {time[:5]}"}


@pytest.fixture
def model():
    from exercises.ex08_exception_breakpoint.scoring import DemandModel
    from exercises.ex08_exception_breakpoint.serve_batch import load_training_records

    return DemandModel.fit(load_training_records())


def test_requests_from_the_app_get_the_models_forecast(model):
    from exercises.ex08_exception_breakpoint.scoring import feature_vector
    from exercises.ex08_exception_breakpoint.serve_batch import load_requests

    requests = load_requests()

    predictions = model.predict_batch(requests)

    for request, predicted in zip(requests, predictions, strict=True):
        features = feature_vector(_as_training_row(request))
        expected = max(0.0, float(model.regressor.predict(features[None, :])[0]))
        assert predicted == pytest.approx(expected), (
            f"request {request['request_id']} ({request['timestamp']}) should get the "
            f"model's forecast for that station-hour, {expected:.2f} rentals, "
            f"not {predicted:.2f}"
        )


def test_a_request_without_temperature_still_gets_the_station_average(model):
    request = {"request_id": "bad", "station_id": 202,
               "timestamp": "2024-06-17T08:00:00", "weather": "clear"}

    predicted = model.predict_one(request)

    assert predicted == pytest.approx(model.fallback[202]), (
        "a malformed request should still be answered, with its station's average"
    )
