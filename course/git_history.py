"""The course's original version of a file, by the digest the manifest records.

``course/manifest.json`` names each shipped file's git blob id, so the original
is ``git cat-file blob <id>``: no guess about who committed what (a fix made in
the web editor, in a codespace or under a second e-mail address is never taken
for the original), and the learner's own commits do not matter.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from course import manifest
from course.catalog import ROOT

NO_GIT_HISTORY = (
    "this copy of the course has no git history (downloaded as a ZIP?), so the original "
    "cannot be restored. Clone the course with git (or download it again) and copy your "
    "work over."
)


class HistoryError(RuntimeError):
    """The original cannot be had: no manifest record, no git, or git lacks the object."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise HistoryError("git is not installed or not on PATH.") from error


def entry_for(path: Path, entries: dict[str, manifest.Entry] | None, root: Path = ROOT):
    """The manifest's record of ``path``, or a HistoryError that says what is wrong."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    if entries is None:
        raise HistoryError(f"{manifest.MANIFEST_NAME} is missing, so the original is unknown.")
    if relative in entries:
        return entries[relative]
    folder = manifest.exercise_of(relative)
    shipped = sorted({manifest.exercise_of(p) for p in entries} - {None})
    renamed = [s for s in shipped if folder and s[:5] == folder[:5] and s != folder]
    if renamed:
        raise HistoryError(
            f"exercises/{folder}/ is not a folder the course ships: it ships "
            f"exercises/{renamed[0]}/. Rename the folder back, then try again."
        )
    raise HistoryError(f"{relative} is not a file the course ships, so it has no original.")


def original_bytes(path: Path, root: Path = ROOT) -> bytes:
    """The file exactly as the course shipped it."""
    try:
        entries = manifest.load(root)
    except manifest.ManifestError as error:
        raise HistoryError(str(error)) from error
    entry = entry_for(path, entries, root)
    if path.is_file() and manifest.matches(entry, path.read_bytes()):
        return path.read_bytes()
    found = _git(root, "cat-file", "blob", entry.blob)
    if found.returncode != 0:
        if _git(root, "rev-parse", "--git-dir").returncode != 0:
            raise HistoryError(NO_GIT_HISTORY)
        raise HistoryError(
            f"git does not hold the course's version of {entry.path} (a shallow clone? "
            "`git fetch --unshallow` brings the history)."
        )
    if hashlib.sha256(found.stdout).hexdigest() != entry.sha256:
        raise HistoryError(f"git's object {entry.blob} is not the course's {entry.path}.")
    return found.stdout
