"""Check: the notebook scores its baseline on days it never learned from.

The notebook itself is graded: its code cells run here, in order, in one
namespace, as a kernel would run them from the top (an IPython magic such as
``%debug`` does nothing here). The data folder is set after the cell tagged
``parameters``, as papermill does, so the notebook runs on both datasets.
"""

import contextlib
import functools
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
KEYS = ["station_id", "off_day", "hour"]
TEST_DAYS = 7


class _Magics:
    """What ``get_ipython()`` returns here: a line magic or a shell command does
    nothing; a cell magic (``%%time``) runs its cell's code."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace

    def run_line_magic(self, *_args):
        return None

    def system(self, *_args):
        return None

    def run_cell_magic(self, _name: str, _line: str, cell: str):
        from IPython.core.inputtransformer2 import TransformerManager

        exec(TransformerManager().transform_cell(cell), self.namespace)


def run_notebook(notebook: Path, data_dir: Path | None) -> tuple[dict, str]:
    """Run every code cell of ``notebook`` from the top; return its variables and printed text.

    ``data_dir`` None keeps the notebook's own parameters, as **Run All** does."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as error:
        pytest.fail(f"{notebook.name} should be a readable Jupyter notebook: {error!r}",
                    pytrace=False)
    to_python = TransformerManager().transform_cell
    namespace: dict = {"__name__": "__main__"}
    magics = _Magics(namespace)
    namespace["get_ipython"] = lambda: magics
    printed = io.StringIO()
    with contextlib.chdir(notebook.parent), contextlib.redirect_stdout(printed):
        for number, cell in enumerate(cells, 1):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            try:
                exec(compile(to_python(source), f"{notebook.name} cell {number}", "exec"),
                     namespace)
            except Exception as error:  # noqa: BLE001  (any error: the notebook does not run)
                pytest.fail(f"{notebook.name} should run from top to bottom; cell {number} "
                            f"raised {error!r}", pytrace=False)
            if data_dir is not None and "parameters" in cell.get("metadata", {}).get("tags", []):
                namespace["DATA_DIR"] = data_dir
    return namespace, printed.getvalue()


def _expected(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Train and test days, and the MAE of the baseline learned from the train days alone."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    rentals["hour"] = rentals["timestamp"].dt.hour
    rentals["off_day"] = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    days = rentals["timestamp"].dt.normalize()
    is_test = days > days.max() - pd.Timedelta(days=TEST_DAYS)
    train, test = rentals[~is_test], rentals[is_test]
    typical = train.groupby(KEYS)["rentals"].mean().rename("typical")

    def design(frame: pd.DataFrame) -> np.ndarray:
        level = frame.join(typical, on=KEYS)["typical"].to_numpy()
        rain = (frame["weather"] == "rain").to_numpy(dtype=float)
        return np.column_stack([np.ones(len(frame)), level, frame["temp_c"], rain])

    coefficients = np.linalg.lstsq(design(train), train["rentals"], rcond=None)[0]
    predicted = np.clip(design(test) @ coefficients, 0, None)
    return train, test, float(np.abs(test["rentals"].to_numpy() - predicted).mean())


@functools.cache
def _notebook_run(data_dir: Path) -> tuple[dict, str]:
    """One run per dataset, shared by the tests below."""
    return run_notebook(NOTEBOOK, data_dir)


def test_train_is_every_earlier_hour_and_test_the_last_seven_days(dataset):
    namespace, _ = _notebook_run(dataset)
    train, test, _ = _expected(dataset)
    for name, expected in (("train", train), ("test", test)):
        got = namespace.get(name)
        assert isinstance(got, pd.DataFrame), f"the notebook should leave a `{name}` table"
        assert sorted(zip(got["station_id"], got["timestamp"])) == sorted(
            zip(expected["station_id"], expected["timestamp"])
        ), (
            f"`{name}` should hold every hour of every station "
            + ("before the last seven days" if name == "train" else "of the last seven days")
            + f" ({len(expected)} rows); it holds {len(got)}"
        )


def test_the_baseline_is_scored_on_days_it_never_learned_from(dataset):
    namespace, printed = _notebook_run(dataset)
    _, _, mae = _expected(dataset)

    assert namespace.get("mae") == pytest.approx(mae, abs=1e-6), (
        f"a baseline learned from the days before the last seven should miss those seven "
        f"days by {mae:.2f} rentals per hour on average; the notebook's `mae` is "
        f"{namespace.get('mae')}"
    )
    assert f"{mae:.2f}" in printed, (
        f"the notebook should print that MAE ({mae:.2f}); it printed: {printed.strip()}"
    )


def test_run_all_in_the_notebook_folder_scores_the_course_data():
    namespace, printed = run_notebook(NOTEBOOK, None)
    _, _, mae = _expected(NOTEBOOK.parents[2] / "data")

    assert namespace.get("mae") == pytest.approx(mae, abs=1e-6), (
        "run from the top with its own parameters, the notebook should score the baseline "
        f"on the course's data folder (MAE {mae:.2f}); its `mae` is {namespace.get('mae')}"
    )
