"""Print every benchmark figure as a Markdown table (``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks import Figure


def main() -> int:
    rows, failed = [], False
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"benchmarks.{info.name}")
            print(f"measuring {info.name} ...", flush=True)
            try:
                rows.extend(module.figures())
            except Exception as error:  # one broken benchmark must not hide the others
                failed = True
                rows.append(Figure(info.name, "FAILED", note=f"{type(error).__name__}: "
                                   + " ".join(str(error).split())[:300]))
    print()
    print("| figure | value | target | note |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.value} | {row.target} | {row.note} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
