"""Rebuild the history of ``features.py`` in a new temporary git repository, for `git bisect`.

    python -m exercises.ex19_narrowing_down.make_history

The repository is created in a fresh folder of the system's temporary
directory, with a local author identity; the course repository and your git
settings are left alone. It prints the folder and the commands to run there.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

CHECK = Path(__file__).resolve().parent / "check_metric.py"
RELEASE_TAG = "v1.0"
IDENTITY = ["-c", "user.name=Feature Team", "-c", "user.email=features@example.com"]

FIRST = '''\
"""Features of the hourly demand model, shared by training and serving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def load_rentals(path: Path) -> pd.DataFrame:
    """The rentals table."""
    return pd.read_csv(path, parse_dates=["timestamp"])


def day_off(rentals: pd.DataFrame) -> pd.Series:
    """True on weekends and public holidays, when there is no commute."""
    return (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)


def hour_of_day_type(rentals: pd.DataFrame) -> pd.DataFrame:
    """One column per hour of a work day and per hour of a day off."""
    hour = rentals["timestamp"].dt.hour
    off = day_off(rentals)
    columns = {}
    for h in range(24):
        columns[f"work_h{h:02d}"] = (hour == h) & ~off
        columns[f"off_h{h:02d}"] = (hour == h) & off
    return pd.DataFrame(columns, index=rentals.index).astype(float)


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """The model's input, one row per row of ``rentals``, in the same order."""
    return pd.concat(
        [hour_of_day_type(rentals)],
        axis=1,
    ).astype(np.float64)
'''

# Each later commit: its message and the (old, new) replacements it makes.
CHANGES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Weather effects: cloudy and rain against clear skies", [
        ("import pandas as pd\n", 'import pandas as pd\n\nWEATHER_EFFECTS = ["cloudy", "rain"]'
         '  # "clear" is the baseline\n'),
        ('    """The model\'s input, one row per row of ``rentals``, in the same order."""\n',
         '    """The model\'s input, one row per row of ``rentals``, in the same order."""\n'
         "    weather = {\n"
         '        f"weather_{name}": (rentals["weather"] == name).astype(float)\n'
         "        for name in WEATHER_EFFECTS\n"
         "    }\n"),
        ("[hour_of_day_type(rentals)]", "[hour_of_day_type(rentals), pd.DataFrame(weather)]"),
    ]),
    ("Temperature reading as a feature", [
        ("\nWEATHER_EFFECTS", '\nSENSORS = ["temp_c"]\nWEATHER_EFFECTS'),
        ("pd.DataFrame(weather)]", 'pd.DataFrame(weather), rentals[SENSORS]]'),
    ]),
    ("Humidity and wind readings too", [
        ('SENSORS = ["temp_c"]', 'SENSORS = ["temp_c", "humidity", "wind_kmh"]'),
    ]),
    ("One column per station: the stations differ in size", [
        ('        for name in WEATHER_EFFECTS\n    }\n',
         '        for name in WEATHER_EFFECTS\n    }\n'
         '    stations = pd.get_dummies(rentals["station_id"], prefix="station", dtype=float)\n'),
        ("pd.DataFrame(weather), rentals[SENSORS]]",
         "pd.DataFrame(weather), stations, rentals[SENSORS]]"),
    ]),
    ("Module docstring: what one row of features holds", [
        ('"""Features of the hourly demand model, shared by training and serving."""\n',
         '"""Features of the hourly demand model, shared by training and serving.\n\n'
         "One row of features per station-hour: the hour of a work day or of a day off\n"
         "(commute peaks only happen on work days), the weather, the station, and the\n"
         'sensor readings.\n"""\n'),
    ]),
    ("Weather labels: compare them lower-cased, the app sends 'Rain'", [
        ('(rentals["weather"] == name)', '(rentals["weather"].str.lower() == name)'),
    ]),
    ("Read station ids as text: they are codes, not numbers", [
        ('    """The rentals table."""\n    return pd.read_csv(path, parse_dates=["timestamp"])\n',
         '    """The rentals table; station ids stay text, they are codes rather than numbers."""\n'
         "    rentals = pd.read_csv(path, dtype=str)\n"
         '    rentals["timestamp"] = pd.to_datetime(rentals["timestamp"])\n'
         '    rentals[SENSORS + ["rentals"]] = rentals[SENSORS + ["rentals"]].astype(float)\n'
         "    return rentals\n"),
    ]),
    ("Clip temperature glitches from the sensors", [
        ('  # "clear" is the baseline\n',
         '  # "clear" is the baseline\nTEMP_RANGE_C = (-30.0, 45.0)'
         "  # outside it, the reading is a sensor glitch\n"),
        ('    stations = pd.get_dummies(',
         '    sensors = rentals[SENSORS].assign(temp_c=rentals["temp_c"].clip(*TEMP_RANGE_C))\n'
         '    stations = pd.get_dummies('),
        ("stations, rentals[SENSORS]]", "stations, sensors]"),
    ]),
    ("WIP feels-like temperature", [
        ("\n\ndef build_features(",
         "\n\ndef feels_like(rentals: pd.DataFrame) -> pd.Series:\n"
         '    temp = rentals["temp_c"].clip(*TEMP_RANGE_C)\n'
         '    chill = 0.1 * rentals["wind_kmh"] * (temp < 10\n'
         "    return temp - chill\n\n\ndef build_features("),
    ]),
    ("Feels-like temperature: wind chill below 10 °C", [
        ("(temp < 10\n", "(temp < 10)\n"),
        ("    temp = rentals",
         '    """Wind chill lowers how warm a ride feels; only below 10 °C."""\n'
         "    temp = rentals"),
        ("stations, sensors]",
         'stations, sensors,\n         feels_like(rentals).rename("feels_like_c")]'),
    ]),
    ("feels_like: say where the 0.1 comes from", [
        ('    chill = 0.1 *',
         "    # 0.1 °C colder per km/h of wind: a rough fit of the wind-chill table\n"
         "    chill = 0.1 *"),
    ]),
]
BAD_CHANGE = "Read station ids as text: they are codes, not numbers"


def versions() -> list[tuple[str, str]]:
    """(commit message, features.py) for each commit, oldest first."""
    text = FIRST
    history = [("Demand features: the hours of work days and of days off", text)]
    for message, replacements in CHANGES:
        for old, new in replacements:
            if text.count(old) != 1:
                raise ValueError(f"{message!r}: {old!r} is not found exactly once")
            text = text.replace(old, new)
        history.append((message, text))
    return history


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` only: no GIT_* variable from outside can point it elsewhere."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    # A fixed date makes the same commits, hence the same ids, on every machine.
    env |= {"GIT_AUTHOR_DATE": "2024-06-01T09:00:00Z", "GIT_COMMITTER_DATE": "2024-06-01T09:00:00Z"}
    done = subprocess.run(["git", *IDENTITY, *args], cwd=folder, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def build(folder: Path) -> Path:
    """Create the repository in the empty ``folder``: one commit per version, v1.0 tagged."""
    git(folder, "init", "--quiet", "--initial-branch=main")
    for number, (message, text) in enumerate(versions(), start=1):
        (folder / "features.py").write_text(text, encoding="utf-8", newline="\n")
        git(folder, "add", "features.py")
        git(folder, "commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message)
        if number == 3:  # the release whose forecasts were signed off
            git(folder, "tag", RELEASE_TAG)
    return folder


def bisect_commands(python: str = sys.executable) -> list[str]:
    return [
        f"git bisect start HEAD {RELEASE_TAG}",
        f"git bisect run {shlex.quote(python)} {shlex.quote(str(CHECK))}",
        "git bisect reset",
    ]


def main() -> None:
    folder = build(Path(tempfile.mkdtemp(prefix="feature-history-")))
    count = git(folder, "rev-list", "--count", "HEAD")
    print(f"Built the history of features.py ({count} commits) in:\n\n    {folder}\n")
    print(f"Release {RELEASE_TAG} forecast well; HEAD does not. There, run:\n")
    print(f"    cd {shlex.quote(str(folder))}")
    for command in bisect_commands():
        print(f"    {command}")


if __name__ == "__main__":
    main()
