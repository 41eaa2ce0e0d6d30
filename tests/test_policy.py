"""The policy model: vocabularies, validators, normalisation."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.policy.actionplan import normalise_action_code


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("technologie & infrastructuur", wb.Lever.TECHNOLOGY_INFRASTRUCTURE),
        ("financiering & businessmodellen", wb.Lever.FINANCE_BUSINESS_MODELS),
        ("institutionele regels", wb.Lever.INSTITUTIONAL_RULES),
        ("kennis- en capaciteitsopbouw", wb.Lever.KNOWLEDGE_CAPACITY),
        ("kennis en capaciteitsopbouw", wb.Lever.KNOWLEDGE_CAPACITY),
        ("KNOWLEDGE_CAPACITY", wb.Lever.KNOWLEDGE_CAPACITY),
    ],
)
def test_levers_parse_from_the_document_labels(text: str, member: wb.Lever) -> None:
    assert wb.Lever.parse(text) is member


def test_importance_and_status_labels() -> None:
    assert wb.Importance.KEY.label_nl == "Sleutelactie"
    assert wb.Importance.SUPPORTING.label_nl == "Ondersteunend"
    assert wb.Importance.parse("Steutelactie") is wb.Importance.KEY  # the document's typo
    assert {s.value for s in wb.ActionStatus} == {"planning", "project", "core"}


def test_theme_members() -> None:
    assert [t.name for t in wb.Theme] == [
        "WATER",
        "SOIL",
        "BUILT_ENVIRONMENT",
        "PEAT_MEADOWS",
        "SALINE_COAST",
        "HIGH_SANDY_SOILS",
    ]
    assert wb.Theme.parse("Laagveengebieden") is wb.Theme.PEAT_MEADOWS


def test_shells() -> None:
    assert [s.number for s in wb.Shell] == [1, 2, 3]
    assert wb.Shell.parse("Omgevingswet") is wb.Shell.ENVIRONMENT_AND_PLANNING_ACT
    assert not wb.Shell.NON_LEGAL.is_legal
    instrument = wb.Instrument(
        name="onteigenen", shell=wb.Shell.OTHER_LEGAL, branch=wb.LawBranch.PUBLIC
    )
    assert instrument.is_legal


@pytest.mark.parametrize(
    ("raw", "code"),
    [("BW 1.5", "BW 1.5"), ("bw1.5", "BW 1.5"), ("KP 4. 2", "KP 4.2"), ("KP-1.1", "KP 1.1")],
)
def test_action_codes_are_normalised(raw: str, code: str) -> None:
    assert normalise_action_code(raw) == code


def line(**kw: object) -> wb.ActionLine:
    base: dict[str, object] = {
        "code": "kp1.1",
        "goal": "KP-O.D.1",
        "lever": wb.Lever.TECHNOLOGY_INFRASTRUCTURE,
        "status": wb.ActionStatus.PLANNING,
        "action": "Inventariseren.",
    }
    base.update(kw)
    return wb.ActionLine(**base)  # type: ignore[arg-type]


def test_action_line_fields() -> None:
    a = line(timing=wb.parse_timing("Q3 2025- …"), importance=wb.Importance.KEY, lead=("VMM",))
    assert a.code == "KP 1.1"
    assert a.domain == "KP"
    assert a.is_key
    assert a.lead == ("VMM",)
    assert a.partners is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.code = "KP 1.2"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "Actie 1"),
        ("goal", "KP O.D.1"),
        ("action", "   "),
        ("lead", ("VMM", "")),
        ("lead", ["VMM"]),
        ("lever", "technology_infrastructure"),
    ],
)
def test_action_line_validators(field: str, value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        line(**{field: value})


def test_measure_code_validator() -> None:
    wb.Measure(code="1.1.1b", text="x")
    with pytest.raises(ValueError, match="measure code"):
        wb.Measure(code="1.1", text="x")


def test_measures_mapping_keeps_duplicates_visible() -> None:
    a, b = wb.Measure(code="1.1.1", text="a"), wb.Measure(code="1.1.1", text="b")
    measures = wb.Measures([a, b])
    assert len(measures) == 1
    assert measures["1.1.1"] is a
    assert measures.all == (a, b)
    calendar = wb.WbsCalendar(measures=[a])
    assert calendar.measures["1.1.1"] is a
    assert wb.WbsCalendar(measures=calendar.measures).measures == calendar.measures


def test_concrete_step_amends_amvb() -> None:
    step = wb.ConcreteStep(
        description="x", safeguards=(wb.Safeguard(text="Rijksinstructieregels in Bkl"),)
    )
    assert step.amends_amvb
    assert not wb.ConcreteStep(description="x", implementation=("omgevingsplan",)).amends_amvb


def test_work_table_lookup() -> None:
    table = wb.WorkTable(subject=wb.Subject.GROUNDWATER, name="Bevoorrading uit grondwater")
    tables = wb.WorkTableSet(work_tables=(table,))
    assert tables.table("grondwater") is table
    with pytest.raises(KeyError):
        tables.table(wb.Subject.RAINWATER)


@pytest.mark.parametrize(
    ("letters", "reading"),
    [
        ("Sleu", wb.Importance.KEY),
        ("Sl", wb.Importance.KEY),
        ("Sleutect", wb.Importance.KEY),  # pieces lost in the middle
        ("St e u te", wb.Importance.KEY),  # the document's typo "Steutelactie"
        ("O", wb.Importance.SUPPORTING),
        ("On", wb.Importance.SUPPORTING),
        ("Ondernen", wb.Importance.SUPPORTING),
        ("Onder-steunen", wb.Importance.SUPPORTING),
        ("o n d er", wb.Importance.SUPPORTING),
        ("", None),
        ("  ", None),
        ("e", None),  # not how either value starts
        ("Sx", None),  # fits neither
        ("Ol", None),
    ],
)
def test_importance_from_cut_off_letters(letters: str, reading: wb.Importance | None) -> None:
    assert wb.Importance.from_cut_off(letters) is reading


@given(st.sampled_from(list(wb.Importance)), st.data())
def test_every_prefix_of_a_label_reads_as_that_label(
    member: wb.Importance, data: st.DataObject
) -> None:
    label = member.label_nl
    cut = data.draw(st.integers(1, len(label)))
    assert wb.Importance.from_cut_off(label[:cut]) is member
