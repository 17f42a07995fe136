"""MkDocs hook: expand the shortcodes that pages write as HTML comments.

A shortcode is ``<!-- name: arguments -->`` with a lower-case name:

- ``<!-- video: 6mhZVWr6uYg -->``: the click-to-load facade of the chapter's
  video (no title: the page must not invent one);
- ``<!-- exercise-table: all -->``: the table of every exercise, in order;
- ``<!-- tested-with: python debugpy pytest pandas scikit-learn -->``: the
  "Tested with" box, versions read from the lock file;
- ``<!-- classroom-points: 3 -->``: the autograding notice for that many exercises
  solved, its total from the catalogue (``tools/classroom.py``).

An unknown name or malformed arguments stop the build with the page's path:
a typo must never ship as an invisible comment. Other comments (capitals or
no colon, e.g. ``<!-- TODO ... -->``) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exercise_markdown import exercise_table
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from tested_with import tested_with
from video_facade import facade_html

from course import catalog
from tools.classroom import points_notice

SHORTCODE = re.compile(r"<!--\s*(?P<name>[a-z][a-z-]*)\s*:(?P<arguments>.*?)-->", re.DOTALL)


def _video(arguments: str) -> str:
    words = arguments.split()
    if len(words) != 1:
        raise ValueError("expected <!-- video: VIDEO_ID --> (the facade names the video"
                         " 'the chapter's video'; it takes no title)")
    return facade_html(words[0])


def _exercise_table(arguments: str) -> str:
    if arguments.strip() != "all":
        raise ValueError("expected <!-- exercise-table: all -->")
    return exercise_table(catalog.all_exercises())


def _tested_with(arguments: str) -> str:
    return tested_with(arguments.split())


RENDERERS: dict[str, Callable[[str], str]] = {
    "video": _video,
    "exercise-table": _exercise_table,
    "tested-with": _tested_with,
    "classroom-points": points_notice,
}


def expand(markdown: str, where: str) -> str:
    """``markdown`` with every shortcode replaced; ``where`` names it in errors."""

    def replace(match: re.Match[str]) -> str:
        renderer = RENDERERS.get(match["name"])
        if renderer is None:
            known = ", ".join(RENDERERS)
            raise PluginError(f"{where}: unknown shortcode '{match[0]}' (known: {known})")
        try:
            return renderer(match["arguments"])
        except ValueError as error:
            raise PluginError(f"{where}: bad shortcode '{match[0]}': {error}") from error

    return SHORTCODE.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Page, **_) -> str:
    return expand(markdown, page.file.src_uri)
