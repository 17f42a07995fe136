"""The daily van plan: how many rebalancing vans each station needs, and when.

Operations sends vans per shift of its roster (``shifts.csv``) to move bikes
back where riders take them. This job matches every station-hour of the
rentals to the shift that covers it, averages the rentals per day and prints
the plan. Run it with ``python -m exercises.ex09_debug_test.plan [--data FOLDER]``;
its tests are ``exercises/ex09_debug_test/test_van_plan.py``.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from exercises.ex09_debug_test.demand import shift_demand, station_plan
from exercises.ex09_debug_test.roster import assign_shifts
from exercises.ex09_debug_test.sources import DATA_DIR, load_rentals, load_roster, station_names


def van_plan(data_dir: Path = DATA_DIR):
    """The plan, one row per station (see ``demand.station_plan``)."""
    with_shifts = assign_shifts(load_rentals(data_dir), load_roster(data_dir))
    return station_plan(shift_demand(with_shifts))


def format_plan(plan, names: dict[int, str]) -> str:
    lines = [f"{'station':>8}  {'name':<20} {'rentals/day':>11} {'vans/day':>8}  busiest shift"]
    for station_id, row in plan.sort_index().iterrows():
        lines.append(f"{station_id:>8}  {names.get(station_id, '?'):<20} "
                     f"{row['rentals_per_day']:>11.1f} {row['vans_per_day']:>8d}  "
                     f"{row['busiest_shift']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR,
                        help="folder with rentals.csv, stations.csv and shifts.csv")
    data_dir = parser.parse_args(argv).data
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    print(format_plan(van_plan(data_dir), station_names(data_dir)))


if __name__ == "__main__":
    main()
