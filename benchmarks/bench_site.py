"""How long the strict site build takes."""

from __future__ import annotations

from benchmarks import Figure, median_seconds, run_python


def _build() -> None:
    result = run_python(["-m", "mkdocs", "build", "--strict", "--quiet"])
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr}")


def figures() -> list[Figure]:
    seconds = median_seconds(_build)
    return [Figure("site build, `mkdocs build --strict` (median of 3)", f"{seconds:.2f} s", "< 3 s")]
