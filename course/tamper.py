"""What outside an exercise's own files could change how its check runs.

Only the files a learner edits may change a verdict. A conftest.py or a pytest
configuration file the course does not ship, a sitecustomize module in the
checkout, pytest options or plugins from the environment: each can make a
failing check pass, so a run that meets one counts no exercise as solved, and
says which file or variable to remove. Edited course files are caught by the
manifest (role ``shared``). Standard library only.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

from course.catalog import EXERCISES_DIR, ROOT

COURSE_DIR = ROOT / "course"
SHIPPED_CONFTEST = EXERCISES_DIR / "conftest.py"
PYTEST_CONFIG_FILES = ("pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml")
STARTUP_MODULES = ("sitecustomize.py", "usercustomize.py")
INSTALLED_FOLDERS = frozenset({"site-packages", "dist-packages"})
# What the course's own launch configurations put in PYTEST_ADDOPTS, and plain reporting
# options a learner may add: none of them changes which checks run or how they are judged.
HARMLESS_OPTIONS = frozenset({
    "-p no:cacheprovider", "--no-cov", "-q", "-v", "-vv", "-s", "--capture=no", "-rN",
    "--no-header", "--tb=no", "--tb=short", "--tb=long", "--tb=line", "--tb=native",
})


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _in_checkout(path: Path) -> bool:
    """Inside the repository but not in an installed environment (``.venv/.../site-packages``)."""
    resolved = path.resolve()
    return resolved.is_relative_to(ROOT) and not INSTALLED_FOLDERS & set(resolved.parts)


def foreign_files(root: Path = ROOT) -> list[str]:
    """Files in the checkout that pytest or Python would load around the checks."""
    found = []
    if (root / "conftest.py").exists():
        found.append("conftest.py")
    for folder in (root, root / "exercises"):
        for name in PYTEST_CONFIG_FILES:
            if folder == root and name == "pyproject.toml":
                continue  # the course's own, kept by the manifest
            if _configures_pytest(folder / name):
                found.append(_shown(folder / name))
    found += [
        _shown(entry / name) for entry in _checkout_paths() for name in STARTUP_MODULES
        if (entry / name).exists()
    ]
    return sorted(set(found))


def _configures_pytest(path: Path) -> bool:
    if not path.is_file():
        return False
    if path.name in ("pytest.ini", ".pytest.ini"):
        return True
    text = path.read_text(encoding="utf-8", errors="replace")
    return any(section in text for section in ("[pytest]", "[tool:pytest]", "[tool.pytest"))


def _checkout_paths() -> Iterable[Path]:
    """Folders on the import path that lie in the checkout (the editable install adds the
    repository root), where a sitecustomize module would run at every start."""
    seen = {ROOT}
    yield ROOT
    for entry in sys.path:
        path = Path(entry or ".")
        if path.is_dir() and _in_checkout(path) and path.resolve() not in seen:
            seen.add(path.resolve())
            yield path


def foreign_options(environ: dict[str, str] | None = None) -> list[str]:
    """Environment variables that hand pytest options or plugins the course did not choose."""
    environ = os.environ if environ is None else environ
    found = []
    if environ.get("PYTEST_PLUGINS", "").strip():
        found.append("PYTEST_PLUGINS is set")
    addopts = environ.get("PYTEST_ADDOPTS", "")
    if not _harmless(addopts):
        found.append(f"PYTEST_ADDOPTS is set to {addopts!r}")
    return found


def _harmless(addopts: str) -> bool:
    try:
        words = shlex.split(addopts)
    except ValueError:
        return False
    index = 0
    while index < len(words):
        pair = " ".join(words[index:index + 2])
        if pair in HARMLESS_OPTIONS:
            index += 2
        elif words[index] in HARMLESS_OPTIONS:
            index += 1
        else:
            return False
    return True


def foreign_plugins(plugins: Iterable[object]) -> list[str]:
    """Modules loaded as pytest plugins from the checkout that the course does not ship."""
    found = []
    for plugin in plugins:
        file = getattr(plugin, "__file__", None)
        if not file or not _in_checkout(Path(file)):
            continue
        path = Path(file).resolve()
        if path in (SHIPPED_CONFTEST, ROOT / "conftest.py") or path.is_relative_to(COURSE_DIR):
            continue  # the root conftest.py is named by foreign_files already
        if path.name == "conftest.py" and path.is_relative_to(EXERCISES_DIR):
            continue  # an exercise's own conftest: the manifest calls it an edited check
        found.append(f"{_shown(path)} is loaded by pytest")
    return found
