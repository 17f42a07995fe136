# ruff: noqa: E501  (the commits' replacements quote whole lines of the package)
"""Author tool: write exercise 19's history as a git bundle, ``history.bundle``.

The learner rebuilds a repository from the bundle (``make_history.py``) and lets
``git bisect run`` search it; reading a packed history takes longer than
bisecting it, which is the point of the exercise. This module is the bundle's
source: the commits of the team's ``demand`` package, oldest first, each as the
files it writes or the replacements it makes. The last commit's package is the
lab's copy, file for file (a test holds both to it).

    python -m tools.ex19_history --write   # regenerate the bundle after editing COMMITS
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from course.catalog import ROOT

EXERCISE = ROOT / "exercises" / "ex19_narrowing_down"
BUNDLE = EXERCISE / "history.bundle"
PACKAGE = "demand"
PROGRAM = ["settings.py", "loading.py", "features.py", "model.py", "forecast.py"]
RELEASE_TAG = "v1.0"
START = datetime(2024, 4, 20, 9, 0)  # commits two days apart from here: the same ids anywhere
IDENTITY = ["-c", "user.name=Feature Team", "-c", "user.email=features@example.com"]

PYPROJECT = '''\
[project]
name = "demand"
version = "0.3.0"
description = "Hourly bike demand forecast per station"
requires-python = ">=3.10"
dependencies = ["numpy", "pandas", "scikit-learn"]
'''

README = '''\
# demand

The hourly demand forecast of the bike-share stations: it trains on the first
days of an export of the rentals and reports how far off it is on the days
after them.
'''

SETTINGS = '''\
"""Settings of the hourly demand forecast: the data, the split and the model's knobs."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"

KEYS = ["timestamp", "station_id"]
LABELS = ["weather", "station_id"]  # one-hot encoded by the model
SENSORS = ["temp_c", "humidity", "wind_kmh"]
TARGET = "rentals"
'''

LOADING = '''\
"""Load the rentals export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def load_rentals(path: Path) -> pd.DataFrame:
    """One row per station-hour; station ids are codes."""
    return pd.read_csv(path, parse_dates=["timestamp"], dtype={"station_id": str})
'''

FEATURES = '''\
"""The model's input, one row per station-hour: the calendar, the weather and the readings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import settings


def is_day_off(rentals: pd.DataFrame) -> pd.Series:
    """Weekends and public holidays, when nobody rides to work."""
    return (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)


def hour_of_day_type(rentals: pd.DataFrame) -> pd.DataFrame:
    """One column per hour of a work day and per hour of a day off."""
    slot = rentals["timestamp"].dt.hour + 24 * is_day_off(rentals)
    names = [f"work_h{h:02d}" for h in range(24)] + [f"off_h{h:02d}" for h in range(24)]
    return pd.DataFrame(np.eye(48)[slot], columns=names, index=rentals.index)


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """The keys and labels as loaded, then the calendar and the readings, row for row."""
    return pd.concat(
        [rentals[[*settings.KEYS, "weather"]], hour_of_day_type(rentals),
         rentals[settings.SENSORS]],
        axis=1,
    )
'''

MODEL = '''\
"""The demand model: the feature table, encoded, into a ridge regression."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

from . import settings


def make_model() -> Pipeline:
    """Numbers go in as they are, labels one-hot; the timestamp stays out."""
    encode = ColumnTransformer([
        ("numbers", "passthrough", make_column_selector(dtype_include="number")),
        ("labels", OneHotEncoder(), settings.LABELS),
    ])
    return make_pipeline(encode, Ridge(alpha=1.0))


def train(features: pd.DataFrame, rides: pd.Series) -> Pipeline:
    model = make_model()
    model.fit(features, rides)
    return model


def predict(model: Pipeline, features: pd.DataFrame) -> np.ndarray:
    return model.predict(features).clip(min=0)
'''

FORECAST = '''\
"""Forecast each station's hourly rentals after the training week, and report the error.

Trains on the first week of the export, forecasts every hour after it, and
prints the mean absolute error of each station and of all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import settings
from .features import build_features
from .loading import load_rentals
from .model import predict, train


def training_rows(rentals: pd.DataFrame) -> pd.Series:
    """True for the rows of the first week of the export."""
    first = rentals["timestamp"].min().normalize()
    return rentals["timestamp"] < first + pd.Timedelta(days=7)


def errors(path: Path = settings.DATA) -> pd.Series:
    """Mean absolute error (rides per hour) of each station, then of all of them."""
    rentals = load_rentals(path)
    features = build_features(rentals)
    learn = training_rows(rentals)
    model = train(features[learn], rentals.loc[learn, settings.TARGET])
    scored = rentals.loc[~learn]
    miss = pd.Series(np.abs(predict(model, features[~learn]) - scored[settings.TARGET]),
                     index=scored.index)
    by_station = miss.groupby(scored["station_id"]).mean()
    return pd.concat([by_station, pd.Series({"all": miss.mean()})])


def evaluate(path: Path = settings.DATA) -> float:
    """The mean absolute error over every station and forecast hour."""
    return float(errors(path)["all"])


def main(path: Path = settings.DATA) -> None:
    report = errors(path)
    print(f"Forecast error after the first week ({Path(path).name}): "
          f"{report['all']:.2f} rides per hour")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else settings.DATA)
'''

P = f"{PACKAGE}/"

# (message, [(path, old, new)]): old=None writes the whole file.
COMMITS: list[tuple[str, list[tuple[str, str | None, str]]]] = [
    ("Hourly demand forecast: calendar, weather and readings into a ridge regression", [
        ("pyproject.toml", None, PYPROJECT),
        (P + "__init__.py", None, ""),
        (P + "settings.py", None, SETTINGS),
        (P + "loading.py", None, LOADING),
        (P + "features.py", None, FEATURES),
        (P + "model.py", None, MODEL),
        (P + "forecast.py", None, FORECAST),
    ]),
    ("README: what the forecast does and how to run it", [
        ("README.md", None, README),
        ("README.md", "after them.\n",
         "after them.\n\n    python -m demand.forecast path/to/rentals.csv\n"),
    ]),
    ("Refuse an export with a missing column or a station-hour twice", [
        (P + "loading.py", '"""Load the rentals export."""',
         '"""Load the rentals export and make sure it is usable before anything learns from it."""'),
        (P + "loading.py", "import pandas as pd\n",
         "import pandas as pd\n\nfrom . import settings\n\n"
         'REQUIRED = [*settings.KEYS, *settings.SENSORS, "weather", "holiday", settings.TARGET]\n'
         "\n\nclass ExportError(ValueError):\n"
         '    """The export cannot be used as it is."""\n'),
        (P + "loading.py",
         '    return pd.read_csv(path, parse_dates=["timestamp"], dtype={"station_id": str})\n',
         '    rentals = pd.read_csv(path, parse_dates=["timestamp"], dtype={"station_id": str})\n'
         "    missing = sorted(set(REQUIRED) - set(rentals.columns))\n"
         "    if missing:\n"
         """        raise ExportError(f"the export has no column {', '.join(missing)}")\n"""
         "    twice = int(rentals.duplicated(settings.KEYS).sum())\n"
         "    if twice:\n"
         '        raise ExportError(f"{twice} station-hours appear more than once")\n'
         "    return rentals\n"),
    ]),
    ("Release 1.0", [
        ("pyproject.toml", 'version = "0.3.0"', 'version = "1.0.0"'),
    ]),
    ("Clip temperature glitches from the sensors", [
        (P + "settings.py", 'TARGET = "rentals"\n',
         'TARGET = "rentals"\n\n'
         "TEMP_RANGE_C = (-30.0, 45.0)  # outside it, a reading is a sensor glitch\n"),
        (P + "loading.py", "    return rentals\n",
         "    return rentals\n\n\n"
         "def clip_glitches(rentals: pd.DataFrame) -> pd.DataFrame:\n"
         '    """A temperature outside the plausible range counts as the nearest end of it."""\n'
         '    return rentals.assign(temp_c=rentals["temp_c"].clip(*settings.TEMP_RANGE_C))\n'),
        (P + "forecast.py", "from .loading import load_rentals\n",
         "from .loading import clip_glitches, load_rentals\n"),
        (P + "forecast.py", "    rentals = load_rentals(path)\n",
         "    rentals = clip_glitches(load_rentals(path))\n"),
    ]),
    ("Settings: the training days and the ridge alpha, out of the code", [
        (P + "settings.py", "\nTEMP_RANGE_C",
         "\nTRAIN_DAYS = 7  # the first week trains the model, the days after it score it\n"
         "TEMP_RANGE_C"),
        (P + "settings.py", "sensor glitch\n", "sensor glitch\nRIDGE_ALPHA = 1.0\n"),
        (P + "model.py", "def make_model() -> Pipeline:",
         "def make_model(alpha: float = settings.RIDGE_ALPHA) -> Pipeline:"),
        (P + "model.py", "Ridge(alpha=1.0)", "Ridge(alpha=alpha)"),
        (P + "forecast.py", "def training_rows(rentals: pd.DataFrame) -> pd.Series:",
         "def training_rows(rentals: pd.DataFrame, days: int = settings.TRAIN_DAYS) -> pd.Series:"),
        (P + "forecast.py", "the rows of the first week of the export",
         "the rows of the first ``days`` days of the export"),
        (P + "forecast.py", "pd.Timedelta(days=7)", "pd.Timedelta(days=days)"),
        (P + "forecast.py", "after the first week (", "after the first {settings.TRAIN_DAYS} days ("),
    ]),
    ("Weather labels: strip and lower-case them, the app sends 'Rain '", [
        (P + "loading.py", "    return rentals\n\n",
         '    rentals["weather"] = rentals["weather"].str.strip().str.lower()\n'
         "    return rentals\n\n"),
    ]),
    ("Require pandas 2.2 and scikit-learn 1.4", [
        ("pyproject.toml", '["numpy", "pandas", "scikit-learn"]',
         '["numpy>=1.26", "pandas>=2.2", "scikit-learn>=1.4"]'),
    ]),
    ("WIP feels-like temperature", [
        (P + "features.py", "\n\ndef build_features(",
         "\n\ndef feels_like(rentals):\n"
         '    chill = 0.1 * rentals["wind_kmh"]\n'
         '    cold = rentals["temp_c"] < 10.0\n'
         '    return rentals["temp_c"] - chill.where(cold, 0.0\n'
         "\n\ndef build_features("),
    ]),
    ("Feels-like temperature: wind chill below 10 °C", [
        (P + "features.py", "def feels_like(rentals):\n",
         "def feels_like(rentals: pd.DataFrame) -> pd.Series:\n"
         '    """The temperature a rider feels: wind makes the cold colder."""\n'),
        (P + "features.py", '    chill = 0.1 * rentals["wind_kmh"]\n',
         '    chill = 0.1 * rentals["wind_kmh"]  # a rough fit of the wind-chill table\n'),
        (P + "features.py", '    return rentals["temp_c"] - chill.where(cold, 0.0\n',
         '    return (rentals["temp_c"] - chill.where(cold, 0.0)).rename("feels_like_c")\n'),
        (P + "features.py", "         rentals[settings.SENSORS]],\n",
         "         rentals[settings.SENSORS], feels_like(rentals)],\n"),
    ]),
    ("Load each station's hours in time order", [
        (P + "loading.py", '"""One row per station-hour; station ids are codes."""',
         '"""One row per station-hour, each station\'s hours in time order; station ids are codes."""'),
        (P + "loading.py", "    return rentals\n\n",
         "    return rentals.sort_values(settings.KEYS, ignore_index=True)\n\n"),
    ]),
    ("Each station its own daily profile: University Square's peaks are higher", [
        (P + "features.py", "import numpy as np\n", ""),
        (P + "features.py",
         "def hour_of_day_type(rentals: pd.DataFrame) -> pd.DataFrame:\n"
         '    """One column per hour of a work day and per hour of a day off."""\n'
         '    slot = rentals["timestamp"].dt.hour + 24 * is_day_off(rentals)\n'
         '    names = [f"work_h{h:02d}" for h in range(24)] + [f"off_h{h:02d}" for h in range(24)]\n'
         "    return pd.DataFrame(np.eye(48)[slot], columns=names, index=rentals.index)\n",
         "def commute_profile(rentals: pd.DataFrame) -> pd.DataFrame:\n"
         '    """One column per station, day type and hour of the day: each station\'s daily rhythm."""\n'
         '    day_type = is_day_off(rentals).map({True: "off", False: "work"})\n'
         '    hour = rentals["timestamp"].dt.hour.astype(str).str.zfill(2)\n'
         '    return pd.get_dummies(rentals["station_id"] + "_" + day_type + "_" + hour, prefix="at")\n'),
        (P + "features.py", "hour_of_day_type(rentals),", "commute_profile(rentals),"),
    ]),
    ("Report each station's error, not only the total", [
        (P + "forecast.py",
         '    print(f"Forecast error after the first {settings.TRAIN_DAYS} days ({Path(path).name}): "\n'
         """          f"{report['all']:.2f} rides per hour")\n""",
         '    print(f"Forecast error after the first {settings.TRAIN_DAYS} days ({Path(path).name}):")\n'
         '    for station, error in report.drop("all").items():\n'
         '        print(f"  station {station}: {error:.2f} rides per hour")\n'
         """    print(f"  all stations: {report['all']:.2f} rides per hour")\n"""),
    ]),
    ("Wind-chill constants live in the settings", [
        (P + "settings.py", "sensor glitch\n",
         "sensor glitch\nWIND_CHILL_BELOW_C = 10.0\n"
         "WIND_CHILL_PER_KMH = 0.1  # a rough fit of the wind-chill table\n"),
        (P + "features.py",
         '    chill = 0.1 * rentals["wind_kmh"]  # a rough fit of the wind-chill table\n'
         '    cold = rentals["temp_c"] < 10.0\n',
         '    chill = settings.WIND_CHILL_PER_KMH * rentals["wind_kmh"]\n'
         '    cold = rentals["temp_c"] < settings.WIND_CHILL_BELOW_C\n'),
    ]),
    ("Calendar: the hour label from strftime, the holiday flag read as a flag", [
        (P + "features.py",
         '    """Weekends and public holidays, when nobody rides to work."""\n'
         '    return (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)\n',
         '    """Weekends and public holidays (holiday = 1), when nobody rides to work."""\n'
         '    weekend = rentals["timestamp"].dt.day_of_week >= 5\n'
         '    return weekend | rentals["holiday"].astype(bool)\n'),
        (P + "features.py", '.dt.hour.astype(str).str.zfill(2)', '.dt.strftime("%H")'),
    ]),
    ("predict(): a docstring, and np.clip like the rest of the code", [
        (P + "model.py", "    return model.predict(features).clip(min=0)\n",
         '    """Rides per hour for each row of ``features``; never fewer than none."""\n'
         "    return np.clip(model.predict(features), 0.0, None)\n"),
    ]),
]
RELEASE_COMMIT = 4  # "Release 1.0", tagged RELEASE_TAG
BAD_CHANGE = COMMITS[11][0]


def versions() -> list[tuple[str, dict[str, str]]]:
    """(message, every file of the tree) after each commit, oldest first."""
    tree: dict[str, str] = {}
    history = []
    for message, edits in COMMITS:
        for path, old, new in edits:
            if old is None:
                tree[path] = new
                continue
            text = tree[path]
            if text.count(old) != 1:
                raise ValueError(f"{message!r}: {old!r} is not found once in {path}")
            tree[path] = text.replace(old, new)
        history.append((message, dict(tree)))
    return history


def program(tree: dict[str, str]) -> dict[str, str]:
    """The package's modules of one version, named as in the lab's folder."""
    return {name: tree[P + name] for name in PROGRAM}


def git(folder: Path, *args: str, date: str = "2024-05-01T09:00:00Z") -> str:
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *IDENTITY, *args], cwd=folder, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def build(folder: Path) -> None:
    """One commit per version in the empty ``folder``, two or three days apart."""
    git(folder, "init", "--quiet", "--initial-branch=main")
    written: dict[str, str] = {}
    for number, (message, tree) in enumerate(versions(), start=1):
        for path, text in tree.items():
            if written.get(path) != text:
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8", newline="\n")
        written = tree
        when = START + timedelta(days=2 * number, hours=number % 7, minutes=number * 7 % 60)
        date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        git(folder, "add", "--all")
        git(folder, "commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message, date=date)
        if number == RELEASE_COMMIT:
            git(folder, "tag", RELEASE_TAG)


def write_bundle(target: Path = BUNDLE) -> Path:
    with tempfile.TemporaryDirectory(prefix="ex19-history-") as work:
        build(Path(work))
        git(Path(work), "bundle", "create", "--quiet", str(target), "main", RELEASE_TAG)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the bundle")
    args = parser.parse_args()
    if args.write:
        print(write_bundle())
    else:
        for message, tree in versions():
            print(f"{len(tree):2d} files  {message}")


if __name__ == "__main__":
    main()
