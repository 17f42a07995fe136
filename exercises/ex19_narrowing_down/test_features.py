"""Check: every station-hour gets the features of its own hour, day type, weather and readings."""

import pandas as pd
import pytest


def _raw(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _day_off(raw: pd.DataFrame) -> list[bool]:
    return [
        when.weekday() in (5, 6) or int(holiday) == 1
        for when, holiday in zip(raw["timestamp"], raw["holiday"], strict=True)
    ]


def test_day_off_covers_weekends_and_holidays(dataset):
    from exercises.ex19_narrowing_down.features import day_off, load_rentals

    raw = _raw(dataset)

    got = day_off(load_rentals(dataset / "rentals.csv")).tolist()

    expected = _day_off(raw)
    assert [bool(value) for value in got] == expected, (
        "Weekends and public holidays (holiday = 1 in the data) should be days off, "
        "every other day a work day"
    )


def test_each_row_gets_its_own_features(dataset):
    from exercises.ex19_narrowing_down.features import build_features, load_rentals

    raw = _raw(dataset)
    rentals = load_rentals(dataset / "rentals.csv")

    table = build_features(rentals)

    assert len(table) == len(raw), "one row of features per row of the data, in order"
    off = _day_off(raw)
    hour_columns = [c for c in table.columns if c.startswith(("work_h", "off_h"))]
    assert len(hour_columns) == 48, "one column per hour of a work day and of a day off"
    station_columns = sorted(c for c in table.columns if c.startswith("station_"))
    assert station_columns == sorted(f"station_{s}" for s in raw["station_id"].unique()), (
        "one column per station"
    )
    for i, row in raw.iterrows():
        features = table.iloc[i]
        kind = "off" if off[i] else "work"
        set_hours = [c for c in hour_columns if features[c] == 1.0]
        assert set_hours == [f"{kind}_h{row['timestamp'].hour:02d}"], (
            "each station-hour should set exactly one hour column: its own hour, "
            "of a work day or of a day off"
        )
        assert features[f"station_{row['station_id']}"] == 1.0
        assert features[station_columns].sum() == 1.0
        for name in ("cloudy", "rain"):
            assert features[f"weather_{name}"] == float(row["weather"] == name)
        temp = min(max(row["temp_c"], -30.0), 45.0)
        assert features["temp_c"] == pytest.approx(temp)
        assert features["humidity"] == pytest.approx(row["humidity"])
        assert features["wind_kmh"] == pytest.approx(row["wind_kmh"])
        chill = 0.1 * row["wind_kmh"] if temp < 10 else 0.0
        assert features["feels_like_c"] == pytest.approx(temp - chill)


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
