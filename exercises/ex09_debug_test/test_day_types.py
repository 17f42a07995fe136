"""Check: weekends and holidays count as days off, and the profiles show it."""

import pandas as pd


def _days(first: str, count: int, holidays: tuple[str, ...] = ()) -> pd.DataFrame:
    """One noon row per day, in the shape of the rentals table."""
    timestamps = pd.date_range(first, periods=count, freq="D") + pd.Timedelta(hours=12)
    return pd.DataFrame({
        "timestamp": timestamps,
        "holiday": timestamps.normalize().isin(pd.to_datetime(list(holidays))).astype(int),
        "rentals": 1,
    })


def test_saturday_and_sunday_are_days_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, day_type

    week = _days("2025-03-03", 7)  # Monday to Sunday

    types = day_type(week)

    names = week["timestamp"].dt.day_name()
    off = set(names[(types == DAY_OFF).to_numpy()])
    assert off == {"Saturday", "Sunday"}, (
        f"exactly Saturday and Sunday of an ordinary week should be days off, got {sorted(off)}"
    )


def test_a_public_holiday_is_a_day_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, WORK_DAY, day_type

    days = _days("2024-12-24", 3, holidays=("2024-12-25",))  # Tuesday to Thursday

    types = day_type(days).tolist()

    assert types == [WORK_DAY, DAY_OFF, WORK_DAY], (
        f"a holiday midweek should be the only day off of those three, got {types}"
    )


def test_the_two_weeks_of_rentals_have_five_days_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, day_type, load_rentals

    rentals = load_rentals()

    types = day_type(rentals)

    off = sorted(rentals["timestamp"].dt.strftime("%a %d")[(types == DAY_OFF).to_numpy()].unique())
    assert off == ["Mon 10", "Sat 08", "Sat 15", "Sun 09", "Sun 16"], (
        "the data's two weekends and its holiday Monday should be the days off, "
        f"and nothing else; got {off}"
    )


def test_profiles_show_commutes_on_work_days_and_leisure_on_days_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, WORK_DAY, hourly_profile, load_rentals

    profile = hourly_profile(load_rentals())

    morning, afternoon = profile.loc[8], profile.loc[14]
    assert morning[WORK_DAY] > 2 * afternoon[WORK_DAY], (
        "work days should peak at the 8:00 commute, well above the early afternoon"
    )
    assert afternoon[DAY_OFF] > 2 * morning[DAY_OFF], (
        "days off should peak in the early afternoon, well above 8:00"
    )
