"""Short reprs, HTML views and tables for records and containers (notebook-friendly).

A record's ``repr`` names its type, its code and its first few fields, shortened, and
counts what it holds; a container's says what it is and how many of each it holds. Both
stay within :data:`REPR_LIMIT` characters. In Jupyter, ``_repr_html_`` shows a record as
a two-column table and a container as the first rows of its default table.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, ClassVar, Final, TypeVar

import attrs

__all__ = ["REPR_LIMIT", "ContainerMixin", "RecordMixin", "Selection", "short_repr"]

#: The longest repr of a record or container.
REPR_LIMIT: Final = 300
#: How many characters of one text field a repr shows.
_FIELD_LIMIT = 40
#: How many rows an HTML view shows.
HTML_ROWS: Final = 10

T = TypeVar("T")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value(value: Any) -> str | None:
    """A field value as a repr shows it; ``None`` for a field to count instead."""
    from waterbeleid._enum import LabelledEnum

    if value is None:
        return None
    if isinstance(value, LabelledEnum):
        return str(value.value)
    if isinstance(value, str):
        return repr(_shorten(value, _FIELD_LIMIT))
    if isinstance(value, tuple) and value and attrs.has(type(value[0])):
        return None
    if isinstance(value, tuple):
        return repr(_shorten("; ".join(str(v) for v in value), _FIELD_LIMIT))
    if attrs.has(type(value)) and hasattr(value, "text"):
        return repr(_shorten(str(value.text), _FIELD_LIMIT))
    if attrs.has(type(value)):
        return None
    return _shorten(str(value), _FIELD_LIMIT)


def _counts(obj: Any) -> list[str]:
    counts = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        items = getattr(value, "all", value)
        if isinstance(items, tuple) and items and attrs.has(type(items[0])):
            counts.append(f"{len(items)} {field.name.replace('_', ' ')}")
    return counts


def short_repr(obj: Any, lead: Iterable[str] = ()) -> str:
    """``<Type key: field=value, …, N children>``, at most :data:`REPR_LIMIT` characters.

    Args:
        obj: An attrs record or container.
        lead: Fields shown first (after the key), e.g. an assessment's verdict.
    """
    cls = type(obj)
    names = [f.name for f in attrs.fields(cls) if not f.name.startswith("_") and f.repr]
    key = next((k for k in ("code", "number", "subject", "name") if k in names), None)
    head = f"<{cls.__name__}"
    if key is not None:
        shown = _value(getattr(obj, key))
        head += f" {shown.strip(chr(39)) if shown else ''}"
    parts: list[str] = []
    order = [*lead, *(n for n in names if n not in lead and n not in (key, "kind"))]
    for name in order:
        shown = _value(getattr(obj, name))
        if shown is None or shown in ("()", "''"):
            continue
        parts.append(f"{name}={shown}")
    counts = _counts(obj)
    tail = (", " + ", ".join(counts)) if counts else ""
    body = ""
    for part in parts:
        candidate = f"{body}, {part}" if body else part
        if len(head) + len(candidate) + len(tail) + 8 > REPR_LIMIT:
            body = f"{body}, …" if body else "…"
            break
        body = candidate
    text = f"{head}: {body}{tail}>" if body or tail else f"{head}>"
    return _shorten(text[:-1], REPR_LIMIT - 1) + ">" if len(text) > REPR_LIMIT else text


def _html_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return html.escape("; ".join("" if v is None else str(v) for v in value))
    return html.escape(str(value))


def html_table(rows: list[dict[str, Any]], columns: Iterable[str], caption: str) -> str:
    """Rows as an HTML table (the first :data:`HTML_ROWS`, then how many more)."""
    columns = list(columns)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_cell(row.get(c))}</td>" for c in columns) + "</tr>"
        for row in rows[:HTML_ROWS]
    )
    more = len(rows) - HTML_ROWS
    note = f"<p>… and {more} more rows</p>" if more > 0 else ""
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"
    )


def record_html(obj: Any) -> str:
    """One record as a two-column HTML table: field, value."""
    from waterbeleid.tables import record_row

    row = record_row(obj)
    body = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{_html_cell(v)}</td></tr>" for k, v in row.items()
    )
    counts = _counts(obj)
    note = f"<p>{html.escape(', '.join(counts))}</p>" if counts else ""
    return (
        f"<table><caption>{html.escape(short_repr(obj))}</caption>"
        f"<tbody>{body}</tbody></table>{note}"
    )


class RecordMixin:
    """A short ``repr`` and an HTML view for a record (an attrs class with ``repr=False``)."""

    __slots__ = ()
    _repr_lead: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        return short_repr(self, self._repr_lead)

    def _repr_html_(self) -> str:
        return record_html(self)


class ContainerMixin(RecordMixin):
    """Tables, a short ``repr`` and an HTML view for a dataset (plan, calendar, tables)."""

    __slots__ = ()
    #: The table that :meth:`to_records` and :meth:`to_pandas` give without ``table=``.
    default_table: ClassVar[str] = ""

    def __repr__(self) -> str:
        source = getattr(self, "source", None)
        if isinstance(source, tuple):  # several documents: name the first
            source = source[0] if source else None
        title = getattr(source, "title", None)
        what = type(self).__name__ + (f" {_shorten(title, 60)!r}" if title else "")
        counts = _counts(self)
        return _shorten(f"<{what}: {', '.join(counts) or 'empty'}>", REPR_LIMIT)

    def to_records(self, table: str | None = None) -> list[dict[str, Any]]:
        """The rows of one of its tables as flat dicts (:func:`waterbeleid.tables.to_records`).

        Args:
            table: A name among :meth:`table_names`; :attr:`default_table` when omitted.
        """
        from waterbeleid.tables import to_records

        return to_records(self, table)

    def to_pandas(self, table: str | None = None) -> Any:
        """One of its tables as a pandas DataFrame (:func:`waterbeleid.tables.to_pandas`;
        needs the ``pandas`` extra).

        Args:
            table: A name among :meth:`table_names`; :attr:`default_table` when omitted.
        """
        from waterbeleid.tables import to_pandas

        return to_pandas(self, table)

    def table_names(self) -> tuple[str, ...]:
        """The names of its tables, the default one first."""
        from waterbeleid.tables import table_names

        return table_names(self)

    def _repr_html_(self) -> str:
        from waterbeleid.tables import to_records

        rows = to_records(self)
        caption = f"{self!r}: {self.default_table}"
        return html_table(rows, tuple(rows[0]) if rows else (), caption)


class Selection(tuple[T, ...]):
    """Records chosen by a query, in document order, with those it could not decide.

    A selection is a tuple of the records that match. Records whose timing is to be
    determined (or not given) cannot be said to fall in a period or not: a query by period
    leaves them out and lists them in :attr:`undetermined`.

    Attributes:
        undetermined: The records that match every other condition but whose timing is
            unknown, so that a period condition cannot decide them.
        item_type: The type of the records (for an empty selection's table).
    """

    undetermined: tuple[T, ...]
    item_type: type | None

    def __new__(
        cls, items: Iterable[T] = (), undetermined: Iterable[T] = (), item_type: type | None = None
    ) -> Selection[T]:
        self = super().__new__(cls, items)
        self.undetermined = tuple(undetermined)
        self.item_type = item_type
        return self

    def __repr__(self) -> str:
        what = self.item_type.__name__ if self.item_type else "record"
        more = f" (+{len(self.undetermined)} to be determined)" if self.undetermined else ""
        codes = [str(getattr(r, "code", "")) for r in self[:8] if getattr(r, "code", None)]
        listed = f": {', '.join(codes)}{', …' if len(self) > len(codes) else ''}" if codes else ""
        return _shorten(f"<Selection of {len(self)} {what}{more}{listed}>", REPR_LIMIT)

    def to_records(self) -> list[dict[str, Any]]:
        """Its records as flat dicts (:func:`waterbeleid.tables.to_records`)."""
        from waterbeleid.tables import to_records

        return to_records(self)

    def to_pandas(self) -> Any:
        """Its records as a pandas DataFrame (:func:`waterbeleid.tables.to_pandas`)."""
        from waterbeleid.tables import to_pandas

        return to_pandas(self)

    def _repr_html_(self) -> str:
        from waterbeleid.tables import to_records

        rows = to_records(self)
        return html_table(rows, tuple(rows[0]) if rows else (), repr(self))
