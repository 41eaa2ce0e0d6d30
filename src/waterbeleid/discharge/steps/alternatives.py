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

from waterbeleid.discharge.model import Authority, DischargeActivity, Receiver, parameter_label
from waterbeleid.discharge.ruleset import Assumption, Ruleset, RuleSource
from waterbeleid.discharge.steps import quality
from waterbeleid.discharge.trace import Note, Violation, text, verdict_text

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
        reason: Why the rules do not decide there, when that is not missing data: the key
            of a text of :data:`~waterbeleid.discharge.trace.MESSAGES`
            (``"reason.no_rule"``, ``"reason.limits_not_given"``, ``"reason.gap"``).
        gap: With ``"reason.gap"``: why no quality rule is known there (the ruleset's
            recorded reason).
    """

    receiver: Receiver
    allowed: bool | None
    authority: Authority | None
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]
    assumed: tuple[Assumption, ...]
    source: RuleSource | None
    reason: str | None = None
    gap: Note | None = None

    def text(self, language: str = "en") -> str:
        """The receiver and its verdict in words, with what keeps it open.

        >>> import waterbeleid as wb
        >>> result = wb.assess(wb.DischargeActivity(origin="bronnering",
        ...     receiver="vuilwaterriool", flow="6 m3/h", duration="2 weken",
        ...     start="2021-06-01"))
        >>> print(result.alternatives[1].text("en"))
        surface water: undecided (missing suspended solids)
        >>> print(result.alternatives[1].text("nl"))
        oppervlaktewater: onbekend (ontbreekt: onopgeloste stoffen)
        """
        verdict = verdict_text(self.allowed, language)
        if self.allowed is not None:
            return text("alternative", language, receiver=self.receiver, verdict=verdict)
        if self.missing:
            names = ", ".join(parameter_label(name, language) for name in self.missing)
            return text(
                "alternative.missing",
                language,
                receiver=self.receiver,
                verdict=verdict,
                names=names,
            )
        reason = text(self.reason or "reason.undecided", language, gap=self.gap)
        return text(
            "alternative.reason", language, receiver=self.receiver, verdict=verdict, reason=reason
        )

    @property
    def note(self) -> str | None:
        """Why the rules do not decide there (when that is not missing data), in English."""
        return None if self.reason is None else text(self.reason, "en", gap=self.gap)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The alternative as JSON data, with its :meth:`text` in *language*."""
        return {
            "receiver": self.receiver.value,
            "verdict": verdict_text(self.allowed),
            "allowed": self.allowed,
            "authority": None if self.authority is None else self.authority.value,
            "violations": [v.to_dict(language) for v in self.violations],
            "missing": list(self.missing),
            "reason": self.reason,
            "gap": None if self.gap is None else self.gap.to_dict(language),
            "text": self.text(language),
        }

    def __str__(self) -> str:
        return self.text("en")


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
                reason=_reason(plan.quality) if outcome.allowed is None else None,
                gap=_gap(plan.quality, on) if outcome.allowed is None else None,
            )
        )
    return tuple(found)


def _reason(plan: quality.QualityPlan) -> str | None:
    if plan.rule is None and plan.needs:
        return None  # what must be known is in missing
    if plan.rule is None:
        return "reason.no_rule" if plan.gap is None else "reason.gap"
    if plan.takes_limits:
        return "reason.limits_not_given"
    return None


def _gap(plan: quality.QualityPlan, on: dt.date | None) -> Note | None:
    if plan.rule is None and not plan.needs and plan.gap is not None:
        return Note.of(plan.gap, on)
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
