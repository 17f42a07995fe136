"""Replay the analyst's session on ``analysis.ipynb``: its cells in the order she ran them.

The way to debug the notebook is VS Code's **Debug Cell** (Jupyter extension), in
the notebook itself. This module is the fallback the configuration "21 · Notebook
state" runs, and how the check reproduces her session: one namespace stands for
one kernel, started fresh. She ran every cell with the first window; then, for
each next window, she set it in the parameters cell and ran that cell again and
every cell below the loading cell (the code cell just after the parameters).

For F5 the code cells are also written to ``build/ex21_notebook_state/analysis.py``
(a ``# %%`` block per cell), and each cell runs compiled under that file's name at
its own lines, so a breakpoint set in that script stops in every run of its cell.
Edits to the script are overwritten on each run: the notebook is what counts.
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = Path(__file__).resolve().with_name("analysis.ipynb")
SCRIPT = ROOT / "build" / "ex21_notebook_state" / "analysis.py"
SESSION_WINDOWS = (3, 6, 12, 24)  # the windows she tried, in her order


class CellError(Exception):
    """A cell raised: ``number`` counts code cells from 1, as the page does."""

    def __init__(self, number: int, error: BaseException) -> None:
        super().__init__(f"code cell {number} raised {error!r}")
        self.number = number


@dataclass(frozen=True)
class Cell:
    source: str
    parameters: bool  # tagged "parameters": a runner's values are set after it runs
    first_line: int  # where its code starts in the exported script


def code_cells(notebook: Path) -> list[Cell]:
    book = json.loads(notebook.read_text(encoding="utf-8"))
    cells, line = [], 2  # each block opens with its "# %%" line
    for cell in book["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        tags = cell.get("metadata", {}).get("tags", [])
        cells.append(Cell(source, "parameters" in tags, line))
        line += len(source.splitlines()) + 2  # its lines, a blank one, the next "# %%"
    return cells


def export_script(cells: list[Cell], script: Path = SCRIPT) -> Path:
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text("".join(f"# %%\n{cell.source}\n\n" for cell in cells), encoding="utf-8")
    return script


class _Shell:
    """What ``get_ipython()`` gives a cell here: line magics and shell commands do
    nothing (they need IPython); a cell magic runs its cell's code."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace

    def run_line_magic(self, *_args: object) -> None:
        return None

    def system(self, *_args: object) -> None:
        return None

    def run_cell_magic(self, _name: str, _line: str, body: str) -> None:
        exec(_python(body), self.namespace)


def _python(source: str) -> str:
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


class Kernel:
    """A fresh kernel on one notebook: the cells run in its folder, where its helper
    modules are imported from, each once per kernel as Jupyter imports them."""

    def __init__(self, notebook: Path = NOTEBOOK, data_dir: Path | None = None,
                 script: Path | None = None) -> None:
        self.folder = notebook.resolve().parent
        self.cells = code_cells(notebook)
        self.script = script
        self.runner_values = {} if data_dir is None else {"DATA_DIR": data_dir}
        self.namespace: dict = {"__name__": "__main__"}
        shell = _Shell(self.namespace)
        self.namespace["get_ipython"] = lambda: shell
        for name, module in list(sys.modules.items()):
            top_level = "." not in name and name != "__main__"
            if top_level and Path(getattr(module, "__file__", None) or "/").parent == self.folder:
                del sys.modules[name]  # another kernel's import of the folder's modules

    @property
    def parameters(self) -> int:
        return next((i for i, cell in enumerate(self.cells) if cell.parameters), 0)

    def run(self, index: int, **values: object) -> None:
        """Run one code cell; after the parameters cell, set the runner's ``values``."""
        cell = self.cells[index]
        filename = str(self.script) if self.script else f"code cell {index + 1}"
        code = "\n" * (cell.first_line - 1) + _python(cell.source)
        with contextlib.chdir(self.folder):
            sys.path.insert(0, str(self.folder))
            try:
                exec(compile(code, filename, "exec"), self.namespace)
            except Exception as error:  # noqa: BLE001  (whatever it is, the cell failed)
                raise CellError(index + 1, error) from error
            finally:
                sys.path.remove(str(self.folder))
        if cell.parameters:
            self.namespace.update(self.runner_values, **values)

    def run_all(self, **values: object) -> None:
        for index in range(len(self.cells)):
            self.run(index, **values)

    def rerun_below_loading(self, **values: object) -> None:
        """The parameters cell with new ``values``, then every cell below the loading cell."""
        self.run(self.parameters, **values)
        for index in range(self.parameters + 2, len(self.cells)):
            self.run(index)


def replay_session(kernel: Kernel, windows: tuple[int, ...] = SESSION_WINDOWS) -> None:
    """Her session: Run All with the first window, then each next one from its parameters."""
    kernel.run_all(WINDOW=windows[0])
    for window in windows[1:]:
        kernel.rerun_below_loading(WINDOW=window)


def main() -> None:
    kernel = Kernel(script=SCRIPT)
    export_script(kernel.cells)
    print(f"Replaying the session on {NOTEBOOK.name} (cells as in {SCRIPT.relative_to(ROOT)})")
    replay_session(kernel)


if __name__ == "__main__":
    main()
