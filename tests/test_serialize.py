"""The converter: hooks, strictness and $.path errors."""

from __future__ import annotations

import datetime as dt
import decimal

import attrs
import pytest

import waterbeleid as wb
from waterbeleid import _types
from waterbeleid._enum import LabelledEnum


class Colour(LabelledEnum):
    DARK_BLUE = ("dark_blue", "Donkerblauw", ("marine",))
    GREEN = ("green", "Groen")


@attrs.frozen(kw_only=True)
class Sample:
    name: str
    count: int
    when: wb.Quarter
    timing: wb.Timing
    flow: _types.Flow
    day: dt.date
    money: decimal.Decimal
    colour: Colour
    tags: tuple[str, ...] = ()
    note: str | None = None


GOOD = {
    "name": "x",
    "count": 3,
    "when": "Q3 2024",
    "timing": "Doorlopend vanaf Q2 2025",
    "flow": "5 m3 per uur",
    "day": "2021-06-22",
    "money": "60.10",
    "colour": "Donkerblauw",
    "tags": ["a", "b"],
}


def test_structure_and_canonical_unstructure() -> None:
    sample = wb.structure(GOOD, Sample)
    assert sample.when == wb.Quarter(2024, 3)
    assert sample.colour is Colour.DARK_BLUE
    assert sample.money == decimal.Decimal("60.10")
    assert wb.unstructure(sample) == {
        "name": "x",
        "count": 3,
        "when": "2024Q3",
        "timing": "Doorlopend vanaf Q2 2025",
        "flow": "5 m³/h",
        "day": "2021-06-22",
        "money": "60.10",
        "colour": "dark_blue",
        "tags": ["a", "b"],
        "note": None,
    }
    assert wb.structure(wb.unstructure(sample), Sample) == sample


def test_quantity_as_mapping() -> None:
    data = {**GOOD, "flow": {"magnitude": 5, "units": "m**3/h"}}
    assert wb.structure(data, Sample).flow == wb.flow("5 m3/h")


@pytest.mark.parametrize("label", ["dark_blue", "DARK_BLUE", "donkerblauw", "Marine"])
def test_enum_accepts_value_name_dutch_label_and_alias(label: str) -> None:
    assert wb.structure({**GOOD, "colour": label}, Sample).colour is Colour.DARK_BLUE


def test_every_problem_is_reported_with_its_path() -> None:
    bad = {
        **GOOD,
        "count": "3",
        "when": "Q5 2024",
        "timing": "binnenkort",
        "flow": "50 mg/l",
        "day": "22-06-2021",
        "money": "zestig",
        "colour": "paars",
        "tags": "ab",
        "extra": 1,
    }
    with pytest.raises(wb.StructureError) as info:
        wb.structure(bad, Sample)
    paths = sorted(m.split(":")[0] for m in info.value.messages)
    assert paths == sorted(
        ["$.count", "$.when", "$.timing", "$.flow", "$.day", "$.money", "$.colour", "$.tags", "$"]
    )
    joined = "\n".join(info.value.messages)
    assert "expected an integer, found text '3'" in joined
    assert "unknown field(s) extra" in joined
    assert "expected a flow" in joined
    assert "expected a list, found text 'ab'" in joined


def test_missing_field() -> None:
    data = dict(GOOD)
    del data["name"]
    with pytest.raises(wb.StructureError, match=r"\$\.name: required field missing"):
        wb.structure(data, Sample)


def test_nested_paths() -> None:
    with pytest.raises(wb.StructureError) as info:
        wb.structure([GOOD, {**GOOD, "tags": ["a", 2]}], tuple[Sample, ...])
    assert info.value.messages == ("$[1].tags[1]: expected text, found integer 2",)


def test_not_a_mapping() -> None:
    with pytest.raises(wb.StructureError, match=r"expected a mapping for Sample, found text"):
        wb.structure("hello", Sample)


def test_bool_is_not_an_int() -> None:
    with pytest.raises(wb.StructureError, match="expected an integer, found boolean"):
        wb.structure({**GOOD, "count": True}, Sample)


def test_datetime_is_not_a_date() -> None:
    with pytest.raises(wb.StructureError, match="without a time"):
        wb.structure({**GOOD, "day": dt.datetime(2021, 1, 1, 12)}, Sample)
