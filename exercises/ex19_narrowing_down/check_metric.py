"""The test `git bisect run` asks of each commit: does its forecast still score well?

It imports the ``demand`` package of the folder it runs in (the commit git
checked out), or the package folder it is given, trains the forecast on the
first week of the lab's data, and scores the days after it. Exit status, as
``git bisect run`` reads it: 0 good, 1 bad, 125 this commit cannot be tested.

    python exercises/ex19_narrowing_down/check_metric.py [path/to/package]
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
MAE_LIMIT = 4.0  # rides per hour; release v1.0 scored 3.31
GOOD, BAD, UNTESTABLE = 0, 1, 125
UNDER_TEST = "package_under_test"


def load_forecast(folder: Path) -> ModuleType:
    """The package's ``forecast`` module, imported from ``folder`` under a name of its own."""
    spec = importlib.util.spec_from_file_location(
        UNDER_TEST, folder / "__init__.py", submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        raise ImportError(f"no package in {folder}")
    package = importlib.util.module_from_spec(spec)
    sys.modules[UNDER_TEST] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{UNDER_TEST}.forecast")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path.cwd() / "demand"
    try:
        forecast = load_forecast(folder.resolve())
    except (OSError, SyntaxError, ImportError, NameError) as error:
        print(f"cannot test this commit, {folder} does not load: {error!r}")
        return UNTESTABLE
    mae = forecast.evaluate(DATA)
    print(f"mean absolute error after the training week: {mae:.2f} rides per hour "
          f"(limit {MAE_LIMIT})")
    return GOOD if mae <= MAE_LIMIT else BAD


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
