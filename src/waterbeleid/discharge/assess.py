"""Assessing a planned discharge against a ruleset, with an explanation of every step."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
from collections.abc import Mapping
from typing import Any

import attrs

from waterbeleid._display import RecordMixin
from waterbeleid.discharge.model import (
    REFERENCE_UNITS,
    Authority,
    DischargeActivity,
    Obligation,
)
from waterbeleid.discharge.ruleset import (
    Comparison,
    Condition,
    LevyRule,
    QualityVerdict,
    Ruleset,
    RuleSource,
    default_ruleset,
)
from waterbeleid.errors import RulesetError, TariffNotFoundError, UnitError

__all__ = ["LEVY_ROUNDING", "Assessment", "TraceEntry", "Violation", "assess"]

#: The levy is rounded to whole cents, half up (the guidance gives no rounding rule).
LEVY_ROUNDING = (decimal.Decimal("0.01"), decimal.ROUND_HALF_UP)

_CALLER = RuleSource(document="limits supplied by the caller")


@attrs.frozen(kw_only=True)
class Violation:
    """A limit that the discharge exceeds (or a prohibition it runs into).

    Attributes:
        parameter: ``"suspended_solids"``, ``"iron"``, ``"flow"``, ``"duration"``,
            ``"visual_pollution"`` or ``"receiver"`` (for a prohibited receiver).
        limit: The limit (a quantity, a ``bool``, or ``None`` for a prohibition).
        value: The value of the activity.
        comparison: How the value had to relate to the limit.
        source: The rule's legal source.
    """

    parameter: str
    limit: Any
    value: Any
    comparison: Comparison | None
    source: RuleSource

    def __str__(self) -> str:
        from waterbeleid.units import format_quantity

        def show(x: Any) -> str:
            return format_quantity(x) if hasattr(x, "units") else str(x)

        if self.comparison is None:
            return f"{self.parameter}: {show(self.value)} is prohibited ({self.source})"
        return (
            f"{self.parameter}: {show(self.value)} violates {self.comparison.symbol} "
            f"{show(self.limit)} ({self.source})"
        )


@attrs.frozen(kw_only=True)
class TraceEntry:
    """One rule evaluated: what it looked at, what it found, and where the rule comes from."""

    rule: str
    inputs: tuple[tuple[str, str], ...]
    outcome: str
    source: RuleSource | None


_NL = {
    "receiver": "ontvanger",
    "quality": "waterkwaliteit",
    "quantity": "waterkwantiteit",
    "levy": "heffing",
    "reporting": "rapportage",
    "allowed": "toegestaan",
    "not allowed": "niet toegestaan",
    "unknown": "onbekend",
}


@attrs.frozen(kw_only=True, repr=False)
class Assessment(RecordMixin):
    """The outcome of :func:`assess`.

    Attributes:
        activity: The assessed discharge.
        allowed: ``True``, ``False``, or ``None`` when the data cannot decide.
        authority: The competent authority.
        municipal_consent: Whether the municipality must consent.
        water_board_obligation: What the water board requires (``None`` when unknown).
        levy_applies: Whether the water board levies the discharge.
        violations: The limits exceeded.
        missing: Parameters a rule needed but the activity does not give.
        report_deadline: The last day to report the discharged volume.
        trace: Every rule evaluated, in order, with its source.
        ruleset: The ruleset used.
    """

    _repr_lead = ("allowed", "authority", "water_board_obligation", "levy_applies")

    activity: DischargeActivity
    allowed: bool | None
    authority: Authority | None
    municipal_consent: bool | None
    water_board_obligation: Obligation | None
    levy_applies: bool
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]
    report_deadline: dt.date | None
    trace: tuple[TraceEntry, ...]
    ruleset: Ruleset = attrs.field(repr=False)

    @property
    def volume(self) -> Any:
        """The discharged volume in m³ (``None`` when unknown)."""
        return self.activity.volume

    def pollution_units(self) -> decimal.Decimal | None:
        """The number of pollution units (ve): volume / volume per unit, unrounded."""
        volume = self.activity.volume
        if volume is None:
            return None
        per_unit = self.ruleset.levy.volume_per_unit.m_as("m**3")
        return decimal.Decimal(repr(float(volume.m_as("m**3")))) / decimal.Decimal(
            repr(float(per_unit))
        )

    def levy(self, year: int | None = None) -> decimal.Decimal:
        """The levy in euros: pollution units × the tariff of *year*, rounded to cents half up.

        *year* defaults to the year the discharge starts. A discharge that is not levied
        costs ``Decimal("0.00")``.

        Raises:
            TariffNotFoundError: no tariff for that year, or no year (no start date and none given).
            UnitError: the volume is unknown (flow or duration missing).
        """
        if not self.levy_applies:
            return decimal.Decimal("0.00")
        if year is None:
            if self.activity.start is None:
                raise TariffNotFoundError(
                    "no year for the levy tariff: the activity has no start date; pass year="
                )
            year = self.activity.start.year
        tariff = self.ruleset.tariff(year)
        units = self.pollution_units()
        if units is None:
            raise UnitError("expected a flow and a duration to compute the levy, found one missing")
        return (units * tariff.per_unit).quantize(*LEVY_ROUNDING)

    def explain(self, language: str = "en") -> str:
        """The trace as readable text, in English (``"en"``) or Dutch (``"nl"``)."""
        if language not in ("en", "nl"):
            raise ValueError(f"expected language 'en' or 'nl', found {language!r}")
        nl = language == "nl"

        def word(text: str) -> str:
            return _NL.get(text, text) if nl else text

        verdict = {True: "allowed", False: "not allowed", None: "unknown"}[self.allowed]
        a = self.activity
        head = (
            f"{'Lozing' if nl else 'Discharge'}: {a.origin.label_nl if nl else a.origin.value} -> "
            f"{a.receiver.label_nl if nl else a.receiver.value}"
        )
        lines = [head, f"{'Oordeel' if nl else 'Verdict'}: {word(verdict)}"]
        if self.authority is not None:
            lines.append(
                f"{'Bevoegd gezag' if nl else 'Competent authority'}: "
                f"{self.authority.label_nl if nl else self.authority.value}"
            )
        obligation = self.water_board_obligation
        shown = "?" if obligation is None else (obligation.label_nl if nl else obligation.value)
        lines.append(f"{'Waterschap' if nl else 'Water board'}: {shown}")
        for entry in self.trace:
            inputs = ", ".join(f"{k}={v}" for k, v in entry.inputs)
            lines.append(
                f"- [{word(entry.rule)}] {entry.outcome}" + (f" ({inputs})" if inputs else "")
            )
            if entry.source is not None:
                lines.append(f"    {'bron' if nl else 'source'}: {entry.source}")
        for violation in self.violations:
            lines.append(f"! {violation}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain("en")


def _show(parameter: str, value: float | bool | None) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return str(value).lower()
    return f"{value:g} {REFERENCE_UNITS[parameter].replace('**3', '³').replace('L', 'l')}"


def _custom_conditions(limits: Mapping[str, Any]) -> tuple[Condition, ...]:
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


def assess(
    activity: DischargeActivity,
    *,
    ruleset: Ruleset | None = None,
    limits: Mapping[str, Any] | None = None,
) -> Assessment:
    """Assess a planned discharge of pumped groundwater.

    Args:
        activity: The discharge.
        ruleset: The rules to apply; the packaged Brabantse Delta rules by default.
        limits: Discharge limits (*lozingseisen*) for a soil-remediation discharge whose
            limits the ruleset does not give, as ``{"suspended_solids": "30 mg/l",
            "iron": "2 mg/l"}`` (each an upper limit, inclusive).

    The rules are those in force on the activity's start date (the newest when it has none).

    >>> import datetime, waterbeleid as wb
    >>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
    ...     flow="20 m3/h", duration="3 weken", suspended_solids="30 mg/l",
    ...     start=datetime.date(2021, 5, 3)))
    >>> a.allowed, a.authority.value, a.water_board_obligation.value, a.levy()
    (True, 'water_board', 'notification', Decimal('605.81'))
    """
    if not isinstance(activity, DischargeActivity):
        raise TypeError(f"expected a DischargeActivity, found {type(activity).__name__}")
    rules = ruleset if ruleset is not None else default_ruleset()
    on = activity.start
    trace: list[TraceEntry] = []
    violations: list[Violation] = []
    missing: list[str] = []

    # 1. receiver -> authority
    receiver_rule = rules.receiver_rule(activity.receiver, on)
    if receiver_rule is None:
        trace.append(
            TraceEntry(
                rule="receiver",
                inputs=(("receiver", activity.receiver.value), ("start", str(on))),
                outcome="no receiver rule in force on this date",
                source=None,
            )
        )
        authority, consent = None, None
    else:
        authority, consent = receiver_rule.authority, receiver_rule.municipal_consent
        needed = "needed" if consent else "not needed"
        outcome = f"competent authority {authority.value}; municipal consent {needed}"
        if receiver_rule.note:
            outcome += f"; {receiver_rule.note}"
        trace.append(
            TraceEntry(
                rule="receiver",
                inputs=(("receiver", activity.receiver.value),),
                outcome=outcome,
                source=receiver_rule.source,
            )
        )

    # 2. quality
    allowed: bool | None
    quality = rules.quality_rule(activity.origin, activity.receiver, on)
    if quality is None:
        allowed = None
        trace.append(
            TraceEntry(
                rule="quality",
                inputs=(("origin", activity.origin.value), ("receiver", activity.receiver.value)),
                outcome="no quality rule in force for this origin, receiver and date: unknown",
                source=None,
            )
        )
    elif quality.rule is QualityVerdict.ALLOWED:
        allowed = True
        trace.append(
            TraceEntry(
                rule="quality",
                inputs=(),
                outcome="allowed without conditions",
                source=quality.source,
            )
        )
    elif quality.rule is QualityVerdict.PROHIBITED:
        allowed = False
        violations.append(
            Violation(
                parameter="receiver",
                limit=None,
                value=activity.receiver.value,
                comparison=None,
                source=quality.source,
            )
        )
        trace.append(
            TraceEntry(rule="quality", inputs=(), outcome="prohibited", source=quality.source)
        )
    else:
        if quality.rule is QualityVerdict.CONDITIONAL:
            conditions, source = quality.conditions, quality.source
        elif limits:
            conditions, source = _custom_conditions(limits), _CALLER
            trace.append(
                TraceEntry(
                    rule="quality",
                    inputs=(),
                    outcome="the ruleset gives no discharge limits; using the limits supplied",
                    source=quality.source,
                )
            )
        else:
            conditions, source = (), quality.source
        if not conditions:
            allowed = None
            trace.append(
                TraceEntry(
                    rule="quality",
                    inputs=(),
                    outcome=(
                        "allowed only if the discharge limits (lozingseisen) are met; the ruleset "
                        "does not give them: unknown (pass limits= to decide)"
                    ),
                    source=source,
                )
            )
        else:
            allowed = _evaluate(activity, conditions, source, "quality", trace, violations, missing)

    # 3. quantity -> water-board obligation
    obligation: Obligation | None
    tiers = rules.quantity_tiers(activity.receiver, on)
    if tiers:
        obligation = None
        for tier in tiers:
            holds = _check_all(activity, tier.conditions)
            shown = tuple(
                (c.parameter, _show(c.parameter, activity.value(c.parameter)))
                for c in tier.conditions
            )
            if holds is None:
                missing.extend(
                    c.parameter for c in tier.conditions if activity.value(c.parameter) is None
                )
                trace.append(
                    TraceEntry(
                        rule="quantity",
                        inputs=shown,
                        outcome=(
                            f"cannot tell whether the tier '{tier.obligation.value}' "
                            "applies: unknown"
                        ),
                        source=tier.source,
                    )
                )
                break
            if holds:
                obligation = tier.obligation
                trace.append(
                    TraceEntry(
                        rule="quantity",
                        inputs=shown,
                        outcome=(
                            " and ".join(c.describe() for c in tier.conditions)
                            + f": {tier.obligation.value}"
                        ),
                        source=tier.source,
                    )
                )
                break
    elif receiver_rule is not None and receiver_rule.water_board_notification is not None:
        obligation = (
            Obligation.NOTIFICATION if receiver_rule.water_board_notification else Obligation.NONE
        )
        trace.append(
            TraceEntry(
                rule="quantity",
                inputs=(("receiver", activity.receiver.value),),
                outcome=f"water board: {obligation.value}",
                source=receiver_rule.source,
            )
        )
    else:
        obligation = None

    # 4. levy and reporting
    levy_rule = rules.levy
    levy_applies = activity.receiver in levy_rule.receivers and (
        on is None or levy_rule.valid_from <= on
    )
    trace.append(
        TraceEntry(
            rule="levy",
            inputs=(("receiver", activity.receiver.value),),
            outcome=(
                f"levy applies: 1 pollution unit per {_per_unit_text(levy_rule)}"
                if levy_applies
                else "no levy"
            ),
            source=levy_rule.source,
        )
    )
    reporting = rules.reporting
    deadline = None
    if activity.receiver in reporting.receivers and (on is None or reporting.valid_from <= on):
        end = activity.end
        if end is not None:
            days = math.ceil(float(reporting.within.m_as("day")) - 1e-9)
            deadline = end + dt.timedelta(days=days)
        trace.append(
            TraceEntry(
                rule="reporting",
                inputs=(("end", str(end) if end else "unknown"),),
                outcome=(
                    f"report the volume by {deadline}"
                    if deadline
                    else "report the volume after the discharge ends (start or duration unknown)"
                ),
                source=reporting.source,
            )
        )

    return Assessment(
        activity=activity,
        allowed=allowed,
        authority=authority,
        municipal_consent=consent,
        water_board_obligation=obligation,
        levy_applies=levy_applies,
        violations=tuple(violations),
        missing=tuple(dict.fromkeys(missing)),
        report_deadline=deadline,
        trace=tuple(trace),
        ruleset=rules,
    )


@functools.lru_cache(maxsize=16)
def _per_unit_text(levy: LevyRule) -> str:
    from waterbeleid.units import format_quantity

    return format_quantity(levy.volume_per_unit)


def _check_all(activity: DischargeActivity, conditions: tuple[Condition, ...]) -> bool | None:
    """All conditions hold: ``True``; one fails: ``False``; otherwise unknown: ``None``."""
    result: bool | None = True
    for condition in conditions:
        holds = condition.holds(activity.value(condition.parameter))
        if holds is False:
            return False
        if holds is None:
            result = None
    return result


def _evaluate(
    activity: DischargeActivity,
    conditions: tuple[Condition, ...],
    source: RuleSource,
    rule: str,
    trace: list[TraceEntry],
    violations: list[Violation],
    missing: list[str],
) -> bool | None:
    result: bool | None = True
    for condition in conditions:
        value = activity.value(condition.parameter)
        holds = condition.holds(value)
        shown = ((condition.parameter, _show(condition.parameter, value)),)
        if holds is None:
            missing.append(condition.parameter)
            outcome = f"{condition.describe()}: not measured, unknown"
            if result is True:
                result = None
        elif holds:
            outcome = f"{condition.describe()}: met"
        else:
            outcome = f"{condition.describe()}: violated"
            result = False
            violations.append(
                Violation(
                    parameter=condition.parameter,
                    limit=condition.limit,
                    value=getattr(activity, condition.parameter),
                    comparison=condition.comparison,
                    source=source,
                )
            )
        trace.append(TraceEntry(rule=rule, inputs=shown, outcome=outcome, source=source))
    return result
