"""Check: the notebook's rain figure and baseline score use the forecast issued for each hour.

The notebook itself is graded: its code cells run here, in order, in one
namespace, as a kernel would run them from the top (an IPython magic such as
``%debug`` does nothing here). The data folder is set after the cell tagged
``parameters``, as papermill does, so the notebook runs on both datasets.
"""

import contextlib
import csv
import io
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
KEYS = ["station_id", "off_day", "hour"]
TEST_DAYS = 7
RAINY = 0.5


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


def _when(text: str) -> datetime:
    """A time as either export writes it: day/month/year or ISO 8601."""
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y %H:%M")
    return datetime.fromisoformat(text)


def _forecast(data_dir: Path) -> dict[datetime, tuple[float, float]]:
    with (data_dir / "weather_forecast.csv").open(newline="", encoding="utf-8") as handle:
        return {_when(row["valid_time"]): (float(row["temp_c"]), float(row["rain_chance"]))
                for row in csv.DictReader(handle)}


def _expected(data_dir: Path) -> tuple[float, float, float, float]:
    """Rentals in hours called rainy and dry, and the baseline's MAE on the last seven days,
    each hour with the forecast issued for it (what the station measured where none was)."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    issued = _forecast(data_dir)
    temp, chance = [], []
    for stamp, measured, weather in zip(rentals["timestamp"], rentals["temp_c"],
                                        rentals["weather"], strict=True):
        known = issued.get(stamp.to_pydatetime())
        temp.append(known[0] if known else measured)
        chance.append(known[1] if known else float(weather == "rain"))
    rentals["temp_forecast"] = temp
    rentals["rain_chance"] = chance
    rentals["hour"] = rentals["timestamp"].dt.hour
    rentals["off_day"] = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)

    rainy = rentals["rain_chance"].to_numpy() >= RAINY
    counts = rentals["rentals"].to_numpy(dtype=float)
    rainy_mean, dry_mean = counts[rainy].mean(), counts[~rainy].mean()

    days = rentals["timestamp"].dt.normalize()
    is_test = (days > days.max() - pd.Timedelta(days=TEST_DAYS)).to_numpy()
    train, test = rentals[~is_test], rentals[is_test]
    typical = train.groupby(KEYS)["rentals"].mean().rename("typical")

    def design(frame: pd.DataFrame) -> np.ndarray:
        level = frame.join(typical, on=KEYS)["typical"].to_numpy()
        return np.column_stack([np.ones(len(frame)), level, frame["temp_forecast"],
                                frame["rain_chance"]])

    coefficients = np.linalg.lstsq(design(train), train["rentals"], rcond=None)[0]
    predicted = np.clip(design(test) @ coefficients, 0, None)
    mae = float(np.abs(test["rentals"].to_numpy() - predicted).mean())
    return float(rainy_mean), float(dry_mean), 1 - rainy_mean / dry_mean, mae


def _assert_report(namespace: dict, printed: str, data_dir: Path, what: str) -> None:
    rainy_mean, dry_mean, cut, mae = _expected(data_dir)
    wanted = [
        f"hours called rainy: {rainy_mean:.1f} rentals, hours called dry: {dry_mean:.1f} "
        f"({cut:.0%} fewer when rain is forecast)",
        f"baseline MAE on the last seven days: {mae:.2f} rentals per hour",
    ]
    lines = printed.strip().splitlines()
    shown = [[float(n) for n in re.findall(r"\d+(?:\.\d+)?", line)] for line in lines]
    expected = [[float(n) for n in re.findall(r"\d+(?:\.\d+)?", line)] for line in wanted]
    same_numbers = len(shown) == 2 and all(
        len(got) == len(want) and got == pytest.approx(want, abs=0.0101)
        for got, want in zip(shown, expected, strict=False))
    same_words = [re.sub(r"[\d.]+", "#", line) for line in lines] == [
        re.sub(r"[\d.]+", "#", line) for line in wanted]
    same = same_numbers and same_words
    assert same, (
        f"{what}: the notebook should print exactly " + " then ".join(map(repr, wanted)))
    close = namespace.get("mae") == pytest.approx(mae, abs=1e-6)
    assert close, f"{what}: the notebook's `mae` should be {mae:.2f} rentals per hour"


def test_the_rain_figure_and_the_score_use_each_hours_own_forecast(dataset):
    course_data = NOTEBOOK.parents[2] / "data" / "rentals.csv"
    shipped = course_data.is_file() and (
        course_data.read_bytes() == (dataset / "rentals.csv").read_bytes())
    # The course's data: Run All in the notebook's folder, with its own parameters.
    namespace, printed = run_notebook(NOTEBOOK, None if shipped else dataset)
    what = "with the course's data" if shipped else "with another export of the data"
    _assert_report(namespace, printed, dataset, what)


def test_the_report_holds_when_the_archive_ends_on_another_day(dataset, tmp_path):
    """The met service switched exports on another day: the same forecasts, each hour's
    time written the other way from that day on."""
    with (dataset / "weather_forecast.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    stamps = sorted(_when(row["valid_time"]) for row in rows)
    switch = stamps[0] + (stamps[-1] - stamps[0]) * 0.7
    for row in rows:
        when = _when(row["valid_time"])
        row["valid_time"] = (f"{when:%d/%m/%Y %H:%M}" if when < switch
                             else f"{when:%Y-%m-%d %H:%M}")
    rows.reverse()  # the export's row order is not the time order
    for name in ("rentals.csv", "stations.csv"):
        shutil.copy(dataset / name, tmp_path / name)
    with (tmp_path / "weather_forecast.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    namespace, printed = run_notebook(NOTEBOOK, tmp_path)
    _assert_report(namespace, printed, tmp_path, "with the exports switched on another day")
