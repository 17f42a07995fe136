"""The self-grader (``pytest exercises``): its summary, its exit status and its robustness.

The unit tests grade a tiny lab of fixture exercises with pytester; the
robustness test breaks four real exercises in a copy of the repository and
checks that the other exercises are still graded.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import time
from pathlib import Path

import pytest

from course import bonus, manifest, time_limit
from course.catalog import EXERCISES_DIR, all_exercises
from tests.dap import debug_session
from tests.lab import cases_by_exercise, lay_solutions

COURSE_DIR = EXERCISES_DIR.parent / "course"
TITLES = {1: "The first one", 2: "The second one", 3: "The third one"}

EXERCISE_TOML = """\
title = "{title}"
skill = "Testing the grader"
chapter_anchor = "breakpoints"
scenario = "A fixture exercise."
start = "Start anywhere."
edit = ["calc.py"]
hints = ["Look at **double** for exercise {number}.", "Second hint.", "Third hint."]

[launch]
name = "{number:02d} - Fixture: exercise {number}"
module = "exercises.{slug}.calc"

[debug]
file = "calc.py"
line = 2
expression = "x"
buggy = "2"
{question}"""

CHECK = """\
def test_double():
    from exercises.{slug} import calc

    assert calc.double(2) == 4, "double(2) should be 4"


def test_double_negative():
    from exercises.{slug} import calc

    assert calc.double(-1) == -2, "double(-1) should be -2"
"""


def slug(number: int) -> str:
    return f"ex{number:02d}_fixture"


def add_exercise(root: Path, number: int, *, solved: bool, question: str = "") -> Path:
    folder = root / "exercises" / slug(number)
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    factor = 2 if solved else 3
    (folder / "calc.py").write_text(f"def double(x):\n    return x * {factor}\n")
    (folder / "test_calc.py").write_text(CHECK.format(slug=slug(number)))
    (folder / "exercise.toml").write_text(
        EXERCISE_TOML.format(
            title=TITLES[number], number=number, slug=slug(number), question=question
        )
    )
    return folder


@pytest.fixture
def lab(pytester: pytest.Pytester) -> pytest.Pytester:
    """A lab with the real grader and three fixture exercises: 01 solved, 02 and 03 not."""
    return build_lab(pytester)


def build_lab(pytester: pytest.Pytester) -> pytest.Pytester:
    ignore = shutil.ignore_patterns("__pycache__", "manifest.json")  # fixture exercises
    shutil.copytree(COURSE_DIR, pytester.path / "course", ignore=ignore)
    (pytester.path / "exercises").mkdir()
    for name in ("__init__.py", "conftest.py"):
        shutil.copy2(EXERCISES_DIR / name, pytester.path / "exercises" / name)
    for number in TITLES:
        add_exercise(pytester.path, number, solved=number == 1)
    return pytester


def solve(lab: pytest.Pytester, number: int) -> None:
    (lab.path / "exercises" / slug(number) / "calc.py").write_text(
        "def double(x):\n    return x + x\n"
    )


def grade(lab: pytest.Pytester, *args: str) -> pytest.RunResult:
    return lab.runpytest_subprocess(*(args or ("exercises",)), "-p", "no:cacheprovider")


def test_all_solved_exits_zero(lab: pytest.Pytester):
    solve(lab, 2)
    solve(lab, 3)
    result = grade(lab)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["✔ 01  The first one", "✔ 03  The third one", "3/3 solved"])
    assert "Next:" not in result.stdout.str()


def test_summary_names_the_next_exercise_and_how_to_debug_it(lab: pytest.Pytester):
    solve(lab, 3)
    result = grade(lab)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "✔ 01  The first one",
        "✘ 02  The second one",
        "✔ 03  The third one",
        "2/3 solved",
        "Next: ex02 — The second one",
        "  First hint: Look at **double** for exercise 2.",
        '  Debug it: pick "02 - Fixture: exercise 2" in Run and Debug and press F5.',
        "  Grade just it: pytest exercises/ex02_fixture",
    ])


def test_grading_one_exercise_covers_only_that_one(lab: pytest.Pytester):
    result = grade(lab, "exercises/ex03_fixture")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(["✘ 03  The third one", "0/1 of the selected * (3 in the course)"])
    assert "01  The first one" not in result.stdout.str()


def test_the_first_failing_check_settles_an_exercise_unless_asked_for_all(lab: pytest.Pytester):
    """The rest of an unsolved exercise's checks are skipped: the table shows only the first."""
    grade(lab, "exercises/ex03_fixture").assert_outcomes(failed=1, skipped=1)
    verbose = grade(lab, "exercises/ex03_fixture", "-v")
    verbose.assert_outcomes(failed=2)
    verbose.stdout.fnmatch_lines(["✘ 03  The third one"])


def test_exercises_left_out_with_k_are_not_in_the_summary(lab: pytest.Pytester):
    result = grade(lab, "exercises", "-k", "ex01_fixture")
    result.stdout.fnmatch_lines(["✔ 01  The first one", "1/1 of the selected * (3 in the course)"])
    assert "02  The second one" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.OK


def test_plain_marks_when_the_console_cannot_print_them(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    result = grade(lab)
    result.stdout.fnmatch_lines(["[x] 01  The first one", "[ ] 02  The second one"])
    assert "✔" not in result.stdout.str()


def test_deleted_check_is_unsolved_and_fails_the_run(lab: pytest.Pytester):
    solve(lab, 2)
    solve(lab, 3)
    (lab.path / "exercises" / slug(2) / "test_calc.py").unlink()
    result = grade(lab)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "✘ 02  The second one",
        "*its check file is missing: `python -m exercises restore-checks 2` puts the course's*",
        "2/3 solved",
    ])


def test_broken_check_file_fails_only_its_exercise(lab: pytest.Pytester):
    solve(lab, 3)
    (lab.path / "exercises" / slug(2) / "test_calc.py").write_text("def test_(:\n")
    result = grade(lab)
    result.stdout.fnmatch_lines([
        "✘ 02  The second one",
        "*exercises/ex02_fixture/test_calc.py has a syntax error at line 1:*"
        "`python -m exercises restore-checks 2`*",
        "✔ 03  The third one",
        "2/3 solved",
    ])


def test_endless_loop_times_out_once_and_the_rest_is_graded(lab: pytest.Pytester):
    (lab.path / "exercises" / slug(2) / "calc.py").write_text("while True:\n    pass\n")
    solve(lab, 3)
    started = time.perf_counter()
    result = grade(lab, "exercises", "--timeout", "1")
    assert time.perf_counter() - started < 10, "the second check of ex02 should not wait again"
    result.assert_outcomes(passed=4, failed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "✔ 01  The first one",
        "✘ 02  The second one",
        "*the check of ex02_fixture did not finish within 1 s*endless loop*",
        "2/3 solved",
    ])


def grade_a_stuck_exercise_2(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, code: str, timer: str = ""
) -> pytest.RunResult:
    """Grade with a 1 s limit (``timer``: a signal standing in for the grader's own), with
    exercise 2 stuck in ``code`` and 3 solved; exercise 2 alone must time out."""
    monkeypatch.setenv("EXERCISES_TIME_LIMIT", "1")
    if timer:  # a plugin module of the test's own, outside the checkout
        plugin = lab.path.parent / f"{lab.path.name}_timer_signal.py"
        plugin.write_text(
            f"import signal\nimport course.time_limit as limit\n\n"
            f"limit.TIMER_SIGNAL = signal.{timer}\n"
        )
        monkeypatch.setenv("PYTHONPATH", str(lab.path.parent))
        extra = ("-p", plugin.stem)
    else:
        extra = ()
    (lab.path / "exercises" / slug(2) / "calc.py").write_text(code)
    solve(lab, 3)
    result = grade(lab, "exercises", *extra)
    result.assert_outcomes(passed=4, failed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "✘ 02  The second one",
        "*the check of ex02_fixture did not finish within 1 s*",
        "✔ 03  The third one",
        "2/3 solved",
    ])
    return result


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="SIGALRM is POSIX only")
def test_a_check_stuck_waiting_fails_quietly_and_the_run_goes_on(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    # A hang in a wait (a lock, a queue) with other threads alive: the grader's own
    # alarm interrupts the wait, and no thread's stack (which shows the bug) is printed.
    result = grade_a_stuck_exercise_2(
        lab, monkeypatch,
        "import threading\n\n\ndef double(x):\n"
        "    threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
        "    threading.Event().wait()\n",
    )
    assert "Stack of" not in result.stdout.str()
    assert "calc.py" not in result.stdout.str()


def test_windows_timer_ends_an_endless_loop_and_the_run_goes_on(
    lab: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
):
    # Simulate Windows, where pytest-timeout would end the whole run: the grader's own
    # timer thread is used instead, here with a POSIX signal standing in for SIGBREAK.
    grade_a_stuck_exercise_2(lab, monkeypatch, "while True:\n    pass\n", timer="SIGUSR1")


def test_interrupt_after_leaves_a_quick_block_alone():
    with time_limit.interrupt_after(0.2, signal.SIGUSR1, lambda: pytest.fail("interrupted")):
        pass
    time.sleep(0.4)  # had the timer not been cancelled, SIGUSR1 would now kill pytest


def test_broken_metadata_stops_the_run_loudly(lab: pytest.Pytester):
    toml = lab.path / "exercises" / slug(3) / "exercise.toml"
    toml.write_text(toml.read_text().replace('title = "The third one"\n', ""))
    result = grade(lab)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ex03_fixture/exercise.toml: missing key 'title'*"])


def test_right_bonus_answer_earns_a_star_and_a_wrong_one_nothing(lab: pytest.Pytester):
    digest = hashlib.sha256(b"salt" + b"forty two").hexdigest()
    question = f'\n[question]\ntext = "?"\nsalt = "salt"\nsha256 = "{digest}"\n'
    for number in (1, 3):
        toml = lab.path / "exercises" / slug(number) / "exercise.toml"
        toml.write_text(toml.read_text() + question)
    answers = lab.path / ".course" / "answers.toml"
    answers.parent.mkdir()
    answers.write_text('[ex01]\nanswer = "  Forty Two "\n[ex03]\nanswer = "41"\n')
    result = grade(lab)
    result.stdout.fnmatch_lines(
        ["✔ 01  The first one ★", "✘ 03  The third one", "1/3 solved, ★ 1 bonus"]
    )


@pytest.mark.parametrize(
    ("typed", "forms"),
    [
        ("  Forty Two ", {"forty two"}),
        ("np.float64(20.9)", {"np.float64(20.9)", "20.9"}),
        ("array(0.009)", {"array(0.009)", "0.009"}),
        ("'rain'", {"'rain'", "rain"}),
    ],
)
def test_an_answer_may_be_typed_as_the_debugger_shows_it(typed: str, forms: set[str]):
    assert bonus.answer_forms(typed) == forms


def test_a_check_paused_in_the_debugger_is_not_timed_out(lab: pytest.Pytester):
    # F5 on a check: the learner may look around far longer than the time-out.
    configuration = {
        "name": "debug a check", "type": "debugpy", "request": "launch", "module": "pytest",
        "args": ["exercises/ex01_fixture", "--timeout", "1", "-p", "no:cacheprovider"],
        "cwd": str(lab.path), "console": "internalConsole", "justMyCode": True,
    }
    calc = lab.path / "exercises" / slug(1) / "calc.py"
    with debug_session(configuration, lab.path, {calc: [{"line": 2}]}) as session:
        stop = session.wait_for_stop(timeout=30)
        assert stop is not None, "the check should stop at the breakpoint"
        time.sleep(2)
        while stop is not None:  # both checks stop there; None once the run has ended
            session.resume(stop)
            stop = session.wait_for_stop(timeout=30)
        output = session.log_output() + session.program_output()
    assert "1/1 of the selected exercises solved" in output, output
    assert "did not finish" not in output


# --- quiet by default -------------------------------------------------------------------


def test_default_output_says_what_is_expected_and_nothing_that_locates_the_bug(
    lab: pytest.Pytester,
):
    result = grade(lab)
    output = result.stdout.str()
    for detail in ("Traceback", "def test_double", "assert 6 ==", "calc.py:", "FAILED", "where"):
        assert detail not in output, f"{detail!r} should not be shown by default:\n{output}"
    result.stdout.fnmatch_lines([
        "✔ 01  The first one",
        "✘ 02  The second one",
        "      double(2) should be 4",
        "✘ 03  The third one",
        "      double(2) should be 4",
    ])
    assert len(output.splitlines()) <= 16, output


@pytest.mark.parametrize("detail", [["-v"], ["-vv"], ["--tb=short"], ["--tb=long"]])
def test_verbose_or_tb_brings_the_detail_back(lab: pytest.Pytester, detail: list[str]):
    result = grade(lab, "exercises", *detail)
    assert "assert 6 == 4" in result.stdout.str()
    result.stdout.fnmatch_lines(["✘ 02  The second one"])


def test_a_bare_assert_shows_what_the_test_checks_not_the_values(lab: pytest.Pytester):
    check = lab.path / "exercises" / slug(2) / "test_calc.py"
    check.write_text(
        "def test_doubles_every_number():\n"
        "    from exercises.ex02_fixture import calc\n\n"
        "    assert calc.double(2) == 4\n"
    )
    result = grade(lab)
    result.stdout.fnmatch_lines(["✘ 02  The second one", "      doubles every number"])
    assert "3 == 4" not in result.stdout.str()


# --- edited checks ----------------------------------------------------------------------


def write_manifest(lab: pytest.Pytester) -> None:
    """Record the fixture lab as shipped, as `make manifest` does for the course."""
    entries = {}
    for path in sorted((lab.path / "exercises").rglob("*")):
        relative = path.relative_to(lab.path).as_posix()
        if path.is_file() and "__pycache__" not in relative:
            role = manifest.EDIT if path.name == "calc.py" else manifest.CHECK
            if manifest.exercise_of(relative) is None:
                role = manifest.SHARED
            entries[relative] = manifest.entry_for(relative, role, path.read_bytes())
    (lab.path / manifest.MANIFEST_NAME).write_text(manifest.dumps(entries))


def test_a_check_edited_to_pass_is_never_counted(lab: pytest.Pytester):
    write_manifest(lab)
    check = lab.path / "exercises" / slug(2) / "test_calc.py"
    check.write_text(check.read_text().replace("assert calc", "assert True or calc"))
    result = grade(lab)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "✔ 01  The first one",
        "✎ 02  The second one",
        "      check edited: not counted. exercises/ex02_fixture/test_calc.py differs from the "
        "course's: `python -m exercises restore-checks 2` *",
        "1/3 solved",
    ])


def test_an_added_conftest_or_an_edited_shared_file_is_an_edited_check(lab: pytest.Pytester):
    write_manifest(lab)
    (lab.path / "exercises" / slug(1) / "conftest.py").write_text("")
    shared = lab.path / "exercises" / "conftest.py"
    shared.write_text(shared.read_text() + "\n")
    result = grade(lab)
    result.stdout.fnmatch_lines([
        "✎ 01  The first one",
        "*exercises/conftest.py, exercises/ex01_fixture/conftest.py differ from the course's: "
        "`python -m exercises restore-checks` *",
        "✎ 02  The second one",
        "*exercises/conftest.py differs from the course's*",
        "0/3 solved",
    ])


def test_an_unreadable_manifest_stops_the_run_with_a_clear_message(lab: pytest.Pytester):
    (lab.path / manifest.MANIFEST_NAME).write_text("{ not json")
    result = grade(lab)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*course/manifest.json cannot be read*git checkout --*"])
    assert "Traceback" not in result.stderr.str()


def test_an_unedited_lab_with_a_manifest_grades_as_usual(lab: pytest.Pytester):
    write_manifest(lab)
    solve(lab, 2)
    result = grade(lab)
    result.stdout.fnmatch_lines(["✔ 01  The first one", "✔ 02  The second one", "2/3 solved"])
    assert "check edited" not in result.stdout.str()


# --- runs that grade only part of the lab -------------------------------------------------


def grade_with_cache(lab: pytest.Pytester, *args: str) -> pytest.RunResult:
    return lab.runpytest_subprocess("exercises", *args)


def test_exitfirst_leaves_the_rest_not_graded(lab: pytest.Pytester):
    result = grade(lab, "exercises", "-x")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "✔ 01  The first one",
        "✘ 02  The second one",
        "· 03  The third one",
        "      not graded in this run",
        "1/3 solved, 1 not graded in this run",
    ])
    assert "missing" not in result.stdout.str()


def test_last_failed_does_not_fail_or_lose_the_solved_ones(lab: pytest.Pytester):
    grade_with_cache(lab)
    solve(lab, 2)
    result = grade_with_cache(lab, "--lf")
    output = result.stdout.str()
    assert "✘ 01" not in output
    assert "missing" not in output
    result.stdout.fnmatch_lines([
        "· 01  The first one", "      not graded in this run",
        "✔ 02  The second one",
        "✘ 03  The third one",
    ])


def test_stepwise_does_not_fail_the_exercises_it_skips(lab: pytest.Pytester):
    first = grade_with_cache(lab, "--sw")
    first.stdout.fnmatch_lines(["✔ 01  The first one", "✘ 02  The second one", "· 03  *"])
    solve(lab, 2)
    second = grade_with_cache(lab, "--sw")
    output = second.stdout.str()
    assert "✘ 01" not in output
    assert "missing" not in output
    second.stdout.fnmatch_lines(["✔ 02  The second one", "✘ 03  The third one"])


def test_collect_only_grades_nothing_and_exits_zero(lab: pytest.Pytester):
    result = grade(lab, "exercises", "--co")
    assert result.ret == pytest.ExitCode.OK
    output = result.stdout.str()
    assert "✘" not in output
    assert "missing" not in output
    result.stdout.fnmatch_lines(["Collected only: no exercise was graded in this run."])


def test_one_test_of_an_exercise_does_not_grade_it(lab: pytest.Pytester):
    result = grade(lab, "exercises/ex01_fixture/test_calc.py::test_double")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["· 01  The first one", "      not graded in this run"])
    whole_file = grade(lab, "exercises/ex01_fixture/test_calc.py")
    whole_file.stdout.fnmatch_lines(["✔ 01  The first one"])


def test_an_interrupted_run_leaves_the_rest_not_graded(lab: pytest.Pytester):
    (lab.path / "exercises" / slug(2) / "calc.py").write_text(
        "def double(x):\n    raise KeyboardInterrupt\n"
    )
    result = grade(lab)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    output = result.stdout.str()
    assert "✘ 03" not in output
    result.stdout.fnmatch_lines(["✔ 01  The first one", "· 03  The third one"])


# --- the real exercises, broken four ways ------------------------------------------------


def break_four(repo: Path) -> dict[str, str]:
    """Break four exercises the ways a learner might; return the message each must show."""
    candidates = [e for e in all_exercises() if e.edit and e.edit[0].endswith(".py")]
    if len(candidates) < 5:
        pytest.skip("needs at least five exercises with a Python file to edit")
    syntax, loop, deleted_module, deleted_check = candidates[:4]

    def edited(exercise) -> tuple[str, Path]:
        relative = f"exercises/{exercise.slug}/{exercise.edit[0]}"
        return relative, repo / relative

    relative, path = edited(syntax)
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write("def broken(:\n")
    expected = {syntax.slug: f"{relative} has a syntax error at line {line}"}

    relative, path = edited(loop)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nwhile True:\n    pass\n")
    expected[loop.slug] = f"the check of {loop.slug} did not finish within"

    relative, path = edited(deleted_module)
    path.unlink()
    expected[deleted_module.slug] = f"{relative} is missing (deleted or renamed?)"

    for check in (repo / "exercises" / deleted_check.slug).glob("test_*.py"):
        check.unlink()
    expected[deleted_check.slug] = "check edited: not counted."
    return expected


def test_broken_exercises_fail_alone_and_the_rest_is_graded(repo_copy: Path, run_pytest_in):
    lay_solutions(repo_copy)
    expected = break_four(repo_copy)
    total = len(all_exercises())
    report = repo_copy / "grading.xml"

    started = time.perf_counter()
    result = run_pytest_in(repo_copy, "exercises", "--timeout", "5", f"--junitxml={report}")
    elapsed = time.perf_counter() - started

    summary = result.stdout.split("your progress", 1)[-1]
    for exercise in all_exercises():
        line = f"{exercise.number:02d}  {exercise.title}"
        if exercise.slug in expected:
            assert f"✘ {line}" in summary or f"✎ {line}" in summary, (
                f"{exercise.slug} should be graded as not solved"
            )
            assert expected[exercise.slug] in summary, (
                f"{exercise.slug} should say {expected[exercise.slug]!r}:\n{summary}"
            )
        else:
            assert f"✔ {line}" in summary, f"{exercise.slug} should still be graded solved"
            verdicts = {case.verdict for case in cases_by_exercise(report)[exercise.slug]}
            assert verdicts == {"passed"}, f"{exercise.slug}'s checks should pass: {verdicts}"
    assert f"{total - 4}/{total} solved" in summary
    assert result.returncode == pytest.ExitCode.TESTS_FAILED
    # Bounded, not fast (speed is make bench's): an unended hang would run for ever.
    assert elapsed < 180, f"grading a broken lab should stay bounded, took {elapsed:.1f} s"


def test_a_fresh_clone_grades_the_whole_lab_in_at_most_60_lines(repo_copy: Path, run_pytest_in):
    result = run_pytest_in(repo_copy, "exercises")
    lines = result.stdout.splitlines()
    assert len(lines) <= 60, result.stdout
    for detail in ("Traceback", "FAILED", "Error:", "warnings summary"):
        assert detail not in result.stdout, f"{detail!r} should not be shown by default"
    table = result.stdout.split("your progress", 1)[-1].splitlines()
    for exercise in all_exercises():
        row = table.index(f"✘ {exercise.number:02d}  {exercise.title}")
        assert table[row + 1].startswith("      "), f"{exercise.slug}: say what is expected"


@pytest.mark.parametrize(("mode", "words"), [
    ("vscode", "in Run and Debug and press F5"), ("terminal", "in a terminal, with pdb"),
    ("notebook", "Debug Cell"),
])
def test_the_next_step_says_how_that_exercise_is_debugged(mode: str, words: str) -> None:
    import dataclasses

    from course.catalog import all_exercises
    from course.report import how_to_debug

    exercise = dataclasses.replace(all_exercises()[0], mode=mode)
    assert words in how_to_debug(exercise)
    assert ("F5." in how_to_debug(exercise)) == (mode == "vscode")
