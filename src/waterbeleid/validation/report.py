"""The outcome of validating a dataset: a report with one issue per problem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import attrs

__all__ = ["CODES", "ERROR", "WARNING", "Issue", "Report"]

#: The severity of an issue that makes a dataset invalid.
ERROR: Final = "error"
#: The severity of an issue that leaves a dataset valid.
WARNING: Final = "warning"

#: Every issue code: (severity, what it means, where the rule comes from).
CODES: Final[dict[str, tuple[str, str, str]]] = {
    "unreadable": (
        ERROR,
        "the file cannot be read: missing, not UTF-8, invalid JSON/YAML/CSV, duplicate keys",
        "dataset format (command line only; validate() raises DatasetError)",
    ),
    "not-a-mapping": (ERROR, "the file's top level is not a mapping", "dataset format"),
    "kind-missing": (ERROR, "no top-level `kind` says what the file holds", "dataset format"),
    "kind-unknown": (ERROR, "`kind` is not one of the known dataset kinds", "dataset format"),
    "missing-field": (ERROR, "a required field is absent", "dataset format"),
    "unknown-field": (ERROR, "a field that the dataset kind does not have", "dataset format"),
    "wrong-type": (
        ERROR,
        "a value of the wrong type (text, number, list, mapping)",
        "dataset format",
    ),
    "bad-unit": (ERROR, "a quantity without unit, of the wrong dimension or unreadable", "units"),
    "bad-timing": (ERROR, "a quarter or timing that cannot be read", "quarters"),
    "bad-vocabulary": (ERROR, "a value outside a closed vocabulary (an enum)", "dataset format"),
    "bad-value": (
        ERROR,
        "a value that breaks a field's rule (empty text, bad code)",
        "dataset format",
    ),
    "out-of-range": (
        ERROR,
        (
            "an amount beyond its documented bound (waterbeleid.units.BOUNDS), or a discharge "
            "that would end after the last date a calendar holds"
        ),
        "units; dates",
    ),
    "duplicate-code": (ERROR, "two records share a code or number", "dataset format"),
    "unknown-reference": (
        ERROR,
        "a reference to a code that the dataset does not hold",
        "dataset format",
    ),
    "goal-mismatch": (
        ERROR,
        "an operational goal lists an action line that names another goal",
        "VITO action plan: action lines per operational goal",
    ),
    "lever-mismatch": (
        ERROR,
        "an action line's lever differs from its operational goal's",
        "VITO action plan: one lever (hefboom) per operational goal",
    ),
    "timing-reversed": (ERROR, "a timing whose end precedes its start", "quarters"),
    "too-many-sessions": (
        ERROR,
        "a work table with more than 5 sessions",
        "SPW project update: 5 sessies per werktafel",
    ),
    "duplicate-participant-organisation": (
        ERROR,
        "two participants of one organisation at one work table",
        "SPW project update: slechts één deelnemer van je organisatie per werktafel",
    ),
    "organisation-not-in-text": (
        WARNING,
        "a lead or partner entry that its cell text (lead_text, partners_text) does not name",
        "VITO action plan: the initiator/trekker and betrokken partners columns",
    ),
    "amvb-lead-time": (
        WARNING,
        "a step that amends an AMvB (Bkl, Bal, Bbl) agendered sooner than the lead time allows",
        "WBS borgingskalender: doorlooptijd van twee jaar voor de aanpassing van een AMvB",
    ),
    "bkl-too-early": (
        WARNING,
        "a step that changes the Bkl with no agenda entry at or after its earliest change",
        "WBS borgingskalender: de snelste mogelijkheid voor een wijziging van het Bkl is eind 2026",
    ),
    "theme-totals": (
        WARNING,
        "a theme's number of choices or measures differs from the totals the dataset states",
        "WBS borgingskalender: tabel met aantallen keuzes en maatregelen per thema",
    ),
    "discharge-not-allowed": (
        WARNING,
        "a planned discharge that the discharge rules do not allow",
        (
            "the discharge rules (the ruleset of the discharge's water board, by default "
            "waterbeleid/discharge/rules/brabantse_delta.yaml)"
        ),
    ),
    "discharge-unknown-water-board": (
        WARNING,
        "a planned discharge whose water board has no packaged ruleset",
        "the packaged rulesets (waterbeleid.rulesets())",
    ),
    "discharge-undecided": (
        WARNING,
        "a planned discharge the rules cannot decide on with the data given",
        (
            "the discharge rules (the ruleset of the discharge's water board, by default "
            "waterbeleid/discharge/rules/brabantse_delta.yaml)"
        ),
    ),
}


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in a dataset.

    Attributes:
        severity: ``"error"`` (the dataset is not valid) or ``"warning"``.
        code: A stable machine-readable code (see :data:`CODES`).
        path: Where: ``$.action_lines[3].timing``.
        message: What was expected and what was found.
    """

    severity: str = attrs.field(validator=attrs.validators.in_([ERROR, WARNING]))
    code: str = attrs.field(validator=attrs.validators.in_(list(CODES)))
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.path}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str]:
        """``{"severity", "code", "path", "message"}``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class Report:
    """Every issue found in one dataset.

    Attributes:
        path: The file validated (``None`` for data passed in directly).
        kind: The dataset kind, when it could be told.
        issues: Every problem, errors and warnings, in the order found.
    """

    path: str | None = None
    kind: str | None = None
    issues: tuple[Issue, ...] = ()

    @property
    def valid(self) -> bool:
        """No errors (warnings do not count)."""
        return not any(i.severity == ERROR for i in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity ``"error"``."""
        return tuple(i for i in self.issues if i.severity == ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity ``"warning"``."""
        return tuple(i for i in self.issues if i.severity == WARNING)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def codes(self) -> list[str]:
        """The codes of the issues, in order."""
        return [i.code for i in self.issues]

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "kind", "valid", "issues": [...]}`` for JSON output."""
        return {
            "path": self.path,
            "kind": self.kind,
            "valid": self.valid,
            "issues": [i.to_dict() for i in self.issues],
        }

    def __str__(self) -> str:
        head = f"{self.path or '<data>'}: {'valid' if self.valid else 'NOT valid'}"
        counts = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        return "\n".join([f"{head} ({counts})", *(f"  {i}" for i in self.issues)])
