"""Step 6: what else — the same activity on each other receiver, with the same rules.

The receivers come in the national order of preference (the ``preference`` of the
receiver rules in force: soil, surface water, rainwater sewer, foul sewer). Each is judged
by its own quality rule, with the same measurements and the same assumptions; limits that
the caller supplied for the assessed receiver are not carried over (they were set for
that case).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.model import Authority, DischargeActivity, Receiver
from waterbeleid.discharge.ruleset import Assumption, Ruleset, RuleSource
from waterbeleid.discharge.steps import quality
from waterbeleid.discharge.trace import Violation

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups
    from waterbeleid.discharge.steps.conditions import ColumnTests

__all__ = ["Alternative", "alternatives", "columns", "order"]


@attrs.frozen(kw_only=True)
class Alternative:
    """The verdict on another receiver for the same activity.

    Attributes:
        receiver: The other receiver.
        allowed: ``True``, ``False``, or ``None`` when the data (or the rules) cannot decide.
        authority: The competent authority there.
        violations: The limits the activity would exceed there.
        missing: What must be known to decide there.
        assumed: The assumptions made there.
        source: The quality rule that judges it there.
        note: Why the rules do not decide there, when that is not missing data.
    """

    receiver: Receiver
    allowed: bool | None
    authority: Authority | None
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]
    assumed: tuple[Assumption, ...]
    source: RuleSource | None
    note: str | None = None

    def __str__(self) -> str:
        verdict = {True: "allowed", False: "not allowed", None: "undecided"}[self.allowed]
        text = f"{self.receiver.value}: {verdict}"
        if self.allowed is None and self.missing:
            text += f" (missing {', '.join(self.missing)})"
        elif self.allowed is None:
            text += f" ({self.note or 'the rules do not decide'})"
        return text


def order(rules: Ruleset, on: dt.date | None) -> tuple[Receiver, ...]:
    """The receivers in the order of preference of the receiver rules in force *on* a date."""

    def rank(receiver: Receiver) -> tuple[int, int]:
        rule = rules.receiver_rule(receiver, on)
        members = list(Receiver)
        preference = None if rule is None else rule.preference
        return (len(members) + 1 if preference is None else preference, members.index(receiver))

    return tuple(sorted(Receiver, key=rank))


def alternatives(rules: Ruleset, activity: DischargeActivity) -> tuple[Alternative, ...]:
    """The verdict on every other receiver, in the order of preference."""
    from waterbeleid.discharge.steps import plan_for

    on = activity.start_day
    found = []
    for receiver in order(rules, on):
        if receiver is activity.receiver:
            continue
        plan = plan_for(
            rules, activity.origin, receiver, on, activity.designated_water_body, activity.end_day
        )
        outcome = quality.decide(plan.quality, activity, None)
        found.append(
            Alternative(
                receiver=receiver,
                allowed=outcome.allowed,
                authority=plan.receiver.authority,
                violations=outcome.violations,
                missing=tuple(dict.fromkeys(outcome.missing)),
                assumed=outcome.assumed,
                source=plan.quality.source,
                note=_note(plan.quality, on) if outcome.allowed is None else None,
            )
        )
    return tuple(found)


def _note(plan: quality.QualityPlan, on: dt.date | None) -> str | None:
    if plan.rule is None and plan.needs:
        return None
    if plan.rule is None:
        return plan.gap.text(on) if plan.gap else "no quality rule in force on that date"
    if plan.takes_limits:
        return "the limits are set for the case; the rules do not give them"
    return None


def columns(
    groups_on: Any, tests: ColumnTests, parameters: tuple[str, ...]
) -> dict[Receiver, npt.NDArray[Any]]:
    """Per receiver, the verdict of every row on it (``FALSE``/``UNKNOWN``/``TRUE``, int8).

    *groups_on(receiver)* gives the rows grouped as if each were discharged there.
    """
    result: dict[Receiver, npt.NDArray[Any]] = {}
    for receiver in Receiver:
        groups: Groups = groups_on(receiver)
        verdict = quality.columns(groups, tests, parameters)[0]
        result[receiver] = verdict
    return result
