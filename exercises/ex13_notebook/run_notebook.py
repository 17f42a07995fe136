"""Run ``analysis.ipynb`` as a plain script, so ``F5`` and breakpoints work on it.

The main way to debug the notebook is VS Code's **Debug Cell** (Jupyter
extension) in ``analysis.ipynb`` itself. This entry point is the fallback the
configuration "13 · Notebook" runs: it exports the notebook's code cells with
nbconvert to ``build/ex13_notebook/analysis.py`` (git-ignored, rewritten on
every run) and executes that file, where your breakpoints go. The debugger only
accepts breakpoints in a file that exists, so export it once first (``F5``, or
``--export-only``), then set them. Start at the cell that splits the data into
``train`` and ``test``.
"""

from __future__ import annotations

import argparse
import hashlib
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
SCRIPT = ROOT / "build" / "ex13_notebook" / "analysis.py"


def export_script(notebook: Path = NOTEBOOK, script: Path = SCRIPT) -> Path:
    """Write the notebook's cells as a Python script; the same notebook gives the same lines.

    The export is skipped while the script matches the notebook (a digest sits
    beside it), so re-running or re-grading an unchanged notebook stays fast.
    """
    digest_file = script.with_suffix(".sha256")
    digest = hashlib.sha256(notebook.read_bytes()).hexdigest()
    if script.exists() and digest_file.exists() and digest_file.read_text() == digest:
        return script
    from nbconvert import PythonExporter  # slow to import; needed only after an edit

    source, _resources = PythonExporter().from_filename(str(notebook))
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(source, encoding="utf-8")
    digest_file.write_text(digest)
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description="Export analysis.ipynb to a script and run it.")
    parser.add_argument("--export-only", action="store_true", help="write it, do not run it")
    export_only = parser.parse_args().export_only
    script = export_script()
    if export_only:
        print(f"Wrote {script.relative_to(ROOT)}")
        return
    print(f"Running {script.relative_to(ROOT)}, exported from {NOTEBOOK.name}")
    runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()
