"""Tables of the plans: records, pandas DataFrames, the round trip back to records."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import attrs
import pandas as pd
import pytest

import waterbeleid as wb
from _rulesets import open_2021
from waterbeleid import tables
from waterbeleid.quarters import Quarter


def test_action_plan_table_has_59_rows_with_quarterly_periods(plan: wb.ActionPlan) -> None:
    frame = plan.to_pandas()
    assert frame.shape[0] == 59
    for column in ("code", "lever", "status", "importance", "timing_text", "start", "end"):
        assert column in frame.columns
    assert str(frame["start"].dtype) == "period[Q-DEC]"
    assert str(frame["end"].dtype) == "period[Q-DEC]"
    row = frame.set_index("code").loc["BW 1.1"]
    line = plan.action_line("BW 1.1")
    assert line.timing is not None
    assert line.timing.start is not None
    start = line.timing.start
    assert row["start"] == pd.Period(year=start.year, quarter=start.number, freq="Q")
    assert row["lever"] == line.lever.value
    # "Doorlopend" has neither start nor end: missing, not a made-up quarter
    ongoing = frame.set_index("code").loc["KP 1.1"]
    assert ongoing["timing_text"] == "Doorlopend"
    assert pd.isna(ongoing["start"])
    assert pd.isna(ongoing["end"])


def test_records_have_the_same_keys_and_keep_lists(plan: wb.ActionPlan) -> None:
    records = plan.to_records()
    assert len(records) == 59
    assert list(records[0]) == list(plan.to_pandas().columns)
    line = plan.action_line("KP 1.3")
    row = next(r for r in records if r["code"] == "KP 1.3")
    assert row["lead"] == list(line.lead or ())
    assert isinstance(row["start"], Quarter)
    assert row["end"] is None
    assert row["timing_kind"] == "open_ended"
    unknown = next(r for r in records if plan.action_line(r["code"]).importance is None)
    assert unknown["importance"] is None


def test_round_trip_from_records_and_from_pandas(plan: wb.ActionPlan) -> None:
    assert tables.from_records(plan.to_records(), wb.ActionLine) == plan.action_lines
    assert tables.from_pandas(plan.to_pandas(), wb.ActionLine) == plan.action_lines
    goals = plan.to_pandas("operational_goals")
    assert tables.from_pandas(goals, wb.OperationalGoal) == plan.operational_goals


def test_round_trip_of_other_tables(calendar: wb.WbsCalendar) -> None:
    assert tables.from_records(calendar.to_records("instruments"), wb.Instrument) == (
        calendar.instruments
    )
    work = wb.catalogue.spw_work_table_set()
    existing = tuple(m for t in work.work_tables for m in t.existing_measures)
    assert tables.from_pandas(work.to_pandas("existing_measures"), wb.ExistingMeasure) == existing
    agenda = calendar.to_pandas("agenda")
    timings = tuple(e.timing for e in calendar.agenda())
    assert tables.from_pandas(agenda, wb.Timing) == timings
    assert str(agenda["choice_number"].dtype) == "Int64"  # whole numbers, some missing
    assert tables.from_pandas(agenda, wb.AgendaEntry) == tuple(calendar.agenda())
    steps = calendar.to_pandas("steps")
    assert str(steps["start"].dtype) == "period[Q-DEC]"  # a quarter column, though empty


def test_round_trip_rejects_a_start_that_disagrees_with_the_text(plan: wb.ActionPlan) -> None:
    rows = plan.to_records()
    rows[4]["start"] = Quarter(2030, 1)
    with pytest.raises(wb.StructureError, match=r"\$\[4\]\.start: Q1 2030 disagrees with"):
        tables.from_records(rows, wb.ActionLine)


def test_round_trip_names_the_row_of_a_bad_value(plan: wb.ActionPlan) -> None:
    rows = plan.to_records()
    rows[2]["lever"] = "courage"
    with pytest.raises(wb.StructureError, match=r"\$\[2\]\.lever"):
        tables.from_records(rows, wb.ActionLine)


def test_calendar_tables_join(calendar: wb.WbsCalendar) -> None:
    agenda = calendar.to_pandas("agenda")
    entries = sum(len(step.agenda) for _, step in calendar.steps())
    assert len(agenda) == entries
    for column in ("measure_code", "start", "end", "timing_text"):
        assert column in agenda.columns
    keys = ["choice_number", "measure_code", "step"]
    steps = calendar.to_pandas("steps")
    assert not steps.duplicated(keys).any()
    joined = agenda.merge(steps, on=keys, how="left", suffixes=("", "_step"), validate="m:1")
    assert len(joined) == entries
    assert (joined["description"] == joined["description_step"]).all()
    measures = calendar.to_pandas("measures")
    with_measure = agenda.dropna(subset=["measure_code"])
    assert set(with_measure["measure_code"]) <= set(measures["code"])
    choice_steps = agenda[agenda["measure_code"].isna()]
    assert set(choice_steps["choice_number"].astype(int)) <= {c.number for c in calendar.choices}
    assert len(calendar.to_pandas("choices")) == 33


def test_every_table_of_every_catalogue_builds(calendar: wb.WbsCalendar) -> None:
    for name in wb.catalogue.NAMES:
        dataset = wb.catalogue.load(name)
        for table in dataset.table_names():
            frame = dataset.to_pandas(table)
            assert list(frame.columns) == list(tables.rows_and_columns(dataset, table)[1])
    sessions = wb.catalogue.spw_work_table_set().to_pandas("sessions")
    assert len(sessions) == 0
    assert "work_table_subject" in sessions.columns


def test_unknown_table_and_wrong_objects(calendar: wb.WbsCalendar) -> None:
    with pytest.raises(tables.TableError, match="expected a table among measures, choices"):
        calendar.to_pandas("nothing")
    with pytest.raises(tables.TableError, match="found str"):
        tables.to_records("plan")
    with pytest.raises(tables.TableError, match="one waterbeleid type"):
        tables.to_records([calendar.choices[0], calendar.instruments[0]])


@attrs.frozen(kw_only=True)
class FollowUp:
    """A record type of the kind a dataset may gain: no code, a timing of another name."""

    text: str
    due: wb.Timing | None = None


@attrs.frozen(kw_only=True)
class TrackRow:
    code: str
    owners: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


@attrs.frozen(kw_only=True)
class Book:
    tracks: tuple[TrackRow, ...] = ()


def test_a_new_record_type_gets_its_table_without_code() -> None:
    book = Book(
        tracks=(
            TrackRow(
                code="T1",
                owners=("IenW", "LVVN"),
                follow_ups=(FollowUp(text="a", due=wb.parse_timing("Q4 2026")), FollowUp(text="b")),
            ),
        )
    )
    assert tables.table_names(book) == ("tracks", "follow_ups")
    assert tables.to_records(book) == [{"code": "T1", "owners": ["IenW", "LVVN"]}]
    rows = tables.to_records(book, "follow_ups")
    assert rows[0] == {
        "track_code": "T1",
        "follow_up": 1,
        "text": "a",
        "due_text": "Q4 2026",
        "due_kind": "span",
        "due_start": Quarter(2026, 4),
        "due_end": Quarter(2026, 4),
    }
    assert rows[1]["due_text"] is None
    assert rows[1]["follow_up"] == 2
    assert tables.from_records(rows, FollowUp) == book.tracks[0].follow_ups


def _assessments() -> list[wb.Assessment]:
    return [
        wb.assess(
            wb.DischargeActivity(
                origin="bronnering",
                receiver="oppervlaktewater",
                flow="20 m3/h",
                duration="3 weken",
                suspended_solids="30 mg/l",
                start=dt.date(2021, 5, 3),
                id="R-1",
            )
        ),
        wb.assess(
            wb.DischargeActivity(
                origin="bronnering",
                receiver="vuilwaterriool",
                flow="6 m3/h",
                duration="2 weken",
                suspended_solids="100 mg/l",
                start=dt.date(2021, 5, 3),
            )
        ),
    ]


def test_table_of_assessments() -> None:
    results = _assessments()
    rows = tables.to_records(results)
    first, second = rows
    assert list(first)[:4] == ["id", "verdict", "allowed", "violations"]
    assert first["id"] == "R-1"
    assert first["allowed"] is True
    assert first["water_board_obligation"] == "notification"
    assert first["volume_m3"] == pytest.approx(20 * 21 * 24)
    assert first["levy_eur"] == results[0].levy() == Decimal("605.81")
    assert first["flow_m3_per_h"] == 20.0
    assert first["duration_h"] == 504.0
    assert first["report_deadline"] == results[0].report_deadline
    assert second["allowed"] is False
    assert second["violations"] == [str(v) for v in results[1].violations]
    expected_units = {
        "volume_m3": "m³",
        "levy_eur": "EUR",
        "flow_m3_per_h": "m³/h",
        "duration_h": "h",
        "suspended_solids_mg_per_l": "mg/l",
        "iron_mg_per_l": "mg/l",
    }
    assert expected_units.items() <= tables.column_units(first).items()
    frame = tables.to_pandas(results)
    assert frame.shape == (2, len(first))


def test_levy_that_cannot_be_known_is_explained() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="20 m3/h",
            duration="3 weken",
            suspended_solids="30 mg/l",
        ),
        ruleset=open_2021(),
    )
    row = tables.to_records([result])[0]
    assert row["levy_eur"] is None
    assert "start date" in row["levy_note"]


def test_importing_waterbeleid_stays_cheap() -> None:
    heavy = ("pandas", "matplotlib", "openpyxl", "icalendar", "numpy", "pint")
    code = (
        "import sys, waterbeleid as wb\n"
        "wb.plot, wb.tables, wb.export\n"
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
