"""How long the strict site build takes, and what the chapter page weighs.

The weight is what a reader downloads before touching the page, gzip-compressed
as a static host (GitHub Pages) serves it: the HTML (with the stylesheets
inline) and the scripts it references. Search (its worker and its index, data
that grows with the text) loads on first use: the index is its own figure.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path

from benchmarks import ROOT, Figure, median_seconds, run_python

SITE = ROOT / "site"
CHAPTER = SITE / "debugging" / "index.html"
SEARCH_INDEX = SITE / "search" / "search_index.json"


def _build() -> None:
    result = run_python(["-m", "mkdocs", "build", "--strict", "--quiet"])
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr}")


class _PageAssets(HTMLParser):
    """The stylesheets and scripts a page loads as it opens."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.urls.append(attributes["href"] or "")
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"] or "")


def _gzipped_bytes(path: Path) -> int:
    # Level 6 is the default of nginx-style static hosts.
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _page_weight(page: Path) -> tuple[int, int]:
    """Gzipped bytes of ``page`` plus everything it loads before interaction; file count."""
    parser = _PageAssets()
    parser.feed(page.read_text(encoding="utf-8"))
    files = [page, *((page.parent / url.split("?")[0]).resolve() for url in parser.urls)]
    return sum(_gzipped_bytes(path) for path in files), len(files)


def figures() -> list[Figure]:
    seconds = median_seconds(_build)  # leaves a fresh build in site/
    chapter_bytes, files = _page_weight(CHAPTER)
    return [
        Figure("site build, `mkdocs build --strict` (median of 3)", f"{seconds:.2f} s", "< 3 s"),
        Figure(
            "chapter page, HTML + CSS + JS files it references (gzip)",
            f"{chapter_bytes / 1024:.0f} KB",
            "",
            f"{files} static files",
        ),
        Figure(
            "search index, fetched on first use of search (gzip)",
            f"{_gzipped_bytes(SEARCH_INDEX) / 1024:.0f} KB",
            note="grows with the text",
        ),
    ]
