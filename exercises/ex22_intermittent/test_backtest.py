"""Check: whatever the night's seed, the backtest holds out three whole days and scores them."""

import re

import numpy as np
import pandas as pd
import pytest

HELD_OUT = 3
SEEDS = (2, 3, 5, 7, 10, 11, 13, 17)  # eight nights
ROW = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(\d+)\s+(\d+)\s+(-?\d+\.\d|nan)$")


def _rentals(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])


def _calendar(rentals: pd.DataFrame) -> pd.DataFrame:
    """Each hour's day (as the report writes it), hour, whether the day is off (a weekend
    or a holiday), and a number naming its kind of hour: station, hour and day off."""
    stamp = rentals["timestamp"]
    calendar = rentals.assign(day=stamp.dt.strftime("%Y-%m-%d"), hour=stamp.dt.hour,
                              off=(stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1))
    return calendar.assign(kind=calendar.groupby(["station_id", "hour", "off"]).ngroup())


def _expected_rows(calendar: pd.DataFrame, days: list[str]) -> tuple[list[tuple], float]:
    """(day, station, rentals, forecast) per held-out day and station, and the hourly RMSE;
    an hour's forecast is the mean of the same station, hour and kind of day over every
    other day of the export (none when no other day has that kind of hour: such an hour
    adds nothing to its day's forecast nor to the RMSE)."""
    held = calendar["day"].isin(days).to_numpy()
    kind, rentals = calendar["kind"].to_numpy(), calendar["rentals"].to_numpy(dtype=float)
    kinds = kind.max() + 1
    learned = np.bincount(kind[~held], weights=rentals[~held], minlength=kinds)
    with np.errstate(invalid="ignore", divide="ignore"):
        usual = learned / np.bincount(kind[~held], minlength=kinds)
    forecast, actual = usual[kind[held]], rentals[held]
    pairs = np.rec.fromarrays([calendar["day"].to_numpy(dtype=str)[held],
                               calendar["station_id"].to_numpy()[held]])
    groups, group = np.unique(pairs, return_inverse=True)  # by day, then station
    counts = np.bincount(group, weights=actual)
    forecasts = np.bincount(group, weights=np.nan_to_num(forecast))
    rmse = float(np.sqrt(np.nanmean((actual - forecast) ** 2)))
    rows = [(str(day), int(station), int(count), float(total))
            for (day, station), count, total in zip(groups, counts, forecasts)]
    return rows, rmse


def _parse(report: str) -> tuple[list[str], list[tuple]]:
    lines = report.rstrip("\n").splitlines()
    rows = [match.groups() for match in map(ROW.match, lines) if match]
    return lines, [(day, int(station), int(count), float(fc)) for day, station, count, fc in rows]


def _assert_report(report: str, calendar: pd.DataFrame, seed: int, what: str) -> list[str]:
    """The night's whole report; returns its held-out days."""
    lines, rows = _parse(report)
    days = sorted({row[0] for row in rows})
    export = sorted(calendar["day"].unique())
    three = len(days) == HELD_OUT and set(days) <= set(export)
    assert three, f"{what}: the report should list {HELD_OUT} different days of the export"
    expected_rows, rmse = _expected_rows(calendar, days)
    header = (f"held out {HELD_OUT} days; trained on {len(export) - HELD_OUT} "
              f"of the export's {len(export)} days")
    same_text = (len(lines) == len(expected_rows) + 4 and lines[0] == f"backtest seed {seed}"
                 and lines[1] == header and lines[2].split() == ["day", "station_id",
                                                                  "rentals", "forecast"])
    assert same_text, (f"{what}: the report should name its seed, then say '{header}', "
                       "then show a row per held-out day and station")
    same_rows = ([row[:3] for row in rows] == [row[:3] for row in expected_rows]
                 and [row[3] for row in rows] == pytest.approx(
                     [row[3] for row in expected_rows], abs=0.051))
    assert same_rows, (f"{what}: each row should hold the day's rentals at the station and "
                       "its forecast, the sum of the usual rentals at each hour learned from "
                       "the other days, to one decimal")
    last = re.fullmatch(r"hourly RMSE on the held-out days: (\d+\.\d\d) rentals", lines[-1])
    same_rmse = last is not None and float(last[1]) == pytest.approx(rmse, abs=0.0051)
    assert same_rmse, (f"{what}: the report should end with the root mean squared error of "
                       "the hourly forecasts on the held-out days, to two decimals")
    return days


def test_every_night_holds_out_three_days_and_scores_them(dataset, capsys):
    from exercises.ex22_intermittent.backtest import main

    calendar = _calendar(_rentals(dataset))
    draws = set()
    for seed in SEEDS:
        main(dataset, seed=seed)
        days = _assert_report(capsys.readouterr().out, calendar, seed, f"the night of seed {seed}")
        draws.add(tuple(days))
    vary = len(draws) >= len(SEEDS) // 2
    assert vary, "nights with different seeds should hold out different days"


def test_a_night_is_replayed_by_its_seed(dataset, capsys):
    from exercises.ex22_intermittent.backtest import main

    main(dataset)
    main(dataset)
    first, second = capsys.readouterr().out.split("backtest seed ")[1:]
    fresh = first.split("\n", 1)[0] != second.split("\n", 1)[0]
    assert fresh, "a run without --seed should draw a fresh seed each night"
    seed = int(first.split("\n", 1)[0])
    main(dataset, seed=seed)
    replayed = capsys.readouterr().out == "backtest seed " + first
    assert replayed, "a run with the seed a report names should print that report again"


def test_a_larger_network_in_any_row_order_holds_out_whole_days(dataset, tmp_path, capsys):
    from exercises.ex22_intermittent.backtest import main

    # More stations beside the export's own, busier or quieter, one of them opened six
    # days before the export ends, and the rows of the file in no particular order, as a
    # parallel export writes them.
    rentals = _rentals(dataset)
    extra = [rentals.assign(station_id=rentals["station_id"] * 10 + copy,
                            rentals=rentals["rentals"] * copy) for copy in range(1, 5)]
    opened = rentals["timestamp"].max().normalize() - pd.Timedelta(days=5)
    first = rentals[rentals["station_id"] == rentals["station_id"].min()]
    new = first[first["timestamp"] >= opened].assign(station_id=1)
    network = pd.concat([rentals, *extra, new], ignore_index=True)
    network = network.sample(frac=1.0, random_state=22)
    (tmp_path / "rentals.csv").write_text(
        network.to_csv(index=False, date_format="%Y-%m-%d %H:%M"), encoding="utf-8")
    calendar = _calendar(_rentals(tmp_path))
    held_out = set()
    for seed in range(6):
        main(tmp_path, seed=seed)
        held_out |= set(_assert_report(capsys.readouterr().out, calendar, seed,
                                       f"the night of seed {seed} on a larger network"))
    whole_export = min(held_out) < f"{opened:%Y-%m-%d}"
    assert whole_export, ("night after night, the held-out days should come from the whole "
                          "export, also from the days before its newest station opened")
