"""Writing results safely: spreadsheet-safe cells, printable text, files replaced atomically.

Every writer of results (the command line, tables, exports) goes through these functions:

* :func:`neutralise` keeps a spreadsheet from running a cell as a formula (OWASP's rule
  against CSV injection): a text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return, and is not a plain number, gets a leading ``'``;
* :func:`csv_text` writes rows as CSV in a :data:`DIALECTS` entry — ``en`` (comma,
  decimal point) or ``nl`` for a Dutch-language Excel (semicolon, decimal comma, a UTF-8
  byte order mark) — with ``true``/``false`` for booleans, an empty cell for unknown, and
  the record's ``id`` in the first column;
* :func:`xlsx_cell` gives the value to put in a spreadsheet cell (neutralised text);
* :func:`printable` and :func:`printable_lines` escape what a terminal would not show
  (control characters, lone surrogates, bidirectional overrides) as ``\\x..``/``\\u....``;
* :func:`json_text` dumps JSON whose strings may hold lone surrogates;
* :func:`write_atomic` writes a file through a temporary file in the same directory and
  renames it over the target, and refuses to overwrite an input or a device.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("-5 m3")
('\\'=HYPERLINK("http://x")', '-5', "'-5 m3")
>>> print(csv_text([{"row": 0, "allowed": True, "levy_eur": "17.31", "id": "@SUM(1+1)"}],
...                dialect="nl", decimal_columns=("levy_eur",)).lstrip("\\ufeff"), end="")
id;row;allowed;levy_eur
'@SUM(1+1);0;true;17,31
>>> printable("A12\\u202e\\x1b[2J")
'A12\\\\u202e\\\\x1b[2J'
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import io
import json
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final

import attrs

from waterbeleid.errors import OutputError

__all__ = [
    "DIALECTS",
    "FORMULA_STARTS",
    "CsvDialect",
    "atomic_file",
    "csv_cells",
    "csv_columns",
    "csv_header",
    "csv_text",
    "json_text",
    "neutralise",
    "printable",
    "printable_lines",
    "write_atomic",
    "xlsx_cell",
]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
_LEADING_DECIMAL = re.compile(r"^([+-]?[0-9]+)\.([0-9]+)")
_SURROGATE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class CsvDialect:
    """How a CSV file separates cells and writes decimals.

    Attributes:
        name: ``"en"`` or ``"nl"``.
        delimiter: The cell separator.
        decimal: The decimal separator of numbers.
        bom: Whether the file starts with a UTF-8 byte order mark (Excel needs it to read
            UTF-8).
    """

    name: str
    delimiter: str
    decimal: str
    bom: bool


#: The CSV dialects: ``en`` (comma, decimal point) and ``nl`` (semicolon, decimal comma,
#: byte order mark), which a Dutch-language Excel opens with its columns and numbers.
DIALECTS: Final[dict[str, CsvDialect]] = {
    "en": CsvDialect(name="en", delimiter=",", decimal=".", bom=False),
    "nl": CsvDialect(name="nl", delimiter=";", decimal=",", bom=True),
}


def neutralise(text: str) -> str:
    """*text* with a leading ``'`` when a spreadsheet would read it as a formula.

    A text that begins with one of :data:`~waterbeleid._output.FORMULA_STARTS` gets the
    quote, unless it is a plain number (``"-5"``, ``"+1.5"``), which a spreadsheet reads as
    that number.
    """
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _escape(char: str) -> str:
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _shows(char: str) -> bool:
    return char.isprintable() or unicodedata.category(char) == "Zs"


def printable(text: str) -> str:
    """*text* with every character a terminal would not show as itself escaped.

    Control characters (newlines too), lone surrogates, and format characters such as
    bidirectional overrides become ``\\n``, ``\\x1b``, ``\\ud800``, ``\\u202e``; letters
    of any script, accents, ``³`` and ``€`` stay. The result is one line.
    """
    if text.isprintable():
        return text
    return "".join(char if _shows(char) else _escape(char) for char in text)


def printable_lines(text: str) -> str:
    """:func:`printable` applied to each line of *text*, keeping its line breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _without_surrogates(text: str) -> str:
    if text.isascii():  # (no surrogate is ASCII; the check costs next to nothing)
        return text
    return _SURROGATE.sub(lambda match: _escape(match[0]), text)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """*data* as JSON (UTF-8 text kept as it is), with a final newline.

    :class:`~decimal.Decimal` amounts become strings. A lone surrogate, which UTF-8 cannot
    encode, is written as its JSON escape ``\\ud800``, which reads back as the same string.
    """

    def default(value: Any) -> Any:
        if isinstance(value, decimal.Decimal):
            return str(value)
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    text = json.dumps(data, ensure_ascii=False, indent=indent, default=default)
    return _without_surrogates(text) + "\n"


def _cell(value: Any, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(item, dialect) for item in value)
    if isinstance(value, (float, decimal.Decimal)):
        return str(value).replace(".", dialect.decimal)
    return str(value)


def xlsx_cell(value: Any, *, raw: bool = False) -> Any:
    """The value to put in a spreadsheet cell: numbers, booleans and ``None`` as they are,
    lists joined with ``"; "``, text neutralised (unless *raw*) and without surrogates."""
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal)):
        return value
    text = _without_surrogates(_cell(value, DIALECTS["en"]))
    return text if raw else neutralise(text)


def csv_text(
    rows: Iterable[Mapping[str, Any]],
    *,
    dialect: str | CsvDialect = "en",
    raw: bool = False,
    first: Sequence[str] = ("id",),
    decimal_columns: Sequence[str] = (),
    columns: Sequence[str] | None = None,
) -> str:
    """Rows as CSV text, safe to open in a spreadsheet.

    Args:
        rows: Mappings of column name to value; the columns are those of the first row,
            then any new ones of later rows, with the columns in *first* moved to the front.
        dialect: A key of :data:`DIALECTS` or a :class:`CsvDialect`.
        raw: Write text cells as they are, without :func:`neutralise` (for programs that
            read the file, not spreadsheets).
        first: The columns to put first (the record's ``id``).
        decimal_columns: Columns whose text starts with a decimal number (``"17.31"``,
            ``"2.5 m³"``): its decimal point follows the dialect.
        columns: The columns, in order (a header is written even without rows); by
            default those the rows hold.

    Booleans are ``true``/``false``, ``None`` is an empty cell, lists are joined with
    ``"; "``, floats and decimals use the dialect's decimal separator.
    """
    chosen = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    rows = list(rows)
    if columns is None:
        columns = list(dict.fromkeys(name for row in rows for name in row))
    columns = csv_columns(columns, first)
    if not columns:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=chosen.delimiter, lineterminator="\r\n")
    writer.writerow(csv_header(columns, raw=raw))
    for row in rows:
        writer.writerow(csv_cells(row, columns, chosen, raw=raw, decimal_columns=decimal_columns))
    return ("\ufeff" if chosen.bom else "") + buffer.getvalue()


def csv_columns(columns: Sequence[str], first: Sequence[str] = ("id",)) -> list[str]:
    """*columns* with those of *first* moved to the front, as :func:`csv_text` orders them."""
    return [c for c in first if c in columns] + [c for c in columns if c not in first]


def csv_header(columns: Sequence[str], *, raw: bool = False) -> list[str]:
    """The header cells of :func:`csv_text` (for writers that stream their rows)."""
    return [_without_surrogates(c) if raw else neutralise(c) for c in columns]


def csv_cells(
    row: Mapping[str, Any],
    columns: Sequence[str],
    dialect: CsvDialect,
    *,
    raw: bool = False,
    decimal_columns: Sequence[str] = (),
) -> list[str]:
    """The cells of one row as :func:`csv_text` writes them (for writers that stream)."""
    cells = []
    for column in columns:
        value = row.get(column)
        if value is None or column not in decimal_columns or dialect.decimal == ".":
            cells.append(csv_cell(value, dialect, raw=raw))
            continue
        text = _without_surrogates(_cell(value, dialect))
        text = _LEADING_DECIMAL.sub(rf"\1{dialect.decimal}\2", text)
        cells.append(text if raw else neutralise(text))
    return cells


def csv_cell(value: Any, dialect: CsvDialect, *, raw: bool = False) -> str:
    """One cell as :func:`csv_cells` writes it in a column that is not a decimal column."""
    if value is None:  # an empty cell, whatever the dialect (most measurements)
        return ""
    text = _without_surrogates(value if type(value) is str else _cell(value, dialect))
    return text if raw else neutralise(text)


def csv_field(cell: str, delimiter: str) -> str:
    """*cell* (a text :func:`csv_cell` gives) as :func:`csv_text`'s writer puts it between
    the delimiters of a row of more than one cell: quoted, with its quotes doubled, where
    it holds the delimiter, a quote or a line break; else as it is. Rows joined from such
    fields (and ``"\\r\\n"``) are the writer's rows, byte for byte."""
    if delimiter in cell or '"' in cell or "\r" in cell or "\n" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _refuse_target(target: Path, inputs: Iterable[str | os.PathLike[str] | None]) -> int | None:
    """The mode of an existing target, after refusing inputs and anything not a file."""
    try:
        found = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{target}: is a directory, expected a file to write")
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(
            f"{target}: expected a regular file to write, found a device or pipe "
            "(use the shell's redirection for those)"
        )
    for name in inputs:
        if name is None or os.fspath(name) == "-":
            continue
        try:
            same = os.path.samefile(name, target)
        except (OSError, ValueError):
            same = False
        if same:
            raise OutputError(
                f"{target}: refusing to overwrite the input file {os.fspath(name)}; "
                "choose another output file"
            )
    return stat.S_IMODE(found.st_mode)


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    encoding: str = "utf-8",
) -> None:
    """Write *data* to *path* at once: into a temporary file in the same directory, which
    then replaces *path*. A failure (no space, no permission) leaves *path* as it was.

    Args:
        path: The file to write.
        data: Text (encoded with *encoding*) or bytes.
        inputs: The files the data was read from: *path* may not be one of them.
        encoding: The encoding of text.

    Raises:
        OutputError: *path* is an input, a directory or a device, or cannot be written.
    """
    target = Path(path)
    try:
        payload = data.encode(encoding) if isinstance(data, str) else data
    except UnicodeEncodeError as exc:
        raise OutputError(f"{target}: cannot encode the output as {encoding}: {exc}") from None
    with atomic_file(target, inputs=inputs) as stream:
        stream.write(payload)


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str] | None] = ()
) -> Iterator[IO[bytes]]:
    """A binary stream into a temporary file in the directory of *path*, which replaces
    *path* when the ``with`` block ends without an error (and is removed when it fails):
    :func:`write_atomic` for writers that stream their output.

    Raises:
        OutputError: as :func:`write_atomic`.
    """
    target = Path(path)
    mode = _refuse_target(target, inputs)
    directory = target.parent
    temporary = directory / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
