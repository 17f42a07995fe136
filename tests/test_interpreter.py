"""Run outside .venv, the grader and the course command say so in one line."""

from __future__ import annotations

import ast
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course import interpreter
from course.catalog import ROOT

# A Python with pytest but neither pytest-timeout nor its plugin: a bare global pytest.
GLOBAL_PYTEST = (
    "import sys; sys.modules['pytest_timeout'] = None; import pytest; "
    "sys.exit(pytest.main(['exercises', '-p', 'no:cacheprovider']))"
)


# What an interpreter check needs, copied into a scratch repository for the real-venv tests.
CHECK_FILES = [ROOT / "course" / name for name in ("__init__.py", "commands.py", "interpreter.py")]
REBUILD = "python3.12 -m venv --clear .venv, then .venv/bin/python " + interpreter.INSTALL


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, **env},
    )


def test_a_global_pytest_without_the_timeout_plugin_gets_one_line_not_an_internal_error():
    result = run(["-c", GLOBAL_PYTEST], PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    assert result.returncode == 2
    assert "INTERNALERROR" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert sys.executable in lines[0]
    assert "lacks pytest-timeout" in lines[0]
    python = interpreter.venv_python(os.name == "nt").relative_to(ROOT).as_posix()
    # Run from .venv itself (as here), the advice is to reinstall, else to use .venv.
    assert f"{python} -m pytest exercises" in lines[0] or f"{python} -m pip install" in lines[0]


def test_the_course_command_without_the_packages_gets_one_line():
    result = run(["-S", "-m", "exercises", "progress"])  # -S: no site-packages at all
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "pandas" in lines[0]
    assert "-m exercises" in lines[0]
    assert "checkout" not in lines[0]


def test_an_old_python_is_named_with_the_version_it_needs():
    message = interpreter.complaint(
        "pytest exercises", version=(3, 9, 6), missing=[], executable="/usr/bin/python3",
        prefix="/usr", windows=False, cwd=ROOT, course_venv=(3, 12, 1),
    )
    assert message.startswith("This Python, /usr/bin/python3 (3.9.6), is older than")
    assert ".venv/bin/python -m pytest exercises" in message


def test_windows_learners_are_shown_the_scripts_folder():
    message = interpreter.complaint(
        "exercises", version=(3, 12, 1), missing=["pandas"], executable="C:\\Python312\\python.exe",
        prefix="C:\\Python312", windows=True, backslash=True, cwd=ROOT, course_venv=(3, 12, 1),
    )
    assert ".venv\\Scripts\\python -m exercises" in message


def test_a_half_installed_venv_is_told_to_reinstall_the_lock():
    message = interpreter.complaint(
        "exercises", version=(3, 12, 1), missing=["debugpy"], prefix=str(interpreter.VENV),
        cwd=ROOT,
    )
    assert f"reinstall the course's packages: .venv/bin/python {interpreter.INSTALL}" in message


def test_the_course_environment_passes():
    assert interpreter.complaint("exercises", missing=[]) is None
    assert interpreter.missing_packages() == []


def test_the_check_itself_parses_on_old_pythons():
    """Its job is to run on the wrong Python, so it may not use 3.11 syntax."""
    for path in (*CHECK_FILES, ROOT / "exercises" / "__main__.py"):
        ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 8))


def test_inside_an_exercise_the_advice_is_spelled_for_that_folder():
    message = interpreter.complaint(
        "pytest exercises", version=(3, 12, 1), missing=["pandas"], prefix="/usr", windows=False,
        cwd=ROOT / "exercises" / "ex03_conditional_breakpoint", course_venv=(3, 12, 1),
    )
    assert "use the course's environment: ../../.venv/bin/python -m pytest .. " in message


@pytest.mark.parametrize(
    ("windows", "backslash", "rebuild"),
    [
        (False, False, REBUILD),
        (True, True, "py -V:3.12 -m venv --clear .venv, then .venv\\Scripts\\python"),
        (True, False, "py -V:3.12 -m venv --clear .venv, then .venv/Scripts/python"),  # Git Bash
    ],
)
def test_a_venv_made_by_an_old_python_is_rebuilt_with_clear(windows, backslash, rebuild):
    message = interpreter.complaint(
        "exercises", version=(3, 10, 12), missing=["pandas"], prefix=str(interpreter.VENV),
        windows=windows, backslash=backslash, cwd=ROOT, course_venv=(3, 10, 12),
    )
    assert f"rebuild it: {rebuild}" in message


def test_a_new_enough_python_outside_an_old_venv_offers_itself_to_rebuild_it():
    message = interpreter.complaint(
        "pytest exercises", version=(3, 13, 0), missing=["pandas"], prefix="/usr", windows=False,
        cwd=ROOT / "exercises", course_venv=(3, 9, 6),
    )
    assert "rebuild it: cd .., then python3.13 -m venv --clear .venv, then" in message


def test_the_set_up_pages_give_the_rebuild_command_the_check_gives():
    for page in (ROOT / "README.md", ROOT / "docs" / "setup.md"):
        text = page.read_text(encoding="utf-8")
        assert "python3.12 -m venv --clear .venv" in text, page
        assert "py -V:3.12 -m venv --clear .venv" in text, page
        assert interpreter.INSTALL in text, page


def find_python(version: str) -> str:
    """An interpreter of ``version`` on this machine (pyenv's or on PATH), else skip."""
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = sorted(glob.glob(f"{pyenv}/versions/{version}.*/bin/python"))
    candidates.append(shutil.which(f"python{version}") or "")
    for candidate in filter(None, candidates):
        answer = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30,
        )
        if answer.stdout.strip() == version:
            return candidate
    pytest.skip(f"no Python {version} on this machine")


def venv_reports(venv: Path) -> tuple:
    return interpreter.venv_version(venv, windows=os.name == "nt")


@pytest.fixture
def old_venv_repo(tmp_path: Path) -> Path:
    """A scratch repository with the interpreter check and a .venv made by Python 3.10."""
    if os.name == "nt":
        pytest.skip("the scratch venvs are built with POSIX paths")
    course_command_files = [ROOT / "exercises" / name for name in ("__init__.py", "__main__.py")]
    for source in [*CHECK_FILES, *course_command_files]:
        target = tmp_path / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    subprocess.run([find_python("3.10"), "-m", "venv", "--without-pip", str(tmp_path / ".venv")],
                   check=True, timeout=120)
    return tmp_path


def course_command(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([".venv/bin/python", "-m", "exercises", "progress"], cwd=repo,
                          capture_output=True, text=True, timeout=60)


def test_venv_over_an_old_venv_keeps_its_interpreter_while_pyvenv_cfg_names_the_new(old_venv_repo):
    """Why the advice says --clear, and why the check asks the interpreter, not pyvenv.cfg."""
    venv = old_venv_repo / ".venv"
    subprocess.run([find_python("3.12"), "-m", "venv", "--without-pip", str(venv)],
                   check=True, timeout=120)
    assert venv_reports(venv)[:2] == (3, 10)
    assert "version = 3.12." in (venv / "pyvenv.cfg").read_text(encoding="utf-8")


def test_the_message_for_an_old_venv_names_the_command_that_repairs_it(old_venv_repo):
    first = course_command(old_venv_repo)
    assert first.returncode == 2
    (line,) = first.stderr.strip().splitlines()
    assert "(3.10." in line
    assert f"rebuild it: {REBUILD}" in line
    # Run the rebuild as printed, with this machine's 3.12 standing for `python3.12`.
    rebuild = line.split("rebuild it: ")[1].split(", then ")[0].split()
    subprocess.run([find_python("3.12"), *rebuild[1:]], cwd=old_venv_repo, check=True, timeout=180)
    assert venv_reports(old_venv_repo / ".venv")[:2] == (3, 12)
    # Rebuilt but still empty: now the one step left is the install line.
    second = course_command(old_venv_repo)
    assert second.returncode == 2
    reinstall = f"reinstall the course's packages: .venv/bin/python {interpreter.INSTALL}"
    assert reinstall in second.stderr


@pytest.mark.parametrize(
    ("folder", "grade"), [(".", "pytest exercises"), ("tests", "pytest ../exercises")],
)
def test_a_plain_pytest_without_the_authors_tools_says_what_to_run(folder, grade):
    """A learner's environment has no PyYAML: the authors' suite stops in one line."""
    plain_pytest = (
        "import sys; sys.modules['yaml'] = None; import pytest; "
        "sys.exit(pytest.main(['-p', 'no:cacheprovider']))"
    )
    result = subprocess.run([sys.executable, "-c", plain_pytest], cwd=ROOT / folder,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"This is the course authors' test suite. To grade your exercises: {grade} "
        "(authors: make test)"
    )


@pytest.mark.parametrize(("folder", "grade"), [("docs", "pytest ../exercises"),
                                               ("course", "pytest ../exercises")])
def test_a_plain_pytest_in_a_folder_without_tests_says_what_to_run(folder, grade):
    """The installed course package's pytest11 plugin, loaded here by name."""
    import tomllib

    plugins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    assert plugins["pytest11"]["course-no-tests-here"] == "course.no_tests_here"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "course.no_tests_here", "-p", "no:cacheprovider"],
        cwd=ROOT / folder, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED
    assert f"No test in this folder. To grade your exercises: {grade}" in result.stdout
