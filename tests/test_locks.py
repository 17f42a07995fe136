"""Three locks from one pyproject: the learner's light one, the authors' full one, and the
site's (all `make serve` and `make build` install)."""

from __future__ import annotations

import re
import tomllib

from course.catalog import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>.+))?$")
LEARNER, AUTHORS = ROOT / "requirements.lock", ROOT / "requirements-dev.lock"
SITE = ROOT / "requirements-site.lock"
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


def versions(lock) -> set[tuple[str, str]]:
    # Markers may differ (colorama: Windows-only for pytest, everywhere for mkdocs).
    return {(name, version) for (name, _marker), version in pins(lock).items()}


def test_the_authors_lock_pins_every_learner_and_site_package_at_the_same_version():
    """`make test` installs the authors' lock over the site's in one .venv: no downgrade."""
    assert not versions(LEARNER) - versions(AUTHORS)
    assert not versions(SITE) - versions(AUTHORS)


def test_the_site_lock_holds_the_docs_extra_and_nothing_the_lab_or_tests_need():
    site = {name for name, _marker in pins(SITE)}
    assert names(PROJECT["optional-dependencies"]["docs"]) <= site
    assert not {"pandas", "numpy", "scikit-learn", "pytest", "playwright", "ruff"} & site


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
