"""The plan of one case compiled into the few comparisons that decide it.

:func:`~waterbeleid.discharge.assess.assess` answers most questions from the plan of a
case (an origin, a receiver, whether the water body is designated, a period of one
version: :func:`~waterbeleid.discharge.steps.plan_for`) alone: who decides, whether the
levy applies, the reporting period. What depends on the activity is a handful of
comparisons — the quality conditions, the quantity tiers — and a few dates. A
:class:`Decider` holds those comparisons ready: per condition its parameter, the
assumption for it and its thresholds (:meth:`Condition.threshold
<waterbeleid.discharge.ruleset.Condition.threshold>`, kept per unit of the value, so a
value is compared in its own unit, exactly, with one or two float comparisons); per
tier its notice in whole days. Deciders are kept per ruleset (one ruleset object, so a
ruleset of one's own, or one changed with :meth:`Ruleset.with_tariff
<waterbeleid.discharge.ruleset.Ruleset.with_tariff>`, has its own), per case and per
pair of start and end days.

The trace, the violations and the other explanations are not built here: the steps
build them from the same plan when they are first read (see
:class:`~waterbeleid.discharge.assess.Assessment`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from waterbeleid._types import Duration
from waterbeleid.discharge.model import FLAGS, DischargeActivity, Obligation
from waterbeleid.discharge.ruleset import Condition, Ruleset
from waterbeleid.discharge.steps import Plan, plan_for
from waterbeleid.discharge.steps import quantity as quantity_step
from waterbeleid.discharge.steps.conditions import FALSE, TRUE, UNKNOWN

__all__ = ["Answers", "Decider", "decider_for"]

#: How many (case, start day, end day) keys a ruleset keeps before it starts again.
_CASES_KEPT: Final = 1 << 16

_VERDICT: Final[dict[int, bool | None]] = {TRUE: True, FALSE: False, UNKNOWN: None}

# What a compiled condition looks at.
_MEASURED: Final = 0
_FLAG: Final = 1
_SUM: Final = 2

#: The ordinal of the last day of the calendar.
_LAST: Final = dt.date.max.toordinal()

#: The answers of :meth:`Decider.decide`.
Answers = tuple[
    bool | None,
    Obligation | None,
    Duration | None,
    bool | None,
    bool | None,
    dt.date | None,
    dt.date | None,
]

_Test = tuple[int, Condition, str, tuple[str, ...], bool | None]


def _test(condition: Condition, assumed: bool | None) -> _Test:
    if condition.sum_of:
        kind = _SUM
    elif condition.parameter in FLAGS:
        kind = _FLAG
    else:
        kind = _MEASURED
    return (kind, condition, condition.parameter, condition.sum_of, assumed)


def _outcome(tests: tuple[_Test, ...], activity: DischargeActivity) -> int:
    """The least outcome of the tests — ``TRUE`` when all hold, ``FALSE`` when one does not,
    else ``UNKNOWN`` — as :meth:`Condition.test
    <waterbeleid.discharge.ruleset.Condition.test>` (and ``test_sum``) decide each, with
    the assumption standing in for a flag the activity does not state."""
    measured = activity._measured
    result = TRUE
    holds: bool | None
    for kind, condition, parameter, parts, assumed in tests:
        if kind == _MEASURED:
            value = measured.get(parameter)
            if value is None:
                result = UNKNOWN
                continue
            number, unit = value
            threshold = condition._thresholds.get(unit)
            if threshold is None:
                threshold = condition.threshold(unit)
            if type(number) is float:
                holds = threshold.low < number <= threshold.high
            else:
                holds = threshold.holds(number)
        elif kind == _FLAG:  # as Condition.test does for a yes/no value
            flag = getattr(activity, parameter)
            if flag is None:
                flag = assumed
            holds = None if flag is None else flag is condition.limit
        else:
            holds = condition.test_sum([measured.get(p) for p in parts])
        if holds is None:
            result = UNKNOWN
        elif not holds:
            return FALSE
    return result


def _days(days: int | None) -> tuple[int, dt.timedelta] | None:
    """A number of days, and as a timedelta (made once: making one costs a microsecond)."""
    return None if days is None else (days, dt.timedelta(days=days))


class Decider:
    """The plan of one case, compiled: the comparisons and answers that
    :func:`~waterbeleid.discharge.assess.assess` needs for an activity of that case.

    Args:
        plan: The case's plan, with the caller's limits where they apply.
    """

    __slots__ = (
        "_fixed",
        "_obligation",
        "_quality",
        "_registration",
        "_reporting",
        "_tiers",
        "applies",
        "authority",
        "consent",
        "levy_rule",
        "plan",
    )

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        quality = plan.quality
        fixed = quality.verdict
        self._fixed = None if fixed is None else _VERDICT[fixed]
        assumed = {a.parameter: a.value for a in quality.assumptions}
        self._quality = tuple(_test(c, assumed.get(c.parameter)) for c in quality.conditions)
        quantity = plan.quantity
        self._tiers = tuple(
            (
                tier,
                tuple(_test(c, None) for c in tier.conditions),
                tier.notice,
                _days(quantity_step.notice_days(tier)),
            )
            for tier in quantity.tiers
        )
        self._obligation = quantity.fixed  # None where tiers decide
        self.authority = plan.receiver.authority
        self.consent = plan.receiver.consent
        self.applies = plan.levy.applies
        self.levy_rule = plan.levy.rule if self.applies else None
        self._registration = plan.levy.registration
        reporting = plan.reporting
        self._reporting = None if reporting.rule is None else _days(reporting.days)

    def decide(self, activity: DischargeActivity, start: dt.date | None) -> Answers:
        """The answers for one activity of the case that starts on *start*: allowed, the
        water board's duty, the notice of the deciding tier, levy applies, levy
        registration, the report deadline and the day to notify by."""
        allowed = _VERDICT[_outcome(self._quality, activity)] if self._quality else self._fixed
        if allowed is False:
            return False, Obligation.PROHIBITED, None, False, False, None, None
        obligation = self._obligation
        notice = notify_by = None
        for tier, tests, tier_notice, days in self._tiers:
            holds = _outcome(tests, activity) if tests else TRUE
            if holds == FALSE:
                continue
            if holds == TRUE:
                obligation, notice = tier.obligation, tier_notice
                # the notice must not reach before 0001-01-01 (ordinal 1)
                if days is not None and start is not None and days[0] < start.toordinal():
                    notify_by = start - days[1]
            break
        deadline = None
        days = self._reporting
        if days is not None:
            end = activity._end_day
            if end is not None and end.toordinal() + days[0] <= _LAST:
                deadline = end + days[1]
        return allowed, obligation, notice, self.applies, self._registration, deadline, notify_by


def decider_for(rules: Ruleset, activity: DischargeActivity, start: dt.date | None) -> Decider:
    """The decider of the activity's case under *rules* (kept per ruleset object); *start*
    is the activity's start day."""
    # enums by their names: a str hashes faster than an enum member
    key = (
        start,
        activity._end_day,
        activity.origin._name_,
        activity.receiver._name_,
        activity.designated_water_body,
    )
    cases: dict[Any, Decider] | None = rules._compiled.get("cases")
    if cases is None:
        cases = rules._compiled["cases"] = {}
    found = cases.get(key)
    if found is None:
        plan = plan_for(
            rules,
            activity.origin,
            activity.receiver,
            start,
            activity.designated_water_body,
            activity._end_day,
        )
        # plans are kept by the ruleset for its life, so their identity names them
        deciders: dict[int, Decider] = rules._compiled.setdefault("deciders", {})
        found = deciders.get(id(plan))
        if found is None or found.plan is not plan:
            found = deciders[id(plan)] = Decider(plan)
        if len(cases) >= _CASES_KEPT:
            cases.clear()
        cases[key] = found
    return found
