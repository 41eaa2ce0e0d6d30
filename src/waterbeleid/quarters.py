"""Quarters and the timing notations of the source documents.

Policy documents plan by quarter: ``"Q3 2025"``, ``"Q4/2024 - Q3/2027"``,
``"Doorlopend vanaf Q2 2025"``. :class:`Quarter` is one calendar quarter;
:func:`parse_timing` turns such a notation into a :class:`Timing` that keeps the
original text next to its structured reading.

>>> q = Quarter.parse("Q3/2024")
>>> str(q), q.first_day, q.last_day
('Q3 2024', datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
>>> q + 2, (q + 2) - q
(Quarter(year=2025, number=1), 2)
>>> t = parse_timing("Doorlopend vanaf Q2 2025")
>>> t.kind, t.start, t.end
(<TimingKind.ONGOING: 'ongoing'>, Quarter(year=2025, number=2), None)

This module does not import pint; it is cheap to import.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple, overload

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid.errors import OpenTimingError, QuarterValueError, TimingParseError

__all__ = [
    "PeriodLike",
    "Quarter",
    "Timing",
    "TimingKind",
    "TimingPeriod",
    "as_timing",
    "parse_timing",
]

MIN_YEAR = 1
MAX_YEAR = 9999
#: The longest timing text read (the source documents' longest is 62 characters).
MAX_TIMING_TEXT = 1000


def _check_year(_instance: object, _attribute: object, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuarterValueError(f"expected an int year, found {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise QuarterValueError(f"expected a year from {MIN_YEAR} to {MAX_YEAR}, found {value}")


def _check_number(_instance: object, _attribute: object, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuarterValueError(f"expected a quarter number 1-4, found {value!r}")
    if not 1 <= value <= 4:
        raise QuarterValueError(f"expected a quarter number 1-4, found {value}")


_Q = r"[Qq]\s*(?P<{n}>[1-4])"
_QUARTER_PATTERNS = (
    # Q3 2024, Q3/2024, Q3, 2024, Q3-2024, q3 2024, Q3 / 2024
    re.compile(r"^\s*" + _Q.format(n="n") + r"(?:\s*[/,\-]\s*|\s+)(?P<y>\d{4})\s*$"),
    # 2024Q3, 2024-Q3, 2024 Q3, 2024/Q3
    re.compile(r"^\s*(?P<y>\d{4})\s*(?:[-/]\s*)?" + _Q.format(n="n") + r"\s*$"),
)


@attrs.frozen(order=True)
class Quarter:
    """One calendar quarter: ``Quarter(2024, 3)`` is July-September 2024.

    Quarters are frozen, hashable and totally ordered. Adding or subtracting an
    ``int`` moves by that many quarters; subtracting two quarters gives the
    number of quarters between them.

    >>> Quarter(2024, 4) + 1
    Quarter(year=2025, number=1)
    >>> Quarter(2026, 4) - Quarter(2024, 4)
    8
    >>> Quarter(2024, 5)
    Traceback (most recent call last):
    ...
    waterbeleid.errors.QuarterValueError: expected a quarter number 1-4, found 5
    """

    year: int = attrs.field(validator=_check_year)  # type: ignore[assignment]
    number: int = attrs.field(validator=_check_number)  # type: ignore[assignment]

    # -- text -------------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read a quarter written as ``"Q3 2024"``, ``"Q3/2024"``, ``"Q3, 2024"``,
        ``"2024Q3"``, ``"2024-Q3"`` or ``"q3 2024"``.

        Raises:
            TimingParseError: *text* is not such a quarter (a :class:`ValueError`).
        """
        if isinstance(text, Quarter):
            return text
        if not isinstance(text, str):
            raise TimingParseError(
                f"expected a quarter like 'Q3 2024', found {type(text).__name__} {text!r}"
            )
        for pattern in _QUARTER_PATTERNS:
            match = pattern.match(text)
            if match:
                try:
                    return cls(int(match["y"]), int(match["n"]))
                except QuarterValueError as exc:
                    raise TimingParseError(f"{exc} in {text!r}") from None
        raise TimingParseError(f"expected a quarter like 'Q3 2024' or '2024Q3', found {text!r}")

    def __str__(self) -> str:
        return f"Q{self.number} {self.year}"

    @property
    def iso(self) -> str:
        """The canonical serialised form, ``"2024Q3"``."""
        return f"{self.year}Q{self.number}"

    # -- arithmetic -------------------------------------------------------------------------
    @property
    def ordinal(self) -> int:
        """The number of quarters since the start of year 0 (for arithmetic)."""
        return self.year * 4 + self.number - 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Quarter:
        """The inverse of :attr:`ordinal`."""
        year, index = divmod(ordinal, 4)
        return cls(year, index + 1)

    def __add__(self, other: int) -> Quarter:
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented
        return Quarter.from_ordinal(self.ordinal + other)

    __radd__ = __add__

    @overload
    def __sub__(self, other: int) -> Quarter: ...
    @overload
    def __sub__(self, other: Quarter) -> int: ...
    def __sub__(self, other: int | Quarter) -> Quarter | int:
        if isinstance(other, Quarter):
            return self.ordinal - other.ordinal
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented
        return Quarter.from_ordinal(self.ordinal - other)

    # -- dates ------------------------------------------------------------------------------
    @property
    def first_day(self) -> dt.date:
        """The first day of the quarter."""
        return dt.date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The last day of the quarter (``Quarter(9999, 4).last_day`` is 9999-12-31)."""
        month = 3 * self.number
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def from_date(cls, day: dt.date) -> Quarter:
        """The quarter that holds *day* (a :class:`datetime.date` or ``datetime``)."""
        if not isinstance(day, dt.date):
            raise TimingParseError(f"expected a datetime.date, found {type(day).__name__}")
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def today(cls) -> Quarter:
        """The quarter of today's date."""
        return cls.from_date(dt.date.today())

    def shift_date(self, day: dt.date) -> dt.date:
        """Move *day* by the number of quarters between its quarter and this one.

        >>> import datetime
        >>> Quarter(2025, 1).shift_date(datetime.date(2024, 8, 31))
        datetime.date(2025, 2, 28)
        """
        from dateutil.relativedelta import relativedelta  # imported on use: import stays cheap

        return day + relativedelta(months=3 * (self - Quarter.from_date(day)))

    def contains(self, day: dt.date) -> bool:
        """Whether *day* falls in this quarter."""
        return self.first_day <= day <= self.last_day

    @staticmethod
    def range(start: Quarter, stop: Quarter) -> Iterator[Quarter]:
        """Every quarter from *start* to *stop*, both included (nothing if stop < start).

        >>> [str(q) for q in Quarter.range(Quarter(2024, 3), Quarter(2025, 1))]
        ['Q3 2024', 'Q4 2024', 'Q1 2025']
        """
        for ordinal in range(start.ordinal, stop.ordinal + 1):
            yield Quarter.from_ordinal(ordinal)


class TimingKind(LabelledEnum):
    """What kind of period a :class:`Timing` describes."""

    SPAN = ("span", "periode", ("tijdvak",))
    """A closed period from ``start`` to ``end`` (one quarter when they are equal)."""
    OPEN_ENDED = ("open_ended", "vanaf", ("open einde",))
    """From ``start`` on, with no end given."""
    ONGOING = ("ongoing", "doorlopend", ("loopt", "lopend"))
    """Running continuously; ``start`` is set when the text gives one."""
    DEADLINE = ("deadline", "uiterlijk", ("tegen",))
    """Due by ``end``; no start given."""
    TO_BE_DETERMINED = ("to_be_determined", "te bepalen", ("tbd", "nader te bepalen"))
    """Not yet known."""


def _default_text(timing: Timing) -> str:
    return timing.describe()


@attrs.frozen(kw_only=True)
class Timing:
    """A period as a policy document states it, structured and with its original text.

    Build one with :func:`parse_timing`, or directly; ``text`` then defaults to a
    canonical Dutch notation that :func:`parse_timing` reads back.

    >>> Timing(kind=TimingKind.SPAN, start=Quarter(2025, 1), end=Quarter(2025, 3)).text
    'Q1 2025 - Q3 2025'

    Equality compares the text too: ``parse_timing("Q3/2024")`` and
    ``parse_timing("Q3 2024")`` are the same period written differently, and they are
    not equal. A timing is a record of what a document says; the text is part of that
    record, it is what a dataset file holds and what is written back, and two timings that
    compare equal must write the same file. To group or compare by period, use
    :attr:`period` (``(kind, start, end)``), or the ``timing_kind``, ``start`` and
    ``end`` columns of a table (:mod:`waterbeleid.tables`).
    """

    kind: TimingKind = attrs.field(validator=attrs.validators.instance_of(TimingKind))
    start: Quarter | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Quarter))
    )
    end: Quarter | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Quarter))
    )
    text: str = attrs.field(
        default=attrs.Factory(_default_text, takes_self=True),
        validator=attrs.validators.instance_of(str),
    )

    def __attrs_post_init__(self) -> None:
        needs = {
            TimingKind.SPAN: (True, True),
            TimingKind.OPEN_ENDED: (True, False),
            TimingKind.DEADLINE: (False, True),
        }
        if self.kind in needs:
            want_start, want_end = needs[self.kind]
            if (self.start is not None) != want_start or (self.end is not None) != want_end:
                raise TimingParseError(
                    f"a {self.kind.value} timing needs "
                    f"{'a' if want_start else 'no'} start and {'an' if want_end else 'no'} end, "
                    f"found start={self.start} end={self.end}"
                )
        elif self.end is not None or (
            self.kind is TimingKind.TO_BE_DETERMINED and self.start is not None
        ):
            raise TimingParseError(
                f"a {self.kind.value} timing has no end"
                + (" and no start" if self.kind is TimingKind.TO_BE_DETERMINED else "")
                + f", found start={self.start} end={self.end}"
            )

    def describe(self) -> str:
        """A canonical Dutch notation of this timing that :func:`parse_timing` reads back."""
        match self.kind:
            case TimingKind.SPAN:
                return str(self.start) if self.start == self.end else f"{self.start} - {self.end}"
            case TimingKind.OPEN_ENDED:
                return f"{self.start} -"
            case TimingKind.ONGOING:
                return "Doorlopend" + (f" vanaf {self.start}" if self.start else "")
            case TimingKind.DEADLINE:
                return f"uiterlijk {self.end}"
            case _:
                return "te bepalen"

    def __str__(self) -> str:
        return self.text

    @property
    def is_known(self) -> bool:
        """False for a timing that is still to be determined."""
        return self.kind is not TimingKind.TO_BE_DETERMINED

    @property
    def is_reversed(self) -> bool:
        """True when the end precedes the start (a data error that validation reports)."""
        return self.start is not None and self.end is not None and self.end < self.start

    @property
    def period(self) -> TimingPeriod:
        """The period without its wording: ``(kind, start, end)``, for grouping and comparing.

        Two timings are equal only when their texts are equal too (see the class
        docstring); ``period`` is the key under which differently written texts of one
        period fall together:

        >>> parse_timing("Q3/2024") == parse_timing("Q3 2024")
        False
        >>> parse_timing("Q3/2024").period == parse_timing("Q3 2024").period
        True
        >>> parse_timing("Q3/2024").period
        TimingPeriod(kind=<TimingKind.SPAN: 'span'>, start=Quarter(year=2024, number=3), \
end=Quarter(year=2024, number=3))
        """
        return TimingPeriod(self.kind, self.start, self.end)

    def quarters(self, horizon: PeriodLike | None = None) -> Iterator[Quarter]:
        """Every quarter of this timing, in order.

        A closed span lists its own quarters. An open-ended or ongoing timing runs on
        without end, and a deadline or an ongoing timing without a start has no first
        quarter: give *horizon* (a :class:`Quarter`, an ``int`` year or a timing text) to
        list them up to the end of the horizon, or from its start for those without a
        start.

        >>> [str(q) for q in parse_timing("Q3 2025 -").quarters(horizon=2025)]
        ['Q3 2025', 'Q4 2025']

        Raises:
            OpenTimingError: the timing is open on a side and no *horizon* is given, or it
                is to be determined (a :class:`ValueError`).
        """
        if not self.is_known:
            raise OpenTimingError(f"{self.text!r} is to be determined: it has no quarters")
        start, end = self.start, self.end
        if start is None or end is None:
            if horizon is None:
                side = "end" if start is not None else "start"
                raise OpenTimingError(
                    f"{self.text!r} ({self.kind.value}) has no {side}; pass horizon= "
                    "(a Quarter, an int year or a timing text such as '2030') to list "
                    "its quarters within it"
                )
            bound = as_timing(horizon, "horizon")
            if bound.start is None or bound.end is None:
                raise OpenTimingError(f"expected a closed period as horizon, found {bound.text!r}")
            start = bound.start if start is None else start
            end = bound.end if end is None else end
        return Quarter.range(start, end)

    def _bounds(self) -> tuple[int, int] | None:
        if not self.is_known:
            return None
        low = self.start.ordinal if self.start is not None else -(10**9)
        high = self.end.ordinal if self.end is not None else 10**9
        return low, high

    def contains(self, when: PeriodLike | dt.date) -> bool | None:
        """Whether *when* lies wholly within this timing; ``None`` when either is to be
        determined.

        *when* is a :class:`Quarter`, a :class:`datetime.date`, an ``int`` year, a timing
        text that :func:`parse_timing` reads, or a :class:`Timing`. How the kinds count:

        * a span covers its quarters from ``start`` to ``end``, both included;
        * an open-ended timing covers everything from its start onwards;
        * an ongoing timing covers everything from its start onwards, and everything at
          all when it has no start;
        * a deadline covers everything up to its end;
        * a to-be-determined timing covers nothing and misses nothing: the answer is
          ``None``.

        >>> parse_timing("Q1 2025 - Q3 2025").contains(Quarter(2025, 2))
        True
        >>> parse_timing("Q3 2025 -").contains("2026"), parse_timing("2025").contains(2025)
        (True, True)
        >>> parse_timing("tbd").contains(Quarter(2025, 2)) is None
        True

        Raises:
            TypeError: *when* is none of these.
            TimingParseError: a text that is no timing.
        """
        mine, theirs = self._bounds(), as_timing(when, "when")._bounds()
        if mine is None or theirs is None:
            return None
        return mine[0] <= theirs[0] and theirs[1] <= mine[1]

    def overlaps(self, other: PeriodLike | dt.date) -> bool | None:
        """Whether the two periods share at least one quarter; ``None`` when either is to
        be determined.

        *other* is what :meth:`contains` accepts; the kinds count as described there (an
        ongoing timing without a start overlaps every known period).

        >>> parse_timing("2025").overlaps(parse_timing("Q4 2025 -"))
        True
        >>> parse_timing("Q3 2025 -").overlaps("2026"), parse_timing("2024").overlaps(2026)
        (True, False)
        """
        mine, theirs = self._bounds(), as_timing(other, "other")._bounds()
        if mine is None or theirs is None:
            return None
        return mine[0] <= theirs[1] and theirs[0] <= mine[1]

    @staticmethod
    def parse(text: str) -> Timing:
        """Same as :func:`parse_timing`."""
        return parse_timing(text)


class TimingPeriod(NamedTuple):
    """The period of a :class:`Timing` without its wording (see :attr:`Timing.period`)."""

    kind: TimingKind
    """What kind of period it is."""
    start: Quarter | None
    """Its first quarter, when it has one."""
    end: Quarter | None
    """Its last quarter, when it has one."""


#: What a period argument of waterbeleid accepts: a :class:`Timing`, a :class:`Quarter`,
#: an ``int`` year, or a timing text that :func:`parse_timing` reads.
PeriodLike = Timing | Quarter | int | str


def is_due(timing: Timing, before: Timing | None, within: Timing | None) -> bool:
    """Whether *timing* is due before the period *before* starts (its last quarter
    precedes that start; a timing or a period without that end or start is not) and
    overlaps the period *within*; a condition that is ``None`` holds. The one reading of
    ``before=`` and ``within=`` in the queries and exports of the agenda.

    >>> q4 = parse_timing("Q4 2026")
    >>> is_due(q4, parse_timing("2027"), None), is_due(q4, parse_timing("Q4 2026"), None)
    (True, False)
    """
    if before is not None and (
        before.start is None or timing.end is None or not timing.end < before.start
    ):
        return False
    return within is None or bool(timing.overlaps(within))


def as_timing(value: PeriodLike | dt.date, what: str = "period") -> Timing:
    """Read a period argument: a :class:`Timing` as it is, a :class:`Quarter` as that one
    quarter, a :class:`datetime.date` as its quarter, an ``int`` as that whole year, and
    text as :func:`parse_timing` reads it.

    >>> as_timing(2026).text, as_timing(Quarter(2025, 3)).text
    ('2026', 'Q3 2025')
    >>> as_timing("Q3 2025 - Q2 2026").end
    Quarter(year=2026, number=2)
    >>> as_timing(2.5)
    Traceback (most recent call last):
    ...
    TypeError: period: expected a Quarter, an int year, a timing text such as 'Q3 2025' \
or '2026', or a Timing, found float 2.5

    Args:
        value: The period.
        what: The name of the argument, for the error message.

    Raises:
        TypeError: *value* is none of these.
        TimingParseError: text that is no timing, or a year out of range.
    """
    if isinstance(value, Timing):
        return value
    if isinstance(value, Quarter):
        return Timing(kind=TimingKind.SPAN, start=value, end=value)
    if isinstance(value, dt.date):
        quarter = Quarter.from_date(value)
        return Timing(kind=TimingKind.SPAN, start=quarter, end=quarter)
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            first, last = Quarter(value, 1), Quarter(value, 4)
            return Timing(kind=TimingKind.SPAN, start=first, end=last, text=str(value))
        except QuarterValueError as exc:
            raise TimingParseError(f"{what}: {exc}") from None
    if isinstance(value, str):
        return parse_timing(value)
    raise TypeError(
        f"{what}: expected a Quarter, an int year, a timing text such as 'Q3 2025' or '2026', "
        f"or a Timing, found {type(value).__name__} {value!r}"
    )


# ---------------------------------------------------------------------------------------------
# Parsing

_PERIOD = (
    r"(?:[Qq]\s*[1-4](?:\s*[/,\-]\s*|\s+)\d{4}"  # Q3 2024, Q3/2024, Q3, 2024
    r"|\d{4}\s*(?:[-/]\s*)?[Qq]\s*[1-4]"  # 2024Q3, 2024-Q3
    r"|\d{4}\s*/\s*\d{2,4}"  # 2024/25, 2024/2025
    r"|\d{4})"  # 2027
)
_RANGE = re.compile(rf"^(?P<a>{_PERIOD})\s*-\s*(?P<b>{_PERIOD})$")
_OPEN = re.compile(rf"^(?:vanaf\s+)?(?P<a>{_PERIOD})\s*-$|^vanaf\s+(?P<b>{_PERIOD})$")
_ONGOING = re.compile(
    rf"^(?:doorlopend|loopt|lopend)(?:\s+(?:vanaf\s+)?(?P<a>{_PERIOD}))?$"
    rf"|^vanaf\s+(?P<b>{_PERIOD})\s+doorlopend$"
)
_DEADLINE = re.compile(rf"^(?:uiterlijk|tegen|deadline)\s+(?:(?:eind|einde)\s+)?(?P<a>{_PERIOD})$")
_SINGLE = re.compile(rf"^(?:(?:realiseerbaar\s+)?in\s+)?(?P<a>{_PERIOD})$")
_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTH = re.compile(rf"^(?:in\s+)?(?P<m>{'|'.join(_MONTHS)})\s+(?P<y>\d{{4}})$")
_TBD = {"te bepalen", "nader te bepalen", "tbd", "t.b.d", "nnb", "n.n.b", "ntb", "n.t.b"}
_CLAUSE = re.compile(
    rf"^[a-z0-9 ]*?\b(?P<how>in|tegen|uiterlijk)\s+(?:(?:eind|einde)\s+)?(?P<a>{_PERIOD})$"
)


def _period(text: str) -> tuple[Quarter, Quarter]:
    """First and last quarter of one period notation (quarter, year or year pair)."""
    text = text.strip()
    if "q" in text.casefold():
        quarter = Quarter.parse(text)
        return quarter, quarter
    if "/" in text:
        first_text, second_text = (part.strip() for part in text.split("/"))
        first = int(first_text)
        second = int(second_text)
        if len(second_text) == 2:
            second += first - first % 100
        if second != first + 1:
            raise TimingParseError(
                f"expected a pair of consecutive years like 2024/25, found {text!r}"
            )
        return Quarter(first, 1), Quarter(second, 4)
    year = int(text)
    return Quarter(year, 1), Quarter(year, 4)


def _normalise(text: str) -> str:
    text = text.replace("\u2026", "...").replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.split())  # one space between words (in linear time)
    if text.endswith("..."):  # "Q3 2025 - ..." -> "Q3 2025 -"
        text = text[:-3].rstrip()
    return text.rstrip(".").strip().casefold()


def parse_timing(text: str) -> Timing:
    """Read a timing notation of the source documents.

    Accepted, besides single quarters (``"Q3/2026"``, ``"Q1, 2025"``) and years
    (``"2027"`` is Q1-Q4 2027):

    * spans ``"Q4/2024 - Q3/2027"``, ``"Q1/2024-Q4/2025"``, ``"2025-2028"``,
      ``"Realiseerbaar in 2024/25"`` (Q1 2024 - Q4 2025);
    * open ends ``"Q3 2025- …"``, ``"Q1 2026 - "``, ``"vanaf Q3 2025"``;
    * ongoing ``"Doorlopend"``, ``"Loopt"``, ``"Doorlopend vanaf Q2 2025"``;
    * deadlines ``"uiterlijk Q2 2025"``, ``"tegen Q1 2026"``;
    * to be determined ``"te bepalen"``, ``"tbd"``;
    * a month ``"december 2023"``: the quarter it falls in (the text keeps the month);
    * clauses joined by commas, each ending in ``in``/``tegen``/``uiterlijk`` and a
      period, such as ``"Minimaal 3 sessies in 2025, rapport beschikbaar tegen Q1
      2026."``: the span from the earliest start to the latest end of the clauses.

    The original text is kept verbatim in :attr:`Timing.text`.

    >>> parse_timing("Q4/2024 -Q3/2026").end
    Quarter(year=2026, number=3)
    >>> parse_timing("Realiseerbaar in 2024/25").start
    Quarter(year=2024, number=1)
    >>> parse_timing("binnenkort")
    Traceback (most recent call last):
    ...
    waterbeleid.errors.TimingParseError: expected a timing such as 'Q3 2025', ... found 'binnenkort'

    Raises:
        TimingParseError: the text is none of these (a :class:`ValueError`).
    """
    if not isinstance(text, str):
        raise TimingParseError(
            f"expected a timing text such as 'Q3 2025', found {type(text).__name__} {text!r}"
        )
    if len(text) > MAX_TIMING_TEXT:
        raise TimingParseError(
            f"expected a timing text of at most {MAX_TIMING_TEXT} characters, found one of "
            f"{len(text)}: {text[:40]!r}..."
        )
    return _parse_timing_cached(text)


@functools.lru_cache(maxsize=4096)
def _parse_timing_cached(text: str) -> Timing:
    """Timings are immutable, so a text read once is not read again (errors are not cached)."""
    try:
        return _parse_timing(text)
    except QuarterValueError as exc:
        raise TimingParseError(f"{exc} in {text!r}") from None


def _parse_timing(text: str) -> Timing:
    norm = _normalise(text)
    if norm in _TBD:
        return Timing(kind=TimingKind.TO_BE_DETERMINED, text=text)
    if match := _RANGE.match(norm):
        return Timing(
            kind=TimingKind.SPAN,
            start=_period(match["a"])[0],
            end=_period(match["b"])[1],
            text=text,
        )
    if match := _OPEN.match(norm):
        start = _period(match["a"] or match["b"])[0]
        return Timing(kind=TimingKind.OPEN_ENDED, start=start, text=text)
    if match := _ONGOING.match(norm):
        found = match["a"] or match["b"]
        since = _period(found)[0] if found else None
        return Timing(kind=TimingKind.ONGOING, start=since, text=text)
    if match := _DEADLINE.match(norm):
        return Timing(kind=TimingKind.DEADLINE, end=_period(match["a"])[1], text=text)
    if match := _SINGLE.match(norm):
        first, last = _period(match["a"])
        return Timing(kind=TimingKind.SPAN, start=first, end=last, text=text)
    if match := _MONTH.match(norm):
        quarter = Quarter(int(match["y"]), _MONTHS.index(match["m"]) // 3 + 1)
        return Timing(kind=TimingKind.SPAN, start=quarter, end=quarter, text=text)
    clauses = [c.strip() for c in re.split(r"[,;]", norm) if c.strip()]
    if len(clauses) > 1:
        periods = [_CLAUSE.match(c) for c in clauses]
        if all(periods):
            bounds = [_period(m["a"]) for m in periods if m]
            return Timing(
                kind=TimingKind.SPAN,
                start=min(b[0] for b in bounds),
                end=max(b[1] for b in bounds),
                text=text,
            )
    raise TimingParseError(
        "expected a timing such as 'Q3 2025', 'Q1 2025 - Q4 2026', 'Q3 2025 -', "
        f"'Doorlopend vanaf Q2 2025', '2027' or 'te bepalen', found {text!r}"
    )
