"""The steps of a discharge decision, in the order the guidance takes them.

1. :mod:`~.receiver` — where the water goes decides who decides;
2. :mod:`~.quality` — may it go there: the verdict;
3. :mod:`~.quantity` — what the water board requires: nothing, a notification, a permit;
4. :mod:`~.levy` — whether the levy applies, whether the water board must be told of it,
   and the amount;
5. :mod:`~.reporting` — by when the volume must be reported;
6. :mod:`~.alternatives` — the verdict on the other receivers.

Each step first reads what the ruleset says for one *case* — an origin, a receiver, whether
the receiving water body is designated, and a period in which the same rules (of one
version) are in force — into a small plan (:func:`plan_for`, kept per ruleset), and then
applies the plan either to one activity, with a trace of every
rule (used by :func:`~waterbeleid.discharge.assess.assess`), or to whole columns of
rows grouped by case (:class:`Groups`, used by
:func:`~waterbeleid.discharge.batch.assess_many`). Both ways compare values with the
same exact thresholds (:mod:`~.conditions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid.discharge.model import Origin, Receiver
from waterbeleid.discharge.ruleset import MissingRule, Ruleset, RulesetVersion, RuleSource
from waterbeleid.discharge.steps import levy, quality, quantity, receiver, reporting
from waterbeleid.discharge.steps.levy import LevyPlan
from waterbeleid.discharge.steps.quality import QualityPlan
from waterbeleid.discharge.steps.quantity import QuantityPlan
from waterbeleid.discharge.steps.receiver import ReceiverPlan
from waterbeleid.discharge.steps.reporting import ReportingPlan
from waterbeleid.discharge.trace import TraceEntry

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["SPANNING", "Groups", "Plan", "plan_for", "spanning"]


#: The period of :meth:`Ruleset.period` that stands for discharges which run across a
#: change of version: no rules apply to them as a whole (see :func:`spanning`).
SPANNING: Final = -1


@attrs.frozen
class Plan:
    """What every step needs to know of one case (an origin, a receiver, a period).

    Attributes:
        version: The version of the rules in force (``None``: none covers the case).
        unknown: Why no rules apply to the case at all (``None`` when a version does).
        heading: The first entry of a trace: the ruleset and the version in force, with the
            version's first document as its source (``None`` when no version applies: the
            entry then says why, which depends on the discharge's dates).
    """

    origin: Origin
    receiver: ReceiverPlan
    quality: QualityPlan
    quantity: QuantityPlan
    levy: LevyPlan
    reporting: ReportingPlan
    version: RulesetVersion | None
    unknown: MissingRule | None = None
    heading: TraceEntry | None = None


def _compile(
    rules: Ruleset, origin: Origin, where: Receiver, on: dt.date | None, designated: bool | None
) -> Plan:
    version = rules.version_on(on)
    heading = None
    if version is not None:
        source = None
        if version.sources:
            first = version.sources[0]
            source = RuleSource(document=first.title, address=first.address)
        heading = TraceEntry(
            rule="ruleset",
            message="ruleset.version",
            args=(
                ("water_board", rules.water_board),
                ("ruleset", rules.name),
                ("version", version),
                ("title", version.title),
            ),
            source=source,
        )
    return Plan(
        origin=origin,
        receiver=receiver.plan(rules, where, on),
        quality=quality.plan(rules, origin, where, on, designated),
        quantity=quantity.plan(rules, where, on),
        levy=levy.plan(rules, origin, where, on),
        reporting=reporting.plan(rules, where, on),
        version=version,
        unknown=None if version is not None else rules.uncovered(),
        heading=heading,
    )


def spanning(rules: Ruleset) -> MissingRule:
    """Why a discharge that runs across a change of version gets no rules."""
    args = (("topic", "spanning"), ("ruleset", rules.name), ("spans", rules.versions))
    return MissingRule("spanning", "gap.spanning_any", args)


def _unknown(rules: Ruleset, origin: Origin, where: Receiver, reason: MissingRule) -> Plan:
    return Plan(
        origin=origin,
        receiver=receiver.ReceiverPlan(where, None, reason),
        quality=quality.QualityPlan(None, gap=reason),
        quantity=quantity.QuantityPlan((), None, reason),
        levy=levy.LevyPlan(None, False, None, None, reason),
        reporting=reporting.ReportingPlan(None, 0, reason),
        version=None,
        unknown=reason,
    )


def plan_for(
    rules: Ruleset,
    origin: Origin,
    where: Receiver,
    on: dt.date | None,
    designated: bool | None = None,
    end: dt.date | None = None,
) -> Plan:
    """The plan of the rules in force *on* a date (the newest rules for ``None``), for a
    discharge that ends on *end* (when it runs into another version, no rules apply).

    Plans are kept per ruleset and period, so a case is read from the ruleset once.
    """
    if rules.spans(on, end):
        return plan_of_period(rules, origin, where, SPANNING, None, designated)
    period, day = rules.period(on)
    return plan_of_period(rules, origin, where, period, day, designated)


def plan_of_period(
    rules: Ruleset,
    origin: Origin,
    where: Receiver,
    period: int,
    day: dt.date | None,
    designated: bool | None = None,
) -> Plan:
    """The plan of a period of :meth:`Ruleset.period` (*day* stands for the period), or of
    :data:`SPANNING`."""
    key = (period, origin, where, designated)
    found: Plan | None = rules._compiled.get(key)
    if found is None:
        if period == SPANNING:
            found = _unknown(rules, origin, where, spanning(rules))
        else:
            found = _compile(rules, origin, where, day, designated)
        rules._compiled[key] = found
    return found


class Groups:
    """Rows grouped by case: the plan of each group, and columns built from the plans.

    Args:
        key: The group of each row (an int array).
        plans: The plan of each group that occurs.
        n: The number of rows.
    """

    def __init__(self, key: npt.NDArray[Any], plans: dict[int, Plan], n: int) -> None:
        import numpy as np

        self.key = key.astype(np.intp, copy=False)  # np.take is fastest with intp indices
        self.plans = plans
        self.n = n
        self._size = max(plans, default=-1) + 1

    def column(self, field: Callable[[Plan], Any], dtype: Any = None, default: Any = 0) -> Any:
        """The value *field* gives for each row's plan (one lookup per group)."""
        import numpy as np

        table = np.full(self._size, default, dtype=dtype or np.int8)
        for group, plan in self.plans.items():
            table[group] = field(plan)
        return np.take(table, self.key)

    def objects(self, field: Callable[[Plan], Any]) -> Any:
        """The object *field* gives for each row's plan (an object array)."""
        import numpy as np

        table = np.full(self._size, None, dtype=object)
        for group, plan in self.plans.items():
            table[group] = field(plan)
        return np.take(table, self.key)

    def parts(self, field: Callable[[Plan], Hashable | None]) -> Iterator[tuple[Any, Any]]:
        """Each distinct non-``None`` value of *field* over the plans, with its rows (a mask)."""
        import numpy as np

        distinct: dict[Any, int] = {}
        for plan in self.plans.values():
            value = field(plan)
            if value is not None:
                distinct.setdefault(value, len(distinct))
        if not distinct:
            return
        which = self.column(lambda p: distinct.get(field(p), -1), np.int16, -1)
        for value, index in distinct.items():
            yield value, which == index
