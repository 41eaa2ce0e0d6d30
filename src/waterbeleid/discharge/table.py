"""The table of assessments: one row per discharge, with the units in the column names.

A row holds the discharge's ``id``, ``origin`` and ``receiver``, then every public
attribute of the :class:`~waterbeleid.discharge.assess.Assessment` (enums by value,
tuples as lists, violations as their text), then ``volume_m3``, ``levy_eur`` and
``levy_note`` (its basis, or why it is zero or unknown), the ``ruleset`` name, and the
measured values of the discharge in the units of
:data:`~waterbeleid.discharge.model.REFERENCE_UNITS` (``flow_m3_per_h``, ``duration_h``,
``suspended_solids_mg_per_l``, ``naphthalene_ug_per_l``: every measurement the discharge
gives, each once). Attributes added to ``Assessment`` or
``DischargeActivity`` later get their columns by the same rules.

>>> import datetime, waterbeleid as wb
>>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
...     flow="20 m3/h", duration="3 weken", suspended_solids="30 mg/l",
...     start=datetime.date(2021, 5, 3)))
>>> row = assessment_row(a)
>>> row["allowed"], row["water_board_obligation"], row["volume_m3"], row["levy_eur"]
(True, 'notification', 10080.0, Decimal('605.81'))
>>> row["flow_m3_per_h"], row["suspended_solids_mg_per_l"]
(20.0, 30.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid.discharge.assess import Assessment
from waterbeleid.discharge.model import REFERENCE_UNITS
from waterbeleid.errors import WaterbeleidError

__all__ = ["assessment_columns", "assessment_records", "assessment_row", "unit_suffix"]

#: Attributes of an assessment that are not columns: the discharge (its values are), the
#: trace (one row cannot hold it) and the ruleset (its name is).
SKIPPED = frozenset({"activity", "trace", "ruleset"})
#: The discharge's attributes that lead a row.
LEADING = ("id", "origin", "receiver")


def unit_suffix(unit: str) -> str:
    """A unit as the ending of a column name: ``m**3/h`` -> ``m3_per_h``.

    >>> unit_suffix("m**3/h"), unit_suffix("mg/L"), unit_suffix("h")
    ('m3_per_h', 'mg_per_l', 'h')
    """
    return unit.replace("**", "").replace("/", "_per_").casefold()


def _cell(value: Any) -> Any:
    if isinstance(value, LabelledEnum):
        return value.value
    if hasattr(value, "dimensionality"):
        from waterbeleid.units import format_quantity

        return format_quantity(value)
    if isinstance(value, (tuple, list)):
        return [_item(v) for v in value]
    if attrs.has(type(value)):
        return _item(value)
    return value


def _item(value: Any) -> Any:
    """One member of a tuple attribute: its own text when it has one, else ``k=v`` pairs."""
    if isinstance(value, LabelledEnum) or not attrs.has(type(value)):
        return _cell(value)
    if getattr(type(value), "__str__", None) is not object.__str__:
        return str(value)
    pairs = (f"{f.name}={_cell(getattr(value, f.name))}" for f in attrs.fields(type(value)))
    return ", ".join(pairs)


def _activity_cells(activity: Any) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for field in attrs.fields(type(activity)):
        name = field.name
        if name.startswith("_"):
            continue
        value = getattr(activity, name)
        if name in REFERENCE_UNITS:
            cells[f"{name}_{unit_suffix(REFERENCE_UNITS[name])}"] = activity.value(name)
        elif isinstance(value, Mapping):  # the measurements: each in its reference unit
            for key, inner in value.items():
                if key in REFERENCE_UNITS:
                    cells[f"{key}_{unit_suffix(REFERENCE_UNITS[key])}"] = activity.value(key)
                elif hasattr(inner, "dimensionality"):
                    cells[f"{key}_{unit_suffix(str(inner.units))}"] = float(inner.magnitude)
                else:
                    cells[str(key)] = _cell(inner)
        else:
            cells[name] = _cell(value)
    return cells


def assessment_row(assessment: Assessment, year: int | None = None) -> dict[str, Any]:
    """One assessment as a flat row (see the module docstring).

    Args:
        assessment: The assessment.
        year: The tariff year of the levy; each discharge's start year when omitted.
    """
    activity = _activity_cells(assessment.activity)
    row = {name: activity.pop(name, None) for name in LEADING}
    for field in attrs.fields(type(assessment)):
        if field.name not in SKIPPED and not field.name.startswith("_"):
            row[field.name] = _cell(getattr(assessment, field.name))
    volume = assessment.activity.volume
    row["volume_m3"] = None if volume is None else float(volume.m_as("m**3"))
    try:
        row["levy_eur"] = assessment.levy(year)
    except WaterbeleidError as exc:
        row["levy_eur"], row["levy_note"] = None, f"unknown: {exc}"
    else:
        row["levy_note"] = assessment.levy_basis(year)
    row["ruleset"] = getattr(assessment.ruleset, "name", None)
    row.update(activity)
    return row


def assessment_records(
    assessments: Iterable[Assessment], year: int | None = None
) -> list[dict[str, Any]]:
    """The rows of many assessments (:func:`assessment_row` for each)."""
    return [assessment_row(a, year) for a in assessments]


def assessment_columns(example: Assessment) -> tuple[str, ...]:
    """The columns of the rows of assessments like *example*."""
    return tuple(assessment_row(example))
