"""Conditions evaluated three ways: met, not met, unknown — for one activity or whole columns.

Both paths compare a value in its own unit with the threshold that
:meth:`Condition.threshold <waterbeleid.discharge.ruleset.Condition.threshold>` keeps for
that unit, so they agree by construction. The outcome is a small integer: ``FALSE`` (0),
``UNKNOWN`` (1), ``TRUE`` (2); "all conditions hold" is their minimum.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from waterbeleid.discharge.model import FLAGS, DischargeActivity
from waterbeleid.discharge.ruleset import Assumption, Comparison, Condition

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid.discharge.columns import Columns

__all__ = ["FALSE", "TRUE", "UNKNOWN", "ColumnTests", "tri", "value_of"]

FALSE: Final = 0
UNKNOWN: Final = 1
TRUE: Final = 2


def value_of(activity: DischargeActivity, parameter: str) -> Any:
    """What a condition on *parameter* looks at: ``(number, unit key)``, a flag, or ``None``."""
    if parameter in FLAGS:
        return getattr(activity, parameter)
    return activity.measured(parameter)


def tri(condition: Condition, value: Any) -> int:
    """The condition's outcome for one value (see :func:`value_of`)."""
    holds = condition.test(value)
    if holds is None:
        return UNKNOWN
    return TRUE if holds else FALSE


class ColumnTests:
    """Outcomes of conditions over all rows, each distinct condition computed once."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._cache: dict[tuple[Condition, bool | None], npt.NDArray[Any]] = {}
        self._unknown: dict[str, npt.NDArray[Any]] = {}

    def unknown(self, parameter: str) -> npt.NDArray[Any]:
        """Where the value of *parameter* is not given (a bool array)."""
        import numpy as np

        found = self._unknown.get(parameter)
        if found is None:
            if parameter in FLAGS:
                found = np.isnan(self.columns.flags[parameter])
            elif parameter in self.columns.measured:
                found = np.isnan(self.columns.measured[parameter].magnitude)
            else:
                found = np.ones(self.columns.n, dtype=bool)
            self._unknown[parameter] = found
        return found

    def tri(self, condition: Condition, assumed: bool | None = None) -> npt.NDArray[Any]:
        """The outcome per row (int8); *assumed* stands in for an unknown flag."""
        import numpy as np

        key = (condition, assumed)
        found = self._cache.get(key)
        if found is not None:
            return found
        if condition.sum_of:
            found = self._cache[key] = self._sum(condition)
            return found
        parameter = condition.parameter
        unknown = self.unknown(parameter)
        if parameter in FLAGS:
            flags = self.columns.flags[parameter]
            met = flags == float(bool(condition.limit))
            if assumed is not None:
                met = np.where(unknown, assumed is condition.limit, met)
                unknown = np.zeros(self.columns.n, dtype=bool)
        elif parameter in self.columns.measured:
            column = self.columns.measured[parameter]
            if column.unit_codes is None:
                met = condition.threshold(column.units[0]).holds_array(column.magnitude)
            else:
                thresholds = [condition.threshold(unit) for unit in column.units]
                low = np.array([t.low for t in thresholds])[column.unit_codes]
                high = np.array([t.high for t in thresholds])[column.unit_codes]
                met = (column.magnitude > low) & (column.magnitude <= high)
        else:
            met = np.zeros(self.columns.n, dtype=bool)
        found = np.left_shift(np.asarray(met, dtype=bool).view(np.int8), 1)  # TRUE or FALSE
        np.bitwise_or(found, unknown.view(np.int8), out=found)  # NaN compares false: UNKNOWN
        self._cache[key] = found
        return found

    def _sum(self, condition: Condition) -> npt.NDArray[Any]:
        """The outcome of a sum per row: the float sum, decided exactly within a hair of the
        limit (as :meth:`Condition.test_sum` does for one activity)."""
        import numpy as np

        n = self.columns.n
        total = np.zeros(n)
        unknown = np.zeros(n, dtype=bool)
        for name in condition.sum_of:
            column = self.columns.measured.get(name)
            if column is None:
                unknown[:] = True
                continue
            factors = np.array([condition.factor_from(u) for u in column.units])
            size = factors[0] if column.unit_codes is None else factors[column.unit_codes]
            values = column.magnitude * size
            missing = np.isnan(values)
            unknown |= missing
            total += np.where(missing, 0.0, values)
        limit = float(condition.exact_limit)
        holds = total <= limit if condition.comparison is Comparison.AT_MOST else total < limit
        near = np.abs(total - limit) <= 1e-9 * np.maximum(abs(limit), np.abs(total))
        for row in np.flatnonzero(near).tolist():
            parts = [
                None
                if (column := self.columns.measured.get(name)) is None
                or math.isnan(column.magnitude[row])
                else column.at(row)
                for name in condition.sum_of
            ]
            holds[row] = bool(condition.test_sum([p for p in parts if p is not None]))
        result: npt.NDArray[Any] = np.where(holds, np.where(unknown, UNKNOWN, TRUE), FALSE)
        return result.astype(np.int8)

    def all_hold(
        self, conditions: tuple[Condition, ...], assumptions: Mapping[str, Assumption]
    ) -> npt.NDArray[Any]:
        """The minimum of the outcomes: ``TRUE`` where every condition holds."""
        import numpy as np

        if not conditions:
            return np.full(self.columns.n, TRUE, dtype=np.int8)
        outcomes = [self.tri(c, _assumed(c, assumptions)) for c in conditions]
        result = outcomes[0]
        for outcome in outcomes[1:]:
            result = np.minimum(result, outcome)
        return result


def _assumed(condition: Condition, assumptions: Mapping[str, Assumption]) -> bool | None:
    found = assumptions.get(condition.parameter)
    return None if found is None else found.value
