"""The discharge rules as dated data: limits, thresholds and tariffs with their sources.

A ruleset is a YAML (or JSON) file of kind ``discharge_ruleset``: the rules of one water
board, in *versions* (periods in which one set of legal texts applies), each rule with the
day it applies from and its source. waterbeleid ships one ruleset per water board for
which public sources were found (:func:`rulesets`); the Brabantse Delta rules are the
default (:func:`default_ruleset`). Load your own with :func:`load_ruleset`, or add tariffs
to a packaged one with :meth:`Ruleset.with_tariff`:

>>> from decimal import Decimal
>>> rules = default_ruleset().with_tariff(2022, "61.00", source="Tarievenbesluit 2022")
>>> rules.tariff(2022).per_unit
Decimal('61.00')
>>> [(r.name, str(r.valid_from)) for r in rulesets()][:2]
[('brabantse_delta', '2021-01-01'), ('de_dommel', '2021-01-01')]

A rule applies only within the version its ``valid_from`` falls in: nothing is carried
over a change of version. What a version's sources do not give is absent, and an
assessment that needs it says so, with the reason the version records (its ``gaps``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import functools
import math
import os
from collections.abc import Iterable, Sequence
from fractions import Fraction
from importlib import resources
from typing import Any, Final

import attrs

from waterbeleid._enum import LabelledEnum, fold
from waterbeleid._localized import joined, settle_twin
from waterbeleid._types import Duration, Quantity, Volume
from waterbeleid.discharge import exact
from waterbeleid.discharge.exact import Comparison, Threshold
from waterbeleid.discharge.model import (
    FLAGS,
    MEASUREMENTS,
    PARAMETERS,
    REFERENCE_UNITS,
    SUMS,
    Authority,
    Obligation,
    Origin,
    Receiver,
)
from waterbeleid.errors import RulesetError, TariffNotFoundError

__all__ = [
    "TOPICS",
    "Assumption",
    "Comparison",
    "Condition",
    "Document",
    "Gap",
    "Include",
    "LevyKind",
    "LevyRule",
    "MissingRule",
    "QualityRule",
    "QualityVerdict",
    "QuantityTier",
    "ReceiverRule",
    "ReportingRule",
    "RulePart",
    "RuleSource",
    "Ruleset",
    "RulesetVersion",
    "Tariff",
    "VersionCoverage",
    "default_ruleset",
    "find_ruleset",
    "load_part",
    "load_ruleset",
    "packaged_ruleset",
    "resolve",
    "rulesets",
]

#: The kinds of rules a version may lack, as its ``gaps`` name them.
TOPICS: Final[tuple[str, ...]] = ("receivers", "quality", "quantity", "levy", "reporting")


class QualityVerdict(LabelledEnum):
    """What the quality rules say of an origin and receiver."""

    ALLOWED = ("allowed", "toegestaan", ())
    CONDITIONAL = ("conditional", "toegestaan indien", ("verboden, tenzij",))
    PROHIBITED = ("prohibited", "verboden", ())
    LIMITS_NOT_GIVEN = (
        "limits_not_given",
        "toegestaan als voldaan wordt aan de gestelde lozingseisen",
        (),
    )


class LevyKind(LabelledEnum):
    """Which levy the water board charges, as the law names it.

    A discharge into surface water pays the *verontreinigingsheffing*; one into a sewer,
    whose water reaches the treatment plant, the *zuiveringsheffing*; both per pollution
    unit (*vervuilingseenheid*). ``UNSPECIFIED`` is a levy (*heffing*) that its source
    names without saying which of the two it is.
    """

    POLLUTION = ("pollution_levy", "verontreinigingsheffing", ())
    TREATMENT = ("treatment_levy", "zuiveringsheffing", ())
    UNSPECIFIED = ("unspecified_levy", "heffing", ())

    @property
    def name_en(self) -> str:
        """How an English text names it: ``pollution levy (verontreinigingsheffing)``,
        ``treatment levy (zuiveringsheffing)``, or ``levy``."""
        if self is LevyKind.UNSPECIFIED:
            return "levy"
        return f"{self.label_en} ({self.label_nl})"


@attrs.frozen(kw_only=True)
class RuleSource:
    """Where a rule comes from: a document, an article, the address where it can be read,
    and its words (the quote holds every number of the rule)."""

    document: str
    article: str | None = None
    quote: str | None = None
    address: str | None = None

    def __str__(self) -> str:
        return f"{self.document}" + (f" ({self.article})" if self.article else "")


@attrs.frozen(kw_only=True)
class Document:
    """A document that a ruleset version (or an included part) summarises."""

    title: str
    address: str | None = None
    publisher: str | None = None
    note: str | None = None


def _parameter(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    allowed = (*PARAMETERS, *SUMS, *FLAGS)
    if value not in allowed:
        raise RulesetError(
            f"{attribute.name}: expected one of {', '.join(allowed)}, found {value!r}"
        )


def _float_factor(source: str, target: Any) -> float:
    return float(exact.factor(exact.unit_of(source), target))


@attrs.frozen(kw_only=True, cache_hash=True)
class Condition:
    """One limit: ``parameter <comparison> limit``.

    ``limit`` is a quantity for the measured parameters and a ``bool`` for
    ``visual_pollution``. A value is compared in its own unit with the limit converted
    exactly into that unit (:mod:`waterbeleid.discharge.exact`): the threshold of each
    unit is derived once and kept.

    A sum (``parameter`` a key of :data:`~waterbeleid.discharge.model.SUMS`) limits the
    sum of the measured concentrations that ``sum_of`` names; since no concentration is
    negative, a part already above the limit decides even when other parts are unknown.

    ``article`` and ``quote`` cite the part of the rule's source that the condition comes
    from (a row of a table has its own number, so its own quote); without them the rule's
    source applies as a whole (:meth:`source_in`).
    """

    parameter: str = attrs.field(validator=_parameter)
    comparison: Comparison
    limit: Quantity | bool
    sum_of: tuple[str, ...] = ()
    article: str | None = None
    quote: str | None = None
    _exact: Fraction = attrs.field(init=False, repr=False, eq=False, hash=False)
    _unit: str = attrs.field(init=False, repr=False, eq=False, hash=False)
    _thresholds: dict[str, Threshold] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _factors: dict[str, float] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _text: str = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        from waterbeleid.units import format_quantity

        number: float | Fraction
        if self.parameter in FLAGS:
            if not isinstance(self.limit, bool):
                raise RulesetError(
                    f"{self.parameter}: expected true or false, found {self.limit!r}"
                )
            if self.comparison is not Comparison.EQUALS:
                raise RulesetError(
                    f"{self.parameter}: expected the comparison 'equals' for a yes/no "
                    f"parameter, found {self.comparison.value!r}"
                )
            number, unit = Fraction(int(self.limit)), ""
        else:
            from waterbeleid import units

            dimension = PARAMETERS.get(self.parameter) or SUMS[self.parameter]
            try:
                q = units.quantity(self.limit, dimension)
                number, unit = exact.measure(q)
            except Exception as exc:
                raise RulesetError(f"{self.parameter}: {exc}") from None
            object.__setattr__(self, "limit", q)
        self._check_sum()
        object.__setattr__(self, "_exact", exact.decimal_value(number))
        object.__setattr__(self, "_unit", unit)
        object.__setattr__(self, "_thresholds", {})
        object.__setattr__(self, "_factors", {})
        limit = self.limit if isinstance(self.limit, bool) else format_quantity(self.limit)
        object.__setattr__(self, "_text", f"{self.parameter} {self.comparison.symbol} {limit}")

    def _check_sum(self) -> None:
        if (self.parameter in SUMS) != bool(self.sum_of):
            raise RulesetError(
                f"{self.parameter}: sum_of goes with a sum ({', '.join(SUMS)}) and only with "
                f"it, found sum_of {list(self.sum_of)}"
            )
        if not self.sum_of:
            return
        wrong = [
            p for p in self.sum_of if p not in MEASUREMENTS or PARAMETERS[p] != "concentration"
        ]
        if wrong or len(set(self.sum_of)) != len(self.sum_of):
            raise RulesetError(
                f"{self.parameter}.sum_of: expected distinct concentrations of substances, "
                f"found {list(self.sum_of)}"
            )
        if self.comparison not in (Comparison.AT_MOST, Comparison.LESS_THAN):
            raise RulesetError(
                f"{self.parameter}: expected an upper limit for a sum (at_most or less_than), "
                f"found {self.comparison.value!r}"
            )

    @property
    def exact_limit(self) -> Fraction:
        """The limit's magnitude, exactly, in the limit's own unit (:attr:`unit_key`)."""
        return self._exact

    @property
    def unit_key(self) -> str:
        """The limit's unit (a :func:`.exact.unit_key`; empty for a yes/no parameter)."""
        return self._unit

    def source_in(self, rule: RuleSource) -> RuleSource:
        """The condition's source within its rule's source *rule*."""
        if self.article is None and self.quote is None:
            return rule
        article = rule.article if self.article is None else f"{rule.article}, {self.article}"
        return attrs.evolve(rule, article=article, quote=self.quote or rule.quote)

    @property
    def parameters(self) -> tuple[str, ...]:
        """The measured parameters the condition looks at: its parameter, or its parts."""
        return self.sum_of or (self.parameter,)

    def threshold(self, unit: str) -> Threshold:
        """The threshold for values in the unit *unit* (a :func:`.exact.unit_key`).

        Raises:
            UnitError: a unit of another dimension than the limit's.
        """
        found = self._thresholds.get(unit)
        if found is None:
            limit = self._exact * exact.factor(exact.unit_of(self._unit), exact.unit_of(unit))
            found = self._thresholds[unit] = Threshold.of(self.comparison, limit)
        return found

    def test(self, value: tuple[float | Fraction, str] | bool | None) -> bool | None:
        """Whether a value meets the condition; ``None`` if unknown.

        *value* is what :meth:`DischargeActivity.measured
        <waterbeleid.discharge.model.DischargeActivity.measured>` gives, ``(number, unit
        key)``, or a ``bool`` for a yes/no parameter. (A sum: :meth:`test_sum`.)
        """
        if value is None:
            return None
        if isinstance(value, bool):
            return value is self.limit
        number, unit = value
        found = self._thresholds.get(unit)
        if found is None:
            found = self.threshold(unit)
        return found.holds(number)

    def factor_from(self, unit: str) -> float:
        """The float factor from *unit* into the limit's unit (for sums)."""
        found = self._factors.get(unit)
        if found is None:
            found = self._factors[unit] = _float_factor(unit, exact.unit_of(self._unit))
        return found

    def test_sum(self, parts: Sequence[tuple[float | Fraction, str] | None]) -> bool | None:
        """Whether the sum of *parts* (as :meth:`test` takes them, ``None`` unknown) meets
        the limit; ``None`` when unknown parts could still decide.

        The sum is taken in floats and decided exactly only within a hair of the limit.
        """
        known = [p for p in parts if p is not None]
        total = math.fsum(float(n) * self.factor_from(u) for n, u in known)
        limit = float(self._exact)
        if abs(total - limit) <= 1e-9 * max(abs(limit), abs(total)):
            target = exact.unit_of(self._unit)
            exact_total = sum(
                (exact.decimal_value(n) * exact.factor(exact.unit_of(u), target) for n, u in known),
                Fraction(0),
            )
            holds = self.comparison.holds(exact_total, self._exact)
        else:
            holds = self.comparison.holds(total, limit)
        if len(known) < len(parts):
            return False if not holds else None
        return holds

    @property
    def reference(self) -> float | bool:
        """The limit in :data:`~waterbeleid.discharge.model.REFERENCE_UNITS` (a float)."""
        if isinstance(self.limit, bool):
            return self.limit
        reference = exact.units_registry().parse_units(REFERENCE_UNITS[self.parameter])
        return float(self._exact * exact.factor(exact.unit_of(self._unit), reference))

    def holds(self, value: float | bool | None) -> bool | None:
        """Whether *value*, in reference units, meets the condition; ``None`` if unknown."""
        if value is None or isinstance(value, bool):
            return self.test(value)
        reference = exact.units_registry().parse_units(REFERENCE_UNITS[self.parameter])
        return self.test((float(value), exact.unit_key(reference)))

    def describe(self) -> str:
        """The condition as text, e.g. ``"iron <= 5 mg/l"``."""
        return self._text


_DATE = attrs.validators.instance_of(dt.date)
_OPTIONAL_DATE = attrs.validators.optional(_DATE)


@attrs.frozen(kw_only=True, cache_hash=True)
class ReceiverRule:
    """Who decides on discharges into a receiver, and what the water board must be told.

    Attributes:
        receiver: The receiving water.
        preference: Its place in the national order of preference (1 first); ``None``
            when the sources of the version do not give one.
        authority: The competent authority (*bevoegd gezag*).
        municipal_consent: Whether the municipality must consent; ``None`` when not stated.
        water_board_obligation: What the water board requires as competent authority, when
            the receiver rule says it (``none`` for soil and for the sewers, where the
            municipality decides); ``None`` when the quantity tiers decide.
        levy_registration: Whether the discharge must be reported to the water board for
            the levy (*melden in verband met de heffing*); ``None`` when the source does
            not say.
        valid_from: The first day the rule applies (in an included part: ``None``, the first
            day of the version that includes it).
        source: The legal source.
        note: A remark shown in the assessment.
    """

    receiver: Receiver
    preference: int | None
    authority: Authority
    municipal_consent: bool | None
    water_board_obligation: Obligation | None
    levy_registration: bool | None
    valid_from: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    source: RuleSource
    note: str | None = None


@attrs.frozen(kw_only=True)
class Assumption:
    """A value the source assumes for an origin when the activity does not state it.

    Waterschap Brabantse Delta: "Bij lozen van grondwater bij bronnering gaan we ervan uit
    dat het te lozen water schoon is": for dewatering, no visual pollution unless stated.
    The assessment names every assumption it used, with its source.
    """

    origin: Origin
    parameter: str = attrs.field(validator=_parameter)
    value: bool
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource

    def __attrs_post_init__(self) -> None:
        if self.parameter not in FLAGS:
            raise RulesetError(
                f"assumption {self.origin.value}/{self.parameter}: expected a yes/no parameter "
                f"({', '.join(FLAGS)}), found {self.parameter!r}"
            )


@attrs.frozen(kw_only=True, cache_hash=True)
class QualityRule:
    """The quality rule for one origin and receiver.

    Attributes:
        origin: Dewatering or soil remediation.
        receiver: The receiving water.
        rule: The verdict (:class:`QualityVerdict`).
        valid_from: The first day it applies (in an included part: ``None``, the first day
            of the version that includes it).
        source: The legal source of the rule.
        conditions: With ``rule: conditional``: the conditions that must all hold.
        designated_water_body: ``True`` or ``False`` when the rule applies to a designated
            (*aangewezen*) or a non-designated surface water body only; ``None``: to both.
        caveat: What the rule is known not to cover (shown with every verdict it gives).
        caveat_nl: The caveat in Dutch (the explanation in Dutch shows it).
    """

    origin: Origin
    receiver: Receiver
    rule: QualityVerdict
    valid_from: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    source: RuleSource
    conditions: tuple[Condition, ...] = ()
    designated_water_body: bool | None = None
    caveat: str | None = None
    caveat_nl: str | None = None

    def __attrs_post_init__(self) -> None:
        settle_twin(self, "caveat")
        if (self.rule is QualityVerdict.CONDITIONAL) != bool(self.conditions):
            raise RulesetError(
                f"quality rule {self.origin.value}/{self.receiver.value}: conditions go with "
                f"rule 'conditional' and only with it, found rule {self.rule.value!r} with "
                f"{len(self.conditions)} condition(s)"
            )
        if self.designated_water_body is not None and self.receiver is not Receiver.SURFACE_WATER:
            raise RulesetError(
                f"quality rule {self.origin.value}/{self.receiver.value}: "
                "designated_water_body goes with the receiver surface_water only"
            )

    @property
    def key(self) -> tuple[Origin, Receiver, bool | None]:
        """What the rule is about: origin, receiver, designated water body."""
        return self.origin, self.receiver, self.designated_water_body


@attrs.frozen(kw_only=True, cache_hash=True)
class QuantityTier:
    """One tier of the quantity thresholds: the obligation when all conditions hold.

    Attributes:
        notice: For a notification: how long before the start it must be made (*ten
            minste … voordat*); ``None`` when the source gives no period.
        note: A remark shown in the assessment (e.g. what the tier also requires).
    """

    receiver: Receiver
    obligation: Obligation
    valid_from: dt.date = attrs.field(validator=_DATE)
    conditions: tuple[Condition, ...]
    source: RuleSource
    notice: Duration | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Tariff:
    """The levy per pollution unit (*vervuilingseenheid*, ve) in one year, in euros."""

    year: int
    per_unit: decimal.Decimal
    source: RuleSource


@attrs.frozen(kw_only=True, cache_hash=True)
class LevyRule:
    """A levy: one pollution unit per ``volume_per_unit`` discharged, times the tariff.

    Attributes:
        kind: Which levy (:class:`LevyKind`).
        receivers: The receivers whose discharges it levies.
        volume_per_unit: The volume per pollution unit for discharged groundwater; ``None``
            when the sources do not give it (the amount is then unknown).
        valid_from: The first day it applies.
        source: The legal source of the levy and its basis.
        tariffs: The tariff per pollution unit of each year a source states.
        not_levied: Receivers that the source says are not levied.
        origins: The origins whose water the rule (its basis) is about; empty: both.
    """

    kind: LevyKind
    receivers: tuple[Receiver, ...]
    volume_per_unit: Volume | None
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource
    tariffs: tuple[Tariff, ...] = ()
    not_levied: tuple[Receiver, ...] = ()
    origins: tuple[Origin, ...] = ()

    def covers(self, origin: Origin, receiver: Receiver) -> bool:
        """Whether the rule levies water of *origin* discharged into *receiver*."""
        return receiver in self.receivers and (not self.origins or origin in self.origins)

    def __attrs_post_init__(self) -> None:
        years = [t.year for t in self.tariffs]
        if len(years) != len(set(years)):
            raise RulesetError(f"levies.tariffs: a year appears more than once in {years}")
        both = set(self.receivers) & set(self.not_levied)
        if both:
            raise RulesetError(
                f"levies: a receiver is both levied and not levied: {sorted(r.value for r in both)}"
            )

    def tariff(self, year: int, ruleset: str = "") -> Tariff:
        """The tariff of *year*.

        Raises:
            TariffNotFoundError: no tariff for that year.
        """
        for tariff in self.tariffs:
            if tariff.year == year:
                return tariff
        known = ", ".join(str(t.year) for t in self.tariffs) or "none"
        where = f" in ruleset {ruleset!r}" if ruleset else ""
        raise TariffNotFoundError(
            f"no {self.kind.name_en} tariff for {year}{where} (known years: {known}); "
            "add one with Ruleset.with_tariff(year, euros_per_unit)"
        )


@attrs.frozen(kw_only=True)
class ReportingRule:
    """The duty to report the discharged volume within a period after the discharge ends."""

    receivers: tuple[Receiver, ...]
    within: Duration
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource


def _topic(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in TOPICS:
        raise RulesetError(f"gaps.topic: expected one of {', '.join(TOPICS)}, found {value!r}")


@attrs.frozen(kw_only=True)
class Gap:
    """Why a version has no rule on a topic (for an origin or receiver, or all of them).

    An assessment that needs the missing rule is unknown on that point and gives this reason.
    """

    topic: str = attrs.field(validator=_topic)
    reason: str
    reason_nl: str | None = None
    origin: Origin | None = None
    receiver: Receiver | None = None

    def __attrs_post_init__(self) -> None:
        settle_twin(self, "reason")

    def matches(self, topic: str, origin: Origin | None, receiver: Receiver | None) -> int:
        """How specifically the gap matches (-1: not at all)."""
        if topic != self.topic:
            return -1
        if self.origin is not None and self.origin is not origin:
            return -1
        if self.receiver is not None and self.receiver is not receiver:
            return -1
        return (self.origin is not None) + (self.receiver is not None)


@attrs.frozen(kw_only=True)
class Include:
    """National rules that a version takes over (a packaged part, :func:`load_part`).

    Attributes:
        part: The part's name (``"activiteitenbesluit_blbi"``,
            ``"bruidsschat_waterschapsverordening"``).
        caveat: Why the part is taken over and what is not known of it for this board;
            shown with every verdict that rests on it.
        caveat_nl: The caveat in Dutch (the explanation in Dutch shows it).
    """

    part: str
    caveat: str | None = None
    caveat_nl: str | None = None

    def __attrs_post_init__(self) -> None:
        settle_twin(self, "caveat")


@attrs.frozen(kw_only=True)
class RulesetVersion:
    """A period in which one set of legal texts applies to a board's discharges.

    Attributes:
        name: The version's name (``"2021"``, ``"2024"``).
        valid_from: Its first day.
        valid_to: Its last day (``None``: open).
        title: What the version rests on, in a line.
        title_nl: The title in Dutch (the explanation in Dutch shows it).
        sources: The documents it summarises.
        include: National rules it takes over.
        gaps: Why rules are missing from it (what its sources do not give).
    """

    name: str
    valid_from: dt.date = attrs.field(validator=_DATE)
    valid_to: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    title: str
    title_nl: str | None = None
    sources: tuple[Document, ...] = ()
    include: tuple[Include, ...] = ()
    gaps: tuple[Gap, ...] = ()

    def __attrs_post_init__(self) -> None:
        settle_twin(self, "title")

    def covers(self, day: dt.date) -> bool:
        """Whether *day* falls in the version."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def span(self) -> str:
        """The period as text: ``2021-01-01 – 2023-12-31`` or ``from 2024-01-01``."""
        if self.valid_to is None:
            return f"from {self.valid_from}"
        return f"{self.valid_from} – {self.valid_to}"

    def __str__(self) -> str:
        return f"{self.name} ({self.span()})"


@attrs.frozen(kw_only=True)
class RulePart:
    """National rules that ruleset versions include (a file of kind
    ``discharge_rules_part``): quality rules without dates of their own.

    Attributes:
        name: The name a version's ``include`` uses.
        title: The legal texts.
        valid_from: The first day the texts apply, when known (``None``: before any version
            that includes them).
        valid_to: Their last day (``None``: still in force).
        text_version: What is known of the version of the text that was read.
        sources: The documents.
        receivers: Who decides, per receiver (``valid_from`` left out).
        quality: The quality rules (``valid_from`` left out).
    """

    kind: str = attrs.field(validator=attrs.validators.in_(["discharge_rules_part"]))
    name: str
    title: str
    valid_from: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    valid_to: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    text_version: str | None = None
    sources: tuple[Document, ...] = ()
    receivers: tuple[ReceiverRule, ...] = ()
    quality: tuple[QualityRule, ...] = ()

    def __attrs_post_init__(self) -> None:
        days = [r.valid_from for r in self.receivers] + [q.valid_from for q in self.quality]
        dated = [day for day in days if day is not None]
        if dated:
            raise RulesetError(
                f"part {self.name}: expected rules without valid_from (a part takes the "
                f"dates of the version that includes it), found {len(dated)} with one"
            )


@attrs.frozen
class MissingRule:
    """Why an answer is unknown although the activity gives what it needs, as facts: the
    key of a text of :data:`~waterbeleid.discharge.trace.MESSAGES` and its arguments (the
    reason the version records among them, as its file writes it).

    Attributes:
        topic: What is missing: a topic of :data:`TOPICS`, ``"version"`` (no version
            covers the day) or ``"spanning"`` (the discharge runs across a change of
            version).
        message: The key of the text (``"gap.topic"``, ``"gap.version"``, …).
        args: The facts the text states, as ``(name, value)`` pairs.
    """

    topic: str
    message: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def reason(self) -> str | None:
        """The reason the version records, as its file writes it (``None``: none given)."""
        found: str | None = dict(self.args).get("reason")
        return found

    def text(self, on: dt.date | None, language: str = "en") -> str:
        """The reason as an assessment of a discharge starting *on* a day says it, in
        English or Dutch (:class:`~waterbeleid.discharge.trace.Note`)."""
        from waterbeleid.discharge.trace import Note

        return Note.of(self, on).text(language)


@attrs.frozen(kw_only=True)
class VersionCoverage:
    """What one version of a ruleset holds (:meth:`Ruleset.coverage`).

    Attributes:
        version: The version.
        receivers: The receivers whose competent authority it states.
        quality: The cases it has a quality rule for: origin, receiver, and designated
            water body (``None``: either kind).
        quantity: The receivers it has thresholds for.
        notices: The notices (lead times) of its thresholds.
        levies: Its levies.
        reporting: Its reporting duties.
    """

    version: RulesetVersion
    receivers: tuple[Receiver, ...]
    quality: tuple[tuple[Origin, Receiver, bool | None], ...]
    quantity: tuple[Receiver, ...]
    notices: tuple[Any, ...]
    levies: tuple[LevyRule, ...]
    reporting: tuple[ReportingRule, ...]


def _day(rule: QualityRule) -> dt.date:
    return rule.valid_from or dt.date.min


@attrs.frozen(kw_only=True)
class Ruleset:
    """The discharge rules of one water board, in versions, dated and sourced.

    Attributes:
        kind: Always ``discharge_ruleset``.
        name: The name that selects it (``assess(activity, ruleset="de_dommel")``).
        water_board: The water board.
        title: What the ruleset holds, in a line.
        versions: The periods, in order, each with the legal texts it rests on.
        receivers: Who decides, per receiver.
        quality: The quality rules (those of included parts are added per version).
        quantity: The quantity tiers.
        levies: The levies and their tariffs.
        reporting: The reporting duties.
        assumptions: What the sources assume when an activity does not say.
        aliases: Other names of the water board that select it.
        note: A remark on the ruleset as a whole.
    """

    kind: str = attrs.field(validator=attrs.validators.in_(["discharge_ruleset"]))
    name: str
    water_board: str
    title: str
    versions: tuple[RulesetVersion, ...]
    receivers: tuple[ReceiverRule, ...] = ()
    quality: tuple[QualityRule, ...] = ()
    quantity: tuple[QuantityTier, ...] = ()
    levies: tuple[LevyRule, ...] = ()
    reporting: tuple[ReportingRule, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None
    _in_effect: tuple[QualityRule, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _receivers_in_effect: tuple[ReceiverRule, ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _compiled: dict[Any, Any] = attrs.field(
        init=False, factory=dict, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if not self.versions:
            raise RulesetError(f"ruleset {self.name}: expected at least one version, found none")
        for before, after in zip(self.versions, self.versions[1:], strict=False):
            if before.valid_to is None or before.valid_to >= after.valid_from:
                raise RulesetError(
                    f"versions: expected versions in order, each ending before the next "
                    f"starts, found {before} before {after}"
                )
        for version in self.versions:
            if version.valid_to is not None and version.valid_to < version.valid_from:
                raise RulesetError(f"versions: {version.name} ends before it starts")
        topics: dict[str, Iterable[Any]] = {
            "receivers": self.receivers,
            "quality": self.quality,
            "quantity": self.quantity,
            "levies": self.levies,
            "reporting": self.reporting,
            "assumptions": self.assumptions,
        }
        for topic, entries in topics.items():
            for index, entry in enumerate(entries):
                if entry.valid_from is None or self.version_on(entry.valid_from) is None:
                    raise RulesetError(
                        f"{topic}[{index}]: expected a valid_from within a version "
                        f"({', '.join(str(v) for v in self.versions)}), found {entry.valid_from}"
                    )
        keys = [(q.key, q.valid_from) for q in self.quality]
        if len(keys) != len(set(keys)):
            raise RulesetError("quality: two rules for one origin, receiver and day")
        quality, receivers = self._resolve()
        object.__setattr__(self, "_in_effect", quality)
        object.__setattr__(self, "_receivers_in_effect", receivers)

    def _resolve(self) -> tuple[tuple[QualityRule, ...], tuple[ReceiverRule, ...]]:
        """The quality and receiver rules with those of the included parts, in each version
        that includes them; a rule of the board's own replaces a part's rule on the same
        case (origin and receiver; receiver)."""
        rules = list(self.quality)
        receivers = list(self.receivers)
        for version in self.versions:
            own = {
                (q.origin, q.receiver)
                for q in self.quality
                if version.covers(q.valid_from or version.valid_from)
            }
            own_receivers = {
                r.receiver for r in self.receivers if version.covers(r.valid_from or dt.date.min)
            }
            for include in version.include:
                part = load_part(include.part)
                if (part.valid_from is not None and part.valid_from > version.valid_from) or (
                    part.valid_to is not None
                    and (version.valid_to is None or version.valid_to > part.valid_to)
                ):
                    raise RulesetError(
                        f"version {version.name}: the part {part.name!r} applies "
                        f"{part.valid_from or '…'} – {part.valid_to or '…'}, which does not "
                        f"cover the version ({version.span()})"
                    )
                for rule in part.quality:
                    if (rule.origin, rule.receiver) in own:
                        continue
                    rules.append(
                        attrs.evolve(
                            rule,
                            valid_from=version.valid_from,
                            caveat=joined(include.caveat, rule.caveat),
                        )
                    )
                receivers.extend(
                    attrs.evolve(r, valid_from=version.valid_from)
                    for r in part.receivers
                    if r.receiver not in own_receivers
                )
        return tuple(rules), tuple(receivers)

    # -- what the ruleset covers --------------------------------------------------------------
    @property
    def valid_from(self) -> dt.date:
        """The first day of the first version."""
        return self.versions[0].valid_from

    @property
    def valid_to(self) -> dt.date | None:
        """The last day of the last version (``None``: open)."""
        return self.versions[-1].valid_to

    @property
    def sources(self) -> tuple[Document, ...]:
        """Every document the versions (and the parts they include) rest on."""
        found: dict[tuple[str, str | None], Document] = {}
        for version in self.versions:
            for document in version.sources:
                found.setdefault((document.title, document.address), document)
            for include in version.include:
                for document in load_part(include.part).sources:
                    found.setdefault((document.title, document.address), document)
        return tuple(found.values())

    @property
    def receivers_in_effect(self) -> tuple[ReceiverRule, ...]:
        """Every receiver rule, those of included parts dated by the version including them."""
        return self._receivers_in_effect

    @property
    def quality_in_effect(self) -> tuple[QualityRule, ...]:
        """Every quality rule, those of included parts dated by the version including them."""
        return self._in_effect

    def version_on(self, on: dt.date | None) -> RulesetVersion | None:
        """The version that covers *on* (the last version for ``None``)."""
        if on is None:
            return self.versions[-1]
        for version in self.versions:
            if version.covers(on):
                return version
        return None

    def spans(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether a discharge from *start* to *end* starts under one version and ends under
        another (or after the last day the ruleset covers)."""
        if start is None or end is None:
            return False
        first = self.version_on(start)
        return first is not None and not first.covers(end)

    def spanning(self, start: dt.date, end: dt.date) -> MissingRule:
        """Why a discharge from *start* to *end* that :meth:`spans` versions gets no rules."""
        first, last = self.version_on(start), self.version_on(end)
        message = "gap.spanning" if last is not None else "gap.spanning_beyond"
        args = (
            ("topic", "spanning"),
            ("start", start),
            ("end", end),
            ("first", first),
            ("later", last),
            ("ruleset", self.name),
        )
        return MissingRule("spanning", message, args)

    def uncovered(self) -> MissingRule:
        """Why no version covers a day that lies outside the versions."""
        args = (("topic", "version"), ("ruleset", self.name), ("spans", self.versions))
        return MissingRule("version", "gap.version", args)

    def gap(
        self,
        topic: str,
        on: dt.date | None,
        origin: Origin | None = None,
        receiver: Receiver | None = None,
    ) -> MissingRule:
        """Why no rule on *topic* is in force on *on*: the reason its version records (the
        best matching :class:`Gap`), or that no version covers the day."""
        version = self.version_on(on)
        if version is None:
            return self.uncovered()
        best: tuple[int, Gap] | None = None
        for gap in version.gaps:
            score = gap.matches(topic, origin, receiver)
            if score >= 0 and (best is None or score > best[0]):
                best = (score, gap)
        args = (
            ("topic", topic),
            ("ruleset", self.name),
            ("version", version),
            ("reason", best[1].reason if best else None),
        )
        return MissingRule(topic, "gap.topic", args)

    # -- lookups by date --------------------------------------------------------------------
    def _in_force(self, entries: Iterable[Any], on: dt.date | None) -> list[Any]:
        version = self.version_on(on)
        if version is None:
            return []
        return [
            e
            for e in entries
            if version.covers(e.valid_from) and (on is None or e.valid_from <= on)
        ]

    def _latest(self, entries: Iterable[Any], on: dt.date | None) -> Any:
        candidates = self._in_force(entries, on)
        if not candidates:
            return None
        return max(candidates, key=lambda e: e.valid_from)

    def receiver_rule(self, receiver: Receiver, on: dt.date | None = None) -> ReceiverRule | None:
        """The receiver rule in force *on* a date (the newest when ``on`` is ``None``)."""
        found: ReceiverRule | None = self._latest(
            (r for r in self._receivers_in_effect if r.receiver is receiver), on
        )
        return found

    def quality_rules(
        self, origin: Origin, receiver: Receiver, on: dt.date | None = None
    ) -> tuple[QualityRule, ...]:
        """The quality rules in force for an origin and receiver: one, or one for a
        designated and one for a non-designated surface water body."""
        chosen: dict[bool | None, QualityRule] = {}
        for rule in self._in_force(
            (q for q in self._in_effect if q.origin is origin and q.receiver is receiver), on
        ):
            known = chosen.get(rule.designated_water_body)
            if known is None or _day(rule) > _day(known):
                chosen[rule.designated_water_body] = rule
        both = chosen.get(None)
        if both is not None:  # a rule for every water body ends older ones for one kind
            if all(_day(both) >= _day(r) for r in chosen.values()):
                return (both,)
            del chosen[None]
            chosen = {k: r for k, r in chosen.items() if _day(r) > _day(both)}
        return tuple(rule for key in (True, False) if (rule := chosen.get(key)) is not None)

    def quality_rule(
        self,
        origin: Origin,
        receiver: Receiver,
        on: dt.date | None = None,
        designated_water_body: bool | None = None,
    ) -> QualityRule | None:
        """The quality rule in force for an origin and receiver (and, where the rules
        differ, for a designated or non-designated surface water body)."""
        rules = self.quality_rules(origin, receiver, on)
        for rule in rules:
            if rule.designated_water_body in (None, designated_water_body):
                return rule
        return None

    def assumptions_for(self, origin: Origin, on: dt.date | None = None) -> tuple[Assumption, ...]:
        """The assumptions in force for an origin, one per parameter (the newest)."""
        chosen: dict[str, Assumption] = {}
        for parameter in dict.fromkeys(a.parameter for a in self.assumptions):
            found: Assumption | None = self._latest(
                (a for a in self.assumptions if a.origin is origin and a.parameter == parameter),
                on,
            )
            if found is not None:
                chosen[parameter] = found
        return tuple(chosen.values())

    def levy_rules(self, on: dt.date | None = None) -> tuple[LevyRule, ...]:
        """The levies in force *on* a date (empty when none is): the newest of each kind and
        its origins."""
        chosen: dict[tuple[LevyKind, tuple[Origin, ...]], LevyRule] = {}
        for rule in sorted(self._in_force(self.levies, on), key=lambda r: r.valid_from):
            chosen[rule.kind, rule.origins] = rule
        return tuple(chosen.values())

    def reporting_rules(self, on: dt.date | None = None) -> tuple[ReportingRule, ...]:
        """The reporting duty in force *on* a date (empty when none is)."""
        found: ReportingRule | None = self._latest(self.reporting, on)
        return () if found is None else (found,)

    def quantity_tiers(
        self, receiver: Receiver, on: dt.date | None = None
    ) -> tuple[QuantityTier, ...]:
        """The quantity tiers in force for a receiver, in order (empty when none apply)."""
        tiers = self._in_force((t for t in self.quantity if t.receiver is receiver), on)
        if not tiers:
            return ()
        newest = max(t.valid_from for t in tiers)
        return tuple(t for t in tiers if t.valid_from == newest)

    def change_days(self) -> tuple[dt.date, ...]:
        """The days on which some rule (or version) starts to apply, in order.

        Between two of them (and before the first, and from the last on) the rules in force
        are the same on every day: an assessment compiles them once per such period.
        """
        days = {v.valid_from for v in self.versions}
        days |= {v.valid_to + dt.timedelta(days=1) for v in self.versions if v.valid_to}
        for entries in (self._receivers_in_effect, self.quantity, self.assumptions, self.levies):
            days |= {e.valid_from for e in entries if e.valid_from is not None}
        days |= {r.valid_from for r in self.reporting}
        days |= {q.valid_from for q in self._in_effect if q.valid_from is not None}
        return tuple(sorted(days))

    def period(self, on: dt.date | None) -> tuple[int, dt.date | None]:
        """The period of :meth:`change_days` that *on* falls in, and a day that stands for it.

        ``on=None`` (no start date) is its own period, after the others: the newest rules.
        """
        days = self._compiled.get("days")
        if days is None:
            days = self._compiled["days"] = self.change_days()
        if on is None:
            return len(days) + 1, None
        index = bisect.bisect_right(days, on)
        if index == 0:
            return 0, days[0] - dt.timedelta(days=1) if days[0] > dt.date.min else days[0]
        return index, days[index - 1]

    # -- tariffs ------------------------------------------------------------------------------
    def _levies_of_year(self, year: int, kind: LevyKind | str | None) -> list[LevyRule]:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        found: list[LevyRule] = []
        for version in self.versions:
            if version.valid_from > last or (version.valid_to and version.valid_to < first):
                continue
            for rule in self.levy_rules(max(first, version.valid_from)):
                if rule not in found:
                    found.append(rule)
        if kind is not None:
            wanted = LevyKind.parse(kind) if isinstance(kind, str) else kind
            found = [r for r in found if r.kind is wanted]
        return found

    def tariff(self, year: int, kind: LevyKind | str | None = None) -> Tariff:
        """The levy tariff of *year* (of the levy *kind*, where the board has two).

        Raises:
            TariffNotFoundError: no tariff for that year.
        """
        levies = self._levies_of_year(year, kind)
        for levy in levies:
            for tariff in levy.tariffs:
                if tariff.year == year:
                    return tariff
        if levies:
            return levies[0].tariff(year, self.name)
        raise TariffNotFoundError(
            f"no levy tariff for {year} in ruleset {self.name!r}: no levy rule is known for "
            "that year"
        )

    def with_tariff(
        self,
        year: int,
        per_unit: decimal.Decimal | str | int,
        *,
        source: str | RuleSource = "caller",
        kind: LevyKind | str | None = None,
    ) -> Ruleset:
        """A copy with the tariff of *year* set (replacing one the ruleset had), in the levy
        in force that year (of *kind*, when two levies are).

        Raises:
            RulesetError: *per_unit* is not a non-negative decimal amount, or no levy (or
                more than one, without *kind*) is in force in *year*.
        """
        if isinstance(per_unit, float):
            raise RulesetError(
                "per_unit: give the tariff as a Decimal or a text like '61.00', not a float"
            )
        try:
            amount = decimal.Decimal(str(per_unit))
        except decimal.InvalidOperation:
            raise RulesetError(
                f"per_unit: expected a decimal amount like '61.00', found {per_unit!r}"
            ) from None
        if not amount.is_finite() or amount < 0:
            raise RulesetError(f"per_unit: expected an amount of zero or more, found {per_unit!r}")
        if isinstance(year, bool) or not isinstance(year, int):
            raise RulesetError(f"year: expected an int, found {year!r}")
        levies = self._levies_of_year(year, kind)
        if len(levies) != 1:
            found = ", ".join(r.kind.value for r in levies) or "none"
            raise RulesetError(
                f"year: expected one levy of ruleset {self.name!r} in force in {year} to add "
                f"the tariff to (pass kind= where there are two), found {found}"
            )
        target = levies[0]
        origin = source if isinstance(source, RuleSource) else RuleSource(document=source)
        tariffs = (
            *(t for t in target.tariffs if t.year != year),
            Tariff(year=year, per_unit=amount, source=origin),
        )
        changed = attrs.evolve(target, tariffs=tuple(sorted(tariffs, key=lambda t: t.year)))
        levies_now = tuple(changed if r is target else r for r in self.levies)
        return attrs.evolve(self, levies=levies_now)

    # -- coverage -------------------------------------------------------------------------------
    def coverage(self) -> tuple[VersionCoverage, ...]:
        """What each version holds: the rules a source gives (the rest is unknown)."""
        found = []
        for version in self.versions:

            def in_version(entries: Iterable[Any], v: RulesetVersion = version) -> list[Any]:
                return [e for e in entries if v.covers(e.valid_from or v.valid_from)]

            quality = in_version(self._in_effect)
            found.append(
                VersionCoverage(
                    version=version,
                    receivers=tuple(
                        dict.fromkeys(r.receiver for r in in_version(self._receivers_in_effect))
                    ),
                    quality=tuple(
                        dict.fromkeys(
                            (q.origin, q.receiver, q.designated_water_body) for q in quality
                        )
                    ),
                    quantity=tuple(dict.fromkeys(t.receiver for t in in_version(self.quantity))),
                    notices=tuple(
                        t.notice for t in in_version(self.quantity) if t.notice is not None
                    ),
                    levies=tuple(in_version(self.levies)),
                    reporting=tuple(in_version(self.reporting)),
                )
            )
        return tuple(found)

    # -- selection ------------------------------------------------------------------------------
    def serves(self, water_board: str) -> bool:
        """Whether *water_board* names this ruleset's board (its name, the board's name, or
        an alias; case, accents and words such as *waterschap* do not matter)."""
        wanted = _board_key(water_board)
        return wanted in {_board_key(n) for n in (self.name, self.water_board, *self.aliases)}


_BOARD_WORDS: Final = ("waterschap", "hoogheemraadschap", "wetterskip", "van")


def _board_key(text: str) -> str:
    words = [w for w in fold(text).split("_") if w and w not in _BOARD_WORDS]
    return "".join(words)


def _structure(data: Any, cls: type[Any], where: str) -> Any:
    from waterbeleid.errors import StructureError
    from waterbeleid.serialize import structure

    what = "ruleset" if cls is Ruleset else "rules part"
    try:
        return structure(data, cls, what=f"{what} {where}")
    except StructureError as exc:
        raise RulesetError(str(exc)) from None


def load_ruleset(source: str | os.PathLike[str] | dict[str, Any]) -> Ruleset:
    """Load a ruleset from a YAML/JSON file or from plain data.

    Raises:
        RulesetError: the file or data is not a complete, valid ruleset.
        DatasetError: the file cannot be read.
    """
    if isinstance(source, dict):
        result: Ruleset = _structure(source, Ruleset, "<data>")
        return result
    from waterbeleid._io import read_path

    loaded: Ruleset = _structure(read_path(source), Ruleset, str(source))
    return loaded


def _packaged(folder: str) -> Any:
    return resources.files("waterbeleid.discharge").joinpath("rules", *folder.split("/"))


def _read_packaged(path: Any, where: str) -> Any:
    from waterbeleid._io import load_text

    return load_text(path.read_text(encoding="utf-8"), "yaml", where)


@functools.cache
def load_part(name: str) -> RulePart:
    """A packaged part of national rules, by name.

    Raises:
        RulesetError: no such part.
    """
    folder = _packaged("national")
    names = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
    if name not in names:
        raise RulesetError(
            f"include: expected a packaged part ({', '.join(names)}), found {name!r}"
        )
    where = f"waterbeleid/discharge/rules/national/{name}.yaml"
    part: RulePart = _structure(_read_packaged(folder / f"{name}.yaml", where), RulePart, where)
    if part.name != name:
        raise RulesetError(f"{where}: expected the name {name!r}, found {part.name!r}")
    return part


@functools.cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _packaged("").iterdir() if p.name.endswith(".yaml")))


@functools.cache
def packaged_ruleset(name: str) -> Ruleset:
    """The packaged ruleset of that name (see :func:`rulesets`).

    Raises:
        RulesetError: no packaged ruleset has that name.
    """
    if name not in _names():
        raise RulesetError(
            f"ruleset: expected a packaged ruleset ({', '.join(_names())}) or a ruleset "
            f"file, found {name!r}"
        )
    where = f"waterbeleid/discharge/rules/{name}.yaml"
    data = _read_packaged(_packaged("") / f"{name}.yaml", where)
    rules: Ruleset = _structure(data, Ruleset, where)
    if rules.name != name:
        raise RulesetError(f"{where}: expected the name {name!r}, found {rules.name!r}")
    return rules


def rulesets() -> tuple[Ruleset, ...]:
    """Every packaged ruleset, by name: ``.name``, ``.water_board``, ``.valid_from``,
    ``.valid_to``, ``.versions`` and ``.sources`` say what each covers."""
    return tuple(packaged_ruleset(name) for name in _names())


def find_ruleset(water_board: str) -> Ruleset:
    """The packaged ruleset of a water board (by ruleset name, board name or alias).

    Raises:
        RulesetError: no packaged ruleset serves that board.
    """
    for rules in rulesets():
        if rules.serves(water_board):
            return rules
    known = ", ".join(f"{r.name} ({r.water_board})" for r in rulesets())
    raise RulesetError(
        f"water_board: expected a water board with a packaged ruleset ({known}), found "
        f"{water_board!r}; pass ruleset= with a ruleset of your own"
    )


def resolve(ruleset: Ruleset | str | os.PathLike[str] | None, water_board: str | None) -> Ruleset:
    """The ruleset that applies: *ruleset* (a :class:`Ruleset`, a packaged name or a file),
    else the packaged ruleset of *water_board*, else :func:`default_ruleset`.

    Raises:
        RulesetError: an unknown name or board, or a *ruleset* for another board than
            *water_board*.
        TypeError: *ruleset* of another type.
    """
    if ruleset is None:
        return default_ruleset() if water_board is None else find_ruleset(water_board)
    if isinstance(ruleset, Ruleset):
        rules = ruleset
    elif isinstance(ruleset, (str, os.PathLike)):
        text = os.fspath(ruleset)
        looks_like_file = text.endswith((".yaml", ".yml", ".json")) or os.sep in text
        rules = load_ruleset(text) if looks_like_file else packaged_ruleset(text)
    else:
        raise TypeError(
            f"ruleset: expected a Ruleset, a packaged ruleset's name or a file, found "
            f"{type(ruleset).__name__}"
        )
    if water_board is not None and not rules.serves(water_board):
        raise RulesetError(
            f"water_board: expected the board of the ruleset {rules.name!r} "
            f"({rules.water_board}), found {water_board!r}; give one of the two, or both for "
            "the same board"
        )
    return rules


def default_ruleset() -> Ruleset:
    """The default ruleset: Waterschap Brabantse Delta (its 2021 guidance, and since 2024
    what the sources give)."""
    return packaged_ruleset("brabantse_delta")
