"""The built site as a reader sees it, in headless Chromium.

Privacy (nothing leaves the site before the reader asks for the video), the
video facade by mouse and keyboard, accessibility (axe-core on every page,
light and dark, on a desktop, a phone and a zoomed window; wide tables and
code blocks scrolled from the keyboard), offline search, the mobile layout,
what is skipped off screen (blocks, the drawer, code blocks not yet
mounted), print and collapsed hints. One browser and one
strict build serve the whole module.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from course.catalog import all_exercises
from tools.browser import (
    INSTALL_HINT,
    RequestLog,
    build_site,
    chromium_path,
    launch_chromium,
    origin,
    serve,
    site_path,
)

playwright_api = pytest.importorskip("playwright.sync_api")

VIDEO_ID = "6mhZVWr6uYg"
VIDEO_EMBED = f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
ACTION_TIMEOUT_MS = 10_000  # a local static site answers at once; fail fast, even on a busy CI
SEARCH_TIMEOUT_MS = 20_000  # the worker indexes in the page's CPU; slow on a busy 2-core CI
MOBILE = {"width": 390, "height": 844}
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme


@pytest.fixture(scope="session")
def chromium() -> Path:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The site under the path it is published at: the 404 page's links are absolute."""
    with serve(site_dir, site_path()) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        yield browser
        browser.close()


@pytest.fixture
def open_context(browser, base_url):
    """Factory: a fresh browser context whose every request is logged (foreign ones blocked)."""
    contexts = []

    def factory(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context, RequestLog(origin(base_url)).attach(context)

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def chapter(open_context, base_url):
    """The chapter page, fully loaded, and the log of its requests."""
    context, log = open_context()
    page = context.new_page()
    page.goto(f"{base_url}debugging/", wait_until="networkidle")
    return page, log


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of every HTML page in the build."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def first_exercise_page(site_dir: Path) -> str:
    for exercise in all_exercises():
        path = f"exercises/{exercise.slug}/"
        if (site_dir / path / "index.html").is_file():
            return path
    pytest.skip("no exercise page is built yet (no exercise in exercises/)")


# -- privacy and the video facade --------------------------------------------------------


def video_button(page):
    """The play control that the facade's script makes of the poster link."""
    return page.get_by_role("button", name="Play the chapter’s video")


def test_no_page_contacts_another_origin_before_the_reader_asks(open_context, base_url, site_dir):
    pages = built_pages(site_dir)
    assert "debugging/" in pages, "the chapter page was not built"
    context, log = open_context()
    page = context.new_page()
    leaks = {}
    for path in pages:
        log.clear()
        page.goto(base_url + path, wait_until="networkidle")
        if log.third_party:
            leaks[path] = list(log.third_party)
        assert log.first_party, f"{path}: no request was seen at all; the log is broken"
    assert not leaks, f"pages requested other origins on load: {leaks}"


def test_clicking_the_video_loads_only_the_nocookie_player(chapter):
    page, log = chapter
    assert log.third_party == []
    video_button(page).click()
    iframe = page.locator(f'iframe[src^="{VIDEO_EMBED}"]')
    iframe.wait_for(state="attached")
    assert iframe.get_attribute("src").startswith(f"{VIDEO_EMBED}?")
    assert (iframe.get_attribute("title") or "").strip(), "the player iframe needs a title"
    # The player's request is aborted (no internet), so "networkidle" is no signal:
    # wait for the attempt to be logged, then a moment more for any stray request.
    for _ in range(100):
        if log.third_party:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    assert set(log.third_party) == {iframe.get_attribute("src")}, log.third_party


def test_the_video_is_operable_by_keyboard(chapter):
    page, log = chapter
    facade = video_button(page)
    for _ in range(300):
        page.keyboard.press("Tab")
        if facade.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the video facade")
    page.keyboard.press("Enter")
    iframe = page.locator(f'iframe[src^="{VIDEO_EMBED}"]')
    iframe.wait_for(state="attached")
    focused_tag = page.evaluate("document.activeElement.tagName")
    assert focused_tag == "IFRAME", f"focus went to <{focused_tag.lower()}>, not to the player"
    assert all(url.startswith(VIDEO_EMBED) for url in log.third_party), log.third_party


# -- accessibility ------------------------------------------------------------------------


EVERY_RULE_JS = "() => Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: true}]))"
# Off-screen blocks and the phone's drawer are skipped (content-visibility in
# extra.css): no layout, so no size, no scroll overflow and no colour under
# their text. axe judges what it measures, so a skipped wide table would pass
# unseen and a skipped text would be checked against the wrong background.
# Lay out every block, as each is once a reader scrolls to it.
LAY_OUT_EVERY_BLOCK = "* { content-visibility: visible !important; }"
# A sidebar scrolls inside its own box, under a title that stays on top, and
# Material scrolls it to the current page's link: a link may rest half under
# the title or past the box's edge, where axe counts only the part that shows
# (target-size) and links scrolled out of the box not at all. Where the
# sidebars stand beside the text, show each at full length: every link whole.
SIDEBARS_AT_FULL_LENGTH = """@media screen and (min-width: 76.25em) {
    .md-sidebar { position: static !important; height: auto !important; }
    .md-sidebar__scrollwrap { overflow: visible !important; height: auto !important; }
    .md-nav__title { position: static !important; }
}"""


# Material mounts a code block (copy button, keyboard scrolling) when it first
# comes into view (content.lazy): show each, as a reader scrolling through does.
SCROLL_PAST_EVERY_CODE_BLOCK_JS = """async () => {
    for (const block of document.querySelectorAll('.md-content .highlight')) {
        block.scrollIntoView();
        await new Promise(requestAnimationFrame);
        await new Promise(requestAnimationFrame);
    }
    window.scrollTo(0, 0);
    // The header swaps the page title back for the site name with a fade.
    await new Promise(requestAnimationFrame);
    await Promise.all(document.getAnimations().map(animation => animation.finished));
}"""
# Blocks in a closed hint or an unselected tab are not shown, so not mounted.
EVERY_SHOWN_CODE_BLOCK_MOUNTED_JS = (
    "[...document.querySelectorAll('.md-content .highlight pre')]"
    ".every(pre => !pre.getClientRects().length || pre.querySelector('.md-code__nav'))"
)


def axe_with_every_rule(page):
    """axe-core's results with every rule it has switched on (experimental, best
    practice and AAA ones included: by default axe leaves some off), on the page
    as a reader who scrolled through it has it."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.add_style_tag(content=LAY_OUT_EVERY_BLOCK + SIDEBARS_AT_FULL_LENGTH)
    page.evaluate(SCROLL_PAST_EVERY_CODE_BLOCK_JS)
    page.wait_for_function(EVERY_SHOWN_CODE_BLOCK_MOUNTED_JS)
    page.evaluate(axe.axe_script)
    rules = page.evaluate(EVERY_RULE_JS)
    return axe.run(page, options={"resultTypes": ["violations"], "rules": rules}), rules


NARROW_DESKTOP = {"width": 320, "height": 720}
# Each palette on a desktop screen, and the two narrow screens where blocks
# scroll sideways: a phone (touch, no hover: Material then leaves a wide code
# block out of the tab order) and a desktop window zoomed to 400%, 320 CSS
# pixels beside a classic scrollbar (WCAG 1.4.10, Reflow).
AXE_VIEWS = {
    "desktop-light": {"color_scheme": "light"},
    "desktop-dark": {"color_scheme": "dark"},
    "phone-light": {"color_scheme": "light", "viewport": MOBILE, "is_mobile": True,
                    "has_touch": True},
    "zoomed-dark": {"color_scheme": "dark", "viewport": NARROW_DESKTOP},
}


@pytest.mark.parametrize("view", AXE_VIEWS)
def test_axe_with_every_rule_finds_no_violation_on_any_page(open_context, base_url, site_dir,
                                                           view):
    options = AXE_VIEWS[view]
    context, _ = open_context(**options)
    page = context.new_page()
    violations = {}
    for path in built_pages(site_dir):
        page.goto(base_url + path, wait_until="networkidle")
        applied = page.get_attribute("body", "data-md-color-scheme")
        wanted = PALETTES[options["color_scheme"]]
        assert applied == wanted, f"/{path}: palette {applied!r}, wanted {wanted!r}"
        results, rules = axe_with_every_rule(page)
        assert "label-content-name-mismatch" in rules, "the experimental rules are on"
        if results.violations_count:
            violations[path or "home"] = results.generate_report()
    assert not violations, "\n\n".join(f"/{p}\n{report}" for p, report in violations.items())


@pytest.mark.parametrize("scheme", PALETTES)
def test_contrast_holds_on_a_page_just_loaded(open_context, base_url, site_dir, scheme):
    """Lighthouse runs axe on a phone-sized page just loaded, its blocks below the
    screen skipped: hit-testing must not put their text on the footer (extra.css)."""
    from axe_playwright_python.sync_playwright import Axe

    context, _ = open_context(color_scheme=scheme, viewport=MOBILE, is_mobile=True)
    page = context.new_page()
    failures = {}
    for path in ["", "debugging/", "setup/", first_exercise_page(site_dir)]:
        page.goto(base_url + path, wait_until="networkidle")
        results = Axe().run(page, options={"runOnly": ["color-contrast"]})
        if results.violations_count:
            failures[path or "home"] = results.generate_report()
    assert not failures, "\n\n".join(f"/{p}\n{report}" for p, report in failures.items())


def test_the_video_is_named_for_what_it_is_and_its_name_holds_its_text(chapter):
    page, _ = chapter
    button = video_button(page)
    visible = " ".join(button.inner_text().split())
    name = page.evaluate("""element => {
        const label = element.getAttribute('aria-label');
        return label === null ? element.textContent : label;
    }""", button.element_handle())
    assert visible.lower() in " ".join(name.split()).lower(), (visible, name)
    assert "chapter’s video" in visible
    assert "youtube-nocookie.com" in visible, "the button says where the player comes from"


# -- search -------------------------------------------------------------------------------


def open_search(page):
    """Reach for search as a reader does; it loads its index and worker then."""
    search = page.get_by_role("textbox", name="Search")
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")), \
            page.expect_response(lambda r: "/workers/search." in r.url):
        search.click()
    return search


def test_search_loads_only_when_the_reader_reaches_for_it(chapter):
    page, log = chapter
    assert not [url for url in log.first_party if "search" in url], "search loaded on its own"
    open_search(page)  # waits for the index and the worker


def test_search_works_offline(chapter):
    """Once loaded, search runs in the page: no request per query."""
    page, _ = chapter
    search = open_search(page)
    page.context.set_offline(True)
    search.press_sequentially("conditional breakpoint")  # Material searches on key events
    # Result links carry the query (?h=...) before the section's anchor.
    result = page.locator(
        '.md-search-result a[href*="/debugging/"][href$="#conditional-breakpoints"]'
    )
    result.first.wait_for(state="visible", timeout=SEARCH_TIMEOUT_MS)


def test_the_search_key_opens_a_working_search(open_context, base_url):
    context, _ = open_context()
    page = context.new_page()
    page.goto(base_url + "debugging/", wait_until="networkidle")
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        page.keyboard.press("s")
    page.keyboard.type("logpoint")
    page.locator(".md-search-result__item").first.wait_for(state="visible",
                                                          timeout=SEARCH_TIMEOUT_MS)


# -- mobile layout ------------------------------------------------------------------------

# Returns one line per problem: a block wider than the screen, a block whose
# overflow is not scrollable inside its own box, or text smaller than 12px.
LAYOUT_PROBLEMS_JS = """
() => {
  const problems = [];
  const blocks = document.querySelectorAll('.md-content pre > code, .md-content table');
  for (const block of blocks) {
    const box = block.closest('.md-typeset__scrollwrap') || block;
    const name = block.tagName.toLowerCase() + ' "' + block.textContent.trim().slice(0, 30) + '"';
    if (box.getBoundingClientRect().right > window.innerWidth + 0.5) {
      problems.push(name + ' sticks out of the screen');
    }
    const scroller = block.tagName === 'TABLE' ? box : block;
    const overflowX = getComputedStyle(scroller).overflowX;
    if (block.scrollWidth > scroller.clientWidth && !['auto', 'scroll'].includes(overflowX)) {
      problems.push(name + ' overflows without its own scrollbar');
    }
    const size = parseFloat(getComputedStyle(block).fontSize);
    if (size < 12) problems.push(name + ' has ' + size + 'px text');
  }
  return {problems, blocks: blocks.length};
}
"""


@pytest.mark.parametrize("path", ["debugging/", "cheatsheet/"])
def test_mobile_layout_has_no_page_scroll_and_readable_blocks(open_context, base_url, path):
    context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (
        f"/{path} scrolls sideways: {widths[0]}px wide on a {widths[1]}px screen"
    )
    report = page.evaluate(LAYOUT_PROBLEMS_JS)
    assert report["blocks"], f"/{path} has no code block or table to check"
    assert report["problems"] == [], report["problems"]


# -- blocks rendered only near the screen -------------------------------------------------

FOCUSED_LINK_CLIP_JS = """() => {
    const link = document.activeElement;
    const block = link.closest(".md-content__inner > *");
    const style = getComputedStyle(link), blockStyle = getComputedStyle(block);
    return {
        clipMargin: parseFloat(blockStyle.overflowClipMargin) || 0,
        outline: parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth),
    };
}"""


def test_a_focused_link_shows_its_whole_outline(chapter):
    """A block the browser may skip off screen clips what it paints to its box;
    the clip margin must hold a focused link's outline (WCAG 2.4.7)."""
    page, _ = chapter
    for _ in range(300):
        page.keyboard.press("Tab")
        in_skippable_text = page.evaluate(
            "(() => { const block = document.activeElement.closest('.md-content__inner > p');"
            " return !!block && getComputedStyle(block).contentVisibility === 'auto'; })()"
        )
        if in_skippable_text:
            break
    else:
        pytest.fail("Tab never reached a link in running text the browser may skip")
    extent = page.evaluate(FOCUSED_LINK_CLIP_JS)
    assert extent["outline"] > 0, "a focused link shows no outline"
    assert extent["clipMargin"] >= extent["outline"], extent


# Every layout shift the page reports. Nothing is typed or clicked, yet Chromium
# may mark a shift under automation as after input; Lighthouse counts it all the same.
COLLECT_LAYOUT_SHIFTS_JS = """
window.__shifts = [];
new PerformanceObserver(list => {
    for (const shift of list.getEntries()) window.__shifts.push(shift.value);
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", ["", "exercises/", "setup/", "debugging/"])
def test_nothing_shifts_while_a_page_loads_on_a_phone(open_context, base_url, path):
    """Blocks near the screen are rendered before the first paint: none jumps,
    and the footer does not start on screen and then move away."""
    context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    context.add_init_script(COLLECT_LAYOUT_SHIFTS_JS)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)") < 0.01


def test_the_phone_drawer_shows_the_navigation_it_skipped(open_context, base_url):
    """On a phone the navigation waits off screen, skipped, in the drawer:
    opened, it must show its links and follow them."""
    context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "debugging/", wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-sidebar--primary a.md-nav__link[href$='setup/']")
    link.click()  # waits until it is visible and is what a tap at its place hits
    page.wait_for_url(f"{base_url}setup/")


def test_a_code_block_not_yet_in_view_takes_keyboard_focus(chapter):
    """Material mounts a code block when it comes into view (content.lazy):
    until then it must already take focus, as a named region, or a wide one
    could not be scrolled from the keyboard (docs/hooks/lazy_code_blocks.py,
    keyboard-scrolling.js)."""
    page, _ = chapter
    last = page.locator(".md-content .highlight pre > code").last
    assert last.evaluate("code => !code.parentElement.querySelector('.md-code__nav')"), (
        "the chapter's last code block was mounted before it came into view"
    )
    assert last.get_attribute("tabindex") == "0"
    assert last.get_attribute("role") == "region"
    assert last.get_attribute("aria-label").startswith("Code: ")


FOCUSED_BOX_JS = """() => {
    const box = document.activeElement, style = getComputedStyle(box);
    return {
        role: box.getAttribute("role"),
        name: box.getAttribute("aria-label"),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineReach: parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth),
    };
}"""


def test_a_wide_table_scrolls_from_the_keyboard_and_shows_its_focus(open_context, base_url):
    """In a desktop window zoomed to 400%, Tab reaches the chapter's wide table
    as a named region, the arrow keys scroll it and its focus ring shows, inside
    its box (where neither the screen's edge nor a skipped block's clip can cut
    it). Chromium would reach the box unnamed on its own; Safari needs the
    tabindex. Once the window is wide enough for the table, it leaves the tab
    order."""
    context, _ = open_context(viewport=NARROW_DESKTOP)
    page = context.new_page()
    page.goto(base_url + "debugging/", wait_until="networkidle")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-typeset__scrollwrap')"):
            break
    else:
        pytest.fail("Tab never reached a table of the chapter")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    box = page.evaluate(FOCUSED_BOX_JS)
    assert box["role"] == "region", box
    assert box["name"].startswith("Table: "), box
    assert box["outlineStyle"] != "none", box
    assert box["outlineWidth"] > 0, box
    assert box["outlineReach"] <= 0, f"the focus ring is drawn outside the box: {box}"
    page.keyboard.press("Shift+Tab")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function(
        "![...document.querySelectorAll('.md-typeset__scrollwrap')].some(box => box.tabIndex >= 0"
        " && box.firstElementChild.checkVisibility({contentVisibilityAuto: true}))"
    )


# Every block of the article rendered, as each is once a reader scrolls near it.
RENDER_EVERY_BLOCK = ".md-content__inner > * { content-visibility: visible !important; }"
# Every block rendered, with the containment that content-visibility gives it.
RENDER_EVERY_BLOCK_CONTAINED = (
    ".md-content__inner > * { content-visibility: visible !important;"
    " contain: layout paint style !important; }"
)
# The page as Material lays it out: extra.css's rules for skipped blocks deleted.
DELETE_SKIPPING_RULES_JS = """() => {
    for (const sheet of document.styleSheets) {
        for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
            if (sheet.cssRules[i].cssText.includes("content-visibility: auto")) sheet.deleteRule(i);
        }
    }
}"""
POSITIONS_JS = """() => [...document.querySelectorAll('.md-content__inner > *, .md-footer')]
    .map(element => Math.round(element.getBoundingClientRect().top + scrollY))"""


@pytest.mark.parametrize("viewport", [MOBILE, {"width": 1280, "height": 800}])
def test_skipping_blocks_moves_nothing_on_the_page(open_context, base_url, viewport):
    """Containment keeps a block's margins from merging with its neighbours':
    extra.css makes up for it, so every block sits where Material puts it."""
    context, _ = open_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url + "debugging/", wait_until="networkidle")
    override = page.add_style_tag(content=RENDER_EVERY_BLOCK_CONTAINED)
    contained = page.evaluate(POSITIONS_JS)
    override.evaluate("style => style.remove()")
    page.evaluate(DELETE_SKIPPING_RULES_JS)
    page.add_style_tag(content=RENDER_EVERY_BLOCK)
    first_paragraph = page.locator(".md-content__inner > p").first
    assert first_paragraph.evaluate("p => getComputedStyle(p).contain") == "none"
    assert contained == page.evaluate(POSITIONS_JS)


def test_a_link_to_a_late_section_lands_where_a_fully_rendered_page_puts_it(
    open_context, base_url
):
    """Skipped blocks have an estimated height until rendered: a link to one of
    the chapter's last sections must land where it would with every block laid out."""

    def landing(render_every_block: bool) -> tuple[str, float]:
        context, _ = open_context(viewport=MOBILE, is_mobile=True, has_touch=True)
        if render_every_block:
            context.add_init_script(
                "document.addEventListener('DOMContentLoaded', () => {"
                " const style = document.createElement('style');"
                f" style.textContent = {RENDER_EVERY_BLOCK!r};"
                " document.head.append(style); });"
            )
        page = context.new_page()
        page.goto(f"{base_url}debugging/#{anchor}", wait_until="networkidle")
        page.wait_for_timeout(500)  # blocks near the target render; the page settles
        return page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")

    anchor = "post-mortem"
    skipped, laid_out = landing(render_every_block=False), landing(render_every_block=True)
    assert abs(skipped - laid_out) <= 2, f"#{anchor} lands at {skipped}px, not {laid_out}px"


# -- print ------------------------------------------------------------------------------

# A page object of the PDF Chromium writes (not the /Pages tree that holds them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_cheat_sheet_prints_on_one_page(open_context, base_url, paper):
    context, _ = open_context()
    page = context.new_page()
    page.goto(base_url + "cheatsheet/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden(), "the site's chrome is not printed"
    assert page.locator(".print-one-page").count() == 1
    pdf = page.pdf(format=paper)
    assert len(PDF_PAGE.findall(pdf)) == 1


# -- exercise pages -----------------------------------------------------------------------


def test_hints_stay_collapsed_until_opened(open_context, base_url, site_dir):
    context, _ = open_context()
    page = context.new_page()
    page.goto(base_url + first_exercise_page(site_dir))
    hints = page.locator(".md-content details")
    assert hints.count() >= 1, "the exercise page shows no collapsible hint"
    for index in range(hints.count()):
        assert hints.nth(index).get_attribute("open") is None, f"hint {index + 1} starts open"
    first = hints.first
    first.locator("summary").click()
    assert first.get_attribute("open") is not None, "clicking the hint's summary did not open it"
    assert first.locator("summary ~ *").first.is_visible()
