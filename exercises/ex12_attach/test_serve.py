"""Check: the server predicts from the fields' names, whatever order a client sends them in."""

import itertools
import json
import threading
from urllib.request import Request, urlopen

import pandas as pd
import pytest

REQUEST = {"hour": 8, "temp_c": 18.0, "humidity": 55, "wind_kmh": 12.0}


def _reordered(payload: dict, order: tuple[str, ...]) -> dict:
    return {name: payload[name] for name in order}


def test_features_follow_field_names_not_field_order():
    from exercises.ex12_attach.serve import FEATURES, to_features

    for order in itertools.permutations(REQUEST):
        features = to_features(_reordered(REQUEST, order))
        assert list(features.columns) == list(FEATURES), (
            f"The feature frame should have the model's columns {list(FEATURES)}"
        )
        seen = {name: float(features.at[0, name]) for name in FEATURES}
        assert seen == pytest.approx(REQUEST), (
            f"A request with fields in the order {list(order)} should give each feature "
            f"its own value {REQUEST}; the model saw {seen}"
        )


def test_server_answers_the_app_like_the_model_would():
    from exercises.ex12_attach.serve import FEATURES, ModelServer, train_model

    model = train_model()
    expected = float(model.predict(pd.DataFrame([REQUEST], columns=list(FEATURES)))[0])
    server = ModelServer(model, port=0)
    # One request is all this check sends; handle_request() also avoids the
    # half-second polling delay of shutting down serve_forever().
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        app_request = _reordered(REQUEST, ("temp_c", "humidity", "wind_kmh", "hour"))
        request = Request(
            f"http://127.0.0.1:{server.server_port}/predict",
            data=json.dumps(app_request).encode(),
        )
        with urlopen(request, timeout=10) as response:
            answer = json.load(response)
    finally:
        thread.join(timeout=10)
        server.server_close()

    assert answer["rentals"] == pytest.approx(expected, abs=0.05), (
        f"For {app_request} the server should answer what the model predicts for "
        f"that hour and weather ({expected:.1f} rentals), got {answer['rentals']}"
    )
