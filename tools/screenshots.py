"""Write PNG screenshots of the built site to docs/assets/screenshots/ (``make screenshots``).

Each shot is one viewport, not a full page, at a device pixel ratio of 1, so
the committed files stay small. The site is built and served exactly as the
browser tests see it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.catalog import all_exercises
from tools.browser import INSTALL_HINT, ROOT, build_site, chromium_path, launch_chromium, serve

OUTPUT = ROOT / "docs" / "assets" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # may end in '#heading-id': the browser scrolls there, below the sticky header
    mobile: bool = False
    scheme: str = "light"


def shots() -> list[Shot]:
    wanted = [
        Shot("home", ""),
        Shot("chapter-desktop-light", "debugging/#video"),
        Shot("chapter-desktop-dark", "debugging/#video", scheme="dark"),
        Shot("chapter-mobile-light", "debugging/", mobile=True),
        Shot("chapter-mobile-dark", "debugging/", mobile=True, scheme="dark"),
    ]
    exercises = all_exercises()
    if exercises:
        wanted.append(Shot("exercise", f"exercises/{exercises[0].slug}/"))
    return wanted


def take(shot: Shot, browser, base_url: str, output: Path) -> Path:
    context = browser.new_context(
        viewport=MOBILE if shot.mobile else DESKTOP,
        color_scheme=shot.scheme,
        is_mobile=shot.mobile,
        has_touch=shot.mobile,
    )
    page = context.new_page()
    page.goto(base_url + shot.path, wait_until="networkidle")
    target = output / f"{shot.name}.png"
    page.screenshot(path=str(target), animations="disabled", caret="hide")
    context.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    executable = chromium_path()
    if executable is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = build_site(Path(scratch) / "site")
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright, executable)
            for shot in shots():
                target = take(shot, browser, base_url, args.output)
                print(f"{target}  {target.stat().st_size / 1024:.0f} KB")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
