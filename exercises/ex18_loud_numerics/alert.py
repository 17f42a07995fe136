"""Nightly demand alert: page the operations team about the day's unusual hours.

Run it from the repository root:

    python -m exercises.ex18_loud_numerics.alert

Each hour of the last day is compared with the same hour on the earlier days
of the same kind; an hour PAGE_AT or more spreads away from its usual count is
paged.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from exercises.ex18_loud_numerics.baseline import usual_hours
from exercises.ex18_loud_numerics.load import DATA, load_hours, split_last_day
from exercises.ex18_loud_numerics.score import day_score, hour_scores

PAGE_AT = 3.5


def report(path: Path = DATA) -> list[str]:
    """The lines of the night's alert, one per station then one per paged hour."""
    history, day = split_last_day(load_hours(path))
    scored = hour_scores(day, usual_hours(history))
    lines = []
    for station_id, hours in scored.groupby("station_id"):
        paged = hours[hours["score"].abs() >= PAGE_AT]
        lines.append(f"station {station_id}: {hours['date'].iloc[0].date()} day score "
                     f"{day_score(hours['score']):.2f}, {len(paged)} hour(s) paged")
        lines.extend(f"  {row.hour:02d}:00 {row.rentals} rentals, usually {row.median:g}, "
                     f"score {row.score:+.1f}" for row in paged.itertuples())
    return lines


def main(path: Path = DATA) -> None:
    # numpy's floating-point warnings flooded the nightly logs, so the job runs
    # with them off; NUMERIC_ERRORS=warn or =raise brings them back.
    np.seterr(all=os.environ.get("NUMERIC_ERRORS", "ignore"))
    print("\n".join(report(path)))


if __name__ == "__main__":
    main()
