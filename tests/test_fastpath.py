"""The fast structure functions build exactly what the detailed path builds, once."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid import catalogue, serialize
from waterbeleid._enum import LabelledEnum
from waterbeleid._fastpath import declare_check
from waterbeleid._io import read_path
from waterbeleid.policy.actionplan import _action_code, normalise_action_code

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FAST, FUNCTIONS = serialize.build_converter()
DETAILED, _ = serialize.build_converter(fast=False)


def outcome(conv: Any, data: Any, cls: Any) -> tuple[str, Any]:
    """What a converter makes of *data*: the object, or every problem with its path."""
    from cattrs.errors import BaseValidationError

    try:
        return "object", conv.structure(data, cls)
    except BaseValidationError as exc:
        return "errors", serialize.error_items(exc)
    except Exception as exc:
        return "error", (type(exc), str(exc))


def same_outcome(data: Any, cls: Any) -> tuple[str, Any]:
    fast = outcome(FAST, copy.deepcopy(data), cls)
    assert fast == outcome(DETAILED, copy.deepcopy(data), cls)
    if fast[0] == "object":  # equal is not enough: the same types all the way down
        assert repr(fast[1]) == repr(outcome(DETAILED, copy.deepcopy(data), cls)[1])
    return fast


@pytest.mark.parametrize("name", catalogue.NAMES)
def test_catalogues_take_the_fast_path_and_match_the_detailed_one(name: str) -> None:
    cls = catalogue._FILES[name][1]
    data = catalogue.raw(name)
    fast = FUNCTIONS.of(cls)  # type: ignore[union-attr]
    assert fast is not None
    made = fast(copy.deepcopy(data))  # raises if the fast path gives up on valid data
    assert made == DETAILED.structure(data, cls)
    assert same_outcome(data, cls) == ("object", made)


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "broken").glob("*.*"))
)
def test_examples_report_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = wb.validate(path)
    monkeypatch.setattr(serialize, "converter", lambda: DETAILED)
    assert wb.validate(path) == fast


def records(n: int) -> list[dict[str, Any]]:
    return [
        {
            "code": f"KP {1 + i % 4}.{1 + i % 9}",
            "goal": f"KP-O.D.{1 + i % 4}",
            "lever": "technology_infrastructure",
            "status": "planning",
            "action": f"Inventariseren, deel {i}",
            "output": "Een overzicht",
            "lead": ["VMM"],
            "partners": ["VITO", "VLAKWA"],
            "timing": "Q1 2025 - Q3 2025",
            "importance": "key",
        }
        for i in range(n)
    ]


def test_structured_objects_are_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    init = wb.ActionLine.__init__

    def counting(self: Any, **kw: Any) -> None:
        calls.append(kw)
        init(self, **kw)

    monkeypatch.setattr(wb.ActionLine, "__init__", counting)
    lines = serialize.structure(records(3), tuple[wb.ActionLine, ...])
    assert [line.code for line in lines] == ["KP 1.1", "KP 2.2", "KP 3.3"]
    assert calls == []  # built without __init__: its validators do not run a second time
    wb.ActionLine(
        code="kp1.1",
        goal="KP-O.D.1",
        lever=wb.Lever.TECHNOLOGY_INFRASTRUCTURE,
        status=wb.ActionStatus.CORE,
        action="x",
    )
    assert len(calls) == 1  # objects built by hand still go through __init__


def test_a_bad_line_among_good_ones_is_reported_as_before() -> None:
    data: list[Any] = records(5)
    data[3] = {**data[3], "code": "Actie 1", "colour": "blue", "lead": ["VMM", ""]}
    data[4] = {**data[4], "action": "  "}
    with pytest.raises(wb.StructureError) as caught:
        serialize.structure(data, tuple[wb.ActionLine, ...])
    assert caught.value.messages == (
        "$[3]: unknown field(s) colour",
        "$[4]: action: expected non-empty text, found '  '",
    )


# -- arbitrary changes to valid data: same object or same errors, fast or not --------------

ODD_TEXT = type("OddText", (str,), {})  # a str subclass: the fast path leaves it to cattrs

VALUES = st.sampled_from(
    [
        None,
        "",
        " ",
        "x",
        "\n",
        "KP 1.2",
        "kp1.2",
        "KP 01.2",
        "KP 1.2\n",
        "KP \u0661.2",
        "KP-O.D.1",
        "KP-O.D.1\n",
        "kp-o.d.1",
        0,
        1,
        -1,
        True,
        False,
        1.5,
        [],
        ["a"],
        [""],
        [" "],
        ["a", 1],
        ("a",),
        {"a": 1},
        {},
        "Q1 2025 - Q3 2025",
        "Doorlopend",
        "binnenkort",
        "Sleutelactie",
        "key",
        "KEY",
        "planning",
        "werkingsmiddelen",
        "core",
        "project",
        "technology_infrastructure",
        "technologie & infrastructuur",
        "2025-09-12",
        "2025-13-01",
        dt.date(2025, 1, 1),
        dt.datetime(2025, 1, 1),
        "Q3 2024",
        "2024Q3",
        "5 m3/h",
        "8 weken",
        "1.1.1",
        "1.1.1b",
        "1.1",
        "water",
        "Bodem",
        ODD_TEXT("x"),
        ODD_TEXT("KP 1.2"),
        ["VMM", "VITO"],
        [ODD_TEXT("VMM")],
        "60.10",
        2024,
        33,
    ]
)


def _containers(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    items = data.items() if isinstance(data, dict) else enumerate(data)
    if isinstance(data, (dict, list)):
        for key, value in items:
            if isinstance(value, (dict, list)):
                found += _containers(value, (*path, key))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def changed(draw: st.DrawFn, data: Any) -> Any:
    """*data* with one to three changes: a value replaced, a key dropped or added, a
    mapping made an OrderedDict."""
    data = copy.deepcopy(data)
    places = _containers(data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places))
        container = _at(data, path)
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["replace", "replace", "drop", "add", "ordered"]))
        if action == "replace":
            container[key] = copy.deepcopy(draw(VALUES))
        elif action == "drop":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            extra = draw(st.sampled_from(["colour", 1, "code", "notes"]))
            container[extra] = copy.deepcopy(draw(VALUES))
        elif action == "ordered" and isinstance(container[key], dict):
            container[key] = OrderedDict(container[key])
        places = _containers(data)
    return data


def _small(name: str) -> Any:
    """A catalogue cut down to a few records of each list, so each example runs quickly."""

    def cut(data: Any) -> Any:
        if isinstance(data, dict):
            return {k: cut(v) for k, v in data.items()}
        if isinstance(data, list):
            return [cut(v) for v in data[:3]]
        return data

    return cut(catalogue.raw(name))


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_changed_action_lines_give_the_same_outcome(data: st.DataObject) -> None:
    same_outcome(data.draw(changed(records(3))), tuple[wb.ActionLine, ...])


@pytest.mark.parametrize("name", catalogue.NAMES)
@SETTINGS
@given(data=st.data())
def test_changed_catalogues_give_the_same_outcome(name: str, data: st.DataObject) -> None:
    same_outcome(data.draw(changed(_small(name))), catalogue._FILES[name][1])


@SETTINGS
@given(st.data())
def test_changed_discharges_give_the_same_outcome(data: st.DataObject) -> None:
    dataset = read_path(EXAMPLES / "discharges.yaml")
    same_outcome(data.draw(changed(dataset)), wb.DischargeSet)


# -- classes the library does not have yet: every kind of field the generator handles ------


class Colour(LabelledEnum):
    DARK_BLUE = ("dark_blue", "Donkerblauw", ("marine",))
    GREEN = ("green", "Groen")


def _even(instance: Any, attribute: Any, value: int) -> None:
    if value % 2:
        raise ValueError(f"{attribute.name}: expected an even number, found {value}")


def _short(instance: Any, attribute: Any, value: str) -> None:
    if len(value) > 3:
        raise ValueError(f"{attribute.name}: expected at most 3 letters, found {value!r}")


declare_check(_short, lambda value: len(value) <= 3)


def _upper(value: str) -> str:
    return value.upper() if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Inner:
    name: str = attrs.field(validator=_short)
    size: float = 1.0


@attrs.frozen(kw_only=True)
class Outer:
    count: int = attrs.field(validator=_even)  # no cheap form: called as __init__ calls it
    tag: str = attrs.field(converter=_upper, validator=_short)
    colour: Colour | None = None
    flags: tuple[bool, ...] = ()
    inner: Inner | None = None
    inners: tuple[Inner, ...] = attrs.field(factory=tuple)
    when: wb.Quarter | None = None
    day: dt.date | None = None
    timing: wb.Timing | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(wb.Timing))
    )
    names: tuple[str, ...] | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.deep_iterable(_short))
    )


@attrs.frozen(kw_only=True)
class Checked:
    """A class whose __attrs_post_init__ the fast path cannot copy: always detailed."""

    number: int

    def __attrs_post_init__(self) -> None:
        if self.number < 0:
            raise ValueError("number: expected zero or more")


OUTER = {
    "count": 2,
    "tag": "ab",
    "colour": "Groen",
    "flags": [True, False],
    "inner": {"name": "x", "size": 2},
    "inners": [{"name": "y"}, {"name": "zz", "size": 0.5}],
    "when": "Q3 2024",
    "day": "2024-07-01",
    "timing": "Doorlopend",
    "names": ["a", "bc"],
}


def test_every_kind_of_field() -> None:
    made = FUNCTIONS.of(Outer)(OUTER)  # type: ignore[union-attr,misc]
    assert made == DETAILED.structure(OUTER, Outer)
    assert made.tag == "AB"
    assert type(made.inner.size) is float
    assert FUNCTIONS.of(Checked) is None  # type: ignore[union-attr]
    assert same_outcome({"number": -1}, Checked)[0] == "errors"


@SETTINGS
@given(st.data())
def test_changed_generic_classes_give_the_same_outcome(data: st.DataObject) -> None:
    same_outcome(data.draw(changed({"outers": [OUTER, OUTER]})), dict[str, list[Outer]])


# -- the validators of ActionLine, made cheaper, accept and reject the same codes ------------

_OLD_ACTION_CODE = re.compile(r"^\s*([A-Za-z]{2,})\s*[-.]?\s*(\d+)\s*\.\s*(\d+)\s*$")


def _old_normalise(code: str) -> str:
    match = _OLD_ACTION_CODE.match(code)
    return f"{match[1].upper()} {int(match[2])}.{int(match[3])}" if match else code


CODES = st.one_of(
    st.text(max_size=12),
    st.from_regex(
        r"\s?[A-Za-z]{1,3}\s?[-.]?\s?[0-9\u0661]{1,3}\s?\.\s?[0-9]{1,3}\s?", fullmatch=True
    ),
)


@given(CODES)
def test_action_codes_normalise_and_validate_as_before(code: str) -> None:
    assert normalise_action_code(code) == _old_normalise(code)
    old_ok = _old_normalise(code) == code and bool(_OLD_ACTION_CODE.match(code)) and code.strip()
    field = attrs.fields(wb.ActionLine).code
    if old_ok:
        _action_code(None, field, code)
        return
    with pytest.raises(ValueError, match=r"^code: expected ") as caught:
        _action_code(None, field, code)
    assert str(caught.value) in (
        f"code: expected an action-line code like 'BW 1.5', found {code!r}",
        f"code: expected non-empty text, found {code!r}",
    )
