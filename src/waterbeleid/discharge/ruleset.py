"""The discharge rules as dated data: limits, thresholds and tariffs with their sources.

A ruleset is a YAML (or JSON) file of kind ``discharge_ruleset``; the one that ships
with waterbeleid holds the rules of the Waterschap Brabantse Delta guidance (2021).
Load your own with :func:`load_ruleset`, or add tariffs to the packaged one with
:meth:`Ruleset.with_tariff`:

>>> from decimal import Decimal
>>> rules = default_ruleset().with_tariff(2022, "61.00", source="Tarievenbesluit 2022")
>>> rules.tariff(2022).per_unit
Decimal('61.00')
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import functools
import os
from collections.abc import Iterable
from fractions import Fraction
from importlib import resources
from typing import Any

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Duration, Quantity, Volume
from waterbeleid.discharge import exact
from waterbeleid.discharge.exact import Comparison, Threshold
from waterbeleid.discharge.model import (
    FLAGS,
    PARAMETERS,
    REFERENCE_UNITS,
    Authority,
    Obligation,
    Origin,
    Receiver,
)
from waterbeleid.errors import RulesetError, TariffNotFoundError

__all__ = [
    "Assumption",
    "Comparison",
    "Condition",
    "LevyRule",
    "QualityRule",
    "QualityVerdict",
    "QuantityTier",
    "ReceiverRule",
    "ReportingRule",
    "RuleSource",
    "Ruleset",
    "Tariff",
    "default_ruleset",
    "load_ruleset",
]


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


@attrs.frozen(kw_only=True)
class RuleSource:
    """Where a rule comes from: a document, an article, and its words."""

    document: str
    article: str | None = None
    quote: str | None = None

    def __str__(self) -> str:
        return f"{self.document}" + (f" ({self.article})" if self.article else "")


def _parameter(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    allowed = (*PARAMETERS, *FLAGS)
    if value not in allowed:
        raise RulesetError(
            f"{attribute.name}: expected one of {', '.join(allowed)}, found {value!r}"
        )


@attrs.frozen(kw_only=True)
class Condition:
    """One limit: ``parameter <comparison> limit``.

    ``limit`` is a quantity for the measured parameters and a ``bool`` for
    ``visual_pollution``. A value is compared in its own unit with the limit converted
    exactly into that unit (:mod:`waterbeleid.discharge.exact`): the threshold of each
    unit is derived once and kept.
    """

    parameter: str = attrs.field(validator=_parameter)
    comparison: Comparison
    limit: Quantity | bool
    _exact: Fraction = attrs.field(init=False, repr=False, eq=False, hash=False)
    _unit: str = attrs.field(init=False, repr=False, eq=False, hash=False)
    _thresholds: dict[str, Threshold] = attrs.field(init=False, repr=False, eq=False, hash=False)
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

            try:
                q = units.quantity(self.limit, PARAMETERS[self.parameter])
                number, unit = exact.measure(q)
            except Exception as exc:
                raise RulesetError(f"{self.parameter}: {exc}") from None
            object.__setattr__(self, "limit", q)
        object.__setattr__(self, "_exact", exact.decimal_value(number))
        object.__setattr__(self, "_unit", unit)
        object.__setattr__(self, "_thresholds", {})
        limit = self.limit if isinstance(self.limit, bool) else format_quantity(self.limit)
        object.__setattr__(self, "_text", f"{self.parameter} {self.comparison.symbol} {limit}")

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
        key)``, or a ``bool`` for a yes/no parameter.
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


@attrs.frozen(kw_only=True)
class ReceiverRule:
    """Who decides on discharges into a receiver, and what the water board must be told.

    Attributes:
        receiver: The receiving water.
        preference: Its place in the national order of preference (1 first).
        authority: The competent authority (*bevoegd gezag*).
        municipal_consent: Whether the municipality must consent.
        water_board_obligation: What the water board requires as competent authority, when
            the receiver rule says it (``none`` for soil and for the sewers, where the
            municipality decides); ``None`` when the quantity tiers decide.
        levy_registration: Whether the discharge must be reported to the water board for
            the levy (*melden in verband met de heffing*); ``None`` when the source does
            not say.
        valid_from: The first day the rule applies.
        source: The legal source.
        note: A remark shown in the assessment.
    """

    receiver: Receiver
    preference: int
    authority: Authority
    municipal_consent: bool
    water_board_obligation: Obligation | None
    levy_registration: bool | None
    valid_from: dt.date = attrs.field(validator=_DATE)
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


@attrs.frozen(kw_only=True)
class QualityRule:
    """The quality rule for one origin and receiver."""

    origin: Origin
    receiver: Receiver
    rule: QualityVerdict
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource
    conditions: tuple[Condition, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.rule is QualityVerdict.CONDITIONAL) != bool(self.conditions):
            raise RulesetError(
                f"quality rule {self.origin.value}/{self.receiver.value}: conditions go with "
                f"rule 'conditional' and only with it, found rule {self.rule.value!r} with "
                f"{len(self.conditions)} condition(s)"
            )


@attrs.frozen(kw_only=True)
class QuantityTier:
    """One tier of the quantity thresholds: the obligation when all conditions hold."""

    receiver: Receiver
    obligation: Obligation
    valid_from: dt.date = attrs.field(validator=_DATE)
    conditions: tuple[Condition, ...]
    source: RuleSource


@attrs.frozen(kw_only=True)
class Tariff:
    """The levy per pollution unit (*vervuilingseenheid*, ve) in one year, in euros."""

    year: int
    per_unit: decimal.Decimal
    source: RuleSource


@attrs.frozen(kw_only=True)
class LevyRule:
    """The levy: one pollution unit per ``volume_per_unit`` discharged, times the tariff."""

    receivers: tuple[Receiver, ...]
    volume_per_unit: Volume
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource
    tariffs: tuple[Tariff, ...] = ()

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
            f"no levy tariff for {year}{where} (known years: {known}); "
            "add one with Ruleset.with_tariff(year, euros_per_unit)"
        )


@attrs.frozen(kw_only=True)
class ReportingRule:
    """The duty to report the discharged volume within a period after the discharge ends."""

    receivers: tuple[Receiver, ...]
    within: Duration
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource


@attrs.frozen(kw_only=True)
class RulesetSource:
    """The document a ruleset summarises."""

    document: str
    title: str
    publisher: str | None = None
    year: int | None = None


@attrs.frozen(kw_only=True)
class Ruleset:
    """Every parameter of the discharge rules, dated and sourced."""

    kind: str = attrs.field(validator=attrs.validators.in_(["discharge_ruleset"]))
    name: str
    source: RulesetSource
    receivers: tuple[ReceiverRule, ...]
    quality: tuple[QualityRule, ...]
    quantity: tuple[QuantityTier, ...]
    levy: LevyRule
    reporting: ReportingRule
    assumptions: tuple[Assumption, ...] = ()
    _compiled: dict[Any, Any] = attrs.field(
        init=False, factory=dict, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        years = [t.year for t in self.levy.tariffs]
        if len(years) != len(set(years)):
            raise RulesetError(f"levy.tariffs: a year appears more than once in {years}")
        for receiver in Receiver:
            if not any(r.receiver is receiver for r in self.receivers):
                raise RulesetError(f"receivers: no rule for receiver {receiver.value!r}")

    # -- lookups by date --------------------------------------------------------------------
    @staticmethod
    def _latest(entries: Iterable[Any], on: dt.date | None) -> Any:
        candidates = [e for e in entries if on is None or e.valid_from <= on]
        if not candidates:
            return None
        return max(candidates, key=lambda e: e.valid_from)

    def receiver_rule(self, receiver: Receiver, on: dt.date | None = None) -> ReceiverRule | None:
        """The receiver rule in force *on* a date (the latest one when ``on`` is ``None``)."""
        found: ReceiverRule | None = self._latest(
            (r for r in self.receivers if r.receiver is receiver), on
        )
        return found

    def quality_rule(
        self, origin: Origin, receiver: Receiver, on: dt.date | None = None
    ) -> QualityRule | None:
        """The quality rule in force for an origin and receiver."""
        found: QualityRule | None = self._latest(
            (q for q in self.quality if q.origin is origin and q.receiver is receiver), on
        )
        return found

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
        """The levies in force *on* a date (empty when none is)."""
        return (self.levy,) if on is None or self.levy.valid_from <= on else ()

    def reporting_rules(self, on: dt.date | None = None) -> tuple[ReportingRule, ...]:
        """The reporting duties in force *on* a date (empty when none is)."""
        return (self.reporting,) if on is None or self.reporting.valid_from <= on else ()

    def change_days(self) -> tuple[dt.date, ...]:
        """The days on which some rule starts to apply, in order.

        Between two of them (and before the first, and from the last on) the rules in force
        are the same on every day: an assessment compiles them once per such period.
        """
        days = {r.valid_from for r in self.receivers}
        days |= {q.valid_from for q in self.quality}
        days |= {t.valid_from for t in self.quantity}
        days |= {a.valid_from for a in self.assumptions}
        days |= {self.levy.valid_from, self.reporting.valid_from}
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

    def quantity_tiers(
        self, receiver: Receiver, on: dt.date | None = None
    ) -> tuple[QuantityTier, ...]:
        """The quantity tiers in force for a receiver, in order (empty when none apply)."""
        tiers = [
            t
            for t in self.quantity
            if t.receiver is receiver and (on is None or t.valid_from <= on)
        ]
        if not tiers:
            return ()
        newest = max(t.valid_from for t in tiers)
        return tuple(t for t in tiers if t.valid_from == newest)

    def tariff(self, year: int) -> Tariff:
        """The levy tariff of *year*.

        Raises:
            TariffNotFoundError: the ruleset has no tariff for that year.
        """
        return self.levy.tariff(year, self.name)

    def with_tariff(
        self,
        year: int,
        per_unit: decimal.Decimal | str | int,
        *,
        source: str | RuleSource = "caller",
    ) -> Ruleset:
        """A copy with the tariff of *year* set (replacing one the ruleset had).

        Raises:
            RulesetError: *per_unit* is not a non-negative decimal amount.
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
        origin = source if isinstance(source, RuleSource) else RuleSource(document=source)
        tariffs = (
            *(t for t in self.levy.tariffs if t.year != year),
            Tariff(year=year, per_unit=amount, source=origin),
        )
        levy = attrs.evolve(self.levy, tariffs=tuple(sorted(tariffs, key=lambda t: t.year)))
        return attrs.evolve(self, levy=levy)


def _structure(data: Any, where: str) -> Ruleset:
    from waterbeleid.errors import StructureError
    from waterbeleid.serialize import structure

    try:
        return structure(data, Ruleset, what=f"ruleset {where}")
    except StructureError as exc:
        raise RulesetError(str(exc)) from None


def load_ruleset(source: str | os.PathLike[str] | dict[str, Any]) -> Ruleset:
    """Load a ruleset from a YAML/JSON file or from plain data.

    Raises:
        RulesetError: the file or data is not a complete, valid ruleset.
        DatasetError: the file cannot be read.
    """
    if isinstance(source, dict):
        return _structure(source, "<data>")
    from waterbeleid._io import read_path

    return _structure(read_path(source), str(source))


@functools.cache
def default_ruleset() -> Ruleset:
    """The packaged ruleset: the Waterschap Brabantse Delta guidance (2021)."""
    from waterbeleid._io import load_text

    text = resources.files("waterbeleid.discharge").joinpath("rules", "brabantse_delta.yaml")
    data = load_text(
        text.read_text(encoding="utf-8"), "yaml", "waterbeleid/discharge/rules/brabantse_delta.yaml"
    )
    return _structure(data, "brabantse_delta.yaml")
