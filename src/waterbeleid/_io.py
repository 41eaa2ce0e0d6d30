"""Reading dataset files: YAML (safe, duplicate keys are errors), JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import yaml

from waterbeleid.errors import DatasetError

__all__ = ["dump_yaml", "load_text", "read_path"]

# The C loader is much faster when PyYAML was built with libyaml.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that rejects a mapping with the same key twice."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found an unhashable key {key!r}",
                key_node.start_mark,
            ) from None
        if key in seen:
            raise DatasetError(
                f"duplicate key {key!r} at line {key_node.start_mark.line + 1} "
                f"(first at line {seen[key] + 1})"
            )
        seen[key] = key_node.start_mark.line
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


#: The deepest nesting of lists and mappings a dataset file may have. Deeper files are
#: rejected before they are built, so hostile input cannot exhaust the stack.
MAX_DEPTH = 100


def _check_yaml_depth(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise DatasetError(
                    f"expected lists and mappings nested at most {MAX_DEPTH} deep, "
                    f"found deeper nesting at line {line}"
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _reject_duplicate_json_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DatasetError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise DatasetError(f"expected a JSON number, found {name}")


def load_text(text: str, fmt: str, where: str = "<data>") -> Any:
    """Parse *text* as ``"yaml"``, ``"json"`` or ``"csv"`` (CSV gives a list of row dicts).

    Raises:
        DatasetError: the text is not valid in that format (the message says where).
    """
    try:
        if fmt == "json":
            return json.loads(
                text,
                object_pairs_hook=_reject_duplicate_json_keys,
                parse_constant=_reject_constant,
            )
        if fmt == "yaml":
            _check_yaml_depth(text)
            return yaml.load(text, Loader=_UniqueKeyLoader)
        if fmt == "csv":
            reader = csv.DictReader(io.StringIO(text, newline=""))
            rows = []
            for row in reader:
                if None in row:
                    raise DatasetError(
                        f"{where}: line {reader.line_num}: more cells than the header has columns"
                    )
                rows.append(dict(row))
            return rows
    except DatasetError as exc:
        raise DatasetError(f"{where}: {exc}") from None
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


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name says: ``yaml`` (.yaml/.yml), ``json`` or ``csv``."""
    suffix = Path(path).suffix.casefold()
    formats = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
    if suffix not in formats:
        raise DatasetError(
            f"{path}: expected a .yaml, .yml, .json or .csv file, found suffix {suffix or 'none'!r}"
        )
    return formats[suffix]


def read_path(path: str | os.PathLike[str]) -> Any:
    """Read a dataset file, choosing the format by its suffix.

    Raises:
        DatasetError: missing, unreadable, not UTF-8, or not valid in its format.
    """
    fmt = format_of(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DatasetError(f"{path}: is a directory, expected a file") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read: {exc.strerror}") from None
    return load_text(text, fmt, str(path))


class _Dumper(yaml.SafeDumper):
    """Block style, unicode kept, keys in the order given."""


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML that :func:`load_text` reads back."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
