"""The mutator behind ``make bench``'s check-strength figures (``benchmarks/mutation.py``)."""

from __future__ import annotations

from benchmarks.mutation import mutants

SOURCE = '''\
"""A module docstring, never mutated."""
from pathlib import Path

DATA = Path(__file__).parent / "data"


def busy(rides, limit=3, *, strict=True):
    """A function docstring."""
    label = f"over {limit}"
    return rides + 1 > limit and not strict, round(rides, ndigits=2), label


if __name__ == "__main__":
    print(busy(4))
'''


def test_each_kind_of_mutant_is_made_once_per_site():
    found = sorted((m.line, m.description) for m in mutants("m.py", SOURCE))
    assert found == [
        (4, "Div -> Mult"),
        (7, "3 -> 4"),
        (7, "True -> False"),
        (10, "1 -> 2"),
        (10, "2 -> 3"),
        (10, "Add -> Sub"),
        (10, "And -> Or"),
        (10, "Gt -> GtE"),
        (10, "drop `ndigits=`"),
        (10, "drop `not`"),
    ]


def test_mutants_change_only_their_own_site_and_still_parse():
    import ast

    for mutant in mutants("m.py", SOURCE):
        assert mutant.source != ast.unparse(ast.parse(SOURCE)), mutant.description
        compile(mutant.source, "m.py", "exec")


def test_the_shipped_data_location_counts_as_equivalent_by_design():
    reasons = {m.line: m.equivalent_because for m in mutants("m.py", SOURCE)}
    assert reasons[4]
    assert not reasons[10]


def test_the_learners_files_and_the_program_built_on_them_are_mutated():
    from benchmarks.mutation import mutated_files
    from course.catalog import find

    assert mutated_files(find("1")) == ["digest.py", "loader.py", "report.py"]
    # A course tool the configuration runs (the notebook's exporter) is not the learner's code.
    assert mutated_files(find("13")) == ["analysis.ipynb"]
