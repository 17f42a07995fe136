"""Check: SGD reaches the least-squares fit, with the learning rate decaying once per epoch."""

import numpy as np
import pytest


def _linear_problem(rows: int = 300) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    features = rng.standard_normal((rows, 4))
    target = features @ np.array([3.0, -2.0, 0.5, 1.5]) + 10.0 + rng.normal(0, 1.0, rows)
    return features, target


def _optimum_mse(features: np.ndarray, target: np.ndarray) -> float:
    with_bias = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(with_bias, target, rcond=None)
    return float(np.mean((with_bias @ solution - target) ** 2))


def test_training_gets_close_to_the_least_squares_fit():
    from exercises.ex05_watch.sgd import SGDConfig, train_linear_sgd

    features, target = _linear_problem()
    _, losses = train_linear_sgd(features, target, SGDConfig())
    best = _optimum_mse(features, target)

    assert losses[-1] < 1.05 * best, (
        f"With the default settings, the training MSE should end within 5% of the "
        f"least-squares optimum ({best:.2f}); it ended at {losses[-1]:.2f} "
        f"(after epoch 1: {losses[0]:.2f})"
    )


def test_the_whole_first_epoch_runs_at_the_configured_learning_rate():
    from exercises.ex05_watch.sgd import SGDConfig, train_linear_sgd

    features, target = _linear_problem()
    steady, _ = train_linear_sgd(features, target, SGDConfig(epochs=1, decay=1.0))
    decaying, _ = train_linear_sgd(features, target, SGDConfig(epochs=1, decay=0.5))

    assert decaying.weights == pytest.approx(steady.weights), (
        "The learning rate should decay between epochs only: after a single epoch, the "
        "model should not depend on the decay factor"
    )


def test_the_learning_rate_does_decay_after_each_epoch():
    from exercises.ex05_watch.sgd import SGDConfig, train_linear_sgd

    features, target = _linear_problem()
    one_epoch, _ = train_linear_sgd(features, target, SGDConfig(epochs=1, decay=0.0))
    two_epochs, _ = train_linear_sgd(features, target, SGDConfig(epochs=2, decay=0.0))

    assert two_epochs.weights == pytest.approx(one_epoch.weights), (
        "With a decay factor of 0, every epoch after the first runs at a learning rate "
        "of 0, so a second epoch should leave the model unchanged"
    )
