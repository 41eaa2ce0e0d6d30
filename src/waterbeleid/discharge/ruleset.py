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

import datetime as dt
import decimal
import functools
import os
from collections.abc import Iterable
from importlib import resources
from typing import Any

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Duration, Quantity, Volume
from waterbeleid.discharge.model import REFERENCE_UNITS, Authority, Obligation, Origin, Receiver
from waterbeleid.errors import RulesetError, TariffNotFoundError

__all__ = [
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


class Comparison(LabelledEnum):
    """How a measured value must relate to a limit for a condition to hold."""

    AT_MOST = ("at_most", "ten hoogste", ("niet meer dan", "tot", "<="))
    LESS_THAN = ("less_than", "minder dan", ("korter dan", "<"))
    MORE_THAN = ("more_than", "meer dan", (">",))
    AT_LEAST = ("at_least", "ten minste", (">=",))
    EQUALS = ("equals", "gelijk aan", ("==",))

    @property
    def symbol(self) -> str:
        """``<=``, ``<``, ``>``, ``>=`` or ``==``."""
        return {
            "at_most": "<=",
            "less_than": "<",
            "more_than": ">",
            "at_least": ">=",
            "equals": "==",
        }[self.value]

    def holds(self, value: float | bool, limit: float | bool) -> bool:
        """Whether ``value <op> limit``."""
        if self is Comparison.AT_MOST:
            return value <= limit
        if self is Comparison.LESS_THAN:
            return value < limit
        if self is Comparison.MORE_THAN:
            return value > limit
        if self is Comparison.AT_LEAST:
            return value >= limit
        return value == limit


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
    allowed = (*REFERENCE_UNITS, "visual_pollution")
    if value not in allowed:
        raise RulesetError(
            f"{attribute.name}: expected one of {', '.join(allowed)}, found {value!r}"
        )


@attrs.frozen(kw_only=True)
class Condition:
    """One limit: ``parameter <comparison> limit``.

    ``limit`` is a quantity for the measured parameters and a ``bool`` for
    ``visual_pollution``.
    """

    parameter: str = attrs.field(validator=_parameter)
    comparison: Comparison
    limit: Quantity | bool
    _reference: float | bool = attrs.field(init=False, repr=False, eq=False, hash=False)
    _text: str = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        from waterbeleid.units import format_quantity

        if self.parameter == "visual_pollution":
            if not isinstance(self.limit, bool):
                raise RulesetError(
                    f"visual_pollution: expected true or false, found {self.limit!r}"
                )
            reference: float | bool = self.limit
        else:
            from waterbeleid import units

            dimension = (
                "concentration"
                if self.parameter in ("suspended_solids", "iron")
                else self.parameter
            )
            try:
                q = units.quantity(self.limit, dimension)
            except Exception as exc:
                raise RulesetError(f"{self.parameter}: {exc}") from None
            object.__setattr__(self, "limit", q)
            reference = float(q.m_as(REFERENCE_UNITS[self.parameter]))
        object.__setattr__(self, "_reference", reference)
        limit = self.limit if isinstance(self.limit, bool) else format_quantity(self.limit)
        object.__setattr__(self, "_text", f"{self.parameter} {self.comparison.symbol} {limit}")

    @property
    def reference(self) -> float | bool:
        """The limit in :data:`~waterbeleid.discharge.model.REFERENCE_UNITS`."""
        return self._reference

    def holds(self, value: float | bool | None) -> bool | None:
        """Whether *value* (in reference units) meets the condition; ``None`` if unknown."""
        if value is None:
            return None
        return self.comparison.holds(value, self._reference)

    def describe(self) -> str:
        """The condition as text, e.g. ``"iron <= 5 mg/l"``."""
        return self._text


_DATE = attrs.validators.instance_of(dt.date)


@attrs.frozen(kw_only=True)
class ReceiverRule:
    """Who decides on discharges into a receiver, and what the water board must be told."""

    receiver: Receiver
    preference: int
    authority: Authority
    municipal_consent: bool
    water_board_notification: bool | None
    valid_from: dt.date = attrs.field(validator=_DATE)
    source: RuleSource
    note: str | None = None


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
        for tariff in self.levy.tariffs:
            if tariff.year == year:
                return tariff
        known = ", ".join(str(t.year) for t in self.levy.tariffs) or "none"
        raise TariffNotFoundError(
            f"no levy tariff for {year} in ruleset {self.name!r} (known years: {known}); "
            "add one with Ruleset.with_tariff(year, euros_per_unit)"
        )

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
