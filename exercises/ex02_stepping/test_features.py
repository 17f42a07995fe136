"""Check: every hour of the day falls in the part of the day the planners use."""

from pathlib import Path

import pandas as pd

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"

# The planners' parts of the day, hour by hour (see DAY_PART_EDGES).
EXPECTED_PART = {
    **dict.fromkeys(range(0, 6), "night"),
    **dict.fromkeys(range(6, 10), "morning_peak"),
    **dict.fromkeys(range(10, 16), "midday"),
    **dict.fromkeys(range(16, 20), "evening_peak"),
    **dict.fromkeys(range(20, 24), "late"),
}


def test_each_hour_gets_its_part_of_the_day():
    from exercises.ex02_stepping.features import day_part

    hours = pd.Series(range(24))
    got = dict(zip(hours, day_part(hours).astype("object"), strict=True))
    wrong = {hour: got[hour] for hour, part in EXPECTED_PART.items() if got[hour] != part}
    assert not wrong, (
        "Each hour should fall in its part of the day (night 00-05, morning_peak 06-09, "
        f"midday 10-15, evening_peak 16-19, late 20-23); these hours did not: {wrong}"
    )


def test_every_row_has_exactly_one_part_of_the_day():
    from exercises.ex02_stepping.features import build_features

    rentals = pd.read_csv(DATA_PATH, parse_dates=["timestamp"])
    parts = build_features(rentals).filter(like="part_")
    per_row = parts.sum(axis=1)
    assert (per_row == 1).all(), (
        "Each row of the feature table should belong to exactly one part of the day; "
        f"{int((per_row != 1).sum())} of {len(rentals)} rows do not, e.g. these hours: "
        f"{sorted(set(rentals['timestamp'].dt.hour[per_row != 1]))}"
    )
