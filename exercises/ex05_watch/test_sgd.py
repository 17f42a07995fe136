"""Check: SGD steps at a rate that shrinks once per epoch and nears the least-squares fit."""

import numpy as np
import pandas as pd
import pytest

LEARNING_RATE, DECAY, EPOCHS, BATCH, SEED = 0.1, 0.8, 25, 32, 0  # the documented defaults


def _design(dataset) -> tuple[np.ndarray, np.ndarray]:
    """Standardised weather, calendar and station columns, and the rentals."""
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    stamp = rentals["timestamp"]
    angle = 2 * np.pi * stamp.dt.hour / 24
    off_day = (stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    columns = [rentals["temp_c"], rentals["humidity"], rentals["weather"] == "rain", off_day,
               np.sin(angle), np.cos(angle)]
    columns += [rentals["station_id"] == s for s in sorted(rentals["station_id"].unique())[1:]]
    matrix = np.column_stack([np.asarray(c, dtype=float) for c in columns])
    matrix = (matrix - matrix.mean(axis=0)) / matrix.std(axis=0, ddof=1)
    return matrix, rentals["rentals"].to_numpy(dtype=float)


def _reference_sgd(features, target, learning_rate, decay, epochs, batch, seed):
    """Mini-batch SGD on the squared error, learning rate multiplied by ``decay`` per epoch."""
    rng = np.random.default_rng(seed)
    weights, bias, losses = np.zeros(features.shape[1]), 0.0, []
    for epoch in range(epochs):
        rate = learning_rate * decay**epoch
        order = rng.permutation(len(target))
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            error = features[rows] @ weights + bias - target[rows]
            weights = weights - rate * features[rows].T @ error / len(rows)
            bias -= rate * float(error.mean())
        losses.append(float(np.mean((features @ weights + bias - target) ** 2)))
    return weights, bias, losses


def _optimum_mse(features, target) -> float:
    with_bias = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(with_bias, target, rcond=None)
    return float(np.mean((with_bias @ solution - target) ** 2))


@pytest.mark.parametrize("decay", [DECAY, 0.5])
def test_training_follows_sgd_with_one_decay_per_epoch(dataset, decay):
    from exercises.ex05_watch.sgd import SGDConfig, train_linear_sgd

    features, target = _design(dataset)
    config = SGDConfig(learning_rate=LEARNING_RATE, decay=decay, epochs=6, batch_size=BATCH,
                       seed=SEED)
    model, losses = train_linear_sgd(features, target, config)

    weights, bias, expected_losses = _reference_sgd(features, target, LEARNING_RATE, decay, 6,
                                                    BATCH, SEED)
    same = (np.allclose(model.weights, weights) and np.isclose(model.bias, bias)
            and np.allclose(losses, expected_losses))
    assert same, (
        "Each epoch should visit every row once in a fresh random order, stepping at the "
        "configured learning rate multiplied by the decay factor once per epoch"
    )


def test_the_job_reports_a_fit_close_to_the_least_squares_optimum(dataset, capsys):
    from exercises.ex05_watch import train

    train.main(dataset / "rentals.csv")
    lines = capsys.readouterr().out.splitlines()
    labels = [line.split(":")[0].split() for line in lines]
    printed = [float(line.split()[-1]) for line in lines]

    features, target = _design(dataset)
    *_, losses = _reference_sgd(features, target, LEARNING_RATE, DECAY, EPOCHS, BATCH, SEED)
    best = _optimum_mse(features, target)
    epochs = (1, 2, 5, 10, EPOCHS)
    expected = [losses[epoch - 1] for epoch in epochs] + [best]
    same = printed == pytest.approx(expected, abs=0.006) and losses[-1] < 1.05 * best
    same &= labels == [*(["epoch", str(epoch)] for epoch in epochs), ["least-squares", "optimum"]]
    assert same, (
        f"With the default settings, the job should report the training MSE after epochs 1, "
        f"2, 5, 10 and {EPOCHS}, ending within 5% of the least-squares optimum it prints"
    )


def test_the_design_matrix_holds_the_standardised_features(dataset):
    from exercises.ex05_watch import train

    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    expected, _ = _design(dataset)
    got = train.design_matrix(rentals)
    same = got.shape == expected.shape and np.allclose(got, expected)
    assert same, (
        "The design matrix should hold, standardised and in this order: temperature, "
        "humidity, rain, off day, hour sine and cosine, and one column per station but the first"
    )


def test_a_training_configuration_is_a_fixed_value():
    from exercises.ex05_watch.sgd import SGDConfig

    config = SGDConfig()
    fixed = hash(config) == hash(SGDConfig()) and config == SGDConfig()
    try:
        config.epochs = 1  # the default configuration is shared by every call
    except AttributeError:
        pass
    else:
        fixed = False
    assert fixed, (
        "A training configuration should be a value: equal settings compare and hash alike, "
        "and its settings cannot be changed once it is made"
    )
