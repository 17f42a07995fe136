"""The "Tested with" box: versions read from the lock file when the site is built.

``requirements.lock`` pins every package, some once per Python range (an
environment marker such as ``python_full_version >= '3.12'``). The Python
versions are the ones the repository's workflows run. Nothing here is typed
by hand, so a new pin changes the box on the next build.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
WORKFLOWS = ROOT / ".github" / "workflows"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?:\s*;\s*(?P<marker>.+))?$")
WORKFLOW_PYTHON = re.compile(r"""python(?:-version)?["']?\s*[:=]\s*["']?(3\.\d+)|python:(3\.\d+)""")
MARKER = re.compile(r"python_full_version\s*(?P<op>[<>=!]+)\s*'(?P<version>[\d.]+)'")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK) -> dict[str, list[tuple[str, str]]]:
    """Package (normalised name) -> [(version, Python range or "")], in lock order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            marker = MARKER.sub(lambda m: f"Python {m['op']} {m['version']}", match["marker"] or "")
            found.setdefault(_normal(match["name"]), []).append((match["version"], marker))
    return found


def workflow_pythons(folder: Path = WORKFLOWS) -> list[str]:
    versions = {
        next(v for v in match.groups() if v)
        for path in sorted(folder.glob("*.y*ml"))
        for match in WORKFLOW_PYTHON.finditer(path.read_text(encoding="utf-8"))
    }
    return sorted(versions, key=lambda v: tuple(int(part) for part in v.split(".")))


def _versions(entries: list[tuple[str, str]]) -> str:
    return ", ".join(f"{version} ({marker})" if marker else version for version, marker in entries)


def tested_with(packages: list[str]) -> str:
    """The box for ``packages`` ("python" for the interpreters); unknown names raise."""
    if not packages:
        raise ValueError("name at least one package, e.g. <!-- tested-with: python debugpy -->")
    locked = pins()
    rows = []
    for package in packages:
        if package == "python":
            rows.append(("Python", ", ".join(workflow_pythons()) + " (the workflows' versions)"))
        elif _normal(package) in locked:
            rows.append((package, _versions(locked[_normal(package)])))
        else:
            raise ValueError(f"'{package}' is not pinned in {LOCK.name}")
    table = "\n".join(f"    | {name} | {versions} |" for name, versions in rows)
    return f"""\
!!! info tested-with "Tested with"

    Read from `{LOCK.name}` and the repository's workflows when the site
    was built. The facts that depend on a version are measured on the
    Python that runs the tests, by `tests/test_tool_facts.py`.

    | Tool | Version |
    |---|---|
{table}
"""
