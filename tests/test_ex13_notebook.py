"""ex13 grades the notebook itself: magics do not break it, the exported script never counts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from course.catalog import ROOT
from course.datasets import SHIPPED_DIR

SOLVED = ROOT / "solutions" / "ex13_notebook" / "analysis.ipynb"


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
