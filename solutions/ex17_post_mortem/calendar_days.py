"""The calendar table of the nightly feature job: one entry per date of the data.

Each station-day partition looks its date up here for the day-level features
the demand model uses: whether the day is a day off, whether the next one is,
and how many days into the history it falls (the trend feature).
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def days_covered(timestamps: pd.Series) -> pd.DatetimeIndex:
    """Every calendar date from the first hour of the data to the last one."""
    first = timestamps.min().normalize()
    # Timedelta.days counts whole days (13 days 23 hours gives 13), so `periods=span.days`
    # left out the last date; ending the range on the last date keeps every one.
    return pd.date_range(first, timestamps.max().normalize(), freq="D")


def is_day_off(day: date, holidays: set[date]) -> bool:
    return day.weekday() >= 5 or day in holidays


def build_calendar(timestamps: pd.Series, holidays: set[date]) -> dict[date, dict[str, int]]:
    """Day-level features keyed by date, for the dates ``timestamps`` cover."""
    calendar = {}
    for index, day in enumerate(days_covered(timestamps)):
        today = day.date()
        tomorrow = (day + pd.Timedelta(days=1)).date()
        calendar[today] = {
            "day_index": index,
            "day_off": int(is_day_off(today, holidays)),
            "day_off_tomorrow": int(is_day_off(tomorrow, holidays)),
        }
    return calendar
