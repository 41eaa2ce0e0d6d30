"""When a discharge starts and ends, and the day it ends on.

The reporting duty runs from the day a discharge *ends* ("binnen … dagen na afloop van
de lozing"). That day follows from what is known:

- **A start day and a duration**: the earliest day on which the discharge can have ended,
  the start day plus ⌈duration / 24 h⌉ − 1 days (never before the start day). A 1-hour or
  a 24-hour discharge that starts on 1 June ends on 1 June; a 25-hour one on 2 June. A
  start day is read as the start of that day (00:00).
- **A start time and a duration**: the exact end, start + duration; the end day is the day
  of the discharge's last moment (one that ends at midnight ends on the day before).
- **An end** (a day, or a time: the day of its last moment as above) is the end day,
  when it agrees with the start and the duration.

The ceiling is exact: the duration is the decimal number it writes, converted to days by
an exact factor (:mod:`waterbeleid.discharge.exact`).

>>> import datetime as dt
>>> end_day(dt.date(2021, 6, 1), None, Fraction(1, 24))
datetime.date(2021, 6, 1)
>>> end_day(dt.date(2021, 6, 1), None, Fraction(25, 24))
datetime.date(2021, 6, 2)
>>> end_day(dt.datetime(2021, 6, 1, 23, 30), None, Fraction(1, 24))
datetime.date(2021, 6, 2)
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from waterbeleid.discharge import exact
from waterbeleid.discharge.exact import ceil_fraction
from waterbeleid.errors import StructureError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["day_of", "end_day", "end_days", "offset_in_days", "to_moment"]

_WHAT: Final = "discharge activity"
_DAY_SECONDS: Final = 86_400


def _error(field: str, message: str) -> StructureError:
    return StructureError([f"$.{field}: {message}"], what=_WHAT)


def to_moment(value: Any, field: str) -> dt.date | None:
    """A day (``date``) or a moment (``datetime``) from a date, a datetime or ISO text.

    Raises:
        StructureError: anything else, or a time with a time zone (times are local).
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed: dt.date = (
                dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            raise _error(
                field,
                "expected an ISO date like '2021-06-01' or a date and time like "
                f"'2021-06-01T08:00', found {value!r}",
            ) from None
        value = parsed
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise _error(
                field,
                f"expected a local date and time without a time zone, found {value.isoformat()!r}",
            )
        return value
    if isinstance(value, dt.date):
        return value
    raise _error(
        field,
        "expected a date, a datetime or ISO text like '2021-06-01', found "
        f"{type(value).__name__} {value!r}",
    )


def day_of(moment: dt.date) -> dt.date:
    """The day of a moment (a ``date`` is its own day)."""
    return moment.date() if isinstance(moment, dt.datetime) else moment


def offset_in_days(moment: dt.date) -> Fraction:
    """How far into its day a moment lies, in days (0 for a ``date``)."""
    if not isinstance(moment, dt.datetime):
        return Fraction(0)
    micro = (
        moment.hour * 3600 + moment.minute * 60 + moment.second
    ) * 1_000_000 + moment.microsecond
    return Fraction(micro, _DAY_SECONDS * 1_000_000)


def _shift(day: dt.date, days: int) -> dt.date | None:
    """*day* plus *days*, or ``None`` past the last day of the calendar (9999-12-31)."""
    if days > (dt.date.max - day).days:
        return None
    return day + dt.timedelta(days=days)


def _last_day(start: dt.date, days: Fraction) -> dt.date | None:
    """The day of the last moment of a discharge of *days* from *start*."""
    if isinstance(start, dt.datetime):  # a date starts at 00:00: no offset to add
        days = offset_in_days(start) + days
    return _shift(day_of(start), max(ceil_fraction(days) - 1, 0))


def _end_as_day(end: dt.date, start: dt.date | None) -> dt.date:
    """The end day that an end states: a time at midnight ends the day before."""
    if not isinstance(end, dt.datetime):
        return end
    at_midnight = end.time() == dt.time(0)
    if at_midnight and (start is None or _days_between(start, end) > 0):
        return end.date() - dt.timedelta(days=1)
    return end.date()


def _days_between(start: dt.date, end: dt.date) -> Fraction:
    """From the moment *start* to the moment *end*, in days (a ``date`` is its 00:00)."""
    whole = (day_of(end) - day_of(start)).days
    return whole + offset_in_days(end) - offset_in_days(start)


def end_day(start: dt.date | None, end: dt.date | None, days: Fraction | None) -> dt.date | None:
    """The day the discharge ends on (see the module text); ``None`` when unknown.

    *days* is the duration in days. ``None`` is also the answer past 9999-12-31.

    Raises:
        StructureError: the end lies before the start, or contradicts the duration.
    """
    if end is not None:
        if start is not None:
            _check(start, end, days)
        return _end_as_day(end, start)
    if start is None or days is None:
        return None
    return _last_day(start, days)


def _check(start: dt.date, end: dt.date, days: Fraction | None) -> None:
    between = _days_between(start, end)
    if (between < 0) if isinstance(end, dt.datetime) else (end < day_of(start)):
        raise _error("end", f"expected an end on or after the start {start}, found {end}")
    if days is None:
        return
    shown = _show_days(days)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if between != days:
            raise _error(
                "end",
                f"expected the start {start.isoformat()} plus the duration ({shown}), found "
                f"{end.isoformat()}; give the end or the duration, or both in agreement",
            )
        return
    if isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        # a start time gives one end day; a start day gives one or two (start at 00:00 or later)
        earliest = _last_day(start, days)
        latest = earliest if isinstance(start, dt.datetime) or not days else _shift_one(earliest)
        found = _end_as_day(end, start)
        if earliest is not None and not (earliest <= found <= (latest or dt.date.max)):
            span = str(earliest) if latest == earliest else f"{earliest} or {latest}"
            raise _error(
                "end",
                f"expected the end day {span} (start {start}, duration {shown}), found "
                f"{end}; give the end or the duration, or both in agreement",
            )
        return
    # a start day and an end time: the discharge started on the start day
    began = between - days
    if not 0 <= began < 1:
        raise _error(
            "end",
            f"expected an end within a day of the start {start} plus the duration ({shown}), "
            f"found {end.isoformat()}; give the end or the duration, or both in agreement",
        )


def _shift_one(day: dt.date | None) -> dt.date | None:
    return None if day is None else _shift(day, 1)


def _show_days(days: Fraction) -> str:
    hours = days * 24
    if hours.denominator == 1:
        return f"{hours.numerator} h"
    return f"{float(hours):g} h"


def end_days(
    start: npt.NDArray[Any],
    micro: npt.NDArray[Any] | None,
    magnitude: npt.NDArray[Any] | None,
    unit_codes: npt.NDArray[Any] | None,
    units: tuple[str, ...],
) -> npt.NDArray[Any]:
    """:func:`end_day` for columns without an end: start days (``datetime64[D]``), the
    microseconds into each start day (``None``: every start at 00:00), and the duration
    (magnitudes in the units *units*, unit keys, one per row by *unit_codes*). ``NaT`` where
    unknown or past 9999-12-31.

    The ceiling is computed in floats and checked: where the number of days lies within a
    hair of a whole number (or beyond 10⁹ days) it is computed exactly, once per distinct
    value.
    """
    import numpy as np

    n = len(start)
    if magnitude is None:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    day = exact.units_registry().parse_units("day")
    factors = [exact.factor(exact.unit_of(u), day) for u in units]
    per_day = np.array([float(f) for f in factors])
    with np.errstate(all="ignore"):
        x = magnitude * (per_day[0] if unit_codes is None else per_day[unit_codes])
        if micro is not None:
            x += micro / 86_400_000_000
        last = np.ceil(x)
        gap = last - x  # the float error is far below 1e-6 day up to 1e9 days
        doubtful = (gap < 1e-6) | (gap > 1 - 1e-6) | (x >= 1e9)
    first = start.view(np.int64)
    known = (first != np.iinfo(np.int64).min) & ~np.isnan(magnitude)
    doubtful &= known
    last -= 1
    np.maximum(last, 0, out=last)
    rows = np.flatnonzero(doubtful)
    if rows.size:
        codes = np.zeros(rows.size) if unit_codes is None else unit_codes[rows]
        offsets = np.zeros(rows.size) if micro is None else micro[rows]
        keys = np.stack([magnitude[rows], codes.astype(np.float64), offsets.astype(np.float64)])
        distinct, inverse = np.unique(keys, axis=1, return_inverse=True)
        exact_last = []
        for value, code, offset in distinct.T.tolist():
            days = Fraction(int(offset), 86_400_000_000) + (
                exact.decimal_value(value) * factors[int(code)]
            )
            exact_last.append(float(max(ceil_fraction(days) - 1, 0)))
        last[rows] = np.asarray(exact_last)[inverse.reshape(-1)]
    room = np.datetime64(dt.date.max, "D").astype(np.int64) - first
    fits = known & (last <= room)
    out = np.where(fits, first + np.where(fits, last, 0).astype(np.int64), first)
    out[~fits] = np.iinfo(np.int64).min  # NaT
    result: npt.NDArray[Any] = out.view("datetime64[D]")
    return result
