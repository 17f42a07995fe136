"""ex21's page works in a real kernel: the session it describes, then Debug Cell.

The analyst's session (Run All with the first window, then each next window
from the parameters cell and the cells below the loading cell) runs in one
ipykernel started in the notebook's folder, as Jupyter starts it. Debug Cell on
the fitting cell, driven through the kernel's own debugger as VS Code's Jupyter
extension drives it (``tests/jupyter_debug.py``), stops on the ``[debug]`` line
and shows the ``[debug]`` value; Continue finishes the cell. After Restart and
Run All (here: the loading cell run again) and with the solution, the same stop
no longer shows it: the value comes from the kernel's past, not from the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.catalog import find
from tests.jupyter_debug import CellStop, NotebookKernel, debug_cell
from tests.lab import copy_repository, lay_solutions, shipped_file

EXERCISE = find("ex21")
KERNEL_WAIT = 90.0  # seconds for any one answer of the kernel (imports on a busy machine)


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotebookKernel]:
    """One kernel for this module, started in the notebook's folder as Jupyter starts it."""
    folder = shipped_file(EXERCISE, "analysis.ipynb").parent
    with NotebookKernel(folder, tmp_path_factory.mktemp("kernelspec"), KERNEL_WAIT) as started:
        yield started


def cells_of(notebook: Path) -> list:
    from exercises.ex21_notebook_state.replay import code_cells

    return code_cells(notebook)


def debug_spot(cells: list) -> tuple[int, int]:
    """The code cell holding the text of [debug].line of the shipped notebook's script (a
    fix may move it), and the number of that line in the cell."""
    line = EXERCISE.debug.line
    shipped = cells_of(shipped_file(EXERCISE, "analysis.ipynb"))
    text = next(cell.source.splitlines()[line - cell.first_line] for cell in shipped
                if cell.first_line <= line < cell.first_line + len(cell.source.splitlines()))
    spots = [(index, number) for index, cell in enumerate(cells)
             for number, source in enumerate(cell.source.splitlines(), 1) if source == text]
    assert len(spots) == 1, f"the [debug] line should be in exactly one cell: {text!r}"
    return spots[0]


def run(kernel: NotebookKernel, source: str) -> None:
    reply = kernel.run(source)
    assert reply["status"] == "ok", f"a cell failed: {reply.get('ename')}: {reply.get('evalue')}"


def run_all(kernel: NotebookKernel, cells: list, window: int) -> None:
    """Run All, the window set as she set it, in the parameters cell."""
    for cell in cells:
        run(kernel, cell.source)
        if cell.parameters:
            run(kernel, f"WINDOW = {window}")


def her_session(kernel: NotebookKernel, cells: list) -> None:
    from exercises.ex21_notebook_state.replay import SESSION_WINDOWS

    run_all(kernel, cells, SESSION_WINDOWS[0])
    parameters = next(i for i, cell in enumerate(cells) if cell.parameters)
    for window in SESSION_WINDOWS[1:]:
        run(kernel, cells[parameters].source)
        run(kernel, f"WINDOW = {window}")
        for cell in cells[parameters + 2:]:
            run(kernel, cell.source)


def debug_the_fit(kernel: NotebookKernel, cells: list) -> CellStop:
    """Debug Cell on the cell of the [debug] line, with a breakpoint on that line."""
    index, line = debug_spot(cells)
    stop = debug_cell(kernel, breakpoint_cell=cells[index].source, line=line,
                      cell=cells[index].source, expression=EXERCISE.debug.expression)
    assert (stop.frame_path, stop.line) == (stop.cell_path, line), "it stopped elsewhere"
    assert stop.error == "", f"the cell should finish after Continue; it raised {stop.error}"
    return stop


def test_debug_cell_after_her_session_shows_the_bug(kernel: NotebookKernel) -> None:
    cells = cells_of(shipped_file(EXERCISE, "analysis.ipynb"))
    her_session(kernel, cells)
    assert debug_the_fit(kernel, cells).value == EXERCISE.debug.buggy


def test_a_fresh_run_all_does_not_show_it(kernel: NotebookKernel) -> None:
    from exercises.ex21_notebook_state.replay import SESSION_WINDOWS

    cells = cells_of(shipped_file(EXERCISE, "analysis.ipynb"))
    her_session(kernel, cells)
    run_all(kernel, cells, SESSION_WINDOWS[-1])  # as after Restart: the table loaded again
    assert debug_the_fit(kernel, cells).value != EXERCISE.debug.buggy


def test_debug_cell_on_the_solution_no_longer_shows_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The fix may be in any of the exercise's files: a kernel of its own, in a solved copy.
    solved = lay_solutions(copy_repository(tmp_path_factory.mktemp("solved") / "repo"))
    folder = solved / "exercises" / EXERCISE.slug
    with NotebookKernel(folder, tmp_path_factory.mktemp("kernelspec"), KERNEL_WAIT) as kernel:
        cells = cells_of(folder / "analysis.ipynb")
        her_session(kernel, cells)
        assert debug_the_fit(kernel, cells).value != EXERCISE.debug.buggy
