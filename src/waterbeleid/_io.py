"""Reading dataset files: YAML (safe, duplicate keys are errors), JSON and CSV.

Every file is read within bounds, so that no single input can make the process take
minutes or gigabytes before it answers:

* only regular files are read (a device such as ``/dev/zero`` or a FIFO is refused
  before a byte is read), and at most :data:`MAX_BYTES` of each format;
* lists and mappings nest at most :data:`MAX_DEPTH` deep, and a file holds at most
  :data:`MAX_VALUES` values;
* YAML aliases may add at most :data:`MAX_ALIAS_NODES` values to a file (the "billion
  laughs" are refused while the file is parsed, before any object is built), an alias
  may not refer to the node that holds it, and only the plain tags of YAML's core schema
  (``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!map``, ``!!seq``,
  ``!!timestamp``) are accepted;
* JSON numbers are finite, CSV rows have as many cells as the header.

Every problem is a :class:`~waterbeleid.errors.DatasetError` that says where it is.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from pathlib import Path
from typing import IO, Any, Final

import yaml

from waterbeleid.errors import DatasetError

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "csv_cell_count",
    "csv_delimiter",
    "csv_names",
    "decode",
    "dump_yaml",
    "format_of",
    "load_text",
    "open_file",
    "read_input",
    "read_path",
    "refuse_utf16",
]

#: The largest file read, per format, in bytes: about 12,000 discharges in YAML, 16,000 in
#: JSON, 15,000 rows of CSV, each validated (and assessed) in about ten seconds on a
#: shared two-core machine. Larger
#: registers are for :func:`waterbeleid.assess_many`, which takes whole columns.
MAX_BYTES: Final[dict[str, int]] = {
    "yaml": 2 * 1024 * 1024,
    "json": 4 * 1024 * 1024,
    "csv": 1024 * 1024,
}

#: The most values a file may hold (each text, number, list and mapping counts, and in CSV
#: each cell), counted before anything is built. A small file of many tiny values (a list of
#: a million zeros) would otherwise cost minutes and gigabytes, one error per value.
MAX_VALUES: Final = 200_000

#: The deepest nesting of lists and mappings a dataset file may have. Deeper files are
#: rejected before they are built, so hostile input cannot exhaust the stack.
MAX_DEPTH: Final = 100

#: The most values that YAML aliases may add to a file (each alias counts the values of
#: the node it repeats, aliases inside it included). Anchors and aliases are YAML's way to
#: share a list or merge defaults (``<<: *defaults``) and are accepted within this budget,
#: half of the :data:`MAX_VALUES` that the expanded file may hold (so a dataset of a few
#: thousand records can merge defaults into each); an "alias bomb" that would expand to
#: billions of values is refused at the alias that exceeds it, before anything is built.
MAX_ALIAS_NODES: Final = 100_000

_CORE = "tag:yaml.org,2002:"
#: The tags a dataset file may give explicitly (YAML's core schema, plus timestamps).
_TAGS: Final = frozenset(
    {None, "!"}
    | {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
)

# The C loader is much faster when PyYAML was built with libyaml.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that rejects a mapping with the same key twice, and that reports a
    value its tag cannot read (``!!bool maybe``, ``!!int x``) as a YAML error with its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, DatasetError):
            raise
        except Exception as exc:  # a constructor of a core tag given a value it cannot read
            value = node.value if isinstance(node, yaml.ScalarNode) else _node_kind(node)
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"cannot read {_short(value)} as {_tag_name(node.tag)} ({exc})",
                node.start_mark,
            ) from None


def _node_kind(node: yaml.Node) -> str:
    return type(node).__name__.removesuffix("Node").lower()


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _tag_name(tag: str | None) -> str:
    if tag is None:
        return "a value"
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.Node, deep: bool = False) -> Any:
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a mapping for !!map, found a {_node_kind(node)}", node.start_mark
        )
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == _CORE + "merge":
            continue  # "<<: *defaults": the merged keys may be given again, that is the point
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found an unhashable key {_short(key)}",
                key_node.start_mark,
            ) from None
        if key in seen:
            raise DatasetError(
                f"duplicate key {_short(key)} at line {key_node.start_mark.line + 1} "
                f"(first at line {seen[key] + 1})"
            )
        seen[key] = key_node.start_mark.line
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(event: yaml.Event) -> str:
    mark = event.start_mark
    return f"line {mark.line + 1}" if mark is not None else "an unknown line"


class _Open:
    """A list or mapping whose end the parser has not reached yet."""

    __slots__ = ("anchor", "before", "children", "deepest", "depth", "mapping")

    def __init__(self, anchor: str | None, before: int, depth: int, mapping: bool) -> None:
        self.anchor, self.before, self.depth, self.mapping = anchor, before, depth, mapping
        self.deepest = depth + 1
        self.children = 0


def _check_yaml_events(text: str) -> None:
    """Depth, number of values, aliases and tags, checked on the parser's events before
    anything is built. Values are counted as JSON has them: keys of mappings do not count."""
    stack: list[_Open] = []
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (values, height)
    total = added = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        tag = getattr(event, "tag", None)
        if tag not in _TAGS:
            raise DatasetError(
                f"expected plain YAML values, found the tag {_tag_name(tag)} at {_line(event)} "
                "(dataset files take strings, numbers, booleans, dates, lists and mappings)"
            )
        if total > MAX_VALUES:
            raise _too_many(f"at {_line(event)}")
        depth = len(stack)
        parent = stack[-1] if stack else None
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            closed = stack.pop()
            if closed.anchor is not None:
                sizes[closed.anchor] = (total - closed.before, closed.deepest - closed.depth)
            if stack:
                stack[-1].deepest = max(stack[-1].deepest, closed.deepest)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue  # stream and document events
        is_key = parent is not None and parent.mapping and parent.children % 2 == 0
        if parent is not None:
            parent.children += 1
        if isinstance(event, yaml.CollectionStartEvent):
            if depth + 1 > MAX_DEPTH:
                raise DatasetError(
                    f"expected lists and mappings nested at most {MAX_DEPTH} deep, "
                    f"found deeper nesting at {_line(event)}"
                )
            total += 1
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append(_Open(event.anchor, total - 1, depth, mapping))
        elif isinstance(event, yaml.ScalarEvent):
            total += 0 if is_key else 1
            if event.anchor is not None:
                sizes[event.anchor] = (1, 0)
        elif isinstance(event, yaml.AliasEvent):
            anchor = event.anchor
            if anchor not in sizes:
                inside = any(entry.anchor == anchor for entry in stack)
                problem = "refers to the node that holds it" if inside else "has no anchor"
                raise DatasetError(f"the alias *{anchor} at {_line(event)} {problem}")
            values, height = sizes[anchor]
            if depth + height > MAX_DEPTH:
                raise DatasetError(
                    f"expected lists and mappings nested at most {MAX_DEPTH} deep, "
                    f"found deeper nesting through the alias *{anchor} at {_line(event)}"
                )
            total += values
            added += values
            if added > MAX_ALIAS_NODES:
                raise DatasetError(
                    f"expected aliases to add at most {MAX_ALIAS_NODES:,} values, found more "
                    f"at the alias *{anchor} at {_line(event)} (write the values out instead)"
                )
            if parent is not None:
                parent.deepest = max(parent.deepest, depth + height)


def _too_many(where: str) -> DatasetError:
    return DatasetError(
        f"expected at most {MAX_VALUES:,} values in a file, found more {where} (split it)"
    )


def _check_json_shape(data: Any) -> None:
    """Depth and number of values of loaded JSON (walked without recursion)."""
    pending = [(data, 0)]
    count = 0
    while pending:
        value, depth = pending.pop()
        count += 1
        if count > MAX_VALUES:
            raise _too_many("")
        if isinstance(value, (dict, list)):
            if depth + 1 > MAX_DEPTH:
                raise DatasetError(f"expected lists and objects nested at most {MAX_DEPTH} deep")
            items = value.values() if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)


def _reject_duplicate_json_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DatasetError(f"duplicate key {_short(key)}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise DatasetError(f"expected a JSON number, found {name}")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DatasetError(f"expected a number a float can hold, found {_short(text)}")
    return value


def csv_delimiter(text: str) -> str:
    """``;`` when the header line has semicolons and no commas (Dutch Excel), else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if ";" in header and "," not in header else ","


def csv_names(header: list[str] | None, where: str) -> list[str]:
    """The column names of a CSV header row, checked: none empty, none twice."""
    if not header or not any(cell.strip() for cell in header):
        raise DatasetError(f"{where}: expected a header line with column names, found none")
    names = [cell.strip() for cell in header]
    for index, name in enumerate(names):
        if not name:
            raise DatasetError(f"{where}: line 1: column {index + 1} of the header has no name")
        if names.index(name) != index:
            raise DatasetError(
                f"{where}: line 1: the column {_short(name)} appears twice in the header"
            )
    return names


def csv_cell_count(where: str, line: int, header: list[str], cells: list[str]) -> None:
    """Refuse a CSV row that has not as many cells as the header."""
    if len(cells) != len(header):
        more = "more" if len(cells) > len(header) else "fewer"
        raise DatasetError(
            f"{where}: line {line}: expected {len(header)} cells as the header "
            f"has, found {len(cells)} ({more}; write an empty cell for an unknown value)"
        )


def _load_csv(text: str, where: str, bounded: bool = True) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    header = next(reader, None)
    csv_names(header, where)
    assert header is not None
    rows: list[dict[str, str]] = []
    for cells in reader:
        if not cells:
            continue  # a blank line
        if bounded and (len(rows) + 2) * len(header) > MAX_VALUES:
            raise _too_many(f"at line {reader.line_num}")
        csv_cell_count(where, reader.line_num, header, cells)
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def load_text(text: str, fmt: str, where: str = "<data>", *, bounded: bool = True) -> Any:
    """Parse *text* as ``"yaml"``, ``"json"`` or ``"csv"`` (CSV gives a list of row dicts).

    *bounded*: refuse a CSV text of more than :data:`MAX_VALUES` cells (``False``: the
    caller has read a file of any size on purpose).

    Raises:
        DatasetError: the text is not valid in that format (the message says where).
    """
    try:
        if fmt == "json":
            data = json.loads(
                text,
                object_pairs_hook=_reject_duplicate_json_keys,
                parse_constant=_reject_constant,
                parse_float=_finite_float,
            )
            _check_json_shape(data)
            return data
        if fmt == "yaml":
            _check_yaml_events(text)
            return yaml.load(text, Loader=_UniqueKeyLoader)
        if fmt == "csv":
            return _load_csv(text, where, bounded)
    except DatasetError as exc:
        message = str(exc)
        raise DatasetError(
            message if message.startswith(where) else f"{where}: {message}"
        ) from None
    except json.JSONDecodeError as exc:
        raise DatasetError(
            f"{where}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DatasetError(f"{where}: not valid YAML{at}: {problem}") from None
    except (csv.Error, RecursionError, ValueError) as exc:
        raise DatasetError(f"{where}: cannot read as {fmt.upper()}: {exc}") from None
    raise DatasetError(f"{where}: unknown format {fmt!r}; expected yaml, json or csv")


FORMATS: Final[dict[str, str]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name says: ``yaml`` (.yaml/.yml), ``json`` or ``csv``."""
    suffix = Path(path).suffix.casefold()
    if suffix not in FORMATS:
        raise DatasetError(
            f"{path}: expected a .yaml, .yml, .json or .csv file, found suffix {suffix or 'none'!r}"
        )
    return FORMATS[suffix]


def _kind_of_file(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _too_large(where: str, fmt: str) -> DatasetError:
    return DatasetError(
        f"{where}: expected a {fmt.upper()} file of at most {MAX_BYTES[fmt]:,} bytes, "
        "found a larger one (split it)"
    )


def _read_limited(stream: IO[bytes], where: str, fmt: str) -> bytes:
    limit = MAX_BYTES[fmt]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(where, fmt)
    return data


def open_file(path: str | os.PathLike[str]) -> IO[bytes]:
    """A regular file opened for reading: a device, FIFO or directory is refused before
    a byte is read."""
    where = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DatasetError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise DatasetError(f"{where}: is a directory, expected a file") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatasetError(f"{where}: cannot read: {reason}") from None
    stream = os.fdopen(descriptor, "rb")
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        stream.close()
        found = _kind_of_file(mode)
        if found == "directory":
            raise DatasetError(f"{where}: is a directory, expected a file")
        raise DatasetError(f"{where}: expected a regular file, found a {found}")
    return stream


def _read_file(path: str | os.PathLike[str], fmt: str) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES` of its format."""
    where = os.fspath(path)
    with open_file(path) as stream:
        if os.fstat(stream.fileno()).st_size > MAX_BYTES[fmt]:
            raise _too_large(where, fmt)
        try:
            return _read_limited(stream, where, fmt)
        except OSError as exc:
            raise DatasetError(f"{where}: cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, where: str) -> str:
    """The UTF-8 text of *data* (a byte order mark dropped); UTF-16/32 and other bytes
    are refused."""
    refuse_utf16(data, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def refuse_utf16(start: bytes, where: str) -> None:
    """Refuse text that starts with the byte order mark of UTF-16 or UTF-32."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if start.startswith(bom):
            raise DatasetError(f"{where}: expected UTF-8 text, found {name} (save it as UTF-8)")


def read_path(path: str | os.PathLike[str], fmt: str | None = None) -> Any:
    """Read a dataset file, choosing the format by its suffix (or *fmt*).

    Raises:
        DatasetError: missing, not a regular file, too large, not UTF-8, or not valid in
            its format.
    """
    fmt = fmt or format_of(path)
    if fmt not in MAX_BYTES:
        raise DatasetError(f"{path}: unknown format {fmt!r}; expected yaml, json or csv")
    text = decode(_read_file(path, fmt), os.fspath(path))
    return load_text(text, fmt, os.fspath(path))


def read_input(name: str, fmt: str | None = None, stdin: IO[bytes] | None = None) -> Any:
    """Read a file, or standard input when *name* is ``"-"`` (then *fmt* is needed).

    Raises:
        DatasetError: as :func:`read_path`; or ``-`` without a format.
    """
    if name != "-":
        return read_path(name, fmt)
    if fmt not in MAX_BYTES:
        raise DatasetError("-: reading standard input needs --input-format csv, yaml or json")
    if stdin is None:
        import sys

        stdin = sys.stdin.buffer
    try:
        data = _read_limited(stdin, "<stdin>", fmt)
    except OSError as exc:
        raise DatasetError(f"<stdin>: cannot read: {exc.strerror or exc}") from None
    return load_text(decode(data, "<stdin>"), fmt, "<stdin>")


class _Dumper(yaml.SafeDumper):
    """Block style, unicode kept, keys in the order given."""


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML that :func:`load_text` reads back."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
