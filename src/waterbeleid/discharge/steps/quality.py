"""Step 2: may water of this origin go into this receiver — the verdict.

The quality rule of the origin and receiver says *allowed*, *prohibited*, *allowed if*
its conditions hold, or *allowed if the limits set for the case are met* without giving
them. A condition whose value is not given is unknown, unless the source assumes a value
for it (dewatering water is taken to be clean); the trace names every assumption.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.model import DischargeActivity, Origin, Receiver
from waterbeleid.discharge.ruleset import (
    Assumption,
    Comparison,
    Condition,
    QualityRule,
    QualityVerdict,
    Ruleset,
    RuleSource,
)
from waterbeleid.discharge.steps.conditions import FALSE, TRUE, UNKNOWN, value_of
from waterbeleid.discharge.trace import NOT_STATED, Input, TraceEntry, Violation
from waterbeleid.errors import RulesetError

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups
    from waterbeleid.discharge.steps.conditions import ColumnTests

__all__ = [
    "CALLER",
    "QualityOutcome",
    "QualityPlan",
    "caller_conditions",
    "columns",
    "decide",
    "plan",
    "with_limits",
]

#: The source of limits that the caller supplies (``limits=``).
CALLER = RuleSource(document="limits supplied by the caller")


@attrs.frozen
class QualityPlan:
    """The quality rule in force for one origin and receiver, ready to apply.

    Attributes:
        rule: The rule (``None``: no rule in force on that date).
        conditions: The conditions that decide (a conditional rule's, or the caller's).
        source: The source of those conditions.
        assumptions: What the source assumes for a parameter of the conditions that the
            activity does not give.
        caller: Whether the conditions are limits supplied by the caller.
    """

    rule: QualityRule | None
    conditions: tuple[Condition, ...] = ()
    source: RuleSource | None = None
    assumptions: tuple[Assumption, ...] = ()
    caller: bool = False

    @property
    def verdict(self) -> int | None:
        """``TRUE``, ``FALSE`` or ``UNKNOWN`` when the rule decides alone; ``None`` when the
        conditions decide row by row."""
        if self.conditions:
            return None
        if self.rule is None:
            return UNKNOWN
        if self.rule.rule is QualityVerdict.ALLOWED:
            return TRUE
        if self.rule.rule is QualityVerdict.PROHIBITED:
            return FALSE
        return UNKNOWN  # limits not given

    @property
    def takes_limits(self) -> bool:
        """Whether the rule says the limits are set for the case and does not give them."""
        return self.rule is not None and self.rule.rule is QualityVerdict.LIMITS_NOT_GIVEN

    def assumption(self, parameter: str) -> Assumption | None:
        """The assumption for *parameter*, if the source makes one."""
        for found in self.assumptions:
            if found.parameter == parameter:
                return found
        return None

    def assumed_values(self) -> Mapping[str, Assumption]:
        """The assumptions by parameter."""
        return {a.parameter: a for a in self.assumptions}


def plan(rules: Ruleset, origin: Origin, receiver: Receiver, on: dt.date | None) -> QualityPlan:
    """The quality rule in force *on* a date, with the assumptions its conditions may need."""
    rule = rules.quality_rule(origin, receiver, on)
    if rule is None or rule.rule is not QualityVerdict.CONDITIONAL:
        return QualityPlan(rule, source=None if rule is None else rule.source)
    needed = {c.parameter for c in rule.conditions}
    assumptions = tuple(a for a in rules.assumptions_for(origin, on) if a.parameter in needed)
    return QualityPlan(rule, rule.conditions, rule.source, assumptions)


def caller_conditions(limits: Mapping[str, Any]) -> tuple[Condition, ...]:
    """The caller's limits as conditions (each an inclusive upper limit).

    Raises:
        RulesetError: a parameter that is not a measured concentration.
    """
    conditions = []
    for parameter, limit in limits.items():
        if parameter not in ("suspended_solids", "iron"):
            raise RulesetError(
                f"limits: expected limits for suspended_solids or iron, found {parameter!r}"
            )
        conditions.append(
            Condition(parameter=parameter, comparison=Comparison.AT_MOST, limit=limit)
        )
    return tuple(conditions)


def with_limits(plan: QualityPlan, conditions: tuple[Condition, ...]) -> QualityPlan:
    """The plan with the caller's limits, where the rule says the limits are not given.

    Raises:
        RulesetError: the rule gives its own verdict or limits (or none is in force).
    """
    if not plan.takes_limits:
        if plan.rule is None:
            found = "no quality rule is in force on that date"
        else:
            found = (
                f"the rule for {plan.rule.origin.value} into {plan.rule.receiver.value} is "
                f"{plan.rule.rule.value!r} ({plan.rule.source})"
            )
        raise RulesetError(
            "limits: expected limits only where the ruleset says the discharge limits are "
            f"set for the case and does not give them (rule 'limits_not_given'), found: {found}"
        )
    return attrs.evolve(plan, conditions=conditions, source=CALLER, caller=True)


@attrs.frozen
class QualityOutcome:
    """The verdict of the quality step for one activity."""

    allowed: bool | None
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]
    assumed: tuple[Assumption, ...]


_VERDICT = {TRUE: True, FALSE: False, UNKNOWN: None}


def decide(
    plan: QualityPlan, activity: DischargeActivity, trace: list[TraceEntry] | None
) -> QualityOutcome:
    """The verdict for one activity; the trace (when given) gets each rule applied."""
    fixed = plan.verdict
    if fixed is not None:
        violations: tuple[Violation, ...] = ()
        if fixed == FALSE and plan.rule is not None:
            violations = (
                Violation(
                    parameter="receiver",
                    limit=None,
                    value=plan.rule.receiver.value,
                    comparison=None,
                    source=plan.rule.source,
                ),
            )
        if trace is not None:
            trace.append(_fixed_entry(plan, activity))
        return QualityOutcome(_VERDICT[fixed], violations, (), ())
    if trace is not None and plan.caller and plan.rule is not None:
        trace.append(
            TraceEntry(rule="quality", message="quality.caller_limits", source=plan.rule.source)
        )
    result = TRUE
    found: list[Violation] = []
    missing: list[str] = []
    assumed: list[Assumption] = []
    source = plan.source or CALLER
    for condition in plan.conditions:
        parameter = condition.parameter
        value = value_of(activity, parameter)
        given = getattr(activity, parameter)
        shown = Input(given, condition.limit)
        if value is None:
            assumption = plan.assumption(parameter)
            if assumption is not None:
                value = assumption.value
                assumed.append(assumption)
                shown = Input(value, assumed=True)
                if trace is not None:
                    trace.append(
                        TraceEntry(
                            rule="assumption",
                            message="assumption",
                            args=(("parameter", parameter), ("value", value)),
                            values=((parameter, NOT_STATED),),
                            source=assumption.source,
                        )
                    )
        holds = condition.test(value)
        if holds is None:
            missing.append(parameter)
            message = "quality.unknown"
            result = min(result, UNKNOWN)
        elif holds:
            message = "quality.met"
        else:
            message = "quality.violated"
            result = FALSE
            found.append(
                Violation(
                    parameter=parameter,
                    limit=condition.limit,
                    value=given,
                    comparison=condition.comparison,
                    source=source,
                )
            )
        if trace is not None:
            trace.append(
                TraceEntry(
                    rule="quality",
                    message=message,
                    args=(("condition", condition),),
                    values=((parameter, shown),),
                    source=source,
                )
            )
    return QualityOutcome(_VERDICT[result], tuple(found), tuple(missing), tuple(assumed))


_FIXED_MESSAGES = {
    QualityVerdict.ALLOWED: "quality.allowed",
    QualityVerdict.PROHIBITED: "quality.prohibited",
    QualityVerdict.LIMITS_NOT_GIVEN: "quality.limits_not_given",
}


def _fixed_entry(plan: QualityPlan, activity: DischargeActivity) -> TraceEntry:
    rule = plan.rule
    if rule is None:
        return TraceEntry(
            rule="quality",
            message="quality.no_rule",
            values=(("origin", activity.origin), ("receiver", activity.receiver)),
        )
    message = _FIXED_MESSAGES.get(rule.rule, "quality.no_rule")
    return TraceEntry(rule="quality", message=message, source=rule.source)


def columns(
    groups: Groups, tests: ColumnTests, parameters: tuple[str, ...]
) -> tuple[
    npt.NDArray[Any],
    dict[str, npt.NDArray[Any]],
    dict[str, npt.NDArray[Any]],
    dict[str, npt.NDArray[Any]],
]:
    """Per row: the verdict (``FALSE``/``UNKNOWN``/``TRUE``, int8), and per parameter where
    it is violated, missing (unknown and needed), and assumed.

    The plans of *groups* carry the caller's limits where they apply.
    """
    import numpy as np

    n = groups.n
    allowed = groups.column(lambda p: UNKNOWN if p.quality.verdict is None else p.quality.verdict)
    violations = {name: np.zeros(n, dtype=bool) for name in parameters}
    missing = {name: np.zeros(n, dtype=bool) for name in parameters}
    assumed = {name: np.zeros(n, dtype=bool) for name in parameters}
    violations["receiver"] = groups.column(lambda p: p.quality.verdict == FALSE, bool)
    for part, rows in groups.parts(lambda p: p.quality if p.quality.conditions else None):
        assumptions = part.assumed_values()
        np.copyto(allowed, tests.all_hold(part.conditions, assumptions), where=rows)
        for condition in part.conditions:
            outcome = tests.tri(condition, _value(assumptions.get(condition.parameter)))
            violations[condition.parameter] |= rows & (outcome == FALSE)
            missing[condition.parameter] |= rows & (outcome == UNKNOWN)
            if condition.parameter in assumptions:
                assumed[condition.parameter] |= rows & tests.unknown(condition.parameter)
    return allowed, violations, missing, assumed


def _value(assumption: Assumption | None) -> bool | None:
    return None if assumption is None else assumption.value
