"""Check: the job ships the model of its best validation epoch, and reports it truthfully."""

import numpy as np
import pandas as pd
import pytest

DOCUMENTED = {"learning_rate": 0.02, "momentum": 0.9, "batch_size": 16, "max_epochs": 40,
              "patience": 3, "validation_days": 3, "seed": 0}


def _frames(dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    last_day = rentals["timestamp"].dt.normalize().max()
    later = rentals["timestamp"].dt.normalize() > last_day - pd.Timedelta(days=3)
    return rentals[~later], rentals[later]


def _columns(rentals: pd.DataFrame, stations: list[int]) -> np.ndarray:
    hour = rentals["timestamp"].dt.hour.to_numpy()
    angle = 2 * np.pi * hour / 24
    off_day = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    columns = [rentals["temp_c"], rentals["humidity"], rentals["weather"] == "rain", off_day,
               np.sin(angle), np.cos(angle), np.sin(2 * angle), np.cos(2 * angle)]
    columns += [rentals["station_id"] == s for s in stations[1:]]
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


def _design(dataset) -> tuple[np.ndarray, ...]:
    """Standardised features (training mean and spread) and rentals of both sets."""
    train, valid = _frames(dataset)
    stations = sorted(train["station_id"].unique())
    train_x, valid_x = _columns(train, stations), _columns(valid, stations)
    mean, spread = train_x.mean(axis=0), train_x.std(axis=0, ddof=1)
    return ((train_x - mean) / spread, train["rentals"].to_numpy(dtype=float),
            (valid_x - mean) / spread, valid["rentals"].to_numpy(dtype=float))


def _reference(train_x, train_y, valid_x, valid_y, learning_rate, momentum, batch_size,
               max_epochs, patience, seed):
    """Momentum SGD, stopped on the validation error; the parameters of the best epoch."""
    rng = np.random.default_rng(seed)
    weights, bias = np.zeros(train_x.shape[1]), 0.0
    velocity, bias_velocity = np.zeros(train_x.shape[1]), 0.0
    kept, best_loss, waited, history = None, np.inf, 0, []
    for _ in range(max_epochs):
        order = rng.permutation(len(train_y))
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            error = train_x[rows] @ weights + bias - train_y[rows]
            velocity = momentum * velocity + train_x[rows].T @ error / len(rows)
            bias_velocity = momentum * bias_velocity + float(error.mean())
            weights = weights - learning_rate * velocity
            bias = bias - learning_rate * bias_velocity
        history.append(float(np.mean((valid_x @ weights + bias - valid_y) ** 2)))
        if history[-1] < best_loss:
            kept, best_loss, waited = (weights, bias), history[-1], 0
        else:
            waited += 1
            if waited >= patience:
                break
    return kept, history


@pytest.mark.parametrize("settings", [{}, {"learning_rate": 0.03, "patience": 2, "seed": 5},
                                      {"max_epochs": 4, "patience": 10},
                                      {"learning_rate": 0.0, "max_epochs": 6, "patience": 2}],
                         ids=["documented", "other-settings", "few-epochs", "no-steps"])
def test_training_returns_the_model_of_its_best_validation_epoch(dataset, settings):
    from exercises.ex05_watch.train import TrainingConfig, train

    chosen = DOCUMENTED | settings
    config = TrainingConfig(**chosen)
    design = _design(dataset)
    model, history = train(*(part.copy() for part in design), config)

    (weights, bias), expected_history = _reference(
        *design, **{k: v for k, v in chosen.items() if k != "validation_days"})
    same = (len(history) == len(expected_history) and np.allclose(history, expected_history)
            and np.allclose(model.weights, weights) and np.isclose(model.bias, bias))
    assert same, (
        "Training should run momentum SGD epoch by epoch, stop once the validation error has "
        "not improved for the configured patience, and return the model exactly as it was "
        "after the epoch with the lowest validation error"
    )


def test_the_job_ships_the_model_of_its_best_epoch(dataset, capsys):
    from exercises.ex05_watch import train

    train.main(dataset / "rentals.csv")
    lines = capsys.readouterr().out.splitlines()

    design = _design(dataset)
    (weights, bias), history = _reference(
        *design, **{k: v for k, v in DOCUMENTED.items() if k != "validation_days"})
    best = int(np.argmin(history)) + 1
    shipped = float(np.mean((design[2] @ weights + bias - design[3]) ** 2))
    expected = [f"epoch {epoch:>2}: validation MSE {loss:.2f}"
                for epoch, loss in enumerate(history, start=1)]
    expected += [f"best epoch: {best}", f"shipped model: validation MSE {shipped:.2f}"]
    same = lines == expected and f"{shipped:.2f}" == f"{min(history):.2f}"
    assert same, (
        "With the documented settings, the job should print each epoch's validation error, "
        "the best epoch, and ship a model whose validation error is the best epoch's"
    )


def test_the_default_settings_are_the_documented_ones():
    from exercises.ex05_watch.train import TrainingConfig

    config = TrainingConfig()
    documented = all(getattr(config, name) == value for name, value in DOCUMENTED.items())
    try:
        config.max_epochs = 1  # the default settings are shared by every call
    except AttributeError:
        pass
    else:
        documented = False
    assert documented, (
        "The default training settings should be the documented ones, and a configuration "
        "should not change once it is made"
    )
