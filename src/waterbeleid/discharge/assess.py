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
from waterbeleid._types import Duration
from waterbeleid.discharge.model import Authority, DischargeActivity, Obligation
from waterbeleid.discharge.ruleset import (
    Assumption,
    LevyKind,
    LevyRule,
    Ruleset,
    RulesetVersion,
    resolve,
)
from waterbeleid.discharge.steps import levy as levy_step
from waterbeleid.discharge.steps import plan_for, quality, quantity, receiver, reporting
from waterbeleid.discharge.steps.alternatives import Alternative, alternatives
from waterbeleid.discharge.steps.levy import LEVY_ROUNDING
from waterbeleid.discharge.trace import TraceEntry, Violation
from waterbeleid.errors import TariffNotFoundError

__all__ = ["LEVY_ROUNDING", "Alternative", "Assessment", "TraceEntry", "Violation", "assess"]

_NL: Final[dict[str, str]] = {
    "ruleset": "regelset",
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
        notice: How long before the start the water board must be notified, where the
            deciding threshold says it (``None`` when it does not, or no notification).
        notify_by: The last day to notify: the start day less the notice in whole days
            (``None`` without a notice or a start day).
        gaps: Why answers are unknown although the activity gives what they need: a rule
            the ruleset does not know for the date (with the version's reason), a discharge
            that runs across a change of version, or a value between a source's thresholds.
        caveats: What the rules applied are known not to cover (e.g. rows of a table that
            could not be read): read them before relying on the verdict.
        trace: Every rule evaluated, in order, with its source; the first entry names the
            ruleset and the version used.
        ruleset: The ruleset used.
        version: The version of the ruleset used (``None`` when none applies: the start day
            lies outside it, or the discharge runs across a change of version).
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
    notice: Duration | None
    notify_by: dt.date | None
    gaps: tuple[str, ...]
    caveats: tuple[str, ...]
    trace: tuple[TraceEntry, ...]
    ruleset: Ruleset = attrs.field(repr=False)
    version: RulesetVersion | None = attrs.field(repr=False)
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
    def levy_kind(self) -> LevyKind | None:
        """Which levy applies (:class:`~waterbeleid.discharge.ruleset.LevyKind`), as its
        source names it; ``None`` when none does or it is unknown."""
        return None if self.levy_rule is None else self.levy_rule.kind

    @property
    def volume(self) -> Any:
        """The discharged volume in m³ (``None`` when unknown)."""
        return self.activity.volume

    def pollution_units(self) -> decimal.Decimal | None:
        """The number of pollution units (ve): volume / volume per unit, unrounded
        (``None`` when the volume, or the levy's basis for groundwater, is unknown)."""
        volume = self.activity.exact_volume()
        rule = self.levy_rule
        if volume is None or rule is None or rule.volume_per_unit is None:
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
        no levy known for the receiver on the start date, no year (no start date and none
        given), no volume (flow or duration unknown), or no basis (the pollution units of
        groundwater are not in the sources). :meth:`levy_basis` says which.

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
        if self.levy_rule.volume_per_unit is None:
            return None
        return levy_step.amount(self.levy_rule, volume, tariff.per_unit)

    def levy_basis(self, year: int | None = None) -> str:
        """How :meth:`levy` is found, or why it is zero or unknown, in words."""
        if self.allowed is False:
            return "no levy: the discharge is not allowed"
        if self.levy_applies is None:
            why = next((g for g in self.gaps if g.startswith(("levy:", "no version"))), None)
            return f"unknown: {why or f'no levy rule in force on {self.activity.start_day}'}"
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
        if self.levy_rule.volume_per_unit is None:
            return (
                f"unknown: the {self.levy_rule.kind.label_nl} of {year} is EUR "
                f"{tariff.per_unit} per pollution unit, but the pollution units of discharged "
                "groundwater are not in the sources"
            )
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
        lines.extend(f"{'Onbekend' if nl else 'Unknown'}: {gap}" for gap in self.gaps)
        lines.extend(f"{'Let op' if nl else 'Caution'}: {caveat}" for caveat in self.caveats)
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


def _why(rules: Ruleset, plan: Any, activity: DischargeActivity) -> str:
    start, end = activity.start_day, activity.end_day
    if start is not None and end is not None and rules.spans(start, end):
        return rules.spanning(start, end)
    return str(plan.unknown.text(start)) if plan.unknown else "no version applies"


def _unknown(
    activity: DischargeActivity, rules: Ruleset, why: str, entry: TraceEntry
) -> Assessment:
    """The assessment of a discharge to which no version of the rules applies as a whole."""
    return Assessment(
        activity=activity,
        allowed=None,
        authority=None,
        municipal_consent=None,
        water_board_obligation=None,
        levy_applies=None,
        levy_registration=None,
        violations=(),
        missing=(),
        assumptions=(),
        report_deadline=None,
        notice=None,
        notify_by=None,
        gaps=(why,),
        caveats=(),
        trace=(entry,),
        ruleset=rules,
        version=None,
    )


def _ruleset_entry(rules: Ruleset, plan: Any, activity: DischargeActivity) -> TraceEntry:
    """The first entry of the trace: the ruleset and the version used."""
    inputs = (("start", str(activity.start_day)), ("end", str(activity.end_day)))
    if plan.version is None:
        why = _why(rules, plan, activity)
        return TraceEntry(
            rule="ruleset", inputs=inputs, outcome=f"{plan.heading}: unknown: {why}", source=None
        )
    return TraceEntry(
        rule="ruleset", inputs=inputs, outcome=plan.heading, source=plan.heading_source
    )


def assess(
    activity: DischargeActivity,
    *,
    ruleset: Ruleset | str | None = None,
    limits: Mapping[str, Any] | None = None,
) -> Assessment:
    """Assess a planned discharge of pumped groundwater.

    Args:
        activity: The discharge.
        ruleset: The rules to apply: a :class:`~waterbeleid.discharge.ruleset.Ruleset`, the
            name of a packaged ruleset (``"de_dommel"``, see
            :func:`~waterbeleid.discharge.ruleset.rulesets`) or a ruleset file. Without it,
            the packaged ruleset of ``activity.water_board``, else the Brabantse Delta rules.
            Given both, they must name the same board.
        limits: Discharge limits (*lozingseisen*) for a case whose quality rule says the
            limits are set for the case and does not give them (soil remediation to soil),
            as ``{"suspended_solids": "30 mg/l", "iron": "2 mg/l"}`` (each an upper limit,
            inclusive).

    The rules are those of the version in force on the activity's start day (the newest
    when it has none). A discharge that starts on a day no version covers, or that ends
    under another version than it starts, gets unknown answers; :attr:`Assessment.gaps`
    says why.

    Raises:
        RulesetError: *limits* given where the ruleset gives its own verdict or limits; an
            unknown ruleset name or water board; a ruleset of another board than the
            activity's ``water_board``.

    >>> import waterbeleid as wb
    >>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
    ...     flow="20 m3/h", duration="3 weken", suspended_solids="30 mg/l", start="2021-05-03"))
    >>> a.allowed, a.authority.value, a.water_board_obligation.value, a.levy()
    (True, 'water_board', 'notification', Decimal('605.81'))
    >>> a.ruleset.name, str(a.version)
    ('brabantse_delta', '2021 (2021-01-01 – 2023-12-31)')
    """
    if not isinstance(activity, DischargeActivity):
        raise TypeError(f"expected a DischargeActivity, found {type(activity).__name__}")
    rules = resolve(ruleset, activity.water_board)
    on = activity.start_day
    plan = plan_for(
        rules,
        activity.origin,
        activity.receiver,
        on,
        activity.designated_water_body,
        activity.end_day,
    )
    quality_plan = plan.quality
    if limits:
        quality_plan = quality.with_limits(quality_plan, quality.caller_conditions(limits))
    trace: list[TraceEntry] = [_ruleset_entry(rules, plan, activity)]
    if plan.unknown is not None:
        return _unknown(activity, rules, _why(rules, plan, activity), trace[0])
    gaps: list[str] = []

    receiver.decide(plan.receiver, on, trace, gaps)
    verdict = quality.decide(quality_plan, activity, trace, gaps)
    missing = list(verdict.missing)
    obligation, tier = quantity.decide(
        plan.quantity, activity, verdict.allowed, trace, missing, gaps
    )
    applies, registration = levy_step.decide(
        plan.levy, activity.receiver, verdict.allowed, trace, gaps, on
    )
    deadline = reporting.decide(plan.reporting, activity, verdict.allowed, trace, gaps)
    notice = None if tier is None else tier.notice
    days = quantity.notice_days(tier)
    notify_by = None
    if days is not None and on is not None and days <= (on - dt.date.min).days:
        notify_by = on - dt.timedelta(days=days)
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
        notice=notice,
        notify_by=notify_by,
        gaps=tuple(dict.fromkeys(gaps)),
        caveats=verdict.caveats,
        trace=tuple(trace),
        ruleset=rules,
        version=plan.version,
        levy_rule=plan.levy.rule if applies else None,
    )
