"""The packaged catalogues: counts, exact values from the documents, round trips, validity."""

from __future__ import annotations

import pytest

import waterbeleid as wb
from waterbeleid import Quarter, catalogue
from waterbeleid.catalogue import NAMES
from waterbeleid.validation import KINDS

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
    assert line.lead[0].startswith("Hub Zorgwekkende stoffen")


def test_kp_2_2_to_be_determined(plan: wb.ActionPlan) -> None:
    line = plan.action_line("KP 2.2")
    assert line.lead is None
    assert line.partners is None
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
    assert sum(a.importance is wb.Importance.KEY for a in plan) == 11
    assert sum(a.importance is None for a in plan) == 24


def test_cut_off_importance_is_unknown_with_a_note(plan: wb.ActionPlan) -> None:
    line = plan.action_line("BT 1.2")
    assert line.importance is None
    assert any("afgekapt" in note for note in line.notes)


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
    audit = catalogue.spw_work_table_set().table("wateraudit")
    assert "3_A" in audit.programme_codes
    process = catalogue.spw_work_table_set().process
    assert process is not None
    assert process.sessions_per_table == 5


# -- every catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(name: str) -> None:
    dataset = catalogue.load(name)
    data = wb.unstructure(dataset)
    assert wb.structure(data, type(dataset)) == dataset


@pytest.mark.parametrize("name", NAMES)
def test_packaged_file_validates_without_errors(name: str) -> None:
    report = wb.validate(catalogue.raw(name))
    assert report.valid, [str(i) for i in report.errors]
    assert report.kind in KINDS


def test_unknown_catalogue() -> None:
    with pytest.raises(wb.CatalogueError, match="vito_action_plan"):
        catalogue.load("nope")
