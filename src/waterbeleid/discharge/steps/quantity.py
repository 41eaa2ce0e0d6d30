"""Step 3: what the water board requires — nothing, a notification or a permit.

For a receiver with quantity tiers (surface water: the water board's general rule 12) the
first tier whose conditions all hold decides; a tier that needs an unknown value leaves
the duty unknown. For the others the receiver rule says it (soil and the sewers: nothing,
the municipality is the competent authority). A discharge that is not allowed gets
:attr:`Obligation.PROHIBITED <waterbeleid.discharge.model.Obligation.PROHIBITED>`: no
duty is shown as a route to take.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.model import DischargeActivity, Obligation, Receiver
from waterbeleid.discharge.ruleset import QuantityTier, ReceiverRule, Ruleset
from waterbeleid.discharge.steps.conditions import FALSE, TRUE, UNKNOWN, tri, value_of
from waterbeleid.discharge.trace import Input, TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups
    from waterbeleid.discharge.steps.conditions import ColumnTests

__all__ = ["QuantityPlan", "columns", "decide", "plan"]


@attrs.frozen
class QuantityPlan:
    """The quantity tiers in force for a receiver, or the duty its receiver rule states."""

    tiers: tuple[QuantityTier, ...]
    rule: ReceiverRule | None  # the receiver rule, when it states the duty

    @property
    def fixed(self) -> Obligation | None:
        """The duty the receiver rule states (when there are no tiers)."""
        return None if self.tiers or self.rule is None else self.rule.water_board_obligation


def plan(rules: Ruleset, receiver: Receiver, on: dt.date | None) -> QuantityPlan:
    """The tiers in force *on* a date (else the receiver rule's duty)."""
    tiers = rules.quantity_tiers(receiver, on)
    return QuantityPlan(tiers, None if tiers else rules.receiver_rule(receiver, on))


def decide(
    plan: QuantityPlan,
    activity: DischargeActivity,
    allowed: bool | None,
    trace: list[TraceEntry],
    missing: list[str],
) -> Obligation | None:
    """The water board's duty for one activity (parameters it lacked go to *missing*)."""
    if allowed is False:
        trace.append(TraceEntry.not_allowed("quantity", None))
        return Obligation.PROHIBITED
    if not plan.tiers:
        obligation = plan.fixed
        if plan.rule is not None and obligation is not None:
            trace.append(
                TraceEntry(
                    rule="quantity",
                    message="quantity.fixed",
                    args=(("obligation", obligation), ("authority", plan.rule.authority)),
                    values=(("receiver", activity.receiver),),
                    source=plan.rule.source,
                )
            )
        return obligation
    for tier in plan.tiers:
        outcomes = [tri(c, value_of(activity, c.parameter)) for c in tier.conditions]
        holds = min(outcomes, default=TRUE)
        if holds == FALSE:
            continue
        shown = tuple(
            (c.parameter, Input(getattr(activity, c.parameter), c.limit)) for c in tier.conditions
        )
        if holds == UNKNOWN:
            missing.extend(
                c.parameter for c, o in zip(tier.conditions, outcomes, strict=True) if o == UNKNOWN
            )
            trace.append(
                TraceEntry(
                    rule="quantity",
                    message="quantity.unknown",
                    args=(("obligation", tier.obligation),),
                    values=shown,
                    source=tier.source,
                )
            )
            return None
        trace.append(
            TraceEntry(
                rule="quantity",
                message="quantity.tier",
                args=(("conditions", tier.conditions), ("obligation", tier.obligation)),
                values=shown,
                source=tier.source,
            )
        )
        return tier.obligation
    return None


def columns(
    groups: Groups,
    tests: ColumnTests,
    allowed: npt.NDArray[Any],
    missing: dict[str, npt.NDArray[Any]],
) -> npt.NDArray[Any]:
    """Per row: the duty as an index into :class:`Obligation` (-1 unknown); a tier that
    cannot decide marks the parameters it lacked in *missing*."""
    import numpy as np

    members = list(Obligation)
    obligation: npt.NDArray[Any] = groups.column(
        lambda p: -1 if p.quantity.fixed is None else members.index(p.quantity.fixed)
    )
    for part, rows in groups.parts(lambda p: p.quantity.tiers or None):
        undecided = rows & (allowed != FALSE)
        for tier in part:  # the first tier whose conditions all hold decides
            holds = tests.all_hold(tier.conditions, {})
            np.copyto(obligation, members.index(tier.obligation), where=undecided & (holds == TRUE))
            stuck = undecided & (holds == UNKNOWN)  # unknown: stop, the duty is unknown
            if stuck.any():
                for condition in tier.conditions:
                    missing[condition.parameter] |= stuck & (tests.tri(condition) == UNKNOWN)
            undecided &= holds == FALSE
    np.copyto(obligation, members.index(Obligation.PROHIBITED), where=allowed == FALSE)
    return obligation
