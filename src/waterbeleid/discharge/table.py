"""The table of assessments: one row per discharge, the fields of ``Assessment.to_dict()``
flattened, with the units in the column names.

A row is :meth:`Assessment.to_dict() <waterbeleid.discharge.assess.Assessment.to_dict>`
made flat by four rules, so that the names of the JSON, of the table (``to_pandas()``,
:mod:`waterbeleid.tables`, ``waterbeleid assess --format csv|xlsx``) and of the columns of
:func:`~waterbeleid.assess_many` are the same:

1. a field keeps its name and holds its value as an object: an enum by its value, a date
   as a :class:`~datetime.date`, the levy as a :class:`~decimal.Decimal`;
2. a quantity ``name`` (``flow``, ``duration``, ``suspended_solids``, …) becomes
   ``name_<unit>`` holding the number in the reference unit of its dimension
   (:data:`waterbeleid.units.DIMENSIONS`): ``flow_m3_per_h``, ``duration_h``,
   ``suspended_solids_mg_per_l`` (``volume_m3`` is such a number already);
3. a mapping ``name`` becomes ``name_<key>`` for each of its keys (``ruleset_name``,
   ``ruleset_version``), by the same rules; but the ``measurements`` of a discharge become
   one column per measured parameter of
   :data:`~waterbeleid.discharge.model.MEASUREMENTS` (besides ``suspended_solids`` and
   ``iron``, which are fields of their own), ``<key>_<unit>`` in the parameter's unit of
   :data:`~waterbeleid.discharge.model.REFERENCE_UNITS` (``naphthalene_ug_per_l``,
   ``receiving_water_share_percent``), empty where not measured: every row has the same
   columns, whatever it measured, and :func:`~waterbeleid.assess_many` reads them back;
4. a list of records (``violations``, ``assumptions``, ``alternatives``, ``gaps``) holds
   their texts; ``trace`` and ``language`` are left out (one row cannot hold the trace).

Fields added to ``Assessment`` or ``DischargeActivity`` later get their columns by the
same rules.

>>> import datetime, waterbeleid as wb
>>> a = wb.assess(wb.DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
...     flow="20 m3/h", duration="3 weken", suspended_solids="30 mg/l",
...     start=datetime.date(2021, 5, 3)))
>>> row = assessment_row(a)
>>> row["allowed"], row["water_board_obligation"], row["volume_m3"], row["levy_eur"]
(True, 'notification', 10080.0, Decimal('605.81'))
>>> row["flow_m3_per_h"], row["duration_h"], row["suspended_solids_mg_per_l"]
(20.0, 504.0, 30.0)
>>> row["naphthalene_ug_per_l"], row["ruleset_name"], row["ruleset_version"]
(None, 'brabantse_delta', '2021')
>>> a.to_dict()["flow"], a.to_dict()["levy_eur"]
('20 m³/h', '605.81')
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from waterbeleid._enum import LabelledEnum
from waterbeleid.discharge.assess import Assessment, assumption_text
from waterbeleid.discharge.ruleset import Assumption

__all__ = ["assessment_columns", "assessment_records", "assessment_row", "unit_suffix"]

#: Fields of :meth:`Assessment.to_dict` that are not columns: the trace (one row cannot
#: hold it) and the language of the texts.
SKIPPED = frozenset({"trace", "language"})


def unit_suffix(unit: str) -> str:
    """A unit as the ending of a column name: ``m**3/h`` -> ``m3_per_h``.

    >>> unit_suffix("m**3/h"), unit_suffix("mg/L"), unit_suffix("h")
    ('m3_per_h', 'mg_per_l', 'h')
    """
    return unit.replace("**", "").replace("/", "_per_").casefold()


_QUANTITY_FIELDS: dict[type, dict[str, str]] = {}


def _quantity_fields(cls: type) -> dict[str, str]:
    """The fields of *cls* that hold a quantity, with the reference unit of its dimension."""
    from waterbeleid.units import DIMENSIONS

    known = _QUANTITY_FIELDS.get(cls)
    if known is not None:
        return known
    found: dict[str, str] = {}
    for name, hint in typing.get_type_hints(cls).items():
        for member in (hint, *typing.get_args(hint)):
            dimension = getattr(member, "dimension", None)  # the markers of waterbeleid._types
            if isinstance(dimension, str) and dimension in DIMENSIONS:
                found[name] = DIMENSIONS[dimension][0]
    _QUANTITY_FIELDS[cls] = found
    return found


def _reference_unit(quantity: Any) -> str | None:
    """The reference unit of the dimension of *quantity* (``None`` for another dimension)."""
    from waterbeleid.units import DIMENSIONS

    registry = quantity._REGISTRY
    for reference, _, _ in DIMENSIONS.values():
        if quantity.dimensionality == registry.get_dimensionality(reference):
            return reference
    return None


@functools.lru_cache(maxsize=64)
def _units_of(unit: str, registry: Any) -> Any:
    """The units of a column's unit text (read once per registry)."""
    return registry.parse_units(unit)


def _number_in(quantity: Any, unit: str) -> float:
    """The magnitude of *quantity* in *unit*, exactly converted, as a float."""
    from waterbeleid.discharge import exact

    factor = exact.factor(quantity._units, _units_of(unit, exact.units_registry()))
    return float(exact.decimal_value(quantity.magnitude) * factor)


def _text(item: Any, language: str) -> Any:
    if isinstance(item, Assumption):
        return assumption_text(item, language)
    if isinstance(item, LabelledEnum):
        return item.value
    text = getattr(item, "text", None)
    return text(language) if callable(text) else item


def _cells(name: str, value: Any, language: str, unit: str | None = None) -> dict[str, Any]:
    if unit is not None:  # a quantity field: the same column when its value is unknown
        return {f"{name}_{unit_suffix(unit)}": None if value is None else _number_in(value, unit)}
    if hasattr(value, "dimensionality"):
        unit = _reference_unit(value) or format(value.units, "~P")
        return {f"{name}_{unit_suffix(unit)}": _number_in(value, unit)}
    if isinstance(value, LabelledEnum):
        return {name: value.value}
    if isinstance(value, Mapping):
        cells: dict[str, Any] = {}
        for key, inner in value.items():
            cells.update(_cells(f"{name}_{key}", inner, language))
        return cells
    if isinstance(value, (tuple, list)):
        return {name: [_text(item, language) for item in value]}
    return {name: value}


def assessment_row(
    assessment: Assessment, year: int | None = None, language: str = "en"
) -> dict[str, Any]:
    """One assessment as a flat row (see the module docstring).

    Args:
        assessment: The assessment.
        year: The tariff year of the levy; each discharge's start year when omitted.
        language: The language of the texts (``levy_note``, violations, alternatives,
            assumptions): ``"en"`` or ``"nl"``.
    """
    row: dict[str, Any] = {}
    activity = assessment.activity
    quantities = {**_quantity_fields(type(assessment)), **_quantity_fields(type(activity))}
    for name, value in assessment.record(year, language).items():
        if name == "measurements":
            row.update(_measurement_cells(activity))
        elif name not in SKIPPED:
            row.update(_cells(name, value, language, quantities.get(name)))
    return row


def field_cells(activity: Any, field: str, language: str = "en") -> dict[str, Any]:
    """The cells that one field of *activity* (or one measured parameter) gives in its
    :func:`assessment_row`: ``{"flow_m3_per_h": 38.16}``."""
    import attrs

    from waterbeleid.discharge.model import REFERENCE_UNITS

    names = {f.name for f in attrs.fields(type(activity)) if f.init}
    if field in names and field != "measurements":
        unit = _quantity_fields(type(activity)).get(field)
        return _cells(field, getattr(activity, field), language, unit)
    return {f"{field}_{unit_suffix(REFERENCE_UNITS[field])}": activity.value(field)}


def _measurement_cells(activity: Any) -> dict[str, Any]:
    """Every measured parameter but those that are fields of their own, in its reference
    unit (``None`` where not measured)."""
    from waterbeleid.discharge.model import MEASUREMENTS, REFERENCE_UNITS

    own = _quantity_fields(type(activity))
    return {
        f"{key}_{unit_suffix(REFERENCE_UNITS[key])}": activity.value(key)
        for key in MEASUREMENTS
        if key not in own
    }


def assessment_records(
    assessments: Iterable[Assessment], year: int | None = None, language: str = "en"
) -> list[dict[str, Any]]:
    """The rows of many assessments (:func:`assessment_row` for each)."""
    return [assessment_row(a, year, language) for a in assessments]


def assessment_columns(example: Assessment) -> tuple[str, ...]:
    """The columns of the rows of assessments like *example*."""
    return tuple(assessment_row(example))
