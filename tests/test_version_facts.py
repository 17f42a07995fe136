"""pdb and NumPy facts the chapter, the cheat sheet and ex11/ex17 state, measured here.

Each test runs a tiny program under the Python that runs the tests and checks
what the pages say for that version. pdb's behaviour comes from ``main()``
and ``Pdb.do_quit`` in CPython's ``Lib/pdb.py``:

- 3.11 and 3.12 restart the program after post-mortem whatever command ends
  it (``q`` too), printing "Post mortem debugger finished. The <file> will
  be restarted"; 3.13 checks ``_user_requested_quit`` after post-mortem, so
  ``q`` leaves, and ``c`` restarts with "The program finished and will be
  restarted".
- ``breakpoint()`` stops on the line after the call before 3.13 and on the
  call itself from 3.13 (gh-118579: ``set_trace`` steps by instruction).
- With stdin at end-of-file, ``breakpoint()`` quits: ``bdb.BdbQuit`` ends
  the program before 3.14; from 3.14 quitting an inline breakpoint calls
  ``sys.exit(0)`` after a confirmation that end-of-file answers (gh-124704).
- Only ``python -m pdb`` restarts anything: ``pdb.post_mortem()`` (what
  ``pdb.pm()`` and ``%debug`` call) and ``pytest --pdb`` go on with the
  program when told ``c``.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
VERSION = sys.version_info[:2]
CRASH = """\
    print("started")
    raise ValueError("no reading")
"""


def script(folder: Path, source: str, name: str = "job.py") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def run(arguments: list[str], typed: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run Python with ``typed`` as its standard input, then end-of-file."""
    return subprocess.run([sys.executable, *arguments], cwd=cwd, capture_output=True, text=True,
                          input="".join(f"{line}\n" for line in typed), timeout=TIMEOUT)


def restarted(output: str, program: Path) -> bool:
    """Whether pdb paused again on the program's first line (its restart)."""
    return f"{program.name}(1)<module>()" in output


def test_q_leaves_post_mortem_from_3_13_and_restarts_the_program_before(tmp_path: Path) -> None:
    program = script(tmp_path, CRASH)
    result = run(["-m", "pdb", "-c", "continue", program.name], ["q", "q"], tmp_path)
    assert "Entering post mortem debugging" in result.stdout
    assert restarted(result.stdout, program) == (VERSION < (3, 13))


def test_c_in_post_mortem_restarts_under_python_m_pdb_with_a_message_per_version(
        tmp_path: Path) -> None:
    program = script(tmp_path, CRASH)
    result = run(["-m", "pdb", "-c", "continue", program.name], ["c", "q", "q"], tmp_path)
    message = ("The program finished and will be restarted" if VERSION >= (3, 13)
               else rf"Post mortem debugger finished\. The \S*{program.name} will be restarted")
    assert re.search(message, result.stdout), result.stdout
    assert restarted(result.stdout, program)


def test_pdb_post_mortem_called_by_the_program_goes_on_after_c(tmp_path: Path) -> None:
    program = script(tmp_path, """\
        import pdb, sys
        try:
            print(1 / 0)
        except ZeroDivisionError:
            pdb.post_mortem(sys.exc_info()[2])  # what pdb.pm() and %debug call
        print("carried on")
    """)
    result = run([program.name], ["c"], tmp_path)
    assert "(Pdb)" in result.stdout
    assert "carried on" in result.stdout
    assert not restarted(result.stdout, program)


def test_pytest_pdb_goes_on_with_the_next_test_after_c(tmp_path: Path) -> None:
    tests = script(tmp_path, """\
        def test_fails():
            assert 1 + 1 == 3

        def test_passes():
            assert 1 + 1 == 2
    """, "test_two.py")
    result = run(["-m", "pytest", "--pdb", "-p", "no:cacheprovider", tests.name], ["c"],
                 tmp_path)
    assert "(Pdb)" in result.stdout
    assert re.search(r"1 failed, 1 passed", result.stdout), result.stdout[-2000:]


BREAKPOINT = """\
    x = 1
    breakpoint()
    y = 2
    print("after", x, y)
"""


def test_breakpoint_stops_on_its_own_line_from_3_13_and_on_the_next_before(
        tmp_path: Path) -> None:
    program = script(tmp_path, BREAKPOINT)
    result = run([program.name], ["c"], tmp_path)
    stop = re.search(rf"{program.name}\((\d+)\)<module>\(\)", result.stdout)
    assert stop, result.stdout
    assert int(stop[1]) == (2 if VERSION >= (3, 13) else 3)
    assert "after 1 2" in result.stdout


def test_breakpoint_with_stdin_closed_ends_the_program(tmp_path: Path) -> None:
    """What a forgotten breakpoint() does on CI, where nobody can type."""
    program = script(tmp_path, BREAKPOINT)
    result = run([program.name], [], tmp_path)
    assert "after" not in result.stdout, "the program never runs past the breakpoint"
    quits_cleanly = VERSION >= (3, 14)
    assert (result.returncode == 0) == quits_cleanly
    assert ("bdb.BdbQuit" in result.stderr) != quits_cleanly


def test_errstate_all_raise_stops_on_a_harmless_underflow() -> None:
    logits = np.array([-800.0, 0.0])  # exp(-800) is below the smallest float64: 0.0
    with pytest.raises(FloatingPointError, match="underflow"), np.errstate(all="raise"):
        np.exp(logits)
    with np.errstate(divide="raise", invalid="raise", over="raise"):
        assert np.exp(logits)[0] == 0.0


@pytest.mark.parametrize(("expression", "error"), [
    (lambda a: a / 0, "divide by zero"),
    (lambda a: (a - a) / (a - a), "invalid value"),
    (lambda a: np.exp(a * 1000), "overflow"),
])
def test_errstate_without_under_still_raises_on_nan_and_inf(expression, error: str) -> None:
    with (pytest.raises(FloatingPointError, match=error),
          np.errstate(divide="raise", invalid="raise", over="raise")):
        expression(np.array([1.0]))


def test_the_tested_with_box_names_every_python_of_a_workflow_matrix(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("tested_with",
                                                  ROOT / "docs" / "hooks" / "tested_with.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "ci.yml").write_text(textwrap.dedent("""\
        jobs:
          tests:
            strategy:
              matrix:
                python-version: ["3.11", "3.12", "3.13", "3.14"]
            steps:
              - uses: actions/setup-python@v5
                with: {python-version: "${{ matrix.python-version }}"}
          facts:
            strategy:
              matrix:
                python: ["3.15"]
            container: python:${{ matrix.python }}-bookworm
          lint:
            container: python:3.11-bookworm
    """), encoding="utf-8")
    assert hook.workflow_pythons(tmp_path) == ["3.11", "3.12", "3.13", "3.14", "3.15"]
