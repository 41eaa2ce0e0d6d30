"""Fuzzing: mutated example files never make the library raise anything but a
WaterbeleidError, nor the command line exit other than 0, 1 or 2 or show a traceback.

A few hundred cases run here; ``benchmarks/fuzz.py`` runs tens of thousands with the same
mutations (``tests/mutations.py``). Hypothesis draws the example file, the mutation and
the random choices inside it, and shrinks a failing case. The deadline is off: the cases
read, validate and assess whole files, and their time is measured by the fuzz script,
not asserted here.
"""

from __future__ import annotations

import contextlib
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutations

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw: st.DrawFn) -> tuple[mutations.Case, random.Random]:
    example = draw(st.sampled_from(mutations.EXAMPLES))
    mutator = draw(
        st.sampled_from([m for m in mutations.MUTATORS if mutations.applicable(m, example[1])])
    )
    rng = draw(st.randoms(use_true_random=False))
    return mutations.make_case(example, mutator, rng), rng


def test_every_example_file_is_a_fuzz_seed() -> None:
    names = {name for name, _, _ in mutations.EXAMPLES}
    assert {"discharges.csv", "discharges.yaml", "action_plan.yaml", "wbs_calendar.yaml"} <= names
    assert any(name.endswith(".json") for name in names)


@contextlib.contextmanager
def written(case: mutations.Case) -> Iterator[Path]:
    """The case as a file in a directory of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case{case.suffix}"
        path.write_bytes(case.data)
        yield path


@FUZZ
@given(cases())
def test_library_raises_only_waterbeleid_errors(
    drawn: tuple[mutations.Case, random.Random],
) -> None:
    case, _ = drawn
    with written(case) as path:
        assert mutations.check_library(path) == [], case.name


@FUZZ
@given(cases())
def test_command_line_exits_0_1_or_2_without_traceback(
    drawn: tuple[mutations.Case, random.Random],
) -> None:
    case, rng = drawn
    with written(case) as path:
        assert mutations.check_cli(path, rng, path.parent) == [], case.name


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(mutations.parser_texts()), st.randoms(use_true_random=False))
def test_public_parsers_raise_only_waterbeleid_errors(text: str, rng: random.Random) -> None:
    assert mutations.check_parsers(mutations.mutate_text(rng, text)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_public_parsers_on_any_text(text: str) -> None:
    assert mutations.check_parsers(text) == []
