"""One result shape: Assessment.to_dict(), the command line's JSON, the table, and their
JSON Schemas."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import waterbeleid as wb
from test_cli import run
from waterbeleid import tables
from waterbeleid._localized import in_language
from waterbeleid.discharge.assess import RESULT_FIELDS
from waterbeleid.discharge.model import MEASUREMENTS, REFERENCE_UNITS
from waterbeleid.discharge.table import unit_suffix
from waterbeleid.validation import load
from waterbeleid.validation.schema import json_schema, record_classes, schema_names

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CONTRACT_KEYS = {
    "allowed",
    "authority",
    "water_board_obligation",
    "levy_registration",
    "report_deadline",
    "violations",
    "alternatives",
    "trace",
}


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def example_assessments() -> list[wb.Assessment]:
    found = []
    for name in ("discharges.csv", "discharges.yaml", "discharges.json"):
        found += [wb.assess(a) for a in load(EXAMPLES / name).discharges]
    return found


ASSESSMENTS = [
    *example_assessments(),
    wb.assess(
        wb.DischargeActivity(
            origin="bodemsanering",
            receiver="bodem",
            flow="5 m3/h",
            duration="1 uur",
            suspended_solids="25 mg/l",
            start="2021-06-01",
        ),
        limits={"suspended_solids": "20 mg/l"},
    ),
    wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="5 m3/h",
            duration="1 uur",
            start="2020-06-01",
        )
    ),
    wb.assess(
        wb.DischargeActivity(
            origin="bronnering", receiver="bodem", flow=None, duration=None, end="2021-06-02T00:00"
        )
    ),
]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_to_dict_is_json_ready_and_valid_against_the_assessment_schema(language: str) -> None:
    check = validator(json_schema("assessment"))
    for result in ASSESSMENTS:
        data = result.to_dict(language=language)
        assert json.loads(json.dumps(data)) == data  # no Decimal, date or quantity objects
        assert set(data) >= CONTRACT_KEYS
        errors = [e.message for e in check.iter_errors(data)]
        assert errors == [], (result.activity, errors)


def test_the_schema_rejects_what_to_dict_never_writes() -> None:
    check = validator(json_schema("assessment"))
    data = ASSESSMENTS[0].to_dict()
    for key, bad in [
        ("verdict", "maybe"),
        ("levy_eur", 17.31),
        ("end_day", "2021-13-01"),
        ("water_board_obligation", "meldingsplicht"),
        ("surprise", 1),
    ]:
        broken = {**copy.deepcopy(data), key: bad}
        assert list(check.iter_errors(broken)), key
    missing = copy.deepcopy(data)
    del missing["trace"]
    assert list(check.iter_errors(missing))


def test_the_schema_lists_every_key_of_to_dict_in_order() -> None:
    schema = json_schema("assessment")["$defs"]["Assessment"]
    own = [f.name for f in attrs.fields(wb.DischargeActivity) if f.init]
    data = ASSESSMENTS[0].to_dict()
    assert set(data) == set(schema["required"]) == set(schema["properties"])
    assert [k for k in data if k not in own] == list(RESULT_FIELDS)
    assert set(own) <= set(data)
    assert list(data)[:2] == ["id", "verdict"]


def test_to_dict_states_the_verdict_the_levy_and_the_ruleset() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="20 m3/h",
            duration="3 weken",
            suspended_solids="30 mg/l",
            start="2021-05-03",
        )
    )
    data = result.to_dict()
    assert (data["verdict"], data["allowed"], data["authority"]) == ("allowed", True, "water_board")
    assert data["water_board_obligation"] == "notification"
    assert (data["levy_eur"], data["volume_m3"]) == ("605.81", 10080.0)
    assert data["levy_note"] == "10.08 pollution units x EUR 60.10 (tariff of 2021)"
    assert data["report_deadline"] == "2021-06-06"  # ends 23 May, + 14 days
    assert data["flow"] == "20 m³/h"
    assert data["ruleset"] == {
        "name": "brabantse_delta",
        "water_board": "Waterschap Brabantse Delta",
        "version": "2021",
        "valid_from": "2021-01-01",
        "valid_to": "2023-12-31",
    }
    assert data["trace"][0]["message"] == "ruleset.version"
    assert data["trace"][0]["facts"]["version"] == "2021"
    assert data["trace"][1]["source"]["article"] == "landelijke voorkeursvolgorde, punt 2"
    assert (data["gaps"], data["caveats"]) == ([], [])
    assert (data["notice"], data["notify_by"]) == (None, None)
    assert data["levy_kind"] == "unspecified_levy"
    assert data["assumptions"][0]["parameter"] == "visual_pollution"
    assert data["assumptions"][0]["value"] is False


def test_only_the_texts_follow_the_language() -> None:
    for result in ASSESSMENTS:
        english, dutch = result.to_dict(language="en"), result.to_dict(language="nl")
        assert english["language"] == "en"
        assert dutch["language"] == "nl"

        def codes(data: Any) -> Any:
            if isinstance(data, dict):
                return {
                    k: codes(v)
                    for k, v in data.items()
                    if k not in ("text", "outcome", "levy_note", "language", "caveats")
                }
            if isinstance(data, list):
                return [codes(v) for v in data]
            return data

        assert codes(english) == codes(dutch)
        # caveats are texts too: as the ruleset writes them, or their Dutch twins
        assert english["caveats"] == [str(c) for c in result.caveats]
        assert dutch["caveats"] == [in_language(c, "nl") for c in result.caveats]
        assert len(dutch["caveats"]) == len(english["caveats"])


def test_command_line_json_is_to_dict_and_valid_against_its_own_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schema", "assessment")
    assert code == 0
    check = validator(json.loads(out))
    for name in ("discharges.csv", "discharges.yaml"):
        for language in ("en", "nl"):
            code, out, _ = run(
                capsys, "assess", str(EXAMPLES / name), "--format", "json", "--lang", language
            )
            assert code == 0
            rows = json.loads(out)
            expected = [
                wb.assess(a).to_dict(language=language) for a in load(EXAMPLES / name).discharges
            ]
            assert rows == expected
            assert [e.message for e in check.iter_errors(rows)] == []  # the list as printed
            for row in rows:
                assert [e.message for e in check.iter_errors(row)] == []
    assert list(check.iter_errors([{"verdict": "allowed"}]))
    assert list(check.iter_errors("allowed"))


def test_command_line_year_reaches_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "assess", str(EXAMPLES / "discharges.yaml"), "--format", "json", "--year", "2022"
    )
    assert code == 0
    first = json.loads(out)[0]
    assert first["levy_eur"] is None
    assert first["levy_note"].startswith("unknown: no levy tariff for 2022")
    result = wb.assess(load(EXAMPLES / "discharges.yaml").discharges[0])
    assert first == result.to_dict(year=2022)
    with pytest.raises(wb.TariffNotFoundError, match="no levy tariff for 2022"):
        result.levy(2022)


# -- the table: the flattened names of the same fields --------------------------------------


def test_table_columns_are_the_fields_of_to_dict_flattened() -> None:
    for result in ASSESSMENTS:
        data = result.to_dict()
        row = tables.to_records([result])[0]
        columns = list(row)
        expected: list[str] = []
        for key, value in data.items():
            if key in ("trace", "language"):
                continue
            if key in ("flow", "duration", "suspended_solids", "iron", "notice"):
                unit = {"flow": "m3_per_h", "duration": "h", "notice": "h"}.get(key, "mg_per_l")
                expected.append(f"{key}_{unit}")
            elif key == "measurements":  # every one, measured or not: the same columns
                expected += [
                    f"{name}_{unit_suffix(REFERENCE_UNITS[name])}"
                    for name in MEASUREMENTS
                    if name not in ("suspended_solids", "iron")
                ]
            elif isinstance(value, dict):
                expected += [f"{key}_{inner}" for inner in value]
            else:
                expected.append(key)
        assert columns == expected
        assert row["levy_eur"] == result.levy() if result.levy_applies is not None else True
        assert row["violations"] == [v["text"] for v in data["violations"]]
        assert row["alternatives"] == [a["text"] for a in data["alternatives"]]
        assert row["report_deadline"] == result.report_deadline
        assert row["end_day"] == result.activity.end_day
        assert row["gaps"] == [g["text"] for g in data["gaps"]]
        for name, value in result.activity.measurements.items():
            if name not in ("suspended_solids", "iron"):
                unit = REFERENCE_UNITS[name]
                assert row[f"{name}_{unit_suffix(unit)}"] == pytest.approx(value.m_as(unit))


def test_rows_with_different_measurements_have_the_same_columns() -> None:
    base = {
        "origin": "bodemsanering",
        "receiver": "oppervlaktewater",
        "flow": "5 m3/h",
        "duration": "1 uur",
        "start": "2025-03-01",
        "designated_water_body": False,
    }
    results = [
        wb.assess(wb.DischargeActivity(**base)),
        wb.assess(wb.DischargeActivity(**base, measurements={"naftaleen": "0,1 µg/l"})),
        wb.assess(
            wb.DischargeActivity(
                **base, measurements={"lood": "2 µg/l", "receiving_water_share": "20%"}
            )
        ),
    ]  # fmt: skip
    rows = tables.to_records(results)
    assert list(rows[0]) == list(rows[1]) == list(rows[2])
    assert [r["naphthalene_ug_per_l"] for r in rows] == [None, 0.1, None]
    assert [r["lead_ug_per_l"] for r in rows] == [None, None, 2.0]
    assert [r["receiving_water_share_percent"] for r in rows] == [None, None, 20.0]


def test_the_table_columns_of_assess_many_are_the_same_names() -> None:
    activities = [a.activity for a in ASSESSMENTS[:8]]
    batch = wb.assess_many(
        origin=[a.origin for a in activities],
        receiver=[a.receiver for a in activities],
        flow=[a.flow.m_as("m**3/h") for a in activities],
        flow_unit="m**3/h",
        duration=[a.duration.m_as("h") for a in activities],
        duration_unit="h",
    ).to_dict()
    row = tables.to_records(ASSESSMENTS[:1])[0]
    shared = [name for name in batch if not name.startswith("violates_")]
    assert len(shared) == 12
    assert set(shared) <= set(row)


def test_command_line_csv_is_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "assess", str(EXAMPLES / "discharges.csv"), "--format", "csv", "--lang", "nl"
    )
    assert code == 0
    header = out.splitlines()[0].split(",")
    results = [wb.assess(a) for a in load(EXAMPLES / "discharges.csv").discharges]
    assert header == list(tables.to_records(results)[0])
    assert "geen heffing: de lozing is niet toegestaan" in out


# -- schemas of records ---------------------------------------------------------------------


def test_schema_names_and_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    names = schema_names()
    for name in (
        "discharges",
        "action_plan",
        "assessment",
        "discharge",
        "action_line",
        "structuring_choice",
        "measure",
        "work_table",
    ):
        assert name in names
    code, out, _ = run(capsys, "schema", "--list")
    assert (code, out.split()) == (0, list(names))
    assert run(capsys, "schema", "discharge_activity")[0] == 2
    assert run(capsys, "schema")[0] == 2
    with pytest.raises(wb.DatasetError, match=r"a record .*discharge"):
        json_schema("recipe")


def test_the_discharge_schema_takes_what_a_form_sends_and_refuses_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schema", "discharge")
    assert code == 0
    check = validator(json.loads(out))
    data = json.loads((EXAMPLES / "discharges.json").read_text(encoding="utf-8"))
    for record in data["discharges"]:
        assert [e.message for e in check.iter_errors(record)] == []
    assert list(check.iter_errors({"origin": "bronnering"}))  # required fields missing
    assert list(check.iter_errors({**data["discharges"][0], "colour": "blue"}))
    assert list(check.iter_errors({**data["discharges"][0], "receiver": "zee"}))


@pytest.mark.parametrize("name", sorted(record_classes()))
def test_every_record_of_the_catalogues_is_valid_against_its_record_schema(name: str) -> None:
    cls = record_classes()[name]
    check = validator(json_schema(name))
    seen = 0
    datasets = [
        wb.catalogue.load(n) for n in ("vito_action_plan", "wbs_calendar", "spw_work_tables")
    ]
    datasets += [load(EXAMPLES / n) for n in ("work_tables.yaml", "discharges.json")]
    for dataset in datasets:
        for record in _records(dataset, cls):
            assert [e.message for e in check.iter_errors(wb.unstructure(record))] == []
            seen += 1
    assert seen > 0
    assert list(check.iter_errors({"not a field": 1}))


def _records(obj: Any, cls: type) -> list[Any]:
    found: list[Any] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, cls):
            found.append(item)
        if attrs.has(type(item)):
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
        elif hasattr(item, "all"):
            stack.extend(item.all)
    return found


# -- YAML dates and jsonschema ------------------------------------------------------------


class StringDates(yaml.SafeLoader):
    """PyYAML's safe loader without its date resolver: dates stay text."""


StringDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_yaml_dates_need_to_stay_text_for_jsonschema() -> None:
    text = (EXAMPLES / "discharges.yaml").read_text(encoding="utf-8")
    check = validator(json_schema("discharges"))
    plain = yaml.safe_load(text)
    assert isinstance(plain["discharges"][0]["start"], dt.date)
    assert list(check.iter_errors(plain))  # date objects are not JSON strings
    assert list(check.iter_errors(yaml.load(text, Loader=StringDates))) == []
    as_json = json.loads(json.dumps(plain, default=str))
    assert list(check.iter_errors(as_json)) == []


def test_a_mapping_field_gets_an_object_schema() -> None:
    from collections.abc import Mapping

    from waterbeleid._types import Concentration
    from waterbeleid.validation.schema import _Builder

    schema = _Builder().of(Mapping[str, Concentration] | None)
    check = validator({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})
    assert list(check.iter_errors({"benzene": "5 µg/l", "iron": "2 mg/l"})) == []
    assert list(check.iter_errors(None)) == []
    assert list(check.iter_errors({"benzene": 5}))
    with pytest.raises(TypeError, match="JSON keys are text"):
        _Builder().of(dict[int, str])
