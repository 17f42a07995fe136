"""The learner's state cannot be lost and never stops a command (issue 19, item 5).

Any answer text round-trips through ``.course/answers.toml``; an unreadable or
odd-shaped answers or state file is set aside as a backup with one line, and
what is readable in it is kept; writes are atomic and keep the previous
version; a renamed or removed exercise folder is no other exercise's "check
edited", and ``restore-checks`` leaves it and the learner's work alone.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from course import learner_state, manifest, safe_write
from course.catalog import all_exercises

FIRST, SECOND = all_exercises()[:2]


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``learner_state`` pointed at an empty ``.course/`` of a temporary folder."""
    folder = tmp_path / ".course"
    monkeypatch.setattr(learner_state, "STATE_DIR", folder)
    monkeypatch.setattr(learner_state, "STATE_FILE", folder / "state.json")
    monkeypatch.setattr(learner_state, "ANSWERS_FILE", folder / "answers.toml")
    return folder


def read_answers() -> dict[str, dict]:
    return learner_state.read_answers(learner_state.ANSWERS_FILE)


def set_aside_files(state_dir: Path) -> list[Path]:
    return sorted((state_dir / "backups" / "unreadable").rglob("*.*"))


def assert_set_aside_once(state_dir: Path, original: bytes, stderr: str) -> None:
    """The file was moved aside unchanged, and one line says where."""
    kept = set_aside_files(state_dir)
    assert [path.read_bytes() for path in kept] == [original]
    lines = stderr.splitlines()
    assert len(lines) == 1, lines
    assert str(kept[0]) in lines[0]


# --- answers ----------------------------------------------------------------------------

TRICKY_ANSWERS = [
    "😀 np.float64(300.0)",  # beyond the BMP: JSON's surrogate-pair escapes are not TOML
    'said "hi" and \\ left',
    "two\nlines\r\nand a\ttab",
    "".join(map(chr, range(32))) + "\x7f",  # every control character
    "\ud83d",  # a lone surrogate, as a Windows console may type
    "caf\udce9",  # undecodable bytes in argv on POSIX (surrogateescape)
    "\u0085\u2028\ufeff\U0010ffff",
    '[ex01]\nanswer = "injected"',
    "'''\"\"\"",
]


@pytest.mark.parametrize("answer", TRICKY_ANSWERS)
def test_any_answer_round_trips_and_the_others_stay(state_dir: Path, answer: str):
    learner_state.save_answer(FIRST, "first")
    learner_state.save_answer(SECOND, answer)
    tomllib.loads(learner_state.ANSWERS_FILE.read_text(encoding="utf-8"))  # valid TOML
    assert read_answers() == {
        FIRST.short_name: {"answer": "first"}, SECOND.short_name: {"answer": answer}
    }


CONFLICT = f"""\
<<<<<<< HEAD
[{FIRST.short_name}]
answer = "mine"
=======
[{FIRST.short_name}]
answer = "theirs"
[ex77]
answer = "only theirs"
>>>>>>> laptop
[{SECOND.short_name}]
answer = "kept"
"""


def test_a_merge_conflict_keeps_every_readable_answer_and_the_file(
    state_dir: Path, capsys: pytest.CaptureFixture[str]
):
    state_dir.mkdir()
    learner_state.ANSWERS_FILE.write_text(CONFLICT, encoding="utf-8")
    expected = {
        FIRST.short_name: {"answer": "mine"},  # the side checked out wins
        "ex77": {"answer": "only theirs"},
        SECOND.short_name: {"answer": "kept"},
    }
    assert read_answers() == expected
    assert_set_aside_once(state_dir, CONFLICT.encode(), capsys.readouterr().err)
    assert read_answers() == expected  # written back whole: no second line
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("content", [
    b"\xff\xfe\x00 not text",
    b"[ex01\nanswer = ",
    b'ex01 = "a string, not a table"\n[ex02]\nanswer = 42\n[ex03]\nanswer = "ok"\n',
    b'[ex03]\nanswer = "ok"\nnote = "a key the course never writes"\n',
])
def test_unreadable_or_odd_answers_are_set_aside_and_the_command_goes_on(
    state_dir: Path, capsys: pytest.CaptureFixture[str], content: bytes
):
    state_dir.mkdir()
    learner_state.ANSWERS_FILE.write_bytes(content)
    learner_state.save_answer(FIRST, "42")
    assert_set_aside_once(state_dir, content, capsys.readouterr().err)
    assert read_answers()[FIRST.short_name] == {"answer": "42"}


def test_the_next_answer_keeps_the_previous_file(state_dir: Path):
    learner_state.save_answer(FIRST, "first")
    before = learner_state.ANSWERS_FILE.read_bytes()
    learner_state.save_answer(SECOND, "second")
    assert safe_write.backup_of(learner_state.ANSWERS_FILE).read_bytes() == before


def test_an_interrupted_write_leaves_the_old_file_whole(
    state_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    learner_state.save_answer(FIRST, "first")
    before = learner_state.ANSWERS_FILE.read_bytes()

    def power_cut(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        learner_state.save_answer(SECOND, "second")
    assert learner_state.ANSWERS_FILE.read_bytes() == before
    assert sorted(path.name for path in state_dir.iterdir()) == ["answers.toml", "answers.toml.bak"]


# --- hints seen -------------------------------------------------------------------------

ODD_STATES = [b"[]", b"null", b'"x"', b"3", b'{"hints": 3}', b'{"hints_seen": []}',
              b'{"hints_seen": {"%s": "2"}}' % FIRST.slug.encode(),
              b'{"hints_seen": {"%s": true}}' % FIRST.slug.encode(),
              b'{"hints_seen": {"%s": -4}}' % FIRST.slug.encode(),
              b'{"hints_seen": {"%s": 1e999}}' % FIRST.slug.encode(),
              b"\xff\xfe garbage", b"", b'{"hints_seen": {']


@pytest.mark.parametrize("content", ODD_STATES)
def test_an_odd_state_file_is_set_aside_and_hints_start_again(
    state_dir: Path, capsys: pytest.CaptureFixture[str], content: bytes
):
    state_dir.mkdir()
    learner_state.STATE_FILE.write_bytes(content)
    assert learner_state.seen_hints(FIRST) == []
    assert learner_state.next_hint(FIRST) == (1, FIRST.hints[0])
    assert learner_state.seen_hints(FIRST) == [FIRST.hints[0]]
    assert_set_aside_once(state_dir, content, capsys.readouterr().err)


def test_the_readable_counts_of_an_odd_state_file_are_kept(
    state_dir: Path, capsys: pytest.CaptureFixture[str]
):
    state_dir.mkdir()
    learner_state.STATE_FILE.write_text(
        f'{{"hints_seen": {{"{FIRST.slug}": 1, "{SECOND.slug}": "x"}}, "theme": "dark"}}'
    )
    assert learner_state.next_hint(FIRST)[0] == 2
    assert "1 hint count(s) readable in it are kept" in capsys.readouterr().err


def test_an_empty_object_is_a_fresh_state_not_a_broken_one(
    state_dir: Path, capsys: pytest.CaptureFixture[str]
):
    state_dir.mkdir()
    learner_state.STATE_FILE.write_text("{}")
    assert learner_state.next_hint(FIRST)[0] == 1
    assert (set_aside_files(state_dir), capsys.readouterr().err) == ([], "")
    assert safe_write.backup_of(learner_state.STATE_FILE).read_text() == "{}"


# --- renamed and removed exercise folders -----------------------------------------------

LAB = {
    "exercises/conftest.py": manifest.SHARED,
    **{
        f"exercises/{folder}/{name}": role
        for folder in ("ex01_alpha", "ex02_beta", "ex03_gamma")
        for name, role in (("__init__.py", manifest.CHECK), ("exercise.toml", manifest.CHECK),
                           ("calc.py", manifest.EDIT), ("test_calc.py", manifest.CHECK))
    },
}


@pytest.fixture
def lab(tmp_path: Path) -> tuple[Path, dict[str, manifest.Entry]]:
    """A small lab of three exercises as shipped, and its manifest entries."""
    entries = {}
    for path, role in LAB.items():
        data = f"# {path}\n".encode()
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
        entries[path] = manifest.entry_for(path, role, data)
    return tmp_path, entries


def guarded(root: Path, entries: dict[str, manifest.Entry]) -> list[str]:
    return manifest.edited_files(entries, root, roles=(manifest.CHECK, manifest.SHARED))


@pytest.mark.parametrize("new_name", ["ex01_mine", "my_first", "ex01-alpha"])
def test_a_renamed_folder_is_found_and_is_no_other_exercises_edit(lab, new_name: str):
    root, entries = lab
    (root / "exercises/ex01_alpha/calc.py").write_text("# my fix\n")
    (root / "exercises/ex01_alpha").rename(root / "exercises" / new_name)
    assert manifest.renamed_folders(entries, root) == {"ex01_alpha": new_name}
    assert guarded(root, entries) == []
    advice = manifest.folder_advice(entries, root)
    assert list(advice) == ["ex01_alpha"]
    assert f"mv exercises/{new_name} exercises/ex01_alpha" in advice["ex01_alpha"]


def test_a_check_added_to_a_renamed_folder_still_counts(lab):
    root, entries = lab
    (root / "exercises/ex01_alpha").rename(root / "exercises/mine")
    (root / "exercises/mine/test_extra.py").write_text("def test_nothing(): pass\n")
    assert guarded(root, entries) == ["exercises/mine/test_extra.py"]


def test_two_renamed_folders_are_told_apart(lab):
    root, entries = lab
    (root / "exercises/ex01_alpha").rename(root / "exercises/first")
    (root / "exercises/ex02_beta").rename(root / "exercises/ex02_b")
    (root / "exercises/first/exercise.toml").write_text("edited\n")
    assert manifest.renamed_folders(entries, root) == {"ex01_alpha": "first", "ex02_beta": "ex02_b"}


def test_a_removed_folder_gets_advice_and_is_not_restored_piecemeal(lab):
    root, entries = lab
    for path in (root / "exercises/ex02_beta").iterdir():
        path.unlink()  # the folder itself may stay, empty, or hold __pycache__
    assert guarded(root, entries) == []
    assert manifest.renamed_folders(entries, root) == {}
    assert "git checkout HEAD -- exercises/ex02_beta" in manifest.folder_advice(entries, root)[
        "ex02_beta"]


def test_an_edited_check_in_a_folder_in_place_still_counts(lab):
    root, entries = lab
    (root / "exercises/ex02_beta/test_calc.py").write_text("def test_ok(): pass\n")
    (root / "exercises/ex02_beta/exercise.toml").unlink()
    assert guarded(root, entries) == [
        "exercises/ex02_beta/exercise.toml", "exercises/ex02_beta/test_calc.py"]
    assert manifest.folder_advice(entries, root) == {}


# --- through the course command -----------------------------------------------------------


def course_command(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercises", *args],
        cwd=repo, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )


def committed(repo: Path) -> Path:
    """The copy as a learner's clone: its own git history, with the lab as shipped and a
    manifest of this very copy (the working tree's may lag behind an author's edits)."""
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "--quiet")
    subprocess.run([sys.executable, "-m", "course.manifest", "--write"], cwd=repo, check=True,
                   capture_output=True)
    git("add", "--all")
    git("-c", "user.name=Author", "-c", "user.email=author@example.org", "commit", "-qm", "lab")
    return repo


@pytest.mark.parametrize("content", [b"[]", b"null", b'{"hints": 3}', b"\x00\xff"])
def test_hint_and_hints_survive_an_odd_state_file(repo_copy: Path, content: bytes):
    state = repo_copy / ".course" / "state.json"
    state.parent.mkdir()
    state.write_bytes(content)
    results = [course_command(repo_copy, command, str(FIRST.number))
               for command in ("hint", "hints")]
    for result in results:
        assert result.returncode == 0, result.stderr
        assert FIRST.hints[0] in result.stdout
    assert ".course/backups/unreadable/" in results[0].stderr
    assert results[1].stderr == ""  # set aside once, and the hint seen is remembered


def test_stars_survive_an_emoji_answer_and_a_merge_conflict(repo_copy: Path):
    toml = repo_copy / "exercises" / FIRST.slug / "exercise.toml"
    known = hashlib.sha256(f"{FIRST.question['salt']}42".encode()).hexdigest()
    toml.write_text(toml.read_text(encoding="utf-8").replace(FIRST.question["sha256"], known),
                    encoding="utf-8")
    assert course_command(repo_copy, "answer", str(FIRST.number), "42").returncode == 0
    assert course_command(repo_copy, "answer", str(SECOND.number), "🚲 np.int64(7)").returncode == 1
    answers = repo_copy / ".course" / "answers.toml"
    assert tomllib.loads(answers.read_text(encoding="utf-8"))[SECOND.short_name] == {
        "answer": "🚲 np.int64(7)"}
    answers.write_text(f"<<<<<<< HEAD\n{answers.read_text(encoding='utf-8')}=======\n>>>>>>> b\n",
                       encoding="utf-8")

    graded = course_command(repo_copy, "check", str(FIRST.number))
    assert "★ 1 bonus" in graded.stdout, graded.stdout[-2000:]
    assert "Traceback" not in graded.stdout + graded.stderr
    assert "answers.toml could not be read" in graded.stdout + graded.stderr


def test_restore_checks_leaves_a_renamed_folder_and_the_learners_work(repo_copy: Path):
    repo = committed(repo_copy)
    shipped = repo / "exercises" / FIRST.slug
    mine = repo / "exercises" / f"ex{FIRST.number:02d}_mine"
    (shipped / FIRST.edit[0]).write_text("# my work in progress\n", encoding="utf-8")
    shipped.rename(mine)
    before = {path: path.read_bytes() for path in mine.rglob("*") if path.is_file()}

    result = course_command(repo, "restore-checks", str(FIRST.number), "--yes")

    assert result.returncode == 0, result.stdout + result.stderr
    assert {path: path.read_bytes() for path in mine.rglob("*") if path.is_file()} == before
    assert not shipped.exists()
