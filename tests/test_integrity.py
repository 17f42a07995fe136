"""Integrity of the lab: every exercise fails as shipped and passes with its solution.

The checks run with pytest on pristine temporary copies of the repository (the
course's originals from ``course/manifest.json`` and git, whatever the working
tree holds), exactly as a learner runs them; the rest are static rules an
exercise author can break without noticing (a stale manifest, a solution
outside ``edit``, a big diff, a non-empty ``__init__.py``, an exercise
importing another one, a drifting dataset). A learner's fork with every
exercise solved passes them too.
"""

from __future__ import annotations

import ast
import difflib
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from course import manifest
from course.catalog import ROOT, SOLUTIONS_DIR, Exercise, all_exercises
from tests.lab import (
    Case,
    cases_by_exercise,
    lay_solutions,
    originals_out_of_reach,
    read_junit,
    solution_files,
)

EXERCISES = all_exercises()
MAX_CHANGED_LINES = 15
each_exercise = pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)


@pytest.fixture(scope="session")
def pristine(make_repo_copy: Callable[[str], Path]) -> Path:
    """The lab as the course ships it, for the rules that read exercise files."""
    return make_repo_copy("pristine")


def shipped(pristine: Path, exercise: Exercise) -> Path:
    """The exercise's folder in the pristine copy."""
    return pristine / "exercises" / exercise.slug


def test_manifest_records_the_lab_as_shipped():
    reasons = manifest.stale_reasons(manifest.load(ROOT), ROOT)
    assert not reasons, f"run `make manifest` (course/manifest.json is stale): {reasons}"


@each_exercise
def test_manifest_knows_each_file_to_edit(exercise: Exercise):
    entries = manifest.load(ROOT) or {}
    for relative in exercise.edit:
        entry = entries.get(f"exercises/{exercise.slug}/{relative}")
        assert entry is not None, f"{exercise.slug}/{relative} is not in the manifest"
        assert entry.role == manifest.EDIT, f"{exercise.slug}/{relative}: run `make manifest`"


def test_git_holds_the_original_of_every_file_to_edit():
    """Reset and the pristine copies read the originals from git's object store."""
    if originals_out_of_reach():
        pytest.skip("a shallow clone or no git: the originals may lie outside this history")
    edits = [e for e in (manifest.load(ROOT) or {}).values() if e.role == manifest.EDIT]
    found = subprocess.run(
        ["git", "cat-file", "--batch-check"], cwd=ROOT, capture_output=True, text=True,
        input="".join(f"{entry.blob}\n" for entry in edits), check=True,
    ).stdout
    missing = [entry.path for entry in edits if f"{entry.blob} missing" in found]
    assert not missing, f"never committed or added to git (run `git add`): {missing}"


@pytest.fixture(scope="session")
def unfixed_cases(
    make_repo_copy: Callable[[str], Path], run_pytest_in, tmp_path_factory
) -> dict[str, list[Case]]:
    """Each exercise graded on its own, as shipped; two at a time to use both cores."""
    repo = make_repo_copy("unfixed")
    reports = tmp_path_factory.mktemp("unfixed-reports")

    def grade(exercise: Exercise) -> tuple[str, list[Case]]:
        report = reports / f"{exercise.slug}.xml"
        run_pytest_in(repo, f"exercises/{exercise.slug}", "-q", f"--junitxml={report}")
        return exercise.slug, read_junit(report)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(grade, EXERCISES))


@pytest.fixture(scope="session")
def solved_cases(make_repo_copy: Callable[[str], Path], run_pytest_in) -> dict[str, list[Case]]:
    """The whole lab graded in one run, with every solution laid over a copy."""
    repo = lay_solutions(make_repo_copy("solved"))
    report = repo / "solved.xml"
    run_pytest_in(repo, "exercises", "-q", f"--junitxml={report}")
    return cases_by_exercise(report)


@each_exercise
def test_exercise_fails_as_shipped(exercise: Exercise, unfixed_cases):
    cases = unfixed_cases[exercise.slug]
    assert cases, f"{exercise.slug}: its check collected no test"
    verdicts = {case.name: case.verdict for case in cases}
    assert "failure" in verdicts.values(), f"{exercise.slug} should fail unfixed: {verdicts}"
    broken = [case for case in cases if case.verdict == "error" or "Timeout" in case.message]
    assert not broken, f"{exercise.slug}: the check itself breaks, not the bug: {broken}"


@each_exercise
def test_exercise_passes_with_its_solution(exercise: Exercise, solved_cases):
    cases = solved_cases.get(exercise.slug, [])
    assert cases, f"{exercise.slug}: no check ran in the solved copy"
    failing = [case for case in cases if case.verdict != "passed"]
    assert not failing, f"{exercise.slug} should pass with its solution: {failing}"


@each_exercise
def test_solution_touches_only_edit_files(exercise: Exercise):
    files = solution_files(exercise.slug)
    assert files, f"solutions/{exercise.slug}/ holds no fixed file"
    outside = sorted(set(files) - set(exercise.edit))
    assert not outside, f"solutions/{exercise.slug}: {outside} are not in 'edit' {exercise.edit}"


def changed_lines(before: str, after: str) -> int:
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


@each_exercise
def test_solution_is_a_small_real_fix(exercise: Exercise, pristine: Path):
    for relative in solution_files(exercise.slug):
        original = (shipped(pristine, exercise) / relative).read_text(encoding="utf-8")
        fixed = exercise.solution_path(relative).read_text(encoding="utf-8")
        changed = changed_lines(original, fixed)
        assert changed > 0, f"solutions/{exercise.slug}/{relative} is the shipped file"
        assert changed <= MAX_CHANGED_LINES, (
            f"solutions/{exercise.slug}/{relative} changes {changed} lines; "
            f"a fix should stay within {MAX_CHANGED_LINES}"
        )


def test_every_solution_folder_has_an_exercise():
    slugs = {exercise.slug for exercise in EXERCISES}
    folders = {p.name for p in SOLUTIONS_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= slugs, f"solutions without an exercise: {sorted(folders - slugs)}"


def test_exercises_are_numbered_in_course_order_without_gaps():
    numbers = [exercise.number for exercise in EXERCISES]
    assert numbers == list(range(1, len(EXERCISES) + 1))


def test_launch_names_are_unique_and_numbered():
    names = [exercise.launch_name for exercise in EXERCISES]
    assert len(set(names)) == len(names), f"duplicate launch names: {names}"
    for exercise in EXERCISES:
        assert exercise.launch_name.startswith(f"{exercise.number:02d} · "), exercise.launch_name


@each_exercise
def test_package_init_is_empty(exercise: Exercise, pristine: Path):
    # A re-export would make a "module" launch run the entry point twice.
    assert (shipped(pristine, exercise) / "__init__.py").read_text(encoding="utf-8").strip() == ""


@each_exercise
def test_the_metadata_warns_that_it_holds_spoilers(exercise: Exercise):
    """exercise.toml sits beside the code a learner opens: its first line says what it holds."""
    first = (exercise.folder / "exercise.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Spoilers:"), first


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@each_exercise
def test_exercise_code_stays_in_its_own_package(exercise: Exercise, pristine: Path):
    for source in sorted(shipped(pristine, exercise).glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        others = [
            name for name in imported_modules(tree)
            if name.startswith("exercises.ex") and not name.startswith(exercise.module)
        ]
        assert not others, f"{source.name} imports another exercise: {others}"
        if source.name.startswith("test_"):
            # A syntax error in the learner's code must fail a test, not collection.
            top_level = [
                name
                for node in tree.body
                if isinstance(node, ast.Import | ast.ImportFrom)
                for name in imported_modules(node)
                if name.startswith(exercise.module)
            ]
            assert not top_level, f"{source.name} imports exercise code at module level"


def test_dataset_regenerates_byte_identically(tmp_path: Path):
    subprocess.run(
        [sys.executable, str(ROOT / "data" / "make_dataset.py"), "--out", str(tmp_path)],
        check=True, timeout=60,
    )
    written = sorted(path.name for path in tmp_path.glob("*.csv"))
    assert {"rentals.csv", "stations.csv"} <= set(written), written
    for name in written:
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes(), (
            f"data/{name} differs from what data/make_dataset.py writes"
        )
