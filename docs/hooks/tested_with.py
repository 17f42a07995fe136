"""The "Tested with" box: versions read from the lock file when the site is built.

``requirements.lock`` pins every package, some once per Python range (an
environment marker such as ``python_full_version >= '3.12'``). The Python
versions are the ones the repository's workflows run: every ``python-version``
or ``python`` value (a single one or a matrix list) and every ``python:3.X``
container image.
Nothing here is typed by hand, so a new pin or a new matrix entry changes the
box on the next build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
WORKFLOWS = ROOT / ".github" / "workflows"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?:\s*;\s*(?P<marker>.+))?$")
PYTHON_KEYS = {"python-version", "python"}  # setup-python's input, a matrix's axis
VERSION = re.compile(r"3\.\d+")
IMAGE = re.compile(r"^python:(3\.\d+)")
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


def _pythons_in(node: object) -> Iterator[str]:
    """Versions named by ``python-version`` keys and ``python:3.X`` images, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PYTHON_KEYS:
                for version in value if isinstance(value, list) else [value]:
                    if VERSION.fullmatch(str(version)):
                        yield str(version)
            elif isinstance(value, str) and (image := IMAGE.match(value)):
                yield image[1]
            else:
                yield from _pythons_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _pythons_in(item)


def workflow_pythons(folder: Path = WORKFLOWS) -> list[str]:
    versions = {
        version
        for path in sorted(folder.glob("*.y*ml"))
        for version in _pythons_in(yaml.safe_load(path.read_text(encoding="utf-8")))
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
    was built. The facts that depend on a version are measured on each
    Python the workflows run, by `tests/test_tool_facts.py` and
    `tests/test_version_facts.py`.

    | Tool | Version |
    |---|---|
{table}
"""
