"""The course's digest manifest: every file the lab ships, as the course shipped it.

``course/manifest.json`` records, for each file under ``exercises/``, ``data/``
and ``solutions/``, plus the course's own code (``course/``, the grader included)
and ``pyproject.toml``, its git blob id and its sha256. Three things rely on it:

- the grader: a check file, ``exercise.toml``, data or shared fixture that
  differs from its record makes the exercise "check edited: not counted";
- ``python -m exercises reset``: the original of a file the learner edits is the
  blob with the recorded id (``git cat-file``), whoever committed what since;
- the project's tests: they grade a pristine lab (the originals laid over a
  copy), whatever the learner has solved in the working tree.

Course authors write it with ``make manifest`` (``python -m course.manifest
--write``); ``--check`` and the tests fail while it is stale. Standard library
only: the grader reads it on every run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course.catalog import FOLDER_PATTERN, ROOT, load_exercise

MANIFEST_NAME = "course/manifest.json"
SHIPPED_DIRS = ("exercises", "data", "solutions")
# Outside those folders, yet every verdict depends on them: the grader's own code and
# the pytest configuration. Edited, they make every exercise "check edited".
SHARED_FILES = ("course", "pyproject.toml")
# Roles: "edit" files are the learner's to change; every other role must stay as shipped.
EDIT, CHECK, SHARED, SOLUTION = "edit", "check", "shared", "solution"
# Files pytest would load as a check (or a fixture a check sees) if a learner added them.
CHECK_LIKE = ("test_*.py", "*_test.py", "conftest.py")
REGRESSION_TEST = "test_regression.py"  # a learner's own test, in an exercise's folder


class ManifestError(ValueError):
    """The manifest exists but cannot be read (edited by hand?)."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the repository root, with forward slashes
    role: str
    blob: str  # git's object id of the file, as `git hash-object` computes it
    sha256: str


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob: sha1 of ``blob <size>\\0`` + the bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def entry_for(path: str, role: str, data: bytes) -> Entry:
    return Entry(path, role, blob_id(data), hashlib.sha256(data).hexdigest())


def matches(entry: Entry, data: bytes) -> bool:
    """The bytes are the shipped file, also as a Windows checkout that turned LF into CRLF."""
    for candidate in dict.fromkeys((data, data.replace(b"\r\n", b"\n"))):
        if hashlib.sha256(candidate).hexdigest() == entry.sha256:
            return blob_id(candidate) == entry.blob
    return False


# --- writing ----------------------------------------------------------------------------


def shipped_paths(root: Path = ROOT) -> list[str]:
    """The lab's files as git sees them: tracked, plus new ones an author has not added yet."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
         *SHIPPED_DIRS, *SHARED_FILES],
        cwd=root, capture_output=True, check=True, text=True,
    ).stdout
    names = set(listing.split("\0")) - {"", MANIFEST_NAME}
    return sorted(name for name in names if (root / name).is_file())


def role_of(path: str, edit_files: dict[str, tuple[str, ...]]) -> str:
    top, _, rest = path.partition("/")
    folder, _, inside = rest.partition("/")
    if top == "solutions":
        return SOLUTION
    if top == "exercises" and folder in edit_files and inside:
        return EDIT if inside in edit_files[folder] else CHECK
    return SHARED


def build(root: Path = ROOT) -> dict[str, Entry]:
    """The manifest the working tree calls for (an author's command: needs git)."""
    base = root / "exercises"
    edit_files = {
        folder.name: load_exercise(folder, require_files=False).edit
        for folder in sorted(base.iterdir())
        if folder.is_dir() and FOLDER_PATTERN.match(folder.name)
    }
    return {
        path: entry_for(path, role_of(path, edit_files), (root / path).read_bytes())
        for path in shipped_paths(root)
    }


def dumps(entries: dict[str, Entry]) -> str:
    files = {
        path: {"role": entry.role, "blob": entry.blob, "sha256": entry.sha256}
        for path, entry in sorted(entries.items())
    }
    document = {
        "about": "Digests of the files the course ships. Written by `make manifest`; "
                 "do not edit by hand.",
        "files": files,
    }
    return json.dumps(document, indent=1) + "\n"


# --- reading ----------------------------------------------------------------------------


def load(root: Path = ROOT) -> dict[str, Entry] | None:
    """The manifest, or None when there is none (e.g. a test's fixture lab)."""
    try:
        files = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
        return {path: Entry(path, **fields) for path, fields in files.items()}
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ManifestError(
            f"{MANIFEST_NAME} cannot be read ({error}); it is the course's, not yours to "
            f"edit: `git checkout -- {MANIFEST_NAME}` puts it back."
        ) from error


def holds(entry: Entry, file: Path) -> bool:
    """``file`` exists and is the shipped file of ``entry`` (wherever it now lies)."""
    try:
        return matches(entry, file.read_bytes())
    except OSError:
        return False


def differs(entry: Entry, root: Path = ROOT) -> bool:
    """The file is missing or not the shipped one."""
    return not holds(entry, root / entry.path)


def added_check_files(entries: dict[str, Entry], root: Path = ROOT) -> list[str]:
    """Files under ``exercises/`` that pytest would load as checks, yet the course never shipped."""
    found = {
        path.relative_to(root).as_posix()
        for pattern in CHECK_LIKE
        for path in (root / "exercises").rglob(pattern)
        if "__pycache__" not in path.parts and not _learners_own_test(path, root)
    }
    return sorted(found - set(entries))


def _learners_own_test(path: Path, root: Path) -> bool:
    """An exercise's ``test_regression.py``: the learner's own test, graded on its own
    (:mod:`course.regression`), never a check the course ships."""
    parts = path.relative_to(root).parts
    return len(parts) == 3 and parts[2] == REGRESSION_TEST


def edited_files(
    entries: dict[str, Entry], root: Path = ROOT, roles: Sequence[str] = (CHECK, SHARED, SOLUTION)
) -> list[str]:
    """Every file learners must leave alone that differs from the course's, or was added.

    An exercise folder renamed or removed as a whole is left out (``folder_advice`` speaks
    for it): restoring its checks alone would split the learner's work from its checks, and
    its files are no one else's. Files added to a renamed folder still count.
    """
    gone = gone_folders(entries, root)
    moved = {found: shipped for shipped, found in renamed_folders(entries, root).items()}
    changed = [
        path for path, entry in entries.items()
        if entry.role in roles and folder_of(path) not in gone and differs(entry, root)
    ]
    added = [
        path for path in added_check_files(entries, root)
        if _shipped_path(path, moved) not in entries
    ]
    return sorted([*changed, *added])


def folder_of(path: str) -> str | None:
    """The folder right under ``exercises/`` that holds a lab path, whatever its name."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "exercises" else None


def exercise_of(path: str) -> str | None:
    """The exercise folder a lab path belongs to, e.g. ``ex03_slug``; None for shared files."""
    folder = folder_of(path)
    return folder if folder and FOLDER_PATTERN.match(folder) else None


# --- exercise folders renamed or removed ------------------------------------------------


def shipped_folders(entries: dict[str, Entry]) -> set[str]:
    return {exercise_of(path) for path in entries} - {None}


def gone_folders(entries: dict[str, Entry], root: Path = ROOT) -> set[str]:
    """Shipped exercise folders none of whose files is where the course put it."""
    present = {folder_of(path) for path in entries if (root / path).is_file()}
    return shipped_folders(entries) - present


def _shipped_path(path: str, moved: dict[str, str]) -> str:
    """Where the course ships the file at ``path``, a path inside a renamed folder."""
    folder = folder_of(path)
    if folder not in moved:
        return path
    return f"exercises/{moved[folder]}/{path.split('/', 2)[2]}"


def _likeness(entries: dict[str, Entry], shipped: str, candidate: Path) -> int:
    """How many of the shipped folder's files ``candidate`` holds unchanged, plus one when
    its name keeps the exercise's number (``ex03_mine`` for ``ex03_slug``)."""
    prefix = f"exercises/{shipped}/"
    unchanged = sum(
        holds(entry, candidate / path.removeprefix(prefix))
        for path, entry in entries.items() if path.startswith(prefix)
    )
    return unchanged + (candidate.name.split("_")[0] == shipped.split("_")[0])


def renamed_folders(entries: dict[str, Entry], root: Path = ROOT) -> dict[str, str]:
    """``{shipped: found}`` for each gone exercise folder whose files now sit in another
    folder under ``exercises/`` that the course does not ship (a learner renamed it)."""
    gone = sorted(gone_folders(entries, root))
    shipped = shipped_folders(entries)
    candidates = [
        folder for folder in (root / "exercises").iterdir()
        if folder.is_dir() and folder.name not in shipped and folder.name != "__pycache__"
    ] if gone else []
    found: dict[str, str] = {}
    for folder in gone:
        scores = {
            candidate.name: _likeness(entries, folder, candidate)
            for candidate in candidates if candidate.name not in found.values()
        }
        best = max(scores, key=scores.__getitem__, default=None)
        if best is not None and scores[best] > 0:
            found[folder] = best
    return found


def folder_advice(entries: dict[str, Entry], root: Path = ROOT) -> dict[str, str]:
    """One line per shipped exercise folder not where the course ships it, keyed by that
    folder's name; the way back keeps the learner's work."""
    renamed = renamed_folders(entries, root)
    advice = {
        shipped: f"exercises/{shipped}/ is now exercises/{found}/: rename it back (your work "
                 f"moves with it), e.g. `mv exercises/{found} exercises/{shipped}` "
                 "(cmd: `move`), or F2 in VS Code's Explorer."
        for shipped, found in renamed.items()
    }
    for shipped in sorted(gone_folders(entries, root) - set(renamed)):
        advice[shipped] = (
            f"exercises/{shipped}/ is missing: `git checkout HEAD -- exercises/{shipped}` "
            "brings it back as you last committed it (your committed work included)."
        )
    return advice


def stale_reasons(entries: dict[str, Entry] | None, root: Path = ROOT) -> list[str]:
    """Why the manifest does not describe the lab (empty when it does). No git needed.

    Files learners edit are left out: in a learner's fork they differ on purpose.
    """
    if entries is None:
        return [f"{MANIFEST_NAME} is missing"]
    reasons = [f"{path} differs from its record" for path in edited_files(entries, root)]
    for folder in sorted(p for p in (root / "exercises").iterdir() if FOLDER_PATTERN.match(p.name)):
        toml = f"exercises/{folder.name}/exercise.toml"
        if toml not in entries:
            reasons.append(f"{toml} has no record (a new exercise?)")
    return reasons


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.manifest", description=__doc__.split("\n")[0]
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help=f"write {MANIFEST_NAME}")
    action.add_argument("--check", action="store_true", help="exit 1 if it is stale")
    args = parser.parse_args(argv)
    if args.write:
        (ROOT / MANIFEST_NAME).write_text(dumps(build(ROOT)), encoding="utf-8")
        print(f"wrote {MANIFEST_NAME}")
        return 0
    reasons = stale_reasons(load(ROOT), ROOT)
    for reason in reasons:
        print(reason)
    if reasons:
        print("The manifest is stale: run `make manifest` (course authors only).")
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
