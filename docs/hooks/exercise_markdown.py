"""The Markdown of the exercise pages, written from each exercise's metadata.

Pure functions of :class:`course.catalog.Exercise`: the hooks decide where
the text goes, this module decides what it says. Nothing here is stored on
disk, so a page can never drift from its ``exercise.toml``.
"""

from __future__ import annotations

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


def stop_kind(exercise: Exercise) -> str:
    """How the debugger first shows the bug: "pause", "exception", "logpoint" or
    "breakpoint" (the same facts tests/test_debugger.py asserts over DAP)."""
    debug = exercise.debug
    if debug.pause:
        return "pause"
    if debug.exception:
        return "exception"
    return "logpoint" if debug.log else "breakpoint"


# What each kind of stop looks like, said without its place: the page confirms an
# observation, never the line to read.
_HOW_IT_STOPS = {
    "pause": "Press Pause (++f6++) once the output stalls; the Call Stack lists every thread.",
    "exception": ("{debugger} stops where the exception is raised, or where it comes back "
                  "out of a library call: no breakpoint is needed for that stop."),
    "logpoint": "A logpoint prints in the Debug Console while the program runs on.",
    "breakpoint": "",
}


def _right_track(exercise: Exercise) -> str:
    """The observation that tells a learner they are on the right track, and no location."""
    # In a terminal an exception stop is pdb's post-mortem.
    debugger = "pdb" if exercise.mode == "terminal" else "The debugger"
    kind = stop_kind(exercise)
    how = _HOW_IT_STOPS[kind].format(debugger=debugger)
    sentence = f"**Right track.** {exercise.right_track} {how}".strip()
    return f'{sentence}\n{{: .right-track data-stop-kind="{kind}" }}'


# debugpy runs a condition with eval() and, when it raises, neither suspends
# nor (for a NameError) prints anything: pydevd's defaults in debugpy mode.
CONDITION_SOURCE = (
    "https://github.com/microsoft/debugpy/blob/main/src/debugpy/_vendored/pydevd/"
    "_pydevd_bundle/pydevd_defaults.py"
)


def _condition_note(exercise: Exercise) -> str:
    """On pages whose stop uses a condition: the silent failure, and conditions that work."""
    if not exercise.debug.condition:
        return ""
    return f"""\
!!! warning "A condition that raises never stops"

    A breakpoint condition is evaluated in the paused frame, before its line
    runs. If evaluating it raises, the breakpoint simply never stops, and for
    a name that does not exist there (`math.isnan(x)` in a file that never
    imports `math`) nothing is printed either. Write conditions with the
    frame's own variables and operators: `x != x` is true only for NaN, and
    `n > 1000` needs no import. See [debugpy's defaults]({CONDITION_SOURCE}).

"""


def _predict(exercise: Exercise) -> str:
    if not exercise.predict:
        return ""
    return f"""## Predict

{exercise.predict}

Write your answer down now, before you start the debugger: you will compare
it with what the debugger shows.

"""


def _steps(exercise: Exercise) -> str:
    """What the learner does, in the order they do it."""
    if exercise.mode == "terminal":
        return f"""## Run it in a terminal

Everything happens in a terminal at the repository's root: no launch
configuration, no ++f5++.

{exercise.start}
"""
    if exercise.mode == "notebook":
        return f"""## Debug it in the notebook

The notebook's own **Debug Cell** starts the debugger here; the launch
configuration mentioned at the end is only an alternative.

{exercise.start}
"""
    return f"""## Set up, then start

1. Before you start anything, set up what the debugger needs:

{_indent(exercise.start)}

2. Open Run and Debug (++ctrl+shift+d++, or ++cmd+shift+d++ on macOS) and pick
   the configuration `{exercise.launch_name}` in the drop-down.
3. Press ++f5++.
"""


def _bonus(exercise: Exercise) -> str:
    """The optional question only the debugger readily answers, when the exercise has one."""
    if not exercise.question:
        return ""
    return f"""## Bonus: what did the debugger show?

{exercise.question["text"]}

Answer with `python -m exercises answer {exercise.number} "your answer"`. A right
answer earns a ★ in the progress table; a wrong one never counts against you.

"""


def _solution_link(exercise: Exercise, repository: str, branch: str) -> str:
    """The folder of reference fixes: its address names no file, so the page never does."""
    return f"[`solutions/{exercise.slug}/`]({repository}/tree/{branch}/solutions/{exercise.slug})"


def exercise_page(exercise: Exercise, repository: str, branch: str) -> str:
    """The whole page of one exercise; its H1 is the page title."""
    folder = f"exercises/{exercise.slug}"
    return f"""\
# {exercise.number:02d} · {exercise.title}

**Skill:** [{exercise.skill}]({CHAPTER}#{exercise.chapter_anchor})

## The scenario

{exercise.scenario}

{_predict(exercise)}{_steps(exercise)}
{_condition_note(exercise)}{_right_track(exercise)}

## Fix it

Fix the cause wherever you find it: any module of the program in `{folder}/`
may change. The checks (`test_*.py`), `exercise.toml` and any course tool the
configuration runs stay as shipped: the grader watches them.

## Hints

Open them one at a time, from gentle to almost the answer.

{_hints(exercise)}

{_bonus(exercise)}## Check your fix

```bash
pytest {folder}
```

## Finish it: the test that would have caught it

Write that test as `{folder}/test_regression.py`: it should fail on the
exercise as shipped and pass on your fix. The grader tries it on both and
gives it a mark of its own (⚑):

```bash
python -m exercises check {exercise.number} --regression
```

Once the exercise is solved, `python -m exercises debrief {exercise.number}`
tells how the bug happens, where it hides in real systems and how to prevent
it.

Still stuck after the last hint? The solution is on the repository:
{_solution_link(exercise, repository, branch)}.
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
