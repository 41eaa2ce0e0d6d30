"""Step 1: where the water goes decides who decides.

The national order of preference (soil, surface water, rainwater sewer, foul sewer) and
the competent authority (*bevoegd gezag*) of each receiver come from the ruleset's
receiver rules.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.model import Authority, Receiver
from waterbeleid.discharge.ruleset import MissingRule, ReceiverRule, Ruleset
from waterbeleid.discharge.trace import Note, TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups

__all__ = ["ReceiverPlan", "columns", "decide", "plan"]


@attrs.frozen
class ReceiverPlan:
    """The receiver rule in force for one receiver (``None``: no rule on that date, and
    ``gap`` says why)."""

    receiver: Receiver
    rule: ReceiverRule | None
    gap: MissingRule | None = None

    @property
    def authority(self) -> Authority | None:
        """The competent authority, when a rule is in force."""
        return None if self.rule is None else self.rule.authority

    @property
    def consent(self) -> bool | None:
        """Whether the municipality must consent, when a rule is in force and says it."""
        return None if self.rule is None else self.rule.municipal_consent


def plan(rules: Ruleset, receiver: Receiver, on: dt.date | None) -> ReceiverPlan:
    """The receiver rule in force *on* a date."""
    rule = rules.receiver_rule(receiver, on)
    gap = None if rule is not None else rules.gap("receivers", on, receiver=receiver)
    return ReceiverPlan(receiver, rule, gap)


def decide(
    plan: ReceiverPlan, start: dt.date | None, trace: list[TraceEntry], gaps: list[Note]
) -> None:
    """Trace the authority and the municipality's consent (the answers are in the plan);
    *gaps* gets why they are unknown, when no rule is in force."""
    rule = plan.rule
    if rule is None:
        values = (("receiver", plan.receiver), ("start", start))
        if plan.gap is None:
            trace.append(TraceEntry(rule="receiver", message="receiver.no_rule", values=values))
            return
        gap = Note.of(plan.gap, start)
        entry = TraceEntry(rule="receiver", message="gap", args=(("gap", gap),), values=values)
        trace.append(entry)
        gaps.append(gap)
        return
    trace.append(
        TraceEntry(
            rule="receiver",
            message="receiver.authority",
            args=(
                ("authority", rule.authority),
                ("consent", rule.municipal_consent),
                ("note", rule.note),
            ),
            values=(("receiver", plan.receiver),),
            source=rule.source,
        )
    )


def columns(groups: Groups) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Per row: the authority (index into :class:`Authority`, -1 none) and the consent
    (1 needed, 0 not needed, -1 unknown)."""
    import numpy as np

    authorities = list(Authority)
    authority = groups.column(
        lambda p: -1 if p.receiver.authority is None else authorities.index(p.receiver.authority),
        np.int8,
    )
    consent = groups.column(
        lambda p: -1 if p.receiver.consent is None else int(p.receiver.consent), np.int8
    )
    return authority, consent
