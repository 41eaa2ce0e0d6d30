"""What an assessment reports besides its answers: the rules it applied and the limits broken,
in English and in Dutch.

A :class:`TraceEntry` holds facts, not sentences: the step, a message key of
:data:`MESSAGES`, the values the rule looked at and what it found, as they are (quantities,
enums, dates, conditions), and the rule's source. Its text is written when it is read, in
the language asked for (:meth:`TraceEntry.text`): building the trace costs no formatting,
and each language is written from the same facts.

>>> import waterbeleid as wb
>>> result = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="vuilwaterriool",
...     flow="4 m3/h", duration="504 uur", suspended_solids="30 mg/l", start="2021-06-01"))
>>> entry = result.trace[2]
>>> entry.message, entry.text("en"), entry.text("nl")
('quality.met', 'duration <= 8 weeks: met', 'duur ten hoogste 8 weken: voldaan')
>>> entry.shown_inputs("nl")
(('duur', '504 uur (3 weken)'),)

Every text of the explanation is in :data:`MESSAGES`, one English and one Dutch template
per key, and the names of parameters come from
:data:`~waterbeleid.discharge.model.PARAMETER_TABLE`: a new message is one more entry
with both texts. Sources are cited as their documents write them (in Dutch).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import string
from collections.abc import Mapping
from typing import Any, Final, NamedTuple

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid._localized import in_language
from waterbeleid.discharge.exact import Comparison
from waterbeleid.discharge.model import Receiver, parameter_label
from waterbeleid.discharge.ruleset import (
    Condition,
    LevyKind,
    MissingRule,
    RulesetVersion,
    RuleSource,
)

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "NOT_STATED",
    "EndDay",
    "Input",
    "Note",
    "TraceEntry",
    "Violation",
    "check_language",
    "condition_text",
    "plain",
    "show",
    "source_text",
    "text",
    "verdict_text",
]

#: The languages of the explanation.
LANGUAGES: Final = ("en", "nl")

#: Every text of the explanation: message key -> (English, Dutch) template. ``{name}``
#: shows an argument in the language; ``{name:name}`` shows a parameter by its label;
#: ``{topic:topic}`` a kind of rule (``topic.*``); ``{kind:short}`` a levy by its short
#: name (``levy_short.*``); ``{flag:yes text|no text}`` chooses by
#: a yes/no argument (``{flag:yes|no|unknown}`` also for ``None``); ``{x:?text with @}``
#: is empty when *x* is ``None``, else the text with ``@`` replaced by *x*
#: (``{x:?text with @|text for None}`` says something for ``None`` too). Texts that a
#: ruleset file writes (the reason for a gap, a caveat, a note, a version's title) are
#: quoted “…” as they are written, in Dutch where the file gives a Dutch twin
#: (``reason_nl``, ``caveat_nl``, ``title_nl``).
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # the steps of the decision (trace entries)
    "ruleset.version": (
        "{water_board} ({ruleset}), version {version}: “{title}”",
        "{water_board} ({ruleset}), versie {version}: “{title}”",
    ),
    "ruleset.unknown": (
        "{water_board} ({ruleset}): unknown: {gap}",
        "{water_board} ({ruleset}): onbekend: {gap}",
    ),
    "gap": ("unknown: {gap}", "onbekend: {gap}"),
    "receiver.no_rule": (
        "no receiver rule in force on this date",
        "geen regel voor deze ontvanger van kracht op deze datum",
    ),
    "receiver.authority": (
        (
            "competent authority {authority}; municipal consent "
            "{consent:needed|not needed|not stated}{note:?; note in the source: “@”}"
        ),
        (
            "bevoegd gezag: {authority}; toestemming van de gemeente "
            "{consent:nodig|niet nodig|niet vermeld}{note:?; opmerking van de bron: “@”}"
        ),
    ),
    "quality.no_rule": (
        "no quality rule in force for this origin, receiver and date: unknown",
        (
            "geen regel voor de waterkwaliteit van kracht voor deze herkomst, ontvanger en "
            "datum: onbekend"
        ),
    ),
    "quality.allowed": ("allowed without conditions", "toegestaan zonder voorwaarden"),
    "quality.prohibited": ("prohibited", "verboden"),
    "quality.limits_not_given": (
        (
            "allowed only if the discharge limits set for the case are met; the ruleset does not "
            "give them: unknown (pass limits= to decide)"
        ),
        (
            "toegestaan als voldaan wordt aan de gestelde lozingseisen; de regels geven ze niet: "
            "onbekend (geef ze op met limits=)"
        ),
    ),
    "quality.caller_limits": (
        "the ruleset gives no discharge limits; using the limits supplied",
        "de regels geven geen lozingseisen; de opgegeven lozingseisen gelden",
    ),
    "quality.needs_designation": (
        (
            "the limits differ for a designated (aangewezen) and a non-designated surface "
            "water body: whether it is designated is not given, unknown"
        ),
        (
            "de lozingseisen verschillen voor een aangewezen en een niet-aangewezen "
            "oppervlaktewaterlichaam; welk van de twee het is, is niet opgegeven: onbekend"
        ),
    ),
    "quality.caveat": ("caution: “{caveat}”", "let op: “{caveat}”"),
    "quality.met": ("{condition}: met", "{condition}: voldaan"),
    "quality.violated": ("{condition}: violated", "{condition}: niet voldaan"),
    "quality.unknown": (
        "{condition}: not measured, unknown",
        "{condition}: niet gemeten, onbekend",
    ),
    "assumption": (
        "{parameter:name} taken as {value}",
        "{parameter:name} aangenomen als {value}",
    ),
    "quantity.fixed": (
        (
            "water board: {obligation} (competent authority {authority}; no quantity thresholds "
            "for this receiver)"
        ),
        (
            "waterschap: {obligation} (bevoegd gezag: {authority}; geen drempels voor de "
            "hoeveelheid bij deze ontvanger)"
        ),
    ),
    "quantity.unknown": (
        "cannot tell whether the tier '{obligation}' applies: unknown",
        "niet te bepalen of de drempel voor ‘{obligation}’ geldt: onbekend",
    ),
    "quantity.tier": (
        (
            "{conditions}: {obligation}{notice:?, at least @ before the start}"
            "{note:?; note in the source: “@”}"
        ),
        (
            "{conditions}: {obligation}{notice:?, ten minste @ voor het begin}"
            "{note:?; opmerking van de bron: “@”}"
        ),
    ),
    "quantity.always": (
        (
            "always: {obligation}{notice:?, at least @ before the start}"
            "{note:?; note in the source: “@”}"
        ),
        (
            "altijd: {obligation}{notice:?, ten minste @ voor het begin}"
            "{note:?; opmerking van de bron: “@”}"
        ),
    ),
    "quantity.not_allowed": (
        "the discharge is not allowed: no notification or permit makes it so",
        "de lozing is niet toegestaan: geen melding of vergunning maakt haar toegestaan",
    ),
    "levy.not_allowed": (
        "the discharge is not allowed: no levy, nothing to tell for it",
        "de lozing is niet toegestaan: geen heffing, niets te melden",
    ),
    "levy.no_rule": (
        "no levy rule in force on this date: the levy is unknown",
        "geen heffingsregel van kracht op deze datum: de heffing is onbekend",
    ),
    "levy.none": ("no levy for this receiver", "geen heffing voor deze ontvanger"),
    "levy.applies": (
        "levy applies: {kind}; 1 pollution unit per {per_unit}",
        "heffing van toepassing: {kind}; 1 vervuilingseenheid per {per_unit}",
    ),
    "levy.applies_no_basis": (
        "levy applies: {kind}; the pollution units of groundwater are not in the sources",
        (
            "heffing van toepassing: {kind}; de vervuilingseenheden van grondwater staan niet "
            "in de bronnen"
        ),
    ),
    "levy.registration": (
        "tell the water board of the discharge for the levy (levy registration)",
        "meld de lozing bij het waterschap in verband met de heffing",
    ),
    "levy.no_registration": (
        "no need to tell the water board of the discharge",
        "de lozing hoeft niet bij het waterschap gemeld te worden",
    ),
    "reporting.not_allowed": (
        "the discharge is not allowed: no report, no deadline",
        "de lozing is niet toegestaan: geen rapportage, geen termijn",
    ),
    "reporting.deadline": (
        "report the volume by {deadline}",
        "geef de geloosde hoeveelheid uiterlijk {deadline} door",
    ),
    "reporting.after_calendar": (
        "the deadline falls after 9999-12-31",
        "de termijn valt na 9999-12-31",
    ),
    "reporting.unknown": (
        "report the volume after the discharge ends (start or duration unknown)",
        "geef de geloosde hoeveelheid door na afloop van de lozing (begin of duur onbekend)",
    ),
    # why an answer is unknown although the discharge gives what it needs (Assessment.gaps)
    "gap.version": (
        (
            "no version of the rules covers {day:?@|a discharge without a start day} (the "
            "{ruleset} rules cover {spans})"
        ),
        (
            "geen versie van de regels geldt op {day:?@|een lozing zonder begindatum} (de regels "
            "‘{ruleset}’ gelden {spans})"
        ),
    ),
    "gap.topic": (
        (
            "{topic:topic}: no rule in force {day:?on @|in the newest version} is known to this "
            "ruleset ({ruleset} rules, version {version}: {reason:?“@”|none of the sources of "
            "this version gives one})"
        ),
        (
            "{topic:topic}: deze regels kennen geen regel die {day:?op @|in de nieuwste versie} "
            "van kracht is (regels ‘{ruleset}’, versie {version}: {reason:?“@”|geen van de "
            "bronnen van deze versie geeft er een})"
        ),
    ),
    "gap.spanning": (
        (
            "the discharge runs from {start} to {end}: it starts under version {first} and ends "
            "under version {later} of the {ruleset} rules, so which rules apply to it as a whole "
            "is unknown; assess the parts before and after the change separately"
        ),
        (
            "de lozing loopt van {start} tot {end}: ze begint onder versie {first} en eindigt "
            "onder versie {later} van de regels ‘{ruleset}’; welke regels op de hele lozing van "
            "toepassing zijn, is daarom onbekend; beoordeel de delen voor en na de wijziging "
            "apart"
        ),
    ),
    "gap.spanning_beyond": (
        (
            "the discharge runs from {start} to {end}: it starts under version {first} and ends "
            "after the last day the {ruleset} rules cover, so which rules apply to it as a whole "
            "is unknown; assess the part before that day separately"
        ),
        (
            "de lozing loopt van {start} tot {end}: ze begint onder versie {first} en eindigt na "
            "de laatste dag waarop de regels ‘{ruleset}’ gelden; welke regels op de hele lozing "
            "van toepassing zijn, is daarom onbekend; beoordeel het deel voor die dag apart"
        ),
    ),
    "gap.spanning_any": (
        (
            "the discharge starts and ends under different versions of the {ruleset} rules (or "
            "ends after the last day they cover; they cover {spans}): which rules apply to it "
            "as a whole is unknown; assess the parts before and after the change separately"
        ),
        (
            "de lozing begint en eindigt onder verschillende versies van de regels ‘{ruleset}’ "
            "(of eindigt na de laatste dag waarop ze gelden; ze gelden {spans}): welke regels op "
            "de hele lozing van toepassing zijn, is onbekend; beoordeel de delen voor en na de "
            "wijziging apart"
        ),
    ),
    "gap.uncovered": (
        (
            "{topic:topic}: none of the thresholds in force for {receiver} covers this "
            "discharge (the source leaves this value between its thresholds)"
        ),
        (
            "{topic:topic}: geen van de drempels die gelden voor {receiver} dekt deze lozing "
            "(de bron laat deze waarde tussen haar drempels open)"
        ),
    ),
    "gap.levy_basis": (
        (
            "{topic:topic}: no rule in force {day:?on @|in the newest version} is known to this "
            "ruleset (the levies in force ({kinds}) do not say whether {origin} water "
            "discharged into {receiver} is levied, or on what basis)"
        ),
        (
            "{topic:topic}: deze regels kennen geen regel die {day:?op @|in de nieuwste versie} "
            "van kracht is (de heffingen die gelden ({kinds}) zeggen niet of water van "
            "{origin} dat in {receiver} geloosd wordt, belast wordt, of op welke grondslag)"
        ),
    ),
    "topic.receivers": ("receivers", "ontvangers"),
    "topic.quality": ("quality", "waterkwaliteit"),
    "topic.quantity": ("quantity", "waterkwantiteit"),
    "topic.levy": ("levy", "heffing"),
    "topic.reporting": ("reporting", "rapportage"),
    "topic.version": ("version", "versie"),
    "topic.spanning": ("version", "versie"),
    "version.closed": ("{name} ({start} – {end})", "{name} ({start} – {end})"),
    "version.open": ("{name} (from {start})", "{name} (vanaf {start})"),
    "span.closed": ("{start} – {end}", "{start} – {end}"),
    "span.open": ("from {start}", "vanaf {start}"),
    # the levies, as the law names them
    "levy_kind.pollution_levy": (
        "verontreinigingsheffing (pollution levy)",
        "verontreinigingsheffing",
    ),
    "levy_kind.treatment_levy": ("zuiveringsheffing (treatment levy)", "zuiveringsheffing"),
    "levy_kind.unspecified_levy": (
        (
            "a levy as the source names it (it does not say whether the "
            "verontreinigingsheffing or the zuiveringsheffing)"
        ),
        (
            "heffing, zoals de bron haar noemt (ze zegt niet of het de verontreinigingsheffing "
            "of de zuiveringsheffing is)"
        ),
    ),
    "levy_short.pollution_levy": ("pollution levy", "verontreinigingsheffing"),
    "levy_short.treatment_levy": ("treatment levy", "zuiveringsheffing"),
    "levy_short.unspecified_levy": ("levy", "heffing"),
    # the steps' names
    "step.ruleset": ("ruleset", "regelset"),
    "step.receiver": ("receiver", "ontvanger"),
    "step.assumption": ("assumption", "aanname"),
    "step.quality": ("quality", "waterkwaliteit"),
    "step.quantity": ("quantity", "waterkwantiteit"),
    "step.levy": ("levy", "heffing"),
    "step.reporting": ("reporting", "rapportage"),
    # the values the rules looked at
    "value.unknown": ("unknown", "onbekend"),
    "value.yes": ("yes", "ja"),
    "value.no": ("no", "nee"),
    "value.not_stated": ("not stated", "niet opgegeven"),
    "value.assumed": ("{value} (assumed)", "{value} (aangenomen)"),
    "value.in_rule_unit": ("{value} ({converted})", "{value} ({converted})"),
    "end.given": ("{end} (the end as given)", "{end} (het einde zoals opgegeven)"),
    "end.start_time": ("{end} ({start} + {duration})", "{end} ({start} + {duration})"),
    "end.start_day": (
        (
            "{end} ({start} + ⌈{duration} / 24 h⌉ − 1 days: the earliest day the discharge can "
            "have ended)"
        ),
        (
            "{end} ({start} + ⌈{duration} / 24 uur⌉ − 1 dagen: de vroegste dag waarop de lozing "
            "afgelopen kan zijn)"
        ),
    ),
    "end.after_calendar": ("after 9999-12-31", "na 9999-12-31"),
    # conditions and violations
    "condition.and": (" and ", " en "),
    "condition.no": ("no", "geen"),
    "violation.limit": (
        "{parameter:name}: {value} violates {predicate} ({source})",
        "{parameter:name}: {value} voldoet niet aan de eis {predicate} ({source})",
    ),
    "violation.prohibited": (
        "{parameter:name}: {value} is prohibited ({source})",
        "{parameter:name}: {value} is verboden ({source})",
    ),
    "source.caller": ("limits supplied by the caller", "lozingseisen opgegeven door de gebruiker"),
    # the verdict and the explanation
    "verdict.allowed": ("allowed", "toegestaan"),
    "verdict.not_allowed": ("not allowed", "niet toegestaan"),
    "verdict.undecided": ("undecided", "onbekend"),
    "explain.verdict": ("Verdict: {verdict}", "Oordeel: {verdict}"),
    "explain.missing": ("Missing: {names}", "Ontbreekt: {names}"),
    "explain.instead": ("Instead: {alternatives}", "In plaats daarvan: {alternatives}"),
    "explain.discharge": (
        "Discharge: {origin} -> {receiver}",
        "Lozing: {origin} -> {receiver}",
    ),
    "explain.authority": ("Competent authority: {authority}", "Bevoegd gezag: {authority}"),
    "explain.water_board": ("Water board: {obligation}", "Waterschap: {obligation}"),
    "explain.registration": (
        "Levy registration: {registration}",
        "Melden voor de heffing: {registration}",
    ),
    "explain.source": ("source: {source}", "bron: {source}"),
    "explain.levy": ("levy: EUR {amount} ({basis})", "heffing: € {amount} ({basis})"),
    "explain.levy_unknown": ("levy: {basis}", "heffing: {basis}"),
    "explain.gap": ("Unknown: {gap}", "Onbekend: {gap}"),
    "explain.caveat": ("Caution: “{caveat}”", "Let op: “{caveat}”"),
    "explain.ruleset": (
        "Rules: {water_board} ({ruleset}), version {version}",
        "Regels: {water_board} ({ruleset}), versie {version}",
    ),
    "explain.ruleset_unknown": (
        "Rules: {water_board} ({ruleset}), no version applies",
        "Regels: {water_board} ({ruleset}), geen versie van toepassing",
    ),
    "explain.notice": (
        "Notify the water board at least {notice} before the start{notify_by:?, by @}",
        "Meld het waterschap ten minste {notice} voor het begin{notify_by:?, uiterlijk @}",
    ),
    # alternatives
    "alternative": ("{receiver}: {verdict}", "{receiver}: {verdict}"),
    "alternative.missing": (
        "{receiver}: {verdict} (missing {names})",
        "{receiver}: {verdict} (ontbreekt: {names})",
    ),
    "alternative.reason": ("{receiver}: {verdict} ({reason})", "{receiver}: {verdict} ({reason})"),
    "reason.no_rule": (
        "no quality rule in force on that date",
        "geen regel voor de waterkwaliteit van kracht op die datum",
    ),
    "reason.limits_not_given": (
        "the limits are set for the case; the rules do not give them",
        "de lozingseisen worden per geval gesteld; de regels geven ze niet",
    ),
    "reason.undecided": ("the rules do not decide", "de regels beslissen niet"),
    "reason.gap": ("{gap}", "{gap}"),
    "assumption.text": (
        "{parameter:name} taken as {value} ({source})",
        "{parameter:name} aangenomen als {value} ({source})",
    ),
    # the levy's basis
    "basis.not_allowed": (
        "no levy: the discharge is not allowed",
        "geen heffing: de lozing is niet toegestaan",
    ),
    "basis.no_rule": (
        "unknown: no levy rule in force on {day}",
        "onbekend: geen heffingsregel van kracht op {day}",
    ),
    "basis.gap": ("unknown: {gap}", "onbekend: {gap}"),
    "basis.no_basis": (
        (
            "unknown: the {kind:short} of {year} is EUR {per_unit} per pollution unit, but the "
            "pollution units of discharged groundwater are not in the sources"
        ),
        (
            "onbekend: de {kind:short} van {year} is € {per_unit} per vervuilingseenheid, maar de "
            "vervuilingseenheden van geloosd grondwater staan niet in de bronnen"
        ),
    ),
    "basis.no_levy": (
        "no levy for a discharge into {receiver}",
        "geen heffing bij deze ontvanger: {receiver}",
    ),
    "basis.no_year": (
        "unknown: no start date to take the tariff year from (pass a year)",
        "onbekend: geen begindatum om het tariefjaar uit af te leiden (geef een jaar op)",
    ),
    "basis.no_volume": (
        "unknown: the volume is unknown (flow or duration not given)",
        "onbekend: het volume is onbekend (debiet of duur niet opgegeven)",
    ),
    "basis.no_tariff": (
        (
            "unknown: no {kind:short} tariff for {year} in ruleset '{ruleset}' (known years: "
            "{known:?@|none}); add one with Ruleset.with_tariff(year, euros_per_unit)"
        ),
        (
            "onbekend: geen tarief voor de {kind:short} van {year} in de regels ‘{ruleset}’ "
            "(bekende jaren: {known:?@|geen}); voeg er een toe met Ruleset.with_tariff(jaar, "
            "euro_per_eenheid)"
        ),
    ),
    "basis.too_large": (
        "unknown: the levy is too large to compute",
        "onbekend: de heffing is te groot om te berekenen",
    ),
    "basis.amount": (
        "{units} pollution units x EUR {per_unit} (tariff of {year})",
        "{units} vervuilingseenheden x € {per_unit} (tarief van {year})",
    ),
}


def check_language(language: str) -> None:
    """Raise ``ValueError`` unless *language* is ``"en"`` or ``"nl"``."""
    if language not in LANGUAGES:
        raise ValueError(f"expected language 'en' or 'nl', found {language!r}")


# -- values as the explanation shows them ---------------------------------------------------


class Input(NamedTuple):
    """A value that a rule compared: shown as given, and also in the unit of the rule's limit
    (*against*) when that differs (``504 uur (3 weken)``); or the value the source assumed."""

    value: Any
    against: Any = None
    assumed: bool = False


class EndDay(NamedTuple):
    """The day a discharge ends on, with how it was found (*how*: ``given``,
    ``start_time``, ``start_day``, ``after_calendar`` or ``unknown``)."""

    day: dt.date | None
    how: str
    start: dt.date | None = None
    duration: Any = None


class _Marker(NamedTuple):
    key: str


#: A value the activity does not state (where the source assumes one).
NOT_STATED: Final = _Marker("value.not_stated")


def _quantity(q: Any, language: str | None) -> str:
    from waterbeleid.units import format_quantity

    return format_quantity(q, language)


def _decimal(number: decimal.Decimal, language: str) -> str:
    text = str(number)
    return text.replace(".", ",") if language == "nl" else text


def show(value: Any, language: str | None = None) -> str:
    """A value as the explanation shows it in *language* (``None``: as the data writes it).

    Quantities as the documents write them (:func:`~waterbeleid.units.format_quantity`:
    ``8 weken``, ``36 uur`` in Dutch; ``8 weeks``, ``36 h`` in English), yes/no, enums by
    their label, dates in ISO, ``unknown`` (``onbekend``) for ``None``.

    >>> import waterbeleid as wb
    >>> show(wb.duration("8 weken"), "en"), show(None, "nl"), show(wb.Authority.WATER_BOARD, "nl")
    ('8 weeks', 'onbekend', 'waterschap')
    """
    lang = language or "en"
    if value is None:
        return text("value.unknown", lang)
    if isinstance(value, bool):
        if language is None:
            return str(value).lower()
        return text("value.yes" if value else "value.no", lang)
    if isinstance(value, LevyKind) and language is not None:
        return text(f"levy_kind.{value.value}", lang)
    if isinstance(value, LabelledEnum):
        if language is None:
            return str(value.value)
        return value.label_nl if lang == "nl" else value.label_en
    if isinstance(value, Note):
        return value.text(lang)
    if isinstance(value, RulesetVersion):
        return _version(value, lang, named=True)
    if hasattr(value, "_units"):
        return _quantity(value, language)
    if isinstance(value, Condition):
        return condition_text(value, lang)
    if isinstance(value, Input):
        return _input(value, lang)
    if isinstance(value, EndDay):
        return _end(value, lang)
    if isinstance(value, _Marker):
        return text(value.key, lang)
    if isinstance(value, decimal.Decimal):
        return _decimal(value, lang)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple) and value and all(isinstance(v, Condition) for v in value):
        return text("condition.and", lang).join(condition_text(c, lang) for c in value)
    if isinstance(value, tuple) and value and all(isinstance(v, RulesetVersion) for v in value):
        return "; ".join(_version(v, lang, named=False) for v in value)
    if isinstance(value, tuple) and value and all(isinstance(v, LabelledEnum) for v in value):
        return ", ".join(show(v, lang) for v in value)
    if isinstance(value, str):
        return in_language(value, language)
    return str(value)


def _version(version: RulesetVersion, language: str, *, named: bool) -> str:
    """A version as ``2021 (2021-01-01 – 2023-12-31)`` or ``2024 (from 2024-01-01)``; its
    period alone when not *named*."""
    shape = "closed" if version.valid_to is not None else "open"
    return text(
        f"{'version' if named else 'span'}.{shape}",
        language,
        name=version.name,
        start=version.valid_from,
        end=version.valid_to,
    )


def _in_unit_of(value: Any, limit: Any, language: str) -> str | None:
    """*value* in the unit of *limit*, when that differs (``None`` when it does not)."""
    if not hasattr(value, "_units") or not hasattr(limit, "_units"):
        return None
    if value._units == limit._units:
        return None
    magnitude = value.magnitude
    if not isinstance(magnitude, (int, float, decimal.Decimal)):
        return None
    return _converted(magnitude, value._units, limit._units, language)


@functools.lru_cache(maxsize=4096)
def _converted(magnitude: Any, units: Any, target: Any, language: str) -> str | None:
    """A magnitude in *units* shown in *target* units: exactly when that is a short
    decimal, else ``≈`` three significant digits (whole numbers from three digits on)."""
    from waterbeleid.discharge import exact
    from waterbeleid.units import registry

    try:
        number = exact.decimal_value(magnitude) * exact.factor(units, target)
    except Exception:  # units that do not convert exactly: show the value as given
        return None
    found = exact.to_decimal(number)
    prefix = ""
    if found != found.quantize(decimal.Decimal("0.0001")):  # not a short decimal: round it
        prefix = "≈ "
        if found.adjusted() >= 2:  # whole numbers from three digits on ...
            found = found.quantize(decimal.Decimal(1))
        else:  # ... else three significant digits
            with decimal.localcontext() as context:
                context.prec = 3
                found = +found
    shown: float | int = int(found) if found == found.to_integral_value() else float(found)
    return prefix + _quantity(registry().Quantity(shown, target), language)


def _input(value: Input, language: str) -> str:
    if value.assumed:
        return text("value.assumed", language, value=value.value)
    shown = show(value.value, language)
    converted = _in_unit_of(value.value, value.against, language)
    if converted is None:
        return shown
    return text("value.in_rule_unit", language, value=shown, converted=converted)


def _end(value: EndDay, language: str) -> str:
    if value.how == "after_calendar" and value.day is None:
        return text("end.after_calendar", language)
    if value.how in ("unknown", "after_calendar"):
        return show(value.day, language)
    return text(
        f"end.{value.how}",
        language,
        end=value.day,
        start=value.start,
        duration=value.duration,
    )


def condition_text(condition: Condition, language: str = "en") -> str:
    """A condition in words: ``flow <= 5 m³/h`` or ``debiet ten hoogste 5 m³/h``; a yes/no
    condition ``no visual pollution`` (``geen visuele verontreiniging``)."""
    return _condition(condition.parameter, condition.comparison, condition.limit, language)


def _condition(parameter: str, comparison: Comparison, limit: Any, language: str) -> str:
    label = parameter_label(parameter, language)
    if isinstance(limit, bool) and comparison is Comparison.EQUALS:
        return label if limit else f"{text('condition.no', language)} {label}"
    return f"{label} {_predicate(comparison, limit, language)}"


def _predicate(comparison: Comparison, limit: Any, language: str) -> str:
    word = comparison.label_nl if language == "nl" else comparison.symbol
    return f"{word} {show(limit, language)}"


def source_text(source: RuleSource | None, language: str = "en") -> str:
    """A source as cited: the document and the article, as written; limits the caller
    supplied are named in the language."""
    if source is None:
        return text("value.unknown", language)
    from waterbeleid.discharge.steps.quality import CALLER

    if source == CALLER:
        return text("source.caller", language)
    return str(source)


def verdict_text(allowed: bool | None, language: str = "en") -> str:
    """``allowed``, ``not allowed``, ``undecided`` (``toegestaan``, ``niet toegestaan``,
    ``onbekend``)."""
    key = {True: "verdict.allowed", False: "verdict.not_allowed", None: "verdict.undecided"}
    return text(key[allowed], language)


def _field(value: Any, spec: str, language: str) -> str:
    """One field of a template of :data:`MESSAGES`, shown in *language*."""
    if spec == "name":
        return parameter_label(str(value), language)
    if spec == "topic":
        return text(f"topic.{value}", language)
    if spec == "short":
        return text(f"levy_short.{value.value}", language)
    if spec.startswith("?"):
        shown, _, otherwise = spec[1:].partition("|")
        return otherwise if value is None else shown.replace("@", _shown(value, language))
    if "|" in spec:
        options = spec.split("|")
        if value is None and len(options) == 3:
            return options[2]
        return options[0] if value else options[1]
    return _shown(value, language)


def _shown(value: Any, language: str) -> str:
    if isinstance(value, str):
        return in_language(value, language)
    if isinstance(value, RuleSource):
        return source_text(value, language)
    return show(value, language)


@functools.cache
def _parsed(key: str, language: str) -> tuple[tuple[str, str | None, str], ...]:
    """A template as ``(literal, field, spec)`` parts, read once."""
    template = MESSAGES[key][1 if language == "nl" else 0]
    return tuple(
        (literal, field, spec or "")
        for literal, field, spec, _ in string.Formatter().parse(template)
    )


def text(key: str, language: str = "en", /, **values: Any) -> str:
    """The text of a message of :data:`MESSAGES` in *language*, with *values* filled in.

    >>> text("verdict.not_allowed", "nl")
    'niet toegestaan'

    Raises:
        KeyError: an unknown key, or a value the message needs and was not given.
    """
    language = "nl" if language == "nl" else "en"
    parts = _parsed(key, language)
    if len(parts) == 1 and parts[0][1] is None:
        return parts[0][0]
    pieces: list[str] = []
    for literal, field, spec in parts:
        pieces.append(literal)
        if field is not None:
            pieces.append(_field(values[field], spec, language))
    return "".join(pieces)


# -- plain data --------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value as JSON data: quantities as their canonical text (``"5 m³/h"``), enums by
    their value, dates in ISO, conditions as ``"flow <= 5 m³/h"``, yes/no as booleans,
    unknown as ``None``."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, LabelledEnum):
        return value.value
    if hasattr(value, "_units"):
        return show(value)
    if isinstance(value, Condition):
        return value.describe()
    if isinstance(value, Input):
        return plain(value.value)
    if isinstance(value, EndDay):
        return plain(value.day)
    if isinstance(value, _Marker):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, RuleSource):
        return source_dict(value)
    if isinstance(value, RulesetVersion):
        return value.name
    if isinstance(value, Note):
        return {"message": value.message, "facts": {k: plain(v) for k, v in value.args}}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def source_dict(source: RuleSource | None) -> dict[str, str | None] | None:
    """A source as JSON data: ``{"document", "article", "quote"}``."""
    if source is None:
        return None
    return {"document": source.document, "article": source.article, "quote": source.quote}


# -- gaps, violations and trace entries --------------------------------------------------------


@attrs.frozen
class Note:
    """Why an answer is unknown although the discharge gives what it needs (an entry of
    :attr:`Assessment.gaps <waterbeleid.discharge.assess.Assessment.gaps>`): a rule the
    ruleset does not know for the date, with the reason its version records; a discharge
    that runs across a change of version; a value between a source's thresholds.

    Like a :class:`TraceEntry` it holds facts (a message key of :data:`MESSAGES` and its
    arguments) and is written when read, in either language; ``str()`` is the English text.

    >>> import waterbeleid as wb
    >>> result = wb.assess(wb.DischargeActivity(origin="bronnering",
    ...     receiver="oppervlaktewater", flow="20 m3/h", duration="3 weken",
    ...     suspended_solids="30 mg/l", start="2020-11-01"))
    >>> gap = result.gaps[0]
    >>> gap.topic
    'version'
    >>> str(gap).split(" (")[0]
    'no version of the rules covers 2020-11-01'
    >>> gap.text("nl").split(" (")[0]
    'geen versie van de regels geldt op 2020-11-01'

    Attributes:
        message: The key of the text in :data:`MESSAGES` (``"gap.topic"``).
        args: The facts it states, as ``(name, value)`` pairs.
    """

    message: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, missing: MissingRule, on: dt.date | None) -> Note:
        """The note of a missing rule for a discharge that starts *on* a day."""
        return cls(missing.message, (("day", on), *missing.args))

    @property
    def topic(self) -> str | None:
        """What is unknown: a kind of rule (``"quality"``, ``"levy"``, …), ``"version"``
        (no version covers the day) or ``"spanning"`` (across a change of version)."""
        found: str | None = dict(self.args).get("topic")
        return found

    def text(self, language: str = "en") -> str:
        """The note in words, in *language*."""
        return text(self.message, language, **dict(self.args))

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The note as JSON data: ``message``, ``topic``, ``text`` (in *language*) and
        ``facts``."""
        return {
            "message": self.message,
            "topic": self.topic,
            "text": self.text(language),
            "facts": {k: plain(v) for k, v in self.args if k != "topic"},
        }

    def __str__(self) -> str:
        return self.text("en")


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

    def text(self, language: str = "en") -> str:
        """The violation in words, with its source.

        >>> import waterbeleid as wb
        >>> result = wb.assess(wb.DischargeActivity(origin="bronnering",
        ...     receiver="vuilwaterriool", flow="6 m3/h", duration="2 weken",
        ...     suspended_solids="120 mg/l", start="2021-06-01"))
        >>> print(result.violations[0].text("nl").split(" (")[0])
        debiet: 6 m³/h voldoet niet aan de eis ten hoogste 5 m³/h
        """
        if self.comparison is None:
            value: Any = self.value
            if self.parameter == "receiver" and isinstance(value, str):
                value = Receiver.parse(value)
            return text(
                "violation.prohibited",
                language,
                parameter=self.parameter,
                value=value,
                source=self.source,
            )
        if isinstance(self.limit, bool):
            predicate = _condition(self.parameter, self.comparison, self.limit, language)
        else:
            predicate = _predicate(self.comparison, self.limit, language)
        return text(
            "violation.limit",
            language,
            parameter=self.parameter,
            value=Input(self.value, self.limit),
            predicate=predicate,
            source=self.source,
        )

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The violation as JSON data, with its :meth:`text` in *language*."""
        return {
            "parameter": self.parameter,
            "comparison": None if self.comparison is None else self.comparison.value,
            "limit": plain(self.limit),
            "value": plain(self.value),
            "source": source_dict(self.source),
            "text": self.text(language),
        }

    def __str__(self) -> str:
        return self.text("en")


@attrs.frozen(kw_only=True)
class TraceEntry:
    """One rule evaluated: what it looked at, what it found, and where the rule comes from.

    Attributes:
        rule: The step: ``receiver``, ``assumption``, ``quality``, ``quantity``, ``levy``
            or ``reporting``.
        message: The key of what it found in
            :data:`~waterbeleid.discharge.trace.MESSAGES` (``"quality.met"``).
        args: The facts the message states, as ``(name, value)`` pairs (a condition, an
            obligation, a date, …), as they are.
        values: The values the rule looked at, as ``(parameter, value)`` pairs, as they
            are (quantities, yes/no, dates; an :class:`~waterbeleid.discharge.trace.Input`
            or :class:`~waterbeleid.discharge.trace.EndDay` that says more).
        source: The legal source of the rule (``None`` when no rule was in force).
    """

    rule: str
    message: str
    args: tuple[tuple[str, Any], ...] = ()
    values: tuple[tuple[str, Any], ...] = ()
    source: RuleSource | None = None

    @classmethod
    def not_allowed(
        cls, rule: str, source: RuleSource | None, *values: tuple[str, Any]
    ) -> TraceEntry:
        """What a step does not ask of a discharge that is not allowed (verdict first); the
        message is ``"<rule>.not_allowed"``."""
        return cls(rule=rule, message=f"{rule}.not_allowed", values=values, source=source)

    def text(self, language: str = "en") -> str:
        """What the rule found, in *language*."""
        return text(self.message, language, **dict(self.args))

    def shown_inputs(self, language: str = "en") -> tuple[tuple[str, str], ...]:
        """The values looked at, named and shown in *language*."""
        return tuple(
            (parameter_label(name, language), show(value, language)) for name, value in self.values
        )

    def step(self, language: str = "en") -> str:
        """The name of the step in *language*."""
        key = f"step.{self.rule}"
        return text(key, language) if key in MESSAGES else self.rule

    @property
    def outcome(self) -> str:
        """What the rule found, in English (:meth:`text`)."""
        return self.text("en")

    @property
    def inputs(self) -> tuple[tuple[str, str], ...]:
        """The values looked at, as ``(parameter, English text)`` pairs."""
        return tuple((name, show(value, "en")) for name, value in self.values)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The entry as JSON data: ``rule``, ``message``, ``outcome`` (the text in
        *language*), ``inputs`` and ``facts`` (the values and facts as plain data) and
        ``source``."""
        return {
            "rule": self.rule,
            "message": self.message,
            "outcome": self.text(language),
            "inputs": {name: plain(value) for name, value in self.values},
            "facts": {name: plain(value) for name, value in self.args},
            "source": source_dict(self.source),
        }
