"""The chapter's worked example (docs/debugging.md, "The six steps on one bug") cannot drift.

Every figure the page shows comes from a file under docs/snippets/: the report's
output before and after the fix, the Debug Console session at the breakpoint,
the diff and the regression test. These tests run the report and compare its
output with those files, apply the diff to a copy, evaluate each console line
over the Debug Adapter Protocol at the breakpoint the page names (launched with
the "Python: current file" configuration, as the page says), and prove that the
regression test fails on the report as shipped and passes once fixed. The
figures the prose repeats are checked against the same program.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dap import debug_session
from tools.launch_json import configurations

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "docs" / "snippets"
REPORT = SNIPPETS / "eta_report.py"
REGRESSION = SNIPPETS / "eta_report_regression.py"
FIX = SNIPPETS / "eta_report_fix.diff"
CONSOLE = SNIPPETS / "eta_report-console.txt"
CHAPTER = ROOT / "docs" / "debugging.md"
BREAKPOINT_LINE = "return per_city.round(1)"  # where the page sets the breakpoint
WAIT = 60.0


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def fixed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the two snippets with the page's diff applied, laid out as in the repository."""
    root = tmp_path_factory.mktemp("worked_example")
    (root / "docs" / "snippets").mkdir(parents=True)
    for snippet in (REPORT, REGRESSION):
        shutil.copy(snippet, root / "docs" / "snippets" / snippet.name)
    subprocess.run(["git", "apply", str(FIX)], cwd=root, check=True, capture_output=True)
    return root


def chapter_example() -> str:
    text = CHAPTER.read_text(encoding="utf-8")
    start = text.index("### The six steps on one bug")
    return text[start:text.index("\n## ", start)]


def console_session(section: str) -> list[tuple[str, str]]:
    """(expression, what the Debug Console answers) pairs of one section of the console file."""
    text = CONSOLE.read_text(encoding="utf-8")
    body = text.split(f"[start:{section}]\n", 1)[1].split("\n--8<-- [end:", 1)[0]
    lines = body.splitlines()
    return [(lines[i].removeprefix(">>> "), lines[i + 1]) for i in range(0, len(lines), 2)]


def test_the_report_prints_what_the_page_shows_before_the_fix() -> None:
    result = run(str(REPORT.relative_to(ROOT)), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (SNIPPETS / "eta_report-before.txt").read_text(encoding="utf-8")


def test_the_report_prints_what_the_page_shows_after_the_fix(fixed_copy: Path) -> None:
    result = run("docs/snippets/eta_report.py", cwd=fixed_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (SNIPPETS / "eta_report-after.txt").read_text(encoding="utf-8")


def test_the_regression_test_fails_before_the_fix_and_passes_after(fixed_copy: Path) -> None:
    pytest_args = ("-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", ".")
    before = run(*pytest_args, str(REGRESSION.relative_to(ROOT)), cwd=ROOT)
    assert before.returncode == 1, before.stdout + before.stderr
    assert "assert np.int64(2) == 3" in before.stdout  # as the page quotes it
    after = run(*pytest_args, "docs/snippets/eta_report_regression.py", cwd=fixed_copy)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "1 passed" in after.stdout


def test_the_debug_console_answers_what_the_page_shows_at_the_breakpoint() -> None:
    current_file = next(c for c in configurations() if c["name"] == "Python: current file")
    line = next(number for number, text in enumerate(REPORT.read_text().splitlines(), 1)
                if text.strip() == BREAKPOINT_LINE)
    with debug_session(current_file, ROOT, {REPORT: [{"line": line}]}, file=REPORT,
                       timeout=WAIT) as session:
        stop = session.wait_for_stop(WAIT)
        assert stop is not None, "the breakpoint never stopped"
        assert stop.top.line == line
        scopes = session.request("scopes", {"frameId": stop.top.id})["scopes"]
        locals_ = next(scope for scope in scopes if scope["name"] == "Locals")
        names = {variable["name"] for variable in session.request(
            "variables", {"variablesReference": locals_["variablesReference"]})["variables"]}
        assert {"scored", "per_city"} <= names
        for expression, shown in console_session("observe") + console_session("narrow"):
            assert session.evaluate(expression, stop.top, context="repl") == shown, expression


def test_the_prose_repeats_the_programs_figures() -> None:
    report = runpy.run_path(str(REPORT))  # its functions, without running main()
    log, stores = report["serving_log"](), report["STORES"]
    counted = int(report["error_by_city"](log, stores)["orders"].sum())
    unplaced = sorted(set(log["store_id"]) - set(stores["store_id"]))
    example = " ".join(chapter_example().split())
    assert f"counts {counted} orders" in example
    assert f"shows {len(log)} deliveries" in example
    assert f"{len(log) - counted} orders go missing" in example
    assert f"its {len(log) - counted} orders no city" in example
    assert len(unplaced) == 1
    assert re.search(rf"\bStore {unplaced[0]} opened\b", example)
