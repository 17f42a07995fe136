"""Check: the nightly job writes one correct row of daily features per station-day it received."""

import csv
import logging
from datetime import date

import numpy as np
import pandas as pd
import pytest

PEAK = {7, 8, 9, 16, 17, 18, 19}
COLUMNS = ["station_id", "date", "rides", "peak_share", "mean_temp_c", "rain_hours", "day_off",
           "early_crew"]


def _feed(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _calendar(dataset) -> pd.DataFrame:
    calendar = pd.read_csv(dataset / "service_calendar.csv", parse_dates=["date"])
    return calendar.assign(date=calendar["date"].dt.date)


def _expected(feed: pd.DataFrame, calendar: pd.DataFrame) -> pd.DataFrame:
    """Rows computed from the feed alone: faulty readings out, a reading sent twice once."""
    day_type = dict(zip(calendar["date"], calendar["day_type"], strict=True))
    shift = dict(zip(calendar["date"], calendar["crew_shift"], strict=True))
    valid = feed.drop_duplicates()
    valid = valid[(valid["rentals"] >= 0) & valid.notna().all(axis=1)]
    valid = valid.assign(date=valid["timestamp"].dt.date,
                         peak=valid["rentals"] * valid["timestamp"].dt.hour.isin(PEAK))
    groups = valid.groupby(["station_id", "date"])
    rides, peak = groups["rentals"].sum(), groups["peak"].sum()
    temp, rain = groups["temp_c"].mean(), groups["weather"].agg(lambda w: int((w == "rain").sum()))
    keys = sorted({(int(s), t.date()) for s, t in zip(feed["station_id"], feed["timestamp"],
                                                      strict=True)})
    rows = [{"station_id": s, "date": d, "rides": int(rides[s, d]),
             "peak_share": peak[s, d] / rides[s, d] if rides[s, d] else 0.0,
             "mean_temp_c": temp[s, d], "rain_hours": rain[s, d],
             "day_off": int(day_type[d] != "workday"), "early_crew": int(shift[d] == "early")}
            for s, d in keys]
    return pd.DataFrame(rows, columns=COLUMNS)


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> bool:
    if list(got.columns) != COLUMNS or len(got) != len(expected):
        return False
    exact = ["station_id", "date", "rides", "rain_hours", "day_off", "early_crew"]
    same_keys = all(list(got[c]) == list(expected[c]) for c in exact)
    return same_keys and all(
        np.allclose(got[c].to_numpy(float), expected[c].to_numpy(float), atol=1e-9)
        for c in ("peak_share", "mean_temp_c"))


def _shuffled(feed, calendar):
    """The feed's hours in another order, under other row labels."""
    order = np.random.default_rng(3).permutation(len(feed))
    return feed.iloc[order].set_axis(np.arange(len(feed)) * 7 + 5), calendar


def _missing_day(feed, calendar):
    """The feed lost a whole day in the middle of the history."""
    days = sorted(set(feed["timestamp"].dt.date))
    return feed[feed["timestamp"].dt.date != days[len(days) // 2]], calendar


def _crew_off_another_day(feed, calendar):
    """The crew's day off is a working Wednesday instead, and no day is a holiday."""
    days = sorted(set(feed["timestamp"].dt.date))
    wednesday = next(d for d in days if d.weekday() == 2)
    calendar = calendar.assign(
        day_type=np.where(calendar["day_type"] == "holiday", "workday", calendar["day_type"]),
        crew_shift=calendar["crew_shift"].fillna("early"))
    calendar.loc[calendar["date"] == wednesday, "crew_shift"] = np.nan
    return feed.assign(holiday=0), calendar


def _no_crew(feed, calendar):
    """The rebalancing crew is away for the whole period."""
    return feed, calendar.assign(crew_shift=np.nan)


def _faulty_readings(feed, calendar):
    """A reading sent twice, one with a negative count, one without a temperature, and a
    station-day without a single ride."""
    feed = feed.copy()
    last = feed["timestamp"].dt.date == feed["timestamp"].dt.date.iloc[-1]
    feed.loc[last & (feed["station_id"] == feed["station_id"].iloc[-1]), "rentals"] = 0
    feed.loc[feed.index[5], "rentals"] = -1
    feed.loc[feed.index[30], "temp_c"] = np.nan
    feed.loc[feed.index[40], "rentals"] = 9
    return pd.concat([feed, feed.iloc[[40]]], ignore_index=True), calendar


VARIANTS = {"the feed as delivered": lambda feed, calendar: (feed, calendar),
            "shuffled hours": _shuffled, "a missing day": _missing_day,
            "the crew's day off on a working day": _crew_off_another_day,
            "no crew at all": _no_crew, "faulty readings": _faulty_readings}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_station_day_of_the_feed_gets_its_row(dataset, variant):
    from exercises.ex17_post_mortem.daily_job import build_features

    feed, calendar = VARIANTS[variant](_feed(dataset), _calendar(dataset))

    features = build_features(feed, calendar)

    same = _same(features, _expected(feed, calendar))
    assert same, (
        f"{variant}: the job should write one row per station and date the feed delivered, "
        "station by station in date order, from every sound reading of that day (a reading "
        "sent twice counted once, faulty readings left out) and that date's service calendar"
    )


def test_the_job_prints_each_stations_mean_day(dataset, capsys, caplog):
    from exercises.ex17_post_mortem.daily_job import main

    with (dataset / "service_calendar.csv").open(encoding="utf-8") as handle:
        day_off = {date.fromisoformat(row["date"]): int(row["day_type"] != "workday")
                   for row in csv.DictReader(handle)}
    feed = _feed(dataset)
    totals = feed.groupby(["station_id", feed["timestamp"].dt.date])["rentals"].sum()
    frame = pd.DataFrame({"station_id": totals.index.get_level_values(0),
                          "day_off": [day_off[d] for d in totals.index.get_level_values(1)],
                          "rides": totals.to_numpy()})
    summary = frame.groupby(["station_id", "day_off"])["rides"].mean().round(1)
    caplog.set_level(logging.INFO)

    status = main(dataset)

    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    as_expected = (status == 0 and capsys.readouterr().out == summary.to_string() + "\n"
                   and logged == [f"built {len(totals)} station-day rows"])
    assert as_expected, (
        "The job should log how many station-day rows it built (one per station and date) "
        "and print each station's mean daily rides on working days and on days off"
    )
