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

from waterbeleid.discharge.model import FLAGS, DischargeActivity, Obligation
from waterbeleid.discharge.ruleset import Condition, QuantityTier, Ruleset
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

#: The answers of :meth:`Decider.decide`: allowed, the water board's duty, the deciding
#: tier, levy applies, levy registration, the report deadline and the day to notify by.
Answers = tuple[
    bool | None,
    Obligation | None,
    QuantityTier | None,
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


def _outcome(test: _Test, activity: DischargeActivity, measured: dict[str, Any]) -> int:
    """``TRUE``, ``FALSE`` or ``UNKNOWN``: what :meth:`Condition.test` (or
    :meth:`~waterbeleid.discharge.ruleset.Condition.test_sum`) says, with the assumption
    standing in for a flag the activity does not state."""
    kind, condition, parameter, parts, assumed = test
    holds: bool | None
    if kind == _MEASURED:
        value = measured.get(parameter)
        if value is None:
            return UNKNOWN
        number, unit = value
        threshold = condition._thresholds.get(unit)
        if threshold is None:
            threshold = condition.threshold(unit)
        if type(number) is float:
            holds = threshold.low < number <= threshold.high
        else:
            holds = threshold.holds(number)
    elif kind == _FLAG:
        flag = getattr(activity, parameter)
        if flag is None:
            flag = assumed
        holds = condition.test(flag)
    else:
        holds = condition.test_sum([measured.get(p) for p in parts])
    if holds is None:
        return UNKNOWN
    return TRUE if holds else FALSE


class Decider:
    """The plan of one case, compiled: the comparisons and answers that
    :func:`~waterbeleid.discharge.assess.assess` needs for an activity of that case.

    Args:
        plan: The case's plan, with the caller's limits where they apply.
    """

    __slots__ = (
        "_fixed",
        "_notice_days",
        "_obligation",
        "_quality",
        "_registration",
        "_reporting_days",
        "_tiers",
        "applies",
        "plan",
    )

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        quality = plan.quality
        fixed = quality.verdict
        self._fixed = fixed
        assumed = {a.parameter: a.value for a in quality.assumptions}
        self._quality = tuple(_test(c, assumed.get(c.parameter)) for c in quality.conditions)
        quantity = plan.quantity
        self._tiers = tuple(
            (tier, tuple(_test(c, None) for c in tier.conditions)) for tier in quantity.tiers
        )
        self._obligation = quantity.fixed
        self._notice_days: dict[QuantityTier, int | None] = {
            tier: quantity_step.notice_days(tier) for tier in quantity.tiers
        }
        self.applies = plan.levy.applies
        self._registration = plan.levy.registration
        reporting = plan.reporting
        self._reporting_days = None if reporting.rule is None else reporting.days

    def allowed(self, activity: DischargeActivity) -> bool | None:
        """The verdict of the quality step."""
        if self._fixed is not None:
            return _VERDICT[self._fixed]
        measured = activity._measured
        result = TRUE
        for test in self._quality:
            outcome = _outcome(test, activity, measured)
            if outcome < result:
                result = outcome
        return _VERDICT[result]

    def decide(self, activity: DischargeActivity) -> Answers:
        """The answers for one activity of the case."""
        allowed = self.allowed(activity)
        if allowed is False:
            return False, Obligation.PROHIBITED, None, False, False, None, None
        obligation = self._obligation
        tier: QuantityTier | None = None
        if self._tiers:
            obligation = None
            measured = activity._measured
            for candidate, tests in self._tiers:
                holds = TRUE
                for test in tests:
                    outcome = _outcome(test, activity, measured)
                    if outcome < holds:
                        holds = outcome
                if holds == FALSE:
                    continue
                if holds == TRUE:
                    obligation, tier = candidate.obligation, candidate
                break
        deadline = None
        days = self._reporting_days
        if days is not None:
            end = activity._end_day
            if end is not None and days <= (dt.date.max - end).days:
                deadline = end + dt.timedelta(days=days)
        notify_by = None
        if tier is not None:
            notice = self._notice_days[tier]
            on = activity.start_day
            if notice is not None and on is not None and notice <= (on - dt.date.min).days:
                notify_by = on - dt.timedelta(days=notice)
        return allowed, obligation, tier, self.applies, self._registration, deadline, notify_by


def decider_for(rules: Ruleset, activity: DischargeActivity) -> Decider:
    """The decider of the activity's case under *rules* (kept per ruleset object)."""
    start = activity.start_day
    key = (start, activity._end_day, activity.origin, activity.receiver,
           activity.designated_water_body)
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

