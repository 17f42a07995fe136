"""Writing the learner's files so that none is ever half written or lost.

A file is written whole to a temporary file beside it, then put in place with
``os.replace`` (atomic on POSIX and Windows): a crash, Ctrl+C or a full disk
leaves the old version or the new one, never a mix. The old version is copied
to ``<name>.bak`` first, so the write before last can always be recovered.
Standard library only.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path


def backup_of(path: Path) -> Path:
    """Where ``replace_text`` keeps the previous version of ``path``."""
    return path.with_name(f"{path.name}.bak")


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically, keeping the previous
    version as ``<name>.bak``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file():
        shutil.copy2(path, backup_of(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stamp() -> str:
    """A folder name for one backup: the time, to the microsecond, sorting in time order."""
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def move_aside(path: Path, folder: Path) -> Path:
    """Move ``path`` into a new time-stamped folder under ``folder`` and return its new place."""
    target = folder / stamp() / path.name
    target.parent.mkdir(parents=True)
    os.replace(path, target)
    return target
