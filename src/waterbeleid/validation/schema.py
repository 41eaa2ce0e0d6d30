"""JSON Schemas derived from the attrs classes: of each dataset kind, of each kind of
record (``discharge``, ``action_line``, …), and of an assessment as
:meth:`Assessment.to_dict() <waterbeleid.discharge.assess.Assessment.to_dict>` and
``waterbeleid assess --format json`` write it.

>>> schema = json_schema("discharges")
>>> schema["properties"]["kind"]
{'const': 'discharges'}
>>> sorted(schema["$defs"]["DischargeActivity"]["required"])
['duration', 'flow', 'origin', 'receiver']
>>> sorted(json_schema("discharge")["required"])
['duration', 'flow', 'origin', 'receiver']
>>> json_schema("assessment")["$defs"]["Assessment"]["properties"]["verdict"]
{'enum': ['allowed', 'not allowed', 'undecided']}
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import decimal
import functools
import re
import types
import typing
from typing import Any, Final, get_args, get_origin

import attrs

from waterbeleid import _types
from waterbeleid._enum import LabelledEnum
from waterbeleid.discharge.model import Measurements
from waterbeleid.policy.wbs import Measure, Measures
from waterbeleid.quarters import Quarter, Timing

__all__ = ["ASSESSMENT", "json_schema", "record_classes", "schema_names"]

_QUANTITY_EXAMPLES = {
    None: "5 m3/h",
    "flow": "5 m3/h",
    "concentration": "50 mg/l",
    "volume": "1000 m3",
    "duration": "48 uur",
    "mass": "3 kg",
    "length": "250 m",
    "share": "20%",
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.classes: list[type] = []  # the attrs classes defined, in order

    def of(self, t: Any) -> dict[str, Any]:
        origin = get_origin(t)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(t) if a is not type(None)]
            schemas = [self.of(m) for m in members]
            if len(members) < len(get_args(t)):
                schemas.append({"type": "null"})
            return {"anyOf": schemas} if len(schemas) > 1 else schemas[0]
        if origin in (tuple, list):
            return {"type": "array", "items": self.of(get_args(t)[0])}
        if origin in (dict, collections.abc.Mapping):
            key, value = get_args(t) or (str, Any)
            if key is not str:
                raise TypeError(f"no JSON Schema for {t!r}: JSON keys are text")
            return {"type": "object", "additionalProperties": self.of(value)}
        if t is Any:
            return {}
        if t is Measures:
            return {"type": "array", "items": self.of(Measure)}
        if t is Measurements:
            return {
                "type": "object",
                "description": (
                    "measured values by substance or parameter: English keys (naphthalene, "
                    "mineral_oil, pah, ...) or Dutch names (naftaleen, minerale olie, PAK's); "
                    "each a quantity text such as '0,2 µg/l' (receiving_water_share: "
                    "'20%'); null or absent when not measured"
                ),
                "additionalProperties": {"anyOf": [self.of(_types.Concentration), _NULL]},
            }
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is dt.date:
            return {"type": "string", "format": "date"}
        if t is _types.Moment:
            return {
                "type": "string",
                "description": "an ISO date ('2021-06-22') or date and time ('2021-06-22T08:00')",
                "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$",
            }
        if t is decimal.Decimal:
            return {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
        if t is Quarter:
            return {
                "type": "string",
                "description": "a quarter: '2024Q3', 'Q3 2024', 'Q3/2024'",
                "pattern": (
                    r"^\s*([Qq]\s*[1-4]\s*[/,\- ]\s*\d{4}|\d{4}\s*[-/ ]?\s*[Qq]\s*[1-4])\s*$"
                ),
            }
        if t is Timing:
            return {
                "type": "string",
                "description": (
                    "a timing as the documents write it: 'Q1 2025 - Q3 2025', 'Q3 2025 -', "
                    "'Doorlopend vanaf Q2 2025', '2027', 'te bepalen'"
                ),
            }
        if isinstance(t, type) and issubclass(t, _types.Quantity):
            example = _QUANTITY_EXAMPLES.get(getattr(t, "dimension", None), "5 m3/h")
            return {
                "anyOf": [
                    {
                        "type": "string",
                        "description": f"a quantity with its unit, e.g. {example!r}",
                    },
                    {
                        "type": "object",
                        "properties": {
                            "magnitude": {"type": "number"},
                            "units": {"type": "string"},
                        },
                        "required": ["magnitude", "units"],
                        "additionalProperties": False,
                    },
                ]
            }
        if isinstance(t, type) and issubclass(t, LabelledEnum):
            name = t.__name__
            if name not in self.defs:
                accepted = [str(m.value) for m in t]
                accepted += [m.label_nl for m in t if m.label_nl not in accepted]
                self.defs[name] = {
                    "type": "string",
                    "enum": accepted,
                    "description": (
                        f"{name}: the English value (canonical) or the Dutch label; "
                        "case and accents are not significant"
                    ),
                }
            return {"$ref": f"#/$defs/{name}"}
        if attrs.has(t):
            return {"$ref": f"#/$defs/{self.define(t)}"}
        raise TypeError(f"no JSON Schema for {t!r}")

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name in self.defs:
            return name
        self.defs[name] = {}  # placeholder against recursion
        self.classes.append(cls)
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.alias or field.name] = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.alias or field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        self.defs[name] = {
            "type": "object",
            "description": " ".join(doc.split()),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return name


_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = "https://waterbeleid.readthedocs.io/schema/{}.json"

#: The name of the schema of an assessment.
ASSESSMENT: Final = "assessment"

#: Record names that are not the class name in snake case.
_RECORD_NAMES: Final = {"DischargeActivity": "discharge"}


def _snake(name: str) -> str:
    return _RECORD_NAMES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@functools.cache
def record_classes() -> dict[str, type]:
    """Every kind of record that a dataset holds, by name: ``discharge``, ``action_line``,
    ``focus_domain``, ``structuring_choice``, … (the class name in snake case; a
    ``DischargeActivity`` is a ``discharge``)."""
    from waterbeleid.validation import KINDS

    found: dict[str, type] = {}
    for cls in KINDS.values():
        builder = _Builder()
        builder.define(cls)
        for hint in builder.classes:
            if hint is not cls:
                found.setdefault(_snake(hint.__name__), hint)
    return dict(sorted(found.items()))


def schema_names() -> tuple[str, ...]:
    """The names :func:`json_schema` takes: the dataset kinds, ``assessment``, and the
    records of :func:`record_classes`."""
    from waterbeleid.validation import KINDS

    return (*KINDS, ASSESSMENT, *record_classes())


def json_schema(name: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a dataset kind, of a kind of record, or of an
    assessment (``"assessment"``).

    A dataset kind (``discharges``, ``action_plan``, …) describes a dataset file; a record
    (``discharge``, ``action_line``, …) one item of such a file (a form's fields, a JSON
    body); ``assessment`` what :meth:`Assessment.to_dict()
    <waterbeleid.discharge.assess.Assessment.to_dict>` returns (its ``$defs`` hold it as
    ``Assessment``) and the list of them that ``waterbeleid assess --format json`` prints:
    either validates.

    The schema of data checks structure only; the units, timings and policy rules are
    checked by :func:`~waterbeleid.validation.validate`.

    Raises:
        DatasetError: an unknown name.
    """
    from waterbeleid.errors import DatasetError
    from waterbeleid.validation import KINDS, dataset_class

    if name == ASSESSMENT:
        return _assessment_schema()
    records = record_classes()
    if name in records:
        builder = _Builder()
        own = builder.define(records[name])
        root = dict(builder.defs.pop(own))
        return {
            "$schema": _DRAFT,
            "$id": _ID.format(name),
            "title": f"waterbeleid record {name} ({records[name].__name__})",
            **root,
            "$defs": builder.defs,
        }
    if name not in KINDS:
        raise DatasetError(
            f"expected a dataset kind ({', '.join(KINDS)}), a record "
            f"({', '.join(records)}) or {ASSESSMENT!r}, found {name!r}"
        )
    cls = dataset_class(name)
    builder = _Builder()
    own = builder.define(cls)
    root = dict(builder.defs.pop(own))
    root["properties"] = {**root["properties"], "kind": {"const": name}}
    root["required"] = ["kind", *[r for r in root["required"] if r != "kind"]]
    return {
        "$schema": _DRAFT,
        "$id": _ID.format(name),
        "title": f"waterbeleid dataset of kind {name}",
        **root,
        "$defs": builder.defs,
    }


# -- the assessment ----------------------------------------------------------------------------

_NULL: Final = {"type": "null"}
_TEXT: Final = {"type": "string"}
_YES_NO: Final = {"type": ["boolean", "null"]}
_DAY: Final = {"anyOf": [{"type": "string", "format": "date"}, _NULL]}


def _codes(enum: type[LabelledEnum], nullable: bool = True) -> dict[str, Any]:
    codes = {"enum": [str(member.value) for member in enum]}
    return {"anyOf": [codes, _NULL]} if nullable else codes


def _record(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _assessment_schema() -> dict[str, Any]:
    from waterbeleid.discharge.exact import Comparison
    from waterbeleid.discharge.model import Authority, DischargeActivity, Obligation, Receiver
    from waterbeleid.discharge.ruleset import TOPICS, LevyKind, RuleSource

    builder = _Builder()
    activity = builder.defs.get(builder.define(DischargeActivity))
    builder.defs.pop("DischargeActivity")
    builder.define(RuleSource)
    source = {"$ref": "#/$defs/RuleSource"}
    verdict = {"enum": ["allowed", "not allowed", "undecided"]}
    value = {"type": ["string", "boolean", "null"]}
    plain = {"type": ["string", "number", "boolean", "null", "array", "object"]}
    builder.defs["Violation"] = _record(
        {
            "parameter": _TEXT,
            "comparison": _codes(Comparison),
            "limit": value,
            "value": value,
            "source": source,
            "text": _TEXT,
        },
        "A limit exceeded (comparison and limit null for a prohibition), with its source; "
        "text in the language asked for.",
    )
    violations = {"type": "array", "items": {"$ref": "#/$defs/Violation"}}
    builder.defs["Assumption"] = _record(
        {"parameter": _TEXT, "value": {"type": "boolean"}, "source": source, "text": _TEXT},
        "A value the source assumed for a parameter the discharge does not state.",
    )
    builder.defs["Gap"] = _record(
        {
            "message": _TEXT,
            "topic": {"enum": [*TOPICS, "version", "spanning"]},
            "text": _TEXT,
            "facts": {"type": "object", "additionalProperties": plain},
        },
        "Why an answer is unknown although the discharge gives what it needs: what is "
        "unknown (topic), the message key and its facts, the text in the language asked for.",
    )
    gap = {"anyOf": [{"$ref": "#/$defs/Gap"}, _NULL]}
    builder.defs["Alternative"] = _record(
        {
            "receiver": _codes(Receiver, nullable=False),
            "verdict": verdict,
            "allowed": _YES_NO,
            "authority": _codes(Authority),
            "violations": violations,
            "missing": {"type": "array", "items": _TEXT},
            "reason": {"type": ["string", "null"]},
            "gap": gap,
            "text": _TEXT,
        },
        "The verdict on another receiver for the same discharge.",
    )
    builder.defs["TraceEntry"] = _record(
        {
            "rule": _TEXT,
            "message": _TEXT,
            "outcome": _TEXT,
            "inputs": {"type": "object", "additionalProperties": plain},
            "facts": {"type": "object", "additionalProperties": plain},
            "source": {"anyOf": [source, _NULL]},
        },
        "One rule evaluated: the step (rule), what it found (message key, outcome in the "
        "language asked for, facts), what it looked at (inputs) and its source.",
    )
    result: dict[str, Any] = {
        "verdict": verdict,
        "allowed": _YES_NO,
        "violations": violations,
        "missing": {"type": "array", "items": _TEXT},
        "gaps": {"type": "array", "items": {"$ref": "#/$defs/Gap"}},
        "caveats": {
            "type": "array",
            "items": _TEXT,
            "description": "what the rules applied are known not to cover, as the ruleset "
            "writes it",
        },
        "authority": _codes(Authority),
        "municipal_consent": _YES_NO,
        "water_board_obligation": _codes(Obligation),
        "notice": {
            "type": ["string", "null"],
            "description": "how long before the start the water board must be notified "
            "('4 week'), where the deciding threshold says it",
        },
        "notify_by": _DAY,
        "levy_applies": _YES_NO,
        "levy_kind": _codes(LevyKind),
        "levy_registration": _YES_NO,
        "levy_eur": {
            "anyOf": [{"type": "string", "pattern": r"^-?\d+\.\d{2}$"}, _NULL],
            "description": "euros as a decimal text ('17.31'); null when it cannot be known",
        },
        "levy_note": _TEXT,
        "volume_m3": {"anyOf": [{"type": "number", "minimum": 0}, _NULL]},
        "end_day": _DAY,
        "report_deadline": _DAY,
        "assumptions": {"type": "array", "items": {"$ref": "#/$defs/Assumption"}},
        "alternatives": {"type": "array", "items": {"$ref": "#/$defs/Alternative"}},
        "trace": {"type": "array", "items": {"$ref": "#/$defs/TraceEntry"}},
        "ruleset": _record(
            {
                "name": _TEXT,
                "water_board": _TEXT,
                "version": {"type": ["string", "null"]},
                "valid_from": _DAY,
                "valid_to": _DAY,
            },
            "The ruleset applied and the version used, with its period (version null when "
            "none applies: see gaps).",
        ),
        "language": {"enum": ["en", "nl"]},
    }
    own = activity["properties"] if activity else {}
    properties = {**own, **result}
    builder.defs["Assessment"] = {
        "type": "object",
        "description": (
            "One assessed discharge, as Assessment.to_dict() returns it: the verdict, "
            "duties, levy and trace, and the discharge's own fields as a dataset file "
            "writes them."
        ),
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    one = {"$ref": "#/$defs/Assessment"}
    return {
        "$schema": _DRAFT,
        "$id": _ID.format(ASSESSMENT),
        "title": "waterbeleid assessment of a discharge",
        "description": (
            "What Assessment.to_dict() returns (one assessment, #/$defs/Assessment) and what "
            "`waterbeleid assess --format json` prints (a list of them)."
        ),
        "anyOf": [one, {"type": "array", "items": one}],
        "$defs": builder.defs,
    }
