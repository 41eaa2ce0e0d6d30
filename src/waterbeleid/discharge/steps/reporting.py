"""Step 5: by when the discharged volume must be reported.

"Binnen … dagen na afloop van de lozing": the deadline is the day the discharge ends on
(:mod:`waterbeleid.discharge.timespan`) plus the period of the reporting rule. A discharge
that is not allowed has nothing to report: no deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid.discharge import exact
from waterbeleid.discharge.model import DischargeActivity, Receiver
from waterbeleid.discharge.ruleset import MissingRule, ReportingRule, Ruleset
from waterbeleid.discharge.steps.conditions import FALSE
from waterbeleid.discharge.trace import EndDay, Note, TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups

__all__ = ["ReportingPlan", "columns", "decide", "plan"]

_LAST_DAY: Final = dt.date.max.isoformat()


@attrs.frozen
class ReportingPlan:
    """The reporting duty in force for a receiver (``rule`` ``None``: none applies; ``gap``
    says why it is unknown when no reporting rule is in force at all)."""

    rule: ReportingRule | None
    days: int  # the period in whole days (rounded up)
    gap: MissingRule | None = None


def plan(rules: Ruleset, receiver: Receiver, on: dt.date | None) -> ReportingPlan:
    """The reporting duty in force *on* a date for a receiver."""
    in_force = rules.reporting_rules(on)
    rule = next((r for r in in_force if receiver in r.receivers), None)
    if rule is None:
        gap = None if in_force else rules.gap("reporting", on, receiver=receiver)
        return ReportingPlan(None, 0, gap)
    number, unit = exact.measure(rule.within)
    day = exact.units_registry().parse_units("day")
    days = exact.decimal_value(number) * exact.factor(exact.unit_of(unit), day)
    return ReportingPlan(rule, exact.ceil_fraction(days))


def _how(activity: DischargeActivity) -> str:
    """How the end day was found, for the trace (see :class:`~.trace.EndDay`)."""
    if activity.end is not None:
        return "given"
    if isinstance(activity.start, dt.datetime):
        return "start_time"
    return "start_day"


def decide(
    plan: ReportingPlan,
    activity: DischargeActivity,
    allowed: bool | None,
    trace: list[TraceEntry],
    gaps: list[Note] | None = None,
) -> dt.date | None:
    """The last day to report the volume, for one activity (*gaps* gets why it is
    unknown, when no reporting rule is known)."""
    rule = plan.rule
    if rule is None:
        if plan.gap and allowed is not False:
            gap = Note.of(plan.gap, activity.start_day)
            trace.append(TraceEntry(rule="reporting", message="gap", args=(("gap", gap),)))
            if gaps is not None:
                gaps.append(gap)
        return None
    end = activity.end_day
    if allowed is False:
        trace.append(TraceEntry.not_allowed("reporting", rule.source))
        return None
    deadline = None
    if end is not None and plan.days <= (dt.date.max - end).days:
        deadline = end + dt.timedelta(days=plan.days)
    if deadline is not None:
        message = "reporting.deadline"
        shown = EndDay(end, _how(activity), activity.start, activity.duration)
    elif end is not None or (activity.start is not None and activity.duration is not None):
        message = "reporting.after_calendar"
        shown = EndDay(end, "after_calendar")
    else:
        message = "reporting.unknown"
        shown = EndDay(None, "unknown")
    trace.append(
        TraceEntry(
            rule="reporting",
            message=message,
            args=(("deadline", deadline),),
            values=(("end", shown),),
            source=rule.source,
        )
    )
    return deadline


def columns(
    groups: Groups, end_day: npt.NDArray[Any], allowed: npt.NDArray[Any]
) -> npt.NDArray[Any]:
    """Per row: the deadline (``datetime64[D]``, ``NaT`` where none or unknown)."""
    import numpy as np

    days = groups.column(
        lambda p: p.reporting.days if p.reporting.rule is not None else -1, np.int64
    )
    nat = np.iinfo(np.int64).min
    end = end_day.view(np.int64)
    room = np.datetime64(_LAST_DAY, "D").astype(np.int64) - end  # wraps for NaT: masked
    due = (days >= 0) & (end != nat) & (allowed != FALSE) & (days <= room)
    deadline = np.where(due, end + days, nat)
    result: npt.NDArray[Any] = deadline.view("datetime64[D]")
    return result
