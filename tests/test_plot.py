"""The timeline picture: renders without warnings, marks what it says it marks."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

import waterbeleid as wb
from waterbeleid.cli import main
from waterbeleid.plot import timeline
from waterbeleid.quarters import TimingKind


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield None
    plt.close("all")


@pytest.mark.parametrize("name", wb.catalogue.NAMES)
def test_timeline_renders_every_catalogue_without_warnings(name: str, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = timeline(wb.catalogue.load(name), today="Q4 2025")
        ax.figure.savefig(tmp_path / f"{name}.svg")  # type: ignore[union-attr]
    assert isinstance(ax, Axes)
    assert (tmp_path / f"{name}.svg").read_text(encoding="utf-8").startswith("<?xml")


def _texts(ax: Axes, text: str) -> int:
    return sum(1 for t in ax.texts if t.get_text() == text)


def test_plan_bars_show_open_ongoing_and_undetermined_lines() -> None:
    plan = wb.catalogue.vito_action_plan()
    ax = timeline(plan, today="Q4 2025")
    kinds = [line.timing.kind if line.timing else None for line in plan.action_lines]
    undetermined = sum(1 for k in kinds if k in (None, TimingKind.TO_BE_DETERMINED))
    assert _texts(ax, "te bepalen") == undetermined
    running = sum(1 for k in kinds if k in (TimingKind.OPEN_ENDED, TimingKind.ONGOING))
    arrows = [t for t in ax.texts if getattr(t, "arrowprops", None)]
    assert len(arrows) == running
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == kinds.count(TimingKind.ONGOING)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 59 + len(plan.focus_domains)
    assert labels[0] == "KP Ketenaanpak van polluenten"
    assert labels[1].startswith("KP 1.1 ")


def test_today_is_marked_where_asked() -> None:
    ax = timeline(wb.catalogue.vito_action_plan(), today="Q4 2025")
    spans = [p for p in ax.patches if p.get_gid() == "today"]
    assert len(spans) == 1
    span = spans[0]
    assert isinstance(span, Rectangle)
    assert (span.get_x(), span.get_x() + span.get_width()) == (2025.75, 2026.0)
    legend = ax.figure.legends[0]  # type: ignore[union-attr]
    assert "today (Q4 2025)" in [t.get_text() for t in legend.get_texts()]


def test_grouping_colours_and_a_given_axes() -> None:
    _fig, ax = plt.subplots(layout="constrained")
    lines = wb.catalogue.vito_action_plan().lines(lever="kennis- en capaciteitsopbouw")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        returned = timeline(lines, by="status", ax=ax, today=2026, horizon=2030, title="Kennis")
        _fig.savefig(io.BytesIO(), format="png")
    assert returned is ax
    assert ax.get_title() == "Kennis"
    assert ax.get_xlim()[1] == pytest.approx(2031.0)  # the end of Q4 2030
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert set(bold) == {line.status.label_nl for line in lines}
    assert ax.get_legend() is not None


def test_calendar_steps_have_one_segment_per_entry() -> None:
    calendar = wb.catalogue.wbs_calendar()
    ax = timeline(calendar.agenda(within="2027"), by="owner", today=2026)
    bars = [
        p
        for p in ax.patches
        if isinstance(p, Rectangle) and not p.get_hatch() and p.get_gid() != "today"
    ]
    entries = calendar.agenda(within="2027")
    closed = [e for e in entries if e.timing.start is not None and e.timing.end is not None]
    assert len(bars) == len(closed)


def test_bad_arguments() -> None:
    plan = wb.catalogue.vito_action_plan()
    with pytest.raises(wb.VocabularyError, match="by: expected one of 'domain', 'lever'"):
        timeline(plan, by="colour")
    with pytest.raises(TypeError, match="today: expected a Quarter"):
        timeline(plan, today=2025.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected an ActionPlan, a WbsCalendar"):
        timeline([1, 2, 3])


def test_cli_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.svg"
    assert main(["timeline", "vito_action_plan", "-o", str(out), "--today", "Q4 2025"]) == 0
    assert "<svg" in out.read_text(encoding="utf-8")
    assert main(["timeline", "wbs_calendar", "-o", str(tmp_path / "c.png"), "--by", "owner"]) == 0
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    assert main(["timeline", "vito_action_plan", "-o", str(tmp_path / "x.xyz")]) == 2
    assert "is not supported" in capsys.readouterr().err
    assert main(["timeline", "vito_action_plan", "-o", str(out), "--by", "theme"]) == 2
