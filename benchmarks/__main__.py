"""Print every benchmark figure as a Markdown table (``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil

import benchmarks


def main() -> None:
    rows = []
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"benchmarks.{info.name}")
            print(f"measuring {info.name} ...", flush=True)
            rows.extend(module.figures())
    print()
    print("| figure | value | target | note |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.value} | {row.target} | {row.note} |")


if __name__ == "__main__":
    main()
