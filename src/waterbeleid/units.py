"""Quantities with units, read the way Dutch documents write them.

Every quantity is a :class:`pint.Quantity` of pint's *application registry*
(:func:`pint.get_application_registry`), so it mixes with the quantities of any
other library that follows pint's advice. The registry is only touched on first
use; importing waterbeleid does not build it.

>>> flow("5 m3 per uur")
<Quantity(5, 'meter ** 3 / hour')>
>>> concentration("50 mg/l").to("g/m**3")
<Quantity(50.0, 'gram / meter ** 3')>
>>> duration("8 weken")
<Quantity(8, 'week')>
>>> flow("50 mg/l")
Traceback (most recent call last):
...
waterbeleid.errors.UnitError: expected a flow ([length] ** 3 / [time], e.g. '5 m3/h'), found ...

Numbers: a dot is a decimal point (``"2.5 L/s"``); a comma is a Dutch decimal
comma (``"2,5 l/s"``), in which case dots group thousands (``"1.000,5 m3"``).
Several dots without a comma also group thousands (``"1.000.000 m3"``). One dot
followed by exactly three digits (``"1.000 m3"``) is ambiguous between the two
notations and raises :class:`~waterbeleid.errors.UnitError` rather than guess.
"""

from __future__ import annotations

import math
import re
import threading
from typing import TYPE_CHECKING, Any, Final

from waterbeleid.errors import UnitError

if TYPE_CHECKING:
    import pint

    from waterbeleid._types import Quantity

__all__ = [
    "DIMENSIONS",
    "concentration",
    "duration",
    "flow",
    "format_quantity",
    "length",
    "mass",
    "parse_quantity",
    "quantity",
    "registry",
    "share",
    "volume",
]

#: The dimensions that the named helpers check, with an example for messages.
DIMENSIONS: Final[dict[str, tuple[str, str, str]]] = {
    # name: (reference unit, example, may be negative)
    "flow": ("m**3/h", "5 m3/h", ""),
    "concentration": ("mg/L", "50 mg/l", ""),
    "volume": ("m**3", "1000 m3", ""),
    "duration": ("h", "48 uur", ""),
    "mass": ("kg", "3 kg", ""),
    "length": ("m", "250 m", "negative"),
    "share": ("percent", "20%", ""),
}

# Dutch (and loose) spellings -> pint spellings. Keys are compared in lower case.
_WORDS: Final[dict[str, str]] = {
    "uur": "hour",
    "uren": "hour",
    "u": "hour",
    "h": "hour",
    "dag": "day",
    "dagen": "day",
    "d": "day",
    "etmaal": "day",
    "week": "week",
    "weken": "week",
    "wk": "week",
    "maand": "month",
    "maanden": "month",
    "jaar": "year",
    "jaren": "year",
    "j": "year",
    "seconde": "second",
    "seconden": "second",
    "sec": "second",
    "s": "second",
    "minuut": "minute",
    "minuten": "minute",
    "min": "minute",
    "liter": "liter",
    "liters": "liter",
    "l": "liter",
    "milliliter": "milliliter",
    "ml": "milliliter",
    "milligram": "milligram",
    "mg": "milligram",
    "microgram": "microgram",
    "µg": "microgram",
    "ug": "microgram",
    "gram": "gram",
    "g": "gram",
    "kilogram": "kilogram",
    "kg": "kilogram",
    "ton": "metric_ton",
    "meter": "meter",
    "m": "meter",
    "centimeter": "centimeter",
    "cm": "centimeter",
    "millimeter": "millimeter",
    "mm": "millimeter",
    "kilometer": "kilometer",
    "km": "kilometer",
    "decimeter": "decimeter",
    "dm": "decimeter",
    "hectare": "hectare",
    "ha": "hectare",
    "procent": "percent",
    "percent": "percent",
    "%": "percent",
    "°c": "degree_Celsius",
    "graden": "degree_Celsius",
    "celsius": "degree_Celsius",
    "degc": "degree_Celsius",
}
_POWERS: Final[dict[str, str]] = {"²": "**2", "³": "**3", "2": "**2", "3": "**3"}
_LENGTHS: Final[frozenset[str]] = frozenset({"m", "cm", "mm", "km", "dm"})

_NUMBER = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*$"
)
_TOKEN = re.compile(r"°[cC]|%|\*\*|[A-Za-zµ_]+[²³23]?|\d+(?:\.\d+)?|\S")
_DUTCH_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3}){2,}$")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")


_BUILD_LOCK = threading.Lock()
_BUILT: list[bool] = []


def registry() -> pint.UnitRegistry[Any]:
    """The unit registry behind pint's application registry (built on first use, then shared).

    It is looked up at every call, so :func:`pint.set_application_registry` is honoured.
    """
    import pint

    app: pint.registry.ApplicationRegistry = pint.get_application_registry()  # type: ignore[no-untyped-call]
    if not _BUILT:
        # pint builds the application registry lazily, and two threads that touch it first
        # at the same time can see a half-built registry: build it once, under a lock.
        with _BUILD_LOCK:
            real: pint.UnitRegistry[Any] = app.get()  # type: ignore[no-untyped-call]
            real.parse_units("m")
            _BUILT.append(True)
            return real
    built: pint.UnitRegistry[Any] = app.get()  # type: ignore[no-untyped-call]
    return built


def _number(text: str, original: str) -> float | int:
    if "," in text:
        if not _DUTCH_NUMBER.match(text):
            raise UnitError(
                f"expected a number like '2,5' or '1.000,5', found {text!r} in {original!r}"
            )
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED.match(text):
        text = text.replace(".", "")
    elif _AMBIGUOUS.match(text):
        raise UnitError(
            f"the number {text!r} in {original!r} is ambiguous: in Dutch notation it is "
            f"{text.replace('.', '')}, in English notation {text}; write "
            f"{text.replace('.', '')!r} or {text.replace('.', ',')!r}"
        )
    try:
        value = float(text)
    except ValueError:
        raise UnitError(f"expected a number, found {text!r} in {original!r}") from None
    return int(value) if re.fullmatch(r"[+-]?\d+", text) else value


def _unit_expression(unit: str) -> str:
    """Rewrite a Dutch unit text into an expression that pint reads."""
    unit = unit.replace("\u03bc", "\u00b5")  # Greek mu (as legal texts print it) -> micro sign
    unit = re.sub(r"\bkubieke\s+meter\b", "m3", unit, flags=re.IGNORECASE)
    unit = re.sub(r"\bvierkante\s+meter\b", "m2", unit, flags=re.IGNORECASE)
    unit = re.sub(r"\bgraden\s+celsius\b", "°C", unit, flags=re.IGNORECASE)
    unit = re.sub(r"\bper\b", "/", unit, flags=re.IGNORECASE)
    parts: list[str] = []
    for token in _TOKEN.findall(unit):
        word = token
        power = ""
        if word[-1] in _POWERS and word[:-1].casefold() in _LENGTHS:
            word, power = word[:-1], _POWERS[word[-1]]
        mapped = _WORDS.get(word.casefold())
        if mapped is None and word[:1].isalpha():
            mapped = word  # leave to pint: it knows the international spellings
        parts.append((mapped or word) + power)
    return " ".join(parts)


def parse_quantity(text: str) -> Quantity:
    """Read a quantity written as ``"5 m3/h"``, ``"5 m³/h"``, ``"5 m3 per uur"``,
    ``"2,5 l/s"``, ``"48 uur"``, ``"8 weken"`` or anything pint reads.

    Raises:
        UnitError: no number, no unit, or a unit that is not known.
    """
    if not isinstance(text, str):
        raise UnitError(f"expected a quantity text like '5 m3/h', found {type(text).__name__}")
    match = _NUMBER.match(text)
    if not match:
        raise UnitError(
            f"expected a quantity such as '5 m3/h' (a number and a unit), found {text!r}"
        )
    if not match["unit"]:
        raise UnitError(
            f"expected a quantity with a unit such as '5 m3/h', found no unit in {text!r}"
        )
    magnitude = _number(match["num"], text)
    expression = _unit_expression(match["unit"])
    import pint

    ureg = registry()
    try:
        units = ureg.parse_units(expression)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError) as exc:
        raise UnitError(
            f"expected a known unit, found {match['unit']!r} in {text!r} ({exc})"
        ) from None
    return ureg.Quantity(magnitude, units)


def quantity(value: Any, dimension: str) -> Quantity:
    """Return *value* as a quantity of the named dimension (a key of :data:`DIMENSIONS`).

    *value* is a :class:`pint.Quantity` (of any registry) or a text that
    :func:`parse_quantity` reads. The unit is kept as given.

    Raises:
        UnitError: wrong dimension, a bare number, text that is no quantity, NaN, or a
            negative amount where the dimension cannot be negative.
    """
    reference, example, sign = DIMENSIONS[dimension]
    import pint

    ureg = registry()
    if isinstance(value, str):
        q = parse_quantity(value)
    elif isinstance(value, pint.Quantity):
        q = value if value._REGISTRY is ureg else ureg.Quantity(value.magnitude, str(value.units))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        raise UnitError(
            f"expected a {dimension} with a unit (e.g. {example!r}), "
            f"found the bare number {value!r}"
        )
    else:
        raise UnitError(
            f"expected a {dimension} as a pint Quantity or a text like {example!r}, "
            f"found {type(value).__name__}"
        )
    wanted = ureg.get_dimensionality(reference)
    if q.dimensionality != wanted:
        found = value if isinstance(value, str) else format_quantity(q)
        raise UnitError(
            f"expected a {dimension} ({wanted}, e.g. {example!r}), found {found!r} "
            f"({q.dimensionality or 'dimensionless'})"
        )
    magnitude = q.magnitude
    if isinstance(magnitude, (int, float)):
        if math.isnan(magnitude) or math.isinf(magnitude):
            raise UnitError(f"expected a finite {dimension}, found {format_quantity(q)!r}")
        if magnitude < 0 and sign != "negative":
            raise UnitError(f"expected a {dimension} of zero or more, found {format_quantity(q)!r}")
    return q


def flow(value: Any) -> Quantity:
    """A volume per time, e.g. ``flow("5 m3/h")`` or ``flow("2.5 L/s")``."""
    return quantity(value, "flow")


def concentration(value: Any) -> Quantity:
    """A mass per volume, e.g. ``concentration("50 mg/l")``."""
    return quantity(value, "concentration")


def volume(value: Any) -> Quantity:
    """A volume, e.g. ``volume("1.000,0 m3")`` or ``volume("300 liter")``."""
    return quantity(value, "volume")


def duration(value: Any) -> Quantity:
    """A length of time, e.g. ``duration("48 uur")``, ``duration("8 weken")``."""
    return quantity(value, "duration")


def mass(value: Any) -> Quantity:
    """A mass, e.g. ``mass("3 kg")``."""
    return quantity(value, "mass")


def share(value: Any) -> Quantity:
    """A share of a whole, e.g. ``share("20%")`` or ``share("20 procent")``."""
    return quantity(value, "share")


def length(value: Any) -> Quantity:
    """A length (may be negative, e.g. a level below surface), e.g. ``length("40 cm")``."""
    return quantity(value, "length")


#: Units that pint abbreviates where a Dutch reader writes a word: (singular, plural) when
#: the unit stands alone. In a compound unit only the year changes ("m³/jaar"); the short
#: forms "h" and "d" of "m³/h" and "l/d" stay. Display only: parse_quantity reads all back.
_DUTCH_UNITS: Final[dict[str, tuple[str, str]]] = {
    "a": ("jaar", "jaar"),
    "month": ("maand", "maanden"),
    "week": ("week", "weken"),
    "d": ("dag", "dagen"),
    "h": ("uur", "uur"),
}
_YEAR_SYMBOL = re.compile(r"(?<![\w°µ])a(?!\w)")


def format_quantity(q: Quantity) -> str:
    """The canonical text of a quantity, ``"5 m³/h"``, that :func:`parse_quantity` reads back.

    Units are written as the documents and a Dutch reader write them: ``"20 jaar"``,
    ``"8 weken"``, ``"48 uur"``, ``"20%"``, ``"25 °C"``, ``"100 l/d"``.

    >>> format_quantity(flow("5 m3 per uur"))
    '5 m³/h'
    >>> format_quantity(duration("20 year")), format_quantity(parse_quantity("20 percent"))
    ('20 jaar', '20%')
    """
    magnitude = q.magnitude
    number = repr(magnitude) if isinstance(magnitude, float) else str(magnitude)
    if _AMBIGUOUS.match(number):
        number += "0"  # "1.125" would be ambiguous; "1.1250" is not
    units = format(q.units, "~P")
    if units in _DUTCH_UNITS:
        singular, plural = _DUTCH_UNITS[units]
        one = isinstance(magnitude, (int, float)) and magnitude == 1
        units = singular if one else plural
    else:
        units = _YEAR_SYMBOL.sub("jaar", units)
    if units == "%":
        return f"{number}%"
    return f"{number} {units}" if units else number
