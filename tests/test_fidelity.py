"""The packaged catalogues against the text of their source documents.

Each test reads the document itself (see ``_seeds.py``) and compares; comparisons ignore
whitespace, hyphens and dashes, which the text extraction broke or dropped.
"""

from __future__ import annotations

import functools
import re

import pytest

import waterbeleid as wb
from _seeds import document_name, squash, squashed, text
from waterbeleid import catalogue

PLAN = catalogue.vito_action_plan()
CALENDAR = catalogue.wbs_calendar()
TABLES = catalogue.spw_work_table_set()


def in_document(number: str, value: str) -> bool:
    return squash(value) in squashed(number)


# -- the VITO action plan (002) ---------------------------------------------------------------

_LINE_CODE = re.compile(r"(?m)^[ \t]*(KP|BW|BT|BM)[ \t]*\n?[ \t]*(\d)\.(\d)[ \t]*$")
_TABLE_END = re.compile(r"(?m)^\s*(?:(?:KP|BW|BT|BM)-O\.D\.|FOCUSDOMEIN|OUTRO)")
# The column "Relatief belang" comes out one or two letters a line ("Sl", "e", "u", "te"),
# the first piece sometimes at the end of the timing line ("... Q1 2026. Sl").
_LETTERS = re.compile(r"(?m)^[ \t]*([A-Za-z]{1,2}|-)[ \t]*$|(?<=\S) (Sl|St|On|O)[ \t]*$")


@functools.cache
def importance_cells() -> dict[str, str]:
    """Action-line code -> the letters its *Relatief belang* cell shows, in order."""
    doc = text("002")
    heads = list(_LINE_CODE.finditer(doc))
    cells = {}
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(doc)
        stop = _TABLE_END.search(doc, head.end(), end)
        block = doc[head.end() : stop.start() if stop else end]
        letters = "".join(m[1] or m[2] for m in _LETTERS.finditer(block))
        cells[f"{head[1]} {head[2]}.{head[3]}"] = letters
    return cells


def test_every_action_line_has_an_importance_cell() -> None:
    assert list(importance_cells()) == [line.code for line in PLAN.action_lines]


@pytest.mark.parametrize("code", [line.code for line in PLAN.action_lines])
def test_importance_is_what_the_cell_shows(code: str) -> None:
    line = PLAN.action_line(code)
    letters = importance_cells()[code]
    cut_off_notes = [n for n in line.notes if n.startswith("Relatief belang afgekapt")]
    if not letters:
        assert line.importance is None
        assert not cut_off_notes
        return
    try:
        full = wb.Importance.parse(letters.replace("-", ""))
    except wb.VocabularyError:
        full = None
    if full is not None:
        assert line.importance is full
        assert not cut_off_notes
    else:
        # a cut-off cell: the visible letters decide, and a note keeps them
        assert line.importance is not None
        assert line.importance is wb.Importance.from_cut_off(letters)
        note = (
            f'Relatief belang afgekapt in het document, zichtbaar: "{letters}"; '
            f"gelezen als {line.importance.label_nl}"
        )
        assert cut_off_notes == [note]


#: Entries whose words contain a list separator of the splitting rule: a name with "en"
#: in it, an elliptic compound ("landbouw- en natuuractoren" is not "landbouw-" and
#: "natuuractoren"), and a group whose quoted name holds "&".
NAMES_WITH_A_SEPARATOR = {
    "Regionaal Landschap Schelde en Durme",
    "landbouw- en natuuractoren",
    "Leden expert Group 'Groundwater & healthy soils'",
}


@pytest.mark.parametrize("code", [line.code for line in PLAN.action_lines])
def test_leads_and_partners_are_names_of_their_cells(code: str) -> None:
    line = PLAN.action_line(code)
    for names, cell in ((line.lead, line.lead_text), (line.partners, line.partners_text)):
        assert cell is not None
        assert in_document("002", cell), cell
        for name in names or ():
            # each entry is one name of its cell, written as the document writes it
            assert squash(name).casefold() in squash(cell).casefold(), (name, cell)
            assert in_document("002", name), name
            if name not in NAMES_WITH_A_SEPARATOR:
                assert not re.search(r",| en | / |/| \+ | & |^\(|\)$|…|\.\.\.$", name), name
            assert name.count("(") == name.count(")"), name


def test_filtering_on_vito_kennispunt_water_finds_every_line_that_names_it() -> None:
    named = {
        (line.code, role)
        for line in PLAN.action_lines
        for role, cell in (("lead", line.lead_text), ("partner", line.partners_text))
        if cell and "kennispunt water" in " ".join(cell.split()).casefold()
    }
    found = {(line.code, "lead") for line in PLAN if "VITO Kennispunt Water" in (line.lead or ())}
    found |= {
        (line.code, "partner") for line in PLAN if "VITO Kennispunt Water" in (line.partners or ())
    }
    assert found == named
    assert len({code for code, _ in named}) == sum(
        line.involves("VITO Kennispunt Water") for line in PLAN
    )


def test_the_document_writes_vito_kennispunt_water_in_full() -> None:
    # no abbreviation ("VITO KPW", "Kennispunt Water" alone) stands for it in a cell
    cells = " ".join(f"{line.lead_text} {line.partners_text}" for line in PLAN)
    before = set(re.findall(r"(\S+)\s+Kennispunt\s+Water", cells, flags=re.IGNORECASE))
    assert before == {"VITO", "(VITO", "Vito"}
    assert "KPW" not in text("002")


# -- the WBS calendar (003): every Toelichting, measure by measure --------------------------

_MEASURE = re.compile(r"^\s*Maatregel\s+(\d+\.\d+\.\d+[a-z]?)\.")
_OWN_STEPS = re.compile(r"^\s*Maatregel:?\s+(?:zie structurerende keuze\s+\d+|ontbreekt)")
_CHOICE = re.compile(r"^\s*Structurerende keuze (\d+)\s*$")
_SECTION = re.compile(
    r"^\s*(\d+\.\d+(\.\d+)?\s+\S|\d\.\s+(Water en Bodem|Bebouwd gebied|Gebieden))"
)


@functools.cache
def explanations() -> dict[str, str]:
    """Owner (measure code, or ``"SK n"`` for a choice's own steps) -> its Toelichting, as
    the document gives it at the owner's first listing (empty when the heading is bare)."""
    found: dict[str, str] = {}
    choice = owner = None
    lines = text("003").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Structurerende keuze 1"))
    index = start
    while index < len(lines):
        line = lines[index]
        if match := _CHOICE.match(line):
            choice = match[1]
        elif match := _MEASURE.match(line):
            owner = match[1]
        elif _OWN_STEPS.match(line):
            owner = f"SK {choice}"
        elif line.strip().startswith("Toelichting:"):
            words = [line.strip().removeprefix("Toelichting:").strip()]
            index += 1
            while index < len(lines) and not (
                _MEASURE.match(lines[index])
                or _CHOICE.match(lines[index])
                or _SECTION.match(lines[index])
            ):
                words.append(lines[index].strip())
                index += 1
            if owner is not None and owner not in found:
                found[owner] = " ".join(w for w in words if w)
            owner = None
            continue
        index += 1
    return found


def test_every_toelichting_has_an_owner_in_the_calendar() -> None:
    owners = set(explanations())
    measures = set(CALENDAR.measures)
    choices = {f"SK {c.number}" for c in CALENDAR.choices if c.steps or c.explanation}
    assert owners <= measures | choices | {"SK 13"}
    assert measures - owners == {"3.1.1"}  # 3.1.1 shares the table of 3.1.5


@pytest.mark.parametrize("code", list(CALENDAR.measures))
def test_measure_explanation_is_its_toelichting(code: str) -> None:
    expected = explanations().get(code, "")
    found = CALENDAR.measures[code].explanation
    if not expected:
        assert found is None
    else:
        assert found is not None
        assert squash(found) == squash(expected)


@pytest.mark.parametrize("number", [c.number for c in CALENDAR.choices])
def test_choice_explanation_is_its_toelichting(number: int) -> None:
    expected = explanations().get(f"SK {number}", "")
    found = CALENDAR.choice(number).explanation
    if not expected:
        assert found is None
    else:
        assert found is not None
        assert squash(found) == squash(expected)


def test_notes_repeat_no_sentence_of_another_measures_toelichting() -> None:
    sentences = {
        (owner, squash(sentence))
        for owner, explanation in explanations().items()
        for sentence in re.split(r"(?<=\.)\s+", explanation)
        if len(sentence) > 10
    }
    for measure in CALENDAR.measures.all:
        for note in measure.notes:
            for owner, sentence in sentences:
                if owner != measure.code:
                    assert sentence not in squash(note), (measure.code, owner, note)


# -- the WBS calendar (003): the context around the tables ---------------------------------


@pytest.mark.parametrize("row", CALENDAR.track_rows, ids=lambda r: r.text[:30])
def test_track_row_as_written(row: wb.TrackRow) -> None:
    assert in_document("003", row.text), row.text
    if row.heading is not None:
        assert in_document("003", row.heading)
    if row.agenda is not None:
        assert in_document("003", row.agenda.text)
    if row.agenda_text is not None:
        assert in_document("003", row.agenda_text)
        assert row.agenda is None


def test_track_tables() -> None:
    assert {row.track for row in CALENDAR.track_rows} == set(wb.Track)
    for track in wb.Track:
        assert in_document("003", track.label_nl)
    dated = [row for row in CALENDAR.track_rows if row.agenda is not None]
    assert len(dated) > 0.75 * len(CALENDAR.track_rows)
    assert "Realiseerbaar in 2024/25" in {row.agenda.text for row in dated if row.agenda}


@pytest.mark.parametrize("action", CALENDAR.follow_up, ids=lambda a: a.text[:30])
def test_follow_up_action_as_written(action: wb.FollowUpAction) -> None:
    written = " – ".join(p for p in (action.topic, action.text) if p)
    assert in_document("003", written) or in_document("003", f"{action.topic}: {action.text}")
    if action.timing is not None:
        assert in_document("003", action.timing.text)


def test_remarks_references_rules_and_shell_elements_as_written() -> None:
    for remark in CALENDAR.remarks:
        assert in_document("003", remark.text), remark.text[:40]
    for reference in CALENDAR.references:
        assert reference.text is not None
        assert in_document("003", reference.text)
        assert squash(reference.title) in squash(reference.text)
    rules = CALENDAR.amendment_rules
    assert rules is not None
    for quote in (
        rules.lead_time_text,
        rules.earliest_bkl_change_text,
        *rules.decisions_per_year_text,
    ):
        assert quote is not None
        assert in_document("003", quote)
    for element in CALENDAR.shell_elements:
        assert in_document("003", f"({element.number}) {element.name}")
        if element.figure_label:
            assert in_document("003", element.figure_label)


# -- the SPW work tables (000, 001) -----------------------------------------------------------


def test_work_table_leads_are_names_on_their_slides() -> None:
    for table in TABLES.work_tables:
        for name in table.leads:
            assert in_document("000", name), name
            assert not re.search(r" / | en | \+ ", name), name
        for note in table.lead_notes:
            assert in_document("000", note), note
    wastewater = TABLES.table(wb.Subject.WASTEWATER)
    assert not any("VWP" in name for name in wastewater.leads)
    assert any("tandem publiek – privaat: VMM-VWP" in note for note in wastewater.lead_notes)


def test_work_table_context_as_written() -> None:
    assert TABLES.process is not None
    for step in TABLES.process.follow_up:
        assert step.document == document_name("000")
        for words in (step.title, *step.details):
            assert in_document("000", words), words
    assert TABLES.process.cross_table_sessions is not None
    assert in_document("001", TABLES.process.cross_table_sessions)
    for heading in TABLES.concept_note_template:
        assert in_document("000", heading.title)
        assert set(heading.existing) <= set(TABLES.general)
    kick_off = TABLES.kick_off
    assert kick_off is not None
    assert kick_off.document == document_name("001")
    for words in (kick_off.participants_text or "", *kick_off.presentations, *kick_off.remarks):
        assert in_document("001", words), words


def test_participation_rule_conflict_keeps_both_texts_and_sources() -> None:
    (conflict,) = [c for c in TABLES.conflicts if c.subject == "participant_rule"]
    sources = {s.document: s.text for s in conflict.statements}
    assert set(sources) == {document_name("000"), document_name("001")}
    assert in_document("000", sources[document_name("000")])
    assert in_document("001", sources[document_name("001")])
    assert TABLES.process is not None
    assert TABLES.process.participant_rule == sources[document_name("001")]
