"""CSV and Excel files of the tables, safe to open in a spreadsheet.

>>> import io, waterbeleid as wb
>>> buffer = io.StringIO()
>>> write_csv(wb.catalogue.vito_action_plan(), buffer)
>>> buffer.getvalue().splitlines()[0].split(",")[:8]
['code', 'domain', 'goal', 'lever', 'status', 'action', 'output', 'lead']
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from waterbeleid._enum import LabelledEnum
from waterbeleid._output import FORMULA_STARTS, CsvDialect, csv_text, neutralise, xlsx_cell
from waterbeleid.quarters import Quarter, Timing
from waterbeleid.tables import TableError, column_units, table_names

__all__ = [
    "FORMULA_STARTS",
    "cell_text",
    "header_label",
    "neutralise",
    "sheets",
    "write_csv",
    "write_xlsx",
]

#: Characters that an xlsx file cannot hold (control characters but tab, LF and CR).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Sheets: name -> (columns, rows).
Sheets = dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Quarter):
        return value.iso
    if isinstance(value, (LabelledEnum, Timing)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cell_text(value: Any) -> str:
    """A value as the text of a CSV cell: ``""`` for unknown, lists joined with ``"; "``,
    quarters as ``"2025Q3"``, dates in ISO form, formula-like text neutralised.

    >>> from waterbeleid import Quarter
    >>> cell_text(["VMM", "VITO"]), cell_text(None), cell_text(Quarter(2025, 3))
    ('VMM; VITO', '', '2025Q3')
    """
    return neutralise(_text(value))


def _xlsx_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal, dt.date)):
        return value
    return xlsx_cell(_ILLEGAL.sub("", _text(value)))


def header_label(column: str, units: Mapping[str, str]) -> str:
    """The header of a column: its name, with its unit in brackets when it has one.

    >>> header_label("volume_m3", {"volume_m3": "m³"}), header_label("code", {})
    ('volume [m³]', 'code')
    """
    unit = units.get(column)
    if unit is None:
        return column
    from waterbeleid.tables import UNIT_SUFFIXES

    suffix = next(s for s, u in UNIT_SUFFIXES.items() if u == unit and column.endswith(s))
    return f"{column[: -len(suffix)]} [{unit}]"


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for row in rows:
        found.update(dict.fromkeys(row))
    return tuple(found)


def _sheet_name(obj: Any) -> str:
    items = list(obj)
    if items:
        name = type(items[0]).__name__
    else:
        item_type = getattr(obj, "item_type", None)
        name = item_type.__name__ if item_type else "rows"
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    if snake.endswith("y"):
        return snake[:-1] + "ies"
    return snake if snake.endswith("s") else snake + "s"


def sheets(obj: Any, tables: Iterable[str] | None = None) -> Sheets:
    """The tables to write, by name, each with its columns and rows.

    Args:
        obj: A container (every table, or those named in *tables*), a sequence of records
            or assessments (one table), a sequence of row dicts, or a mapping of sheet name
            to row dicts.
        tables: For a container, the names of the tables to write.

    Raises:
        TableError: an unknown table, or an object that has no tables.
    """
    from waterbeleid.tables import is_container, rows_and_columns

    if is_container(obj):
        names = tuple(tables) if tables is not None else table_names(obj)
        found: Sheets = {}
        for name in names:
            rows, columns = rows_and_columns(obj, name)
            found[name] = (columns, rows)
        return found
    if tables is not None:
        raise TableError(f"tables= is for containers; {type(obj).__name__} has one table")
    if isinstance(obj, Mapping):
        return {str(k): (_columns(v), list(v)) for k, v in obj.items()}
    items = list(obj) if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)) else None
    if items is not None and all(isinstance(i, Mapping) for i in items) and items:
        return {"rows": (_columns(items), [dict(i) for i in items])}
    rows, columns = rows_and_columns(obj, None)
    return {_sheet_name(obj): (columns, rows)}


def write_csv(
    obj: Any,
    file: str | os.PathLike[str] | IO[str] | None = None,
    *,
    table: str | None = None,
    dialect: str | CsvDialect = "en",
    raw: bool = False,
) -> str | None:
    """Write one table as CSV; with no *file*, return the text.

    The header names each column, with its unit in brackets where the name states one
    (``levy [EUR]``). Cells follow :func:`cell_text`; numbers and booleans are written by
    :func:`waterbeleid._output.csv_text` in the dialect's way (``true``/``false``; a
    decimal comma in the ``nl`` dialect).

    Args:
        obj: What :func:`sheets` accepts.
        file: A path, an open text file, or ``None``.
        table: For a container, the table (its default one when omitted).
        dialect: ``"en"`` (comma, decimal point) or ``"nl"`` (semicolon, decimal comma,
            byte order mark, for a Dutch-language Excel): a key of
            :data:`waterbeleid._output.DIALECTS`.
        raw: Write text as it is, without neutralising formula-like cells.

    Raises:
        TableError: an unknown table, or several tables where one is wanted.
    """
    from waterbeleid.tables import default_table, is_container

    if is_container(obj):
        found = sheets(obj, [table or default_table(obj)])
    else:
        found = sheets(obj, None if table is None else [table])
    if len(found) != 1:
        raise TableError(
            f"expected one table for a CSV file, found {len(found)} ({', '.join(found)}); "
            "write_xlsx writes several"
        )
    ((columns, rows),) = found.values()
    units = column_units(columns)
    labels = {c: header_label(c, units) for c in columns}
    text = csv_text(
        ({labels[c]: _csv_value(row.get(c)) for c in columns} for row in rows),
        dialect=dialect,
        raw=raw,
        first=(),
        columns=list(labels.values()),
    )
    if file is None:
        return text
    if isinstance(file, (str, os.PathLike)):
        with open(file, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        file.write(text)
    return None


def _csv_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal)):
        return value
    return _text(value)


def write_xlsx(
    obj: Any, file: str | os.PathLike[str] | IO[bytes], *, tables: Iterable[str] | None = None
) -> None:
    """Write tables as an Excel workbook, one sheet per table (needs the ``excel`` extra).

    Numbers, booleans and dates stay typed; lists are joined with ``"; "``; text that a
    spreadsheet would take for a formula is neutralised (:func:`neutralise`). Each sheet has
    a bold header row (units in brackets), frozen, with a filter.

    >>> import tempfile, pathlib, openpyxl, waterbeleid as wb
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.xlsx"
    >>> write_xlsx(wb.catalogue.vito_action_plan(), path)
    >>> book = openpyxl.load_workbook(path)
    >>> book.sheetnames[:3], book["action_lines"].max_row
    (['action_lines', 'focus_domains', 'operational_goals'], 60)

    Args:
        obj: What :func:`sheets` accepts.
        file: A path or a binary file.
        tables: For a container, the tables to write (all when omitted).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (columns, rows) in sheets(obj, tables).items():
        sheet = book.create_sheet(title=_ILLEGAL.sub("", name)[:31] or "rows")
        units = column_units(columns)
        sheet.append([neutralise(header_label(c, units)) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(header_label(c, units)) for c in columns]
        for row in rows:
            values = [_xlsx_value(row.get(c)) for c in columns]
            sheet.append(values)
            for i, value in enumerate(values):
                widths[i] = max(widths[i], min(60, len(str(value)) if value is not None else 0))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[_column_letter(i)].width = max(8, width + 2)
        sheet.freeze_panes = "A2"
        if columns:
            sheet.auto_filter.ref = sheet.dimensions
    if not book.sheetnames:
        book.create_sheet(title="rows")
    book.save(file)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index)
    return letter
