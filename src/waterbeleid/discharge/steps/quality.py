"""Step 2: may water of this origin go into this receiver — the verdict.

The quality rule of the origin and receiver says *allowed*, *prohibited*, *allowed if*
its conditions hold, or *allowed if the limits set for the case are met* without giving
them. Where the limits differ between a designated (*aangewezen*) and a non-designated
surface water body, the rule for the activity's kind applies, and without it the verdict
is open. A condition whose value is not given is unknown, unless the source assumes a
value for it (dewatering water is taken to be clean); the trace names every assumption.
When no rule is in force, the verdict is unknown and the ruleset's reason is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.model import MEASUREMENTS, DischargeActivity, Origin, Receiver
from waterbeleid.discharge.ruleset import (
    Assumption,
    Comparison,
    Condition,
    MissingRule,
    QualityRule,
    QualityVerdict,
    Ruleset,
    RuleSource,
)
from waterbeleid.discharge.steps.conditions import FALSE, TRUE, UNKNOWN, value_of
from waterbeleid.discharge.trace import NOT_STATED, Input, Note, TraceEntry, Violation
from waterbeleid.errors import RulesetError

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups
    from waterbeleid.discharge.steps.conditions import ColumnTests

__all__ = [
    "CALLER",
    "DESIGNATION",
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

#: What a rule needs to know when its limits differ per kind of surface water body.
DESIGNATION = "designated_water_body"


@attrs.frozen(cache_hash=True)
class QualityPlan:
    """The quality rule in force for one origin and receiver, ready to apply.

    Attributes:
        rule: The rule (``None``: no rule in force on that date — ``gap`` says why — or the
            rules differ per kind of water body and the kind is not known, ``needs``).
        conditions: The conditions that decide (a conditional rule's, or the caller's).
        source: The source of those conditions.
        assumptions: What the source assumes for a parameter of the conditions that the
            activity does not give.
        caller: Whether the conditions are limits supplied by the caller.
        gap: Why no rule is in force.
        needs: What must be known to choose the rule (``designated_water_body``).
        caveat: What the rule is known not to cover.
    """

    rule: QualityRule | None
    conditions: tuple[Condition, ...] = ()
    source: RuleSource | None = None
    assumptions: tuple[Assumption, ...] = ()
    caller: bool = False
    gap: MissingRule | None = None
    needs: tuple[str, ...] = ()
    caveat: str | None = None

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


def plan(
    rules: Ruleset,
    origin: Origin,
    receiver: Receiver,
    on: dt.date | None,
    designated: bool | None = None,
) -> QualityPlan:
    """The quality rule in force *on* a date for a (non-)designated water body, with the
    assumptions its conditions may need."""
    found = rules.quality_rules(origin, receiver, on)
    rule: QualityRule | None = None
    if found and found[0].designated_water_body is None:
        rule = found[0]
    elif found and designated is None:
        return QualityPlan(None, source=found[0].source, needs=(DESIGNATION,))
    elif found:
        rule = next((r for r in found if r.designated_water_body is designated), None)
    if rule is None:
        return QualityPlan(None, gap=rules.gap("quality", on, origin, receiver))
    if rule.rule is not QualityVerdict.CONDITIONAL:
        return QualityPlan(rule, source=rule.source, caveat=rule.caveat)
    needed = {p for c in rule.conditions for p in c.parameters}
    assumptions = tuple(a for a in rules.assumptions_for(origin, on) if a.parameter in needed)
    return QualityPlan(rule, rule.conditions, rule.source, assumptions, caveat=rule.caveat)


def caller_conditions(limits: Mapping[str, Any]) -> tuple[Condition, ...]:
    """The caller's limits as conditions (each an inclusive upper limit).

    Raises:
        RulesetError: a parameter that is not a measured concentration.
    """
    conditions = []
    for parameter, limit in limits.items():
        if parameter not in MEASUREMENTS:
            raise RulesetError(
                f"limits: expected limits for measured parameters ({', '.join(MEASUREMENTS[:4])}"
                f", ...), found {parameter!r}"
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
    caveats: tuple[str, ...] = ()


_VERDICT = {TRUE: True, FALSE: False, UNKNOWN: None}


def _sum_value(condition: Condition, parts: list[Any]) -> Any:
    """The sum of the known parts, as a quantity in the limit's unit."""
    from waterbeleid.discharge import exact

    total = sum(
        (float(n) * condition.factor_from(u) for n, u in (p for p in parts if p is not None)),
        0.0,
    )
    return exact.units_registry().Quantity(total, exact.unit_of(condition.unit_key))


def decide(
    plan: QualityPlan,
    activity: DischargeActivity,
    trace: list[TraceEntry] | None,
    gaps: list[Note] | None = None,
) -> QualityOutcome:
    """The verdict for one activity; the trace (when given) gets each rule applied, and
    *gaps* (when given) why a rule is missing."""
    caveats = (plan.caveat,) if plan.caveat else ()
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
        gap = None
        if plan.rule is None and not plan.needs and plan.gap is not None:
            gap = Note.of(plan.gap, activity.start_day)
            if gaps is not None:
                gaps.append(gap)
        if trace is not None:
            trace.append(_fixed_entry(plan, activity, gap))
            trace.extend(_caveat_entries(plan))
        return QualityOutcome(_VERDICT[fixed], violations, plan.needs, (), caveats)
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
        where = condition.source_in(source)
        shown: tuple[tuple[str, Any], ...]
        if condition.sum_of:
            parts = [activity.measured(p) for p in condition.sum_of]
            holds = condition.test_sum(parts)
            given: Any = _sum_value(condition, parts)
            shown = tuple((p, Input(activity.given(p), condition.limit)) for p in condition.sum_of)
            lacking = [p for p, v in zip(condition.sum_of, parts, strict=True) if v is None]
        else:
            value = value_of(activity, parameter)
            given = activity.given(parameter)
            shown = ((parameter, Input(given, condition.limit)),)
            if value is None:
                assumption = plan.assumption(parameter)
                if assumption is not None:
                    value = given = assumption.value
                    assumed.append(assumption)
                    shown = ((parameter, Input(value, assumed=True)),)
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
            lacking = [parameter]
        if holds is None:
            missing.extend(lacking)
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
                    source=where,
                )
            )
        if trace is not None:
            trace.append(
                TraceEntry(
                    rule="quality",
                    message=message,
                    args=(("condition", condition),),
                    values=shown,
                    source=where,
                )
            )
    if trace is not None:
        trace.extend(_caveat_entries(plan))
    return QualityOutcome(_VERDICT[result], tuple(found), tuple(missing), tuple(assumed), caveats)


def _caveat_entries(plan: QualityPlan) -> list[TraceEntry]:
    if not plan.caveat:
        return []
    return [
        TraceEntry(
            rule="quality",
            message="quality.caveat",
            args=(("caveat", plan.caveat),),
            source=plan.source,
        )
    ]


_FIXED_MESSAGES = {
    QualityVerdict.ALLOWED: "quality.allowed",
    QualityVerdict.PROHIBITED: "quality.prohibited",
    QualityVerdict.LIMITS_NOT_GIVEN: "quality.limits_not_given",
}


def _fixed_entry(plan: QualityPlan, activity: DischargeActivity, gap: Note | None) -> TraceEntry:
    rule = plan.rule
    if rule is None and plan.needs:
        return TraceEntry(
            rule="quality",
            message="quality.needs_designation",
            values=((DESIGNATION, NOT_STATED),),
            source=plan.source,
        )
    if rule is None:
        values = (("origin", activity.origin), ("receiver", activity.receiver))
        if gap is None:
            return TraceEntry(rule="quality", message="quality.no_rule", values=values)
        return TraceEntry(rule="quality", message="gap", args=(("gap", gap),), values=values)
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
    it is violated, missing (unknown and needed; also ``designated_water_body``), and
    assumed.

    The plans of *groups* carry the caller's limits where they apply.
    """
    import numpy as np

    n = groups.n
    allowed = groups.column(lambda p: UNKNOWN if p.quality.verdict is None else p.quality.verdict)
    violations = {name: np.zeros(n, dtype=bool) for name in parameters}
    missing = {name: np.zeros(n, dtype=bool) for name in (*parameters, DESIGNATION)}
    assumed = {name: np.zeros(n, dtype=bool) for name in parameters}
    violations["receiver"] = groups.column(lambda p: p.quality.verdict == FALSE, bool)
    missing[DESIGNATION] = groups.column(lambda p: bool(p.quality.needs), bool)
    for part, rows in groups.parts(lambda p: p.quality if p.quality.conditions else None):
        assumptions = part.assumed_values()
        np.copyto(allowed, tests.all_hold(part.conditions, assumptions), where=rows)
        for condition in part.conditions:
            outcome = tests.tri(condition, _value(assumptions.get(condition.parameter)))
            violations[condition.parameter] |= rows & (outcome == FALSE)
            stuck = rows & (outcome == UNKNOWN)
            for name in condition.parameters:
                missing[name] |= stuck & tests.unknown(name)
            if condition.parameter in assumptions:
                assumed[condition.parameter] |= rows & tests.unknown(condition.parameter)
    return allowed, violations, missing, assumed


def _value(assumption: Assumption | None) -> bool | None:
    return None if assumption is None else assumption.value
