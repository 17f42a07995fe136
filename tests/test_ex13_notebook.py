"""ex13 grades the notebook itself: magics do not break it, the exported script never counts.

And the page's procedure works in a real kernel: Run All, then Debug Cell on the
cell below ``hour_profile`` (as often as a learner likes) stops on the bug and
finishes without an error, driven through the kernel's own debugger as VS
Code's Jupyter extension drives it (``tests/jupyter_debug.py``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.catalog import ROOT, find
from course.datasets import SHIPPED_DIR
from tests.jupyter_debug import CellStop, NotebookKernel, debug_cell
from tests.lab import shipped_file

SOLVED = ROOT / "solutions" / "ex13_notebook" / "analysis.ipynb"
EXERCISE = find("ex13")
KERNEL_WAIT = 90.0  # seconds for any one answer of the kernel (imports on a busy machine)


def with_extra_cell(notebook: Path, out: Path, source: str) -> Path:
    book = json.loads(notebook.read_text(encoding="utf-8"))
    book["cells"].append({"cell_type": "code", "execution_count": None, "id": "extra",
                          "metadata": {}, "outputs": [], "source": source})
    out.write_text(json.dumps(book, indent=1), encoding="utf-8")
    return out


def test_a_magic_left_in_a_cell_does_not_change_the_grade(tmp_path: Path) -> None:
    from exercises.ex13_notebook.test_notebook import run_notebook

    shutil.copy(SOLVED, tmp_path / "clean.ipynb")
    clean, _ = run_notebook(tmp_path / "clean.ipynb", SHIPPED_DIR)
    magic = with_extra_cell(SOLVED, tmp_path / "magic.ipynb", "%debug\n!echo hi\nafter = 1\n")
    with_magic, _ = run_notebook(magic, SHIPPED_DIR)
    assert with_magic["after"] == 1
    timed = with_extra_cell(SOLVED, tmp_path / "timed.ipynb", "%%time\n%debug\ntimed = 2\n")
    assert run_notebook(timed, SHIPPED_DIR)[0]["timed"] == 2
    assert with_magic["mae"] == pytest.approx(clean["mae"])


def test_the_check_runs_the_saved_notebook_not_an_exported_script() -> None:
    check = (ROOT / "exercises" / "ex13_notebook" / "test_notebook.py").read_text()
    assert "build" not in check
    assert "run_notebook import" not in check


def test_the_f5_run_runs_magics_as_plain_python(tmp_path: Path) -> None:
    from exercises.ex13_notebook.run_notebook import PlainPython

    namespace: dict[str, object] = {}
    shell = PlainPython(namespace)
    namespace["get_ipython"] = lambda: shell
    shell.run_line_magic("debug", "")
    shell.run_cell_magic("time", "", "%debug\ntimed = 3\n")
    assert namespace["timed"] == 3


def test_the_f5_script_is_exported_again_on_every_run(tmp_path: Path) -> None:
    from exercises.ex13_notebook.run_notebook import export_script

    notebook = tmp_path / "analysis.ipynb"
    shutil.copy(SOLVED, notebook)
    script = export_script(notebook, tmp_path / "analysis.py")
    first = script.read_text()
    with_extra_cell(SOLVED, notebook, "edited = True\n")
    assert export_script(notebook, script).read_text() != first


def code_cells(notebook: Path) -> list[str]:
    book = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in book["cells"] if cell["cell_type"] == "code"]


@pytest.fixture(scope="module")
def debug_line(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of the exercise's ``[debug]`` line, which is given in the script exported
    from the notebook: the line a learner clicks in its cell."""
    from exercises.ex13_notebook.run_notebook import export_script

    script = export_script(shipped_file(EXERCISE, "analysis.ipynb"),
                           tmp_path_factory.mktemp("export") / "analysis.py")
    return script.read_text(encoding="utf-8").splitlines()[EXERCISE.debug.line - 1]


def breakpoint_spot(cells: list[str], text: str) -> tuple[int, int]:
    """The code cell holding the line ``text``, and its line number in that cell (from 1)."""
    spots = [(index, number) for index, cell in enumerate(cells)
             for number, line in enumerate(cell.splitlines(), 1) if line == text]
    assert len(spots) == 1, f"the [debug] line should be in exactly one cell: {text!r}"
    return spots[0]


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotebookKernel]:
    """One kernel for this module, started in the notebook's folder as Jupyter starts it."""
    folder = shipped_file(EXERCISE, "analysis.ipynb").parent
    with NotebookKernel(folder, tmp_path_factory.mktemp("kernelspec"), KERNEL_WAIT) as started:
        yield started


def run_all(kernel: NotebookKernel, cells: list[str]) -> None:
    for number, cell in enumerate(cells, 1):
        reply = kernel.run(cell)
        assert reply["status"] == "ok", f"code cell {number} failed in Run All: {reply}"


def mae_of(kernel: NotebookKernel) -> str:
    reply = kernel.run("", user_expressions={"mae": "repr(mae)"})
    return reply["user_expressions"]["mae"]["data"]["text/plain"]


def debug_cell_as_the_page_says(kernel: NotebookKernel, cells: list[str], text: str) -> CellStop:
    """A breakpoint on the [debug] line, then Debug Cell on the cell just below its cell;
    checks that it stops there and that the cell finishes after Continue."""
    index, line = breakpoint_spot(cells, text)
    stop = debug_cell(kernel, breakpoint_cell=cells[index], line=line, cell=cells[index + 1],
                      expression=EXERCISE.debug.expression)
    assert (stop.frame_path, stop.line) == (stop.cell_path, line)
    assert stop.function == "with_weather"  # where the page says the debugger stops
    assert stop.error == "", f"the cell should finish after Continue; it raised {stop.error}"
    return stop


def test_debug_cell_after_run_all_shows_the_bug_and_every_cell_runs_again(
        kernel: NotebookKernel, debug_line: str) -> None:
    cells = code_cells(shipped_file(EXERCISE, "analysis.ipynb"))
    run_all(kernel, cells)
    reported = mae_of(kernel)
    for _ in range(2):  # a learner debugs the cell again after looking around
        stop = debug_cell_as_the_page_says(kernel, cells, debug_line)
        assert stop.value == EXERCISE.debug.buggy
    index, _ = breakpoint_spot(cells, debug_line)
    run_all(kernel, cells[index + 2:])  # then the cells below the debugged one: the score
    assert mae_of(kernel) == reported


def test_debug_cell_on_the_solution_no_longer_shows_the_bug(
        kernel: NotebookKernel, debug_line: str) -> None:
    # The solution's cells, run in the exercise's folder: the notebook laid over it.
    cells = code_cells(SOLVED)
    run_all(kernel, cells)
    stop = debug_cell_as_the_page_says(kernel, cells, debug_line)
    assert stop.value != EXERCISE.debug.buggy
