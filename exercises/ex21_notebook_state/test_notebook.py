"""Check: each window the sweep reports scores what a fresh kernel scores with it.

The notebook itself is graded: its code cells run here in one namespace per fresh
kernel (``replay.py``), in the order the scenario gives and in other orders an
analyst re-runs cells in. The data folder is set after the cell tagged
``parameters``, as papermill does, so the notebook runs on both datasets.
"""

import functools
import re

import numpy as np
import pandas as pd
import pytest

DAYS_SCORED = 7
ALPHA = 1.0
PRINTED = re.compile(r"train: (\d+) station-hours, test: (\d+)\s+window\s+(\d+) h: MAE (\d+\.\d+)")


def _design(frame: pd.DataFrame, hours: list[int], window: int) -> np.ndarray:
    one_hot = (frame["hour"].to_numpy()[:, None] == np.array(hours)[None, :]).astype(float)
    others = frame[["off_day", "temp_c", "rain", f"recent_{window}"]].to_numpy(dtype=float)
    return np.column_stack([one_hot, others])


@functools.cache
def _inputs(data_dir) -> pd.DataFrame:
    """The dataset station by station in time order, with the inputs every window shares
    and each row's previous reading of its station. Read once per dataset; never changed."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    rentals = rentals.sort_values(["station_id", "timestamp"])
    rentals["hour"] = rentals["timestamp"].dt.hour
    rentals["off_day"] = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    rentals["rain"] = rentals["weather"] == "rain"
    rentals["before"] = rentals.groupby("station_id")["rentals"].shift()
    return rentals


@functools.cache
def _fresh_run(data_dir, window: int) -> tuple[int, int, int, float]:
    """What a fresh kernel prints with this window: the hours it learns from and is scored
    on, and the MAE of the model with this window alone."""
    rentals = _inputs(data_dir)
    recent = rentals["before"].groupby(rentals["station_id"]).transform(
        lambda past: past.rolling(window, min_periods=1).mean())
    rentals = rentals.assign(**{f"recent_{window}": recent}).dropna(subset=[f"recent_{window}"])
    days = rentals["timestamp"].dt.normalize()
    scored = days > days.max() - pd.Timedelta(days=DAYS_SCORED)
    train, test = rentals[~scored], rentals[scored]
    hours = sorted(train["hour"].unique())
    x_train, x_test = _design(train, hours, window), _design(test, hours, window)
    # Standardise what is not one-hot, then a ridge fit with an unpenalised intercept.
    centre, scale = x_train.mean(axis=0), x_train.std(axis=0)
    scale[: len(hours)] = 1.0
    centre[: len(hours)] = 0.0
    x_train, x_test = (x_train - centre) / scale, (x_test - centre) / scale
    x_mean, y_mean = x_train.mean(axis=0), train["rentals"].mean()
    centred = x_train - x_mean
    weights = np.linalg.solve(centred.T @ centred + ALPHA * np.eye(centred.shape[1]),
                              centred.T @ (train["rentals"].to_numpy() - y_mean))
    predicted = np.clip((x_test - x_mean) @ weights + y_mean, 0, None)
    mae = float(np.abs(test["rentals"].to_numpy() - predicted).mean())
    return len(train), len(test), window, mae


def _kernel(data_dir):
    from exercises.ex21_notebook_state.replay import NOTEBOOK, Kernel

    try:
        return Kernel(NOTEBOOK, data_dir)
    except (OSError, ValueError, KeyError, TypeError) as error:
        pytest.fail(f"analysis.ipynb should be a readable Jupyter notebook: {error!r}",
                    pytrace=False)


def _run(action, what: str, capsys) -> list[tuple[int, int, int, float]]:
    """Run ``action`` (cells of a kernel); each scoring the notebook printed: the hours
    learned from and scored on, the window and the MAE."""
    from exercises.ex21_notebook_state.replay import CellError

    try:
        action()
    except CellError as error:
        pytest.fail(f"{what}: every cell should run; {error}", pytrace=False)
    return [(int(train), int(test), int(window), float(mae))
            for train, test, window, mae in PRINTED.findall(capsys.readouterr().out)]


def _assert_reports(kernel, printed, windows, data_dir, what: str) -> None:
    """What each scoring printed, and the MAE the kernel holds at the end."""
    expected = [_fresh_run(data_dir, window) for window in windows]
    same = len(printed) == len(expected) and all(
        got[:3] == wanted[:3] and got[3] == pytest.approx(round(wanted[3], 2), abs=0.0051)
        for got, wanted in zip(printed, expected))
    shown = "; ".join(f"{w} h: {train} and {test} station-hours, MAE {mae:.2f}"
                      for train, test, w, mae in expected)
    assert same, (
        f"{what}: each run of the train and score cells should print what a fresh kernel "
        f"prints with that window: the hours it learns from and is scored on, the window "
        f"and the MAE to two decimals ({shown})")
    last = expected[-1][3]
    same = kernel.namespace.get("mae") == pytest.approx(last, rel=1e-6)
    assert same, (f"{what}: at the end, `mae` should be the MAE of the last window run, "
                  f"{last:.6f}, as a fresh kernel gets it")


def test_her_sweep_reports_what_each_window_scores(dataset, capsys):
    from exercises.ex21_notebook_state.replay import SESSION_WINDOWS, replay_session

    kernel = _kernel(dataset)
    what = "the session in the scenario"
    printed = _run(lambda: replay_session(kernel), what, capsys)
    _assert_reports(kernel, printed, SESSION_WINDOWS, dataset, what)


def _sessions(kernel):
    """Orders an analyst re-runs cells in: (what, how, the windows printed)."""
    from exercises.ex21_notebook_state.replay import replay_session
    features = kernel.parameters + 2  # the first cell below the loading cell
    below = range(features, len(kernel.cells))
    return [
        ("Run All, then Run All again", lambda: [kernel.run_all(WINDOW=6) for _ in "ab"],
         (6, 6)),
        ("the sweep from the longest window down",
         lambda: replay_session(kernel, (24, 12, 6, 3)), (24, 12, 6, 3)),
        ("back to a window tried before",
         lambda: replay_session(kernel, (3, 24, 3)), (3, 24, 3)),
        ("the features cell run twice, then the cells below it",
         lambda: [kernel.run_all(WINDOW=12), kernel.run(features),
                  *(kernel.run(index) for index in below)], (12, 12)),
    ]


@pytest.mark.parametrize("order", range(4))
def test_cells_re_run_in_another_order_give_the_same_numbers(dataset, capsys, order):
    kernel = _kernel(dataset)
    what, action, windows = _sessions(kernel)[order]
    printed = _run(action, what, capsys)
    _assert_reports(kernel, printed, windows, dataset, what)


def test_run_all_with_its_own_parameters_scores_the_course_data(capsys):
    from exercises.ex21_notebook_state.replay import NOTEBOOK

    kernel = _kernel(None)
    printed = _run(kernel.run_all, "Run All in a fresh kernel", capsys)
    window = kernel.namespace.get("WINDOW")
    assert isinstance(window, int), "the parameters cell should set `WINDOW` to a number of hours"
    _assert_reports(kernel, printed, (window,), NOTEBOOK.parents[2] / "data",
                    "Run All with the notebook's own parameters")
