"""Two locks from one pyproject: the learner's light one and the authors' full one."""

from __future__ import annotations

import re
import tomllib

from course.catalog import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>.+))?$")
LEARNER, AUTHORS = ROOT / "requirements.lock", ROOT / "requirements-dev.lock"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock) -> dict[tuple[str, str], str]:
    """(name, marker) -> version for every requirement line; each must be an exact pin."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"{lock.name}: not an exact pin: {line!r}"
        found[(normal(match["name"]), match["marker"] or "")] = match["version"]
    return found


def names(requirements: list[str]) -> set[str]:
    return {
        normal(re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0])
        for requirement in requirements
    }


def test_the_authors_lock_pins_every_learner_package_at_the_same_version():
    # Markers may differ (colorama: Windows-only for pytest, everywhere for mkdocs).
    authors = {(name, version) for (name, _marker), version in pins(AUTHORS).items()}
    learner = {(name, version) for (name, _marker), version in pins(LEARNER).items()}
    assert not learner - authors


def test_each_lock_holds_its_direct_dependencies():
    learner = {name for name, _marker in pins(LEARNER)}
    authors = {name for name, _marker in pins(AUTHORS)}
    assert names(PROJECT["dependencies"]) <= learner
    extras = [item for group in PROJECT["optional-dependencies"].values() for item in group]
    assert names(extras) <= authors


def test_the_learner_lock_leaves_the_site_browser_and_lint_tools_out():
    learner = {name for name, _marker in pins(LEARNER)}
    assert not {"mkdocs", "mkdocs-material", "playwright", "ruff", "check-jsonschema"} & learner
    assert "watchfiles" in learner
