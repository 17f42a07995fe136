"""The site: strict build, links and anchors, the chapter's topics, the video
facade, no third-party request on page load, and one page per exercise.

The site is built once per session into a temporary folder; every test reads
the built HTML with the standard library's parser.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import yaml_load

from course.catalog import Exercise, all_exercises
from tests.dap import source_file, stop_breakpoints, stop_exception_filters
from tests.give_aways import UNREMARKABLE, fact_pattern, give_aways
from tools.browser import build_site

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "docs" / "hooks"
CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # knows !ENV
SITE_PATH = urlsplit(CONFIG["site_url"]).path  # absolute links (404 page) start with it
VIDEO_ID = "6mhZVWr6uYg"
CHAPTER_ANCHORS = [
    "what-is-debugging", "why-it-matters", "video", "breakpoints", "debugging-and-logging",
    "pdb", "vs-code-debugger", "launch-json", "using-the-debugger", "stepping",
    "inspecting-values", "debug-console", "conditional-breakpoints", "logpoints", "watch",
    "call-stack", "exception-breakpoints", "just-my-code", "debugging-tests", "attach",
    "notebooks", "data-inspection", "troubleshooting", "further-reading",
]  # fmt: skip

# Attributes whose URL the browser fetches as soon as the page loads.
LOADING_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
LOADING_LINK_RELS = {
    "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
    "icon", "apple-touch-icon", "manifest",
}  # fmt: skip
CSS_REMOTE = re.compile(r"""@import|url\(\s*['"]?\s*(?:https?:)?//""", re.IGNORECASE)


@dataclass
class ParsedPage:
    """What the tests need from one built HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    code_blocks: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_style = False
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.page.elements.append((tag, attributes))
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.page.ids.add(attributes["name"])
        if "style" in attributes:
            self.page.styles.append(attributes["style"])
        if tag in ("a", "link") and "href" in attributes:
            self.page.links.append(attributes["href"])
        rels = set(attributes.get("rel", "").lower().split())
        if tag == "link" and rels & LOADING_LINK_RELS:
            self.page.loaded.append(attributes.get("href", ""))
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if name in attributes:
                self.page.loaded.extend(
                    candidate.split()[0]
                    for candidate in attributes[name].split(",")
                    if candidate.strip()
                )
        self._in_style = tag == "style"
        if tag == "pre":
            self._in_pre = True
            self.page.code_blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        (self.page.styles if self._in_style else self.page.text).append(data)
        if self._in_pre:
            self.page.code_blocks[-1] += data


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[Path, ParsedPage]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def built_page(site: Path, src_uri: str) -> Path:
    """Where MkDocs (directory URLs) writes the page of ``src_uri``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a same-site link points to; None for other origins."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        assert path.startswith(SITE_PATH), f"{page}: absolute link {href} outside the site"
        target = site / path.removeprefix(SITE_PATH)
    else:
        target = page.parent / path
    if target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def nav_sources(nav: list) -> list[str]:
    """Every Markdown file the configured nav names, depth first."""
    sources = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        sources.extend(nav_sources(value) if isinstance(value, list) else [value])
    return sources


# --- the build ----------------------------------------------------------------


def test_strict_build_produces_the_home_page(site: Path) -> None:
    assert (site / "index.html").is_file()


@pytest.mark.parametrize("src_uri", nav_sources(CONFIG["nav"]))
def test_every_nav_page_is_built(site: Path, src_uri: str) -> None:
    assert (ROOT / "docs" / src_uri).is_file(), f"nav names {src_uri}, which is not in docs/"
    assert built_page(site, src_uri).is_file()


def test_every_internal_link_and_anchor_resolves(site: Path, pages: dict[Path, ParsedPage]):
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            resolved = resolve(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif fragment and target in pages and unquote(fragment) not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize(("snippet", "builds"), [("pyproject.toml", True), ("no/such.py", False)])
def test_snippet_includes_must_exist(tmp_path: Path, snippet: str, builds: bool) -> None:
    """The site's own Markdown settings turn a missing snippet into a failed build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f'# Snippet\n\n--8<-- "{snippet}"\n', encoding="utf-8")
    config = {
        "site_name": "snippet check",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "markdown_extensions": CONFIG["markdown_extensions"],
    }
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) == builds, result.stderr


# --- privacy: nothing from another origin before the reader clicks ----------------


def test_no_page_loads_anything_from_another_origin(site: Path, pages: dict[Path, ParsedPage]):
    offenders = [
        f"{page.relative_to(site)}: {url}"
        for page, parsed in pages.items()
        for url in parsed.loaded
        if urlsplit(url).netloc
    ]
    offenders += [
        f"{page.relative_to(site)}: inline style {style.strip()[:80]}"
        for page, parsed in pages.items()
        for style in parsed.styles
        if CSS_REMOTE.search(style)
    ]
    assert not offenders, "third-party requests on page load:\n" + "\n".join(offenders)


def test_no_stylesheet_imports_or_fetches_from_another_origin(site: Path) -> None:
    stylesheets = list(site.rglob("*.css"))
    assert stylesheets, "the build should ship stylesheets"
    offenders = [
        path.relative_to(site)
        for path in stylesheets
        if CSS_REMOTE.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_nothing_holds_the_first_paint(site: Path, pages: dict[Path, ParsedPage]) -> None:
    """The site's stylesheets are inline and its scripts deferred (docs/hooks/first_paint.py)."""
    offenders = [
        f"{page.relative_to(site)}: <{tag} {attributes}>"
        for page, parsed in pages.items()
        for tag, attributes in parsed.elements
        if (tag == "link" and attributes.get("rel") == "stylesheet")
        or (tag == "script" and attributes.get("src") and "defer" not in attributes)
    ]
    assert not offenders, "\n".join(offenders[:10])


# --- the chapter ------------------------------------------------------------------


@pytest.fixture(scope="session")
def chapter(site: Path, pages: dict[Path, ParsedPage]) -> ParsedPage:
    return pages[built_page(site, "debugging.md").resolve()]


@pytest.mark.parametrize("anchor", CHAPTER_ANCHORS)
def test_chapter_has_a_section_per_topic(chapter: ParsedPage, anchor: str) -> None:
    assert anchor in chapter.ids


def test_chapter_launch_json_examples_use_the_current_debugpy_type(chapter: ParsedPage):
    types = [
        re.findall(r'"type"\s*:\s*"(\w+)"', block)
        for block in chapter.code_blocks
        if '"request"' in block
    ]
    assert types, "the chapter should show a launch.json configuration"
    assert all(found == ["debugpy"] * len(found) for found in types), types


def test_chapter_has_the_video_facade_with_a_plain_link(chapter: ParsedPage) -> None:
    facades = [
        attributes
        for tag, attributes in chapter.elements
        if "video-facade" in attributes.get("class", "").split()
    ]
    assert len(facades) == 1
    assert facades[0]["id"] == f"video-{VIDEO_ID}"
    assert facades[0]["data-video-id"] == VIDEO_ID
    assert f"https://www.youtube.com/watch?v={VIDEO_ID}" in chapter.links
    assert not any(tag == "iframe" for tag, _ in chapter.elements), "the player loads on click"


# --- exercise pages -----------------------------------------------------------------


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_exercise_page_has_collapsed_hints_and_its_steps(site, pages, exercise) -> None:
    parsed = pages[built_page(site, f"exercises/{exercise.slug}.md").resolve()]
    text = unescape("".join(parsed.text))
    details = [attributes for tag, attributes in parsed.elements if tag == "details"]
    assert len(details) == len(exercise.hints)
    assert not any("open" in attributes for attributes in details), "hints start collapsed"
    # Terminal and notebook exercises are not started with F5: no configuration to pick.
    assert (exercise.launch_name in text) == (exercise.mode == "vscode")
    assert f"pytest exercises/{exercise.slug}" in text
    assert any(href.endswith(f"/tree/main/solutions/{exercise.slug}") for href in parsed.links)
    assert f"../../debugging/#{exercise.chapter_anchor}" in parsed.links
    if exercise.question:
        question = " ".join(exercise.question["text"].replace("`", "").split())
        assert question[:40] in " ".join(text.split()), "the bonus question is on the page"
        assert f"python -m exercises answer {exercise.number}" in text


def stop_kind_the_dap_test_asserts(exercise: Exercise) -> str:
    """How tests/test_debugger.py requires the configuration to stop, from its own helpers:
    the breakpoint (or logpoint) it sets, or, with none, the exception filter's stop."""
    source = source_file(exercise, ROOT)
    points = stop_breakpoints(exercise.debug, source)
    if exercise.debug.pause:
        return "pause"  # no breakpoint: the test pauses a stalled program
    if not points:
        assert stop_exception_filters(exercise.debug), exercise.slug
        return "exception"
    return "logpoint" if "logMessage" in points[source][0] else "breakpoint"


def exercise_page_of(site: Path, pages: dict[Path, ParsedPage], exercise: Exercise) -> ParsedPage:
    return pages[built_page(site, f"exercises/{exercise.slug}.md").resolve()]


def flat(text: str) -> str:
    return " ".join(unescape(text).replace("`", "").split())


def program_files(exercise: Exercise) -> set[str]:
    return {path.name for path in exercise.folder.iterdir() if path.suffix in (".py", ".ipynb")}


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_right_track_confirms_an_observation_never_a_place(site, pages, exercise) -> None:
    parsed = exercise_page_of(site, pages, exercise)
    claims = [a for tag, a in parsed.elements if "right-track" in a.get("class", "").split()]
    assert len(claims) == 1, "one right-track line per page"
    assert claims[0]["data-stop-kind"] == stop_kind_the_dap_test_asserts(exercise)
    observation = exercise.right_track
    assert observation, "exercise.toml needs right_track: what the learner sees in the debugger"
    named = [name for name in program_files(exercise) if name in observation]
    assert not named, "the right-track line names a file to read instead of an observation"
    assert not re.search(r"\bline \d", observation), "the right-track line names a line"
    if claims[0]["data-stop-kind"] == "exception":
        assert "stops where the exception is raised" in flat("".join(parsed.text))


def words(text: str) -> str:
    """Lower-case words only, so rendered HTML and its Markdown source compare."""
    text = re.sub(r"\]\([^)]*\)", "]", unescape(text))  # a Markdown link keeps its text
    text = re.sub(r"```\w*", "", text)  # a fence's language is not rendered
    text = re.sub(r"(?m)^\s*\d+\.\s+", "", text)  # nor an ordered list's numbers
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_steps_come_in_the_order_a_learner_acts(site, pages, exercise) -> None:
    """Scenario, Predict, the set-up, then (VS Code only) the configuration and F5."""
    text = words("".join(exercise_page_of(site, pages, exercise).text))
    steps = [exercise.scenario, *(["Predict", exercise.predict] if exercise.predict else []),
             exercise.start]
    pick = f"pick the configuration {exercise.launch_name}"
    if exercise.mode == "vscode":
        steps += [pick, "Press F5."]
    elif exercise.mode == "notebook":
        assert "debug cell" in text.split("press f5")[0], "Debug Cell comes first"
    else:
        assert words(pick) not in text, "no VS Code steps outside VS Code"
        assert "press f5" not in text, "no VS Code steps outside VS Code"
        assert "no launch configuration no f5" in text
    steps.append("Right track.")
    position = 0
    for step in steps:
        needle = " ".join(words(step).split()[:10])
        assert needle in text[position:], f"not after the previous step: {step[:60]!r}"
        position = text.index(needle, position) + len(needle)


CONDITIONAL = tuple(e for e in all_exercises() if e.debug.condition)


@pytest.mark.parametrize("exercise", CONDITIONAL, ids=lambda exercise: exercise.slug)
def test_pages_with_a_condition_say_a_raising_one_never_stops(site, pages, exercise) -> None:
    text = flat("".join(exercise_page_of(site, pages, exercise).text))
    assert "A condition that raises never stops" in text
    assert "x != x" in text, "and show a condition that works"


# --- no spoilers: an exercise's give-aways stay on its own page ----------------------

class _TextParser(HTMLParser):
    """What a reader can see or a screen reader can read: text, code, alt and titles."""

    HIDDEN = frozenset({"script", "style", "svg", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def readable_text(path: Path) -> str:
    parser = _TextParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


@pytest.fixture(scope="session")
def readable(site: Path) -> dict[str, str]:
    """Every place a reader could meet a fact: each page's text and each search entry,
    keyed by the page's address (``exercises/ex03_x/``, ``debugging/#video``...)."""
    places = {
        page.relative_to(site).as_posix().removesuffix("index.html"): readable_text(page)
        for page in sorted(site.rglob("*.html"))
    }
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for number, document in enumerate(index["docs"]):
        text = unescape(re.sub(r"<[^>]+>", " ", f"{document['title']} {document['text']}"))
        places[f"{document['location']} (search entry {number})"] = text
    return places


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.slug)
def test_no_give_away_appears_outside_the_exercise_page(readable: dict[str, str],
                                                        exercise: Exercise) -> None:
    own = f"exercises/{exercise.slug}/"
    leaks = [
        f"{fact!r} on {place}"
        for fact in give_aways(exercise)
        for place, text in readable.items()
        if not place.startswith(own) and fact_pattern(fact).search(text)
    ]
    assert not leaks, "give-aways outside the exercise's own page:\n" + "\n".join(leaks)


@pytest.mark.parametrize(("fact", "text", "found"), [
    ("bikes == 0", "a condition like bikes==0 here", True),
    ("644", "only 644 of the rows", True),
    ("644", "16440 rows, 644.5 s", False),
    ("np.float64(inf)", "shows np.float64( inf )", True),
    ("12 June", "on 12 june at 18:00", True),
])
def test_a_fact_is_found_whatever_its_spacing_and_only_whole(fact, text, found) -> None:
    assert bool(fact_pattern(fact).search(text)) == found


def test_unremarkable_values_are_not_facts() -> None:
    assert UNREMARKABLE.fullmatch("False")
    assert UNREMARKABLE.fullmatch("1")
    assert not UNREMARKABLE.fullmatch("644")


def test_search_never_spoils_a_hint(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searchable = unescape(" ".join(document["text"] for document in index["docs"]))
    searchable = re.sub(r"<[^>]+>", "", searchable)
    for exercise in all_exercises():
        for hint in exercise.hints:
            words = " ".join(re.sub(r"[`*_\[\]]", "", hint).split()[:8])
            assert words not in searchable, f"a hint of {exercise.slug} is in the search index"


def test_exercises_are_listed_in_course_order(site: Path, pages: dict[Path, ParsedPage]):
    index = pages[built_page(site, "exercises/index.md").resolve()]
    expected = [f"{exercise.slug}/" for exercise in all_exercises()]
    listed = [href for href in dict.fromkeys(index.links) if href in expected]
    assert listed == expected


# --- the hooks on their own ---------------------------------------------------------


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch):
    """Import a module of docs/hooks/ by name, as MkDocs finds its siblings."""
    monkeypatch.syspath_prepend(str(HOOKS))
    return importlib.import_module


@pytest.mark.parametrize(
    "placeholder",
    [
        "<!-- vidoe: 6mhZVWr6uYg -->",  # unknown name
        '<!-- video: 6mhZVWr6uYg "A title" -->',  # the page must not invent one
        "<!-- video: not-an-id -->",  # not a YouTube id
        "<!-- exercise-table: some -->",
    ],
)
def test_a_bad_shortcode_stops_the_build(hook, placeholder: str) -> None:
    with pytest.raises(PluginError, match=r"page\.md"):
        hook("shortcodes").expand(f"Text\n\n{placeholder}\n", "page.md")


def test_ordinary_comments_are_left_alone(hook) -> None:
    markdown = "<!-- TODO: a screenshot -->\n<!-- no colon here -->\n"
    assert hook("shortcodes").expand(markdown, "page.md") == markdown


def test_video_shortcode_becomes_the_facade(hook) -> None:
    html = hook("shortcodes").expand(f"<!-- video: {VIDEO_ID} -->", "page.md")
    assert f'data-video-id="{VIDEO_ID}"' in html
    assert "Play the chapter’s video" in html
    assert "aria-label" not in html, "its name is its visible text"
    assert "<iframe" not in html, "no player before a click"
    assert "youtube-nocookie.com/embed" not in html, "no player before a click"


def test_tested_with_reads_the_lock(hook) -> None:
    box = hook("shortcodes").expand("<!-- tested-with: python debugpy scikit-learn -->", "p.md")
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    debugpy = re.search(r"^debugpy==(\S+)", lock, re.MULTILINE)[1]
    assert box.startswith('!!! info tested-with "Tested with"')
    assert f"| debugpy | {debugpy} |" in box
    assert re.search(r"\| Python \| 3\.\d+", box)


def test_tested_with_refuses_a_package_the_lock_does_not_pin(hook) -> None:
    with pytest.raises(PluginError, match="not pinned"):
        hook("shortcodes").expand("<!-- tested-with: no-such-package -->", "p.md")


def test_tested_with_names_the_python_range_of_a_split_pin(hook, tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text("numpy==2.4.6 ; python_full_version < '3.12'\n"
                    "numpy==2.5.5 ; python_full_version >= '3.12'\n", encoding="utf-8")
    assert hook("tested_with").pins(lock)["numpy"] == [
        ("2.4.6", "Python < 3.12"), ("2.5.5", "Python >= 3.12")]


@pytest.mark.parametrize("mode", ["terminal", "notebook"])
def test_a_page_outside_vscode_has_no_f5_steps(hook, mode: str) -> None:
    exercise = dataclasses.replace(all_exercises()[0], mode=mode, predict="Which value? Guess.")
    page = hook("exercise_markdown").exercise_page(exercise, "https://example.org/r", "main")
    assert "Press ++f5++" not in page
    assert "pick\n   the configuration" not in page
    assert page.index("## Predict") < page.index(exercise.start[:40]) < page.index("Right track")


def test_an_exception_stop_is_pdbs_in_a_terminal(hook) -> None:
    first = all_exercises()[0]
    exercise = dataclasses.replace(first, mode="terminal",
                                   debug=dataclasses.replace(first.debug, exception="uncaught"))
    page = hook("exercise_markdown").exercise_page(exercise, "https://example.org/r", "main")
    assert "pdb stops where the exception is raised" in page
    assert 'data-stop-kind="exception"' in page


def test_empty_catalog_gives_a_note_instead_of_a_table(hook) -> None:
    assert "|" not in hook("exercise_markdown").exercise_table(())


def test_exercise_pages_join_the_nav_after_the_index(hook) -> None:
    exercise_pages = hook("exercise_pages")
    nav = [{"Home": "index.md"}, {"Exercises": "exercises/index.md"}]
    pages = ["exercises/ex01_a.md", "exercises/ex02_b.md"]
    assert exercise_pages._with_exercise_pages(nav, pages)[1] == {
        "Exercises": ["exercises/index.md", *pages]
    }
    with pytest.raises(PluginError):
        exercise_pages._with_exercise_pages([{"Home": "index.md"}], pages)
