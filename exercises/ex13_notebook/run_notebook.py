"""Run ``analysis.ipynb`` as a plain script, so ``F5`` and breakpoints work on it.

The main way to debug the notebook is VS Code's **Debug Cell** (Jupyter
extension) in ``analysis.ipynb`` itself. This entry point is the fallback the
configuration "13 · Notebook" runs: it exports the notebook's code cells with
nbconvert to ``build/ex13_notebook/analysis.py`` (git-ignored) on every run, so
the script always matches the notebook, and executes it. The debugger only
accepts breakpoints in a file that exists: run it once first (``F5``, or
``--export-only``), then set them. Edits to the script are overwritten: the
notebook is what counts.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
SCRIPT = ROOT / "build" / "ex13_notebook" / "analysis.py"


class PlainPython:
    """Stands in for ``get_ipython()``: a line magic (``%debug``) or a shell line does
    nothing here; a cell magic (``%%time``) runs its cell's code."""

    def __init__(self, namespace: dict[str, object]) -> None:
        self.namespace = namespace

    def run_line_magic(self, name: str, line: str = "", *_args: object) -> None:
        print(f"(skipped %{name}: it works in Jupyter/IPython only)", file=sys.stderr)

    def system(self, command: str) -> None:
        print(f"(skipped !{command}: it works in Jupyter/IPython only)", file=sys.stderr)

    def run_cell_magic(self, name: str, line: str, cell: str) -> None:
        from IPython.core.inputtransformer2 import TransformerManager

        exec(TransformerManager().transform_cell(cell), self.namespace)


def export_script(notebook: Path = NOTEBOOK, script: Path = SCRIPT) -> Path:
    """Write the notebook's code cells as a Python script (the same notebook, the same lines)."""
    from nbconvert import PythonExporter

    source, _resources = PythonExporter().from_filename(str(notebook))
    script.parent.mkdir(parents=True, exist_ok=True)
    # Write beside it, then swap: a run already executing the script never
    # reads it half written.
    partial = script.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(source, encoding="utf-8")
    os.replace(partial, script)
    return script


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Export analysis.ipynb to a script and run it.")
    parser.add_argument("--export-only", action="store_true", help="write it, do not run it")
    export_only = parser.parse_args(argv).export_only
    script = export_script()
    if export_only:
        print(f"Wrote {script.relative_to(ROOT)}")
        return
    print(f"Running {script.relative_to(ROOT)}, exported from {NOTEBOOK.name}")
    namespace: dict[str, object] = {"__name__": "__main__", "__file__": str(script)}
    shell = PlainPython(namespace)
    namespace["get_ipython"] = lambda: shell
    exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)


if __name__ == "__main__":
    main()
