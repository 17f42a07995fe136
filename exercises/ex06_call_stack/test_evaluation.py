"""Check: the weekly report scores each station's forecast against what happened."""

import numpy as np
import pytest


def test_score_takes_outcomes_first_and_probabilities_second():
    from exercises.ex06_call_stack.metrics import score

    outcomes, probabilities = [1, 0, 1, 0], [0.8, 0.3, 0.6, 0.1]
    expected = -np.mean(np.log([0.8, 0.7, 0.6, 0.9]))

    metrics = score(outcomes, probabilities)

    assert metrics["log_loss"] == pytest.approx(expected), (
        "score(y_true, y_prob) should compute the log loss of the probabilities "
        "y_prob against the 0/1 outcomes y_true"
    )


def test_report_scores_the_forecast_against_the_real_rush_hours():
    from exercises.ex06_call_stack import evaluate

    frame = evaluate.load_rentals()
    train, holdout = evaluate.split_by_time(frame)
    model = evaluate.fit_model(train)
    probability = model.predict_proba(evaluate.feature_matrix(holdout))[:, 1]
    outcome = (holdout["rentals"] >= evaluate.RUSH_RENTALS).to_numpy()

    results = evaluate.run_evaluation(frame)

    assert sorted(results) == [101, 202], "the report should have one entry per station"
    for station_id, metrics in results.items():
        rows = (holdout["station_id"] == station_id).to_numpy()
        p, rush = probability[rows], outcome[rows]
        expected = -np.mean(np.where(rush, np.log(p), np.log(1 - p)))
        assert metrics["log_loss"] == pytest.approx(expected), (
            f"station {station_id}: the reported log loss should measure the model's "
            f"rush probabilities against the hours that really were rushes "
            f"(expected {expected:.3f}, got {metrics['log_loss']:.3f})"
        )
