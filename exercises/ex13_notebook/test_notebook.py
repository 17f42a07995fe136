"""Check: the notebook scores its baseline on hours it never trained on."""

import json
from pathlib import Path

import pandas as pd
import pytest

NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
KEYS = ["station_id", "off_day", "hour"]


def _exported_script(notebook: Path) -> Path:
    """The notebook as a script, exported by nbconvert exactly as the F5 configuration does."""
    from exercises.ex13_notebook.run_notebook import export_script

    if not notebook.is_file():
        pytest.fail(f"{notebook.name} should exist in {notebook.parent}", pytrace=False)
    try:
        json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        pytest.fail(f"{notebook.name} should be a valid Jupyter notebook: {error!r}", pytrace=False)
    return export_script(notebook)


@pytest.fixture(scope="module")
def notebook() -> dict:
    """The variables the notebook leaves behind after a run in its own folder."""
    script = _exported_script(NOTEBOOK)
    code = compile(script.read_text(encoding="utf-8"), str(script), "exec")
    namespace: dict = {"__name__": "__main__"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(NOTEBOOK.parent)  # where Jupyter starts a notebook's kernel
        exec(code, namespace)
    return namespace


def _first_and_second_week() -> tuple[pd.DataFrame, pd.DataFrame]:
    rentals = pd.read_csv(DATA, parse_dates=["timestamp"])
    rentals["hour"] = rentals["timestamp"].dt.hour
    rentals["off_day"] = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    second_week = rentals["timestamp"] >= rentals["timestamp"].min() + pd.Timedelta(days=7)
    return rentals[~second_week], rentals[second_week]


def test_train_and_test_share_no_hour(notebook):
    train, test = notebook["train"], notebook["test"]
    shared = train.index.intersection(test.index).unique()
    assert shared.empty, (
        f"No hour should be in both train and test; {len(shared)} are, "
        f"from {shared.min()} to {shared.max()}"
    )


def test_split_is_first_week_against_second_week(notebook):
    first_week, second_week = _first_and_second_week()
    assert (len(notebook["train"]), len(notebook["test"])) == (
        len(first_week),
        len(second_week),
    ), (
        f"train should hold the first week ({len(first_week)} rows) and test the second "
        f"({len(second_week)} rows); got {len(notebook['train'])} and {len(notebook['test'])}"
    )


def test_baseline_mae_is_measured_on_unseen_hours(notebook):
    first_week, second_week = _first_and_second_week()
    averages = first_week.groupby(KEYS)["rentals"].mean().rename("expected")
    expected = (second_week.join(averages, on=KEYS).eval("rentals - expected")).abs().mean()
    assert notebook["mae"] == pytest.approx(expected), (
        f"A baseline learned on the first week and scored on the second should have "
        f"an MAE of {expected:.2f} rentals per hour; the notebook reports {notebook['mae']:.2f}"
    )
