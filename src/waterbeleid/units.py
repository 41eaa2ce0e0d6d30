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

import functools
import math
import numbers
import re
import threading
from typing import TYPE_CHECKING, Any, Final

from waterbeleid.errors import OutOfRangeError, UnitError

if TYPE_CHECKING:
    import pint

    from waterbeleid._types import Quantity

__all__ = [
    "BOUNDS",
    "DIMENSIONS",
    "LANGUAGES",
    "MAX_NUMBER",
    "MAX_TEXT",
    "clear_cache",
    "concentration",
    "duration",
    "flow",
    "format_quantity",
    "length",
    "magnitude",
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
_LENGTHS: Final[frozenset[str]] = frozenset({"m", "cm", "mm", "km", "dm"})
_FOLDED_WORDS: Final[dict[str, str]] = {key.casefold(): value for key, value in _WORDS.items()}
_SUPERSCRIPTS: Final = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")

#: The longest quantity text that is read (longer text is refused before it is parsed).
MAX_TEXT: Final = 1000
#: The largest absolute number a quantity text may hold, whatever its unit.
MAX_NUMBER: Final = 1e15
#: The largest absolute amount of each dimension, in its reference unit (see
#: :data:`DIMENSIONS`), with what that amount is. Larger amounts raise
#: :class:`~waterbeleid.errors.OutOfRangeError`: they are typing errors, and they would
#: overflow dates (a duration past the year 9999) and money (a levy beyond any budget).
BOUNDS: Final[dict[str, tuple[float, str]]] = {
    "flow": (1e9, "more than the Amazon carries, about 7.6e8 m³/h"),
    "concentration": (1e6, "one kilogram per litre"),
    "volume": (1e12, "a thousand cubic kilometres"),
    "duration": (1000 * 365.25 * 24, "a thousand years"),
    "mass": (1e12, "a thousand million tonnes"),
    "length": (1e7, "ten thousand kilometres"),
    "share": (1e6, "ten thousand times the whole"),
}

_NUMBER = re.compile(
    r"\s*(?P<num>[+-]?(?:[0-9][0-9.,]*|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(?P<unit>.*?)\s*"
)
_DUTCH_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3}){2,}$")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")
_INTEGER = re.compile(r"[+-]?[0-9]+")
# One factor of a unit: a word (letters, underscores inside), "%" or "°C", with an
# optional power: "m3" (length units only), "m³", "s⁻¹", "m**3", "m^3".
_FACTOR = re.compile(
    r"(?P<word>%|°[^\W\d_]+|[^\W\d_][^\W\d]*)"
    r"(?P<digit>[0-9]+)?"
    r"(?P<sup>[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?"
    r"(?:\s*(?:\*\*|\^)\s*(?P<exp>[+-]?[0-9]+))?"
)
# Between two factors: "/", a product sign, or a space (a product, as pint reads it).
_OPERATOR = re.compile(r"\s*(?P<op>[/*·⋅])\s*|\s+")
_PHRASES: Final = (
    (re.compile(r"\bkubieke\s+meter\b", re.IGNORECASE), "m3"),
    (re.compile(r"\bvierkante\s+meter\b", re.IGNORECASE), "m2"),
    (re.compile(r"\bgraden\s+celsius\b", re.IGNORECASE), "°C"),
    (re.compile(r"\bper\b", re.IGNORECASE), "/"),
)


_BUILD_LOCK = threading.Lock()
_APP: list[
    Any
] = []  # pint's application registry (a wrapper that set_application_registry updates)


def registry() -> pint.UnitRegistry[Any]:
    """The unit registry behind pint's application registry (built on first use, then shared).

    It is looked up at every call, so :func:`pint.set_application_registry` is honoured.
    """
    if not _APP:
        import pint

        # pint builds the application registry lazily, and two threads that touch it first
        # at the same time can see a half-built registry: build it once, under a lock.
        with _BUILD_LOCK:
            app = pint.get_application_registry()  # type: ignore[no-untyped-call]
            real: pint.UnitRegistry[Any] = app.get()
            real.parse_units("m")
            _APP.append(app)
            return real
    built: pint.UnitRegistry[Any] = _APP[0].get()
    return built


# -- the parse cache ----------------------------------------------------------------------------

_MISSING: Final = object()


class _ParseCache:
    """What texts were read as, for the registry they were read with: bounded and thread-safe.

    Entries hold a magnitude (an ``int`` or ``float``, immutable) and pint's immutable
    container of units; every caller gets a quantity built afresh from them, so no caller
    can alter what another receives. The entries belong to one registry: when pint's
    application registry is replaced (:func:`pint.set_application_registry`), the entries
    of the old one are dropped before the new one is used, so none of them is handed out.

    Reads take no lock: the registry and its entries are swapped as one tuple, and a dict
    lookup is atomic. Writes take a lock; past *maxsize* entries the oldest are dropped.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._lock = threading.Lock()
        self._state: tuple[object | None, dict[tuple[str, Any], Any]] = (None, {})

    def get(self, ureg: object, key: tuple[str, Any]) -> Any:
        owner, entries = self._state
        if owner is not ureg:
            return _MISSING
        return entries.get(key, _MISSING)

    def put(self, ureg: object, key: tuple[str, Any], value: Any) -> None:
        with self._lock:
            owner, entries = self._state
            if owner is not ureg:
                entries = {}
                self._state = (ureg, entries)
            entries[key] = value
            while len(entries) > self.maxsize:
                del entries[next(iter(entries))]

    def canonical(self, ureg: object, units: Any) -> Any:
        """One shared instance per distinct container of units, so that equal units of a
        text and of a reference are the same object (compared by identity first)."""
        key = ("units", units)
        found = self.get(ureg, key)
        if found is _MISSING:
            self.put(ureg, key, units)
            return units
        return found

    def clear(self) -> None:
        with self._lock:
            self._state = (None, {})

    def __len__(self) -> int:
        return len(self._state[1])


def _new_quantity(ureg: Any, magnitude: float | int, units: Any) -> Quantity:
    """``ureg.Quantity(magnitude, units)`` for a cached int or float and container of units.

    pint's constructor checks its arguments, which these passed when they were cached; the
    quick way sets the two attributes pint sets. It is used only for a registry where it
    was seen to build exactly what the constructor builds (same class, same attributes),
    so a pint whose quantities look different inside gets the constructor.
    """
    quick = _CACHE.get(ureg, ("quick", ""))
    if quick is _MISSING:
        quick = False
        if not (ureg.force_ndarray or ureg.force_ndarray_like):
            try:
                made = _quick_quantity(ureg, magnitude, units)
                built = ureg.Quantity(magnitude, units)
                quick = type(made) is type(built) and vars(made) == vars(built)
            except Exception:  # internals differ: keep to the constructor
                quick = False
        _CACHE.put(ureg, ("quick", ""), quick)
    if quick:
        fresh: Quantity = _quick_quantity(ureg, magnitude, units)
        return fresh
    made_by_pint: Quantity = ureg.Quantity(magnitude, units)
    return made_by_pint


def _quick_quantity(ureg: Any, magnitude: float | int, units: Any) -> Any:
    made = object.__new__(ureg.Quantity)
    made._magnitude = magnitude
    made._units = units
    return made


#: Quantity texts, unit texts and reference units already read (see :class:`_ParseCache`).
_CACHE = _ParseCache(maxsize=4096)


def clear_cache() -> None:
    """Forget every quantity text read so far (the cache is bounded; this is rarely needed)."""
    _CACHE.clear()
    _units_text.cache_clear()


# -- reading quantity texts -------------------------------------------------------------------


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
    if not abs(value) <= MAX_NUMBER:
        raise OutOfRangeError(
            f"expected a number of at most {MAX_NUMBER:g}, found {text!r} in {original!r}"
        )
    return int(text) if _INTEGER.fullmatch(text) else value


def _power(match: re.Match[str], original: str) -> str:
    word, digit, sup, exp = match["word"], match["digit"], match["sup"], match["exp"]
    given = [p for p in (digit, sup, exp) if p is not None]
    if not given:
        return ""
    if len(given) > 1:
        raise UnitError(f"expected one power for {word!r}, found {match[0]!r} in {original!r}")
    if digit is not None and (digit not in ("2", "3") or word.casefold() not in _LENGTHS):
        raise UnitError(
            f"expected a unit such as 'm3' or 'mg/l', found the number {digit!r} "
            f"after {word!r} in {original!r}"
        )
    text = (sup or "").translate(_SUPERSCRIPTS) if sup is not None else (digit or exp or "")
    power = int(text)
    if power == 0 or abs(power) > 9:
        raise UnitError(
            f"expected a power from 1 to 9 (or -1 to -9), found {text!r} in {original!r}"
        )
    return f"**{power}"


def _unit_expression(unit: str, original: str) -> str:
    """Rewrite a Dutch unit text into an expression that pint reads.

    Only unit words, powers and the operators ``/``, ``*``, ``·`` (or a space) are
    accepted: a quantity text is a number and a unit, never a formula.
    """
    for pattern, replacement in _PHRASES:
        unit = pattern.sub(replacement, unit)
    parts: list[str] = []
    position = 0
    leading_one = re.match(r"1\s*/\s*", unit)  # "1/h", as pint writes a unit per time
    if leading_one:
        parts.append("1 / ")
        position = leading_one.end()
    while True:
        factor = _FACTOR.match(unit, position)
        if factor is None:
            found = repr(unit[position:]) if position < len(unit) else "nothing after it"
            raise UnitError(
                f"expected a unit such as 'm3/h' or 'mg/l', found {found} in {original!r}"
            )
        word = factor["word"]
        parts.append(_FOLDED_WORDS.get(word.casefold(), word) + _power(factor, original))
        position = factor.end()
        if position == len(unit):
            return "".join(parts)
        operator = _OPERATOR.match(unit, position)
        if operator is None:
            raise UnitError(
                f"expected a unit such as 'm3/h' or 'mg/l', found {unit[position:]!r} "
                f"in {original!r}"
            )
        parts.append(" / " if operator["op"] == "/" else " * ")
        position = operator.end()


def _parse_unit(ureg: pint.UnitRegistry[Any], unit: str, original: str) -> Any:
    key = ("unit", unit)
    found = _CACHE.get(ureg, key)
    if found is not _MISSING:
        return found
    expression = _unit_expression(unit, original)
    try:
        parsed = ureg.parse_units(expression)
    except Exception as exc:  # pint's parser; the expression is already checked above
        raise UnitError(f"expected a known unit, found {unit!r} in {original!r} ({exc})") from None
    units = _CACHE.canonical(ureg, parsed._units)
    _CACHE.put(ureg, key, units)
    return units


def _read(ureg: pint.UnitRegistry[Any], text: str) -> tuple[float | int, Any]:
    if len(text) > MAX_TEXT:
        raise UnitError(
            f"expected a quantity such as '5 m3/h', found a text of {len(text)} characters "
            f"(at most {MAX_TEXT})"
        )
    match = _NUMBER.fullmatch(text)
    if not match:
        raise UnitError(
            f"expected a quantity such as '5 m3/h' (a number and a unit), found {text!r}"
        )
    if not match["unit"]:
        raise UnitError(
            f"expected a quantity with a unit such as '5 m3/h', found no unit in {text!r}"
        )
    return _number(match["num"], text), _parse_unit(ureg, match["unit"], text)


def parse_quantity(text: str) -> Quantity:
    """Read a quantity written as ``"5 m3/h"``, ``"5 m³/h"``, ``"5 m3 per uur"``,
    ``"2,5 l/s"``, ``"48 uur"``, ``"8 weken"`` or with any unit pint knows.

    The text is a number and a unit, nothing else: ``"5 +1"``, ``"5 m/0"``, ``"5 h^0"``
    are errors. The number is at most :data:`MAX_NUMBER`; the text at most
    :data:`MAX_TEXT` characters. Texts read once are remembered (a form or a CSV
    file repeats them); each call returns a new quantity.

    Raises:
        UnitError: no number, no unit, a unit that is not known, or anything else.
    """
    if not isinstance(text, str):
        raise UnitError(f"expected a quantity text like '5 m3/h', found {type(text).__name__}")
    ureg = registry()
    key = ("", text)
    found = _CACHE.get(ureg, key)
    if found is _MISSING:
        found = _read(ureg, text)
        _CACHE.put(ureg, key, found)
    magnitude, unit = found
    return _new_quantity(ureg, magnitude, unit)


def magnitude(q: Quantity, unit: str) -> float:
    """The magnitude of *q* in *unit* as a ``float``: ``float(q.m_as(unit))``, but quick
    when *q* is already in that unit (the unit text is read once).

    >>> magnitude(flow("8 m3/h"), "m**3/h"), magnitude(duration("2 weken"), "h")
    (8.0, 336.0)
    """
    ureg = q._REGISTRY
    key = ("reference", unit)
    target = _CACHE.get(ureg, key)  # entries of q's own registry, whichever that is
    if target is _MISSING:
        if ureg is not registry():
            return float(q.m_as(unit))
        target = _CACHE.canonical(ureg, ureg.Unit(unit)._units)
        _CACHE.put(ureg, key, target)
    if q._units is target or q._units == target:
        return float(q.magnitude)
    factor = _factor(ureg, q._units, target)
    if factor is not None and isinstance(q.magnitude, (int, float)):
        return float(q.magnitude * factor)
    return float(ureg.convert(q.magnitude, q._units, target))


def _factor(ureg: Any, source: Any, target: Any) -> float | None:
    """pint's factor from *source* to *target* units, asked once per pair; ``None`` for
    units that are not proportional (degrees Celsius) and while a pint context is active.

    pint converts a plain number by multiplying it with this same factor, so the result
    is the one ``Quantity.m_as`` gives, to the last bit.
    """
    if getattr(ureg, "_active_ctx", True):  # a context may redefine units: ask pint
        return None
    key = ("factor", (source, target))
    found = _CACHE.get(ureg, key)
    if found is _MISSING:
        try:
            one, zero, two = (float(ureg.convert(x, source, target)) for x in (1.0, 0.0, 2.0))
            found = one if zero == 0.0 and two == 2.0 * one else None
        except Exception:  # pint refuses the conversion: let the caller ask it again
            found = None
        _CACHE.put(ureg, key, found)
    factor: float | None = found
    return factor


def _check(q: Quantity, dimension: str, given: str | Quantity) -> None:
    """Check *q* against :data:`DIMENSIONS` and :data:`BOUNDS`; a message shows *given*
    (the text read, or the quantity given, formatted only for a message)."""
    shown = given if isinstance(given, str) else _Shown(given)
    reference, example, sign = DIMENSIONS[dimension]
    ureg = q._REGISTRY
    wanted = ureg.get_dimensionality(reference)
    if q.dimensionality != wanted:
        raise UnitError(
            f"expected a {dimension} ({wanted}, e.g. {example!r}), found {shown!r} "
            f"({q.dimensionality or 'dimensionless'})"
        )
    amount = q.magnitude
    if not isinstance(amount, numbers.Real):
        return  # an array (checked by the batch functions) or a magnitude pint allows
    bound, what = BOUNDS[dimension]
    try:
        number = float(amount)
    except OverflowError:  # an int too large for a float: out of range below
        number = 0.0
    if not math.isfinite(number):
        raise UnitError(f"expected a finite {dimension}, found {shown!r}")
    if amount < 0 and sign != "negative":
        raise UnitError(f"expected a {dimension} of zero or more, found {shown!r}")
    try:
        in_reference = abs(magnitude(q, reference))
    except OverflowError:
        in_reference = math.inf
    if not in_reference <= bound:
        limit = format(ureg.Unit(reference), "~P")
        raise OutOfRangeError(
            f"expected a {dimension} of at most {bound:g} {limit} ({what}), found {shown!r}"
        )


def quantity(value: Any, dimension: str) -> Quantity:
    """Return *value* as a quantity of the named dimension (a key of :data:`DIMENSIONS`).

    *value* is a :class:`pint.Quantity` (of any registry) or a text that
    :func:`parse_quantity` reads. The unit is kept as given.

    Raises:
        UnitError: wrong dimension, a bare number, text that is no quantity, NaN, or a
            negative amount where the dimension cannot be negative.
        OutOfRangeError: an amount beyond :data:`BOUNDS` (a :class:`UnitError`).
    """
    ureg = registry()
    if isinstance(value, str):
        key = (dimension, value)
        found = _CACHE.get(ureg, key)
        if found is not _MISSING:
            return _new_quantity(ureg, *found)
    if dimension not in DIMENSIONS:
        raise UnitError(f"expected a dimension among {', '.join(DIMENSIONS)}, found {dimension!r}")
    example = DIMENSIONS[dimension][1]
    import pint

    if isinstance(value, str):
        q = parse_quantity(value)
        _check(q, dimension, value)
        _CACHE.put(ureg, key, (q.magnitude, q._units))
        return q
    if isinstance(value, pint.Quantity):
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
    _check(q, dimension, q)
    return q


def _shown(q: Quantity) -> str:
    try:
        return format_quantity(q)
    except Exception:  # an odd magnitude pint allows; the message still names it
        return repr(q)


class _Shown:
    """A quantity that a message shows as the text :func:`_shown` writes, written only
    when a message is (``{shown!r}`` in a message gives the text's repr)."""

    __slots__ = ("_q",)

    def __init__(self, q: Quantity) -> None:
        self._q = q

    def __repr__(self) -> str:
        return repr(_shown(self._q))


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
#: The same for an English reader (``language="en"``): "8 weeks", "3 days", "48 h".
_ENGLISH_UNITS: Final[dict[str, tuple[str, str]]] = {
    "a": ("year", "years"),
    "month": ("month", "months"),
    "week": ("week", "weeks"),
    "d": ("day", "days"),
    "h": ("h", "h"),
}
_YEAR_SYMBOL = re.compile(r"(?<![\w°µ])a(?!\w)")
#: The languages :func:`format_quantity` writes for (``None``: the canonical text).
LANGUAGES: Final = ("en", "nl")


def format_quantity(q: Quantity, language: str | None = None) -> str:
    """The canonical text of a quantity, ``"5 m³/h"``, that :func:`parse_quantity` reads back.

    Units are written as the documents and a Dutch reader write them: ``"20 jaar"``,
    ``"8 weken"``, ``"48 uur"``, ``"20%"``, ``"25 °C"``, ``"100 l/d"``.

    With *language* the text is for a reader of that language: ``"nl"`` writes the units
    as above and the number with a decimal comma (``"2,5 l/s"``); ``"en"`` writes English
    units (``"8 weeks"``, ``"3 days"``, ``"48 h"``, ``"5 m³/year"``) and a decimal point.
    Both read back with :func:`parse_quantity` too.

    >>> format_quantity(flow("5 m3 per uur"))
    '5 m³/h'
    >>> format_quantity(duration("20 year")), format_quantity(parse_quantity("20 percent"))
    ('20 jaar', '20%')
    >>> format_quantity(duration("8 weken"), "en"), format_quantity(flow("2.5 l/s"), "nl")
    ('8 weeks', '2,5 l/s')

    Raises:
        ValueError: a *language* other than ``"en"``, ``"nl"`` or ``None``.
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"expected language 'en' or 'nl', found {language!r}")
    magnitude = q.magnitude
    number = repr(magnitude) if isinstance(magnitude, float) else str(magnitude)
    if language == "nl":
        number = number.replace(".", ",")  # a decimal comma; "1,125" is not ambiguous
    elif _AMBIGUOUS.match(number):
        number += "0"  # "1.125" would be ambiguous; "1.1250" is not
    one = isinstance(magnitude, (int, float)) and magnitude == 1
    return number + _units_text(q._units, language, one)


@functools.lru_cache(maxsize=1024)
def _units_text(units: Any, language: str | None, one: bool) -> str:
    """What :func:`format_quantity` writes after the number (`` m³/h``, `` weken``, ``%``)
    for a units container: pint's formatting is slow, and the units of a dataset repeat."""
    text = format(registry().Unit(units), "~P")
    words = _ENGLISH_UNITS if language == "en" else _DUTCH_UNITS
    if text in words:
        singular, plural = words[text]
        text = singular if one else plural
    else:
        text = _YEAR_SYMBOL.sub("year" if language == "en" else "jaar", text)
    if text == "%" or not text:
        return text
    return f" {text}"
