"""Reading the columns that :func:`~waterbeleid.discharge.batch.assess_many` takes.

Labels are parsed once per distinct value, quantity columns keep their magnitudes in the
unit given (rules compare them there, exactly: :mod:`waterbeleid.discharge.exact`), and
dates become ``datetime64[D]`` days. Bad input raises the error that names the column and
the row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid import units
from waterbeleid.discharge import exact, timespan
from waterbeleid.discharge.model import FLAGS, PARAMETERS, Origin, Receiver
from waterbeleid.errors import StructureError, UnitError, VocabularyError, WaterbeleidError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Columns", "Measured", "is_dataframe", "read"]

_FLAG_WORDS: Final[dict[str, int]] = {"true": 1, "ja": 1, "1": 1, "false": 0, "nee": 0, "0": 0}
_FLAG_UNKNOWN: Final = 2
#: Yes/no columns about the receiving water (not conditions of a rule).
CONTEXT: Final = ("designated_water_body", "water_board")
_PEEL_LIMIT: Final = 16  # distinct values found by whole-column comparison, then a dict
_WHAT: Final = "discharge columns"
_LAST_DAY: Final = dt.date.max.isoformat()


def _error(path: str, message: str) -> StructureError:
    return StructureError([f"$.{path}: {message}"], what=_WHAT)


@attrs.frozen
class _Coded:
    """A column already factorised: row *i* holds ``uniques[codes[i]]``, -1 is missing."""

    codes: npt.NDArray[Any]
    uniques: list[Any]


@attrs.frozen(kw_only=True)
class Measured:
    """A quantity column: magnitudes as given (each float meaning its shortest decimal),
    in one unit or one unit per row.

    Attributes:
        magnitude: The numbers, ``NaN`` where unknown.
        unit_codes: Per row, an index into *units*; ``None`` when every row has ``units[0]``.
        units: The units, as unit keys (:func:`waterbeleid.discharge.exact.unit_key`).
        pint_units: The same units as pint ``Unit`` objects.
    """

    magnitude: npt.NDArray[Any]
    unit_codes: npt.NDArray[Any] | None
    units: tuple[str, ...]
    pint_units: tuple[Any, ...]

    def at(self, row: int) -> tuple[float, str]:
        """Row *row* as ``(number, unit key)``, as :meth:`DischargeActivity.measured
        <waterbeleid.discharge.model.DischargeActivity.measured>` gives it."""
        code = 0 if self.unit_codes is None else int(self.unit_codes[row])
        return float(self.magnitude[row]), self.units[code]


@attrs.frozen(kw_only=True)
class Columns:
    """The discharges as columns, read and checked.

    Attributes:
        n: The number of rows.
        origin: Per row, an index into :class:`~waterbeleid.discharge.model.Origin`.
        receiver: Per row, an index into :class:`~waterbeleid.discharge.model.Receiver`.
        measured: The quantity columns given, by parameter.
        flags: The yes/no columns: 1.0 yes, 0.0 no, ``NaN`` not stated.
        designated: Whether each receiving water body is designated: 1.0 yes, 0.0 no,
            ``NaN`` not stated.
        volume: Flow × duration in m³ (floats, as pint computes them).
        start: The start days (``datetime64[D]``, ``NaT`` unknown).
        end_day: The days the discharges end on (``NaT`` unknown).
    """

    n: int
    origin: npt.NDArray[Any]
    receiver: npt.NDArray[Any]
    measured: dict[str, Measured]
    flags: dict[str, npt.NDArray[Any]]
    designated: npt.NDArray[Any]
    volume: npt.NDArray[Any]
    start: npt.NDArray[Any]
    end_day: npt.NDArray[Any]


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
            if isinstance(exc, StructureError):
                messages = [m.split(": ", 1)[-1] for m in exc.messages]
                raise StructureError(
                    [f"$.{name}[{where}]: {m}" for m in messages], what=_WHAT
                ) from None
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


def _flags(values: Any, n: int, name: str = "visual_pollution") -> npt.NDArray[Any]:
    """A yes/no column as float: 1.0 true, 0.0 false, NaN not stated."""
    import numpy as np

    if values is None:  # not given: not stated, as DischargeActivity's default
        return np.full(n, np.nan)
    arr = values if isinstance(values, _Coded) else np.asarray(values)
    if not isinstance(arr, _Coded) and arr.dtype.kind in "biuf":
        numbers = np.broadcast_to(arr.astype(np.float64), (n,)).copy()
        with np.errstate(invalid="ignore"):
            bad = ~(np.isnan(numbers) | (numbers == 0.0) | (numbers == 1.0))
        if bad.any():
            row = int(np.argmax(bad))
            raise VocabularyError(
                f"{name}[{row}]: expected true, false or missing, found {numbers[row]!r}"
            )
        return numbers
    codes = _distinct_codes(name, arr, _flag, n)
    flags: npt.NDArray[Any] = np.array([0.0, 1.0, np.nan])[codes]
    return flags


@functools.lru_cache(maxsize=256)
def _probe(unit: str, dimension: str, registry: Any) -> Any:
    """One unit of *unit* (a text) checked against *dimension*, parsed once per registry."""
    return units.quantity(units.parse_quantity(f"1 {unit}"), dimension)


def _measured(name: str, values: Any, unit: str | None, n: int) -> Measured | None:
    """A quantity column: a pint quantity, numbers with *unit*, or quantity texts."""
    import numpy as np
    import pint

    dimension = PARAMETERS[name]
    example = units.DIMENSIONS[dimension][1]
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
        magnitude = _numbers(name, values.magnitude)
        found_units: tuple[Any, ...] = (probe.units,)
        unit_codes = None
    else:
        raw = values if isinstance(values, _Coded) else np.asarray(values)
        texts = isinstance(raw, _Coded) or raw.dtype.kind in "OUS"
        if unit is not None:
            try:
                probe = _probe(unit, dimension, ureg)
            except UnitError as exc:
                raise UnitError(f"{name}: {exc}") from None
            if isinstance(raw, _Coded):
                raw = np.asarray([*raw.uniques, None], dtype=object)[raw.codes]
            magnitude = _numbers(name, raw, unit)
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
    return Measured(
        magnitude=magnitude,
        unit_codes=unit_codes,
        units=tuple(exact.unit_key(u) for u in found_units),
        pint_units=found_units,
    )


def _numbers(name: str, values: Any, unit: str | None = None) -> npt.NDArray[Any]:
    """Magnitudes as floats, each float standing for exactly the number given.

    Integers and exact numbers (Decimal, Fraction) are accepted where a float stands for
    them (see :func:`waterbeleid.discharge.exact.float_for`); others are refused rather
    than rounded.
    """
    import numpy as np

    raw = np.asarray(values)
    if raw.dtype.kind == "f":
        return raw.astype(np.float64, copy=False)
    if raw.dtype.kind in "iub":
        numbers = raw.astype(np.float64)
        if raw.dtype.kind != "b" and ((raw > 2**53).any() or (raw < -(2**53)).any()):
            _check_exact(name, raw.reshape(-1).tolist(), numbers.reshape(-1).tolist())
        return numbers
    with_unit = f" with {unit!r}" if unit else ""
    try:
        numbers = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise _error(name, f"expected numbers (NaN or None for unknown){with_unit}") from None
    if raw.dtype.kind == "O":
        given = raw.reshape(-1).tolist()
        _check_exact(name, [None if _is_missing(v) else v for v in given], numbers.reshape(-1))
    return numbers


def _check_exact(name: str, given: list[Any], numbers: Any) -> None:
    for row, (value, number) in enumerate(zip(given, numbers, strict=True)):
        if value is None or isinstance(value, float):
            continue
        if exact.float_for(exact.decimal_value(value)) != number:
            raise UnitError(
                f"{name}[{row}]: expected a number that a float holds exactly (at most 15 "
                f"significant digits), found {value!r}; assess it with assess() or give it "
                "in another unit"
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


def _volume(flow: Measured | None, duration: Measured | None, n: int) -> npt.NDArray[Any]:
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
            (ureg.Quantity(1, flow.pint_units[0]) * ureg.Quantity(1, duration.pint_units[0]))
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
            flow.pint_units[code // len(duration.units)],
            duration.pint_units[code % len(duration.units)],
        )
        factor = float((ureg.Quantity(1, f_unit) * ureg.Quantity(1, d_unit)).to("m**3").magnitude)
        rows = pair == code
        volume[rows] = product[rows] * factor
    return volume


@attrs.frozen
class _Moments:
    """A date column: days, the time into each day, and (when asked) the values as given."""

    days: npt.NDArray[Any]  # datetime64[D], NaT where unknown
    micro: npt.NDArray[Any] | None  # microseconds into the day; None: all at 00:00
    given: npt.NDArray[Any] | None  # date/datetime objects, as DischargeActivity takes them


def _moments(name: str, values: Any, n: int, keep: bool) -> _Moments:
    """Dates (or dates and times) as ``datetime64``: datetime64 columns, dates, datetimes or
    ISO texts; ``NaT``/``None`` unknown. With *keep*, also each value as given."""
    import warnings

    import numpy as np

    if values is None:
        return _Moments(
            np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"),
            None,
            np.full(n, None, dtype=object) if keep else None,
        )
    if isinstance(values, _Coded):
        values = np.asarray([*values.uniques, None], dtype=object)[values.codes]
    if isinstance(values, (dt.date, str)):
        values = np.asarray([values] * n, dtype=object)
    arr = np.asarray(values)
    if arr.dtype == np.dtype("datetime64[D]") and not keep:  # days: nothing to convert
        days = np.broadcast_to(arr, (n,))
        _check_range(name, days)
        return _Moments(days, None, None)
    stamps = None
    if arr.dtype.kind == "M" and not keep:
        stamps = arr
    elif arr.dtype.kind == "f" and np.isnan(arr).all():
        stamps = np.full(arr.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    elif arr.dtype.kind in "OUSM":
        if not keep and arr.dtype.kind != "M":
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with contextlib.suppress(TypeError, ValueError, UserWarning, DeprecationWarning):
                    stamps = arr.astype("datetime64")
        if stamps is None:  # parse each distinct value as DischargeActivity does
            return _parsed_moments(name, arr, n)
    else:
        raise _error(
            name,
            "expected dates (datetime64, datetime.date or ISO text like '2021-05-03'), "
            f"found an array of dtype {arr.dtype}",
        )
    stamps = np.broadcast_to(stamps, (n,))
    days = stamps.astype("datetime64[D]")
    _check_range(name, days)
    unit, count = np.datetime_data(stamps.dtype)
    per_day = np.timedelta64(1, "D").astype(f"timedelta64[{count}{unit}]").astype(np.int64)
    unknown = np.isnat(stamps)
    if not ((stamps.view(np.int64) % per_day != 0) & ~unknown).any():  # days at 00:00
        return _Moments(days, None, None)
    micro = (stamps - days).astype("timedelta64[us]").astype(np.int64)
    micro[unknown] = 0
    return _Moments(days, micro, None)


def _parsed_moments(name: str, arr: npt.NDArray[Any], n: int) -> _Moments:
    import numpy as np

    if arr.dtype.kind == "M":
        arr = arr.astype("datetime64[us]").astype(object)
    found: list[dt.date | None] = [None]

    def parse(value: Any) -> int:
        if _is_missing(value):
            return 0
        if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
            value = value.to_pydatetime()
        found.append(timespan.to_moment(value, name))
        return len(found) - 1

    codes = _distinct_codes(name, arr, parse, n)
    given = np.array(found, dtype=object)[codes]
    days = np.array(
        [None if m is None else timespan.day_of(m) for m in found], dtype="datetime64[D]"
    )[codes]
    micro = np.array(
        [0 if m is None else int(timespan.offset_in_days(m) * 86_400_000_000) for m in found],
        dtype=np.int64,
    )[codes]
    _check_range(name, days)
    return _Moments(days, micro if micro.any() else None, given)


def _check_range(name: str, days: npt.NDArray[Any]) -> None:
    import numpy as np

    numbers = days.view(np.int64)  # NaT is the least int64
    low = np.datetime64(dt.date.min, "D").astype(np.int64)
    high = np.datetime64(dt.date.max, "D").astype(np.int64)
    nat = np.iinfo(np.int64).min
    if numbers.size and ((numbers > high).any() or ((numbers < low) & (numbers != nat)).any()):
        raise _error(name, f"expected dates between {dt.date.min} and {dt.date.max}")


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


def from_frame(frame: Any) -> dict[str, Any]:
    """The columns of a pandas DataFrame, as :func:`assess_many` takes them."""
    import numpy as np
    import pandas as pd

    names = [c for c in frame.columns if isinstance(c, str)]
    columns: dict[str, Any] = {}
    for name in ("origin", "receiver", *FLAGS, *CONTEXT):
        if name in names:
            codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
            columns[name] = _Coded(np.asarray(codes, dtype=np.int64), list(uniques))
    for name in ("origin", "receiver"):
        if name not in columns:
            raise _error(name, f"expected a column {name!r} in the data frame, found {names}")
    for name in PARAMETERS:
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
            unit = distinct[0] if distinct else units.DIMENSIONS[PARAMETERS[name]][0]
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
    for name in ("start", "end"):
        if name not in names:
            continue
        series = frame[name]
        if isinstance(series.dtype, pd.DatetimeTZDtype):  # the local time as written
            series = series.dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(series):
            columns[name] = series.to_numpy()
        else:
            values = np.array(series.to_numpy(dtype=object), dtype=object)
            values[series.isna().to_numpy()] = None
            columns[name] = values
    return columns


def read(columns: dict[str, Any], units_of: dict[str, str | None]) -> Columns:
    """Read and check the columns (see :func:`~waterbeleid.discharge.batch.assess_many`)."""

    names = ("origin", "receiver", *PARAMETERS, *FLAGS, *CONTEXT, "start", "end")
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
    measured = {
        name: found
        for name in PARAMETERS
        if (found := _measured(name, columns.get(name), units_of.get(name), n)) is not None
    }
    flags = {name: _flags(columns.get(name), n, name) for name in FLAGS}
    designated = _flags(columns.get("designated_water_body"), n, "designated_water_body")
    ends = columns.get("end")
    start = _moments("start", columns.get("start"), n, keep=ends is not None)
    duration = measured.get("duration")
    end_day = timespan.end_days(
        start.days,
        start.micro,
        None if duration is None else duration.magnitude,
        None if duration is None else duration.unit_codes,
        () if duration is None else duration.units,
    )
    if ends is not None:
        _given_ends(_moments("end", ends, n, keep=True), start, duration, end_day)
    return Columns(
        n=n,
        origin=origin,
        receiver=receiver,
        measured=measured,
        flags=flags,
        designated=designated,
        volume=_volume(measured.get("flow"), duration, n),
        start=start.days,
        end_day=end_day,
    )


def _given_ends(
    end: _Moments, start: _Moments, duration: Measured | None, end_day: npt.NDArray[Any]
) -> None:
    """Rows with an end: the end day as :class:`DischargeActivity` finds it, row by row."""
    import numpy as np

    assert end.given is not None
    assert start.given is not None
    day = exact.units_registry().parse_units("day")
    for row in np.flatnonzero(~np.isnat(end.days)).tolist():
        days = None
        if duration is not None and not math.isnan(duration.magnitude[row]):
            number, unit = duration.at(row)
            days = exact.decimal_value(number) * exact.factor(exact.unit_of(unit), day)
        try:
            found = timespan.end_day(start.given[row], end.given[row], days)
        except StructureError as exc:
            messages = [m.split(": ", 1)[-1] for m in exc.messages]
            raise StructureError([f"$.end[{row}]: {m}" for m in messages], what=_WHAT) from None
        end_day[row] = np.datetime64("NaT") if found is None else np.datetime64(found, "D")


def is_dataframe(value: Any) -> bool:
    """Whether *value* is a pandas DataFrame (without importing pandas)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)
