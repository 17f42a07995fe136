"""Check: every station-hour is covered by its roster shift, and the van plan counts them all."""

import csv
import math
from collections import defaultdict
from datetime import datetime

import pandas as pd


def _covered_hours(starts: str, ends: str) -> list[int]:
    """The hours of the day a shift from ``starts`` to ``ends`` (times of day) covers."""
    first, last = (datetime.strptime(t, "%H:%M").hour for t in (starts, ends))
    length = (last - first) % 24 or 24
    return [(first + step) % 24 for step in range(length)]


def _roster(dataset) -> dict[int, tuple[str, str]]:
    """Hour of the day -> (shift, depot), read from the roster file."""
    with (dataset / "shifts.csv").open(newline="", encoding="utf-8") as handle:
        shifts = list(csv.DictReader(handle))
    return {hour: (s["shift"], s["depot"]) for s in shifts
            for hour in _covered_hours(s["starts"], s["ends"])}


def _rentals(dataset) -> list[dict[str, object]]:
    with (dataset / "rentals.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        when = datetime.strptime(str(row["timestamp"]), "%Y-%m-%d %H:%M")
        row["day"], row["hour"], row["station_id"] = when.date(), when.hour, int(row["station_id"])
    return rows


def _daily_demand(dataset) -> dict[tuple[int, str], float]:
    """(station, shift) -> mean rentals per day of the period."""
    roster, rows = _roster(dataset), _rentals(dataset)
    days = len({row["day"] for row in rows})
    totals: dict[tuple[int, str], float] = defaultdict(float)
    for row in rows:
        totals[row["station_id"], roster[row["hour"]][0]] += float(row["rentals"])
    return {key: total / days for key, total in totals.items()}


def test_every_station_hour_gets_the_shift_that_covers_its_hour(dataset):
    from exercises.ex09_debug_test.roster import assign_shifts
    from exercises.ex09_debug_test.sources import load_rentals, load_roster

    with_shifts = assign_shifts(load_rentals(dataset), load_roster(dataset))

    roster = _roster(dataset)
    expected = [roster[row["hour"]] for row in _rentals(dataset)]
    got = list(zip(with_shifts["shift"], with_shifts["depot"]))
    as_expected = got == expected
    assert as_expected, (
        "Every station-hour of the data, in order, should get the shift (and its depot) "
        "whose hours of the roster cover it"
    )


def test_each_station_and_shift_gets_its_mean_daily_rentals(dataset):
    from exercises.ex09_debug_test.demand import shift_demand
    from exercises.ex09_debug_test.roster import assign_shifts
    from exercises.ex09_debug_test.sources import load_rentals, load_roster

    demand = shift_demand(assign_shifts(load_rentals(dataset), load_roster(dataset)))

    expected = _daily_demand(dataset)
    got = {(int(station), str(shift)): float(value)
           for (station, shift), value in demand["rentals_per_day"].items()}
    as_expected = (got.keys() == expected.keys()
                   and all(math.isclose(got[key], expected[key], abs_tol=1e-9) for key in got))
    assert as_expected, (
        "Each station and each shift of the roster should have the mean rentals per day of "
        "the hours that shift covers, and all the rentals of a day should be counted"
    )


def test_the_job_prints_each_stations_plan(dataset, capsys):
    from exercises.ex09_debug_test.plan import main

    main(["--data", str(dataset)])
    lines = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]

    names = pd.read_csv(dataset / "stations.csv").set_index("station_id")["name"]
    by_station: dict[int, dict[str, float]] = defaultdict(dict)
    for (station_id, shift), per_day in _daily_demand(dataset).items():
        by_station[station_id][shift] = per_day
    wanted = [["station", "name", "rentals/day", "vans/day", "busiest", "shift"]]
    for station_id, shifts in sorted(by_station.items()):
        vans = sum(math.ceil(per_day / 2 / 40) for per_day in shifts.values())
        busiest = max(shifts, key=shifts.get)
        wanted.append([str(station_id), *names[station_id].split(),
                       f"{sum(shifts.values()):.1f}", str(vans), busiest])
    as_expected = lines == wanted
    assert as_expected, (
        "The job should print a header, then one line per station in id order: its name, its "
        "mean rentals per day, the vans it needs per day (one per 40 bikes to move in a shift, "
        "half the shift's rentals) and its busiest shift"
    )


def test_each_shift_gets_the_vans_to_move_half_its_rentals():
    from exercises.ex09_debug_test.demand import vans_needed

    cases = {0.0: 0, 1.0: 1, 80.0: 1, 80.5: 2, 160.0: 2, 161.0: 3}
    as_expected = all(vans_needed(per_day) == vans for per_day, vans in cases.items())
    assert as_expected, (
        "A shift should get the fewest vans that move half its rentals, 40 bikes per van"
    )
