"""Assessing many discharges at once, column by column, with numpy.

:func:`assess_many` applies the same ruleset as :func:`~waterbeleid.discharge.assess.assess`
to whole columns: one unit conversion per column, then numpy comparisons per
origin and receiver. A missing value (``NaN``, ``None``, ``NaT``) is unknown, exactly as
in ``assess()``: a rule that needs it cannot decide, so the discharge is never
reported as allowed.

>>> import numpy as np, waterbeleid as wb
>>> from waterbeleid.discharge import assess_many
>>> result = assess_many(
...     origin=["bronnering", "bronnering", "bodemsanering"],
...     receiver=["oppervlaktewater", "vuilwaterriool", "vuilwaterriool"],
...     flow=wb.flow("1 m3/h") * np.array([20.0, 6.0, 2.0]),
...     duration=np.array([504.0, 336.0, np.nan]), duration_unit="uur",
...     suspended_solids=np.array([30.0, 100.0, np.nan]), concentration_unit="mg/l",
...     start=np.array(["2021-05-03", "2021-05-03", "NaT"], dtype="datetime64[D]"),
... )
>>> result.allowed.tolist()
[True, False, False]
>>> [o.value for o in result.obligation]
['notification', 'notification', 'notification']
>>> result.violations["flow"].tolist(), result.violations["receiver"].tolist()
([False, True, False], [False, False, True])
>>> result.levy()[0]
Decimal('605.81')

Columns of a pandas DataFrame (the ``pandas`` extra) are read by name: ``origin``,
``receiver``, ``flow``, ``duration``, ``suspended_solids``, ``iron``,
``visual_pollution``, ``start``; a quantity column either holds numbers with the
unit in its name after a double underscore (``flow__m3/h``, ``duration__uur``,
``suspended_solids__mg/l``) or holds numbers with a unit column beside it
(``flow_unit``), or holds quantity texts (``"5 m3/h"``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.discharge.assess import LEVY_ROUNDING, _custom_conditions
from waterbeleid.discharge.model import REFERENCE_UNITS, Obligation, Origin, Receiver
from waterbeleid.discharge.ruleset import Condition, QualityVerdict, Ruleset, default_ruleset
from waterbeleid.errors import DatasetError, TariffNotFoundError, UnitError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["BatchAssessment", "assess_many"]

_DIMENSION = {
    "flow": "flow",
    "duration": "duration",
    "suspended_solids": "concentration",
    "iron": "concentration",
}
#: Codes of the int8 verdict columns.
_TRUE, _FALSE, _UNKNOWN = 1, 0, -1


@attrs.frozen(kw_only=True, eq=False)
class BatchAssessment:
    """The columns that :func:`assess_many` returns, one row per discharge.

    Attributes:
        allowed: ``True``/``False``/``None`` per row (object array).
        authority: :class:`~waterbeleid.discharge.model.Authority` or ``None`` per row.
        obligation: :class:`~waterbeleid.discharge.model.Obligation` or ``None`` per row.
        municipal_consent: ``True``/``False``/``None`` per row (object array).
        levy_applies: bool array.
        volume: float array of m³ (``NaN`` when unknown).
        report_deadline: ``datetime64[D]`` array (``NaT`` when unknown or not required).
        violations: parameter -> bool array, true where that limit is violated
            (``"receiver"`` marks a prohibited receiver).
        start: the start dates, ``datetime64[D]``.
        ruleset: the ruleset applied.
    """

    allowed: npt.NDArray[Any]
    authority: npt.NDArray[Any]
    obligation: npt.NDArray[Any]
    municipal_consent: npt.NDArray[Any]
    levy_applies: npt.NDArray[Any]
    volume: npt.NDArray[Any]
    report_deadline: npt.NDArray[Any]
    violations: Mapping[str, npt.NDArray[Any]]
    start: npt.NDArray[Any] = attrs.field(repr=False)
    ruleset: Ruleset = attrs.field(repr=False)

    def __len__(self) -> int:
        return len(self.allowed)

    def levy(self, year: int | None = None) -> npt.NDArray[Any]:
        """The levy in euros per row (object array of :class:`~decimal.Decimal`).

        Computed exactly as :meth:`Assessment.levy
        <waterbeleid.discharge.assess.Assessment.levy>`: ``Decimal("0.00")`` where no levy
        applies, ``None`` where the volume, the year or the year's tariff is unknown.
        """
        import numpy as np

        per_unit = decimal.Decimal(repr(float(self.ruleset.levy.volume_per_unit.m_as("m**3"))))
        tariffs: dict[int, decimal.Decimal | None] = {}
        out = np.empty(len(self), dtype=object)
        years = self.start.astype("datetime64[Y]").astype("int64") + 1970
        for i in range(len(self)):
            if not self.levy_applies[i]:
                out[i] = decimal.Decimal("0.00")
                continue
            row_year = year
            if row_year is None:
                row_year = None if np.isnat(self.start[i]) else int(years[i])
            volume = self.volume[i]
            if row_year is None or math.isnan(volume):
                out[i] = None
                continue
            if row_year not in tariffs:
                try:
                    tariffs[row_year] = self.ruleset.tariff(row_year).per_unit
                except TariffNotFoundError:
                    tariffs[row_year] = None
            tariff = tariffs[row_year]
            if tariff is None:
                out[i] = None
                continue
            units = decimal.Decimal(repr(float(volume))) / per_unit
            out[i] = (units * tariff).quantize(*LEVY_ROUNDING)
        return out

    def to_dict(self) -> dict[str, npt.NDArray[Any]]:
        """Every column by name; violation flags as ``violates_<parameter>``."""
        columns = {
            "allowed": self.allowed,
            "authority": self.authority,
            "water_board_obligation": self.obligation,
            "municipal_consent": self.municipal_consent,
            "levy_applies": self.levy_applies,
            "volume_m3": self.volume,
            "levy_eur": self.levy(),
            "report_deadline": self.report_deadline,
        }
        columns.update({f"violates_{k}": v for k, v in self.violations.items()})
        return columns

    def to_pandas(self) -> Any:
        """The columns as a pandas DataFrame (needs the ``pandas`` extra)."""
        import pandas as pd

        return pd.DataFrame(self.to_dict())


# -- reading the input ----------------------------------------------------------------------


def _parse_labels(values: Any, enum: Any, name: str, n: int) -> np.ndarray[Any, Any]:
    """Member index per row, parsing each distinct label once.

    The labels are compared as fixed-width text in C, one pass per distinct label, so a
    column with a handful of distinct labels costs a few passes, not a sort.
    """
    import numpy as np

    array = np.asarray(values, dtype=object)
    if array.shape != (n,):
        raise DatasetError(
            f"{name}: expected {n} values like the other columns, found {array.shape}"
        )
    members = list(enum)
    text = array.astype(str)
    codes = np.zeros(n, dtype=np.int8)
    pending = np.ones(n, dtype=bool)
    while pending.any():
        label = text[int(np.argmax(pending))]
        rows = pending & (text == label)
        codes[rows] = members.index(enum.parse(str(label)))
        pending &= ~rows
    return codes


def _magnitudes(values: Any, unit: str | None, name: str, n: int) -> np.ndarray[Any, Any]:
    """Magnitudes in the reference unit of *name*, NaN where unknown."""
    import numpy as np

    from waterbeleid import units

    reference = REFERENCE_UNITS[name]
    if values is None:
        return np.full(n, np.nan)
    if hasattr(values, "units") and hasattr(values, "magnitude"):
        if unit is not None:
            raise UnitError(f"{name}: got a quantity with units and a unit {unit!r}; give one")
        probe = units.quantity(units.registry().Quantity(1, values.units), _DIMENSION[name])
        factor = float(probe.m_as(reference))
        array = np.asarray(values.magnitude, dtype=float) * factor
    else:
        raw = np.asarray(values)
        if raw.dtype == object or raw.dtype.kind in "US":
            if unit is not None:
                raw = raw.astype(float)
            else:
                return _texts(raw, name, n)
        if unit is None:
            raise UnitError(
                f"{name}: expected a pint quantity, quantity texts or numbers with a unit "
                f"(e.g. {name}_unit=...), found bare numbers"
            )
        probe = units.quantity(f"1 {unit}", _DIMENSION[name])
        array = raw.astype(float) * float(probe.m_as(reference))
    if array.shape != (n,):
        raise DatasetError(
            f"{name}: expected {n} values like the other columns, found {array.shape}"
        )
    if np.any(array < 0):
        raise UnitError(f"{name}: expected values of zero or more, found negative ones")
    return array


def _texts(raw: np.ndarray[Any, Any], name: str, n: int) -> np.ndarray[Any, Any]:
    import numpy as np

    from waterbeleid import units

    out = np.full(n, np.nan)
    for i, value in enumerate(raw):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            continue
        out[i] = float(units.quantity(value, _DIMENSION[name]).m_as(REFERENCE_UNITS[name]))
    return out


def _flags(values: Any, n: int) -> np.ndarray[Any, Any]:
    """visual_pollution as float: 1.0 true, 0.0 false, NaN unknown."""
    import numpy as np

    if values is None:
        return np.zeros(n)
    array = np.asarray(values, dtype=object)
    if array.shape != (n,):
        raise DatasetError(f"visual_pollution: expected {n} values, found {array.shape}")
    out = np.full(n, np.nan)
    for i, value in enumerate(array):
        if value is True or value is np.True_:
            out[i] = 1.0
        elif value is False or value is np.False_:
            out[i] = 0.0
        elif value is not None and not (isinstance(value, float) and math.isnan(value)):
            raise DatasetError(
                f"visual_pollution: expected true, false or missing, found {value!r}"
            )
    return out


def _dates(values: Any, n: int) -> np.ndarray[Any, Any]:
    import numpy as np

    if values is None:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    array = np.asarray(values)
    if array.dtype == object:
        array = np.array(
            [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in array],
            dtype="datetime64[D]",
        )
    try:
        dates = array.astype("datetime64[D]")
    except (ValueError, TypeError) as exc:
        raise DatasetError(f"start: expected dates, found {array.dtype}: {exc}") from None
    if dates.shape != (n,):
        raise DatasetError(f"start: expected {n} values, found {dates.shape}")
    return dates


def _from_frame(frame: Any) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for key in ("origin", "receiver", "visual_pollution", "start"):
        if key in frame.columns:
            series = frame[key]
            columns[key] = (
                series.dt.date.to_numpy()
                if key == "start" and hasattr(series, "dt")
                else series.to_numpy(dtype=object)
            )
    for name in REFERENCE_UNITS:
        found = [c for c in frame.columns if isinstance(c, str) and c.startswith(f"{name}__")]
        if found:
            columns[name] = frame[found[0]].to_numpy(dtype=float)
            columns[f"{name}_unit"] = found[0].split("__", 1)[1]
        elif name in frame.columns:
            unit_column = f"{name}_unit"
            if unit_column in frame.columns:
                distinct = frame[unit_column].dropna().unique()
                if len(distinct) > 1:
                    raise UnitError(
                        f"{unit_column}: expected one unit per column, found {list(distinct)}"
                    )
                columns[f"{name}_unit"] = str(distinct[0]) if len(distinct) else None
                columns[name] = frame[name].to_numpy(dtype=float)
            else:
                columns[name] = frame[name].to_numpy(dtype=object)
    if "origin" not in columns or "receiver" not in columns:
        raise DatasetError("expected columns 'origin' and 'receiver' in the data frame")
    return columns


# -- the rules, vectorised -----------------------------------------------------------------------


def _version_mask(valid_from: dt.date, dates: np.ndarray[Any, Any], later: list[dt.date]) -> Any:
    """Rows whose start falls in [valid_from, next version) (rows without a start: newest)."""
    import numpy as np

    start = np.datetime64(valid_from, "D")
    nat = np.isnat(dates)
    mask = ~nat & (dates >= start)
    following = [d for d in later if d > valid_from]
    if following:
        mask &= dates < np.datetime64(min(following), "D")
        return mask
    return mask | nat


def _holds(condition: Condition, values: Mapping[str, np.ndarray[Any, Any]], rows: Any) -> Any:
    """Per row: 1 holds, 0 fails, -1 unknown."""
    import numpy as np

    value = values[condition.parameter][rows]
    limit = float(condition.reference)
    op = condition.comparison.symbol
    with np.errstate(invalid="ignore"):
        if op == "<=":
            ok = value <= limit
        elif op == "<":
            ok = value < limit
        elif op == ">":
            ok = value > limit
        elif op == ">=":
            ok = value >= limit
        else:
            ok = value == limit
    out = np.where(ok, _TRUE, _FALSE).astype(np.int8)
    out[np.isnan(value)] = _UNKNOWN
    return out


def assess_many(
    data: Any = None,
    *,
    origin: Sequence[Any] | np.ndarray[Any, Any] | None = None,
    receiver: Sequence[Any] | np.ndarray[Any, Any] | None = None,
    flow: Any = None,
    duration: Any = None,
    suspended_solids: Any = None,
    iron: Any = None,
    visual_pollution: Any = None,
    start: Any = None,
    flow_unit: str | None = None,
    duration_unit: str | None = None,
    concentration_unit: str | None = None,
    ruleset: Ruleset | None = None,
    limits: Mapping[str, Any] | None = None,
) -> BatchAssessment:
    """Assess many discharges given as columns (or a pandas DataFrame as *data*).

    Quantity columns are pint quantities around numpy arrays, arrays of quantity texts,
    or plain numbers with ``flow_unit``/``duration_unit``/``concentration_unit`` (Dutch
    notation accepted). Results equal :func:`~waterbeleid.discharge.assess.assess` row by
    row.

    Raises:
        UnitError: a column of the wrong dimension, negative values, bare numbers.
        VocabularyError: an unknown origin or receiver label.
        DatasetError: columns of different lengths, or a data frame without the columns.
    """
    import numpy as np

    units_of = {"flow": flow_unit, "duration": duration_unit}
    units_of["suspended_solids"] = units_of["iron"] = concentration_unit
    if data is not None:
        columns = _from_frame(data)
        origin, receiver = columns["origin"], columns["receiver"]
        flow, duration = columns.get("flow"), columns.get("duration")
        suspended_solids, iron = columns.get("suspended_solids"), columns.get("iron")
        visual_pollution, start = columns.get("visual_pollution"), columns.get("start")
        for name in REFERENCE_UNITS:
            units_of[name] = columns.get(f"{name}_unit", units_of[name])
    if origin is None or receiver is None:
        raise DatasetError("expected the columns origin and receiver")
    n = len(origin)
    origin_code = _parse_labels(origin, Origin, "origin", n)
    receiver_code = _parse_labels(receiver, Receiver, "receiver", n)
    given = {"flow": flow, "duration": duration, "suspended_solids": suspended_solids, "iron": iron}
    values = {name: _magnitudes(given[name], units_of[name], name, n) for name in REFERENCE_UNITS}
    values["visual_pollution"] = _flags(visual_pollution, n)
    dates = _dates(start, n)
    rules = ruleset if ruleset is not None else default_ruleset()

    allowed = np.full(n, _UNKNOWN, dtype=np.int8)
    authority = np.full(n, None, dtype=object)
    consent = np.full(n, None, dtype=object)
    obligation = np.full(n, None, dtype=object)
    violations = {name: np.zeros(n, dtype=bool) for name in (*values, "receiver")}
    custom = _custom_conditions(limits) if limits else ()

    for r_index, rec in enumerate(Receiver):
        at_receiver = receiver_code == r_index
        if not at_receiver.any():
            continue
        # receiver rule -> authority, consent, fixed notification
        versions = [r for r in rules.receivers if r.receiver is rec]
        froms = [v.valid_from for v in versions]
        fixed = np.zeros(n, dtype=bool)
        for version in versions:
            rows = at_receiver & _version_mask(version.valid_from, dates, froms)
            authority[rows] = version.authority
            consent[rows] = version.municipal_consent
            if version.water_board_notification is not None:
                fixed |= rows
                obligation[rows] = (
                    Obligation.NOTIFICATION if version.water_board_notification else Obligation.NONE
                )
        # quality per origin
        for o_index, org in enumerate(Origin):
            pair = at_receiver & (origin_code == o_index)
            if not pair.any():
                continue
            qualities = [q for q in rules.quality if q.origin is org and q.receiver is rec]
            q_froms = [q.valid_from for q in qualities]
            for quality in qualities:
                rows = pair & _version_mask(quality.valid_from, dates, q_froms)
                if not rows.any():
                    continue
                if quality.rule is QualityVerdict.ALLOWED:
                    allowed[rows] = _TRUE
                    continue
                if quality.rule is QualityVerdict.PROHIBITED:
                    allowed[rows] = _FALSE
                    violations["receiver"][rows] = True
                    continue
                conditions = (
                    quality.conditions if quality.rule is QualityVerdict.CONDITIONAL else custom
                )
                if not conditions:
                    continue  # limits not given: unknown
                verdict = np.full(int(rows.sum()), _TRUE, dtype=np.int8)
                for condition in conditions:
                    holds = _holds(condition, values, rows)
                    violations[condition.parameter][np.flatnonzero(rows)[holds == _FALSE]] = True
                    verdict = np.where(
                        (verdict == _FALSE) | (holds == _FALSE),
                        _FALSE,
                        np.where((verdict == _UNKNOWN) | (holds == _UNKNOWN), _UNKNOWN, _TRUE),
                    ).astype(np.int8)
                allowed[rows] = verdict
        # quantity tiers (they replace a fixed notification, as in assess())
        tiers = [t for t in rules.quantity if t.receiver is rec]
        for valid_from in sorted({t.valid_from for t in tiers}):
            version_tiers = [t for t in tiers if t.valid_from == valid_from]
            rows = at_receiver & _version_mask(valid_from, dates, [t.valid_from for t in tiers])
            if not rows.any():
                continue
            index = np.flatnonzero(rows)
            pending = np.ones(len(index), dtype=bool)
            decided = np.full(len(index), None, dtype=object)
            for tier in version_tiers:
                combined = np.full(len(index), _TRUE, dtype=np.int8)
                for condition in tier.conditions:
                    holds = _holds(condition, values, rows)
                    combined = np.where(
                        (combined == _FALSE) | (holds == _FALSE),
                        _FALSE,
                        np.where((combined == _UNKNOWN) | (holds == _UNKNOWN), _UNKNOWN, _TRUE),
                    ).astype(np.int8)
                decided[pending & (combined == _TRUE)] = tier.obligation
                pending &= combined == _FALSE
            obligation[index] = decided
            fixed[index] = True

    # levy and reporting
    levy_rule, reporting = rules.levy, rules.reporting
    nat = np.isnat(dates)
    levy_receivers = [list(Receiver).index(r) for r in levy_rule.receivers]
    levy_applies = np.isin(receiver_code, levy_receivers) & (
        nat | (dates >= np.datetime64(levy_rule.valid_from, "D"))
    )
    volume = values["flow"] * values["duration"]
    report_receivers = [list(Receiver).index(r) for r in reporting.receivers]
    reported = np.isin(receiver_code, report_receivers) & (
        nat | (dates >= np.datetime64(reporting.valid_from, "D"))
    )
    duration_days = np.ceil(values["duration"] / 24 - 1e-9)
    within = math.ceil(float(reporting.within.m_as("day")) - 1e-9)
    deadline = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = reported & ~nat & ~np.isnan(duration_days)
    deadline[ok] = (
        dates[ok] + duration_days[ok].astype("timedelta64[D]") + np.timedelta64(within, "D")
    )

    allowed_obj = np.empty(n, dtype=object)
    allowed_obj[allowed == _TRUE] = True
    allowed_obj[allowed == _FALSE] = False
    allowed_obj[allowed == _UNKNOWN] = None
    return BatchAssessment(
        allowed=allowed_obj,
        authority=authority,
        obligation=obligation,
        municipal_consent=consent,
        levy_applies=levy_applies,
        volume=volume,
        report_deadline=deadline,
        violations=violations,
        start=dates,
        ruleset=rules,
    )
