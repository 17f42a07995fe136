"""How strong is each exercise's check? Mutate the solved code and count the mutants it kills.

A check that passes a real fix must also fail when the fixed module is subtly
wrong in another place: otherwise a learner could pass it with a different
mistake. This small AST mutator lays every solution over a copy of the lab,
then, one exercise at a time, changes one operator, comparison, number,
boolean or keyword argument in the files the learner edits and in the module
the exercise's configuration runs (notebook code cells included), and runs
the check.

Each check runs in a child forked from a process that has already imported
pandas, numpy, scikit-learn and pytest, so a mutant costs a fraction of a
second instead of a fresh interpreter's import time (POSIX only). A mutant that
the check still passes is a survivor: either the check misses a behaviour, or
the mutant is equivalent (it cannot change what the module does); the known
equivalent ones are listed, each with the reason, in
``benchmarks/equivalent_mutants/exNN.toml``; whole kinds of statement that
cannot change a result are in ``EQUIVALENT_STATEMENTS``.

    python -m benchmarks.mutation            # every exercise
    python -m benchmarks.mutation ex03 ex10  # some
"""

from __future__ import annotations

import ast
import copy
import json
import os
import shutil
import signal
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD_TIMEOUT_SECONDS = 60
TARGET = 0.9
JSON_MARKER = "mutation-scores: "

# One file per exercise: [[mutant]] tables with file, line, mutation and reason.
EQUIVALENT_DIR = Path(__file__).with_name("equivalent_mutants")
# Statements whose mutants are equivalent for grading by design, with the reason.
EQUIVALENT_STATEMENTS = {
    "__file__": "the shipped data's location: every check passes its own data folder",
    "basicConfig(": "how the program logs (level, format), not what it computes",
    "ArgumentParser(": "the command line's description, not what the program computes",
    "add_argument(": "a command-line option's type, default and help, not the computation",
    "flush=True": "when the output reaches the terminal, not what it says",
}


def equivalent_mutants() -> dict[tuple[str, str, int, str], str]:
    """(exercise, file, line, mutation) -> why it cannot change behaviour."""
    found = {}
    for path in sorted(EQUIVALENT_DIR.glob("ex*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("mutant", []):
            key = (path.stem, entry["file"], entry["line"], entry["mutation"])
            found[key] = entry["reason"]
    return found

SWAPS: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
    ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.And: ast.Or, ast.Or: ast.And,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    file: str  # relative to the exercise folder
    line: int
    description: str
    source: str  # the whole mutated module
    equivalent_because: str = ""


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Nodes never mutated: docstrings, f-string internals, annotations, the main guard."""
    skipped: set[int] = set()

    def skip(node: ast.AST) -> None:
        skipped.update(id(child) for child in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip(first)
        if isinstance(node, ast.JoinedStr):
            skip(node)
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            skip(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            skip(node.returns)
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name)
            and node.test.left.id == "__name__"
        ):
            skip(node)
    return skipped


def _edits(node: ast.AST) -> Iterator[tuple[str, callable]]:
    """(description, apply) pairs for one node; apply mutates a copy of that node in place."""
    if isinstance(node, ast.BinOp | ast.BoolOp) and type(node.op) in SWAPS:
        new = SWAPS[type(node.op)]
        yield f"{type(node.op).__name__} -> {new.__name__}", lambda n: setattr(n, "op", new())
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in SWAPS:
                new = SWAPS[type(op)]

                def apply(n, index=index, new=new):
                    n.ops[index] = new()

                yield f"{type(op).__name__} -> {new.__name__}", apply
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "drop `not`", None  # handled by the caller: replace the node by its operand
    if isinstance(node, ast.Constant) and not isinstance(node.value, str | bytes):
        value = node.value
        if isinstance(value, bool):
            yield f"{value} -> {not value}", lambda n: setattr(n, "value", not n.value)
        elif isinstance(value, int):
            yield f"{value} -> {value + 1}", lambda n: setattr(n, "value", n.value + 1)
        elif isinstance(value, float):
            new_value = value * 2 if value else 1.0
            yield f"{value} -> {new_value}", lambda n, v=new_value: setattr(n, "value", v)
    if isinstance(node, ast.Call):
        for index, keyword in enumerate(node.keywords):
            if keyword.arg is not None:
                yield f"drop `{keyword.arg}=`", lambda n, i=index: n.keywords.pop(i)


class _Replace(ast.NodeTransformer):
    """Apply one edit to the node at a given position of a fresh copy of the tree."""

    def __init__(self, target: int, description: str, apply) -> None:
        self.target, self.description, self.apply, self.seen = target, description, apply, -1

    def generic_visit(self, node: ast.AST) -> ast.AST:
        self.seen += 1
        if self.seen == self.target:
            if self.apply is None:  # drop `not`
                return node.operand
            self.apply(node)
            return node
        return super().generic_visit(node)


def mutants(relative: str, source: str) -> Iterator[Mutant]:
    tree = ast.parse(source)
    skipped = _skipped_nodes(tree)
    # Number the nodes in the same pre-order that _Replace.generic_visit walks.
    order: list[ast.AST] = []

    class _Order(ast.NodeVisitor):
        def generic_visit(self, node: ast.AST) -> None:
            order.append(node)
            super().generic_visit(node)

    _Order().visit(tree)
    reasons = _statement_reasons(tree, source)
    for position, node in enumerate(order):
        if id(node) in skipped:
            continue
        for description, apply in _edits(node):
            mutated = _Replace(position, description, apply).visit(copy.deepcopy(tree))
            ast.fix_missing_locations(mutated)
            line = getattr(node, "lineno", 0)
            yield Mutant(
                relative, line, description, ast.unparse(mutated), reasons.get(line, "")
            )


def _statement_reasons(tree: ast.Module, source: str) -> dict[int, str]:
    """Lines of simple statements whose mutants are equivalent by design, with the reason."""
    reasons = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not hasattr(node, "body"):
            text = ast.get_source_segment(source, node) or ""
            for marker, reason in EQUIVALENT_STATEMENTS.items():
                if marker in text:
                    reasons.update(dict.fromkeys(range(node.lineno, node.end_lineno + 1), reason))
    return reasons


# --- running the checks ---------------------------------------------------------------


def _run_check_in_child(lab: Path, folder: Path) -> bool:
    """True when the exercise's check passes: run pytest in a forked child."""
    pid = os.fork()
    if pid == 0:  # the child: grade, then leave without running the parent's clean-up
        code = 1
        try:
            os.chdir(lab)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            signal.alarm(CHILD_TIMEOUT_SECONDS)
            import pytest

            code = pytest.main(
                [str(folder), "-q", "-x", "--tb=no", "-p", "no:cacheprovider"]
            )
        finally:
            os._exit(int(code))
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


@dataclass
class Score:
    exercise: str
    total: int = 0
    killed: int = 0
    equivalent: int = 0
    baseline_ok: bool = True
    survivors: list[str] | None = None

    @property
    def ratio(self) -> float:
        counted = self.total - self.equivalent
        return self.killed / counted if counted else 1.0


def _lab_with_solutions(destination: Path) -> Path:
    """A copy of the lab as a learner would have it with every exercise solved, without
    the course manifest: a mutant of a module the check runs (not an edit file) would
    otherwise fail as "check edited" and count as killed whatever the check asserts."""
    from tests.lab import copy_repository, lay_solutions

    lab = lay_solutions(copy_repository(destination))
    (lab / "course" / "manifest.json").unlink()
    return lab


def mutated_files(exercise) -> list[str]:
    """The solved code a check must pin: the files the learner edits, and the module
    the exercise's configuration runs when it is the program built on them (it imports
    one), since what it outputs is the behaviour; a course tool it runs is left out."""
    files = list(exercise.edit)
    module = str(exercise.launch.get("module", ""))
    entry = exercise.folder / (module.rsplit(".", 1)[-1] + ".py")
    if module.startswith(f"{exercise.module}.") and entry.is_file():
        imported = {
            name
            for node in ast.walk(ast.parse(entry.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
            for name in [node.module or "", *(alias.name for alias in node.names)]
        }
        if any(Path(edit).stem in {n.rsplit(".", 1)[-1] for n in imported} for edit in files):
            files.append(entry.name)
    return list(dict.fromkeys(files))


def _notebook_mutants(relative: str, text: str) -> Iterator[Mutant]:
    """Mutants of a notebook's code cells, each written back as a whole notebook."""
    notebook = json.loads(text)
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or source.lstrip().startswith("%"):
            continue
        try:
            cell_mutants = list(mutants(f"{relative}[cell {index}]", source))
        except SyntaxError:  # a cell with IPython syntax
            continue
        for mutant in cell_mutants:
            changed = copy.deepcopy(notebook)
            changed["cells"][index]["source"] = mutant.source
            yield Mutant(mutant.file, mutant.line, mutant.description,
                         json.dumps(changed, indent=1), mutant.equivalent_because)


def score_exercise(lab: Path, exercise) -> Score:
    folder = lab / "exercises" / exercise.slug
    score = Score(exercise.short_name, survivors=[])
    equivalent = equivalent_mutants()
    if not _run_check_in_child(lab, folder):
        score.baseline_ok = False
        return score
    for relative in mutated_files(exercise):
        path = folder / relative
        original = path.read_text(encoding="utf-8")
        make = _notebook_mutants if path.suffix == ".ipynb" else mutants
        try:
            for mutant in make(relative, original):
                score.total += 1
                key = (exercise.short_name, mutant.file, mutant.line, mutant.description)
                path.write_text(mutant.source, encoding="utf-8")
                if not _run_check_in_child(lab, folder):
                    score.killed += 1
                elif key in equivalent or mutant.equivalent_because:
                    score.equivalent += 1
                else:
                    score.survivors.append(f"{mutant.file}:{mutant.line} {mutant.description}")
        finally:
            path.write_text(original, encoding="utf-8")
    return score


def run(names: list[str]) -> list[Score]:
    # Children must import the mutated files, never a cached .pyc of the original.
    sys.dont_write_bytecode = True
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    # The heavy imports happen once here; every forked check inherits them.
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pytest  # noqa: F401
    import sklearn  # noqa: F401

    from course.catalog import all_exercises

    scores = []
    with tempfile.TemporaryDirectory(prefix="mutation-") as temporary:
        lab = _lab_with_solutions(Path(temporary) / "lab")
        for cache in lab.rglob("__pycache__"):
            shutil.rmtree(cache)
        sys.path.insert(0, str(lab))  # the children import the copy's exercises
        for exercise in all_exercises():
            if names and exercise.short_name not in names:
                continue
            scores.append(score_exercise(lab, exercise))
            print(_line(scores[-1]), flush=True)
    return scores


def _line(score: Score) -> str:
    if not score.baseline_ok:
        return f"{score.exercise}: the solved exercise fails its own check"
    counted = score.total - score.equivalent
    return (
        f"{score.exercise}: {score.killed}/{counted} killed ({score.ratio:.0%})"
        + (f", {score.equivalent} equivalent" if score.equivalent else "")
    )


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    scores = run([name for name in argv if name != "--json"])
    if as_json:
        print(JSON_MARKER + json.dumps([asdict(score) for score in scores]))
        return 0
    for score in scores:
        for survivor in score.survivors or []:
            print(f"  survived {score.exercise} {survivor}")
    weak = [s for s in scores if not s.baseline_ok or s.ratio < TARGET]
    return 1 if weak else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
