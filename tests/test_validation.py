"""Dataset validation: structural errors with paths, policy checks, the examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.validation import CODES, validate
from waterbeleid.validation.schema import json_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def issues(report: wb.Report) -> list[tuple[str, str, str]]:
    return sorted((i.severity, i.code, i.path) for i in report.issues)


@pytest.mark.parametrize(
    "name", ["action_plan.yaml", "wbs_calendar.yaml", "work_tables.yaml", "discharges.yaml"]
)
def test_valid_examples_have_no_issues(name: str) -> None:
    report = validate(EXAMPLES / name)
    assert report.valid
    assert report.issues == ()


def test_valid_discharge_csv_warns_about_the_prohibited_row() -> None:
    report = validate(EXAMPLES / "discharges.csv")
    assert report.valid
    assert issues(report) == [("warning", "discharge-not-allowed", "$.discharges[6]")]
    assert "prohibited" in report.issues[0].message


def test_broken_action_plan() -> None:
    report = validate(EXAMPLES / "broken" / "action_plan.yaml")
    assert not report.valid
    assert issues(report) == [
        ("error", "duplicate-code", "$.action_lines[2]"),
        ("error", "goal-mismatch", "$.focus_domains[0].operational_goals[0].action_lines[1]"),
        ("error", "lever-mismatch", "$.action_lines[0].lever"),
        ("error", "timing-reversed", "$.action_lines[0].timing"),
        ("error", "unknown-reference", "$.action_lines[1].goal"),
        ("error", "unknown-reference", "$.focus_domains[0].operational_goals[0].action_lines[2]"),
    ]


def test_broken_action_plan_structure_reports_everything() -> None:
    report = validate(EXAMPLES / "broken" / "action_plan_structure.json")
    assert issues(report) == [
        ("error", "bad-timing", "$.action_lines[0].timing"),
        ("error", "bad-vocabulary", "$.action_lines[0].lever"),
        ("error", "missing-field", "$.action_lines[1].code"),
        ("error", "unknown-field", "$.action_lines[0]"),
        ("error", "wrong-type", "$.action_lines[0].lead"),
        ("error", "wrong-type", "$.action_lines[1].action"),
    ]
    messages = {i.path: i.message for i in report.issues}
    assert messages["$.action_lines[0]"] == "unknown field(s) colour"
    assert messages["$.action_lines[1].action"] == "expected text, found integer 42"


def test_broken_wbs_calendar() -> None:
    report = validate(EXAMPLES / "broken" / "wbs_calendar.yaml")
    assert issues(report) == [
        ("error", "duplicate-code", "$.measures[1]"),
        ("error", "unknown-reference", "$.choices[0].measure_codes[1]"),
        ("warning", "amvb-lead-time", "$.measures[0].steps[1].agenda"),
        ("warning", "bkl-too-early", "$.measures[0].steps[0].agenda"),
        ("warning", "theme-totals", "$.theme_totals[0]"),
    ]


def test_broken_work_tables() -> None:
    report = validate(EXAMPLES / "broken" / "work_tables.yaml")
    assert issues(report) == [
        ("error", "duplicate-code", "$.work_tables[1]"),
        ("error", "duplicate-participant-organisation", "$.work_tables[0].participants[1]"),
        ("error", "timing-reversed", "$.work_tables[0].sessions[5].timing"),
        ("error", "too-many-sessions", "$.work_tables[0].sessions"),
    ]


def test_broken_discharges_csv() -> None:
    report = validate(EXAMPLES / "broken" / "discharges.csv")
    assert issues(report) == [
        ("error", "bad-unit", "$.discharges[0].flow"),
        ("error", "bad-unit", "$.discharges[3].duration"),
        ("error", "bad-unit", "$.discharges[3].suspended_solids"),
        ("error", "bad-vocabulary", "$.discharges[1].origin"),
        ("error", "bad-vocabulary", "$.discharges[2].receiver"),
        ("error", "wrong-type", "$.discharges[2].visual_pollution"),
        ("error", "wrong-type", "$.discharges[3].start"),
    ]


def test_kind_problems() -> None:
    assert issues(validate({"action_lines": []})) == [("error", "kind-missing", "$")]
    assert issues(validate({"kind": "recipes"})) == [("error", "kind-unknown", "$.kind")]
    assert issues(validate([1, 2])) == [("error", "not-a-mapping", "$")]
    assert validate({"action_lines": []}, kind="action_plan").valid


def test_unreadable_files_raise_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(wb.DatasetError, match="no such file"):
        validate(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: [unclosed\n", encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="not valid YAML at line"):
        validate(bad)
    dup = tmp_path / "dup.yaml"
    dup.write_text("kind: action_plan\nkind: action_plan\n", encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="duplicate key 'kind' at line 2"):
        validate(dup)
    dup_json = tmp_path / "dup.json"
    dup_json.write_text('{"kind": "a", "kind": "b"}', encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="duplicate key"):
        validate(dup_json)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("naam: café".encode("latin-1"))
    with pytest.raises(wb.DatasetError, match="not UTF-8"):
        validate(latin)
    with pytest.raises(wb.DatasetError, match="suffix"):
        validate(tmp_path / "data.txt")


def test_report_to_dict() -> None:
    report = validate(EXAMPLES / "broken" / "work_tables.yaml")
    data = report.to_dict()
    assert data["valid"] is False
    assert data["kind"] == "work_tables"
    assert set(data["issues"][0]) == {"severity", "code", "path", "message"}
    json.dumps(data)


def test_every_code_has_severity_meaning_and_source() -> None:
    for code, (severity, meaning, source) in CODES.items():
        assert severity in ("error", "warning"), code
        assert meaning
        assert source


@pytest.mark.parametrize("kind", ["action_plan", "wbs_calendar", "work_tables", "discharges"])
def test_json_schema_describes_the_kind(kind: str) -> None:
    schema = json_schema(kind)
    assert schema["properties"]["kind"] == {"const": kind}
    assert schema["additionalProperties"] is False
    json.dumps(schema)


# -- robustness: malformed documents never crash ----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)


def _mutated(kind: str) -> Any:
    base: dict[str, Any] = {
        "action_plan": {"kind": "action_plan", "action_lines": [{"code": "KP 1.1"}]},
        "wbs_calendar": {"kind": "wbs_calendar", "choices": [{"number": 1}]},
        "work_tables": {"kind": "work_tables", "work_tables": [{"subject": "grondwater"}]},
        "discharges": {"kind": "discharges", "discharges": [{"origin": "bronnering"}]},
    }[kind]
    return base


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["action_plan", "wbs_calendar", "work_tables", "discharges"]),
    st.sampled_from(
        ["action_lines", "focus_domains", "choices", "measures", "work_tables", "discharges", "x"]
    ),
    json_values,
)
def test_malformed_documents_give_a_report(kind: str, key: str, junk: Any) -> None:
    data = _mutated(kind)
    data[key] = junk
    report = validate(data)
    assert isinstance(report, wb.Report)
    for item in report.issues:
        assert item.code in CODES


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_json_value_gives_a_report(junk: Any) -> None:
    assert isinstance(
        validate(junk if isinstance(junk, dict | list) else {"kind": junk}), wb.Report
    )


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_file_gives_a_report_or_a_dataset_error(tmp_path_factory: Any, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "data.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        report = validate(path)
    except wb.DatasetError:
        return
    assert isinstance(report, wb.Report)


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_deeply_nested_files_are_rejected_not_crashed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep.{suffix}"
    depth = 100_000
    path.write_text(
        '{"kind": "action_plan", "action_lines": ' + "[" * depth + "]" * depth + "}",
        encoding="utf-8",
    )
    with pytest.raises(wb.DatasetError, match=r"nest|recursion"):
        validate(path)


def test_deeply_nested_data_gives_a_report() -> None:
    deep: list[Any] = []
    current = deep
    for _ in range(3000):
        inner: list[Any] = []
        current.append(inner)
        current = inner
    report = validate({"kind": "action_plan", "action_lines": deep})
    assert not report.valid


def _line(**fields: Any) -> dict[str, Any]:
    return {
        "code": "KP 1.1",
        "goal": "KP-O.D.1",
        "lever": "technology_infrastructure",
        "status": "planning",
        "action": "Een actie.",
        **fields,
    }


def test_lead_entries_must_be_names_of_their_cell() -> None:
    data = {
        "kind": "action_plan",
        "action_lines": [
            _line(lead=["VMM", "VITO Kennispunt Water"], lead_text="VMM / VITO Kennispunt Water"),
            _line(
                code="KP 1.2",
                partners=["VMM", "OVAM"],
                partners_text="VMM en De Watergroep",
            ),
        ],
    }
    report = validate(data)
    assert report.valid
    assert issues(report) == [
        ("warning", "organisation-not-in-text", "$.action_lines[1].partners[1]")
    ]
    assert "'OVAM'" in report.issues[0].message


def test_work_table_template_and_conflicts_refer_to_the_dataset() -> None:
    data = {
        "kind": "work_tables",
        "source": [{"document": "a.txt", "title": "A"}, {"document": "b.txt", "title": "B"}],
        "general": ["Visie in SGBP"],
        "concept_note_template": [
            {"title": "Pijlers"},
            {"title": "Visie en beleid", "parent": "Pijlers", "existing": ["Visie in SGBP"]},
            {"title": "Engagementen", "parent": "Toekomst", "existing": ["Blue Deal"]},
        ],
        "conflicts": [
            {
                "subject": "participant_rule",
                "statements": [
                    {"document": "a.txt", "text": "één per tafel"},
                    {"document": "c.txt", "text": "één in totaal"},
                ],
            },
            {"subject": "landing", "statements": [{"document": "a.txt", "text": "juni 2022"}]},
        ],
    }
    report = validate(data)
    assert issues(report) == [
        ("error", "bad-value", "$.conflicts[1].statements"),
        ("error", "unknown-reference", "$.concept_note_template[2].existing[0]"),
        ("error", "unknown-reference", "$.concept_note_template[2].parent"),
        ("error", "unknown-reference", "$.conflicts[0].statements[1].document"),
    ]


def _amending_step(agenda: list[str]) -> dict[str, Any]:
    return {
        "description": "Regel opnemen in het Bkl",
        "safeguards": [{"text": "Rijksinstructieregel Bkl", "plan": "b"}],
        "agenda": agenda,
        "start": "2025Q1",
    }


def test_calendar_checks_read_the_amendment_rules_it_states() -> None:
    measure = {"code": "1.1.1", "text": "Een maatregel.", "steps": [_amending_step(["Q2 2027"])]}
    base = {"kind": "wbs_calendar", "measures": [measure]}
    # the defaults: earliest Bkl change Q4 2026, two years' lead time
    assert issues(validate(base)) == []
    stricter = {
        **base,
        "amendment_rules": {"lead_time": "3 jaar", "earliest_bkl_change": "2027Q3"},
    }
    assert issues(validate(stricter)) == [
        ("warning", "amvb-lead-time", "$.measures[0].steps[0].agenda"),
        ("warning", "bkl-too-early", "$.measures[0].steps[0].agenda"),
    ]
    messages = " ".join(i.message for i in validate(stricter).issues)
    assert "12 quarters" in messages
    assert "Q3 2027" in messages


def test_track_rows_and_follow_up_timings_are_checked() -> None:
    data = {
        "kind": "wbs_calendar",
        "track_rows": [
            {"track": "water_soil", "route": "programmatic", "text": "Iets", "agenda": "Q3 2026"},
            {"track": "I", "route": "IBT", "text": "Toezicht", "agenda": "Q4 2026 - Q1 2026"},
        ],
        "follow_up": [{"text": "Handreiking", "timing": "december 2023"}],
    }
    report = validate(data)
    assert issues(report) == [("error", "timing-reversed", "$.track_rows[1].agenda")]
    bad = {**data, "follow_up": [{"text": "Handreiking", "timing": "ooit"}]}
    assert issues(validate(bad)) == [
        ("error", "bad-timing", "$.follow_up[0].timing"),
    ]


def test_an_end_against_the_start_is_reported_at_its_path() -> None:
    data = {
        "kind": "discharges",
        "discharges": [
            {
                "origin": "bronnering",
                "receiver": "bodem",
                "flow": "5 m3/h",
                "duration": "25 uur",
                "start": "2021-06-01",
                "end": "2021-05-20",
            },
            {
                "origin": "bronnering",
                "receiver": "bodem",
                "flow": "5 m3/h",
                "duration": "1 uur",
                "start": "2021-06-01T08:00",
                "end": "2021-06-01T09:00",
            },
        ],
    }
    report = wb.validate(data)
    (problem,) = [i for i in report.issues if i.severity == "error"]
    assert problem.path == "$.discharges[0].end"
    assert problem.message.startswith("expected an end on or after the start 2021-06-01")


def test_a_discharge_of_a_board_without_a_ruleset_is_a_warning_not_a_crash() -> None:
    data = {
        "kind": "discharges",
        "discharges": [
            {
                "origin": "bronnering",
                "receiver": "oppervlaktewater",
                "flow": "5 m3/h",
                "duration": "1 uur",
                "suspended_solids": "10 mg/l",
                "start": "2022-06-01",
                "water_board": "Zuiderzeeland",
            },
            {
                "origin": "bodemsanering",
                "receiver": "oppervlaktewater",
                "flow": "5 m3/h",
                "duration": "1 uur",
                "measurements": {"naftaleen": "0,1 µg/l", "onopgeloste stoffen": "10 mg/l"},
                "designated_water_body": True,
                "start": "2022-06-01",
                "water_board": "de_dommel",
            },
        ],
    }
    report = wb.validate(data)
    assert report.valid
    codes = [(i.code, i.path) for i in report.issues]
    assert ("discharge-unknown-water-board", "$.discharges[0].water_board") in codes
    undecided = [i for i in report.issues if i.code == "discharge-undecided"]
    assert undecided[0].path == "$.discharges[1]"
    assert "visual_pollution" in undecided[0].message


def test_csv_columns_named_by_a_substance_are_measurements(tmp_path: Any) -> None:
    from waterbeleid.validation import load

    path = tmp_path / "sanering.csv"
    path.write_text(
        "origin,receiver,flow,duration,naftaleen [µg/l],mineral_oil,designated_water_body,start\n"
        'bodemsanering,oppervlaktewater,5 m3/h,1 week,"0,1",40 µg/l,ja,2022-06-01\n'
        "bodemsanering,oppervlaktewater,5 m3/h,1 week,,,,2022-06-01\n",
        encoding="utf-8",
    )
    assert wb.validate(path).valid
    first, second = load(path).discharges
    assert dict(first.measurements) == {
        "naphthalene": wb.concentration("0,1 µg/l"),
        "mineral_oil": wb.concentration("40 µg/l"),
    }
    assert first.designated_water_body is True
    assert dict(second.measurements) == {}
    assert second.designated_water_body is None


def test_duplicate_id_paths_count_the_rows_without_an_id() -> None:
    """The path of a repeated id names its row, whether or not earlier rows have an id."""
    row = {"origin": "bronnering", "receiver": "bodem", "flow": "1 m3/h", "duration": "1 uur"}
    data = {
        "kind": "discharges",
        "discharges": [{**row, "id": "A"}, row, row, {**row, "id": "B"}, {**row, "id": "A"}],
    }
    report = validate(data)
    duplicates = [i for i in report.issues if i.code == "duplicate-code"]
    assert [(i.path, i.message) for i in duplicates] == [
        ("$.discharges[4]", "expected unique ids, found 'A' again (first at $.discharges[0])")
    ]


@pytest.mark.parametrize(
    ("start", "duration", "late"),
    [
        ("2021-03-01T08:00", "2 dagen", False),
        ("9998-12-29T00:00", "48 uur", False),
        ("9998-12-29T06:00", "48 uur", True),  # the time of day leaves less room
        ("9998-12-29", "48 uur", False),
        ("9998-12-29", "49 uur", True),
    ],
)
def test_a_start_with_a_time_of_day_is_checked_against_the_last_day(
    start: str, duration: str, late: bool
) -> None:
    """A start with a time of day was a crash (a date minus a datetime)."""
    row = {"origin": "bronnering", "receiver": "bodem", "flow": "1 m3/h", "duration": duration}
    report = validate({"kind": "discharges", "discharges": [{**row, "start": start}]})
    codes = [(i.code, i.path) for i in report.issues if i.code == "out-of-range"]
    assert codes == ([("out-of-range", "$.discharges[0].duration")] if late else [])
