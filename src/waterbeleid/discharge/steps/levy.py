"""Step 4: the levy — does it apply, must the water board be told, and how much.

The levy of a receiver is the one in force that covers it, as the law names it: the
*verontreinigingsheffing* for surface water, the *zuiveringsheffing* for a sewer whose
water reaches the treatment plant, or a levy (*heffing*) that the source does not name.
One pollution unit (*vervuilingseenheid*) per ``volume_per_unit`` discharged, times the
tariff of the year, rounded to whole cents half up. The volume is exact (each magnitude
the decimal it writes, units converted by exact factors), so the amount is exact at any
size. A discharge that is not allowed is not levied; a receiver that a source says is not
levied pays nothing; when no levy in force covers the receiver (or none is in force at
all) the levy is unknown (``None``), never zero, and the ruleset's reason is given.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid.discharge import exact
from waterbeleid.discharge.model import Origin, Receiver
from waterbeleid.discharge.ruleset import LevyRule, MissingRule, ReceiverRule, Ruleset
from waterbeleid.discharge.steps.conditions import FALSE
from waterbeleid.discharge.trace import Note, TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.steps import Groups

__all__ = [
    "LEVY_ROUNDING",
    "LevyPlan",
    "amount",
    "amounts",
    "columns",
    "decide",
    "plan",
    "pollution_units",
]

#: The levy is rounded to whole cents, half up (the guidance gives no rounding rule).
LEVY_ROUNDING: Final = (decimal.Decimal("0.01"), decimal.ROUND_HALF_UP)
_ZERO: Final = decimal.Decimal("0.00")


@attrs.frozen
class LevyPlan:
    """The levy in force for a receiver, and whether the water board must be told of it.

    Attributes:
        rule: The levy that covers the receiver (``None``: none does, or none in force).
        in_force: Whether any levy rule is in force on the date.
        receiver_rule: The receiver rule, which states the levy registration.
        exempt_by: The levy in force that says the receiver is not levied.
        gap: Why the levy of the receiver is unknown (when it is).
    """

    rule: LevyRule | None
    in_force: bool
    receiver_rule: ReceiverRule | None
    exempt_by: LevyRule | None = None
    gap: MissingRule | None = None

    @property
    def applies(self) -> bool | None:
        """Whether the levy applies (``None``: unknown)."""
        if self.rule is not None:
            return True
        return False if self.exempt_by is not None else None

    @property
    def registration(self) -> bool | None:
        """Whether the discharge must be reported to the water board for the levy."""
        return None if self.receiver_rule is None else self.receiver_rule.levy_registration


def plan(rules: Ruleset, origin: Origin, receiver: Receiver, on: dt.date | None) -> LevyPlan:
    """The levy in force *on* a date for water of an origin discharged into a receiver."""
    in_force = rules.levy_rules(on)
    covering = next((r for r in in_force if r.covers(origin, receiver)), None)
    exempt = None
    if covering is None:
        exempt = next((r for r in in_force if receiver in r.not_levied), None)
    gap = None
    if covering is None and exempt is None:
        gap = rules.gap("levy", on, receiver=receiver)
        if in_force:
            args = (
                ("topic", "levy"),
                ("kinds", tuple(dict.fromkeys(r.kind for r in in_force))),
                ("origin", origin),
                ("receiver", receiver),
            )
            gap = MissingRule("levy", "gap.levy_basis", args)
    return LevyPlan(covering, bool(in_force), rules.receiver_rule(receiver, on), exempt, gap)


def decide(
    plan: LevyPlan,
    receiver: Receiver,
    allowed: bool | None,
    trace: list[TraceEntry],
    gaps: list[Note] | None = None,
    on: dt.date | None = None,
) -> tuple[bool | None, bool | None]:
    """Whether the levy applies and whether the water board must be told, for one activity."""
    values = (("receiver", receiver),)
    if allowed is False:
        source = None if plan.rule is None else plan.rule.source
        trace.append(TraceEntry.not_allowed("levy", source, *values))
        return False, False
    if plan.rule is not None:
        kind = ("kind", plan.rule.kind)
        args: tuple[tuple[str, Any], ...]
        if plan.rule.volume_per_unit is not None:
            message, args = "levy.applies", (kind, ("per_unit", plan.rule.volume_per_unit))
        else:
            message, args = "levy.applies_no_basis", (kind,)
        trace.append(
            TraceEntry(
                rule="levy", message=message, args=args, values=values, source=plan.rule.source
            )
        )
    elif plan.exempt_by is not None:
        trace.append(
            TraceEntry(
                rule="levy", message="levy.none", values=values, source=plan.exempt_by.source
            )
        )
    elif plan.gap is not None:
        gap = Note.of(plan.gap, on)
        trace.append(TraceEntry(rule="levy", message="gap", args=(("gap", gap),), values=values))
        if gaps is not None:
            gaps.append(gap)
    else:
        trace.append(TraceEntry(rule="levy", message="levy.no_rule", values=values))
    registration = plan.registration
    if registration is not None and plan.receiver_rule is not None:
        trace.append(
            TraceEntry(
                rule="levy",
                message="levy.registration" if registration else "levy.no_registration",
                values=values,
                source=plan.receiver_rule.source,
            )
        )
    return plan.applies, registration


@functools.lru_cache(maxsize=256)
def _per_unit_m3(rule: LevyRule) -> Fraction:
    """The volume of one pollution unit in m³, exactly (kept per rule)."""
    assert rule.volume_per_unit is not None
    number, unit = exact.measure(rule.volume_per_unit)
    return exact.decimal_value(number) * exact.factor(exact.unit_of(unit), exact.unit_of("m**3"))


def pollution_units(rule: LevyRule, volume_m3: Fraction) -> Fraction:
    """The number of pollution units of a volume (exact)."""
    return volume_m3 / _per_unit_m3(rule)


def amount(rule: LevyRule, volume_m3: Fraction, per_unit: decimal.Decimal) -> decimal.Decimal:
    """Pollution units × tariff, rounded to whole cents half up, exactly."""
    return exact.to_decimal(pollution_units(rule, volume_m3) * Fraction(per_unit), places=2)


def columns(
    groups: Groups, allowed: npt.NDArray[Any]
) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any], tuple[LevyRule, ...]]:
    """Per row: levy applies and levy registration (1 yes, 0 no, -1 unknown, int8), the
    index of the row's levy rule (-1 none), and those levy rules."""
    import numpy as np

    applies = groups.column(lambda p: -1 if p.levy.applies is None else int(p.levy.applies))
    registration = groups.column(
        lambda p: -1 if p.levy.registration is None else int(p.levy.registration)
    )
    levies: list[LevyRule] = []
    for p in groups.plans.values():
        if p.levy.rule is not None and p.levy.rule not in levies:
            levies.append(p.levy.rule)
    rule = groups.column(lambda p: -1 if p.levy.rule is None else levies.index(p.levy.rule))
    not_allowed = allowed == FALSE
    np.copyto(applies, 0, where=not_allowed)
    np.copyto(registration, 0, where=not_allowed)
    return applies, registration, rule, tuple(levies)


def amounts(
    *,
    levies: tuple[LevyRule, ...],
    rule: npt.NDArray[Any],
    applies: npt.NDArray[Any],
    years: npt.NDArray[Any],
    volume: npt.NDArray[Any],
    exact_volume: Any,
) -> npt.NDArray[Any]:
    """The levy per row (object array of Decimal; ``None`` where unknown).

    *years* holds each row's tariff year (-1 unknown), *volume* the float volumes in m³ and
    *exact_volume(row)* the exact volume of a row. Most rows are rounded from floats; a row
    within a hair of half a cent, or too large for exact floats, is computed exactly.
    """
    import numpy as np

    n = len(applies)
    out: npt.NDArray[Any] = np.full(n, None, dtype=object)
    out[applies == 0] = _ZERO
    make = decimal.Decimal
    for index, levy in enumerate(levies):
        tariffs = {t.year: t.per_unit for t in levy.tariffs}
        per_row = np.full(n, np.nan)
        for year, per_unit in tariffs.items():
            per_row[years == year] = float(per_unit)
        if levy.volume_per_unit is None:  # the basis is unknown: so is the amount
            continue
        known = (rule == index) & (applies == 1) & ~np.isnan(per_row) & ~np.isnan(volume)
        per_unit_m3 = float(_per_unit_m3(levy))
        with np.errstate(all="ignore"):
            cents = volume / per_unit_m3 * per_row * 100.0
            doubtful = known & (
                (np.abs(cents - np.floor(cents) - 0.5) < 1e-6 + 1e-12 * cents) | ~(cents < 1e13)
            )
            whole = np.floor(cents + 0.5)
        easy = np.flatnonzero(known & ~doubtful)
        out[easy] = [make(c).scaleb(-2) for c in whole[easy].astype(np.int64).tolist()]
        for row in np.flatnonzero(doubtful).tolist():
            out[row] = amount(levy, exact_volume(row), tariffs[int(years[row])])
    return out
