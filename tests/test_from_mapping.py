"""From a web form or a JSON body to a discharge in one call, every bad field in one error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import waterbeleid as wb

GOOD: dict[str, Any] = {
    "origin": "bronnering",
    "receiver": "vuilwaterriool",
    "flow": "4 m3/h",
    "duration": "3 weken",
    "suspended_solids": "120 mg/l",
    "iron": "2 mg/l",
    "visual_pollution": "nee",
    "start": "2021-03-01",
    "end": "2021-03-21",
    "id": "BD-7",
}

#: A bad value for every field of a discharge, as a form might send it.
BAD: dict[str, Any] = {
    "origin": "grondwater",
    "receiver": "zee",
    "flow": "12 kuub",
    "duration": "3",
    "suspended_solids": "veel",
    "iron": "2 m3/h",
    "visual_pollution": "misschien",
    "start": "2021-13-01",
    "end": "gisteren",
    "measurements": {"naftaleen": "veel"},
    "designated_water_body": "misschien",
    "water_board": 7,
    "id": 7,
}


def init_fields() -> list[str]:
    return [f.name for f in attrs.fields(wb.DischargeActivity) if f.init]


def test_every_field_has_a_bad_value_here() -> None:
    # a field added to DischargeActivity needs a bad value in BAD (and in CONSTRUCTOR_BAD)
    assert set(BAD) == set(init_fields()) == set(CONSTRUCTOR_BAD)


def test_the_example_of_the_issue_names_flow_and_start() -> None:
    with pytest.raises(wb.StructureError) as info:
        wb.DischargeActivity.from_mapping(
            {
                "origin": "bronnering",
                "receiver": "vuilwaterriool",
                "flow": "12 kuub",
                "duration": "3 weken",
                "start": "2021-13-01",
            }
        )
    message = str(info.value)
    assert "$.flow" in message
    assert "$.start" in message
    assert [path for path, _ in info.value.problems] == ["$.flow", "$.start"]


def test_a_form_of_texts_gives_the_discharge_the_constructor_gives() -> None:
    activity = wb.DischargeActivity.from_mapping(GOOD)
    assert activity == wb.DischargeActivity(
        origin=wb.Origin.DEWATERING,
        receiver=wb.Receiver.FOUL_SEWER,
        flow="4 m3/h",
        duration="3 weken",
        suspended_solids="120 mg/l",
        iron="2 mg/l",
        visual_pollution=False,
        start=dt.date(2021, 3, 1),
        end=dt.date(2021, 3, 21),
        id="BD-7",
    )


def test_form_cells_blank_yes_no_and_units_in_the_key() -> None:
    activity = wb.DischargeActivity.from_mapping(
        {
            "origin": " bronnering ",
            "receiver": "oppervlaktewater",
            "flow [m3/h]": 12,
            "duration [uur]": "36",
            "suspended_solids": "",
            "iron": "   ",
            "visual_pollution": "on",
            "start": "",
            "id": "",
        }
    )
    assert (activity.flow, activity.duration) == (wb.flow("12 m3/h"), wb.duration("36 uur"))
    assert activity.suspended_solids is None
    assert activity.iron is None
    assert activity.visual_pollution is True
    assert activity.start is None
    assert activity.id is None


def test_every_bad_field_is_named_in_the_message_not_only_the_first_five() -> None:
    with pytest.raises(wb.StructureError) as info:
        wb.DischargeActivity.from_mapping({**BAD, "colour": "blue"})
    message = str(info.value)
    for name in BAD:
        assert f"$.{name}:" in message, name
    assert "unknown field(s) colour" in message
    assert "more" not in message
    assert len(info.value.problems) == len(BAD) + 1


def test_measurements_as_a_mapping_or_as_fields_of_their_own() -> None:
    nested = wb.DischargeActivity.from_mapping(
        {**GOOD, "measurements": {"naftaleen": "0,1 µg/l", "minerale olie [µg/l]": "40", "pak": ""}}
    )
    flat = wb.DischargeActivity.from_mapping(
        {**GOOD, "naphthalene": "0,1 µg/l", "minerale olie [µg/l]": "40", "PAK's": ""}
    )
    assert nested == flat
    assert dict(nested.measurements) == {
        "suspended_solids": wb.concentration("120 mg/l"),
        "iron": wb.concentration("2 mg/l"),
        "naphthalene": wb.concentration("0,1 µg/l"),
        "mineral_oil": wb.concentration("40 µg/l"),
    }
    assert (
        wb.DischargeActivity.from_mapping(
            {**GOOD, "designated_water_body": "ja"}
        ).designated_water_body
        is True
    )
    with pytest.raises(wb.StructureError) as info:
        wb.DischargeActivity.from_mapping(
            {**GOOD, "naftaleen": "1 m3/h", "measurements": {"chloride": "1 mg/l"}}
        )
    assert [path for path, _ in info.value.problems] == ["$.measurements"]


def test_missing_fields_and_a_body_that_is_no_mapping() -> None:
    with pytest.raises(wb.StructureError) as info:
        wb.DischargeActivity.from_mapping({"origin": "bronnering"})
    assert [p for p, _ in info.value.problems] == ["$.receiver", "$.flow", "$.duration"]
    assert all(m == "required field missing" for _, m in info.value.problems)
    for body in (["origin", "bronnering"], "origin=bronnering", None, 5):
        with pytest.raises(wb.StructureError, match=r"\$: expected a mapping"):
            wb.DischargeActivity.from_mapping(body)  # type: ignore[arg-type]


def test_fields_that_contradict_each_other_are_named() -> None:
    with pytest.raises(wb.StructureError, match=r"\$\.end: expected an end on or after"):
        wb.DischargeActivity.from_mapping({**GOOD, "start": "2021-03-01", "end": "2021-02-01"})


def test_what_to_dict_writes_reads_back() -> None:
    activity = wb.DischargeActivity.from_mapping({**GOOD, "flow": "1,5 l/s", "end": None})
    data = wb.assess(activity).to_dict()
    own = {name: data[name] for name in init_fields()}
    assert wb.DischargeActivity.from_mapping(own) == activity


@settings(deadline=None)
@given(st.sets(st.sampled_from(sorted(BAD)), min_size=1))
def test_the_error_names_exactly_the_bad_fields(bad: set[str]) -> None:
    fields = {**GOOD, "end": None, **{name: BAD[name] for name in bad}}
    with pytest.raises(wb.StructureError) as info:
        wb.DischargeActivity.from_mapping(fields)
    assert {path for path, _ in info.value.problems} == {f"$.{name}" for name in bad}


# -- the constructor ------------------------------------------------------------------------

#: A bad value for every field, as a program might pass it to the constructor.
CONSTRUCTOR_BAD: dict[str, Any] = {
    "origin": 5,
    "receiver": "zee",
    "flow": "5 mg/l",
    "duration": 5,
    "suspended_solids": "x",
    "iron": [1],
    "visual_pollution": "ja",
    "start": "2021-13-01",
    "end": 3.5,
    "measurements": {"chloride": "1 mg/l"},
    "designated_water_body": "ja",
    "water_board": 7,
    "id": 7,
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTOR_BAD))
def test_the_constructor_names_the_bad_field_and_never_shows_attrs(name: str) -> None:
    base = {"origin": "bronnering", "receiver": "bodem", "flow": "5 m3/h", "duration": "5 uur"}
    with pytest.raises((wb.WaterbeleidError, TypeError)) as info:
        wb.DischargeActivity(**{**base, name: CONSTRUCTOR_BAD[name]})
    message = str(info.value)
    assert name in message.split(":")[0] or f"$.{name}:" in message
    assert "Attribute(" not in message
    assert "attrs" not in message


def test_the_constructor_takes_iso_dates_and_datetimes() -> None:
    a = wb.DischargeActivity(
        origin="bronnering",
        receiver="bodem",
        flow="5 m3/h",
        duration="25 uur",
        start="2021-03-01",
        end="2021-03-02",
    )
    assert (a.start, a.end) == (dt.date(2021, 3, 1), dt.date(2021, 3, 2))
    b = wb.DischargeActivity(
        origin="bronnering",
        receiver="bodem",
        flow="5 m3/h",
        duration="1 uur",
        start="2021-03-01T08:00",
    )
    assert b.start == dt.datetime(2021, 3, 1, 8)


def test_a_quantity_error_keeps_its_class() -> None:
    with pytest.raises(wb.OutOfRangeError, match=r"^flow: expected a flow of at most"):
        wb.DischargeActivity(
            origin="bronnering", receiver="bodem", flow="1e12 m3/h", duration="1 uur"
        )


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["bronnering", "bodem", "5 m3/h", "3 weken", "2021-03-01", "ja", ""]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
keys = st.sampled_from([*BAD, "flow [m3/h]", "duration [uur]", "colour"]) | st.text(max_size=10)


@settings(deadline=None, max_examples=300)
@given(st.dictionaries(keys, values, max_size=12))
def test_any_mapping_gives_a_discharge_or_one_structure_error(mapping: dict[str, Any]) -> None:
    try:
        activity = wb.DischargeActivity.from_mapping(mapping)
    except wb.StructureError as exc:
        problems = exc.problems
    else:
        assert isinstance(activity, wb.DischargeActivity)
        try:
            wb.assess(activity).to_dict()
        except wb.RulesetError:  # a water board without a packaged ruleset
            assert activity.water_board is not None
        return
    assert problems
    assert all(path.startswith("$") for path, _ in problems)
