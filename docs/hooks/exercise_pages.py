"""MkDocs hook: one page per exercise, generated from its ``exercise.toml``.

The pages are virtual files (nothing is written to docs/) and are listed in
the nav right after the "Exercises" index page, in course order. With no
exercise yet, the nav and the files are left as they are.
"""

from __future__ import annotations

from exercise_markdown import exercise_page, page_uri
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from course import catalog

EXERCISES_INDEX = "exercises/index.md"


def _exercises() -> tuple[catalog.Exercise, ...]:
    # `mkdocs serve` rebuilds in the same process: read the metadata afresh.
    catalog.all_exercises.cache_clear()
    try:
        return catalog.all_exercises()
    except (catalog.CatalogError, OSError) as error:
        raise PluginError(f"exercise metadata: {error}") from error


def _with_exercise_pages(nav: list, pages: list[str]) -> list:
    """The nav with the index entry turned into a section: index, then the pages."""
    for position, entry in enumerate(nav):
        if isinstance(entry, dict):
            (title, target), = entry.items()
            if target == EXERCISES_INDEX:
                nav[position] = {title: [EXERCISES_INDEX, *pages]}
                return nav
    raise PluginError(f"exercise_pages: the nav must list '{EXERCISES_INDEX}'")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pages = [page_uri(exercise) for exercise in _exercises()]
    if pages and config.nav is not None:
        config.nav = _with_exercise_pages(config.nav, pages)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    repository = config.extra["repository"]
    branch = config.extra["repository_branch"]
    for exercise in catalog.all_exercises():  # read and checked in on_config
        content = exercise_page(exercise, repository, branch)
        files.append(File.generated(config, page_uri(exercise), content=content))
    return files
