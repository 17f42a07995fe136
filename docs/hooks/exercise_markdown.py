"""The Markdown of the exercise pages, written from each exercise's metadata.

Pure functions of :class:`course.catalog.Exercise`: the hooks decide where
the text goes, this module decides what it says. Nothing here is stored on
disk, so a page can never drift from its ``exercise.toml``.
"""

from __future__ import annotations

import posixpath
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    # `mkdocs` started as a console script does not see the repository's packages.
    sys.path.insert(0, str(ROOT))

from course.catalog import Exercise  # noqa: E402

CHAPTER = "../debugging.md"


def page_uri(exercise: Exercise) -> str:
    """Where the generated page lives in the docs tree, e.g. ``exercises/ex03_x.md``."""
    return f"exercises/{exercise.slug}.md"


def _indent(markdown: str) -> str:
    return textwrap.indent(markdown.strip(), "    ")


def _hints(exercise: Exercise) -> str:
    """Collapsed hints, kept out of the search index so a search never spoils them."""
    blocks = "\n\n".join(
        f'??? tip "Hint {level}"\n\n{_indent(hint)}'
        for level, hint in enumerate(exercise.hints, start=1)
    )
    return f"<div markdown data-search-exclude>\n\n{blocks}\n\n</div>"


def _stop(exercise: Exercise) -> str:
    """Where the configuration's first useful pause is, so a learner knows they got there."""
    debug = exercise.debug
    where = posixpath.normpath(f"exercises/{exercise.slug}/{debug.file}")
    place = f"**line {debug.line}** of `{where}`"
    if debug.log:
        return f"You are on the right track when a logpoint at {place} prints what you need."
    if debug.exception:
        return (
            "You are on the right track when, with exception breakpoints on, "
            f"the debugger pauses at {place}."
        )
    return f"You are on the right track when the debugger pauses at {place}."


def _bonus(exercise: Exercise) -> str:
    """The optional question only the debugger readily answers, when the exercise has one."""
    if not exercise.question:
        return ""
    return f"""## Bonus: what did the debugger show?

{exercise.question["text"]}

Answer with `python -m exercises answer {exercise.number} "your answer"`. A right
answer earns a ★ in the progress table; a wrong one never counts against you.

"""


def _solution_links(exercise: Exercise, repository: str, branch: str) -> str:
    return ", ".join(
        f"[`{relative}`]({repository}/blob/{branch}/solutions/{exercise.slug}/{relative})"
        for relative in exercise.edit
    )


def exercise_page(exercise: Exercise, repository: str, branch: str) -> str:
    """The whole page of one exercise; its H1 is the page title."""
    folder = f"exercises/{exercise.slug}"
    edit = "\n".join(f"- `{folder}/{relative}`" for relative in exercise.edit)
    return f"""\
# {exercise.number:02d} · {exercise.title}

**Skill:** [{exercise.skill}]({CHAPTER}#{exercise.chapter_anchor})

## The scenario

{exercise.scenario}

## Start it

1. Open Run and Debug (++ctrl+shift+d++, or ++cmd+shift+d++ on macOS).
2. Pick the configuration `{exercise.launch_name}` in the drop-down.
3. Press ++f5++.

{exercise.start}

{_stop(exercise)}

## Fix it

The files to edit:

{edit}

## Hints

Open them one at a time, from gentle to almost the answer.

{_hints(exercise)}

{_bonus(exercise)}## Check your fix

```bash
pytest {folder}
```

Still stuck after the last hint? The solution is on the repository:
{_solution_links(exercise, repository, branch)}.
"""


def _cell(text: str) -> str:
    return text.replace("|", r"\|")


def exercise_table(exercises: tuple[Exercise, ...]) -> str:
    """The table on the exercises index: number, title (linked), skill."""
    if not exercises:
        return "No exercise is published yet: they will appear here as they land."
    rows = "\n".join(
        f"| {e.number:02d} | [{_cell(e.title)}]({e.slug}.md) | {_cell(e.skill)} |"
        for e in exercises
    )
    return f"| # | Exercise | Skill |\n|---|---|---|\n{rows}"
