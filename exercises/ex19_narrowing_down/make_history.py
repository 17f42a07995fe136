"""Rebuild the forecast package's history in a new temporary git repository, for `git bisect`.

    python -m exercises.ex19_narrowing_down.make_history

The repository comes from ``history.bundle``, the team's history packed in one
file by git. It is cloned into a fresh folder of the system's temporary
directory; the course repository and your git settings are left alone. The
script prints the folder and the commands to run there.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLE = HERE / "history.bundle"
CHECK = HERE / "check_metric.py"
RELEASE_TAG = "v1.0"


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` only: no GIT_* variable from outside can point it elsewhere."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    done = subprocess.run(["git", *args], cwd=folder, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def build(folder: Path) -> Path:
    """Clone the bundle into the empty ``folder``, with no remote to push to."""
    git(folder, "clone", "--quiet", "--branch", "main", str(BUNDLE), ".")
    git(folder, "remote", "remove", "origin")
    return folder


def bisect_commands(python: str = sys.executable) -> list[str]:
    return [
        f"git bisect start HEAD {RELEASE_TAG}",
        f"git bisect run {shlex.quote(python)} {shlex.quote(str(CHECK))}",
        "git bisect reset",
    ]


def main() -> None:
    folder = build(Path(tempfile.mkdtemp(prefix="demand-history-")))
    count = git(folder, "rev-list", "--count", "HEAD")
    print(f"Rebuilt the forecast package's history ({count} commits) in:\n\n    {folder}\n")
    print(f"Release {RELEASE_TAG} forecast well; HEAD does not. There, run:\n")
    print(f"    cd {shlex.quote(str(folder))}")
    for command in bisect_commands():
        print(f"    {command}")


if __name__ == "__main__":
    main()
