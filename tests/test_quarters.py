"""Quarters and timings: the contract cases, the seed notations and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid import Quarter, TimingKind, parse_timing

quarters = st.builds(Quarter, st.integers(1900, 2200), st.integers(1, 4))


@pytest.mark.parametrize(
    "text", ["Q3 2024", "Q3/2024", "Q3, 2024", "2024Q3", "2024-Q3", "q3 2024", " Q3 /2024 "]
)
def test_parse_accepts_the_contract_notations(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2024, 3)


@pytest.mark.parametrize("text", ["Q5 2024", "Q0 2024", "2024", "Q3", "3 2024", "", "Q3 24", "x"])
def test_parse_rejects_other_text(text: str) -> None:
    with pytest.raises(wb.TimingParseError):
        Quarter.parse(text)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(wb.TimingParseError, match="expected a quarter"):
        Quarter.parse(2024)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [0, 5, -1])
def test_number_outside_1_to_4_is_a_value_error(number: int) -> None:
    with pytest.raises(ValueError, match="1-4") as info:
        Quarter(2024, number)
    assert isinstance(info.value, wb.WaterbeleidError)


def test_bool_is_not_a_quarter_number() -> None:
    with pytest.raises(wb.QuarterValueError):
        Quarter(2024, True)


def test_str_order_hash() -> None:
    assert str(Quarter(2024, 3)) == "Q3 2024"
    assert Quarter(2024, 4) < Quarter(2025, 1) < Quarter(2025, 2)
    assert sorted([Quarter(2025, 1), Quarter(2024, 2)]) == [Quarter(2024, 2), Quarter(2025, 1)]
    assert len({Quarter(2024, 1), Quarter(2024, 1), Quarter(2024, 2)}) == 2


def test_arithmetic() -> None:
    q = Quarter(2024, 3)
    assert q + 1 == Quarter(2024, 4)
    assert q + 2 == Quarter(2025, 1)
    assert q - 3 == Quarter(2023, 4)
    assert Quarter(2026, 4) - Quarter(2024, 4) == 8
    assert isinstance(Quarter(2026, 4) - Quarter(2024, 4), int)


def test_days() -> None:
    assert Quarter(2024, 1).first_day == dt.date(2024, 1, 1)
    assert Quarter(2024, 1).last_day == dt.date(2024, 3, 31)
    assert Quarter(2024, 4).last_day == dt.date(2024, 12, 31)
    assert Quarter.from_date(dt.date(2024, 9, 30)) == Quarter(2024, 3)
    assert Quarter.today() == Quarter.from_date(dt.date.today())
    assert Quarter(2024, 2).contains(dt.date(2024, 5, 1))
    assert not Quarter(2024, 2).contains(dt.date(2024, 7, 1))


def test_the_last_quarter_a_date_can_have() -> None:
    assert Quarter(9999, 4).last_day == dt.date(9999, 12, 31)
    assert Quarter(9999, 4).contains(dt.date(9999, 12, 31))


def test_range_includes_both_ends() -> None:
    got = list(Quarter.range(Quarter(2024, 3), Quarter(2025, 2)))
    assert [str(q) for q in got] == ["Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025"]
    assert list(Quarter.range(Quarter(2025, 2), Quarter(2024, 3))) == []


@given(quarters)
def test_parse_of_str_round_trips(q: Quarter) -> None:
    assert Quarter.parse(str(q)) == q
    assert Quarter.parse(q.iso) == q


@given(quarters, st.integers(-400, 400))
def test_adding_n_then_subtracting_gives_n(q: Quarter, n: int) -> None:
    assert (q + n) - q == n
    assert (q + n) - n == q


@given(quarters)
def test_from_first_and_last_day(q: Quarter) -> None:
    assert Quarter.from_date(q.first_day) == q
    assert Quarter.from_date(q.last_day) == q
    assert (q + 1).first_day - q.last_day == dt.timedelta(days=1)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_every_date_is_in_its_quarter(day: dt.date) -> None:
    assert Quarter.from_date(day).contains(day)


# -- timings --------------------------------------------------------------------------------

SPANS = [
    ("Q4/2024 - Q3/2027", Quarter(2024, 4), Quarter(2027, 3)),
    ("Q1/2024-Q4/2025", Quarter(2024, 1), Quarter(2025, 4)),
    ("Q1 2025 - Q3 2025", Quarter(2025, 1), Quarter(2025, 3)),
    ("Q4/2024 -Q3/2026", Quarter(2024, 4), Quarter(2026, 3)),
    ("Q1 2026  - Q4 2028", Quarter(2026, 1), Quarter(2028, 4)),
    ("Q1, 2025", Quarter(2025, 1), Quarter(2025, 1)),
    ("Q2 2026", Quarter(2026, 2), Quarter(2026, 2)),
    ("Q3/2026", Quarter(2026, 3), Quarter(2026, 3)),
    ("2027", Quarter(2027, 1), Quarter(2027, 4)),
    ("2025-2028", Quarter(2025, 1), Quarter(2028, 4)),
    ("Realiseerbaar in 2024/25", Quarter(2024, 1), Quarter(2025, 4)),
    ("in 2025/2026", Quarter(2025, 1), Quarter(2026, 4)),
    ("december 2023", Quarter(2023, 4), Quarter(2023, 4)),
    ("in april 2024", Quarter(2024, 2), Quarter(2024, 2)),
    ("Januari 2025", Quarter(2025, 1), Quarter(2025, 1)),
    (
        "Minimaal 3 sessies in 2025, rapport beschikbaar tegen Q1 2026.",
        Quarter(2025, 1),
        Quarter(2026, 1),
    ),
]


@pytest.mark.parametrize(("text", "start", "end"), SPANS)
def test_spans(text: str, start: Quarter, end: Quarter) -> None:
    timing = parse_timing(text)
    assert (timing.kind, timing.start, timing.end, timing.text) == (
        TimingKind.SPAN,
        start,
        end,
        text,
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Q3 2025- …", Quarter(2025, 3)),
        ("Q2 2026 - …", Quarter(2026, 2)),
        ("Q3 2025 -", Quarter(2025, 3)),
        ("Q1 2026 - ", Quarter(2026, 1)),
        ("Q2 2026 - ...", Quarter(2026, 2)),
        ("vanaf Q3 2025", Quarter(2025, 3)),
    ],
)
def test_open_ended(text: str, start: Quarter) -> None:
    timing = parse_timing(text)
    assert (timing.kind, timing.start, timing.end) == (TimingKind.OPEN_ENDED, start, None)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Doorlopend", None),
        ("Loopt", None),
        ("Doorlopend vanaf Q2 2025", Quarter(2025, 2)),
        ("Doorlopend vanaf Q1 2025", Quarter(2025, 1)),
    ],
)
def test_ongoing(text: str, start: Quarter | None) -> None:
    timing = parse_timing(text)
    assert (timing.kind, timing.start, timing.end) == (TimingKind.ONGOING, start, None)


@pytest.mark.parametrize("text", ["te bepalen", "tbd", "TBD", "Te bepalen."])
def test_to_be_determined(text: str) -> None:
    timing = parse_timing(text)
    assert timing.kind is TimingKind.TO_BE_DETERMINED
    assert (timing.start, timing.end, timing.is_known) == (None, None, False)


def test_deadline() -> None:
    timing = parse_timing("uiterlijk Q2 2025")
    assert (timing.kind, timing.start, timing.end) == (TimingKind.DEADLINE, None, Quarter(2025, 2))


@pytest.mark.parametrize(
    "text",
    [
        "binnenkort",
        "",
        "Q5 2024",
        "Q1 2025 - Q5 2025",
        "2024/27",
        "in de zomer",
        "0000",
        "nooit, ooit",
        "decembre 2023",
        "december",
    ],
)
def test_unrecognised_text_raises(text: str) -> None:
    with pytest.raises(wb.TimingParseError):
        parse_timing(text)


def test_text_is_kept_verbatim() -> None:
    assert parse_timing("Q3 2025- …").text == "Q3 2025- …"


def test_reversed_span_is_parsed_and_flagged() -> None:
    timing = parse_timing("Q3 2026 - Q1 2025")
    assert timing.is_reversed
    assert not parse_timing("Q1 2025 - Q3 2026").is_reversed


def test_contains_and_overlaps() -> None:
    span = parse_timing("Q1 2025 - Q3 2025")
    assert span.contains(Quarter(2025, 3))
    assert not span.contains(Quarter(2025, 4))
    assert span.contains(dt.date(2025, 2, 1))
    assert parse_timing("Doorlopend").contains(Quarter(1999, 1))
    assert parse_timing("tbd").contains(Quarter(2025, 1)) is None
    assert span.overlaps(parse_timing("Q3 2025 -"))
    assert not span.overlaps(parse_timing("2026"))
    assert span.overlaps(parse_timing("te bepalen")) is None
    assert [str(q) for q in span.quarters()] == ["Q1 2025", "Q2 2025", "Q3 2025"]
    with pytest.raises(wb.OpenTimingError, match="has no end; pass horizon="):
        list(parse_timing("Q3 2025 -").quarters())


def test_inconsistent_timing_cannot_be_built() -> None:
    with pytest.raises(wb.TimingParseError):
        wb.Timing(kind=TimingKind.SPAN, start=Quarter(2025, 1))
    with pytest.raises(wb.TimingParseError):
        wb.Timing(kind=TimingKind.ONGOING, end=Quarter(2025, 1))


timings = st.one_of(
    st.builds(
        lambda a, n: wb.Timing(kind=TimingKind.SPAN, start=a, end=a + n),
        quarters,
        st.integers(0, 40),
    ),
    st.builds(lambda a: wb.Timing(kind=TimingKind.OPEN_ENDED, start=a), quarters),
    st.builds(lambda a: wb.Timing(kind=TimingKind.ONGOING, start=a), st.none() | quarters),
    st.builds(lambda a: wb.Timing(kind=TimingKind.DEADLINE, end=a), quarters),
    st.just(wb.Timing(kind=TimingKind.TO_BE_DETERMINED)),
)


@given(timings)
def test_default_text_parses_back_to_the_same_timing(timing: wb.Timing) -> None:
    assert parse_timing(timing.text) == timing
