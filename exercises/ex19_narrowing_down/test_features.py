"""Check: every station-hour gets the features of its own hour, day type, weather and readings."""

import numpy as np
import pandas as pd
import pytest


def _raw(csv) -> pd.DataFrame:
    """The export as written: station ids are codes, kept as their text."""
    return pd.read_csv(csv, parse_dates=["timestamp"], dtype={"station_id": str})


def _day_off(raw: pd.DataFrame) -> list[bool]:
    return [
        when.weekday() in (5, 6) or int(holiday) == 1
        for when, holiday in zip(raw["timestamp"], raw["holiday"], strict=True)
    ]


def _expected_features(raw: pd.DataFrame) -> pd.DataFrame:
    """The model's input computed from the export with plain pandas, one row per row."""
    off = np.array(_day_off(raw))
    hour = raw["timestamp"].dt.hour.to_numpy()
    columns = {}
    for h in range(24):
        columns[f"work_h{h:02d}"] = (hour == h) & ~off
        columns[f"off_h{h:02d}"] = (hour == h) & off
    for station in raw["station_id"].unique():
        columns[f"station_{station}"] = raw["station_id"].to_numpy() == station
    for name in ("cloudy", "rain"):
        columns[f"weather_{name}"] = raw["weather"].str.lower().to_numpy() == name
    temp = raw["temp_c"].clip(-30.0, 45.0)
    columns["temp_c"] = temp
    columns["humidity"] = raw["humidity"]
    columns["wind_kmh"] = raw["wind_kmh"]
    columns["feels_like_c"] = temp - (0.1 * raw["wind_kmh"]).where(temp < 10, 0.0)
    return pd.DataFrame({name: np.asarray(values, dtype=float)
                         for name, values in columns.items()})


def _assert_features(table: pd.DataFrame, raw: pd.DataFrame, what: str) -> None:
    expected = _expected_features(raw)
    assert len(table) == len(raw), f"{what}: one row of features per row of the data, in order"
    same_columns = sorted(map(str, table.columns)) == sorted(expected.columns)
    assert same_columns, (
        f"{what}: one column per hour of a work day and of a day off, one per station code "
        "(station_<code>), the two weather effects and the four readings")
    for name in expected.columns:
        same = np.allclose(table[name].to_numpy(dtype=float), expected[name].to_numpy())
        kind = next(text for prefix, text in _KINDS.items() if name.startswith(prefix))
        assert same, f"{what}: each station-hour should {kind}"


_KINDS = {
    ("work_h", "off_h"): "set exactly one hour column: its own hour, of a work day or of a day off",
    "station_": "set the column of its own station and no other",
    "weather_": "set the column of its own weather (clear sets neither), whatever its case",
    "": "keep its readings, temperatures clipped to -30 to 45 °C, feels-like with wind chill "
        "below 10 °C",
}


def _write(raw: pd.DataFrame, folder) -> pd.DataFrame:
    raw.to_csv(folder / "rentals.csv", index=False, date_format="%Y-%m-%d %H:%M")
    return _raw(folder / "rentals.csv")


def test_day_off_covers_weekends_and_holidays(dataset):
    from exercises.ex19_narrowing_down.features import day_off, load_rentals

    raw = _raw(dataset / "rentals.csv")

    got = day_off(load_rentals(dataset / "rentals.csv")).tolist()

    expected = _day_off(raw)
    assert [bool(value) for value in got] == expected, (
        "Weekends and public holidays (holiday = 1 in the data) should be days off, "
        "every other day a work day"
    )


def test_days_off_follow_the_holiday_column_wherever_it_falls(dataset, tmp_path):
    from exercises.ex19_narrowing_down.features import day_off, load_rentals

    raw = _raw(dataset / "rentals.csv")
    # Next year's calendar: the holiday falls on the first and the last working day instead.
    dates = raw["timestamp"].dt.normalize()
    weekdays = dates[raw["timestamp"].dt.day_of_week < 5]
    working = sorted(set(weekdays) - set(dates[raw["holiday"] == 1]))
    moved = _write(raw.assign(holiday=dates.isin([working[0], working[-1]]).astype(int)), tmp_path)

    from_export = [bool(value) for value in day_off(load_rentals(tmp_path / "rentals.csv"))]
    assert from_export == _day_off(moved), (
        "a day should be a day off exactly when it is a weekend or the export marks it as a "
        "holiday (holiday = 1), whichever dates those are")
    # Serving builds its frame from a request, where the flag is a number.
    served = moved.assign(station_id=moved["station_id"].astype(int))
    from_request = [bool(value) for value in day_off(served)]
    assert from_request == _day_off(moved), (
        "a request whose holiday flag is the number 1 should be a day off too")


def test_each_row_gets_its_own_features(dataset):
    from exercises.ex19_narrowing_down.features import build_features, load_rentals

    table = build_features(load_rentals(dataset / "rentals.csv"))

    _assert_features(table, _raw(dataset / "rentals.csv"), "the export")


def test_a_slice_of_the_table_gets_the_features_of_its_own_rows(dataset):
    from exercises.ex19_narrowing_down.features import build_features, load_rentals

    # Serving passes a few rows, still labelled with their place in the table.
    rows = load_rentals(dataset / "rentals.csv").iloc[5::7]

    table = build_features(rows)

    raw = _raw(dataset / "rentals.csv").iloc[5::7].reset_index(drop=True)
    _assert_features(table, raw, "every seventh row of the export")


def test_station_codes_and_app_labels_keep_their_meaning(dataset, tmp_path):
    from exercises.ex19_narrowing_down.features import build_features, load_rentals

    raw = _raw(dataset / "rentals.csv")
    # Codes with a leading zero, and weather labels as the app sends them ("Rain").
    coded = _write(raw.assign(station_id="0" + raw["station_id"],
                              weather=raw["weather"].str.capitalize()), tmp_path)

    rentals = load_rentals(tmp_path / "rentals.csv")

    codes = [str(value) for value in rentals["station_id"]] == coded["station_id"].tolist()
    assert codes, "station ids are codes: each should read back exactly as the export writes it"
    _assert_features(build_features(rentals), coded, "an export with station codes such as 0101")


def test_sensor_glitches_are_clipped_to_a_plausible_temperature(dataset, tmp_path):
    from exercises.ex19_narrowing_down.features import build_features, load_rentals

    raw = pd.read_csv(dataset / "rentals.csv")
    # A sensor that glitches now and then: far too hot, then far too cold.
    glitches = raw.index[::40]
    raw.loc[glitches[::2], "temp_c"] = 61.5
    raw.loc[glitches[1::2], "temp_c"] = -47.0
    raw.to_csv(tmp_path / "rentals.csv", index=False)

    table = build_features(load_rentals(tmp_path / "rentals.csv"))

    temp = raw["temp_c"].clip(-30.0, 45.0)
    chill = (0.1 * raw["wind_kmh"]).where(temp < 10, 0.0)
    assert table["temp_c"].tolist() == pytest.approx(temp.tolist()), (
        "a temperature reading outside -30 to 45 °C is a glitch: it should count as the "
        "nearest end of that range"
    )
    assert table["feels_like_c"].tolist() == pytest.approx((temp - chill).tolist()), (
        "the feels-like temperature should start from the temperature clipped to -30 to 45 °C"
    )
