"""What an assessment reports besides its answers: the rules it applied and the limits broken."""

from __future__ import annotations

import functools
import re
from typing import Any, Final

import attrs

from waterbeleid.discharge.exact import Comparison
from waterbeleid.discharge.ruleset import RuleSource

__all__ = ["TraceEntry", "Violation", "show"]


# "1.125" reads as 1125 in Dutch notation: such a number is shown as "1.1250"
_AMBIGUOUS: Final = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")


@functools.lru_cache(maxsize=1024)
def _unit_text(units: Any) -> str:
    from waterbeleid.units import format_quantity, registry

    return format_quantity(registry().Quantity(1, units)).partition(" ")[2]


def show(value: Any) -> str:
    """A value as the trace shows it: a quantity as written (as
    :func:`~waterbeleid.units.format_quantity` writes it), ``unknown`` for ``None``."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return str(value).lower()
    if hasattr(value, "_units"):
        magnitude = value.magnitude
        number = repr(magnitude) if isinstance(magnitude, float) else str(magnitude)
        if _AMBIGUOUS.match(number):
            number += "0"
        return f"{number} {_unit_text(value._units)}"
    return str(value)


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
        if self.comparison is None:
            return f"{self.parameter}: {show(self.value)} is prohibited ({self.source})"
        return (
            f"{self.parameter}: {show(self.value)} violates {self.comparison.symbol} "
            f"{show(self.limit)} ({self.source})"
        )


@attrs.frozen(kw_only=True)
class TraceEntry:
    """One rule evaluated: what it looked at, what it found, and where the rule comes from.

    Attributes:
        rule: The step: ``receiver``, ``assumption``, ``quality``, ``quantity``, ``levy``
            or ``reporting``.
        inputs: The values the rule looked at, as ``(name, text)`` pairs.
        outcome: What it found.
        source: The legal source of the rule (``None`` when no rule was in force).
    """

    rule: str
    inputs: tuple[tuple[str, str], ...]
    outcome: str
    source: RuleSource | None

    @classmethod
    def not_allowed(
        cls, rule: str, consequence: str, source: RuleSource | None, *inputs: tuple[str, str]
    ) -> TraceEntry:
        """What a step does not ask of a discharge that is not allowed (verdict first)."""
        return cls(
            rule=rule,
            inputs=inputs,
            outcome=f"the discharge is not allowed: {consequence}",
            source=source,
        )
