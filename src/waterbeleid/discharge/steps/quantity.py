"""Step 3: what the water board requires — nothing, a notification or a permit.

For a receiver with quantity tiers (surface water: the water board's thresholds) the first
tier whose conditions all hold decides; a tier that needs an unknown value leaves the duty
unknown, and so does a discharge that no tier covers (a source may leave a value between
its thresholds). A notification tier may say how long before the start the notification
must be made. For the other receivers the receiver rule says it (soil and the sewers:
nothing, the municipality is the competent authority). When neither says it, the duty is
unknown and the ruleset's reason is given. A discharge that is not allowed gets
:attr:`Obligation.PROHIBITED <waterbeleid.discharge.model.Obligation.PROHIBITED>`: no
duty is shown as a route to take.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge import exact
from waterbeleid.discharge.model import DischargeActivity, Obligation, Receiver
from waterbeleid.discharge.ruleset import MissingRule, QuantityTier, ReceiverRule, Ruleset
from waterbeleid.discharge.steps.conditions import FALSE, TRUE, UNKNOWN, tri, value_of
from waterbeleid.discharge.trace import Input, Note, TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups
    from waterbeleid.discharge.steps.conditions import ColumnTests

__all__ = ["QuantityPlan", "columns", "decide", "notice_days", "plan"]


@attrs.frozen
class QuantityPlan:
    """The quantity tiers in force for a receiver, or the duty its receiver rule states.

    Attributes:
        tiers: The tiers in force, in order.
        rule: The receiver rule, when it states the duty (no tiers).
        gap: Why the duty cannot be known from the rules (no tiers and no duty stated).
    """

    tiers: tuple[QuantityTier, ...]
    rule: ReceiverRule | None
    gap: MissingRule | None = None

    @property
    def fixed(self) -> Obligation | None:
        """The duty the receiver rule states (when there are no tiers)."""
        return None if self.tiers or self.rule is None else self.rule.water_board_obligation


def plan(rules: Ruleset, receiver: Receiver, on: dt.date | None) -> QuantityPlan:
    """The tiers in force *on* a date (else the receiver rule's duty, else the reason)."""
    tiers = rules.quantity_tiers(receiver, on)
    rule = None if tiers else rules.receiver_rule(receiver, on)
    gap = None
    if not tiers and (rule is None or rule.water_board_obligation is None):
        topic = "quantity" if rule is not None else "receivers"
        gap = rules.gap(topic, on, receiver=receiver)
    return QuantityPlan(tiers, rule, gap)


def notice_days(tier: QuantityTier | None) -> int | None:
    """The tier's notice in whole days (rounded up), ``None`` when it gives none."""
    if tier is None or tier.notice is None:
        return None
    number, unit = exact.measure(tier.notice)
    day = exact.units_registry().parse_units("day")
    return exact.ceil_fraction(exact.decimal_value(number) * exact.factor(exact.unit_of(unit), day))


def _uncovered(receiver: Receiver) -> Note:
    return Note("gap.uncovered", (("topic", "quantity"), ("receiver", receiver)))


def _shown(activity: DischargeActivity, conditions: Any) -> tuple[tuple[str, Input], ...]:
    return tuple((c.parameter, Input(activity.given(c.parameter), c.limit)) for c in conditions)


def decide(
    plan: QuantityPlan,
    activity: DischargeActivity,
    allowed: bool | None,
    trace: list[TraceEntry],
    missing: list[str],
    gaps: list[Note],
) -> tuple[Obligation | None, QuantityTier | None]:
    """The water board's duty for one activity, and the tier that decided it (parameters it
    lacked go to *missing*, reasons for an unknown duty to *gaps*)."""
    if allowed is False:
        trace.append(TraceEntry.not_allowed("quantity", None))
        return Obligation.PROHIBITED, None
    if not plan.tiers:
        obligation = plan.fixed
        values = (("receiver", activity.receiver),)
        if plan.rule is not None and obligation is not None:
            trace.append(
                TraceEntry(
                    rule="quantity",
                    message="quantity.fixed",
                    args=(("obligation", obligation), ("authority", plan.rule.authority)),
                    values=values,
                    source=plan.rule.source,
                )
            )
        elif plan.gap:
            gap = Note.of(plan.gap, activity.start_day)
            trace.append(
                TraceEntry(rule="quantity", message="gap", args=(("gap", gap),), values=values)
            )
            gaps.append(gap)
        return obligation, None
    for tier in plan.tiers:
        outcomes = [tri(c, value_of(activity, c.parameter)) for c in tier.conditions]
        holds = min(outcomes, default=TRUE)
        if holds == FALSE:
            continue
        shown = _shown(activity, tier.conditions)
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
            return None, None
        trace.append(
            TraceEntry(
                rule="quantity",
                message="quantity.tier" if tier.conditions else "quantity.always",
                args=(
                    ("conditions", tier.conditions),
                    ("obligation", tier.obligation),
                    ("notice", tier.notice),
                    ("note", tier.note),
                ),
                values=shown,
                source=tier.source,
            )
        )
        return tier.obligation, tier
    gap = _uncovered(activity.receiver)
    trace.append(
        TraceEntry(
            rule="quantity",
            message="gap",
            args=(("gap", gap),),
            values=_shown(activity, dict.fromkeys(c for t in plan.tiers for c in t.conditions)),
            source=plan.tiers[0].source,
        )
    )
    gaps.append(gap)
    return None, None


def columns(
    groups: Groups,
    tests: ColumnTests,
    allowed: npt.NDArray[Any],
    missing: dict[str, npt.NDArray[Any]],
) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]]:
    """Per row: the duty as an index into :class:`Obligation` (-1 unknown), the notice
    of the deciding tier in whole days (-1 none), and the deciding tier's index among the
    plan's tiers (-1 none); a tier that cannot decide marks the parameters it lacked in
    *missing*."""
    import numpy as np

    members = list(Obligation)
    obligation: npt.NDArray[Any] = groups.column(
        lambda p: -1 if p.quantity.fixed is None else members.index(p.quantity.fixed)
    )
    notice = np.full(groups.n, -1, dtype=np.int64)
    deciding = np.full(groups.n, -1, dtype=np.int64)
    for part, rows in groups.parts(lambda p: p.quantity.tiers or None):
        undecided = rows & (allowed != FALSE)
        for index, tier in enumerate(part):  # the first tier whose conditions all hold decides
            holds = tests.all_hold(tier.conditions, {})
            decided = undecided & (holds == TRUE)
            np.copyto(obligation, members.index(tier.obligation), where=decided)
            np.copyto(deciding, index, where=decided)
            days = notice_days(tier)
            if days is not None:
                np.copyto(notice, days, where=decided)
            stuck = undecided & (holds == UNKNOWN)  # unknown: stop, the duty is unknown
            if stuck.any():
                for condition in tier.conditions:
                    missing[condition.parameter] |= stuck & (tests.tri(condition) == UNKNOWN)
            undecided &= holds == FALSE
    np.copyto(obligation, members.index(Obligation.PROHIBITED), where=allowed == FALSE)
    notice[allowed == FALSE] = -1
    deciding[allowed == FALSE] = -1
    return obligation, notice, deciding
