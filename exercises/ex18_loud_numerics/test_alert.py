"""Check: the night's alert scores every hour of the last day against its usual count and
spread, and pages only the hours that are really far from usual."""

import numpy as np
import pandas as pd
import pytest

PAGE_AT, CAP = 3.5, 10.0
# The alert runs with numpy's floating-point warnings off, and so does its check.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _spread(values) -> float:
    """The scaled median absolute deviation, and one ride where it is zero."""
    values = np.asarray(values, dtype=float)
    mad = float(np.median(np.abs(values - np.median(values))))
    return 1.4826 * mad if mad > 0 else 1.0


HISTORIES = {  # an hour's past counts
    (7, 0): [0, 0, 0, 0], (7, 1): [0, 0, 0, 1], (7, 2): [3, 2, 3, 3], (7, 3): [1, 2, 2, 3],
    (7, 4): [1, 2, 3, 4, 10], (9, 4): [5], (9, 5): [4, 8], (9, 6): [2, 2, 7, 9, 9],
}


def test_each_hour_is_scored_against_its_median_and_its_own_spread():
    from exercises.ex18_loud_numerics.baseline import usual_hours
    from exercises.ex18_loud_numerics.score import hour_scores

    rows = [(station, hour, count) for (station, hour), counts in HISTORIES.items()
            for count in counts]
    history = pd.DataFrame(rows, columns=["station_id", "hour", "rentals"])
    history = history.sample(frac=1.0, random_state=3).set_axis(range(500, 500 + len(rows)))
    keys = list(HISTORIES)[::-1]
    day = pd.DataFrame({"station_id": [k[0] for k in keys], "hour": [k[1] for k in keys],
                        "rentals": [int(np.median(HISTORIES[k])) + 2 for k in keys]},
                       index=range(90, 90 - len(keys), -1))

    scored = hour_scores(day, usual_hours(history))

    expected = [(day.loc[label, "rentals"] - np.median(HISTORIES[key])) / _spread(HISTORIES[key])
                for label, key in zip(day.index, keys, strict=True)]
    as_expected = list(scored.index) == list(day.index) and np.allclose(
        scored["score"].to_numpy(dtype=float), expected, rtol=1e-9, atol=1e-9)
    assert as_expected, (
        "Each station-hour should be scored in spreads from the median of its past counts, "
        "the spread being their robust spread (the scaled median absolute deviation), and one "
        "ride only where that spread would be zero"
    )


def test_each_hour_is_scored_in_spreads_from_its_usual_count_up_to_the_cap():
    from exercises.ex18_loud_numerics.score import day_score, hour_scores

    usual = pd.DataFrame({"median": [4.0, 0.0, 30.0], "spread": [2.0, 1.0, 1.5]},
                         index=pd.MultiIndex.from_tuples([(1, 8), (1, 3), (2, 8)],
                                                         names=["station_id", "hour"]))
    day = pd.DataFrame({"station_id": [2, 1, 1, 2], "hour": [8, 3, 8, 8],
                        "rentals": [2, 25, 9, 33]}, index=[40, 10, 30, 20])
    scored = hour_scores(day, usual)
    expected = [-CAP, CAP, 2.5, 2.0]
    as_expected = list(scored.index) == [40, 10, 30, 20] and np.allclose(
        scored["score"].to_numpy(dtype=float), expected) and scored[
        ["station_id", "hour", "rentals"]].equals(day)
    as_expected &= abs(day_score(scored["score"]) - np.mean(np.abs(expected))) < 1e-9
    assert as_expected, (
        "Each hour should keep its row and be scored by how many spreads it lies from its "
        "usual count, capped at the pager's limit, and the day by the mean size of its scores"
    )


def _expected_report(dataset) -> list[str]:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    when = rentals["timestamp"]
    rentals = rentals.assign(date=when.dt.normalize(), hour=when.dt.hour,
                             off=(when.dt.day_of_week >= 5) | (rentals["holiday"] == 1))
    last = rentals["date"].max()
    day = rentals[rentals["date"] == last]
    past = rentals[(rentals["date"] < last) & (rentals["off"] == day["off"].iloc[0])]
    counts = past.groupby(["station_id", "hour"])["rentals"].agg(list)
    lines = []
    for station, hours in day.groupby("station_id"):
        scores, paged = [], []
        for row in hours.itertuples():
            history = counts[(station, row.hour)]
            centre = float(np.median(history))
            score = min(max((row.rentals - centre) / _spread(history), -CAP), CAP)
            scores.append(abs(score))
            if abs(score) >= PAGE_AT:
                paged.append(f"  {row.hour:02d}:00 {row.rentals} rentals, usually {centre:g}, "
                             f"score {score:+.1f}")
        lines.append(f"station {station}: {last.date()} day score {np.mean(scores):.2f}, "
                     f"{len(paged)} hour(s) paged")
        lines.extend(paged)
    return lines


def test_the_alert_reports_each_station_and_pages_only_far_from_usual_hours(
        dataset, capsys, monkeypatch):
    from exercises.ex18_loud_numerics.alert import main

    expected = _expected_report(dataset)
    numpy_errors = np.geterr()
    try:
        for mode in ("ignore", "raise"):
            monkeypatch.setenv("NUMERIC_ERRORS", mode)
            main(dataset / "rentals.csv")
            printed = capsys.readouterr().out.splitlines()
            same = printed == expected
            assert same, (
                "The alert should print, per station, the day's score and the number of hours "
                "paged, then each paged hour with its rentals, usual count and score; an hour "
                "is paged only when it lies 3.5 of its own spreads or more from usual"
            )
    finally:
        np.seterr(**numpy_errors)
