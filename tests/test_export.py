"""CSV, Excel and iCalendar files: what a spreadsheet or a calendar program reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs
import icalendar
import openpyxl
import pytest

import waterbeleid as wb
from waterbeleid import export
from waterbeleid.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STAMP = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+3,5", "+3,5"),
        ("-1.5e3", "-1.5e3"),
        ("VMM", "VMM"),
        ("Q3 2025 -", "Q3 2025 -"),
        ("", ""),
    ],
)
def test_neutralise_formula_like_cells(text: str, written: str) -> None:
    assert export.neutralise(text) == written


def _plan_with_formula(plan: wb.ActionPlan) -> wb.ActionPlan:
    line = attrs.evolve(plan.action_lines[0], action='=HYPERLINK("http://evil")', lead=("@VMM",))
    return attrs.evolve(plan, action_lines=(line, *plan.action_lines[1:]))


def test_csv_of_the_plan(plan: wb.ActionPlan) -> None:
    text = export.write_csv(_plan_with_formula(plan))
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 59
    assert rows[0]["action"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["lead"] == "'@VMM"
    line = plan.action_line("BW 2.3")
    row = next(r for r in rows if r["code"] == "BW 2.3")
    assert row["partners"] == "; ".join(line.partners or ())
    assert next(r for r in rows if r["code"] == "KP 1.5")["start"] == "2026Q2"
    assert next(r for r in rows if r["code"] == "KP 1.1")["start"] == ""


def test_csv_needs_one_table(calendar: wb.WbsCalendar, tmp_path: Path) -> None:
    path = tmp_path / "agenda.csv"
    export.write_csv(calendar, path, table="agenda")
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert len(rows) == len(calendar.agenda())
    with pytest.raises(wb.tables.TableError, match="expected one table"):
        export.write_csv({"a": [{"x": 1}], "b": [{"x": 2}]})


def test_xlsx_of_the_plan(plan: wb.ActionPlan, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    export.write_xlsx(_plan_with_formula(plan), path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(plan.table_names())
    assert book.sheetnames[:3] == ["action_lines", "focus_domains", "operational_goals"]
    sheet = book["action_lines"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["code", "domain", "goal", "lever"]
    assert sheet.max_row == 60
    action = sheet.cell(row=2, column=header.index("action") + 1)
    assert action.data_type == "s"
    assert action.value == '\'=HYPERLINK("http://evil")'
    start = sheet.cell(row=6, column=header.index("start") + 1).value
    assert start == "2026Q2"
    assert sheet.freeze_panes == "A2"


def test_xlsx_of_assessments_names_units(tmp_path: Path) -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="20 m3/h",
            duration="3 weken",
            suspended_solids="30 mg/l",
            start=dt.date(2021, 5, 3),
        )
    )
    path = tmp_path / "a.xlsx"
    export.write_xlsx([result], path)
    sheet = openpyxl.load_workbook(path)["assessments"]
    header = [c.value for c in sheet[1]]
    for label in ("volume [m³]", "levy [EUR]", "flow [m³/h]", "suspended_solids [mg/l]"):
        assert label in header
    levy = sheet.cell(row=2, column=header.index("levy [EUR]") + 1).value
    assert levy == pytest.approx(605.81)
    deadline = sheet.cell(row=2, column=header.index("report_deadline") + 1).value
    assert deadline.date() == result.report_deadline


def _closed_entries(calendar: wb.WbsCalendar) -> list[wb.AgendaEntry]:
    return [e for e in calendar.agenda() if e.timing.end is not None]


def test_ics_of_the_calendar_parses_one_event_per_closed_entry(
    calendar: wb.WbsCalendar,
) -> None:
    data = export.to_ics(calendar, name="wbs_calendar", stamp=STAMP)
    parsed = icalendar.Calendar.from_ical(data)
    found = parsed.walk("VEVENT")
    closed = _closed_entries(calendar)
    assert len(found) == len(closed)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)
    for event, entry in zip(found, closed, strict=True):
        assert entry.timing.end is not None
        assert event.decoded("DTSTART") == entry.timing.end.last_day
        assert event.decoded("DTEND") == entry.timing.end.last_day + dt.timedelta(days=1)
    first = found[0]
    description = str(first["DESCRIPTION"])
    assert "Structuring choice 1" in description
    assert "Instruments: Herijking Deltabeslissing 2026" in description
    assert "Source: Borgingskalender Water en Bodem Sturend" in description


def test_ics_uids_are_stable_across_exports(calendar: wb.WbsCalendar) -> None:
    first = icalendar.Calendar.from_ical(export.to_ics(calendar, name="wbs_calendar", stamp=STAMP))
    later = icalendar.Calendar.from_ical(
        export.to_ics(calendar, name="wbs_calendar", stamp=STAMP + dt.timedelta(days=40))
    )
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in later.walk("VEVENT")
    ]
    assert all("@waterbeleid" in str(e["UID"]) for e in first.walk("VEVENT"))


def test_ics_of_the_plan_has_one_milestone_per_line_with_an_end(plan: wb.ActionPlan) -> None:
    parsed = icalendar.Calendar.from_ical(export.to_ics(plan, stamp=STAMP))
    found = parsed.walk("VEVENT")
    ending = [line for line in plan.action_lines if line.timing and line.timing.end]
    assert len(found) == len(ending)
    assert str(found[0]["UID"]) == f"action_plan/{ending[0].code.replace(' ', '-')}/end@waterbeleid"
    assert "Lever:" in str(found[0]["DESCRIPTION"])


def test_ics_filters_and_rejects(calendar: wb.WbsCalendar) -> None:
    before = export.events(calendar, before=2025)
    assert len(before) == len(calendar.agenda(before=2025))
    selection = export.events(calendar.agenda(within="2026"), name="x")
    assert all(e.uid.startswith("x/") for e in selection)
    with pytest.raises(TypeError, match="expected a WbsCalendar"):
        export.events([1, 2])
    with pytest.raises(wb.WaterbeleidError, match="time zone"):
        export.to_ics(calendar, stamp=dt.datetime(2026, 1, 1))


# -- the command line ------------------------------------------------------------------------


def test_cli_catalogue_csv_and_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["catalogue", "vito_action_plan", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 59
    assert main(["catalogue", "wbs_calendar", "--format", "csv", "--table", "steps"]) == 0
    assert "measure_code" in capsys.readouterr().out.splitlines()[0]
    out = tmp_path / "calendar.xlsx"
    assert main(["catalogue", "wbs_calendar", "--format", "xlsx", "-o", str(out)]) == 0
    assert "agenda" in openpyxl.load_workbook(out).sheetnames
    assert main(["catalogue", "wbs_calendar", "--format", "xlsx"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    assert main(["catalogue", "wbs_calendar", "--format", "csv", "--table", "nope"]) == 2
    assert "expected a table among" in capsys.readouterr().err
    assert main(["catalogue", "wbs_calendar", "--table", "steps"]) == 2


def test_cli_agenda(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "wbs.ics"
    assert main(["agenda", "wbs_calendar", "--format", "ics", "-o", str(out)]) == 0
    parsed = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(parsed.walk("VEVENT")) == len(_closed_entries(wb.catalogue.wbs_calendar()))
    assert main(["agenda", "wbs_calendar", "--before", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(wb.catalogue.wbs_calendar().agenda(before=2025))
    assert lines == sorted(lines, key=lambda text: text[:10])
    assert main(["agenda", "vito_action_plan", "--format", "csv", "--within", "2026"]) == 0
    assert capsys.readouterr().out.startswith("day,summary,uid,description")
    assert main(["agenda", "wbs_calendar", "--before", "soon"]) == 2
    assert "found 'soon'" in capsys.readouterr().err
    own = str(EXAMPLES / "wbs_calendar.yaml")
    assert main(["agenda", own, "--format", "ics", "-o", str(out)]) == 0
    assert "wbs_calendar/" in out.read_text(encoding="utf-8")


def test_cli_validate_and_assess_as_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    broken = str(EXAMPLES / "broken" / "action_plan.yaml")
    assert main(["validate", broken, "--format", "xlsx", "-o", str(out)]) == 1
    sheet = openpyxl.load_workbook(out)["issues"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["file", "valid", "severity"]
    assert sheet.max_row > 1
    assert main(["validate", broken, "-o", str(out)]) == 2
    out = tmp_path / "assessments.xlsx"
    discharges = str(EXAMPLES / "discharges.csv")
    assert main(["assess", discharges, "--format", "xlsx", "-o", str(out)]) == 0
    header = [c.value for c in openpyxl.load_workbook(out)["assessments"][1]]
    assert "volume [m³]" in header
