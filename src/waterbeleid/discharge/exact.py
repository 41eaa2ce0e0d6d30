"""Exact numbers for the discharge rules: what a magnitude means, unit factors, thresholds.

A limit such as "ten hoogste 5 kubieke meter per uur" must hold for ``5000 l/h`` as it
holds for ``5 m3/h``. Converting the value with floating-point factors does not give
that (``5000 * 0.001`` is ``5.000000000000001``), so the rules compare exactly:

1. **A magnitude is the decimal number it writes.** An ``int``, a
   :class:`~decimal.Decimal` or a :class:`~fractions.Fraction` stands for itself; a
   ``float`` stands for its shortest ``repr`` (``0.0003`` is 3/10000, not the binary
   fraction nearest to it). See :func:`decimal_value`.
2. **Units convert by exact factors** (:func:`factor`), derived from the definitions of
   pint's registry: ``liter = decimeter ** 3``, ``deci- = 0.1``, ``hour = 60 minute``, …
   each read as the rational number it writes.
3. **A limit is converted exactly into the unit of the value**, and a float threshold
   is derived once per comparison and unit (:class:`Threshold`) such that a float
   comparison of the value with the threshold gives the exact answer. Comparing one
   value is then one or two float comparisons, in Python as in numpy.

>>> from fractions import Fraction
>>> registry = units_registry()
>>> factor(registry.Unit("l/h"), registry.Unit("m**3/h"))
Fraction(1, 1000)
>>> limit = 5 * factor(registry.Unit("m**3/h"), registry.Unit("l/h"))
>>> at_most = Threshold.of(Comparison.AT_MOST, limit)
>>> at_most.holds(5000.0), at_most.holds(5000.000000000001)
(True, False)
"""

from __future__ import annotations

import decimal
import functools
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid.errors import UnitError

if TYPE_CHECKING:
    import numpy.typing as npt
    import pint

__all__ = [
    "Comparison",
    "Exact",
    "Threshold",
    "ceil_fraction",
    "decimal_value",
    "factor",
    "float_for",
    "measure",
    "to_decimal",
    "to_float",
    "unit_key",
    "unit_of",
    "units_registry",
    "volume_m3",
]

#: A magnitude that no float stands for (see :func:`float_for`): kept as a Fraction.
Exact = Fraction

_INF: Final = math.inf
#: Every integer up to this size is a float exactly (2 ** 53).
_EXACT_INT: Final = 1 << 53


class Comparison(LabelledEnum):
    """How a measured value must relate to a limit for a condition to hold."""

    AT_MOST = ("at_most", "ten hoogste", ("niet meer dan", "tot", "<="))
    LESS_THAN = ("less_than", "minder dan", ("korter dan", "<"))
    MORE_THAN = ("more_than", "meer dan", (">",))
    AT_LEAST = ("at_least", "ten minste", (">=",))
    EQUALS = ("equals", "gelijk aan", ("==",))

    @property
    def symbol(self) -> str:
        """``<=``, ``<``, ``>``, ``>=`` or ``==``."""
        return _SYMBOLS[self.value]

    def holds(self, value: Any, limit: Any) -> bool:
        """Whether ``value <op> limit`` (for numbers of one kind, e.g. two Fractions)."""
        if self is Comparison.AT_MOST:
            return bool(value <= limit)
        if self is Comparison.LESS_THAN:
            return bool(value < limit)
        if self is Comparison.MORE_THAN:
            return bool(value > limit)
        if self is Comparison.AT_LEAST:
            return bool(value >= limit)
        return bool(value == limit)


_SYMBOLS: Final[dict[str, str]] = {
    "at_most": "<=",
    "less_than": "<",
    "more_than": ">",
    "at_least": ">=",
    "equals": "==",
}


def units_registry() -> pint.UnitRegistry[Any]:
    """pint's application registry (see :func:`waterbeleid.units.registry`)."""
    from waterbeleid.units import registry

    return registry()


# -- what a magnitude means ---------------------------------------------------------------


def decimal_value(magnitude: Any) -> Fraction:
    """The exact number a magnitude stands for: a float is its shortest ``repr``.

    >>> decimal_value(0.1), decimal_value(5), decimal_value(decimal.Decimal("2.50"))
    (Fraction(1, 10), Fraction(5, 1), Fraction(5, 2))

    Raises:
        UnitError: not a finite real number.
    """
    if isinstance(magnitude, Fraction):
        return magnitude
    if isinstance(magnitude, bool):
        raise UnitError(f"expected a number, found {magnitude!r}")
    if isinstance(magnitude, int):
        return Fraction(magnitude)
    if isinstance(magnitude, float) or type(magnitude).__name__ in ("float64", "float32"):
        number = float(magnitude)
        if not math.isfinite(number):
            raise UnitError(f"expected a finite number, found {magnitude!r}")
        return Fraction(repr(number))
    if isinstance(magnitude, decimal.Decimal):
        if not magnitude.is_finite():
            raise UnitError(f"expected a finite number, found {magnitude!r}")
        return Fraction(magnitude)
    if hasattr(magnitude, "dtype") and getattr(magnitude, "ndim", 1) == 0:  # numpy integer
        return decimal_value(magnitude.item())
    raise UnitError(f"expected a number, found {type(magnitude).__name__} {magnitude!r}")


def float_for(number: Fraction) -> float | None:
    """The float whose shortest ``repr`` is exactly *number*, or ``None`` if none is.

    >>> float_for(Fraction(3, 10000)), float_for(Fraction(25, 18))
    (0.0003, None)
    """
    if number.denominator == 1 and -_EXACT_INT <= number.numerator <= _EXACT_INT:
        return float(number.numerator)  # exact, and its shortest repr is the integer
    try:
        candidate = float(number)
    except OverflowError:
        return None
    if not math.isfinite(candidate) or Fraction(repr(candidate)) != number:
        return None
    return candidate


def ceil_fraction(number: Fraction) -> int:
    """The smallest integer not below *number* (exact)."""
    return -((-number.numerator) // number.denominator)


def to_decimal(number: Fraction, places: int | None = None) -> decimal.Decimal:
    """*number* as a Decimal: exact when it is a finite decimal, else to 28 significant digits
    (or all digits of its whole part, when there are more).

    With *places*, rounded half up to that many decimal places, exactly, at any size.
    """
    if places is not None:
        scaled = abs(number) * 10**places
        whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
        sign = "-" if number < 0 else ""
        return decimal.Decimal(f"{sign}{whole}e-{places}")
    denominator = number.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:  # a finite decimal: exact
        shift = max(twos, fives)
        scaled = number * 10**shift
        return decimal.Decimal(f"{scaled.numerator}e-{shift}")
    whole = abs(number.numerator) // number.denominator
    with decimal.localcontext() as context:
        context.prec = max(28, len(str(whole)))
        context.Emax = decimal.MAX_EMAX
        context.Emin = decimal.MIN_EMIN
        return decimal.Decimal(number.numerator) / decimal.Decimal(number.denominator)


#: A power of ten that every denominator of a short finite decimal divides (see :func:`to_float`).
_TENS: Final = 10**64


def to_float(number: Fraction) -> float:
    """``float(to_decimal(number))``: the float of *number* as :func:`to_decimal` gives it.

    That is the float nearest to *number* where it is a finite decimal (computed without a
    Decimal where its denominator divides 10⁶⁴), else the float of its 28 significant digits.

    >>> to_float(Fraction(1, 8)), to_float(Fraction(1, 3))
    (0.125, 0.3333333333333333)
    """
    if _TENS % number.denominator == 0:  # a finite decimal: to_decimal is exact
        return number.numerator / number.denominator  # correctly rounded
    return float(to_decimal(number))


# -- exact unit factors -------------------------------------------------------------------


def _rational(scale: Any) -> Fraction:
    """A definition's scale as the rational number it writes.

    pint evaluates ``month = year / 12`` to the float nearest to 1/12; the simplest
    fraction (denominator up to a million) that gives that float is the number meant,
    else the float's shortest decimal (``0.45359237``, ``1e-12``).
    """
    if isinstance(scale, int):
        return Fraction(scale)
    if isinstance(scale, Fraction):
        return scale
    number = float(scale)
    simple = Fraction(number).limit_denominator(10**6)
    if simple and float(simple) == number:
        return simple
    return Fraction(repr(number))


def _definition_factor(ureg: Any, name: str) -> tuple[Fraction, dict[str, int]]:
    """A unit name's factor to base units, and those base units."""
    if name.startswith("["):
        return Fraction(1), {name: 1}
    definition = ureg._units.get(name)
    prefix_scale = Fraction(1)
    if definition is None:
        candidates = ureg.parse_unit_name(name)
        if not candidates:
            raise UnitError(f"expected a unit that pint knows, found {name!r}")
        prefix, base, _suffix = candidates[0]
        if prefix:
            prefix_scale = _rational(ureg._prefixes[prefix].converter.scale)
        definition = ureg._units[base]
    if definition.is_base:
        return prefix_scale, {name: 1}
    if not definition.is_multiplicative:
        raise UnitError(f"expected a unit with a plain factor, found {name!r} (an offset unit)")
    scale = prefix_scale * _rational(definition.converter.scale)
    inner, bases = _container_factor(ureg, definition.reference)
    return scale * inner, bases


def _container_factor(ureg: Any, container: Any) -> tuple[Fraction, dict[str, int]]:
    total = Fraction(1)
    bases: dict[str, int] = {}
    for name, exponent in container.items():
        if exponent != int(exponent):
            raise UnitError(f"expected whole powers of units, found {name} ** {exponent}")
        power = int(exponent)
        scale, inner = _definition_factor(ureg, name)
        total *= scale**power
        for base, count in inner.items():
            bases[base] = bases.get(base, 0) + count * power
    return total, {k: v for k, v in bases.items() if v}


@functools.lru_cache(maxsize=1024)
def _factor(ureg: Any, source: Any, target: Any) -> Fraction:
    scale_source, bases_source = _container_factor(ureg, source)
    scale_target, bases_target = _container_factor(ureg, target)
    if bases_source != bases_target:
        raise UnitError(f"expected units of one dimension, found {dict(source)} and {dict(target)}")
    return scale_source / scale_target


def factor(source: Any, target: Any) -> Fraction:
    """The exact number of *target* units in one *source* unit (pint ``Unit`` objects).

    >>> registry = units_registry()
    >>> factor(registry.Unit("week"), registry.Unit("hour"))
    Fraction(168, 1)

    Raises:
        UnitError: units of different dimensions, or an offset unit (°C).
    """
    ureg = units_registry()
    return _factor(ureg, _container(source), _container(target))


def _container(unit: Any) -> Any:
    return unit._units if hasattr(unit, "_units") else unit


# -- measured values --------------------------------------------------------------------------

_KEYS: dict[Any, str] = {}  # units container -> key
_CONTAINERS: dict[str, Any] = {}  # key -> units container


def unit_key(unit: Any) -> str:
    """The canonical text of a unit (a pint ``Unit`` or its units container), e.g.
    ``"meter ** 3 / hour"``: thresholds are kept per unit key, so comparing a value needs no
    unit arithmetic. The key is the same in every process (it survives pickling).
    """
    container = _container(unit)
    found = _KEYS.get(container)
    if found is None:
        found = str(units_registry().Unit(container))
        _CONTAINERS.setdefault(found, container)
        _KEYS[container] = found
    return found


def unit_of(key: str) -> Any:
    """The units (a pint units container) of a :func:`unit_key`."""
    found = _CONTAINERS.get(key)
    if found is None:
        found = _CONTAINERS[key] = units_registry().parse_units(key)._units
    return found


def measure(quantity: Any) -> tuple[float | Fraction, str]:
    """A quantity as ``(number, unit key)``: the float that stands for its magnitude, or the
    exact Fraction when no float does (e.g. ``Fraction(25, 18)``).

    Raises:
        UnitError: a negative or non-finite magnitude.
    """
    magnitude = quantity.magnitude
    if type(magnitude) is float:
        if not magnitude >= 0 or magnitude == _INF:
            raise UnitError(f"expected a finite value of zero or more, found {magnitude!r}")
        return magnitude, unit_key(quantity._units)
    if type(magnitude) is int and 0 <= magnitude <= _EXACT_INT:
        return float(magnitude), unit_key(quantity._units)  # as float_for gives it
    exact = decimal_value(magnitude)
    if exact < 0:
        raise UnitError(f"expected a value of zero or more, found {magnitude!r}")
    number = float_for(exact)
    return (exact if number is None else number), unit_key(quantity._units)


# -- thresholds -----------------------------------------------------------------------------


def _largest_float_at_most(limit: Fraction, strict: bool) -> float:
    """The largest float whose shortest decimal is <= *limit* (< *limit* when *strict*)."""

    def inside(value: float) -> bool:
        number = Fraction(repr(value))
        return number < limit if strict else number <= limit

    try:
        candidate = float(limit)
    except OverflowError:
        return _INF if limit > 0 else -_INF
    if math.isinf(candidate):
        return candidate
    while not inside(candidate):
        candidate = math.nextafter(candidate, -_INF)
    while True:
        following = math.nextafter(candidate, _INF)
        if math.isinf(following) or not inside(following):
            return candidate
        candidate = following


@attrs.frozen
class Threshold:
    """A comparison with an exact limit, as float bounds: holds iff ``low < v <= high``.

    *v* is a float, meaning its shortest decimal; the bounds are chosen so that the float
    comparison equals the exact one. An exact value (a Fraction, for magnitudes that no
    float stands for) is compared with the limit itself.
    """

    comparison: Comparison
    limit: Fraction
    low: float
    high: float

    @classmethod
    def of(cls, comparison: Comparison, limit: Fraction) -> Threshold:
        """The threshold of ``value <comparison> limit``."""
        below = _largest_float_at_most(limit, strict=True)
        upto = _largest_float_at_most(limit, strict=False)
        low, high = {
            Comparison.AT_MOST: (-_INF, upto),
            Comparison.LESS_THAN: (-_INF, below),
            Comparison.MORE_THAN: (upto, _INF),
            Comparison.AT_LEAST: (below, _INF),
            Comparison.EQUALS: (below, upto),
        }[comparison]
        return cls(comparison, limit, low, high)

    def holds(self, value: float | Fraction) -> bool:
        """Whether the value meets the comparison."""
        if type(value) is float:
            return self.low < value <= self.high
        return self.comparison.holds(Fraction(value), self.limit)

    def holds_array(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """The same for a float array (``NaN`` gives ``False``)."""
        if self.low == -_INF:
            result: npt.NDArray[Any] = values <= self.high
        elif self.high == _INF:
            result = values > self.low
        else:
            result = (values > self.low) & (values <= self.high)
        return result


@functools.lru_cache(maxsize=256)
def _volume_factor(flow_unit: str, duration_unit: str) -> Fraction:
    ureg = units_registry()
    product = unit_of(flow_unit) * unit_of(duration_unit)
    return _factor(ureg, product, ureg.parse_units("m**3")._units)


def volume_m3(
    flow: tuple[float | Fraction, str], duration: tuple[float | Fraction, str]
) -> Fraction:
    """Flow × duration in m³, exactly, from two measured values (see :func:`measure`)."""
    rate, time = decimal_value(flow[0]), decimal_value(duration[0])
    factor = _volume_factor(flow[1], duration[1])
    # one reduction of the product instead of one per multiplication
    return Fraction(
        rate.numerator * time.numerator * factor.numerator,
        rate.denominator * time.denominator * factor.denominator,
    )
