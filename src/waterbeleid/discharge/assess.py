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
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid._display import RecordMixin
from waterbeleid._localized import in_language
from waterbeleid._types import Duration
from waterbeleid.discharge.compiled import decider_for
from waterbeleid.discharge.model import Authority, DischargeActivity, Obligation, parameter_label
from waterbeleid.discharge.ruleset import (
    Assumption,
    LevyKind,
    LevyRule,
    Ruleset,
    RulesetVersion,
    default_ruleset,
    resolve,
)
from waterbeleid.discharge.steps import Plan, plan_for, quality, quantity, receiver, reporting
from waterbeleid.discharge.steps import levy as levy_step
from waterbeleid.discharge.steps.alternatives import Alternative, alternatives
from waterbeleid.discharge.steps.levy import LEVY_ROUNDING
from waterbeleid.discharge.steps.quality import QualityPlan
from waterbeleid.discharge.trace import (
    Note,
    TraceEntry,
    Violation,
    check_language,
    plain,
    source_dict,
    text,
    verdict_text,
)

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "LEVY_ROUNDING",
    "RESULT_FIELDS",
    "Alternative",
    "Assessment",
    "TraceEntry",
    "Violation",
    "assess",
]

_ZERO: Final = decimal.Decimal("0.00")

_VERDICTS: Final[dict[bool | None, str]] = {
    True: "allowed",
    False: "not allowed",
    None: "undecided",
}

#: The keys of :meth:`Assessment.to_dict`, in order, that the assessment gives; the
#: discharge's own fields (``id``, ``origin``, ``receiver`` among them, the others after
#: ``alternatives``) complete it, as the converter writes them.
RESULT_FIELDS: Final = (
    "verdict",
    "allowed",
    "violations",
    "missing",
    "gaps",
    "caveats",
    "authority",
    "municipal_consent",
    "water_board_obligation",
    "notice",
    "notify_by",
    "levy_applies",
    "levy_kind",
    "levy_registration",
    "levy_eur",
    "levy_note",
    "volume_m3",
    "end_day",
    "report_deadline",
    "assumptions",
    "alternatives",
    "trace",
    "ruleset",
    "language",
)
#: Where the discharge's fields stand among :data:`RESULT_FIELDS`: ``id`` first, then
#: ``origin`` and ``receiver`` before ``authority``, the others before ``trace``.
_LEADING: Final = ("id",)
_BESIDE_AUTHORITY: Final = ("origin", "receiver")
#: The fields of an :class:`Assessment` that :func:`assess` leaves to be written from the
#: plan when first read: the explanations, not the answers.
_EXPLANATIONS: Final = frozenset(
    ("violations", "missing", "assumptions", "gaps", "caveats", "trace")
)


def assumption_text(assumption: Assumption, language: str = "en") -> str:
    """An assumption in words, with its source: ``visual pollution taken as no (…)``."""
    return text(
        "assumption.text",
        language,
        parameter=assumption.parameter,
        value=assumption.value,
        source=assumption.source,
    )


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
        gaps: Why answers are unknown although the activity gives what they need
            (:class:`~waterbeleid.discharge.trace.Note`, in either language): a rule the
            ruleset does not know for the date (with the version's reason), a discharge
            that runs across a change of version, or a value between a source's thresholds.
        caveats: What the rules applied are known not to cover (e.g. rows of a table that
            could not be read), as the ruleset writes it: read them before relying on the
            verdict.
        trace: Every rule evaluated, in order, with its source; the first entry names the
            ruleset and the version used.
        ruleset: The ruleset used.
        version: The version of the ruleset used (``None`` when none applies: the start day
            lies outside it, or the discharge runs across a change of version).
        levy_rule: The levy rule that applies (``None`` when none does).

    :func:`assess` decides the answers at once and writes the explanations —
    ``violations``, ``missing``, ``assumptions``, ``gaps``, ``caveats`` and ``trace`` —
    from the same plan when one of them is first read; they are the same either way.
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
    gaps: tuple[Note, ...]
    caveats: tuple[str, ...]
    trace: tuple[TraceEntry, ...]
    ruleset: Ruleset = attrs.field(repr=False)
    version: RulesetVersion | None = attrs.field(repr=False)
    levy_rule: LevyRule | None = attrs.field(default=None, repr=False)
    _alternatives: list[tuple[Alternative, ...]] = attrs.field(
        init=False, factory=list, repr=False, eq=False, hash=False
    )
    # the plan the explanations are still to be written from (``None``: they are written)
    _pending: Plan | None = attrs.field(init=False, default=None, repr=False, eq=False, hash=False)

    if not TYPE_CHECKING:  # keeps the fields' own types for type checkers

        def __getattr__(self, name: str) -> Any:
            # called only for a slot not set yet: an explanation still to be written (or,
            # in an assessment unpickled from before the explanations were written when
            # read, the slot of the plan to write them from)
            if name == "_pending":
                return None
            if name in _EXPLANATIONS:
                plan = object.__getattribute__(self, "_pending")
                if plan is not None:
                    self._explain_now(plan)
                    return object.__getattribute__(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _explain_now(self, plan: Plan) -> None:
        """Write the explanations from *plan*, as the steps write them."""
        full = _assessed(self.activity, self.ruleset, plan, plan.quality)
        for name in _EXPLANATIONS:
            object.__setattr__(self, name, getattr(full, name))
        object.__setattr__(self, "_pending", None)

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
        key, values, amount = self._levy(year)
        if key == "basis.no_tariff" and self.levy_rule is not None:
            self.levy_rule.tariff(values["year"], self.ruleset.name)  # raises, naming the year
        return amount

    def levy_basis(self, year: int | None = None, language: str = "en") -> str:
        """How :meth:`levy` is found, or why it is zero or unknown, in words (English or
        Dutch)."""
        check_language(language)
        key, values, _ = self._levy(year)
        return text(key, language, **values)

    def _levy(self, year: int | None) -> tuple[str, dict[str, Any], decimal.Decimal | None]:
        """The levy's basis (a message of :data:`~waterbeleid.discharge.trace.MESSAGES` and
        its values) and its amount (``None`` when it cannot be known)."""
        return levy_of(self, self.activity.start_day, self.activity.exact_volume(), year)

    def _levy_and_basis(self, year: int | None, language: str) -> tuple[Any, str]:
        """The levy and its basis; ``None`` and the reason when it cannot be known."""
        try:
            key, values, amount = self._levy(year)
        except ArithmeticError:  # a levy beyond decimal's precision (a ruleset of one's own)
            return None, text("basis.too_large", language)
        return amount, text(key, language, **values)

    def record(self, year: int | None = None, language: str = "en") -> dict[str, Any]:
        """The fields of :meth:`to_dict` as objects: quantities, dates, decimals, enums,
        violations, alternatives and trace entries as they are (for tables; see
        :mod:`waterbeleid.discharge.table`).

        Args:
            year: The tariff year of the levy; the start year when omitted.
            language: The language of the texts (``levy_note``), ``"en"`` or ``"nl"``.
        """
        check_language(language)
        activity = self.activity
        amount, basis = self._levy_and_basis(year, language)
        volume = activity.exact_volume()
        found: dict[str, Any] = {
            "verdict": self.verdict,
            "allowed": self.allowed,
            "violations": self.violations,
            "missing": self.missing,
            "gaps": self.gaps,
            "caveats": self.caveats,
            "authority": self.authority,
            "municipal_consent": self.municipal_consent,
            "water_board_obligation": self.water_board_obligation,
            "notice": self.notice,
            "notify_by": self.notify_by,
            "levy_applies": self.levy_applies,
            "levy_kind": self.levy_kind,
            "levy_registration": self.levy_registration,
            "levy_eur": amount,
            "levy_note": basis,
            "volume_m3": None if volume is None else _float(volume),
            "end_day": activity.end_day,
            "report_deadline": self.report_deadline,
            "assumptions": self.assumptions,
            "alternatives": self.alternatives,
            "trace": self.trace,
            "ruleset": _ruleset_dict(self.ruleset, self.version),
            "language": language,
        }
        own = {
            f.name: getattr(activity, f.name)
            for f in attrs.fields(type(activity))
            if f.init and not f.name.startswith("_")
        }
        return _arrange(found, own)

    def to_dict(self, year: int | None = None, language: str = "en") -> dict[str, Any]:
        """The assessment as JSON data: what ``waterbeleid assess --format json`` prints
        for each discharge, and what ``waterbeleid schema assessment`` describes.

        Codes are language-neutral — ``verdict`` (``"allowed"``, ``"not allowed"``,
        ``"undecided"``), enums by their English value, parameters by name — and the
        texts (``levy_note``, each violation's, alternative's, assumption's and gap's
        ``text``, each trace entry's ``outcome``) are in *language*; ``caveats`` are as the
        ruleset writes them, in Dutch where it gives a Dutch twin. The values are
        JSON-ready: the levy a decimal text (``"17.31"``), dates ISO texts, quantities texts
        with their unit (``"8 m³/h"``, as a dataset file writes them), the volume a number of m³,
        unknown ``None``. The discharge's own fields stand as the converter writes them,
        so :meth:`DischargeActivity.from_mapping
        <waterbeleid.discharge.model.DischargeActivity.from_mapping>` reads them back.

        >>> import waterbeleid as wb
        >>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="vuilwaterriool",
        ...     flow="8 m3/h", duration="36 uur", start="2021-03-01", id="BD-1"))
        >>> data = a.to_dict(language="nl")
        >>> data["id"], data["verdict"], data["violations"][0]["parameter"], data["levy_eur"]
        ('BD-1', 'not allowed', 'flow', '0.00')
        >>> data["violations"][0]["text"].split(" (")[0]
        'debiet: 8 m³/h voldoet niet aan de eis ten hoogste 5 m³/h'

        Args:
            year: The tariff year of the levy; the start year when omitted.
            language: The language of the texts, ``"en"`` or ``"nl"``.
        """
        from waterbeleid.serialize import unstructure

        found = self.record(year, language)
        own: dict[str, Any] = unstructure(self.activity)
        result: dict[str, Any] = {}
        for key, value in found.items():
            if key in own:
                result[key] = own[key]
            elif key in ("violations", "alternatives", "trace", "gaps"):
                result[key] = [item.to_dict(language) for item in value]
            elif key == "assumptions":
                result[key] = [
                    {
                        "parameter": item.parameter,
                        "value": item.value,
                        "source": source_dict(item.source),
                        "text": assumption_text(item, language),
                    }
                    for item in value
                ]
            elif key == "caveats":
                result[key] = [in_language(caveat, language) for caveat in value]
            else:
                result[key] = plain(value)
        return result

    def explain(self, language: str = "en") -> str:
        """The verdict first, then the duties and every rule applied, in English (``"en"``)
        or Dutch (``"nl"``) throughout: parameters, authorities, duties, comparisons and
        units (``8 weken``, ``50 mg/l``) in the language; a value is also shown in the unit
        of the rule it is compared with (``504 uur (3 weken)``). Sources are cited as
        their documents are written."""
        check_language(language)
        lang = language
        a = self.activity
        lines = [text("explain.verdict", lang, verdict=verdict_text(self.allowed, lang))]
        lines.extend(f"! {violation.text(lang)}" for violation in self.violations)
        if self.allowed is None and self.missing:
            names = ", ".join(parameter_label(name, lang) for name in self.missing)
            lines.append(text("explain.missing", lang, names=names))
        lines.extend(text("explain.gap", lang, gap=gap) for gap in self.gaps)
        lines.extend(text("explain.caveat", lang, caveat=caveat) for caveat in self.caveats)
        if self.allowed is False:
            instead = "; ".join(alt.text(lang) for alt in self.alternatives) or "-"
            lines.append(text("explain.instead", lang, alternatives=instead))
        lines.append(text("explain.discharge", lang, origin=a.origin, receiver=a.receiver))
        if self.authority is not None:
            lines.append(text("explain.authority", lang, authority=self.authority))
        lines.append(text("explain.water_board", lang, obligation=self.water_board_obligation))
        if self.notice is not None:
            lines.append(text("explain.notice", lang, notice=self.notice, notify_by=self.notify_by))
        if self.levy_registration is not None:
            lines.append(text("explain.registration", lang, registration=self.levy_registration))
        for entry in self.trace:
            inputs = ", ".join(f"{k}={v}" for k, v in entry.shown_inputs(lang))
            lines.append(
                f"- [{entry.step(lang)}] {entry.text(lang)}" + (f" ({inputs})" if inputs else "")
            )
            if entry.source is not None:
                lines.append("    " + text("explain.source", lang, source=entry.source))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain("en")


def levy_of(
    assessment: Assessment,
    start: dt.date | None,
    volume: Fraction | None,
    year: int | None,
) -> tuple[str, dict[str, Any], decimal.Decimal | None]:
    """The levy's basis (a message of :data:`~waterbeleid.discharge.trace.MESSAGES` and its
    values) and its amount (``None`` when it cannot be known) of *assessment*, for a
    discharge from *start* of *volume* m³ (exactly): what :meth:`Assessment.levy` and
    :meth:`Assessment.levy_basis` give when these are its discharge's."""
    if assessment.allowed is False:
        return "basis.not_allowed", {}, _ZERO
    if assessment.levy_applies is None:
        topics = ("levy", "version", "spanning")
        why = next((g for g in assessment.gaps if g.topic in topics), None)
        if why is not None:
            return "basis.gap", {"gap": why}, None
        return "basis.no_rule", {"day": start}, None
    rule = assessment.levy_rule
    if not assessment.levy_applies or rule is None:
        return "basis.no_levy", {"receiver": assessment.activity.receiver}, _ZERO
    if year is None:
        year = None if start is None else start.year
    if year is None:
        return "basis.no_year", {}, None
    if volume is None:
        return "basis.no_volume", {}, None
    tariff = next((t for t in rule.tariffs if t.year == year), None)
    if tariff is None:
        known = ", ".join(str(t.year) for t in rule.tariffs) or None
        name = assessment.ruleset.name
        values = {"year": year, "ruleset": name, "known": known, "kind": rule.kind}
        return "basis.no_tariff", values, None
    if rule.volume_per_unit is None:
        values = {"kind": rule.kind, "year": year, "per_unit": tariff.per_unit}
        return "basis.no_basis", values, None
    amount = levy_step.amount(rule, volume, tariff.per_unit)
    units = _exact_decimal(levy_step.pollution_units(rule, volume))
    return "basis.amount", {"units": units, "per_unit": tariff.per_unit, "year": year}, amount


def _float(number: Any) -> float:
    from waterbeleid.discharge.exact import to_float

    return to_float(number)


def _exact_decimal(number: Any) -> decimal.Decimal:
    from waterbeleid.discharge.exact import to_decimal

    return to_decimal(number)


def _ruleset_dict(rules: Ruleset, version: RulesetVersion | None) -> dict[str, Any]:
    """The ruleset's name and water board, and the version used (``None`` when none
    applies) with its period."""
    return {
        "name": rules.name,
        "water_board": rules.water_board,
        "version": None if version is None else version.name,
        "valid_from": None if version is None else version.valid_from,
        "valid_to": None if version is None else version.valid_to,
    }


def _arrange(found: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """The result's fields and the discharge's, in the order of :meth:`Assessment.to_dict`."""
    ordered: dict[str, Any] = {name: own[name] for name in _LEADING if name in own}
    rest = {name: value for name, value in own.items() if name not in ordered}
    for key, value in found.items():
        if key == "authority":
            for name in _BESIDE_AUTHORITY:
                if name in rest:
                    ordered[name] = rest.pop(name)
        if key == "trace":
            ordered.update(rest)
        ordered[key] = value
    return ordered


def _unknown(
    activity: DischargeActivity, rules: Ruleset, gap: Note, entry: TraceEntry
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
        gaps=(gap,),
        caveats=(),
        trace=(entry,),
        ruleset=rules,
        version=None,
    )


def _no_version(rules: Ruleset, plan: Any, activity: DischargeActivity) -> Note:
    """Why no version applies: the discharge runs across a change, or none covers its start."""
    return no_version_note(rules, plan, activity.start_day, activity.end_day)


def no_version_note(rules: Ruleset, plan: Any, start: dt.date | None, end: dt.date | None) -> Note:
    """Why no version of *rules* applies to a discharge of *plan*'s case from *start* to
    *end*: it runs across a change, or none covers its start."""
    if start is not None and end is not None and rules.spans(start, end):
        return Note.of(rules.spanning(start, end), start)
    return Note.of(plan.unknown or rules.uncovered(), start)


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
        RulesetError: *limits* given where the ruleset gives its own verdict or limits, or
            where no rule is in force (never silently ignored); an
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
    if ruleset is None and activity.water_board is None:
        rules = default_ruleset()
    else:
        rules = resolve(ruleset, activity.water_board)
    if limits:
        plan = _plan(rules, activity)
        conditions = quality.caller_conditions(limits)
        return _assessed(activity, rules, plan, quality.with_limits(plan.quality, conditions))
    start = activity.start
    if start is not None and type(start) is not dt.date:
        start = activity.start_day  # the day of a date and time
    decider = decider_for(rules, activity, start)
    plan = decider.plan
    if plan.heading is None:
        return _assessed(activity, rules, plan, plan.quality)
    allowed, obligation, notice, applies, registration, deadline, notify_by = decider.decide(
        activity, start
    )
    result: Assessment = _new(Assessment)
    _set_activity(result, activity)
    _set_allowed(result, allowed)
    _set_authority(result, decider.authority)
    _set_consent(result, decider.consent)
    _set_obligation(result, obligation)
    _set_applies(result, applies)
    _set_registration(result, registration)
    _set_deadline(result, deadline)
    _set_notice(result, notice)
    _set_notify_by(result, notify_by)
    _set_ruleset(result, rules)
    _set_version(result, plan.version)
    _set_levy_rule(result, decider.levy_rule if applies else None)
    _set_alternatives(result, [])
    _set_pending(result, plan)
    return result


# assess() makes an Assessment by setting its slots (the fields of a frozen class) through
# their descriptors, as attrs' __init__ sets them, without a call per field by name.
_new: Final = object.__new__
#: The fields that :func:`assess` sets at once: every field but the explanations.
_DECIDED: Final = (
    "activity",
    "allowed",
    "authority",
    "municipal_consent",
    "water_board_obligation",
    "levy_applies",
    "levy_registration",
    "report_deadline",
    "notice",
    "notify_by",
    "ruleset",
    "version",
    "levy_rule",
    "_alternatives",
    "_pending",
)
(
    _set_activity,
    _set_allowed,
    _set_authority,
    _set_consent,
    _set_obligation,
    _set_applies,
    _set_registration,
    _set_deadline,
    _set_notice,
    _set_notify_by,
    _set_ruleset,
    _set_version,
    _set_levy_rule,
    _set_alternatives,
    _set_pending,
) = (Assessment.__dict__[name].__set__ for name in _DECIDED)


def _plan(rules: Ruleset, activity: DischargeActivity) -> Plan:
    """The plan of the activity's case under *rules*."""
    return plan_for(
        rules,
        activity.origin,
        activity.receiver,
        activity.start_day,
        activity.designated_water_body,
        activity.end_day,
    )


def _assessed(
    activity: DischargeActivity, rules: Ruleset, plan: Plan, quality_plan: QualityPlan
) -> Assessment:
    """The assessment with every field written by the steps, from the case's plan (with
    the caller's limits in *quality_plan*, where given)."""
    on = activity.start_day
    if plan.heading is None:
        gap = _no_version(rules, plan, activity)
        entry = TraceEntry(
            rule="ruleset",
            message="ruleset.unknown",
            args=(("water_board", rules.water_board), ("ruleset", rules.name), ("gap", gap)),
            values=(("start", on), ("end", activity.end_day)),
        )
        return _unknown(activity, rules, gap, entry)
    trace: list[TraceEntry] = [plan.heading]
    gaps: list[Note] = []

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
