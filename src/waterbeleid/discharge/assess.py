"""Assessing a planned discharge against a ruleset, with an explanation of every step.

:func:`assess` takes the steps of :mod:`waterbeleid.discharge.steps` in order — receiver,
quality, quantity, levy, reporting — and :class:`Assessment` holds their answers, the
verdict first: a discharge that is not allowed has no levy, no water-board route and no
report deadline, and :attr:`Assessment.alternatives` says where it could go instead.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any, Final

import attrs

from waterbeleid._display import RecordMixin
from waterbeleid.discharge.model import Authority, DischargeActivity, Obligation
from waterbeleid.discharge.ruleset import Assumption, LevyRule, Ruleset, default_ruleset
from waterbeleid.discharge.steps import levy as levy_step
from waterbeleid.discharge.steps import plan_for, quality, quantity, receiver, reporting
from waterbeleid.discharge.steps.alternatives import Alternative, alternatives
from waterbeleid.discharge.steps.levy import LEVY_ROUNDING
from waterbeleid.discharge.trace import TraceEntry, Violation
from waterbeleid.errors import TariffNotFoundError

__all__ = ["LEVY_ROUNDING", "Alternative", "Assessment", "TraceEntry", "Violation", "assess"]

_NL: Final[dict[str, str]] = {
    "receiver": "ontvanger",
    "assumption": "aanname",
    "quality": "waterkwaliteit",
    "quantity": "waterkwantiteit",
    "levy": "heffing",
    "reporting": "rapportage",
    "allowed": "toegestaan",
    "not allowed": "niet toegestaan",
    "undecided": "onbeslist",
    "yes": "ja",
    "no": "nee",
}

_VERDICTS: Final[dict[bool | None, str]] = {
    True: "allowed",
    False: "not allowed",
    None: "undecided",
}


@attrs.frozen(kw_only=True, repr=False)
class Assessment(RecordMixin):
    """The outcome of :func:`assess`.

    Attributes:
        activity: The assessed discharge.
        allowed: ``True``, ``False``, or ``None`` when the data cannot decide.
        authority: The competent authority.
        municipal_consent: Whether the municipality must consent.
        water_board_obligation: What the water board requires as competent authority:
            ``NONE``, ``NOTIFICATION`` or ``PERMIT``; ``NONE`` for soil and the sewers
            (the municipality decides); ``PROHIBITED`` when the discharge is not allowed;
            ``None`` when unknown.
        levy_applies: Whether the water board levies the discharge: ``False`` when it is not
            allowed; ``None`` when no levy rule is in force on the start date.
        levy_registration: Whether the water board must be told of the discharge for the
            levy (``True`` for the sewers, ``False`` for soil or when not allowed; ``None``
            where the source does not say).
        violations: The limits exceeded.
        missing: Parameters a rule needed but the activity does not give: the verdict (or
            the water board's duty) stays open without them, unless another condition
            already decides.
        assumptions: The values the source assumed for parameters the activity does not
            state (each with its source).
        report_deadline: The last day to report the discharged volume (``None`` when not
            required, not allowed, or unknown).
        trace: Every rule evaluated, in order, with its source.
        ruleset: The ruleset used.
        levy_rule: The levy rule that applies (``None`` when none does).
    """

    _repr_lead = ("allowed", "authority", "water_board_obligation", "levy_applies")

    activity: DischargeActivity
    allowed: bool | None
    authority: Authority | None
    municipal_consent: bool | None
    water_board_obligation: Obligation | None
    levy_applies: bool | None
    levy_registration: bool | None
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]
    assumptions: tuple[Assumption, ...]
    report_deadline: dt.date | None
    trace: tuple[TraceEntry, ...]
    ruleset: Ruleset = attrs.field(repr=False)
    levy_rule: LevyRule | None = attrs.field(default=None, repr=False)
    _alternatives: list[tuple[Alternative, ...]] = attrs.field(
        init=False, factory=list, repr=False, eq=False, hash=False
    )

    @property
    def verdict(self) -> str:
        """``"allowed"``, ``"not allowed"`` or ``"undecided"``."""
        return _VERDICTS[self.allowed]

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The verdict on each other receiver, in the national order of preference.

        The same activity, measurements and assumptions, judged by each receiver's own
        quality rule (computed on first use).
        """
        if not self._alternatives:
            self._alternatives.append(alternatives(self.ruleset, self.activity))
        return self._alternatives[0]

    @property
    def volume(self) -> Any:
        """The discharged volume in m³ (``None`` when unknown)."""
        return self.activity.volume

    def pollution_units(self) -> decimal.Decimal | None:
        """The number of pollution units (ve): volume / volume per unit, unrounded."""
        volume = self.activity.exact_volume()
        rule = self.levy_rule or self.ruleset.levy
        if volume is None:
            return None
        from waterbeleid.discharge.exact import to_decimal

        return to_decimal(levy_step.pollution_units(rule, volume))

    def _year(self, year: int | None) -> int | None:
        if year is not None:
            return year
        start = self.activity.start_day
        return None if start is None else start.year

    def levy(self, year: int | None = None) -> decimal.Decimal | None:
        """The levy in euros: pollution units × the tariff of *year*, rounded to cents half up.

        *year* defaults to the year the discharge starts. ``Decimal("0.00")`` when the levy
        does not apply (not levied there, or not allowed); ``None`` when it cannot be known:
        no levy rule in force on the start date, no year (no start date and none given), or
        no volume (flow or duration unknown). :meth:`levy_basis` says which.

        Raises:
            TariffNotFoundError: no tariff for that year.
        """
        if self.levy_applies is None:
            return None
        if not self.levy_applies or self.levy_rule is None:
            return decimal.Decimal("0.00")
        year = self._year(year)
        volume = self.activity.exact_volume()
        if year is None or volume is None:
            return None
        tariff = self.levy_rule.tariff(year, self.ruleset.name)
        return levy_step.amount(self.levy_rule, volume, tariff.per_unit)

    def levy_basis(self, year: int | None = None) -> str:
        """How :meth:`levy` is found, or why it is zero or unknown, in words."""
        if self.allowed is False:
            return "no levy: the discharge is not allowed"
        if self.levy_applies is None:
            return f"unknown: no levy rule in force on {self.activity.start_day}"
        if not self.levy_applies or self.levy_rule is None:
            return f"no levy for a discharge into {self.activity.receiver.value}"
        year = self._year(year)
        if year is None:
            return "unknown: no start date to take the tariff year from (pass a year)"
        volume = self.activity.exact_volume()
        if volume is None:
            return "unknown: the volume is unknown (flow or duration not given)"
        try:
            tariff = self.levy_rule.tariff(year, self.ruleset.name)
        except TariffNotFoundError as exc:
            return f"unknown: {exc}"
        units = self.pollution_units()
        return f"{units} pollution units x EUR {tariff.per_unit} (tariff of {year})"

    def explain(self, language: str = "en") -> str:
        """The verdict first, then the duties and every rule applied, in English (``"en"``)
        or Dutch (``"nl"``)."""
        if language not in ("en", "nl"):
            raise ValueError(f"expected language 'en' or 'nl', found {language!r}")
        nl = language == "nl"

        def word(text: str) -> str:
            return _NL.get(text, text) if nl else text

        def yes_no(value: bool | None) -> str:
            return "?" if value is None else word("yes" if value else "no")

        a = self.activity
        lines = [f"{'Oordeel' if nl else 'Verdict'}: {word(self.verdict)}"]
        lines.extend(f"! {violation}" for violation in self.violations)
        if self.allowed is None and self.missing:
            lines.append(f"{'Ontbreekt' if nl else 'Missing'}: {', '.join(self.missing)}")
        if self.allowed is False:
            instead = "; ".join(str(alt) for alt in self.alternatives) or "-"
            lines.append(f"{'In plaats daarvan' if nl else 'Instead'}: {instead}")
        lines.append(
            f"{'Lozing' if nl else 'Discharge'}: {a.origin.label_nl if nl else a.origin.value} "
            f"-> {a.receiver.label_nl if nl else a.receiver.value}"
        )
        if self.authority is not None:
            lines.append(
                f"{'Bevoegd gezag' if nl else 'Competent authority'}: "
                f"{self.authority.label_nl if nl else self.authority.value}"
            )
        obligation = self.water_board_obligation
        shown = "?" if obligation is None else (obligation.label_nl if nl else obligation.value)
        lines.append(f"{'Waterschap' if nl else 'Water board'}: {shown}")
        if self.levy_registration is not None:
            lines.append(
                f"{'Melden voor de heffing' if nl else 'Levy registration'}: "
                f"{yes_no(self.levy_registration)}"
            )
        for entry in self.trace:
            inputs = ", ".join(f"{k}={v}" for k, v in entry.inputs)
            lines.append(
                f"- [{word(entry.rule)}] {entry.outcome}" + (f" ({inputs})" if inputs else "")
            )
            if entry.source is not None:
                lines.append(f"    {'bron' if nl else 'source'}: {entry.source}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain("en")


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
        limits: Discharge limits (*lozingseisen*) for a case whose quality rule says the
            limits are set for the case and does not give them (soil remediation to soil,
            surface water or a rainwater sewer), as ``{"suspended_solids": "30 mg/l",
            "iron": "2 mg/l"}`` (each an upper limit, inclusive).

    The rules are those in force on the activity's start day (the newest when it has none).

    Raises:
        RulesetError: *limits* given where the ruleset gives its own verdict or limits.

    >>> import waterbeleid as wb
    >>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
    ...     flow="20 m3/h", duration="3 weken", suspended_solids="30 mg/l", start="2021-05-03"))
    >>> a.allowed, a.authority.value, a.water_board_obligation.value, a.levy()
    (True, 'water_board', 'notification', Decimal('605.81'))
    """
    if not isinstance(activity, DischargeActivity):
        raise TypeError(f"expected a DischargeActivity, found {type(activity).__name__}")
    rules = ruleset if ruleset is not None else default_ruleset()
    on = activity.start_day
    plan = plan_for(rules, activity.origin, activity.receiver, on)
    trace: list[TraceEntry] = []

    receiver.decide(plan.receiver, on, trace)
    quality_plan = plan.quality
    if limits:
        quality_plan = quality.with_limits(quality_plan, quality.caller_conditions(limits))
    verdict = quality.decide(quality_plan, activity, trace)
    missing = list(verdict.missing)
    obligation = quantity.decide(plan.quantity, activity, verdict.allowed, trace, missing)
    applies, registration = levy_step.decide(plan.levy, activity.receiver, verdict.allowed, trace)
    deadline = reporting.decide(plan.reporting, activity, verdict.allowed, trace)
    return Assessment(
        activity=activity,
        allowed=verdict.allowed,
        authority=plan.receiver.authority,
        municipal_consent=plan.receiver.consent,
        water_board_obligation=obligation,
        levy_applies=applies,
        levy_registration=registration,
        violations=verdict.violations,
        missing=tuple(dict.fromkeys(missing)),
        assumptions=verdict.assumed,
        report_deadline=deadline,
        trace=tuple(trace),
        ruleset=rules,
        levy_rule=plan.levy.rule if applies else None,
    )
