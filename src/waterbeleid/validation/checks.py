"""Cross-record and policy checks, one function per dataset kind.

Each check yields :class:`~waterbeleid.validation.report.Issue` objects; none raises.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from waterbeleid.discharge import DischargeActivity, DischargeSet, assess
from waterbeleid.errors import RulesetError
from waterbeleid.policy import ActionPlan, OperationalGoal, WbsCalendar, WorkTableSet
from waterbeleid.policy.actionplan import organisation_key
from waterbeleid.policy.wbs import AmendmentRules, ConcreteStep
from waterbeleid.policy.worktables import MAX_SESSIONS
from waterbeleid.quarters import Quarter, Timing
from waterbeleid.units import format_quantity, magnitude
from waterbeleid.validation.report import CODES, Issue

__all__ = ["AMVB_LEAD_QUARTERS", "EARLIEST_BKL_CHANGE", "LAST_END", "check"]

#: An AMvB amendment takes two years (WBS borgingskalender).
AMVB_LEAD_QUARTERS = 8
#: The fastest possible change of the Bkl is the end of 2026 (WBS borgingskalender).
EARLIEST_BKL_CHANGE = Quarter(2026, 4)
#: The last day a discharge may end: a year before the last date Python's calendar holds,
#: so that its report deadline can still be computed.
LAST_END = dt.date(9998, 12, 31)


def issue(code: str, path: str, message: str) -> Issue:
    """An issue with the severity that :data:`CODES` gives its code."""
    return Issue(severity=CODES[code][0], code=code, path=path, message=message)


def _duplicates(values: Iterable[Any], path: str, what: str) -> Iterator[Issue]:
    seen: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            yield duplicate_issue(value, index, seen[value], path, what)
        else:
            seen[value] = index


def _timing(timing: Timing | None, path: str) -> Iterator[Issue]:
    if timing is not None and timing.is_reversed:
        yield issue(
            "timing-reversed",
            path,
            f"expected an end not before the start, found {timing.text!r} "
            f"({timing.start} to {timing.end})",
        )


# -- action plan -----------------------------------------------------------------------------


def check_action_plan(plan: ActionPlan) -> Iterator[Issue]:
    """Duplicate codes, goal references both ways, levers, reversed timings."""
    yield from _duplicates(
        (d.code for d in plan.focus_domains), "$.focus_domains", "focus-domain code"
    )
    goals: dict[str, OperationalGoal] = {}
    goal_paths: list[str] = []
    for d_index, domain in enumerate(plan.focus_domains):
        for g_index, goal in enumerate(domain.operational_goals):
            path = f"$.focus_domains[{d_index}].operational_goals[{g_index}]"
            if goal.code in goals:
                yield issue(
                    "duplicate-code", path, f"expected unique goal codes, found {goal.code!r} again"
                )
            else:
                goals[goal.code] = goal
                goal_paths.append(path)
            if goal.domain != domain.code:
                yield issue(
                    "unknown-reference",
                    f"{path}.code",
                    f"expected a goal code of domain {domain.code!r}, found {goal.code!r}",
                )
    yield from _duplicates(
        (line.code for line in plan.action_lines), "$.action_lines", "action-line code"
    )
    lines = {line.code: line for line in plan.action_lines}
    for path, goal in zip(goal_paths, goals.values(), strict=True):
        for index, code in enumerate(goal.action_lines):
            where = f"{path}.action_lines[{index}]"
            if code not in lines:
                yield issue(
                    "unknown-reference", where, f"expected a code of an action line, found {code!r}"
                )
            elif lines[code].goal != goal.code:
                yield issue(
                    "goal-mismatch",
                    where,
                    f"expected action line {code} to name goal {goal.code}, "
                    f"found it names {lines[code].goal}",
                )
    for index, line in enumerate(plan.action_lines):
        path = f"$.action_lines[{index}]"
        owner = goals.get(line.goal)
        if owner is None:
            if goals:
                yield issue(
                    "unknown-reference",
                    f"{path}.goal",
                    f"expected the code of an operational goal, found {line.goal!r}",
                )
        elif owner.lever is not line.lever:
            yield issue(
                "lever-mismatch",
                f"{path}.lever",
                f"expected the lever of goal {owner.code} ({owner.lever.value}), "
                f"found {line.lever.value}",
            )
        yield from _timing(line.timing, f"{path}.timing")
        for field, names, text in (
            ("lead", line.lead, line.lead_text),
            ("partners", line.partners, line.partners_text),
        ):
            if text is None or names is None:
                continue
            cell = organisation_key(text)
            for n_index, name in enumerate(names):
                if organisation_key(name) not in cell:
                    yield issue(
                        "organisation-not-in-text",
                        f"{path}.{field}[{n_index}]",
                        f"expected a name that {field}_text names, found {name!r} not in {text!r}",
                    )


# -- WBS calendar ---------------------------------------------------------------------------


def _amendment_limits(rules: AmendmentRules | None) -> tuple[Quarter, int]:
    """The earliest Bkl change and the AMvB lead time in quarters: as the calendar states
    them, or else :data:`EARLIEST_BKL_CHANGE` and :data:`AMVB_LEAD_QUARTERS`."""
    earliest, lead = EARLIEST_BKL_CHANGE, AMVB_LEAD_QUARTERS
    if rules is not None and rules.earliest_bkl_change is not None:
        earliest = rules.earliest_bkl_change
    if rules is not None and rules.lead_time is not None:
        lead = math.ceil(float(rules.lead_time.m_as("year")) * 4 - 1e-9)
    return earliest, lead


def _check_step(
    step: ConcreteStep, path: str, limits: tuple[Quarter, int] | None = None
) -> Iterator[Issue]:
    earliest, lead = limits or (EARLIEST_BKL_CHANGE, AMVB_LEAD_QUARTERS)
    for index, timing in enumerate(step.agenda):
        yield from _timing(timing, f"{path}.agenda[{index}]")
    if not step.amends_amvb:
        return
    ends = [t.end for t in step.agenda if t.end is not None]
    latest = max(ends) if ends else None
    if latest is None:
        return
    texts = (*step.implementation, *(s.text for s in step.safeguards))
    if any("Bkl" in text for text in texts) and latest < earliest:
        yield issue(
            "bkl-too-early",
            f"{path}.agenda",
            f"expected an agenda entry in or after {earliest} for a change of the Bkl, "
            f"found the latest in {latest}",
        )
    if step.start is not None and latest - step.start < lead:
        yield issue(
            "amvb-lead-time",
            f"{path}.agenda",
            f"expected an AMvB amendment at least {lead} quarters after the start "
            f"{step.start}, found the latest agenda entry in {latest} "
            f"({latest - step.start} quarters)",
        )


def check_wbs_calendar(calendar: WbsCalendar) -> Iterator[Issue]:
    """Duplicates, unknown measure codes, agenda checks (AMvB lead time, Bkl), theme totals."""
    limits = _amendment_limits(calendar.amendment_rules)
    yield from _duplicates((c.number for c in calendar.choices), "$.choices", "choice number")
    yield from _duplicates((m.code for m in calendar.measures.all), "$.measures", "measure code")
    known = set(calendar.measures)
    for c_index, choice in enumerate(calendar.choices):
        path = f"$.choices[{c_index}]"
        for index, code in enumerate(choice.measure_codes):
            if code not in known:
                yield issue(
                    "unknown-reference",
                    f"{path}.measure_codes[{index}]",
                    f"expected the code of a measure in $.measures, found {code!r}",
                )
        for s_index, step in enumerate(choice.steps):
            yield from _check_step(step, f"{path}.steps[{s_index}]", limits)
    for m_index, measure in enumerate(calendar.measures.all):
        path = f"$.measures[{m_index}]"
        for r_index, relation in enumerate(measure.relations):
            target = relation.target
            if target and target[0].isdigit() and target not in known:
                yield issue(
                    "unknown-reference",
                    f"{path}.relations[{r_index}].target",
                    f"expected the code of a measure in $.measures, found {target!r}",
                )
        for s_index, step in enumerate(measure.steps):
            yield from _check_step(step, f"{path}.steps[{s_index}]", limits)
    for r_index, row in enumerate(calendar.track_rows):
        yield from _timing(row.agenda, f"$.track_rows[{r_index}].agenda")
    for f_index, action in enumerate(calendar.follow_up):
        yield from _timing(action.timing, f"$.follow_up[{f_index}].timing")
    for t_index, total in enumerate(calendar.theme_totals):
        choices = [c for c in calendar.choices if c.theme is total.theme]
        measures = {code for c in choices for code in c.measure_codes}
        if (len(choices), len(measures)) != (total.choices, total.measures):
            yield issue(
                "theme-totals",
                f"$.theme_totals[{t_index}]",
                f"expected {total.choices} choices and {total.measures} measures for theme "
                f"{total.theme.value} as stated, found {len(choices)} choices and "
                f"{len(measures)} distinct measure codes listed",
            )


# -- work tables ----------------------------------------------------------------------------


def _check_work_table_context(tables: WorkTableSet) -> Iterator[Issue]:
    """The template headings and the recorded conflicts refer to what the dataset holds."""
    titles: set[str] = set()
    for h_index, heading in enumerate(tables.concept_note_template):
        path = f"$.concept_note_template[{h_index}]"
        if heading.parent is not None and heading.parent not in titles:
            yield issue(
                "unknown-reference",
                f"{path}.parent",
                f"expected the title of an earlier heading, found {heading.parent!r}",
            )
        titles.add(heading.title)
        for e_index, item in enumerate(heading.existing):
            if item not in tables.general:
                yield issue(
                    "unknown-reference",
                    f"{path}.existing[{e_index}]",
                    f"expected an item of $.general, found {item!r}",
                )
    documents = {s.document for s in tables.source}
    for c_index, conflict in enumerate(tables.conflicts):
        path = f"$.conflicts[{c_index}]"
        if len({s.document for s in conflict.statements}) < 2:
            yield issue(
                "bad-value",
                f"{path}.statements",
                "expected statements of at least two documents, found "
                f"{len({s.document for s in conflict.statements})}",
            )
        for s_index, statement in enumerate(conflict.statements):
            if documents and statement.document not in documents:
                yield issue(
                    "unknown-reference",
                    f"{path}.statements[{s_index}].document",
                    f"expected a document of $.source, found {statement.document!r}",
                )


def check_work_tables(tables: WorkTableSet) -> Iterator[Issue]:
    """One table per subject, at most 5 sessions, one participant per organisation;
    template headings and conflicts that refer to what the dataset holds."""
    yield from _check_work_table_context(tables)
    yield from _duplicates((t.subject for t in tables.work_tables), "$.work_tables", "subject")
    for index, table in enumerate(tables.work_tables):
        path = f"$.work_tables[{index}]"
        if len(table.sessions) > MAX_SESSIONS:
            yield issue(
                "too-many-sessions",
                f"{path}.sessions",
                f"expected at most {MAX_SESSIONS} sessions, found {len(table.sessions)}",
            )
        yield from _duplicates(
            (s.number for s in table.sessions), f"{path}.sessions", "session number"
        )
        for s_index, session in enumerate(table.sessions):
            yield from _timing(session.timing, f"{path}.sessions[{s_index}].timing")
        counts = Counter(p.organisation.casefold() for p in table.participants)
        seen: set[str] = set()
        for p_index, participant in enumerate(table.participants):
            key = participant.organisation.casefold()
            if counts[key] > 1 and key in seen:
                yield issue(
                    "duplicate-participant-organisation",
                    f"{path}.participants[{p_index}]",
                    f"expected one participant per organisation, found {participant.name!r} as "
                    f"another participant of {participant.organisation!r}",
                )
            seen.add(key)


# -- discharges -------------------------------------------------------------------------------


def _ends_in_time(activity: DischargeActivity, path: str) -> Iterator[Issue]:
    """The end of the discharge (start + duration) must fall on or before :data:`LAST_END`
    (its midnight: a start with a time of day has that much less room)."""
    start = activity.start
    if start is None or activity.duration is None:
        return
    hours = magnitude(activity.duration, "h")
    room: float
    if isinstance(start, dt.datetime):
        midnight = dt.datetime.combine(start.date(), dt.time())
        room = (LAST_END - start.date()).days * 24 - (start - midnight).total_seconds() / 3600
    else:
        room = (LAST_END - start).days * 24
    if hours > room:
        yield issue(
            "out-of-range",
            f"{path}.duration",
            f"expected a discharge that ends by {LAST_END} (dates stop at 9999-12-31 and the "
            f"report deadline follows the end), found {activity.start} + "
            f"{format_quantity(activity.duration)}",
        )


def check_discharges(discharges: DischargeSet) -> Iterator[Issue]:
    """Assess every discharge; warn where it is not allowed or cannot be decided."""
    seen: dict[str, int] = {}
    for index, activity in enumerate(discharges.discharges):
        if activity.id is None:
            continue  # no id: nothing to repeat, but the row still counts in the paths
        if activity.id in seen:
            yield duplicate_issue(activity.id, index, seen[activity.id], "$.discharges", "id")
        else:
            seen[activity.id] = index
    for index, activity in enumerate(discharges.discharges):
        yield from check_discharge(activity, f"$.discharges[{index}]")


def check_discharge(activity: DischargeActivity, path: str) -> Iterator[Issue]:
    """The checks of one discharge (all but the duplicate ids): it ends in time, its water
    board has rules, and it is allowed and decided (warnings)."""
    late = list(_ends_in_time(activity, path))
    if late:
        yield from late
        return  # not assessed: its dates cannot be computed
    try:
        result = assess(activity)
    except RulesetError as exc:  # a water board without a packaged ruleset
        yield issue("discharge-unknown-water-board", f"{path}.water_board", str(exc))
        return
    yield from verdict_issues(result, path)


def verdict_issues(result: Any, path: str) -> Iterator[Issue]:
    """The warning of an assessment that is not allowed or undecided (none if allowed)."""
    if result.allowed is False:
        yield not_allowed_issue(path, [str(v) for v in result.violations])
    elif result.allowed is None:
        yield undecided_issue(path, result.missing, result.gaps)


def undecided_issue(path: str, missing: Iterable[str], gaps: Iterable[Any]) -> Issue:
    """The warning of a discharge the data cannot decide: the parameters missing, else
    the rules the ruleset lacks (*gaps*)."""
    what = (
        ", ".join(missing)
        or "; ".join(str(gap) for gap in gaps)
        or "discharge limits the ruleset does not give"
    )
    return issue(
        "discharge-undecided", path, f"expected enough data to decide, found unknown: {what}"
    )


def not_allowed_issue(path: str, violations: Iterable[str]) -> Issue:
    """The warning of a discharge that is not allowed, from its violations in words."""
    what = "; ".join(violations)
    return issue("discharge-not-allowed", path, f"expected an allowed discharge, found: {what}")


def duplicate_issue(value: Any, index: int, first: int, path: str, what: str) -> Issue:
    """The issue of a value met again at *index*, first met at *first*."""
    shown = repr(value) if isinstance(value, str) else str(value)
    return issue(
        "duplicate-code",
        f"{path}[{index}]",
        f"expected unique {what}s, found {shown} again (first at {path}[{first}])",
    )


_CHECKS: dict[type, Any] = {
    ActionPlan: check_action_plan,
    WbsCalendar: check_wbs_calendar,
    WorkTableSet: check_work_tables,
    DischargeSet: check_discharges,
}


def check(dataset: Any) -> list[Issue]:
    """Run the checks of the dataset's class."""
    return list(_CHECKS[type(dataset)](dataset))
