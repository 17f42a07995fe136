"""MkDocs hook: code blocks reachable by keyboard before Material mounts them.

With ``content.lazy`` (mkdocs.yml) Material mounts a code block, which adds
its copy button and makes it focusable when it scrolls sideways, only once
the block comes into view. Until then a wide block could not be scrolled
from the keyboard (axe: scrollable-region-focusable). So every block starts
focusable; once the browser lays it out, docs/assets/javascripts/
keyboard-scrolling.js keeps ``tabindex`` only on blocks that really scroll.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Pygments' block markup: <pre>, an empty <span> for line anchors, then <code>.
BLOCK_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code>")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return BLOCK_CODE.sub(r'\1<code tabindex="0">', html)
