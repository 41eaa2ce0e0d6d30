"""Quantities printed as the documents and a Dutch reader write them, and read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("20 year", "20 jaar"),
        ("2 jaar", "2 jaar"),
        ("1.5 jaar", "1.5 jaar"),
        ("20 percent", "20%"),
        ("5 procent", "5%"),
        ("25 degC", "25 °C"),
        ("25 graden Celsius", "25 °C"),
        ("100 L/d", "100 l/d"),
        ("8 weken", "8 weken"),
        ("1 week", "1 week"),
        ("14 dagen", "14 dagen"),
        ("1 dag", "1 dag"),
        ("48 uur", "48 uur"),
        ("3 maanden", "3 maanden"),
        ("1 maand", "1 maand"),
        ("10 m3/jaar", "10 m³/jaar"),
        ("5 m3 per uur", "5 m³/h"),
        ("50 mg/l", "50 mg/l"),
    ],
)
def test_units_as_a_dutch_reader_writes_them(written: str, shown: str) -> None:
    q = wb.parse_quantity(written)
    assert wb.format_quantity(q) == shown
    assert wb.unstructure(q) == shown
    back = wb.parse_quantity(shown)
    assert back == q
    assert back.units == q.units


def test_no_pint_abbreviation_a_reader_must_decode() -> None:
    assert wb.format_quantity(wb.duration("20 year")) != "20 a"
    assert wb.format_quantity(wb.duration("8 weken")) != "8 week"


DISPLAYED_UNITS = ["year", "month", "week", "day", "hour", "percent", "degC", "L/d", "m3/year"]


@given(
    st.sampled_from(DISPLAYED_UNITS),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False) | st.integers(0, 10**9),
)
def test_display_round_trips(unit: str, number: float) -> None:
    q = wb.parse_quantity(f"{number!r} {unit}")
    back = wb.parse_quantity(wb.format_quantity(q))
    assert back.units == q.units
    assert back.magnitude == q.magnitude


def test_rule_texts_use_the_display() -> None:
    activity = wb.DischargeActivity(
        origin="bronnering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="10 uur",
        start="2021-06-01",
    )
    result = wb.assess(activity)
    assert "duration < 48 h and flow < 10 m³/h" in result.explain("en")
    assert "duur minder dan 48 uur en debiet minder dan 10 m³/h" in result.explain("nl")
