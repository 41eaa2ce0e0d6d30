"""Validating dataset files: every problem in one run, each with its path.

>>> import waterbeleid as wb
>>> report = wb.validate({"kind": "action_plan", "action_lines": [{"code": "KP 1.1"}]})
>>> report.valid
False
>>> [(i.code, i.path) for i in report.issues][:2]
[('missing-field', '$.action_lines[0].goal'), ('missing-field', '$.action_lines[0].lever')]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from waterbeleid.discharge import DischargeSet
from waterbeleid.errors import (
    DatasetError,
    TimingParseError,
    UnitError,
    VocabularyError,
    WaterbeleidError,
)
from waterbeleid.policy import ActionPlan, WbsCalendar, WorkTableSet
from waterbeleid.validation.checks import check, issue
from waterbeleid.validation.report import CODES, ERROR, WARNING, Issue, Report

__all__ = ["CODES", "ERROR", "KINDS", "WARNING", "Issue", "Report", "dataset_class", "validate"]

#: Dataset kind -> the class its file structures into.
KINDS: Final[dict[str, type]] = {
    "action_plan": ActionPlan,
    "wbs_calendar": WbsCalendar,
    "work_tables": WorkTableSet,
    "discharges": DischargeSet,
}


def dataset_class(kind: str) -> type:
    """The class of a dataset kind.

    Raises:
        DatasetError: an unknown kind.
    """
    if kind not in KINDS:
        raise DatasetError(f"expected a dataset kind among {', '.join(KINDS)}, found {kind!r}")
    return KINDS[kind]


def _code_of(leaf: BaseException) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(leaf, ForbiddenExtraKeysError):
        return "unknown-field"
    if isinstance(leaf, KeyError):
        return "missing-field"
    if isinstance(leaf, UnitError):
        return "bad-unit"
    if isinstance(leaf, TimingParseError):
        return "bad-timing"
    if isinstance(leaf, VocabularyError):
        return "bad-vocabulary"
    if isinstance(leaf, TypeError):
        return "wrong-type"
    return "bad-value"


def _csv_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """CSV rows of discharges -> a dataset; empty cells are unknown, units may sit in headers.

    A column named by a substance (``naphthalene [µg/l]``, ``naftaleen``) is a measurement.
    """
    from waterbeleid.discharge.model import DischargeActivity, measurement_key
    from waterbeleid.errors import VocabularyError

    fields = {f.name for f in attrs.fields(DischargeActivity) if f.init}
    yes_no = {"true": True, "ja": True, "1": True, "false": False, "nee": False, "0": False}
    discharges = []
    for row in rows:
        record: dict[str, Any] = {}
        for header, cell in row.items():
            name, _, unit = header.partition("[")
            name = name.strip()
            value: Any = cell.strip() if isinstance(cell, str) else cell
            if value == "":
                value = None
            elif name in ("visual_pollution", "designated_water_body"):
                value = yes_no.get(value.casefold(), value)
            elif unit and value is not None:
                value = f"{value} {unit.rstrip(']').strip()}"
            if name not in fields:
                try:
                    key = measurement_key(name)
                except VocabularyError:
                    key = None
                if key is not None:
                    if value is not None:
                        record.setdefault("measurements", {})[key] = value
                    continue
            record[name] = value
        discharges.append(record)
    return {"kind": "discharges", "discharges": discharges}


def _structure_report(data: Any, path: str | None, kind: str | None) -> tuple[Report, Any]:
    from cattrs.errors import BaseValidationError

    from waterbeleid.serialize import converter, error_leaves

    if isinstance(data, list) and kind == "discharges":
        data = _csv_rows(data)
    if not isinstance(data, Mapping):
        found = type(data).__name__ if data is not None else "an empty file"
        return Report(
            path=path,
            issues=(
                issue("not-a-mapping", "$", f"expected a mapping with a `kind`, found {found}"),
            ),
        ), None
    file_kind = data.get("kind", kind)
    if file_kind is None:
        return Report(
            path=path,
            issues=(
                issue(
                    "kind-missing",
                    "$",
                    f"expected a top-level `kind` ({', '.join(KINDS)}), found none",
                ),
            ),
        ), None
    if file_kind not in KINDS:
        return Report(
            path=path,
            issues=(
                issue(
                    "kind-unknown",
                    "$.kind",
                    f"expected one of {', '.join(KINDS)}, found {file_kind!r}",
                ),
            ),
        ), None
    if kind is not None and "kind" in data and data["kind"] != kind:
        return Report(
            path=path,
            kind=kind,
            issues=(
                issue(
                    "kind-unknown", "$.kind", f"expected {kind!r} as asked, found {data['kind']!r}"
                ),
            ),
        ), None
    if "kind" not in data:
        data = {"kind": file_kind, **data}
    cls = KINDS[file_kind]
    try:
        dataset: Any = converter().structure(data, cls)
    except BaseValidationError as exc:
        issues = tuple(
            issue(_code_of(leaf), where, _message(leaf)) for where, leaf in error_leaves(exc)
        )
        return Report(path=path, kind=file_kind, issues=issues), None
    except (WaterbeleidError, ValueError, TypeError) as exc:
        return Report(
            path=path, kind=file_kind, issues=(issue(_code_of(exc), "$", _message(exc)),)
        ), None
    return Report(path=path, kind=file_kind), dataset


def _message(leaf: BaseException) -> str:
    from waterbeleid.serialize import _format_exception

    return _format_exception(leaf, None)


def validate(
    path_or_data: str | os.PathLike[str] | Mapping[str, Any] | list[Any],
    *,
    kind: str | None = None,
) -> Report:
    """Validate a dataset file (JSON, YAML, or CSV of discharges) or already loaded data.

    Every structural problem (types, units, enums, unknown keys, unreadable timings)
    and every policy problem is reported, not just the first.

    Args:
        path_or_data: A path, or the data (a mapping with a ``kind``).
        kind: What the file holds, when it does not say (CSV files hold discharges).

    Raises:
        DatasetError: the file cannot be read (missing, not UTF-8, not valid JSON/YAML/CSV,
            duplicate keys) — a :class:`~waterbeleid.errors.WaterbeleidError`.
    """
    from waterbeleid._io import format_of, read_path

    if kind is not None:
        dataset_class(kind)
    path: str | None = None
    if isinstance(path_or_data, (str, os.PathLike)):
        path = os.fspath(path_or_data)
        if format_of(path) == "csv":
            kind = kind or "discharges"
            if kind != "discharges":
                raise DatasetError(f"{path}: CSV files hold discharges, found kind {kind!r}")
        data = read_path(Path(path))
    else:
        data = path_or_data
    report, dataset = _structure_report(data, path, kind)
    if dataset is None:
        return report
    return Report(path=path, kind=report.kind, issues=tuple(check(dataset)))


def load(
    path_or_data: str | os.PathLike[str] | Mapping[str, Any], *, kind: str | None = None
) -> Any:
    """Validate and return the dataset objects.

    Raises:
        DatasetError: unreadable, or not valid (the message lists the errors).
    """
    report = validate(path_or_data, kind=kind)
    if not report.valid:
        listing = "; ".join(f"{i.path}: {i.message}" for i in report.errors[:5])
        raise DatasetError(f"{report.path or '<data>'}: not a valid dataset: {listing}")
    from waterbeleid._io import read_path

    data = read_path(path_or_data) if isinstance(path_or_data, (str, os.PathLike)) else path_or_data
    if isinstance(data, list):
        data = _csv_rows(data)
    from waterbeleid.serialize import structure

    return structure(dict(data), KINDS[report.kind or ""])
