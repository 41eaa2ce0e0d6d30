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


# -- a quantity text is a number and a unit, within bounds ------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5 +1", "found '\\+1'"),
        ("5 m/0", "found '0'"),
        ("5 h^0", "a power from 1 to 9"),
        ("5 m**10", "a power from 1 to 9"),
        ("3 -", "found '-'"),
        ("5 m{", "found '{'"),
        ("5 m3/", "nothing after it"),
        ("5 h2", "the number '2' after 'h'"),
        ("5 m3 ** 2", "one power"),
        ("1e306 m3/h", "at most 1e\\+15"),
        ("1" * 310 + " m3/h", "at most 1e\\+15"),
        ("5 m3/h" + " " * 2000, "at most 1000"),
    ],
)
def test_quantity_text_is_a_number_and_a_unit_nothing_else(text: str, message: str) -> None:
    with pytest.raises(wb.UnitError, match=message):
        wb.parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("5 m³/h", "m**3/h"),
        ("5 m^3/h", "m**3/h"),
        ("5 m ** 3 / h", "m**3/h"),
        ("5 m3·h⁻¹", "m**3/h"),
        ("5 1/h", "1/h"),
        ("5 kg m", "kg*m"),
        ("5 μg/l", "µg/L"),
        ("5 °C", "degC"),
        ("5 %", "percent"),
    ],
)
def test_unit_spellings_that_stay_accepted(text: str, unit: str) -> None:
    q = wb.parse_quantity(text)
    assert q.magnitude == 5
    assert q.units == ureg.Unit(unit)


@pytest.mark.parametrize(
    ("func", "largest", "too_large"),
    [
        (wb.flow, "1e9 m3/h", "1.01e9 m3/h"),
        (wb.concentration, "1000 g/l", "1001 g/l"),
        (wb.volume, "1000 km3", "1001 km3"),
        (wb.duration, "1000 jaar", "1001 jaar"),
        (wb.mass, "1e12 kg", "1.1e12 kg"),
        (wb.length, "-10000 km", "-10001 km"),
    ],
)
def test_each_dimension_has_a_stated_bound(func: object, largest: str, too_large: str) -> None:
    func(largest)  # type: ignore[operator]
    with pytest.raises(wb.OutOfRangeError, match=r"expected a .* of at most") as info:
        func(too_large)  # type: ignore[operator]
    assert isinstance(info.value, wb.UnitError)


def test_bounds_apply_to_quantities_too() -> None:
    with pytest.raises(wb.OutOfRangeError):
        wb.duration(ureg.Quantity(10**400, "h"))
    with pytest.raises(wb.UnitError, match="finite"):
        wb.flow(ureg.Quantity(math.inf, "m**3/h"))


# -- the parse cache ---------------------------------------------------------------------------


def test_every_call_gets_its_own_quantity() -> None:
    first = wb.flow("8 m3/h")
    first.ito("l/s")  # pint converts in place
    first *= 3
    second = wb.flow("8 m3/h")
    assert second is not first
    assert second == ureg.Quantity(8, "m**3/h")
    assert str(second.units) == "meter ** 3 / hour"
    assert wb.parse_quantity("8 m3/h") == ureg.Quantity(8, "m**3/h")


def test_cached_quantities_are_what_pint_builds() -> None:
    units.clear_cache()
    for _ in range(2):  # a miss, then a hit
        q = wb.parse_quantity("2,5 l/s")
        built = ureg.Quantity(2.5, "liter/second")
        assert type(q) is type(built)
        assert vars(q) == vars(built)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units._CACHE, "maxsize", 50)
    for i in range(500):
        wb.flow(f"{i} m3/h")
    assert len(units._CACHE) <= 50
    assert wb.flow("3 m3/h") == ureg.Quantity(3, "m**3/h")


def test_the_cache_from_many_threads() -> None:
    import concurrent.futures

    texts = [f"{i % 37} m3/h" for i in range(4000)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(wb.flow, texts))
    assert [q.magnitude for q in results] == [i % 37 for i in range(4000)]
    assert all(q._REGISTRY is units.registry() for q in results)
    assert len({id(q) for q in results}) == len(results)


def test_a_new_application_registry_gets_quantities_of_its_own() -> None:
    wb.flow("8 m3/h")
    old = units.registry()
    new = pint.UnitRegistry()
    pint.set_application_registry(new)
    try:
        q = wb.flow("8 m3/h")
        assert q._REGISTRY is new
        assert q == new.Quantity(8, "m**3/h")
        assert units.magnitude(q, "l/s") == pytest.approx(8000 / 3600)
    finally:
        pint.set_application_registry(old)
    assert wb.flow("8 m3/h")._REGISTRY is old


@given(
    st.sampled_from(UNIT_TEXTS),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False) | st.integers(0, 10**9),
)
def test_magnitude_is_what_pint_converts_to_the_last_bit(unit: str, number: float) -> None:
    q = wb.parse_quantity(f"{number!r} {unit}")
    for reference in ("m**3/h", "h", "mg/L", "m**3", "kg", "m", "K", "percent"):
        try:
            expected = float(q.m_as(reference))
        except pint.DimensionalityError:
            continue
        assert units.magnitude(q, reference) == expected


def test_magnitude_asks_pint_while_a_context_is_active() -> None:
    q = wb.duration("2 weken")
    with ureg.context("sp"):
        assert units.magnitude(q, "h") == float(q.m_as("h")) == 336.0
