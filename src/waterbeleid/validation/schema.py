"""JSON Schema of each dataset kind, derived from the attrs classes.

>>> schema = json_schema("discharges")
>>> schema["properties"]["kind"]
{'const': 'discharges'}
>>> sorted(schema["$defs"]["DischargeActivity"]["required"])
['duration', 'flow', 'origin', 'receiver']
"""

from __future__ import annotations

import datetime as dt
import decimal
import types
import typing
from typing import Any, get_args, get_origin

import attrs

from waterbeleid import _types
from waterbeleid._enum import LabelledEnum
from waterbeleid.discharge.model import Measurements
from waterbeleid.policy.wbs import Measure, Measures
from waterbeleid.quarters import Quarter, Timing

__all__ = ["json_schema"]

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
        if t is Measures:
            return {"type": "array", "items": self.of(Measure)}
        if t is Measurements:
            return {
                "type": "object",
                "description": (
                    "measured values by substance or parameter: English keys (naphthalene, "
                    "mineral_oil, pah, ...) or Dutch names (naftaleen, minerale olie, PAK's); "
                    "each a quantity text such as '0,2 µg/l'"
                ),
                "additionalProperties": self.of(_types.Concentration),
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


def json_schema(kind: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a dataset kind.

    The schema checks structure only; the units, timings and policy rules are checked by
    :func:`~waterbeleid.validation.validate`.

    Raises:
        DatasetError: an unknown kind.
    """
    from waterbeleid.validation import dataset_class

    cls = dataset_class(kind)
    builder = _Builder()
    name = builder.define(cls)
    root = dict(builder.defs.pop(name))
    root["properties"] = {**root["properties"], "kind": {"const": kind}}
    root["required"] = ["kind", *[r for r in root["required"] if r != "kind"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://waterbeleid.readthedocs.io/schema/{kind}.json",
        "title": f"waterbeleid dataset of kind {kind}",
        **root,
        "$defs": builder.defs,
    }
