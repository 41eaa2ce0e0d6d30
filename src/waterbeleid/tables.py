"""Tables of the plans: one row per record, as plain dicts or as a pandas DataFrame.

Every record type of waterbeleid is an attrs class, and its table follows from its
fields, one rule per kind of value:

* text, numbers, booleans, :class:`~decimal.Decimal` and :class:`~datetime.date` stay
  as they are; an unknown value is ``None``;
* an enum becomes its English value (``"knowledge_capacity"``);
* a :class:`~waterbeleid.quarters.Quarter` stays a ``Quarter`` in records and becomes a
  pandas ``Period`` of frequency ``Q-DEC`` in a DataFrame;
* a :class:`~waterbeleid.quarters.Timing` becomes four columns: ``timing_text`` (the
  words of the document, verbatim), ``timing_kind``, ``start`` and ``end`` (for a field
  named otherwise, e.g. ``due``: ``due_text``, ``due_kind``, ``due_start``, ``due_end``);
* a tuple of texts (or of timings) becomes a list (of timing texts); CSV and Excel join
  it with ``"; "`` (:mod:`waterbeleid.export`);
* a single nested record (a ``source``) becomes its fields, prefixed (``source_title``);
* a pint quantity becomes its text, ``"5 m³/h"``;
* a tuple of records is a table of its own (an action plan's ``operational_goals``, a
  calendar's ``steps``), whose rows carry the keys of their parents: ``measure_code``,
  ``choice_number``, ``step`` (the position of a record without a code).

A container (:class:`~waterbeleid.policy.actionplan.ActionPlan`,
:class:`~waterbeleid.policy.wbs.WbsCalendar`,
:class:`~waterbeleid.policy.worktables.WorkTableSet`) has one table per such tuple, found
from its fields; :func:`table_names` lists them. A record type added to a container gets
its table without further code.

>>> import waterbeleid as wb
>>> plan = wb.catalogue.vito_action_plan()
>>> rows = to_records(plan)
>>> row = rows[4]
>>> len(rows), row["code"], row["lever"], row["timing_text"], row["timing_kind"], str(row["end"])
(59, 'KP 1.5', 'technology_infrastructure', 'Q2 2026', 'span', 'Q2 2026')
>>> names = table_names(wb.catalogue.wbs_calendar())
>>> names[:2], "steps" in names, "agenda" in names
(('measures', 'choices'), True, True)

The round trip goes back from rows to records wherever the table holds every field
(action lines, operational goals, instruments, sessions, …):

>>> from_records(rows, wb.ActionLine) == plan.action_lines
True

Nothing here imports pandas until :func:`to_pandas` or :func:`from_pandas` is called.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid.errors import StructureError, WaterbeleidError
from waterbeleid.quarters import Quarter, Timing, parse_timing

__all__ = [
    "Row",
    "TableError",
    "column_units",
    "default_table",
    "from_pandas",
    "from_records",
    "is_container",
    "quarter_columns",
    "record_columns",
    "record_row",
    "rows_and_columns",
    "table_names",
    "to_pandas",
    "to_records",
]

#: One row of a table: column name -> value.
Row = dict[str, Any]

#: The fields that identify a record among its siblings, in order of preference; a
#: record without one is identified by its position (1, 2, …).
KEY_FIELDS = ("code", "number", "subject")

#: The name of one row of a table whose field name does not end in ``s``.
_SINGULAR = {"agenda": "entry"}


R = TypeVar("R")


def _per_class(function: Callable[[type], R]) -> Callable[[type], R]:
    """Cache a function of a class (the classes of a model are few and live long)."""
    cache: dict[type, R] = {}

    @functools.wraps(function)
    def cached(cls: type) -> R:
        if cls not in cache:
            cache[cls] = function(cls)
        return cache[cls]

    return cached


class TableError(WaterbeleidError, LookupError):
    """An unknown table name, or an object that waterbeleid cannot make a table of."""


# -- how each field becomes columns -----------------------------------------------------------

_SCALARS = (str, int, float, bool, decimal.Decimal, dt.date, type(None))


class _Field(NamedTuple):
    name: str
    kind: str  # scalar enum quarter timing list timings records record quantity other
    inner: Any = None  # the record class of "records"/"record", the collection's item class


_UnionType = type(int | str)


def _strip_optional(hint: Any) -> Any:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, _UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def _collection_item(hint: Any) -> Any:
    """The record class held by a non-tuple collection type (the calendar's ``Measures``)."""
    from waterbeleid.policy.wbs import Measure, Measures

    return Measure if hint is Measures else None


def _classify(name: str, hint: Any) -> _Field:
    from waterbeleid._types import Quantity

    hint = _strip_optional(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        item = _strip_optional(args[0]) if args else Any
        if item is Timing:
            return _Field(name, "timings")
        if isinstance(item, type) and attrs.has(item):
            return _Field(name, "records", item)
        return _Field(name, "list")
    if isinstance(hint, type):
        if hint is Timing:
            return _Field(name, "timing")
        if hint is Quarter:
            return _Field(name, "quarter")
        if issubclass(hint, LabelledEnum):
            return _Field(name, "enum")
        if issubclass(hint, Quantity):
            return _Field(name, "quantity")
        if _collection_item(hint) is not None:
            return _Field(name, "records", _collection_item(hint))
        if attrs.has(hint):
            return _Field(name, "record", hint)
        if issubclass(hint, _SCALARS):
            return _Field(name, "scalar")
    return _Field(name, "other")


@_per_class
def _fields(cls: type) -> tuple[_Field, ...]:
    """How each public field of an attrs class becomes columns (cached per class)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # pragma: no cover - a forward reference that cannot be resolved
        hints = {}
    found = []
    for field in attrs.fields(cls):
        if field.name.startswith("_") or field.metadata.get("table") is False:
            continue
        found.append(_classify(field.name, hints.get(field.name, Any)))
    return tuple(found)


def _timing_columns(cls: type, name: str) -> tuple[str, str, str, str]:
    """The four columns of a timing field: ``timing`` -> text, kind, start, end."""
    taken = {f.name for f in _fields(cls)} if attrs.has(cls) else set()
    if name == "timing" and not taken & {"start", "end"}:
        return "timing_text", "timing_kind", "start", "end"
    return f"{name}_text", f"{name}_kind", f"{name}_start", f"{name}_end"


def _timing_cells(timing: Timing | None, columns: tuple[str, str, str, str]) -> Row:
    if timing is None:
        return dict.fromkeys(columns)
    values = (timing.text, timing.kind.value, timing.start, timing.end)
    return dict(zip(columns, values, strict=True))


def _plain(value: Any) -> Any:
    """One value as a cell: enums by value, quantities as text, timings as text."""
    if isinstance(value, LabelledEnum):
        return value.value
    if isinstance(value, Timing):
        return value.text
    if hasattr(value, "dimensionality"):
        from waterbeleid.units import format_quantity

        return format_quantity(value)
    return value


#: Properties shown as columns next to the fields, per record type (the field after which
#: they follow).
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "ActionLine": (("domain", "code"),),
}


def record_row(record: Any) -> Row:
    """One record as a flat row (see the module docstring for the rules).

    >>> import waterbeleid as wb
    >>> row = record_row(wb.catalogue.vito_action_plan().action_line("KP 1.3"))
    >>> row["code"], row["domain"], row["lead"], row["timing_kind"], row["end"]
    ('KP 1.3', 'KP', ['VMM'], 'open_ended', None)
    """
    cls = type(record)
    if cls is Timing:
        return _timing_cells(record, ("timing_text", "timing_kind", "start", "end"))
    row: Row = {}
    extras = {after: name for name, after in EXTRA_COLUMNS.get(cls.__name__, ())}
    for field in _fields(cls):
        value = getattr(record, field.name)
        if field.kind == "records":
            pass
        elif field.kind == "timing":
            row.update(_timing_cells(value, _timing_columns(cls, field.name)))
        elif field.kind in ("list", "timings"):
            row[field.name] = None if value is None else [_plain(v) for v in value]
        elif field.kind == "record":
            inner = (
                record_row(value)
                if value is not None
                else dict.fromkeys(record_columns(field.inner))
            )
            row.update({f"{field.name}_{k}": v for k, v in inner.items()})
        elif isinstance(value, tuple):  # a field whose annotation could not be read
            row[field.name] = [_plain(v) for v in value]
        else:
            row[field.name] = _plain(value)
        if field.name in extras:
            row[extras[field.name]] = getattr(record, extras[field.name])
    return row


@_per_class
def record_columns(cls: type) -> tuple[str, ...]:
    """The columns of :func:`record_row` for a record type, without an instance.

    >>> import waterbeleid as wb
    >>> record_columns(wb.ActionLine)[:4]
    ('code', 'domain', 'goal', 'lever')
    """
    if cls is Timing:
        return ("timing_text", "timing_kind", "start", "end")
    columns: list[str] = []
    extras = {after: name for name, after in EXTRA_COLUMNS.get(cls.__name__, ())}
    for field in _fields(cls):
        if field.kind == "records":
            pass
        elif field.kind == "timing":
            columns.extend(_timing_columns(cls, field.name))
        elif field.kind == "record":
            columns.extend(f"{field.name}_{c}" for c in record_columns(field.inner))
        else:
            columns.append(field.name)
        if field.name in extras:
            columns.append(extras[field.name])
    return tuple(columns)


# -- tables of a container ---------------------------------------------------------------------


def _singular(name: str) -> str:
    return _SINGULAR.get(name, name[:-1] if name.endswith("s") else name)


def _key_field(cls: type) -> str | None:
    if cls is Timing or not attrs.has(cls):
        return None
    names = {f.name for f in attrs.fields(cls)}
    return next((k for k in KEY_FIELDS if k in names), None)


def _items(container: Any, name: str) -> tuple[Any, ...]:
    value = getattr(container, name)
    if value is None:
        return ()
    return tuple(getattr(value, "all", value))


@_per_class
def _paths(cls: type) -> dict[str, tuple[tuple[tuple[str, ...], type], ...]]:
    """Table name -> the field paths (from the container) whose records make its rows."""
    tables: dict[str, list[tuple[tuple[str, ...], type]]] = {}
    queue: list[tuple[tuple[str, ...], type]] = [((), cls)]
    while queue:
        path, owner = queue.pop(0)
        if len(path) > 4:  # pragma: no cover - no model nests this deep
            continue
        for field in _fields(owner):
            if field.kind == "records":
                item: type = field.inner
            elif field.kind == "timings" and path:
                item = Timing
            else:
                continue
            tables.setdefault(field.name, []).append(((*path, field.name), item))
            if item is not Timing:
                queue.append(((*path, field.name), item))
    return {name: tuple(found) for name, found in tables.items()}


def _special_tables(container: Any) -> dict[str, Callable[[], Iterable[Any]]]:
    """Tables that a container computes itself rather than reading a field."""
    from waterbeleid.policy.wbs import WbsCalendar

    if isinstance(container, WbsCalendar):
        return {"agenda": container.agenda}
    return {}


def is_container(obj: Any) -> bool:
    """Whether *obj* holds tables of records (a plan, a calendar, work tables)."""
    return attrs.has(type(obj)) and bool(_paths(type(obj)))


def table_names(obj: Any) -> tuple[str, ...]:
    """The names of the tables a container holds, the default one first.

    >>> import waterbeleid as wb
    >>> table_names(wb.catalogue.vito_action_plan())[:3]
    ('action_lines', 'focus_domains', 'operational_goals')
    """
    if not is_container(obj):
        raise TableError(f"expected an action plan, a calendar or work tables, found {_what(obj)}")
    names = list(_paths(type(obj)))
    for name in _special_tables(obj):
        if name not in names:
            names.append(name)
    default = default_table(obj)
    return (default, *(n for n in names if n != default))


def default_table(obj: Any) -> str:
    """The table a container gives when none is named (its ``default_table``)."""
    default = getattr(type(obj), "default_table", None)
    if isinstance(default, str):
        return default
    return next(iter(_paths(type(obj))))


def _what(obj: Any) -> str:
    return type(obj).__name__


def _own_key(cls: type, singular: str) -> str:
    """The column that identifies a record of *cls* for its children (or by position)."""
    key = _key_field(cls)
    return singular if key is None else f"{singular}_{key}"


def _key_columns(root: type, path: tuple[str, ...], leaf: type) -> list[str]:
    """The key columns of the rows at the end of *path*, from the outermost parent in:
    each parent's key, then the row's own position when it has no key field."""
    columns: list[str] = []
    owner = root
    for name in path[:-1]:
        item = next(f.inner for f in _fields(owner) if f.name == name)
        columns.append(_own_key(item, _singular(name)))
        owner = item
    if _key_field(leaf) is None:
        columns.append(_singular(path[-1]))
    return columns


def _merged_keys(lists: list[list[str]]) -> list[str]:
    """Key columns of several paths: the keys at each depth together, outermost first."""
    merged: dict[str, None] = {}
    for depth in range(max((len(k) for k in lists), default=0)):
        merged.update(dict.fromkeys(k[depth] for k in lists if len(k) > depth))
    return list(merged)


def _walk(records: Sequence[Any], path: tuple[str, ...], singular: str, keys: Row) -> Iterable[Row]:
    """The rows of the records at the end of *path*, below *records*."""
    for position, record in enumerate(records, start=1):
        key = _key_field(type(record))
        own: Row = dict(keys)
        own[_own_key(type(record), singular)] = (
            position if key is None else _plain(getattr(record, key))
        )
        if not path:
            yield {**(keys if key is not None else own), **record_row(record)}
            continue
        yield from _walk(_items(record, path[0]), path[1:], _singular(path[0]), own)


def _container_rows(container: Any, table: str | None) -> tuple[list[Row], tuple[str, ...], Any]:
    name = table or default_table(container)
    special = _special_tables(container)
    if name in special:
        records = tuple(special[name]())
        item_type = getattr(records, "item_type", None) or (type(records[0]) if records else None)
        columns = record_columns(item_type) if item_type else ()
        return [record_row(r) for r in records], columns, item_type
    paths = _paths(type(container)).get(name)
    if paths is None:
        raise TableError(
            f"expected a table among {', '.join(table_names(container))} of "
            f"{_what(container)}, found {name!r}"
        )
    keys = _merged_keys([_key_columns(type(container), p, i) for p, i in paths])
    columns = (*keys, *(c for c in record_columns(paths[0][1]) if c not in keys))
    rows: list[Row] = []
    for path, _item in paths:
        rows.extend(_walk(_items(container, path[0]), path[1:], _singular(path[0]), {}))
    return [{c: row.get(c) for c in columns} for row in rows], columns, paths[0][1]


# -- rows of any object ---------------------------------------------------------------------


def _assessment_type() -> type:
    from waterbeleid.discharge.assess import Assessment

    return Assessment


def rows_and_columns(obj: Any, table: str | None) -> tuple[list[Row], tuple[str, ...]]:
    """The rows of *obj* and its columns (known even without rows); see :func:`to_records`."""
    rows, columns, _ = _table(obj, table)
    return rows, columns


def _table(obj: Any, table: str | None) -> tuple[list[Row], tuple[str, ...], Any]:
    """Rows, columns and the type of record of each row (``None`` when unknown)."""
    if is_container(obj):
        return _container_rows(obj, table)
    if table is not None:
        raise TableError(f"table= is for containers; {_what(obj)} has one table")
    if isinstance(obj, (str, bytes, Mapping)) or not isinstance(obj, Iterable):
        raise TableError(
            "expected an action plan, a calendar, work tables, or a sequence of records "
            f"or assessments, found {_what(obj)}"
        )
    items = list(obj)
    assessment = _assessment_type()
    if items and all(isinstance(i, assessment) for i in items):
        from waterbeleid.discharge.table import assessment_columns, assessment_row

        rows = [assessment_row(a) for a in items]
        return rows, assessment_columns(items[0]), None
    kinds = {type(i) for i in items}
    if len(kinds) > 1 or not all(attrs.has(k) for k in kinds):
        found = ", ".join(sorted(k.__name__ for k in kinds))
        raise TableError(f"expected records of one waterbeleid type, found {found}")
    item_type = getattr(obj, "item_type", None)
    if not items:
        return [], record_columns(item_type) if item_type else (), item_type
    return [record_row(i) for i in items], record_columns(type(items[0])), type(items[0])


def to_records(obj: Any, table: str | None = None) -> list[Row]:
    """The rows of a table as a list of flat dicts (no pandas needed).

    Args:
        obj: A container (action plan, calendar, work tables), a sequence of records
            (e.g. what :meth:`ActionPlan.lines
            <waterbeleid.policy.actionplan.ActionPlan.lines>` returns), or a sequence of
            :class:`~waterbeleid.discharge.assess.Assessment`.
        table: For a container, the name of the table (see :func:`table_names`); its
            default table when omitted.

    Raises:
        TableError: an unknown table, or an object that is none of these.
    """
    return rows_and_columns(obj, table)[0]


def to_pandas(obj: Any, table: str | None = None) -> Any:
    """The rows of :func:`to_records` as a pandas DataFrame (needs the ``pandas`` extra).

    Quarter columns (``start``, ``end``, …) become ``period[Q-DEC]`` columns with ``NaT``
    where unknown; lists stay lists.

    >>> import waterbeleid as wb
    >>> frame = to_pandas(wb.catalogue.vito_action_plan())
    >>> frame.shape[0], str(frame["start"].dtype)
    (59, 'period[Q-DEC]')
    """
    import pandas as pd

    rows, columns, item_type = _table(obj, table)
    quarters = set(quarter_columns(item_type)) if item_type is not None else set()
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    for name in frame.columns:
        values = [row.get(name) for row in rows]
        present = [v for v in values if v is not None]
        if name in quarters or (present and all(isinstance(v, Quarter) for v in present)):
            frame[name] = pd.Series(
                [
                    pd.NaT if v is None else pd.Period(year=v.year, quarter=v.number, freq="Q")
                    for v in values
                ],
                index=frame.index,
                dtype="period[Q-DEC]",
            )
        elif (
            present
            and len(present) < len(values)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in present)
        ):
            frame[name] = pd.array(values, dtype="Int64")
    return frame


@_per_class
def quarter_columns(cls: type) -> tuple[str, ...]:
    """The columns of a record type that hold quarters (``start``, ``end``, …).

    >>> import waterbeleid as wb
    >>> quarter_columns(wb.ConcreteStep), quarter_columns(wb.ActionLine)
    (('start',), ('start', 'end'))
    """
    if cls is Timing:
        return ("start", "end")
    if not attrs.has(cls):
        return ()
    found: list[str] = []
    for field in _fields(cls):
        if field.kind == "quarter":
            found.append(field.name)
        elif field.kind == "timing":
            found.extend(_timing_columns(cls, field.name)[2:])
    return tuple(found)


# -- back from rows to records --------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NaTType", "NAType")


def _unbox(value: Any) -> Any:
    """pandas and numpy cells as plain Python values; missing cells as ``None``."""
    if _missing(value):
        return None
    if type(value).__name__ == "Period":
        return Quarter(int(value.year), int(value.quarter))
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    if type(value).__name__ == "ndarray":
        return [_unbox(v) for v in value.tolist()]
    return value


def _quarter_text(value: Any) -> Any:
    return value.iso if isinstance(value, Quarter) else value


def _timing_from(row: Mapping[str, Any], columns: tuple[str, str, str, str], where: str) -> Any:
    text = _unbox(row.get(columns[0]))
    if text is None:
        return None
    if not isinstance(text, str):
        return text  # the converter reports the wrong type
    timing = parse_timing(text)
    stated = {
        "kind": _unbox(row.get(columns[1])),
        "start": _unbox(row.get(columns[2])),
        "end": _unbox(row.get(columns[3])),
    }
    read = {"kind": timing.kind.value, "start": timing.start, "end": timing.end}
    for (key, value), column in zip(stated.items(), columns[1:], strict=True):
        if value is None or key not in read:
            continue
        if isinstance(value, str) and key != "kind":
            value = Quarter.parse(value)
        if value != read[key] and not (value is None and read[key] is None):
            raise StructureError(
                [
                    (
                        f"{where}.{column}: {value} disagrees with {columns[0]} {text!r}, "
                        f"which reads as {read[key]}; change {columns[0]}, the words of the "
                        "document, rather than the columns read from it"
                    )
                ],
                "table",
            )
    return text


def _record_data(cls: type, row: Mapping[str, Any], where: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    defaults = {f.name: f.default for f in attrs.fields(cls)}
    for field in _fields(cls):
        if field.kind == "records":
            continue
        if field.kind == "timing":
            value = _timing_from(row, _timing_columns(cls, field.name), where)
        elif field.kind == "record":
            prefix = f"{field.name}_"
            sub = {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}
            value = (
                None
                if all(_missing(v) for v in sub.values())
                else _record_data(field.inner, sub, f"{where}.{field.name}")
            )
        else:
            value = _unbox(row.get(field.name))
            if isinstance(value, (list, tuple)):
                value = [_quarter_text(_unbox(v)) for v in value]
            value = _quarter_text(value)
        if value is None and defaults.get(field.name) not in (None, attrs.NOTHING):
            continue  # a tuple left empty in the table: its default
        if value is None and field.name not in row and field.kind != "timing":
            continue
        data[field.name] = value
    return data


def from_records(rows: Iterable[Mapping[str, Any]], cls: type) -> tuple[Any, ...]:
    """Records of type *cls* from the rows of a table: the inverse of :func:`to_records`.

    Columns that are not fields of *cls* (parent keys, ``timing_kind``, ``start``,
    ``end``) are read only to check them: a ``start`` that disagrees with ``timing_text``
    is an error, since the text is what the document says. Child tables (a measure's
    steps) are not in a row, so such fields come back empty.

    Raises:
        StructureError: a row that does not make a record, with its ``$[row].field``.
    """
    from waterbeleid.serialize import structure

    if cls is Timing:
        return tuple(
            parse_timing(_timing_from(r, ("timing_text", "timing_kind", "start", "end"), "$"))
            for r in rows
        )
    data = [_record_data(cls, row, f"$[{i}]") for i, row in enumerate(rows)]
    records: tuple[Any, ...] = structure(data, tuple[cls, ...], what=f"{cls.__name__} rows")  # type: ignore[valid-type]
    return records


def from_pandas(frame: Any, cls: type) -> tuple[Any, ...]:
    """Records of type *cls* from a DataFrame made by :func:`to_pandas` (or edited since).

    >>> import waterbeleid as wb
    >>> plan = wb.catalogue.vito_action_plan()
    >>> from_pandas(plan.to_pandas(), wb.ActionLine) == plan.action_lines
    True
    """
    return from_records(frame.to_dict("records"), cls)


# -- units in column names ---------------------------------------------------------------------

#: Column-name endings that state a unit, and the unit as a header shows it.
UNIT_SUFFIXES: dict[str, str] = {
    "_m3_per_h": "m³/h",
    "_mg_per_l": "mg/l",
    "_ug_per_l": "µg/l",
    "_percent": "%",
    "_m3": "m³",
    "_eur": "EUR",
    "_h": "h",
}


def column_units(columns: Iterable[str]) -> dict[str, str]:
    """The unit that each unit-suffixed column name states (``volume_m3`` -> ``m³``).

    >>> column_units(["code", "volume_m3", "levy_eur", "flow_m3_per_h"])
    {'volume_m3': 'm³', 'levy_eur': 'EUR', 'flow_m3_per_h': 'm³/h'}
    """
    found = {}
    for column in columns:
        for suffix, unit in UNIT_SUFFIXES.items():
            if column.endswith(suffix):
                found[column] = unit
                break
    return found
