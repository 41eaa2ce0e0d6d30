"""Assessing many discharges at once, column by column, with numpy.

:func:`assess_many` applies the same ruleset as :func:`~waterbeleid.discharge.assess.assess`
to whole columns and gives, row by row, the answers that ``assess()`` gives for each
discharge on its own. It reads every limit, threshold and tariff from the
:class:`~waterbeleid.discharge.ruleset.Ruleset`; each quantity column is converted to the
rules' units once; the rules are applied with numpy comparisons per group of rows that
see the same rules (the same origin, receiver and rule version). A missing value (``NaN``,
``None``, ``NaT``) is unknown, exactly as in ``assess()``: a rule that needs it cannot
decide, so such a discharge is never reported as allowed. There is no explanation per row
(no trace): assess one row with ``assess()`` to see why.

>>> import numpy as np, waterbeleid as wb
>>> from waterbeleid.discharge import assess_many
>>> result = assess_many(
...     origin=["bronnering", "bronnering", "bodemsanering"],
...     receiver=["oppervlaktewater", "vuilwaterriool", "vuilwaterriool"],
...     flow=wb.flow("1 m3/h") * np.array([20.0, 6.0, 2.0]),
...     duration=np.array([504.0, 336.0, np.nan]), duration_unit="uur",
...     suspended_solids=np.array([30.0, 100.0, np.nan]), concentration_unit="mg/l",
...     start=np.array(["2021-05-03", "2021-05-03", "NaT"], dtype="datetime64[D]"),
... )
>>> result.allowed.tolist()
[True, False, False]
>>> [o.value for o in result.obligation]
['notification', 'notification', 'notification']
>>> result.violations["flow"].tolist(), result.violations["receiver"].tolist()
([False, True, False], [False, False, True])
>>> result.levy().tolist()
[Decimal('605.81'), Decimal('121.16'), None]
>>> result.report_deadline
array(['2021-06-07', '2021-05-31', 'NaT'], dtype='datetime64[D]')

numpy is imported on first use (``import waterbeleid`` stays cheap), pandas only for a
DataFrame.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import functools
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid import units
from waterbeleid.discharge.assess import LEVY_ROUNDING, _custom_conditions
from waterbeleid.discharge.model import REFERENCE_UNITS, Authority, Obligation, Origin, Receiver
from waterbeleid.discharge.ruleset import (
    Comparison,
    Condition,
    QualityVerdict,
    QuantityTier,
    Ruleset,
    default_ruleset,
)
from waterbeleid.errors import StructureError, UnitError, VocabularyError, WaterbeleidError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["VIOLATION_PARAMETERS", "BatchAssessment", "assess_many"]

#: The keys of :attr:`BatchAssessment.violations`: the parameters a quality rule can limit,
#: and ``"receiver"`` for a receiver that the rule prohibits.
VIOLATION_PARAMETERS: Final[tuple[str, ...]] = (*REFERENCE_UNITS, "visual_pollution", "receiver")

_DIMENSION: Final[dict[str, str]] = {
    "flow": "flow",
    "duration": "duration",
    "suspended_solids": "concentration",
    "iron": "concentration",
}
# Tri-state codes of a condition for one row; "all conditions hold" is their minimum.
_FALSE: Final = 0
_UNKNOWN: Final = 1
_TRUE: Final = 2
_CONDITIONAL: Final = 3  # a quality rule whose conditions decide, row by row
_FLAG_WORDS: Final[dict[str, int]] = {"true": 1, "ja": 1, "1": 1, "false": 0, "nee": 0, "0": 0}
_FLAG_UNKNOWN: Final = 2
_PEEL_LIMIT: Final = 16  # distinct values found by whole-column comparison, then a dict
_WHAT: Final = "discharge columns"
_LAST_DAY: Final = dt.date.max.isoformat()


def _error(path: str, message: str) -> StructureError:
    return StructureError([f"$.{path}: {message}"], what=_WHAT)


# -- the result ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class BatchAssessment:
    """The columns that :func:`assess_many` returns, one row per discharge.

    Row *i* of every column is what :func:`~waterbeleid.discharge.assess.assess` says of
    row *i*.

    Attributes:
        allowed: ``True``/``False``/``None`` per row (object array); ``None`` where the data
            cannot decide.
        authority: :class:`~waterbeleid.discharge.model.Authority` or ``None`` per row
            (object array); ``None`` where no receiver rule is in force on the start date.
        obligation: :class:`~waterbeleid.discharge.model.Obligation` or ``None`` per row
            (object array): what the water board requires, as
            ``Assessment.water_board_obligation``.
        municipal_consent: ``True``/``False``/``None`` per row (object array).
        levy_applies: bool array.
        volume: float array of m³ (``NaN`` when unknown).
        report_deadline: ``datetime64[D]`` array (``NaT`` when unknown or not required).
        violations: parameter -> bool array, true where the quality rule fails on that
            parameter (``"receiver"`` marks a prohibited receiver); the keys are
            :data:`VIOLATION_PARAMETERS`.
        start: the start dates, ``datetime64[D]`` (``NaT`` when unknown).
        ruleset: the ruleset applied.
    """

    allowed: npt.NDArray[Any]
    authority: npt.NDArray[Any]
    obligation: npt.NDArray[Any]
    municipal_consent: npt.NDArray[Any]
    levy_applies: npt.NDArray[Any]
    volume: npt.NDArray[Any]
    report_deadline: npt.NDArray[Any]
    violations: Mapping[str, npt.NDArray[Any]]
    start: npt.NDArray[Any] = attrs.field(repr=False)
    ruleset: Ruleset = attrs.field(repr=False)

    def __len__(self) -> int:
        return len(self.allowed)

    @property
    def allowed_known(self) -> npt.NDArray[Any]:
        """A bool array: where :attr:`allowed` is ``True`` or ``False`` (not unknown)."""
        import numpy as np

        known: npt.NDArray[Any] = np.asarray(self.allowed != None, dtype=bool)  # noqa: E711
        return known

    def levy(self, year: int | None = None) -> npt.NDArray[Any]:
        """The levy in euros per row (object array of :class:`~decimal.Decimal`).

        Computed as :meth:`Assessment.levy <waterbeleid.discharge.assess.Assessment.levy>`
        computes it, rounded to cents half up: ``Decimal("0.00")`` where no levy applies,
        ``None`` where the volume, the year (no start date and no *year*) or the tariff of
        that year is unknown. *year* defaults to each row's start year.
        """
        import numpy as np

        n = len(self)
        out: npt.NDArray[Any] = np.full(n, None, dtype=object)
        out[~self.levy_applies] = decimal.Decimal("0.00")
        tariffs = {t.year: t.per_unit for t in self.ruleset.levy.tariffs}
        tariff = np.full(n, np.nan)
        if year is not None:
            if year in tariffs:
                tariff[:] = float(tariffs[year])
            years = np.full(n, year, dtype=np.int64)
        else:
            years = self.start.astype("datetime64[Y]").astype(np.int64) + 1970
            for y, amount in tariffs.items():
                first = np.datetime64(f"{y:04d}-01-01") if 0 < y < 10000 else None
                if first is None:
                    continue
                following = first.astype("datetime64[Y]") + 1
                rows = (self.start >= first) & (self.start < following.astype("datetime64[D]"))
                tariff[rows] = float(amount)
        known = self.levy_applies & ~np.isnan(tariff) & ~np.isnan(self.volume)
        per_unit = float(self.ruleset.levy.volume_per_unit.m_as("m**3"))
        with np.errstate(all="ignore"):
            cents = self.volume / per_unit * tariff * 100.0
            # Float arithmetic rounds like Decimal except within a hair of half a cent
            # (or for amounts too large for exact floats): those rows take the Decimal way.
            doubtful = known & (
                (np.abs(cents - np.floor(cents) - 0.5) < 1e-7 + 1e-13 * cents) | (cents >= 1e13)
            )
            whole = np.floor(cents + 0.5)
        easy = np.flatnonzero(known & ~doubtful)
        make = decimal.Decimal
        out[easy] = [make(c).scaleb(-2) for c in whole[easy].astype(np.int64).tolist()]
        unit_volume = decimal.Decimal(repr(per_unit))
        for row in np.flatnonzero(doubtful).tolist():
            pollution_units = decimal.Decimal(repr(float(self.volume[row]))) / unit_volume
            out[row] = (pollution_units * tariffs[int(years[row])]).quantize(*LEVY_ROUNDING)
        return out

    def to_dict(self) -> dict[str, npt.NDArray[Any]]:
        """Every column by name; violation flags as ``violates_<parameter>``."""
        columns = {
            "allowed": self.allowed,
            "authority": self.authority,
            "water_board_obligation": self.obligation,
            "municipal_consent": self.municipal_consent,
            "levy_applies": self.levy_applies,
            "volume_m3": self.volume,
            "levy_eur": self.levy(),
            "report_deadline": self.report_deadline,
        }
        columns.update({f"violates_{k}": v for k, v in self.violations.items()})
        return columns

    def to_pandas(self, index: Any = None) -> Any:
        """The columns of :meth:`to_dict` as a pandas DataFrame (needs the ``pandas`` extra).

        Args:
            index: The index of the frame, e.g. that of the frame you assessed.
        """
        import pandas as pd

        return pd.DataFrame(self.to_dict(), index=index)


# -- reading the input --------------------------------------------------------------------------


@attrs.frozen
class _Coded:
    """A column already factorised: row *i* holds ``uniques[codes[i]]``, -1 is missing."""

    codes: npt.NDArray[Any]
    uniques: list[Any]


@attrs.frozen(kw_only=True)
class _Measured:
    """A quantity column: magnitudes as given, one unit per row group, reference values."""

    magnitude: npt.NDArray[Any]  # NaN where unknown
    unit_codes: npt.NDArray[Any] | None  # index into units per row; None: units[0] for all
    units: tuple[Any, ...]
    reference: npt.NDArray[Any]  # in REFERENCE_UNITS


@attrs.frozen(kw_only=True)
class _Columns:
    n: int
    origin: npt.NDArray[Any]  # index into tuple(Origin)
    receiver: npt.NDArray[Any]  # index into tuple(Receiver)
    values: dict[str, npt.NDArray[Any]]  # reference units; visual_pollution 0.0/1.0; NaN
    volume: npt.NDArray[Any]
    start: npt.NDArray[Any]


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return type(value).__name__ in ("NAType", "NaTType")


def _length(name: str, values: Any) -> int | None:
    """The length of a column; ``None`` for an absent column or one value for every row."""
    import numpy as np

    if values is None or isinstance(values, str):
        return None
    if isinstance(values, _Coded):
        return len(values.codes)
    shape = np.shape(getattr(values, "magnitude", values))
    if len(shape) > 1:
        raise _error(name, f"expected a column (1-dimensional), found shape {shape}")
    return shape[0] if shape else None


def _distinct_codes(
    name: str,
    values: Any,
    convert: Callable[[Any], int],
    n: int,
    rows_of: npt.NDArray[Any] | None = None,
) -> npt.NDArray[Any]:
    """Codes per row, calling *convert* once per distinct value (errors name the row).

    Distinct values are found by comparing the whole column with one value at a time, in
    C, which is fast for the handful of values a vocabulary has; after
    ``_PEEL_LIMIT`` values the rest go through a dict. *rows_of* maps the positions in
    *values* to the rows that error messages name (when *values* is part of a column).
    """
    import numpy as np

    def checked(value: Any, row: int | Callable[[], int]) -> int:
        try:
            return convert(value)
        except WaterbeleidError as exc:
            where = row() if callable(row) else row
            if rows_of is not None:
                where = int(rows_of[where])
            raise type(exc)(f"{name}[{where}]: {exc}") from None

    if isinstance(values, _Coded):
        codes_of = values.codes

        def first(code: int) -> Callable[[], int]:
            return lambda: int(np.argmax(codes_of == code))

        table = [checked(u, first(i)) for i, u in enumerate(values.uniques)]
        table.append(checked(None, first(-1)) if (codes_of < 0).any() else 0)
        coded: npt.NDArray[Any] = np.asarray(table, dtype=np.int64)[values.codes]
        return coded
    arr = np.asarray(values)
    if arr.ndim == 0:
        return np.full(n, checked(arr.item(), 0), dtype=np.int64)
    codes = np.empty(n, dtype=np.int64)
    pending: npt.NDArray[Any] | None = None
    for _ in range(_PEEL_LIMIT):
        rows = arr if pending is None else arr[pending]
        if rows.size == 0:
            return codes
        first = rows[0]
        code = checked(first, 0 if pending is None else int(pending[0]))
        try:
            with np.errstate(all="ignore"):
                hit = np.asarray(rows == first, dtype=bool)
        except (TypeError, ValueError):
            break
        if hit.shape != rows.shape:
            break
        hit[0] = True
        if pending is None:
            codes[hit] = code
            pending = np.flatnonzero(~hit)
        else:
            codes[pending[hit]] = code
            pending = pending[~hit]
    seen: dict[Any, int] = {}
    for row in range(n) if pending is None else pending.tolist():
        value = arr[row]
        try:
            known = seen.get(value)
        except TypeError:  # unhashable
            known = None
        if known is None:
            known = checked(value, row)
            with contextlib.suppress(TypeError):
                seen[value] = known
        codes[row] = known
    return codes


def _enum_codes(name: str, enum: Any, values: Any, n: int) -> npt.NDArray[Any]:
    """Member index per row, parsing each distinct label (or member) once."""
    import numpy as np

    if values is None:
        raise _error(name, f"expected a column of {enum.__name__} values, found none")
    members = list(enum)
    index = {member: i for i, member in enumerate(members)}
    arr = values if isinstance(values, _Coded) else np.asarray(values)
    if not isinstance(arr, _Coded) and arr.ndim == 1 and arr.dtype == object and arr.size:
        # Members themselves: one identity comparison per member, no gathers.
        codes = np.full(n, -1, dtype=np.int64)
        for i, member in enumerate(members):
            codes[arr == member] = i
        rest = np.flatnonzero(codes < 0)
        if rest.size < n:
            if rest.size:
                codes[rest] = _distinct_codes(
                    name, arr[rest], lambda v: index[enum.parse(v)], rest.size, rest
                )
            return codes.astype(np.int8)
    return _distinct_codes(name, arr, lambda v: index[enum.parse(v)], n).astype(np.int8)


def _flag(value: Any) -> int:
    if _is_missing(value):
        return _FLAG_UNKNOWN
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _FLAG_WORDS:
            return _FLAG_WORDS[word]
    elif isinstance(value, (bool, int, float)) or hasattr(value, "dtype"):
        number = float(value)
        if math.isnan(number):
            return _FLAG_UNKNOWN
        if number in (0.0, 1.0):
            return int(number)
    raise VocabularyError(
        f"expected true, false or missing (None, NaN; also 'ja', 'nee', 1, 0), found {value!r}"
    )


def _flags(values: Any, n: int) -> npt.NDArray[Any]:
    """visual_pollution as float: 1.0 true, 0.0 false, NaN unknown."""
    import numpy as np

    if values is None:  # not given: no visual pollution, as DischargeActivity's default
        return np.zeros(n)
    arr = values if isinstance(values, _Coded) else np.asarray(values)
    if not isinstance(arr, _Coded) and arr.dtype.kind in "biuf":
        numbers = np.broadcast_to(arr.astype(np.float64), (n,)).copy()
        with np.errstate(invalid="ignore"):
            bad = ~(np.isnan(numbers) | (numbers == 0.0) | (numbers == 1.0))
        if bad.any():
            row = int(np.argmax(bad))
            raise VocabularyError(
                f"visual_pollution[{row}]: expected true, false or missing, found {numbers[row]!r}"
            )
        return numbers
    codes = _distinct_codes("visual_pollution", arr, _flag, n)
    flags: npt.NDArray[Any] = np.array([0.0, 1.0, np.nan])[codes]
    return flags


def _measured(name: str, values: Any, unit: str | None, n: int) -> _Measured | None:
    """A quantity column: a pint quantity, numbers with *unit*, or quantity texts."""
    import numpy as np
    import pint

    dimension = _DIMENSION[name]
    example = units.DIMENSIONS[dimension][1]
    reference_unit = REFERENCE_UNITS[name]
    ureg = units.registry()
    if values is None:
        return None
    if isinstance(values, pint.Quantity):
        if unit is not None:
            raise UnitError(
                f"{name}: expected the unit either in the quantity or as a unit argument, "
                f"found both ({values.units:~P} and {unit!r})"
            )
        try:
            probe = units.quantity(ureg.Quantity(1, str(values.units)), dimension)
        except UnitError as exc:
            raise UnitError(f"{name}: {exc}") from None
        magnitude = np.asarray(values.magnitude, dtype=np.float64)
        found_units: tuple[Any, ...] = (probe.units,)
        unit_codes = None
    else:
        raw = values if isinstance(values, _Coded) else np.asarray(values)
        texts = isinstance(raw, _Coded) or raw.dtype.kind in "OUS"
        if unit is not None:
            try:
                probe = units.quantity(units.parse_quantity(f"1 {unit}"), dimension)
            except UnitError as exc:
                raise UnitError(f"{name}: {exc}") from None
            if isinstance(raw, _Coded):
                raw = np.asarray([*raw.uniques, None], dtype=object)[raw.codes]
            try:
                magnitude = np.asarray(raw, dtype=np.float64)
            except (TypeError, ValueError):
                raise _error(
                    name, f"expected numbers (NaN or None for unknown) with {unit!r}"
                ) from None
            found_units, unit_codes = (probe.units,), None
        elif texts:
            magnitude, unit_codes, found_units = _quantity_texts(name, raw, dimension, n)
        else:
            raise UnitError(
                f"{name}: expected a pint quantity, quantity texts (e.g. {example!r}) or "
                f"numbers with a unit (e.g. {name}_unit=...), found bare numbers"
            )
    magnitude = np.broadcast_to(magnitude, (n,))
    bad = np.isinf(magnitude) | (magnitude < 0)
    if bad.any():
        row = int(np.argmax(bad))
        raise UnitError(
            f"{name}[{row}]: expected a finite {dimension} of zero or more, found "
            f"{magnitude[row]!r} (negative values are not allowed)"
        )
    # one conversion factor per unit, computed by pint as Quantity.m_as computes it
    factors = [float(ureg.Quantity(1.0, u).m_as(reference_unit)) for u in found_units]
    if unit_codes is None:
        reference = magnitude * factors[0]
    else:
        reference = magnitude * np.asarray(factors)[unit_codes]
    return _Measured(
        magnitude=magnitude, unit_codes=unit_codes, units=found_units, reference=reference
    )


def _quantity_texts(
    name: str, raw: Any, dimension: str, n: int
) -> tuple[npt.NDArray[Any], npt.NDArray[Any], tuple[Any, ...]]:
    """Quantity texts (or scalar quantities), each distinct one parsed once."""
    import numpy as np

    parsed: list[tuple[float, Any]] = [(math.nan, None)]  # code 0: unknown

    def parse(value: Any) -> int:
        if _is_missing(value):
            return 0
        q = units.quantity(value, dimension)
        parsed.append((float(q.magnitude), q.units))
        return len(parsed) - 1

    codes = _distinct_codes(name, raw, parse, n)
    unit_index = {u: i for i, u in enumerate(dict.fromkeys(u for _, u in parsed[1:]))}
    found_units = tuple(unit_index) or (units.parse_quantity("1 " + _EXAMPLE_UNIT[dimension]),)
    magnitude = np.array([m for m, _ in parsed])[codes]
    unit_codes = np.array([0] + [unit_index[u] for _, u in parsed[1:]])[codes]
    return magnitude, unit_codes, tuple(getattr(u, "units", u) for u in found_units)


_EXAMPLE_UNIT: Final[dict[str, str]] = {
    "flow": "m3/h",
    "duration": "h",
    "concentration": "mg/l",
}


def _volume(flow: _Measured | None, duration: _Measured | None, n: int) -> npt.NDArray[Any]:
    """Flow × duration in m³, by the same float operations as ``DischargeActivity.volume``.

    pint multiplies the magnitudes and then converts with one factor per pair of units;
    the factor comes from pint for each pair of units present.
    """
    import numpy as np

    if flow is None or duration is None:
        return np.full(n, np.nan)
    ureg = units.registry()
    product = flow.magnitude * duration.magnitude
    if flow.unit_codes is None and duration.unit_codes is None:
        factor = float(
            (ureg.Quantity(1, flow.units[0]) * ureg.Quantity(1, duration.units[0]))
            .to("m**3")
            .magnitude
        )
        volume: npt.NDArray[Any] = product * factor
        return volume
    f_codes = np.zeros(n, dtype=np.int64) if flow.unit_codes is None else flow.unit_codes
    d_codes = np.zeros(n, dtype=np.int64) if duration.unit_codes is None else duration.unit_codes
    volume = np.full(n, np.nan)
    pair = f_codes * len(duration.units) + d_codes
    for code in np.unique(pair).tolist():
        f_unit, d_unit = (
            flow.units[code // len(duration.units)],
            duration.units[code % len(duration.units)],
        )
        factor = float((ureg.Quantity(1, f_unit) * ureg.Quantity(1, d_unit)).to("m**3").magnitude)
        rows = pair == code
        volume[rows] = product[rows] * factor
    return volume


def _dates(values: Any, n: int) -> npt.NDArray[Any]:
    """Start dates as ``datetime64[D]``; ``NaT`` where unknown."""
    import numpy as np

    if values is None:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    if isinstance(values, _Coded):
        values = np.asarray([*values.uniques, None], dtype=object)[values.codes]
    if isinstance(values, dt.date):
        values = np.datetime64(values, "D")
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        days = arr.astype("datetime64[D]")
    elif arr.dtype.kind == "f" and np.isnan(arr).all():
        days = np.full(arr.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    elif arr.dtype.kind in "OUS":
        try:
            days = arr.astype("datetime64[D]")
        except (TypeError, ValueError):
            cleaned = [None if _is_missing(v) else v for v in arr.reshape(-1).tolist()]
            for row, value in enumerate(cleaned):
                if value is not None and not isinstance(value, (dt.date, str)):
                    raise _error(
                        f"start[{row}]",
                        "expected a date (datetime.date, datetime64 or ISO text like "
                        f"'2021-05-03'), found {type(value).__name__} {value!r}",
                    ) from None
            try:
                days = np.array(cleaned, dtype="datetime64[D]").reshape(arr.shape)
            except ValueError as exc:
                raise _error("start", f"expected dates like '2021-05-03', found {exc}") from None
    else:
        raise _error(
            "start",
            "expected dates (datetime64, datetime.date or ISO text like '2021-05-03'), "
            f"found an array of dtype {arr.dtype}",
        )
    days = np.broadcast_to(days, (n,))
    known = days[~np.isnat(days)]
    if known.size and (
        known.min() < np.datetime64(dt.date.min) or known.max() > np.datetime64(_LAST_DAY)
    ):
        raise _error("start", f"expected dates between {dt.date.min} and {dt.date.max}")
    return days


def _unit_in_name(name: str, column: str) -> str | None:
    """The unit that a column name gives, or ``None`` if the column is not *name* with a unit.

    ``flow__m3/h``, ``flow_m3_per_h`` and ``flow [m3/h]`` all give ``m3/h``-like texts.
    """
    if column.startswith(f"{name}__"):
        return column[len(name) + 2 :]
    if column.startswith(f"{name} [") and column.endswith("]"):
        return column[len(name) + 2 : -1].strip()
    if column.startswith(f"{name}_") and column != f"{name}_unit":
        return column[len(name) + 1 :].replace("_", " ")
    return None


def _from_frame(frame: Any) -> dict[str, Any]:
    """The columns of a pandas DataFrame, as :func:`assess_many` takes them."""
    import numpy as np
    import pandas as pd

    names = [c for c in frame.columns if isinstance(c, str)]
    columns: dict[str, Any] = {}
    for name in ("origin", "receiver", "visual_pollution"):
        if name in names:
            codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
            columns[name] = _Coded(np.asarray(codes, dtype=np.int64), list(uniques))
    for name in ("origin", "receiver"):
        if name not in columns:
            raise _error(name, f"expected a column {name!r} in the data frame, found {names}")
    for name in _DIMENSION:
        given: list[tuple[str, str | None]] = [
            (c, u) for c in names if (u := _unit_in_name(name, c)) is not None
        ]
        if name in names:
            given.append((name, None))
        if not given:
            continue
        if len(given) > 1:
            shown = ", ".join(repr(c) for c, _ in given)
            raise _error(name, f"expected one column for {name}, found {shown}")
        column, unit = given[0]
        series = frame[column]
        unit_column = f"{name}_unit"
        if unit is not None and unit_column in names:
            raise UnitError(
                f"{name}: expected the unit either in the column name {column!r} or in "
                f"the column {unit_column!r}, found both"
            )
        if unit is None and unit_column in names:
            distinct = frame[unit_column].dropna().unique().tolist()
            if len(distinct) > 1 or (distinct and not isinstance(distinct[0], str)):
                raise UnitError(
                    f"{unit_column}: expected one unit text for the whole column, found {distinct}"
                )
            unit = distinct[0] if distinct else units.DIMENSIONS[_DIMENSION[name]][0]
        if unit is None and pd.api.types.is_numeric_dtype(series):
            raise UnitError(
                f"{name}: expected the unit in the column name ({name}_m3_per_h, "
                f"{name}__m3/h, '{name} [m3/h]'), in a column {unit_column!r} or in quantity "
                f"texts, found bare numbers in the column {column!r}"
            )
        if unit is None:  # quantity texts such as "5 m3/h"
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            columns[name] = _Coded(np.asarray(codes, dtype=np.int64), list(uniques))
            continue
        try:
            columns[name] = series.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            raise _error(
                column, f"expected numbers (empty for unknown), found dtype {series.dtype}"
            ) from None
        columns[f"{name}_unit"] = unit
    if "start" in names:
        series = frame["start"]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(series):
            columns["start"] = series.to_numpy()
        else:
            values = np.array(series.to_numpy(dtype=object), dtype=object)
            values[series.isna().to_numpy()] = None
            columns["start"] = values
    return columns


def _is_dataframe(value: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def _read(columns: dict[str, Any], units_of: dict[str, str | None]) -> _Columns:
    import numpy as np

    names = ("origin", "receiver", *_DIMENSION, "visual_pollution", "start")
    lengths = {
        name: length for name in names if (length := _length(name, columns.get(name))) is not None
    }
    if len(set(lengths.values())) > 1:
        first, n = next(iter(lengths.items()))
        raise StructureError(
            [
                f"$.{name}: expected {n} values (as many as {first}), found {length}"
                for name, length in lengths.items()
                if length != n
            ],
            what=f"{_WHAT}: every column must have the same length",
        )
    n = next(iter(lengths.values()), 1)
    origin = _enum_codes("origin", Origin, columns.get("origin"), n)
    receiver = _enum_codes("receiver", Receiver, columns.get("receiver"), n)
    measured = {name: _measured(name, columns.get(name), units_of[name], n) for name in _DIMENSION}
    values = {
        name: np.full(n, np.nan) if m is None else m.reference for name, m in measured.items()
    }
    values["visual_pollution"] = _flags(columns.get("visual_pollution"), n)
    return _Columns(
        n=n,
        origin=origin,
        receiver=receiver,
        values=values,
        volume=_volume(measured["flow"], measured["duration"], n),
        start=_dates(columns.get("start"), n),
    )


# -- the rules, vectorised ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Plan:
    """What the rules say of one group of rows: one rule period, origin and receiver."""

    authority: int  # index into Authority, -1 for none
    consent: int  # 0 false, 1 true, -1 unknown
    quality: int  # _FALSE, _UNKNOWN, _TRUE or _CONDITIONAL
    conditions: tuple[Condition, ...]
    prohibited: bool
    tiers: tuple[QuantityTier, ...]
    obligation: int  # index into Obligation when there are no tiers; -1 for none
    levy: bool
    reporting: bool


def _plan(
    rules: Ruleset,
    origin: Origin,
    receiver: Receiver,
    on: dt.date | None,
    custom: Callable[[], tuple[Condition, ...]],
) -> _Plan:
    """The rules in force *on* a date, looked up as :func:`assess` looks them up."""
    receiver_rule = rules.receiver_rule(receiver, on)
    quality = rules.quality_rule(origin, receiver, on)
    conditions: tuple[Condition, ...] = ()
    if quality is None:
        verdict = _UNKNOWN
    elif quality.rule is QualityVerdict.ALLOWED:
        verdict = _TRUE
    elif quality.rule is QualityVerdict.PROHIBITED:
        verdict = _FALSE
    else:
        conditions = quality.conditions if quality.rule is QualityVerdict.CONDITIONAL else custom()
        verdict = _CONDITIONAL if conditions else _UNKNOWN
    tiers = rules.quantity_tiers(receiver, on)
    obligation = -1
    if (
        not tiers
        and receiver_rule is not None
        and receiver_rule.water_board_notification is not None
    ):
        chosen = (
            Obligation.NOTIFICATION if receiver_rule.water_board_notification else Obligation.NONE
        )
        obligation = list(Obligation).index(chosen)
    levy, reporting = rules.levy, rules.reporting
    return _Plan(
        authority=-1 if receiver_rule is None else list(Authority).index(receiver_rule.authority),
        consent=-1 if receiver_rule is None else int(receiver_rule.municipal_consent),
        quality=verdict,
        conditions=conditions,
        prohibited=quality is not None and quality.rule is QualityVerdict.PROHIBITED,
        tiers=tiers,
        obligation=obligation,
        levy=receiver in levy.receivers and (on is None or levy.valid_from <= on),
        reporting=receiver in reporting.receivers and (on is None or reporting.valid_from <= on),
    )


def _periods(rules: Ruleset) -> tuple[list[dt.date], list[dt.date | None]]:
    """The days on which some rule version starts to apply, and a day in each period.

    Rows that start in the same period see the same rules. The last period, day ``None``,
    is that of rows without a start date (the newest rules, as in ``assess()``).
    """
    days = sorted(
        {r.valid_from for r in rules.receivers}
        | {q.valid_from for q in rules.quality}
        | {t.valid_from for t in rules.quantity}
        | {rules.levy.valid_from, rules.reporting.valid_from}
    )
    before = days[0] - dt.timedelta(days=1) if days[0] > dt.date.min else days[0]
    return days, [before, *days, None]


class _Conditions:
    """Tri-state results of conditions over all rows, each distinct condition once."""

    def __init__(self, values: dict[str, npt.NDArray[Any]]) -> None:
        import numpy as np

        self._values = values
        self._unknown: dict[str, npt.NDArray[Any]] = {}
        self._cache: dict[tuple[str, Comparison, float], npt.NDArray[Any]] = {}
        self._compare: dict[Comparison, Any] = {
            Comparison.AT_MOST: np.less_equal,
            Comparison.LESS_THAN: np.less,
            Comparison.MORE_THAN: np.greater,
            Comparison.AT_LEAST: np.greater_equal,
            Comparison.EQUALS: np.equal,
        }

    def holds(self, condition: Condition) -> npt.NDArray[Any]:
        import numpy as np

        key = (condition.parameter, condition.comparison, float(condition.reference))
        found = self._cache.get(key)
        if found is None:
            column = self._values[key[0]]
            unknown = self._unknown.get(key[0])
            if unknown is None:
                unknown = self._unknown[key[0]] = np.isnan(column)
            met = self._compare[key[1]](column, key[2])
            found = met.view(np.int8) << 1  # _TRUE or _FALSE
            found |= unknown.view(np.int8)  # NaN compares false: _FALSE | 1 == _UNKNOWN
            self._cache[key] = found
        return found

    def all_hold(self, conditions: tuple[Condition, ...], n: int) -> npt.NDArray[Any]:
        import numpy as np

        if not conditions:
            return np.full(n, _TRUE, dtype=np.int8)
        result = self.holds(conditions[0])
        for condition in conditions[1:]:
            result = np.minimum(result, self.holds(condition))
        return result


def _apply(cols: _Columns, rules: Ruleset, limits: Mapping[str, Any] | None) -> BatchAssessment:
    import numpy as np

    n = cols.n
    days, on = _periods(rules)
    no_start = np.isnat(cols.start)
    period = np.zeros(n, dtype=np.int8)
    for day in days:
        period += cols.start >= np.datetime64(day)
    period[no_start] = len(on) - 1
    n_origin, n_receiver = len(Origin), len(Receiver)
    key = period.astype(np.int16)
    key *= n_origin
    key += cols.origin
    key *= n_receiver
    key += cols.receiver
    groups = len(on) * n_origin * n_receiver
    present = np.flatnonzero(np.bincount(key, minlength=groups))

    custom = functools.cache(lambda: _custom_conditions(limits) if limits else ())
    origins, receivers = list(Origin), list(Receiver)
    plans: dict[int, _Plan] = {}
    for g in present.tolist():
        p, rest = divmod(g, n_origin * n_receiver)
        o, r = divmod(rest, n_receiver)
        plans[g] = _plan(rules, origins[o], receivers[r], on[p], custom)

    def column(field: Callable[[_Plan], int], dtype: Any, default: int = 0) -> Any:
        table = np.full(groups, default, dtype=dtype)
        for g, plan in plans.items():
            table[g] = field(plan)
        return table[key]

    conditions = _Conditions(cols.values)

    # quality -> allowed and violations
    allowed = column(lambda p: p.quality, np.int8)
    violations = {name: np.zeros(n, dtype=bool) for name in VIOLATION_PARAMETERS}
    violations["receiver"] = column(lambda p: p.prohibited, bool)
    sets = _distinct(p.conditions for p in plans.values() if p.conditions)
    if sets:
        which = column(lambda p: sets.get(p.conditions, -1), np.int16, -1)
        for conds, i in sets.items():
            rows = which == i
            np.copyto(allowed, conditions.all_hold(conds, n), where=rows)
            for condition in conds:
                fails = conditions.holds(condition) == _FALSE
                violations[condition.parameter] |= fails & rows

    # quantity tiers -> the water board's obligation (else the receiver rule's notification)
    obligation = column(lambda p: p.obligation, np.int8, -1)
    tier_sets = _distinct(p.tiers for p in plans.values() if p.tiers)
    if tier_sets:
        which = column(lambda p: tier_sets.get(p.tiers, -1), np.int16, -1)
        for tiers, i in tier_sets.items():
            undecided = which == i
            for tier in tiers:  # the first tier whose conditions all hold decides
                holds = conditions.all_hold(tier.conditions, n)
                code = list(Obligation).index(tier.obligation)
                np.copyto(obligation, code, where=undecided & (holds == _TRUE))
                undecided &= holds == _FALSE  # unknown: stop, the obligation is unknown

    # reporting: the end day (start + the duration in whole days, rounded up) + the period
    within = math.ceil(float(rules.reporting.within.m_as("day")) - 1e-9)
    with np.errstate(invalid="ignore"):
        length = np.ceil(cols.values["duration"] / 24 - 1e-9) + within  # NaN: unknown
        room = np.datetime64(_LAST_DAY).astype(np.int64) - cols.start.astype(np.int64)
        due = column(lambda p: p.reporting, bool) & ~no_start & (length <= room)
    deadline = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    offsets = np.where(due, length, 0).astype(np.int64).astype("timedelta64[D]")
    np.copyto(deadline, cols.start + offsets, where=due)

    verdicts = np.array([False, None, True], dtype=object)
    return BatchAssessment(
        allowed=verdicts[allowed],
        authority=np.array([*Authority, None], dtype=object)[
            column(lambda p: p.authority, np.int8)
        ],
        obligation=np.array([*Obligation, None], dtype=object)[obligation],
        municipal_consent=np.array([False, True, None], dtype=object)[
            column(lambda p: p.consent, np.int8)
        ],
        levy_applies=column(lambda p: p.levy, bool),
        volume=cols.volume,
        report_deadline=deadline,
        violations=violations,
        start=cols.start,
        ruleset=rules,
    )


def _distinct(items: Iterable[Any]) -> dict[Any, int]:
    index: dict[Any, int] = {}
    for item in items:
        index.setdefault(item, len(index))
    return index


def assess_many(
    data: Any = None,
    *,
    origin: Any = None,
    receiver: Any = None,
    flow: Any = None,
    duration: Any = None,
    suspended_solids: Any = None,
    iron: Any = None,
    visual_pollution: Any = None,
    start: Any = None,
    flow_unit: str | None = None,
    duration_unit: str | None = None,
    concentration_unit: str | None = None,
    suspended_solids_unit: str | None = None,
    iron_unit: str | None = None,
    ruleset: Ruleset | None = None,
    limits: Mapping[str, Any] | None = None,
) -> BatchAssessment:
    """Assess many discharges given as columns (or as a pandas DataFrame, *data*).

    Row *i* of the result is what :func:`~waterbeleid.discharge.assess.assess` says of a
    ``DischargeActivity`` built from row *i*, under the rules in force on its start date.

    **Columns** (each a numpy array or a list; a single value applies to every row):

    - ``origin``, ``receiver``: :class:`~waterbeleid.discharge.model.Origin` and
      :class:`~waterbeleid.discharge.model.Receiver` members, or texts that their ``parse``
      reads (English values, Dutch labels); each distinct value is parsed once.
    - ``flow``, ``duration``, ``suspended_solids``, ``iron``: a pint quantity around a numpy
      array (any unit of the right dimension); numbers with their unit as text in
      ``flow_unit``, ``duration_unit``, ``suspended_solids_unit``, ``iron_unit`` (or
      ``concentration_unit`` for both concentrations), Dutch notation accepted
      (``"m3 per uur"``, ``"l/s"``, ``"weken"``, ``"mg/l"``); or quantity texts
      (``"2,5 l/s"``), each distinct text parsed once. ``NaN``/``None`` is unknown; a
      column not given is unknown throughout.
    - ``visual_pollution``: booleans; ``None``/``NaN`` is unknown (``"ja"``/``"nee"`` and
      ``1``/``0`` are read too). Not given, it is ``False`` throughout, as for
      ``DischargeActivity``.
    - ``start``: ``datetime64`` (the day is kept), :class:`datetime.date` or ISO text;
      ``NaT``/``None`` is unknown: the newest rules apply, and there is no levy year and
      no report deadline.

    **A pandas DataFrame** holds the same columns by name: ``origin`` and ``receiver``
    (required), and any of ``flow``, ``duration``, ``suspended_solids``, ``iron``,
    ``visual_pollution``, ``start``. A quantity column gives its unit in its name —
    ``<name>_<unit>`` with ``_per_`` for ``/`` (``flow_m3_per_h``, ``flow_l_per_s``,
    ``duration_h``, ``duration_d``, ``duration_weeks``, ``suspended_solids_mg_per_l``,
    ``iron_mg_per_l``), ``<name>__<unit>`` (``flow__m3/h``) or ``<name> [<unit>]``
    (``iron [mg/l]``) — or is named plainly (``flow``) with a unit column beside it
    (``flow_unit``, one unit text for the whole column), or holds quantity texts
    (``"5 m3/h"``). Empty cells are unknown; other columns (an ``id``) are ignored.
    pandas is imported for this form only.

    Args:
        data: A pandas DataFrame holding every column, instead of the keyword columns.
        origin: Where the water comes from.
        receiver: Where it is discharged.
        flow: The discharged flows.
        duration: How long each discharge lasts.
        suspended_solids: Suspended solids in any grab sample.
        iron: Iron content in any grab sample.
        visual_pollution: Whether each discharge causes visual pollution.
        start: The days the discharges start.
        flow_unit: The unit of plain ``flow`` numbers.
        duration_unit: The unit of plain ``duration`` numbers.
        concentration_unit: The unit of plain ``suspended_solids`` and ``iron`` numbers.
        suspended_solids_unit: The unit of plain ``suspended_solids`` numbers.
        iron_unit: The unit of plain ``iron`` numbers.
        ruleset: The rules; the packaged Brabantse Delta rules by default.
        limits: Discharge limits for soil remediation where the ruleset gives none, as for
            ``assess()``.

    Raises:
        UnitError: a column of the wrong dimension, bare numbers, an unknown unit, a
            negative or infinite value.
        VocabularyError: an unknown origin, receiver or visual-pollution value.
        StructureError: columns of different lengths, a column that is not
            1-dimensional, values of the wrong kind (text where numbers or dates belong),
            a data frame without ``origin`` or ``receiver``, or both a data frame and
            keyword columns.
    """
    units_of: dict[str, str | None] = {
        "flow": flow_unit,
        "duration": duration_unit,
        "suspended_solids": suspended_solids_unit or concentration_unit,
        "iron": iron_unit or concentration_unit,
    }
    columns: dict[str, Any] = {
        "origin": origin,
        "receiver": receiver,
        "flow": flow,
        "duration": duration,
        "suspended_solids": suspended_solids,
        "iron": iron,
        "visual_pollution": visual_pollution,
        "start": start,
    }
    if data is not None:
        if not _is_dataframe(data):
            raise _error("data", f"expected a pandas DataFrame, found {type(data).__name__}")
        extra = [k for k, v in {**columns, **units_of}.items() if v is not None]
        if extra:
            raise _error(
                extra[0],
                "expected either a data frame or keyword columns, found both (a data frame "
                f"and {', '.join(extra)})",
            )
        columns = _from_frame(data)
        units_of = {name: columns.get(f"{name}_unit") for name in _DIMENSION}
    rules = ruleset if ruleset is not None else default_ruleset()
    if not isinstance(rules, Ruleset):
        raise TypeError(f"ruleset: expected a Ruleset, found {type(rules).__name__}")
    return _apply(_read(columns, units_of), rules, limits)
