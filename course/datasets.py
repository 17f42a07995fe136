"""The datasets every exercise check runs on: the shipped one and an alternate one.

A fix tuned to the shipped rows (a magic row count, a hard-coded date or
station) passes on one and fails on the other. The alternate dataset is made by
``data/make_dataset.py`` with other parameters (see ``ALTERNATE`` there), once
per grading run, into pytest's temporary folder; the shipped one is read where
it is.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from course.catalog import ROOT

SHIPPED_DIR = ROOT / "data"
NAMES = ("shipped", "alternate")


@cache
def generator() -> ModuleType:
    """``data/make_dataset.py`` as a module (``data/`` is not a package)."""
    name = "course._make_dataset"
    spec = importlib.util.spec_from_file_location(name, SHIPPED_DIR / "make_dataset.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def write_variant(name: str, out: Path) -> Path:
    """Write one named variant's CSV files (``data/make_dataset.py`` says which) into ``out``."""
    make = generator()
    return make.write_dataset(out, make.VARIANTS[name])


@pytest.fixture(scope="session")
def _dataset_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dirs = {"shipped": SHIPPED_DIR}
    for name in NAMES[1:]:
        dirs[name] = write_variant(name, tmp_path_factory.mktemp(f"{name}-data"))
    return dirs


@pytest.fixture(params=NAMES)
def dataset(request: pytest.FixtureRequest, _dataset_dirs: dict[str, Path]) -> Path:
    """The folder holding one dataset's CSV files; each check that uses it
    runs once per dataset, ``[shipped]`` and ``[alternate]``."""
    return _dataset_dirs[request.param]
