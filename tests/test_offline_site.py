"""The copy of the site learners download and open from disk (``OFFLINE=true``).

The Pages workflow publishes it as ``site-offline.zip``: a learner reads the
course without the authors' install. Opened from file://, every link must name
a file (no folder URLs), nothing may come from another site, and search must
still answer.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tools.browser import INSTALL_HINT, build_site, chromium_path, launch_chromium

SEARCH_TIMEOUT_MS = 20_000  # the index is built in the page's CPU: slow on a busy 2-core CI


class _References(HTMLParser):
    """Every URL a page links to or loads, with whether it is loaded (not just a link)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a" and named.get("href"):
            self.urls.append((named["href"], False))
        elif tag in ("script", "img", "iframe") and named.get("src"):
            self.urls.append((named["src"], True))
        elif tag == "link" and named.get("href") and named.get("rel") != "canonical":
            self.urls.append((named["href"], True))


def pages(site: Path) -> list[Path]:
    """The pages a reader opens: 404.html is a web host's answer to a missing URL (its
    links are absolute for that reason), never opened from disk."""
    return [page for page in site.rglob("*.html") if page.name != "404.html"]


def references(page: Path) -> list[tuple[str, bool]]:
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFLINE", "true")
        return build_site(tmp_path_factory.mktemp("offline") / "site")


def test_every_link_names_a_file_of_the_copy(offline_site: Path) -> None:
    broken = []
    for page in pages(offline_site):
        for url, _ in references(page):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = page.parent / unquote(parts.path)
            if parts.path.startswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(offline_site)}: {url}")
    assert not broken, "links that fail from file://:\n" + "\n".join(broken)


def test_the_copy_loads_nothing_from_another_site(offline_site: Path) -> None:
    foreign = [
        f"{page.relative_to(offline_site)}: {url}"
        for page in offline_site.rglob("*.html")
        for url, loaded in references(page)
        if loaded and urlsplit(url).netloc
    ]
    assert not foreign, "\n".join(foreign)


def test_the_copy_reads_and_searches_from_disk(offline_site: Path) -> None:
    """Open the home page from file://, follow the navigation, search the chapter."""
    chromium = chromium_path()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    playwright_api = pytest.importorskip("playwright.sync_api")
    # In a thread of its own: playwright's sync API refuses a thread in which a test
    # that ran before on the same worker left an asyncio loop running.
    with ThreadPoolExecutor(max_workers=1) as own_thread:
        foreign = own_thread.submit(_read_and_search, playwright_api, chromium,
                                    offline_site).result()
    assert not foreign, foreign


def _read_and_search(playwright_api, chromium: str, offline_site: Path) -> list[str]:
    """The requests to anything but a file, while the copy is read and searched."""
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        context = browser.new_context()
        foreign: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            "file://") else (foreign.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto((offline_site / "index.html").as_uri())
        page.get_by_role("link", name="The chapter").first.click()
        page.wait_for_url("**/debugging.html")
        assert page.locator("h1").first.inner_text()
        page.get_by_role("textbox", name="Search").click()
        page.get_by_role("textbox", name="Search").press_sequentially("conditional breakpoint")
        result = page.locator('.md-search-result a[href*="debugging.html"]')
        result.first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_MS)
        browser.close()
    return foreign
