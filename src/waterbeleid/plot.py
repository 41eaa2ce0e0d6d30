"""A timeline picture of a plan, a calendar or work tables (needs the ``plot`` extra).

:func:`timeline` draws a Gantt chart with matplotlib and returns its
:class:`~matplotlib.axes.Axes`, as matplotlib's own plotting functions do:

* one bar per action line (a plan), per concrete step with an agenda (a calendar: one
  segment per agenda entry), or per work table (its sessions);
* bars grouped and coloured by focus domain, lever, status, importance, theme, …;
* an open-ended bar fades out towards the horizon and ends in an arrow;
* an ongoing bar is hatched, from its start (or the left edge) to the horizon;
* a deadline is a diamond on its last quarter;
* a line whose timing is to be determined (or not given) has no bar: its row says
  *te bepalen*; a work table without recorded sessions says *no dates known*;
* the quarter of ``today`` is shaded.

Give ``today=`` to make a picture that does not change with the date. Importing this
module does not import matplotlib; :func:`timeline` does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from waterbeleid.errors import VocabularyError
from waterbeleid.quarters import PeriodLike, Quarter, Timing, TimingKind, as_timing

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = ["GROUPINGS", "timeline"]

#: The groupings :func:`timeline` accepts for each kind of record (the first is the
#: default).
GROUPINGS: dict[str, tuple[str, ...]] = {
    "action_lines": ("domain", "lever", "status", "importance", "goal"),
    "agenda": ("theme", "owner"),
    "work_tables": ("subject",),
}

#: How many quarters the horizon lies beyond the last known quarter (or today), unless
#: ``horizon=`` is given.
DEFAULT_LEAD = 4
_FADE_STEPS = 12
_LABEL_WIDTH = 52


@attrs.frozen
class _Bar:
    label: str
    group: str
    segments: tuple[Timing | None, ...]


def _x(quarter: Quarter) -> float:
    return quarter.year + (quarter.number - 1) / 4


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _check_by(kind: str, by: str | None) -> str:
    choices = GROUPINGS[kind]
    if by is None:
        return choices[0]
    if by not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise VocabularyError(f"by: expected one of {shown} for {kind}, found {by!r}")
    return by


def _line_bars(lines: Iterable[Any], plan: Any, by: str) -> list[_Bar]:
    names = {d.code: d.name for d in getattr(plan, "focus_domains", ())}
    group_of: dict[str, Callable[[Any], str]] = {
        "domain": lambda line: f"{line.domain} {names.get(line.domain, '')}".strip(),
        "lever": lambda line: line.lever.label_nl,
        "status": lambda line: line.status.label_nl,
        "importance": lambda line: line.importance.label_nl if line.importance else "onbekend",
        "goal": lambda line: line.goal,
    }
    return [
        _Bar(f"{line.code} {line.action}", group_of[by](line), (line.timing,)) for line in lines
    ]


def _agenda_bars(entries: Iterable[Any], by: str) -> list[_Bar]:
    steps: dict[tuple[str, int], list[Any]] = {}
    for entry in entries:
        steps.setdefault((entry.owner, entry.step), []).append(entry)
    bars = []
    for (owner, step), found in steps.items():
        first = found[0]
        group = (
            (first.theme.label_nl if first.theme else "zonder thema") if by == "theme" else owner
        )
        segments = tuple(e.timing for e in found)
        bars.append(_Bar(f"{owner} ({step}) {first.description}", group, segments))
    return bars


def _table_bars(tables: Iterable[Any]) -> list[_Bar]:
    bars = []
    for table in tables:
        segments = tuple(
            s.timing
            if s.timing is not None
            else (as_timing(s.date) if isinstance(s.date, dt.date) else None)
            for s in table.sessions
        )
        bars.append(_Bar(table.name, table.subject.label_nl, segments))
    return bars


def _bars(obj: Any, by: str | None) -> list[_Bar]:
    from waterbeleid.policy.actionplan import ActionLine, ActionPlan
    from waterbeleid.policy.wbs import AgendaEntry, WbsCalendar
    from waterbeleid.policy.worktables import WorkTable, WorkTableSet

    if isinstance(obj, ActionPlan):
        return _line_bars(obj.action_lines, obj, _check_by("action_lines", by))
    if isinstance(obj, WbsCalendar):
        return _agenda_bars(obj.agenda(), _check_by("agenda", by))
    if isinstance(obj, WorkTableSet):
        _check_by("work_tables", by)
        return _table_bars(obj.work_tables)
    items = list(obj) if isinstance(obj, Iterable) and not isinstance(obj, str) else None
    if items and all(isinstance(i, ActionLine) for i in items):
        return _line_bars(items, None, _check_by("action_lines", by))
    if items and all(isinstance(i, AgendaEntry) for i in items):
        return _agenda_bars(items, _check_by("agenda", by))
    if items and all(isinstance(i, WorkTable) for i in items):
        _check_by("work_tables", by)
        return _table_bars(items)
    if items == []:
        return []
    raise TypeError(
        "expected an ActionPlan, a WbsCalendar, a WorkTableSet, or a sequence of action lines, "
        f"agenda entries or work tables, found {type(obj).__name__}"
    )


def _quarter(value: PeriodLike | dt.date, what: str, last: bool) -> Quarter:
    timing = as_timing(value, what)
    found = (timing.end or timing.start) if last else (timing.start or timing.end)
    if found is None:
        raise VocabularyError(f"{what}: expected a quarter or a year, found {timing.text!r}")
    return found


def _ordered(bars: Sequence[_Bar]) -> list[tuple[str, list[_Bar]]]:
    groups: dict[str, list[_Bar]] = {}
    for bar in bars:
        groups.setdefault(bar.group, []).append(bar)
    return list(groups.items())


def timeline(
    obj: Any,
    *,
    by: str | None = None,
    today: PeriodLike | dt.date | None = None,
    horizon: PeriodLike | None = None,
    ax: matplotlib.axes.Axes | None = None,
    title: str | None = None,
    legend: bool = True,
) -> matplotlib.axes.Axes:
    """Draw a timeline (Gantt chart) of *obj* and return its matplotlib Axes.

    Args:
        obj: An :class:`~waterbeleid.policy.actionplan.ActionPlan`, a
            :class:`~waterbeleid.policy.wbs.WbsCalendar`, a
            :class:`~waterbeleid.policy.worktables.WorkTableSet`, or a sequence of action
            lines (e.g. :meth:`ActionPlan.lines
            <waterbeleid.policy.actionplan.ActionPlan.lines>`), agenda entries or work
            tables.
        by: How to group and colour the bars; see :data:`GROUPINGS` (``"domain"`` for a
            plan, ``"theme"`` for a calendar by default).
        today: The quarter to mark as now: a :class:`~waterbeleid.quarters.Quarter`, a
            :class:`datetime.date`, an ``int`` year or a quarter text; the current quarter
            when omitted.
        horizon: Where open-ended and ongoing bars fade out; by default a year after the
            last known quarter or today, whichever is later.
        ax: The Axes to draw on; a new figure sized to the number of bars when omitted.
        title: A title for the Axes.
        legend: Whether to add the legend of groups and bar styles: below a new figure, or
            to the right of the given *ax* (give its figure ``layout="constrained"`` or
            save it with ``bbox_inches="tight"`` to keep it in the picture).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import waterbeleid as wb
    >>> ax = timeline(wb.catalogue.vito_action_plan(), today="Q4 2025")
    >>> len(ax.get_yticks()), ax.get_title()
    (63, 'Actieplan VITO Kennispunt Water')

    Raises:
        TypeError: *obj* is none of these, or a period of the wrong type.
        VocabularyError: an unknown grouping.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    bars = _bars(obj, by)
    now = Quarter.today() if today is None else _quarter(today, "today", last=False)
    known = [q for b in bars for t in b.segments if t is not None for q in (t.start, t.end) if q]
    last = max([*known, now])
    first = min([*known, now])
    end = last + DEFAULT_LEAD if horizon is None else _quarter(horizon, "horizon", last=True)
    left, right = _x(first) - 0.25, _x(end) + 0.25

    groups = _ordered(bars)
    rows = sum(len(members) + 1 for _, members in groups)
    own_figure = ax is None
    if ax is None:
        fig = plt.figure(figsize=(12, max(3.0, 0.24 * rows + 2.4)), layout="constrained")
        ax = fig.add_subplot()
    palette = plt.get_cmap("tab10")
    colours = [palette(i) for i in range(10)]
    labels: list[str] = []
    bold: list[int] = []
    y = 0
    for index, (group, members) in enumerate(groups):
        colour = colours[index % len(colours)]
        bold.append(y)
        labels.append(_short(group, _LABEL_WIDTH))
        y += 1
        for bar in members:
            labels.append(_short(bar.label, _LABEL_WIDTH))
            for timing in bar.segments:
                _draw(ax, timing, y, colour, left, right)
            if not bar.segments:
                _note(ax, left, y, "no dates known")
            y += 1
        ax.axhline(y - 0.5, color="0.85", linewidth=0.6)
    ax.axvspan(_x(now), _x(now) + 0.25, color="tab:red", alpha=0.15, linewidth=0, gid="today")

    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    for position in bold:
        ax.get_yticklabels()[position].set_fontweight("bold")
    ax.set_ylim(len(labels) - 0.5, -1.2)
    years = range(math.ceil(left), math.floor(right) + 1)
    ax.set_xticks([float(y) for y in years], [str(y) for y in years])
    quarters = [y + q / 4 for y in range(math.floor(left), math.ceil(right)) for q in range(4)]
    ax.set_xticks([x for x in quarters if left <= x <= right], minor=True)
    ax.set_xlim(left, right)
    ax.grid(axis="x", which="major", color="0.8", linewidth=0.6)
    ax.tick_params(axis="y", length=0)
    ax.set_title(title if title is not None else _title(obj))
    if legend:
        handles = [
            Patch(color=colours[i % len(colours)], label=_short(g, 40))
            for i, (g, _) in enumerate(groups)
        ]
        styles = {
            "open-ended (fades to the horizon)": Patch(facecolor="0.5", alpha=0.4),
            "ongoing": Patch(facecolor="white", edgecolor="0.4", hatch="////"),
            f"today ({now})": Patch(color="tab:red", alpha=0.15),
        }
        for label, handle in styles.items():
            handle.set_label(label)
            handles.append(handle)
        if own_figure:
            ax.figure.legend(handles=handles, loc="outside lower center", fontsize=7, ncols=4)
        else:
            # beside the Axes, on the right: a figure of your own needs room for it
            # (layout="constrained", or savefig(..., bbox_inches="tight"))
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    return ax


def _draw(
    ax: matplotlib.axes.Axes, timing: Timing | None, y: int, colour: Any, left: float, right: float
) -> None:
    if timing is None or timing.kind is TimingKind.TO_BE_DETERMINED:
        _note(ax, left, y, "te bepalen")
        return
    start = None if timing.start is None else _x(timing.start)
    end = None if timing.end is None else _x(timing.end) + 0.25
    height = 0.6
    if timing.kind is TimingKind.ONGOING:
        begin = left if start is None else start
        ax.barh(
            y,
            right - begin,
            left=begin,
            height=height,
            facecolor="white",
            edgecolor=colour,
            hatch="////",
            linewidth=0.8,
        )
        _arrow(ax, y, right, colour)
    elif start is not None and end is None:  # open-ended: fade towards the horizon
        width = (right - start) / _FADE_STEPS
        for step in range(_FADE_STEPS):
            alpha = 0.9 * (1 - step / _FADE_STEPS) + 0.05
            ax.barh(
                y,
                width,
                left=start + step * width,
                height=height,
                color=colour,
                alpha=alpha,
                linewidth=0,
            )
        _arrow(ax, y, right, colour)
    elif start is None and end is not None:  # a deadline
        ax.plot([end - 0.125], [y], marker="D", color=colour, markersize=5)
    elif start is not None and end is not None:
        ax.barh(y, max(end - start, 0.25), left=start, height=height, color=colour)


def _note(ax: matplotlib.axes.Axes, left: float, y: int, text: str) -> None:
    ax.text(left + 0.05, y, text, va="center", fontsize=7, style="italic", color="0.35")


def _arrow(ax: matplotlib.axes.Axes, y: int, right: float, colour: Any) -> None:
    ax.annotate(
        "",
        xy=(right, y),
        xytext=(right - 0.35, y),
        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2},
    )


def _title(obj: Any) -> str:
    source = getattr(obj, "source", None)
    if isinstance(source, tuple):
        source = source[0] if source else None
    title = getattr(source, "title", None)
    return title if isinstance(title, str) else ""
