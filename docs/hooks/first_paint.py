"""MkDocs hook: nothing between a page's HTML and its first paint.

- **Stylesheets inline.** A ``<link rel="stylesheet">`` holds the first paint
  until the file arrives: on a slow mobile link that is one more round trip
  before any text (Lighthouse: "render-blocking resources"). The site's
  stylesheets are small once compressed with the page (Material's is about
  22 KB gzip), so each page carries them in ``<style>`` and paints styled
  from its own bytes: no flash of unstyled text, no layout shift. What this
  trades away is caching: every page carries the CSS again.
- **Scripts deferred.** The scripts at the end of ``<body>`` still stop the
  parser; ``defer`` runs them in the same order once the document is parsed,
  before ``DOMContentLoaded``, which is when Material and ours start anyway.

Only files of this site are touched; MkDocs copies the theme's and the docs'
static files before it builds the pages, so they are on disk.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

LOCAL = r'(?P<href>(?![a-z]+:|//)[^"?#]+)'
STYLESHEET = re.compile(rf'<link rel="stylesheet" href="{LOCAL}\.css">')
SCRIPT = re.compile(rf'<script src="{LOCAL}\.js"></script>')
# url() other than data: would resolve against the page once inlined.
RELATIVE_URL = re.compile(r"url\(\s*(?!['\"]?data:)")


def _site_file(href: str, site: Path, page_dir: str, site_path: str) -> Path:
    """The built file a link names: relative to the page, or absolute (the 404 page)."""
    if href.startswith("/"):
        return site / href.removeprefix(site_path)
    return site / posixpath.normpath(posixpath.join(page_dir, href))


def _inline(match: re.Match[str], path: Path) -> str:
    if not path.is_file():
        return match[0]
    css = path.read_text(encoding="utf-8")
    if RELATIVE_URL.search(css):
        return match[0]
    safe = css.replace("</style", "<\\/style")  # the CSS cannot close its element
    return f"<style>{safe}</style>"


def _first_paint(output: str, page_dir: str, config: MkDocsConfig) -> str:
    site, site_path = Path(config.site_dir), urlsplit(config.site_url or "/").path or "/"
    output = STYLESHEET.sub(
        lambda match: _inline(match, _site_file(f"{match['href']}.css", site, page_dir,
                                                site_path)),
        output,
    )
    return SCRIPT.sub(lambda match: f'<script defer src="{match["href"]}.js"></script>', output)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _first_paint(output, posixpath.dirname(page.file.dest_uri), config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages made from a bare template, such as 404.html (absolute links, at the root)."""
    return _first_paint(output, posixpath.dirname(template_name), config)
