"""The four tasks of an analyst, each in one or two lines, as the how-to guide shows them."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import openpyxl
import pytest

import waterbeleid as wb

matplotlib.use("Agg")


def test_lines_of_a_lever_that_start_in_2026(plan: wb.ActionPlan) -> None:
    found = plan.lines(lever="kennis- en capaciteitsopbouw", starts_in=2026)
    assert [line.code for line in found] == [
        "KP 4.1",
        "BW 1.2",
        "BW 1.3",
        "BW 1.5",
        "BM 4.1",
        "BM 4.3",
    ]
    assert all(
        line.timing and line.timing.start and line.timing.start.year == 2026 for line in found
    )


def test_agenda_due_before_2027(calendar: wb.WbsCalendar) -> None:
    due = calendar.agenda(before=2027)
    assert len(due) == 124
    assert all(entry.due is not None and entry.due.year < 2027 for entry in due)


def test_a_timeline_picture(plan: wb.ActionPlan, tmp_path: Path) -> None:
    ax = wb.plot.timeline(plan, by="lever", today=wb.Quarter(2026, 4))
    ax.figure.savefig(tmp_path / "plan.svg")  # type: ignore[union-attr]
    assert (tmp_path / "plan.svg").stat().st_size > 10_000
    plt.close("all")


def test_an_excel_export_of_the_plan(plan: wb.ActionPlan, tmp_path: Path) -> None:
    wb.export.write_xlsx(plan, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["action_lines"]
    assert sheet.max_row == 1 + 59
    assert [c.value for c in sheet[1]][:3] == ["code", "domain", "goal"]


def test_a_selection_is_written_under_a_plural_name(calendar: wb.WbsCalendar) -> None:
    assert list(wb.export.sheets(calendar.agenda(before=2025))) == ["agenda_entries"]
    with pytest.raises(wb.tables.TableError, match="tables= is for containers"):
        wb.export.sheets(calendar.agenda(), tables=["x"])


def test_the_guide_draws_three_distinct_pictures() -> None:
    # matplotlib's plot directive numbers its pictures per reST parse: plot directives in
    # separate eval-rst blocks of a Markdown page all become "analysis-1.svg" and overwrite
    # each other, so the page must keep them in one block.
    guide = (Path(__file__).resolve().parent.parent / "docs" / "howto" / "analysis.md").read_text(
        encoding="utf-8"
    )
    blocks = [b.split("```", 1)[0] for b in guide.split("```{eval-rst}")[1:]]
    with_plots = [b for b in blocks if ".. plot::" in b]
    assert len(with_plots) == 1
    assert with_plots[0].count(".. plot::") == 3
    for name in ("vito_action_plan()", "wbs_calendar()", "spw_work_table_set()"):
        assert f"wb.plot.timeline(wb.catalogue.{name}" in with_plots[0]
