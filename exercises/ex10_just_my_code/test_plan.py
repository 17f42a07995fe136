"""Check: the forecast weighs the past days of the same kind as its settings say, and the job
reports its backtest and tomorrow's demand from that forecast."""

import logging

import numpy as np
import pandas as pd
import pytest

FORGETTING = (0.3, 0.5, 0.85)


def _weighted(values: list[float], forgetting: float) -> float:
    """Newest day weight 1, each older day (1 - forgetting) times the next, normalised."""
    weights = [(1 - forgetting) ** age for age in range(len(values))][::-1]
    return sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)


def _table(rng, days: int) -> pd.DataFrame:
    dates = pd.date_range("2025-03-03", periods=days, freq="7D")
    columns = pd.MultiIndex.from_product([[11, 12], [7, 8, 18]], names=["station_id", "hour"])
    return pd.DataFrame(rng.poisson(9, (days, len(columns))).astype(float),
                        index=pd.Index(dates, name="date"), columns=columns)


@pytest.mark.parametrize("forgetting", FORGETTING)
def test_each_past_day_counts_as_the_settings_say(forgetting):
    from exercises.ex10_just_my_code.smoothing import Smoothing, smoothed_profile

    rng = np.random.default_rng(int(forgetting * 100))
    for days in (1, 2, 5, 9):
        past = _table(rng, days)
        got = smoothed_profile(past, Smoothing(forgetting=forgetting))
        expected = [_weighted(past[column].tolist(), forgetting) for column in past.columns]
        as_documented = list(got.index) == list(past.columns) and np.allclose(
            got.to_numpy(dtype=float), expected, rtol=1e-9, atol=1e-9)
        assert as_documented, (
            f"With forgetting {forgetting}, each older day should count {1 - forgetting:.2f} "
            "times the day after it, the weights adding up to one, in every station-hour"
        )


def _reference(dataset, forgetting: float = 0.3):
    """Independent forecasts and backtest, straight from the CSV."""
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    when = rentals["timestamp"]
    rentals = rentals.assign(date=when.dt.normalize(), hour=when.dt.hour,
                             off=(when.dt.day_of_week >= 5) | (rentals["holiday"] == 1))
    off_by_date = rentals.groupby("date")["off"].max().sort_index()
    grid = rentals.pivot(index="date", columns=["station_id", "hour"], values="rentals")
    grid = grid.sort_index().astype(float)

    def forecast(date, off):
        past = grid[(grid.index < date) & (off_by_date.reindex(grid.index) == off).to_numpy()]
        weights = (1 - forgetting) ** np.arange(len(past))[::-1]
        smooth = weights @ past.to_numpy() / weights.sum()
        return dict(zip(past.columns, zip(smooth, past.to_numpy()[-1], strict=True),
                        strict=True))

    errors: dict[int, list[tuple[float, float]]] = {}
    for date in off_by_date.index[-3:]:
        predicted = forecast(date, bool(off_by_date[date]))
        for (station, hour), actual in grid.loc[date].items():
            smooth, last = predicted[(station, hour)]
            errors.setdefault(station, []).append((abs(smooth - actual), abs(last - actual)))
    tomorrow = off_by_date.index[-1] + pd.Timedelta(days=1)
    ahead = forecast(tomorrow, tomorrow.day_of_week >= 5)
    lines = [f"station {station}: backtest MAE "
             f"{np.mean([e[0] for e in errs]):.2f} smoothed, "
             f"{np.mean([e[1] for e in errs]):.2f} last-day repeat"
             for station, errs in sorted(errors.items())]
    for station in sorted(errors):
        profile = [ahead[(station, hour)][0] for hour in range(24)]
        lines.append(f"{tomorrow.date()}, station {station}: {round(sum(profile))} rentals "
                     f"expected, busiest hour {int(np.argmax(profile)):02d}:00")
    return ahead, lines


def _ending_on(dataset, out, weekday: int):
    """The export cut after its last day with the given weekday (Monday is 0)."""
    rentals = pd.read_csv(dataset / "rentals.csv")
    dates = pd.to_datetime(rentals["timestamp"]).dt.normalize()
    last = dates[dates.dt.day_of_week == weekday].max()
    out.mkdir()
    rentals[dates <= last].to_csv(out / "rentals.csv", index=False)
    return out


def test_tomorrow_is_forecast_from_the_past_days_of_its_kind(dataset, tmp_path):
    from exercises.ex10_just_my_code.history import load_hours
    from exercises.ex10_just_my_code.plan import forecast
    from exercises.ex10_just_my_code.smoothing import Smoothing

    exports = [(dataset, 0.3), (_ending_on(dataset, tmp_path / "fri", 4), 0.6),
               (_ending_on(dataset, tmp_path / "sat", 5), 0.45)]
    for folder, forgetting in exports:
        ahead, _ = _reference(folder, forgetting)
        hours = load_hours(folder / "rentals.csv")
        tomorrow = hours["date"].max() + pd.Timedelta(days=1)
        got = forecast(hours, tomorrow, Smoothing(forgetting=forgetting))
        as_expected = len(got) == len(ahead) and all(
            abs(float(got[key]) - smooth) < 1e-9 for key, (smooth, _) in ahead.items())
        assert as_expected, (
            "Tomorrow's forecast for each station and hour should weigh the past days of the "
            "same kind, newest first, as the smoothing settings say, whatever day tomorrow is"
        )


def test_the_job_logs_the_backtest_and_tomorrows_demand(dataset, caplog):
    from exercises.ex10_just_my_code import plan

    _, expected = _reference(dataset)
    caplog.set_level(logging.INFO)
    plan.main(dataset / "rentals.csv")
    logged = [record.getMessage() for record in caplog.records if record.name == "plan"]
    same = logged == expected
    assert same, (
        "The job should log, per station, the backtest error of the smoothed forecast and of "
        "the last-day repeat over the last three days, then tomorrow's expected rentals and "
        "busiest hour, all from forecasts that weigh past days as the settings say"
    )
