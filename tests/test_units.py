"""Units: Dutch notation, dimensions, errors and the canonical text."""

from __future__ import annotations

import math
import subprocess
import sys

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid import units

ureg = pint.get_application_registry().get()


@pytest.mark.parametrize(
    ("func", "text", "expected"),
    [
        (wb.flow, "5 m3/h", "5 m**3/h"),
        (wb.flow, "5 m³/h", "5 m**3/h"),
        (wb.flow, "5 m3 per uur", "5 m**3/h"),
        (wb.flow, "5 m3/u", "5 m**3/h"),
        (wb.flow, "5 kubieke meter per uur", "5 m**3/h"),
        (wb.flow, "2.5 L/s", "2.5 L/s"),
        (wb.flow, "2,5 l/s", "2.5 L/s"),
        (wb.concentration, "50 mg/l", "50 mg/L"),
        (wb.concentration, "50 milligram per liter", "50 mg/L"),
        (wb.concentration, "0,3 g/l", "300 mg/L"),
        (wb.duration, "8 weken", "56 day"),
        (wb.duration, "48 uur", "2 day"),
        (wb.duration, "30 dagen", "30 day"),
        (wb.duration, "14 dagen", "2 week"),
        (wb.volume, "1,5 liter", "1.5 L"),
        (wb.volume, "0.125 m3", "0.125 m**3"),
        (wb.volume, "1.000,5 m3", "1000.5 m**3"),
        (wb.volume, "1.000.000 m3", "1e6 m**3"),
        (wb.length, "-40 cm", "-0.4 m"),
        (wb.mass, "3 kg", "3000 g"),
    ],
)
def test_dutch_notation(func: object, text: str, expected: str) -> None:
    q = func(text)  # type: ignore[operator]
    assert isinstance(q, pint.Quantity)
    assert q._REGISTRY is ureg
    want = ureg.Quantity(expected)
    assert math.isclose(q.to(want.units).magnitude, want.magnitude, rel_tol=1e-12)


def test_units_are_kept_as_given() -> None:
    assert str(wb.flow("5 m3/h").units) == "meter ** 3 / hour"
    assert str(wb.concentration("50 mg/l").units) == "milligram / liter"


def test_quantities_pass_through() -> None:
    q = ureg.Quantity(3, "m**3/h")
    assert wb.flow(q) is q


def test_quantity_of_another_registry_is_moved_to_the_application_registry() -> None:
    other = pint.UnitRegistry()
    q = wb.flow(other.Quantity(3, "m**3/h"))
    assert q._REGISTRY is ureg
    assert q == ureg.Quantity(3, "m**3/h")


@pytest.mark.parametrize(
    ("func", "value", "message"),
    [
        (wb.flow, "50 mg/l", "expected a flow"),
        (wb.concentration, "5 m3/h", "expected a concentration"),
        (wb.duration, "5 m3", "expected a duration"),
        (wb.volume, "8 weken", "expected a volume"),
        (wb.flow, 5, "bare number"),
        (wb.flow, 5.0, "bare number"),
        (wb.flow, "5", "no unit"),
        (wb.flow, "veel water", "expected a quantity"),
        (wb.flow, "5 flarps", "known unit"),
        (wb.flow, "-5 m3/h", "zero or more"),
        (wb.flow, "nan m3/h", "expected a quantity"),
        (wb.flow, ureg.Quantity(math.nan, "m**3/h"), "finite"),
        (wb.flow, None, "expected a flow"),
        (wb.flow, True, "expected a flow"),
        (wb.flow, "1,2,3 m3/h", "expected a number"),
        (wb.volume, "1.000 m3", "ambiguous"),
    ],
)
def test_errors_name_the_expected_dimension(func: object, value: object, message: str) -> None:
    with pytest.raises(wb.UnitError, match=message) as info:
        func(value)  # type: ignore[operator]
    assert isinstance(info.value, ValueError)


def test_wrong_dimension_message_names_the_dimension() -> None:
    with pytest.raises(wb.UnitError, match=r"\[length\] \*\* 3 / \[time\]"):
        wb.flow("50 mg/l")


UNIT_TEXTS = [
    "m3/h",
    "m³/h",
    "l/s",
    "L/s",
    "m3 per uur",
    "mg/l",
    "g/l",
    "µg/l",
    "uur",
    "dagen",
    "weken",
    "week",
    "liter",
    "m3",
    "kg",
    "cm",
    "km",
    "°C",
    "%",
    "m3/dag",
    "l/d",
]


@given(
    st.sampled_from(UNIT_TEXTS),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False) | st.integers(0, 10**9),
)
def test_every_unit_text_round_trips_through_the_converter(unit: str, number: float) -> None:
    q = wb.parse_quantity(f"{number!r} {unit}")
    text = wb.unstructure(q)
    assert isinstance(text, str)
    back = wb.structure(text, units_marker())
    assert back.units == q.units
    assert back.magnitude == q.magnitude


def units_marker() -> type:
    from waterbeleid import _types

    return _types.Quantity  # type: ignore[no-any-return]


def test_format_quantity_avoids_the_ambiguous_form() -> None:
    q = wb.volume("1,125 m3")
    assert wb.format_quantity(q) == "1.1250 m³"
    assert wb.parse_quantity(wb.format_quantity(q)) == q


def test_format_quantity() -> None:
    assert wb.format_quantity(wb.flow("5 m3 per uur")) == "5 m³/h"
    assert wb.format_quantity(wb.concentration("2.5 mg/l")) == "2.5 mg/l"


def test_import_does_not_build_the_registry() -> None:
    code = (
        "import sys, waterbeleid; "
        "print('pint' in sys.modules, 'cattrs' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_dimensions_table_is_complete() -> None:
    for name in units.DIMENSIONS:
        assert callable(getattr(units, name))


def test_first_use_from_many_threads_at_once() -> None:
    code = """
import threading, waterbeleid as wb
errors = []
def work():
    try:
        wb.flow("5 m3/h"); wb.concentration("50 mg/l")
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
print(errors)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
