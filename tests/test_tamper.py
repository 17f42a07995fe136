"""No file outside an exercise's own can change its verdict, and every hang ends.

Each test grades the tiny fixture lab of ``test_grader.py`` (01 solved, 02 and
03 not) after one tampering or stuck edit, both as ``pytest exercises`` (in
the learner's own process) and as ``python -m exercises check`` (in an isolated
child, which the Classroom's autograding runs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_grader import EXERCISES_DIR, build_lab, grade, slug, solve

FORCE_PASS = """\
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
"""


# A retry loop with a bare except: it swallows the time limit's interruption each time.
SWALLOWING_LOOP = """\
import time
while True:
    try:
        time.sleep(0.01)
    except BaseException:
        pass"""


@pytest.fixture
def lab(pytester: pytest.Pytester) -> pytest.Pytester:
    return build_lab(pytester)


def course_command(lab: pytest.Pytester, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m exercises ...`` in the lab, as a learner types it (a short time limit)."""
    main = lab.path / "exercises" / "__main__.py"
    if not main.exists():
        main.write_bytes((EXERCISES_DIR / "__main__.py").read_bytes())
    # Not in CI unless a test says so: CI (set in CI runs) makes progress trust no record.
    outside = {key: value for key, value in os.environ.items() if key != "CI"}
    return subprocess.run(
        [sys.executable, "-m", "exercises", *args], cwd=lab.path, capture_output=True,
        text=True, encoding="utf-8", timeout=120,
        env={**outside, "EXERCISES_TIME_LIMIT": "1", **env},
    )


def break_exercise_2(lab: pytest.Pytester, body: str) -> None:
    """Exercise 2's double() made to run ``body`` (indented as a function body)."""
    code = "def double(x):\n" + "".join(f"    {line}\n" for line in body.splitlines())
    (lab.path / "exercises" / slug(2) / "calc.py").write_text(code + "    return x + x\n")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("conftest.py", FORCE_PASS),
        ("pytest.ini", "[pytest]\naddopts = -p forced\n"),
        ("setup.cfg", "[tool:pytest]\naddopts = -p forced\n"),
        ("exercises/pytest.ini", "[pytest]\n"),
    ],
)
def test_a_file_that_configures_pytest_counts_no_exercise(
    lab: pytest.Pytester, name: str, content: str
):
    (lab.path / "forced.py").write_text(FORCE_PASS)
    (lab.path / name).write_text(content)
    solve(lab, 3)
    result = grade(lab)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["✎ 02  The second one", f"*not counted: {name}*"])
    assert "solved" not in result.stdout.str().split("not counted")[0].split("\n")[-1]
    checked = course_command(lab, "check", "2")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"not counted: {name}" in checked.stdout


def test_a_sitecustomize_in_the_checkout_counts_no_exercise(lab: pytest.Pytester):
    (lab.path / "sitecustomize.py").write_text(
        "import _pytest.reports\n_pytest.reports.TestReport.failed = property(lambda self: False)\n"
    )
    result = lab.run(sys.executable, "-m", "pytest", "exercises", "-p", "no:cacheprovider")
    assert "not counted: sitecustomize.py" in result.stdout.str()
    checked = course_command(lab, "check", "2", PYTHONPATH=str(lab.path))
    assert checked.returncode == 1
    assert "not counted: sitecustomize.py" in checked.stdout


@pytest.mark.parametrize(
    ("variable", "value"), [("PYTEST_ADDOPTS", "-p forced"), ("PYTEST_PLUGINS", "forced")]
)
def test_pytest_options_from_the_environment_count_no_exercise(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
):
    (lab.path / "forced.py").write_text(FORCE_PASS)
    monkeypatch.setenv("PYTHONPATH", str(lab.path))
    monkeypatch.setenv(variable, value)
    result = grade(lab)
    assert result.ret != 0
    result.stdout.fnmatch_lines([f"*not counted: {variable} is set*"])
    # The isolated child drops the variable: the verdict is the code's own.
    checked = course_command(lab, "check", "2")
    assert "✘ 02  The second one" in checked.stdout, checked.stdout
    assert course_command(lab, "check", "1").returncode == 0


def test_the_course_launch_configurations_own_option_is_harmless(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:cacheprovider")
    result = grade(lab, "exercises/" + slug(1))
    assert result.ret == 0
    result.stdout.fnmatch_lines(["✔ 01  The first one"])


def test_code_that_ends_python_early_is_not_seen_to_pass(lab: pytest.Pytester):
    break_exercise_2(lab, "import os\nos._exit(0)")
    checked = course_command(lab, "check", "2")
    assert checked.returncode == 1
    assert "ended with exit status 0 while the check of ex02_fixture was running" in (
        checked.stdout
    ), checked.stdout


def test_a_regression_test_that_ends_python_runs_after_the_checks(lab: pytest.Pytester):
    """The learner's own test cannot keep a check's verdict from being written, whatever
    its file's name sorts before or after."""
    solve(lab, 1)
    folder = lab.path / "exercises" / slug(1)
    (folder / "test_regression.py").write_text("import os\n\n\ndef test_x():\n    os._exit(0)\n")
    for check in folder.glob("test_*.py"):
        if check.name != "test_regression.py":
            check.rename(folder / "test_zz_after_it.py")
    checked = course_command(lab, "check", "1")
    assert "✔ 01  The first one" in checked.stdout, checked.stdout + checked.stderr


def test_code_that_ends_python_while_it_is_imported_is_not_seen_to_pass(lab: pytest.Pytester):
    (lab.path / "exercises" / slug(2) / "test_calc.py").write_text(
        "from exercises.ex02_fixture import calc\n\n\ndef test_double():\n"
        "    assert calc.double(2) == 4\n"
    )
    (lab.path / "exercises" / slug(2) / "calc.py").write_text("import os\nos._exit(0)\n")
    solve(lab, 3)
    progress = course_command(lab, "progress")
    assert "✔ 03  The third one" in progress.stdout, progress.stdout
    assert "ended while the check of ex02_fixture was running" in progress.stdout


def test_a_loop_that_swallows_the_time_limit_still_ends(lab: pytest.Pytester):
    break_exercise_2(lab, SWALLOWING_LOOP)
    started = time.perf_counter()
    checked = course_command(lab, "check", "2")
    assert time.perf_counter() - started < 30
    assert checked.returncode == 1
    assert "kept running when interrupted" in checked.stdout, checked.stdout


def test_the_same_loop_ends_pytest_exercises_with_the_table(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("EXERCISES_TIME_LIMIT", "1")
    break_exercise_2(lab, SWALLOWING_LOOP)
    result = grade(lab)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["✔ 01  The first one", "✘ 02  The second one",
                                 "*kept running when interrupted*"])


@pytest.mark.parametrize("stop", ["breakpoint()", "import pdb; pdb.set_trace()"])
def test_a_leftover_breakpoint_is_named_and_never_waits(lab: pytest.Pytester, stop: str):
    break_exercise_2(lab, stop)
    started = time.perf_counter()
    checked = course_command(lab, "check", "2")
    assert time.perf_counter() - started < 30
    assert checked.returncode == 1
    assert "leftover breakpoint()" in checked.stdout, checked.stdout


def test_progress_regrades_only_what_changed_and_ci_trusts_no_record(lab: pytest.Pytester):
    first = course_command(lab, "progress")
    assert "1/3 solved" in first.stdout, first.stdout
    results = lab.path / ".course" / "results.json"
    recorded = json.loads(results.read_text())
    assert set(recorded) == {slug(1), slug(2), slug(3)}
    # A forged verdict with the right fingerprint is believed locally, never in CI.
    recorded[slug(2)]["solved"], recorded[slug(2)]["expected"] = True, ""
    results.write_text(json.dumps(recorded))
    assert "2/3 solved" in course_command(lab, "progress").stdout
    assert "1/3 solved" in course_command(lab, "progress", CI="true").stdout
    solve(lab, 3)
    again = course_command(lab, "progress")
    assert "✔ 03  The third one" in again.stdout, again.stdout
    after = json.loads(results.read_text())
    assert after[slug(1)]["fingerprint"] == recorded[slug(1)]["fingerprint"]
    assert after[slug(3)]["fingerprint"] != recorded[slug(3)]["fingerprint"]


def test_an_edited_grader_counts_no_exercise(repo_copy: Path):
    (repo_copy / "course" / "report.py").write_text(
        (repo_copy / "course" / "report.py").read_text() + "\n# solved\n"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "exercises", "check", "2"], cwd=repo_copy,
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert checked.returncode == 1
    assert "check edited: not counted" in checked.stdout
    assert "course/report.py differs from the course's" in checked.stdout, checked.stdout
