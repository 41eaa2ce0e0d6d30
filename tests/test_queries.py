"""Queries that read like the question: period arguments, lines(), agenda(), enum labels."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.quarters import Quarter, Timing, TimingKind, parse_timing

# -- period arguments ----------------------------------------------------------------------


def test_overlaps_and_contains_accept_quarter_year_text_date() -> None:
    span = parse_timing("Q4/2024 - Q3/2027")
    assert span.overlaps("2026") is True
    assert span.overlaps(2026) is True
    assert span.overlaps(Quarter(2027, 4)) is False
    assert span.overlaps("Q3 2027 -") is True
    assert span.contains(dt.date(2025, 1, 15)) is True
    assert span.contains("2026") is True
    assert span.contains("2027") is False  # Q4 2027 lies outside
    assert span.contains(2023) is False


def test_period_arguments_of_the_wrong_type_say_what_was_expected() -> None:
    span = parse_timing("2025")
    for bad in (2.5, None, ["2025"], True):
        with pytest.raises(TypeError, match="expected a Quarter, an int year, a timing text"):
            span.overlaps(bad)  # type: ignore[arg-type]
    with pytest.raises(wb.TimingParseError):
        span.overlaps("soon")
    with pytest.raises(wb.TimingParseError, match="year"):
        span.overlaps(20260)


def test_semantics_of_open_ongoing_and_undetermined_timings() -> None:
    open_ended = parse_timing("Q3 2025 -")
    assert open_ended.overlaps(2040) is True
    assert open_ended.overlaps(2024) is False
    assert open_ended.contains("Q3 2025 -") is True
    assert parse_timing("2026").contains("Q3 2025 -") is False
    ongoing = parse_timing("Doorlopend")
    assert ongoing.overlaps(1990) is True
    assert ongoing.contains("Q3 2025 -") is True
    since = parse_timing("Doorlopend vanaf Q2 2025")
    assert since.overlaps("Q1 2025") is False
    assert since.overlaps("Q2 2025") is True
    deadline = parse_timing("uiterlijk Q2 2025")
    assert deadline.overlaps(1990) is True
    assert deadline.overlaps("Q3 2025") is False
    unknown = parse_timing("te bepalen")
    assert unknown.overlaps(2026) is None
    assert unknown.contains(Quarter(2026, 1)) is None
    assert span_overlaps_unknown() is None


def span_overlaps_unknown() -> bool | None:
    return parse_timing("2025").overlaps("tbd")


spans = st.builds(
    lambda a, n: Timing(
        kind=TimingKind.SPAN, start=Quarter.from_ordinal(a), end=Quarter.from_ordinal(a + n)
    ),
    st.integers(2020 * 4, 2035 * 4),
    st.integers(0, 16),
)


@given(spans, spans)
def test_overlap_is_symmetric_and_contains_implies_overlap(a: Timing, b: Timing) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    if a.contains(b):
        assert a.overlaps(b)
    shared = {q.ordinal for q in a.quarters()} & {q.ordinal for q in b.quarters()}
    assert a.overlaps(b) == bool(shared)


def test_period_key_groups_spellings_equality_keeps_the_text() -> None:
    slash, space = parse_timing("Q3/2024"), parse_timing("Q3 2024")
    assert slash != space
    assert slash.period == space.period
    assert hash(slash.period) == hash(space.period)
    assert slash.period.kind is TimingKind.SPAN
    groups: dict[object, list[str]] = {}
    for text in ("Q3/2024", "Q3 2024", "Q3, 2024", "2024Q3", "Q4 2024"):
        groups.setdefault(parse_timing(text).period, []).append(text)
    assert len(groups) == 2


def test_quarters_of_an_open_timing_need_a_horizon() -> None:
    open_ended = parse_timing("Q3 2025 -")
    with pytest.raises(wb.OpenTimingError, match="has no end; pass horizon=") as caught:
        open_ended.quarters()
    assert not isinstance(caught.value, wb.TimingParseError)
    assert [str(q) for q in open_ended.quarters(horizon=2025)] == ["Q3 2025", "Q4 2025"]
    ongoing = parse_timing("Doorlopend")
    assert [str(q) for q in ongoing.quarters(horizon="Q1 2026 - Q2 2026")] == ["Q1 2026", "Q2 2026"]
    with pytest.raises(wb.OpenTimingError, match="has no start"):
        parse_timing("uiterlijk Q2 2025").quarters()
    with pytest.raises(wb.OpenTimingError, match="to be determined"):
        parse_timing("tbd").quarters(horizon=2030)
    with pytest.raises(wb.OpenTimingError, match="closed period as horizon"):
        open_ended.quarters(horizon="Q4 2026 -")


def test_enum_constructors_accept_dutch_labels() -> None:
    assert wb.Lever("kennis- en capaciteitsopbouw") is wb.Lever.KNOWLEDGE_CAPACITY
    assert wb.Lever("knowledge_capacity") is wb.Lever.KNOWLEDGE_CAPACITY
    assert wb.Importance("Sleutelactie") is wb.Importance.KEY
    assert wb.Theme("Hoge zandgronden") is wb.Theme.HIGH_SANDY_SOILS
    assert wb.Receiver("gemengd riool") is wb.Receiver.FOUL_SEWER
    with pytest.raises(wb.VocabularyError, match="expected one of 'technology_infrastructure'"):
        wb.Lever("moed")
    with pytest.raises(ValueError, match="found int"):
        wb.Lever(3)  # type: ignore[arg-type]


# -- action lines ---------------------------------------------------------------------------


def test_lines_of_a_lever_that_start_in_2026(plan: wb.ActionPlan) -> None:
    found = plan.lines(lever="kennis- en capaciteitsopbouw", starts_in=2026)
    expected = [
        line
        for line in plan.action_lines
        if line.lever is wb.Lever.KNOWLEDGE_CAPACITY
        and line.timing is not None
        and line.timing.start is not None
        and line.timing.start.year == 2026
    ]
    assert list(found) == expected
    assert expected  # the plan has such lines
    undecided = [
        line
        for line in plan.action_lines
        if line.lever is wb.Lever.KNOWLEDGE_CAPACITY
        and (line.timing is None or line.timing.start is None)
    ]
    assert list(found.undetermined) == undecided


def test_lines_active_in_a_year_and_the_undetermined(plan: wb.ActionPlan) -> None:
    found = plan.lines(active_in=2026)
    year = parse_timing("2026")
    assert list(found) == [
        line for line in plan.action_lines if line.timing is not None and line.timing.overlaps(year)
    ]
    tbd = [
        line
        for line in plan.action_lines
        if line.timing is None or line.timing.kind is TimingKind.TO_BE_DETERMINED
    ]
    assert list(found.undetermined) == tbd
    assert len(tbd) == 5
    assert all(line not in found for line in tbd)
    ongoing = plan.action_line("KP 1.1")
    assert ongoing in found  # "Doorlopend" overlaps every period


def test_lines_by_lead_status_importance_and_domain(plan: wb.ActionPlan) -> None:
    vmm = plan.lines(lead="vmm")
    assert [line.code for line in vmm] == [
        line.code
        for line in plan.action_lines
        if any("VMM" in re.findall(r"\w+", name) for name in line.lead or ())
    ]
    assert plan.action_line("KP 1.1") in vmm  # "Hub Zorgwekkende stoffen (kernteam: …, VMM, …)"
    assert plan.action_line("KP 1.3") in vmm
    vito = {line.code for line in plan.lines(lead="VITO Kennispunt Water")}
    assert vito <= {line.code for line in plan.lines(lead="vito")}
    assert not plan.lines(lead="Kennis")  # whole words only
    projects = plan.lines(status="project", domain="bw")
    assert all(line.status is wb.ActionStatus.PROJECT and line.domain == "BW" for line in projects)
    keys = plan.lines(importance="Sleutelactie")
    assert all(line.is_key for line in keys)
    assert len(plan.lines()) == 59
    assert repr(vmm).startswith(f"<Selection of {len(vmm)} ActionLine")


def test_line_queries_reject_bad_arguments(plan: wb.ActionPlan) -> None:
    with pytest.raises(wb.VocabularyError, match="for Lever, found 'courage'"):
        plan.lines(lever="courage")
    with pytest.raises(TypeError, match="active_in: expected a Quarter"):
        plan.lines(active_in=2026.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected an organisation name as text"):
        plan.lines(lead=3)  # type: ignore[arg-type]


# -- the agenda ----------------------------------------------------------------------------


def test_agenda_due_before_2027(calendar: wb.WbsCalendar) -> None:
    due = calendar.agenda(before=2027)
    expected = [
        (owner, timing.text)
        for owner, step in calendar.steps()
        for timing in step.agenda
        if timing.end is not None and timing.end <= Quarter(2026, 4)
    ]
    assert [(e.owner, e.timing.text) for e in due] == expected
    assert all(e.due is not None and e.due.year <= 2026 for e in due)
    assert calendar.agenda(before="Q1 2027") == due
    assert calendar.agenda(before=Quarter(2027, 1)) == due


def test_agenda_within_a_period(calendar: wb.WbsCalendar) -> None:
    within = calendar.agenda(within="Q3 2025 - Q2 2026")
    period = parse_timing("Q3 2025 - Q2 2026")
    assert within
    assert all(e.timing.overlaps(period) for e in within)
    everything = calendar.agenda()
    assert len(everything) == sum(len(step.agenda) for _, step in calendar.steps())
    rest = [e for e in everything if e not in within]
    assert not any(e.timing.overlaps(period) for e in rest)
    both = calendar.agenda(before=2026, within="2025")
    assert all(e.timing.end is not None and e.timing.end.year == 2025 for e in both)


def test_agenda_in_takes_text_the_old_way_failed(calendar: wb.WbsCalendar) -> None:
    by_text = list(calendar.agenda_in("Q4 2026"))
    assert by_text == list(calendar.agenda_in(Quarter(2026, 4)))
    assert by_text


def test_agenda_entry_knows_its_owner_and_theme(calendar: wb.WbsCalendar) -> None:
    entry = next(e for e in calendar.agenda() if e.measure_code == "1.2.9")
    assert entry.owner == "1.2.9"
    assert entry.theme is wb.Theme.SOIL
    assert entry.concrete_step in calendar.measures["1.2.9"].steps
    choice_entry = calendar.agenda()[0]
    assert choice_entry.owner == f"SK {choice_entry.choice_number}"
