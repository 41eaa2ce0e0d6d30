"""The packaged catalogues: counts, exact values from the documents, round trips, validity."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

import waterbeleid as wb
from waterbeleid import Quarter, catalogue
from waterbeleid.catalogue import NAMES
from waterbeleid.cli import main
from waterbeleid.validation import KINDS
from waterbeleid.validation import load as load_dataset

# -- the VITO action plan (seed 002) ----------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> wb.ActionPlan:
    return catalogue.vito_action_plan()


def test_plan_counts(plan: wb.ActionPlan) -> None:
    assert [d.code for d in plan.focus_domains] == ["KP", "BW", "BT", "BM"]
    assert [len(d.operational_goals) for d in plan.focus_domains] == [4, 3, 4, 4]
    assert len(plan.action_lines) == 59
    assert plan.action_lines[0].code == "KP 1.1"
    assert plan.action_lines[-1].code == "BM 4.3"
    per_domain = {d: sum(1 for a in plan if a.domain == d) for d in ("KP", "BW", "BT", "BM")}
    assert per_domain == {"KP": 18, "BW": 12, "BT": 14, "BM": 15}


def test_plan_goals_and_levers(plan: wb.ActionPlan) -> None:
    goal = plan.goal("KP-O.D.1")
    assert goal.title.startswith("Programmatorische reductie van prioritaire stoffen")
    assert goal.lever is wb.Lever.TECHNOLOGY_INFRASTRUCTURE
    assert plan.goal("KP-O.D.2").lever is wb.Lever.FINANCE_BUSINESS_MODELS
    assert plan.goal("KP-O.D.3").lever is wb.Lever.INSTITUTIONAL_RULES
    assert plan.goal("BW-O.D.1").lever is wb.Lever.KNOWLEDGE_CAPACITY
    assert plan.goal("BM-O.D.3").lever is wb.Lever.FINANCE_BUSINESS_MODELS
    assert [a.code for a in plan.lines_of("KP-O.D.3")] == ["KP 3.1", "KP 3.2", "KP 3.3"]
    for line in plan:
        assert line.lever is plan.goal(line.goal).lever


def test_kp_1_3(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 1.3")
    assert line.status is wb.ActionStatus.PLANNING
    assert line.importance is wb.Importance.KEY
    assert line.lead == ("VMM",)
    assert line.partners == (
        "VITO Kennispunt Water",
        "VOKA",
        "UNIZO",
        "Vlaams Werkgevers Platform",
        "Boerenbond",
        "ABS",
    )
    assert line.timing is not None
    assert (line.timing.kind, line.timing.start, line.timing.end) == (
        wb.TimingKind.OPEN_ENDED,
        Quarter(2025, 3),
        None,
    )
    assert line.action.startswith("Selecteren van vijf prioritaire stoffen")


def test_kp_1_1_is_ongoing_and_supporting(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 1.1")
    assert line.timing is not None
    assert line.timing.kind is wb.TimingKind.ONGOING
    assert line.importance is wb.Importance.SUPPORTING
    assert line.lead is not None
    assert line.lead[0] == "Hub Zorgwekkende stoffen"
    assert line.lead_text is not None
    assert line.lead_text.startswith("Hub Zorgwekkende stoffen (kernteam:")


def test_kp_2_2_to_be_determined(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 2.2")
    assert line.lead is None
    assert line.partners is None
    assert (line.lead_text, line.partners_text) == ("tbd", "tbd")
    assert line.timing is not None
    assert line.timing.kind is wb.TimingKind.TO_BE_DETERMINED


def test_kp_3_2_ongoing_from_q2_2025(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 3.2")
    assert line.timing is not None
    assert (line.timing.kind, line.timing.start) == (wb.TimingKind.ONGOING, Quarter(2025, 2))
    assert line.importance is wb.Importance.KEY


def test_kp_4_3_single_quarter(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 4.3")
    assert line.timing is not None
    assert line.timing.text == "Q1, 2025"
    assert (line.timing.start, line.timing.end) == (Quarter(2025, 1), Quarter(2025, 1))
    assert line.partners == ("UGent", "Howest", "Inagro", "VITO", "Flanders' Food")


def test_bw_1_1_project(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BW 1.1")
    assert line.status is wb.ActionStatus.PROJECT
    assert line.project == "Interreg WIJ-Water"
    assert line.timing is not None
    assert (line.timing.start, line.timing.end) == (Quarter(2024, 4), Quarter(2027, 3))


def test_statuses_and_importance(plan: wb.ActionPlan) -> None:
    statuses = [a.status for a in plan]
    assert statuses.count(wb.ActionStatus.PLANNING) == 15
    assert statuses.count(wb.ActionStatus.PROJECT) == 14
    assert statuses.count(wb.ActionStatus.CORE) == 30
    assert sum(a.importance is wb.Importance.KEY for a in plan) == 19
    assert sum(a.importance is wb.Importance.SUPPORTING for a in plan) == 29
    assert sum(a.importance is None for a in plan) == 11


def test_cut_off_importance_is_read_from_its_letters_with_a_note(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BT 1.2")
    assert line.importance is wb.Importance.KEY
    assert 'zichtbaar: "Sleute"' in " ".join(line.notes)
    line = plan.action_line("BM 4.1")
    assert line.importance is wb.Importance.SUPPORTING
    assert 'zichtbaar: "O"' in " ".join(line.notes)
    # the two lines that were already read this way now carry their note too
    for code in ("BT 3.2", "BM 3.1"):
        assert any("afgekapt" in note for note in plan.action_line(code).notes), code


def test_empty_importance_cell_is_unknown(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BT 4.3")
    assert line.importance is None
    assert not line.notes


def test_leads_and_partners_one_organisation_each(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BW 2.2")
    assert line.lead == ("VMM", "VITO Kennispunt Water")
    assert line.lead_text == "VMM / VITO Kennispunt Water"
    assert plan.action_line("KP 3.3").lead == ("CIW", "VITO Kennispunt Water")
    assert plan.action_line("BW 1.3").partners == ("VUB", "VITO Kennispunt Water")
    assert plan.action_line("KP 1.2").lead == ("CIW OO&I Platform", "VITO Kennispunt Water")
    assert plan.action_line("BW 1.5").partners is not None
    assert plan.action_line("BW 1.5").partners[-2:] == ("ANB", "provincie Oost-Vlaanderen")
    assert plan.action_line("BM 1.7").partners is not None
    assert plan.action_line("BM 1.7").partners[-2:] == ("VMM", "CIW")
    # an open list ("…") is no organisation; the cell text keeps it
    line = plan.action_line("KP 3.2")
    assert line.partners == ("VITO Kennispunt Water", "B-IWA")
    assert line.partners_text == "VITO Kennispunt Water, B-IWA, …"


def test_involves_ignores_case_and_spacing(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BT 2.2")
    assert line.involves("VITO Kennispunt Water")
    assert line.involves("vito  kennispunt water")
    assert not line.involves("VITO Kennispunt Water", as_partner=False)
    assert line.involves("Water Europe", as_partner=False)
    assert not plan.action_line("KP 2.2").involves("VITO Kennispunt Water")


# -- the WBS calendar (seed 003) -------------------------------------------------------------


@pytest.fixture(scope="module")
def calendar() -> wb.WbsCalendar:
    return catalogue.wbs_calendar()


def test_calendar_counts(calendar: wb.WbsCalendar) -> None:
    assert [c.number for c in calendar.choices] == list(range(1, 34))
    themes = [c.theme for c in calendar.choices]
    assert themes.count(wb.Theme.WATER) == 14
    assert themes.count(wb.Theme.SOIL) == 6
    assert themes.count(wb.Theme.BUILT_ENVIRONMENT) == 4
    assert themes.count(wb.Theme.PEAT_MEADOWS) == 3
    assert themes.count(wb.Theme.SALINE_COAST) == 2
    assert themes.count(wb.Theme.HIGH_SANDY_SOILS) == 4
    listed = {code for c in calendar.choices for code in c.measure_codes}
    assert listed == set(calendar.measures)


def test_calendar_measure_codes(calendar: wb.WbsCalendar) -> None:
    assert calendar.choice(2).measure_codes == ("1.1.1", "1.1.1b", "1.1.2", "3.3.6")
    for code in ("1.1.1b", "1.1.14b", "1.2.11", "3.3.6", "2.0.3", "1.1.12"):
        assert code in calendar.measures, code
    assert calendar.choice(16).measure_codes == ()
    assert "2.0.1" in calendar.choice(21).measure_codes
    assert "2.0.1" in calendar.choice(22).measure_codes


def test_measure_1_1_1_steps(calendar: wb.WbsCalendar) -> None:
    measure = calendar.measures["1.1.1"]
    assert len(measure.steps) == 2
    first, second = measure.steps
    assert first.description.startswith("Provincies verzoeken tot het inzichtelijk maken")
    assert [t.text for t in first.agenda] == ["Q3 2024"]
    assert [(t.start, t.end) for t in second.agenda] == [
        (Quarter(2024, 4), Quarter(2024, 4)),
        (Quarter(2026, 4), Quarter(2026, 4)),
    ]
    assert any(s.plan is wb.SafeguardPlan.A for s in first.safeguards)


def test_measure_relations(calendar: wb.WbsCalendar) -> None:
    (relation,) = calendar.measures["1.1.5"].relations
    assert (relation.kind, relation.target) == (wb.RelationKind.PART_OF, "1.1.4")
    assert calendar.measures["1.1.1b"].relations[0].kind is wb.RelationKind.NEW_BY_MOTION


def test_choice_4_target(calendar: wb.WbsCalendar) -> None:
    targets = calendar.choice(4).targets
    drinking = [t for t in targets if t.year == 2035]
    assert len(drinking) == 1
    assert drinking[0].value == wb.parse_quantity("100 L/d")


def test_agenda_in_q4_2026(calendar: wb.WbsCalendar) -> None:
    owners = {owner for owner, _ in calendar.agenda_in(Quarter(2026, 4))}
    assert {"1.1.1", "1.1.2"} <= owners


def test_misattached_remark_is_back_in_its_toelichting(calendar: wb.WbsCalendar) -> None:
    explanation = calendar.measures["1.1.14b"].explanation
    assert explanation is not None
    assert explanation.startswith("Maatregelen niet in kamerbrief. Wet milieubeheer blijft")
    for code in ("1.1.15", "1.1.17", "1.1.18"):
        assert not any("kamerbrief" in note for note in calendar.measures[code].notes), code
    choice = calendar.choice(16)
    assert choice.explanation == "Zie maatregel 1.2.5."
    assert any("Maatregel: ontbreekt" in note for note in choice.notes)


def test_track_rows(calendar: wb.WbsCalendar) -> None:
    rows = calendar.track_rows
    assert len(rows) == 26
    assert {r.track for r in rows} == {wb.Track.INTEGRAL_SPATIAL, wb.Track.WATER_SOIL}
    nota = next(r for r in rows if r.text.startswith("Nota Ruimte"))
    assert (nota.track, nota.route) == (wb.Track.INTEGRAL_SPATIAL, wb.TrackRoute.PROGRAMMATIC)
    assert nota.agenda is not None
    assert (nota.agenda.start, nota.agenda.end) == (Quarter(2024, 2), Quarter(2024, 2))
    delta = next(r for r in rows if r.text.startswith("Nationaal Deltaprogramma fase 3"))
    assert delta.agenda is not None
    assert delta.agenda.start == Quarter(2027, 3)
    ibt = rows[-1]
    assert ibt.route is wb.TrackRoute.INTERGOVERNMENTAL_SUPERVISION
    assert ibt.agenda is not None
    assert (ibt.agenda.start, ibt.agenda.end) == (Quarter(2024, 1), Quarter(2025, 4))
    incidental = [r for r in rows if r.agenda_text == "Incidenteel karakter"]
    assert len(incidental) == 2
    assert all(r.agenda is None for r in incidental)
    irm = [r.text for r in rows if r.heading == "Programma voor integraal riviermanagement (IRM)"]
    assert irm == ["Concept programma", "Definitief programma"]


def test_follow_up_remarks_and_amendment_rules(calendar: wb.WbsCalendar) -> None:
    watertoets = calendar.follow_up[0]
    assert watertoets.topic == "Watertoets"
    assert watertoets.timing is not None
    assert (watertoets.timing.text, watertoets.timing.start) == ("december 2023", Quarter(2023, 4))
    assert len(calendar.remarks) == 5
    assert "eind 2026" in calendar.remarks[0].text
    rules = calendar.amendment_rules
    assert rules is not None
    assert rules.earliest_bkl_change == Quarter(2026, 4)
    assert rules.decisions_per_year == 2
    assert rules.lead_time == wb.duration("2 jaar")
    dates = {r.title: r.date for r in calendar.references}
    assert dates["Water Bodem Sturend (WBS) Kamerbrief"] == datetime.date(2022, 11, 25)
    assert dates["Bestuurlijk Overleg Water VRO"] == datetime.date(2023, 12, 13)


def test_first_shell_elements(calendar: wb.WbsCalendar) -> None:
    elements = calendar.shell_elements
    assert [e.number for e in elements] == [1, 2, 3, 4]
    assert {e.shell for e in elements} == {wb.Shell.ENVIRONMENT_AND_PLANNING_ACT}
    assert [e.name for e in elements][1:] == [
        "Samenhangende beleidscyclus",
        "Instrumentenmix",
        "Afwegingsruimte",
    ]


def test_targets_print_units_as_the_documents_write_them(calendar: wb.WbsCalendar) -> None:
    shown = [str(t) for c in calendar.choices for t in c.targets]
    assert any(text.endswith(": 20 jaar") for text in shown)
    assert any(text.endswith(": 20%") for text in shown)
    assert any(text.endswith(": 100 l/d (2035)") for text in shown)
    data = wb.unstructure(calendar)
    values = {t["value"] for c in data["choices"] for t in c["targets"] if t["value"]}
    assert {"20 jaar", "20%", "100 l/d"} <= values
    maxima = {t["maximum"] for m in data["measures"] for t in m["targets"] if t["maximum"]}
    assert "25 °C" in maxima


def test_shell_instruments(calendar: wb.WbsCalendar) -> None:
    shells = {i.shell for i in calendar.instruments}
    assert shells == set(wb.Shell)
    names = {i.name: i for i in calendar.instruments}
    assert names["instructieregels"].phase is wb.PolicyPhase.IMPLEMENTATION
    assert names["onteigenen"].branch is wb.LawBranch.PUBLIC
    assert names["subsidieverlening"].shell is wb.Shell.NON_LEGAL


# -- the work tables (seeds 000, 001) ---------------------------------------------------------


def test_work_tables() -> None:
    tables = catalogue.spw_work_tables()
    assert len(tables) == 5
    assert {t.subject for t in tables} == set(wb.Subject)
    groundwater = catalogue.spw_work_table_set().table(wb.Subject.GROUNDWATER)
    assert "5A_A" in groundwater.programme_codes
    assert "VMM" in groundwater.leads
    table_set = catalogue.spw_work_table_set()
    assert table_set.table(wb.Subject.RAINWATER).leads == ("VMM", "AquaFlanders", "Aquafin")
    assert table_set.table(wb.Subject.WASTEWATER).leads == ("CIW platform circulair water",)
    audit = catalogue.spw_work_table_set().table("wateraudit")
    assert "3_A" in audit.programme_codes
    process = catalogue.spw_work_table_set().process
    assert process is not None
    assert process.sessions_per_table == 5


def test_work_table_follow_up_template_and_kick_off() -> None:
    tables = catalogue.spw_work_table_set()
    assert tables.process is not None
    assert [s.title for s in tables.process.follow_up] == [
        "Opmaak van startnota’s van de verschillende bronnen en voor de wateraudit",
        "Werktafels",
        "Afstemmen van deze verschillende conceptnota’s",
    ]
    assert tables.process.follow_up[1].when == "najaar 2021"
    assert tables.process.cross_table_sessions is not None
    assert tables.process.cross_table_sessions.startswith("Eventueel")
    headings = {h.title: h for h in tables.concept_note_template}
    assert headings["Visie en beleid"].existing == ("Visie in SGBP",)
    assert headings["Visie en beleid"].parent == "Pijlers voor een toekomstig responsbeleid"
    kick_off = tables.kick_off
    assert kick_off is not None
    assert (kick_off.date, kick_off.online, kick_off.participants_about) == (
        datetime.date(2021, 6, 22),
        True,
        60,
    )
    assert len(kick_off.presentations) == 4
    (conflict,) = tables.conflicts
    assert conflict.subject == "participant_rule"
    assert len(conflict.statements) == 2


# -- every catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(name: str) -> None:
    dataset = catalogue.load(name)
    data = wb.unstructure(dataset)
    assert wb.structure(data, type(dataset)) == dataset


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_dump_revalidates_and_reloads_equal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, fmt: str
) -> None:
    assert main(["catalogue", name, "--format", fmt]) == 0
    path = tmp_path / f"{name}.{fmt}"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    report = wb.validate(path)
    assert report.errors == (), [str(i) for i in report.errors]
    reloaded = load_dataset(path)
    assert reloaded == catalogue.load(name)
    assert type(reloaded) is type(catalogue.load(name))


def counts() -> dict[tuple[str, str], int]:
    """What the packaged catalogues hold, by catalogue and thing counted."""
    plan, calendar, tables = (catalogue.load(name) for name in NAMES)
    steps = [step for _, step in calendar.steps()]
    process = tables.process
    return {
        ("vito_action_plan", "focus domains"): len(plan.focus_domains),
        ("vito_action_plan", "operational goals"): len(plan.operational_goals),
        ("vito_action_plan", "action lines"): len(plan.action_lines),
        ("vito_action_plan", "key actions (Sleutelactie)"): sum(a.is_key for a in plan),
        ("vito_action_plan", "supporting actions (Ondersteunend)"): sum(
            a.importance is wb.Importance.SUPPORTING for a in plan
        ),
        ("vito_action_plan", "lines without a relative importance"): sum(
            a.importance is None for a in plan
        ),
        ("vito_action_plan", "importances read from a cut-off cell"): sum(
            any(n.startswith("Relatief belang afgekapt") for n in a.notes) for a in plan
        ),
        ("vito_action_plan", "lead entries"): sum(len(a.lead or ()) for a in plan),
        ("vito_action_plan", "partner entries"): sum(len(a.partners or ()) for a in plan),
        ("vito_action_plan", "lines naming VITO Kennispunt Water"): sum(
            a.involves("VITO Kennispunt Water") for a in plan
        ),
        ("wbs_calendar", "structuring choices"): len(calendar.choices),
        ("wbs_calendar", "measures"): len(calendar.measures),
        ("wbs_calendar", "measure codes listed under the choices"): sum(
            len(c.measure_codes) for c in calendar.choices
        ),
        ("wbs_calendar", "concrete steps"): len(steps),
        ("wbs_calendar", "agenda entries of the steps"): sum(len(s.agenda) for s in steps),
        ("wbs_calendar", "quantitative targets"): sum(len(c.targets) for c in calendar.choices)
        + sum(len(m.targets) for m in calendar.measures.all),
        ("wbs_calendar", "instruments of the shell model"): len(calendar.instruments),
        ("wbs_calendar", "elements of the first shell"): len(calendar.shell_elements),
        ("wbs_calendar", "track rows"): len(calendar.track_rows),
        ("wbs_calendar", "track rows with an agenda period"): sum(
            r.agenda is not None for r in calendar.track_rows
        ),
        ("wbs_calendar", "follow-up actions (Voorstel vervolg)"): len(calendar.follow_up),
        ("wbs_calendar", "remarks (Opmerkingen en overwegingen)"): len(calendar.remarks),
        ("wbs_calendar", "references (letters, documents, meetings)"): len(calendar.references),
        ("spw_work_tables", "work tables"): len(tables.work_tables),
        ("spw_work_tables", "existing measures (Wat is er al?)"): sum(
            len(t.existing_measures) for t in tables.work_tables
        ),
        ("spw_work_tables", "discussion topics"): sum(len(t.topics) for t in tables.work_tables),
        ("spw_work_tables", "general items (Wat is er al?)"): len(tables.general),
        ("spw_work_tables", "concept-note template headings"): len(tables.concept_note_template),
        ("spw_work_tables", "follow-up steps"): len(process.follow_up) if process else 0,
        ("spw_work_tables", "kick-off presentations"): len(tables.kick_off.presentations),
        ("spw_work_tables", "kick-off remarks"): len(tables.kick_off.remarks),
        ("spw_work_tables", "conflicts between the sources"): len(tables.conflicts),
    }


def test_count_table_in_the_docs_matches_the_data() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs/reference/catalogue.rst").read_text(
        encoding="utf-8"
    )
    rows = re.findall(
        r"^   \* - ``([a-z_]+)``\n     - (.+)\n     - (\d+)$", page, flags=re.MULTILINE
    )
    documented = {(name, what): int(count) for name, what, count in rows}
    assert documented == counts()


@pytest.mark.parametrize("name", NAMES)
def test_packaged_file_validates_without_errors(name: str) -> None:
    report = wb.validate(catalogue.raw(name))
    assert report.valid, [str(i) for i in report.errors]
    assert report.kind in KINDS


def test_unknown_catalogue() -> None:
    with pytest.raises(wb.CatalogueError, match="vito_action_plan"):
        catalogue.load("nope")


def _conforms(value: Any, schema: dict[str, Any], defs: dict[str, Any], path: str) -> list[str]:
    """The places where *value* breaks *schema* (the subset of JSON Schema the dataset
    schemas use: $ref, anyOf, const, enum, type, properties, required, items)."""
    if "$ref" in schema:
        return _conforms(value, defs[schema["$ref"].rsplit("/", 1)[1]], defs, path)
    if "anyOf" in schema:
        options = [_conforms(value, option, defs, path) for option in schema["anyOf"]]
        return [] if any(not o for o in options) else min(options, key=len)
    if "const" in schema:
        return [] if value == schema["const"] else [f"{path}: not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} not among the enum values"]
    kind = schema.get("type")
    python = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    if kind == "null":
        return [] if value is None else [f"{path}: expected null"]
    if kind in python:
        ok = isinstance(value, python[kind]) and not (kind != "boolean" and value is True)
        return [] if ok else [f"{path}: expected {kind}, found {value!r}"]
    if kind == "array":
        if not isinstance(value, list):
            return [f"{path}: expected an array"]
        return [
            e
            for i, v in enumerate(value)
            for e in _conforms(v, schema["items"], defs, f"{path}[{i}]")
        ]
    if kind == "object":
        if not isinstance(value, dict):
            return [f"{path}: expected an object"]
        errors = [f"{path}: unknown key {k!r}" for k in value if k not in schema["properties"]]
        errors += [f"{path}: missing {k!r}" for k in schema["required"] if k not in value]
        for key, item in value.items():
            if key in schema["properties"]:
                errors += _conforms(item, schema["properties"][key], defs, f"{path}.{key}")
        return errors
    return []


@pytest.mark.parametrize("name", NAMES)
def test_dump_conforms_to_the_json_schema_of_its_kind(name: str) -> None:
    from waterbeleid.validation.schema import json_schema

    data = json.loads(json.dumps(wb.unstructure(catalogue.load(name)), ensure_ascii=False))
    schema = json_schema(data["kind"])
    assert _conforms(data, schema, schema["$defs"], "$") == []
    assert _conforms({**data, "extra": 1}, schema, schema["$defs"], "$") == [
        "$: unknown key 'extra'"
    ]
    described = {
        "vito_action_plan": {"ActionLine"},
        "wbs_calendar": {
            "TrackRow",
            "FollowUpAction",
            "Remark",
            "AmendmentRules",
            "Reference",
            "ShellElement",
        },
        "spw_work_tables": {
            "KickOff",
            "ProcessStep",
            "ConceptNoteHeading",
            "SourceConflict",
            "Statement",
        },
    }[name]
    assert described <= set(schema["$defs"])
