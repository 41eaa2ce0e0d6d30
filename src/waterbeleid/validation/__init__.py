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
from typing import Any, Final

from waterbeleid.discharge import DischargeSet
from waterbeleid.errors import (
    DatasetError,
    OutOfRangeError,
    TimingParseError,
    UnitError,
    VocabularyError,
    WaterbeleidError,
)
from waterbeleid.policy import ActionPlan, WbsCalendar, WorkTableSet
from waterbeleid.validation.checks import check, issue
from waterbeleid.validation.report import CODES, ERROR, WARNING, Issue, Report

__all__ = [
    "CODES",
    "ERROR",
    "KINDS",
    "WARNING",
    "Issue",
    "Report",
    "dataset_class",
    "load",
    "read",
    "validate",
    "validate_data",
]

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
    if isinstance(leaf, OutOfRangeError):
        return "out-of-range"
    if isinstance(leaf, UnitError):
        return "bad-unit"
    if isinstance(leaf, TimingParseError):
        return "bad-timing"
    if isinstance(leaf, VocabularyError):
        return "bad-vocabulary"
    if isinstance(leaf, TypeError):
        return "wrong-type"
    return "bad-value"


def _csv_rows(rows: list[Any]) -> dict[str, Any]:
    """CSV rows of discharges -> a dataset; empty cells are unknown, units may sit in headers
    (:func:`~waterbeleid.serialize.cells_record`).

    A column named by a substance (``naphthalene [µg/l]``, ``naftaleen``) is a measurement
    (:func:`~waterbeleid.discharge.model.gather_measurements`). A row that is not a mapping
    of text headers is passed on as it is, for the converter to report where it is.
    """
    from waterbeleid.discharge import DischargeActivity
    from waterbeleid.discharge.model import gather_measurements
    from waterbeleid.serialize import cells_record

    discharges: list[Any] = []
    for row in rows:
        if not isinstance(row, Mapping) or not all(isinstance(h, str) for h in row):
            discharges.append(row)
            continue
        discharges.append(gather_measurements(cells_record(row, DischargeActivity)))
    return {"kind": "discharges", "discharges": discharges}


def _kind_of(data: Mapping[Any, Any], kind: str | None) -> tuple[str | None, Issue | None]:
    """The dataset kind of *data* (or the one asked), or the issue that says why not."""
    file_kind = data.get("kind", kind)
    if file_kind is None:
        return None, issue(
            "kind-missing", "$", f"expected a top-level `kind` ({', '.join(KINDS)}), found none"
        )
    if not isinstance(file_kind, str) or file_kind not in KINDS:
        shown = repr(file_kind) if isinstance(file_kind, str) else _found(file_kind)
        return None, issue(
            "kind-unknown", "$.kind", f"expected one of {', '.join(KINDS)}, found {shown}"
        )
    if kind is not None and "kind" in data and file_kind != kind:
        return kind, issue(
            "kind-unknown", "$.kind", f"expected {kind!r} as asked, found {file_kind!r}"
        )
    return file_kind, None


def _structure_report(data: Any, path: str | None, kind: str | None) -> tuple[Report, Any]:
    from cattrs.errors import BaseValidationError

    from waterbeleid.serialize import converter, error_leaves

    if isinstance(data, list) and kind == "discharges":
        data = _csv_rows(data)  # rows as a CSV file gives them
    if not isinstance(data, Mapping):
        found = type(data).__name__ if data is not None else "an empty file"
        return Report(
            path=path,
            issues=(
                issue("not-a-mapping", "$", f"expected a mapping with a `kind`, found {found}"),
            ),
        ), None
    file_kind, problem = _kind_of(data, kind)
    if problem is not None or file_kind is None:
        return Report(path=path, kind=file_kind, issues=(problem,) if problem else ()), None
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


def _found(value: Any) -> str:
    from waterbeleid.serialize import _found as found

    return found(value)


def _message(leaf: BaseException) -> str:
    from waterbeleid.serialize import _format_exception

    return _format_exception(leaf, None)


def read(name: str | os.PathLike[str], *, fmt: str | None = None, kind: str | None = None) -> Any:
    """Read a dataset file (or standard input for ``"-"``) as plain data.

    CSV files (and CSV on standard input) hold discharges: their rows come back as a
    dataset of kind ``discharges``.

    Raises:
        DatasetError: the file cannot be read, or *kind* says other than discharges for CSV.
    """
    from waterbeleid._io import format_of, read_input

    where = os.fspath(name)
    if fmt is None:
        if where == "-":
            raise DatasetError("-: reading standard input needs a format (csv, yaml or json)")
        fmt = format_of(where)
    data = read_input(where, fmt)
    if fmt == "csv":
        if kind not in (None, "discharges"):
            raise DatasetError(f"{where}: CSV files hold discharges, found kind {kind!r}")
        return _csv_rows(data)
    return data


def validate_data(
    data: Any, *, path: str | None = None, kind: str | None = None
) -> tuple[Report, Any]:
    """Validate loaded data: the report and, when it has no errors, the dataset objects.

    This is :func:`validate` and :func:`load` in one pass, for data read with :func:`read`
    (``path`` names it in the report).
    """
    if kind is not None:
        dataset_class(kind)
    report, dataset = _structure_report(data, path, kind)
    if dataset is None:
        return report, None
    full = Report(path=path, kind=report.kind, issues=tuple(check(dataset)))
    return full, dataset if full.valid else None


def validate(
    path_or_data: str | os.PathLike[str] | Mapping[str, Any] | list[Any],
    *,
    kind: str | None = None,
) -> Report:
    """Validate a dataset file (JSON, YAML, or CSV of discharges) or already loaded data.

    Every structural problem (types, units, enums, unknown keys, unreadable timings,
    amounts beyond their bounds) and every policy problem is reported, not just the first.

    Args:
        path_or_data: A path, or the data (a mapping with a ``kind``).
        kind: What the file holds, when it does not say (CSV files hold discharges).

    Raises:
        DatasetError: the file cannot be read (missing, not a regular file, too large, not
            UTF-8, not valid JSON/YAML/CSV, duplicate keys, an alias bomb) — a
            :class:`~waterbeleid.errors.WaterbeleidError`.
    """
    return _read_and_validate(path_or_data, kind)[0]


def _read_and_validate(path_or_data: Any, kind: str | None) -> tuple[Report, Any]:
    if kind is not None:
        dataset_class(kind)
    path: str | None = None
    data = path_or_data
    if isinstance(path_or_data, (str, os.PathLike)):
        path = os.fspath(path_or_data)
        data = read(path, kind=kind)
    return validate_data(data, path=path, kind=kind)


def load(
    path_or_data: str | os.PathLike[str] | Mapping[str, Any], *, kind: str | None = None
) -> Any:
    """Validate and return the dataset objects.

    Raises:
        DatasetError: unreadable, or not valid (the message lists the errors).
    """
    report, dataset = _read_and_validate(path_or_data, kind)
    if dataset is None:
        listing = "; ".join(f"{i.path}: {i.message}" for i in report.errors[:5])
        raise DatasetError(f"{report.path or '<data>'}: not a valid dataset: {listing}")
    return dataset
