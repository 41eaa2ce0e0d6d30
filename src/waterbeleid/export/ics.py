"""The agenda in a calendar: iCalendar (RFC 5545) events for agenda entries and milestones.

Each agenda entry of a WBS calendar with a closed quarter (a known end) becomes one
all-day event on the last day of that quarter; each action line of a plan with a known
end becomes one event on the last day of its end quarter. Entries without an end
(open-ended, ongoing, to be determined) have no day and are left out.

Every event has a UID made from the dataset's name, the measure or line, the step and the
period, never from the time of export: importing a newer export again updates the events
instead of adding copies.

>>> import waterbeleid as wb
>>> found = events(wb.catalogue.wbs_calendar(), name="wbs_calendar")
>>> len(found), found[0].day, found[0].uid
(146, datetime.date(2026, 12, 31), 'wbs_calendar/SK-1/step-1/2026Q1-2026Q4@waterbeleid')
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

import attrs

from waterbeleid._version import __version__
from waterbeleid.errors import WaterbeleidError
from waterbeleid.quarters import PeriodLike, Timing, as_timing, is_due

__all__ = ["UID_DOMAIN", "CalendarEvent", "events", "to_ics", "write_ics"]

#: The right-hand side of every UID (RFC 5545 recommends a domain-like name).
UID_DOMAIN = "waterbeleid"


@attrs.frozen(kw_only=True)
class CalendarEvent:
    """One all-day event, before it becomes iCalendar text.

    Attributes:
        uid: Its stable identifier.
        day: The day it falls on (the last day of the quarter it is due).
        summary: A one-line title.
        description: The measure or line, the step, the instruments and the source.
        categories: Labels such as the theme or the lever.
    """

    uid: str
    day: dt.date
    summary: str
    description: str
    categories: tuple[str, ...] = ()


def _period_key(timing: Timing) -> str:
    start, end = timing.start, timing.end
    if end is None:  # pragma: no cover - only closed entries become events
        return "open"
    return end.iso if start is None or start == end else f"{start.iso}-{end.iso}"


def _source_line(source: Any) -> str | None:
    if source is None:
        return None
    parts = [source.title]
    extra = [str(x) for x in (getattr(source, "publisher", None), getattr(source, "date", None))]
    extra = [x for x in extra if x and x != "None"]
    if extra:
        parts.append(f"({', '.join(extra)})")
    return "Source: " + " ".join(parts)


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug(text: str) -> str:
    return "-".join(text.split())


def _agenda_events(calendar: Any, entries: Iterable[Any], name: str) -> list[CalendarEvent]:
    seen: Counter[str] = Counter()
    found = []
    source = getattr(calendar, "source", None)
    for entry in entries:
        end = entry.timing.end
        if end is None:
            continue
        base = f"{name}/{_slug(entry.owner)}/step-{entry.step}/{_period_key(entry.timing)}"
        seen[base] += 1
        uid = base + (f"-{seen[base]}" if seen[base] > 1 else "") + f"@{UID_DOMAIN}"
        lines = []
        if entry.measure_code is not None:
            measure = calendar.measures.get(entry.measure_code) if calendar else None
            text = f": {_short(measure.text, 300)}" if measure is not None else ""
            lines.append(f"Measure {entry.measure_code}{text}")
        else:
            choice = calendar.choice(entry.choice_number) if calendar else None
            text = f": {_short(choice.text, 300)}" if choice is not None else ""
            lines.append(f"Structuring choice {entry.choice_number}{text}")
        lines.append(f"Step {entry.step}: {entry.description}")
        if entry.implementation:
            lines.append("Instruments: " + "; ".join(entry.implementation))
        step = entry.concrete_step
        if step is not None and step.safeguards:
            lines.append("Safeguards: " + "; ".join(s.text for s in step.safeguards))
        lines.append(f"Agenda: {entry.timing.text}")
        if entry.theme is not None:
            lines.append(f"Theme: {entry.theme.value} ({entry.theme.label_nl})")
        source_line = _source_line(source)
        if source_line:
            lines.append(source_line)
        found.append(
            CalendarEvent(
                uid=uid,
                day=end.last_day,
                summary=_short(f"{entry.owner}: {entry.description}"),
                description="\n".join(lines),
                categories=tuple(c for c in ("WBS", entry.theme and entry.theme.label_nl) if c),
            )
        )
    return found


def _line_events(plan: Any, lines: Iterable[Any], name: str) -> list[CalendarEvent]:
    found = []
    source = getattr(plan, "source", None)
    for line in lines:
        timing = line.timing
        if timing is None or timing.end is None:
            continue
        details = [f"Action line {line.code}: {line.action}"]
        if line.output:
            details.append(f"Output: {line.output}")
        if line.lead:
            details.append("Lead: " + "; ".join(line.lead))
        if line.partners:
            details.append("Partners: " + "; ".join(line.partners))
        details.append(f"Lever: {line.lever.value} ({line.lever.label_nl})")
        details.append(f"Timing: {timing.text}")
        source_line = _source_line(source)
        if source_line:
            details.append(source_line)
        found.append(
            CalendarEvent(
                uid=f"{name}/{_slug(line.code)}/end@{UID_DOMAIN}",
                day=timing.end.last_day,
                summary=_short(f"{line.code} due: {line.output or line.action}"),
                description="\n".join(details),
                categories=(line.domain, line.lever.label_nl),
            )
        )
    return found


def events(
    obj: Any,
    *,
    name: str | None = None,
    before: PeriodLike | None = None,
    within: PeriodLike | None = None,
) -> list[CalendarEvent]:
    """The events of a calendar's agenda or a plan's action-line milestones.

    Args:
        obj: A :class:`~waterbeleid.policy.wbs.WbsCalendar` (its agenda), an
            :class:`~waterbeleid.policy.actionplan.ActionPlan` (the end of each line), or a
            selection of agenda entries or action lines (then without the calendar's texts
            and source).
        name: The name of the dataset in the UIDs; its ``kind`` when omitted. Give the
            same name on every export of the same dataset.
        before: Only entries due before this period (see
            :meth:`WbsCalendar.agenda <waterbeleid.policy.wbs.WbsCalendar.agenda>`); for a
            plan, lines that end before it.
        within: Only entries (lines) whose period overlaps this one.

    Raises:
        TypeError: *obj* is none of these.
    """
    from waterbeleid.policy.actionplan import ActionLine, ActionPlan
    from waterbeleid.policy.wbs import AgendaEntry, WbsCalendar

    label = name or getattr(obj, "kind", None) or "waterbeleid"
    if isinstance(obj, WbsCalendar):
        return _agenda_events(obj, obj.agenda(before=before, within=within), label)
    if isinstance(obj, ActionPlan):
        return _line_events(obj, _due(obj.action_lines, before, within), label)
    items = list(obj) if isinstance(obj, Iterable) else None
    if items is not None and all(isinstance(i, AgendaEntry) for i in items):
        return _agenda_events(None, _due(items, before, within), label)
    if items is not None and all(isinstance(i, ActionLine) for i in items):
        return _line_events(None, _due(items, before, within), label)
    raise TypeError(
        "expected a WbsCalendar, an ActionPlan, or agenda entries or action lines, "
        f"found {type(obj).__name__}"
    )


def _due(items: Iterable[Any], before: PeriodLike | None, within: PeriodLike | None) -> Any:
    """The items (lines or entries) with a known end, due before *before* and overlapping
    *within*, as :meth:`WbsCalendar.agenda <waterbeleid.policy.wbs.WbsCalendar.agenda>`
    counts them."""
    limit = None if before is None else as_timing(before, "before")
    period = None if within is None else as_timing(within, "within")
    for item in items:
        timing = item.timing
        if timing is not None and timing.end is not None and is_due(timing, limit, period):
            yield item


def to_ics(
    obj: Any,
    *,
    name: str | None = None,
    before: PeriodLike | None = None,
    within: PeriodLike | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The events of :func:`events` as an iCalendar file (needs the ``calendar`` extra).

    Args:
        obj: What :func:`events` accepts.
        name: The dataset's name in the UIDs (see :func:`events`).
        before: See :func:`events`.
        within: See :func:`events`.
        stamp: The ``DTSTAMP`` of every event (when the file was made); now when omitted.

    >>> import datetime, icalendar, waterbeleid as wb
    >>> data = to_ics(wb.catalogue.wbs_calendar(), name="wbs_calendar",
    ...               stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    >>> parsed = icalendar.Calendar.from_ical(data)
    >>> len(parsed.walk("VEVENT"))
    146
    """
    from icalendar import Calendar, Event

    when = stamp or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise WaterbeleidError("stamp: expected a datetime with a time zone, found a naive one")
    calendar = Calendar()
    calendar.add("prodid", f"-//waterbeleid//waterbeleid {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    label = name or getattr(obj, "kind", None)
    if label:
        calendar.add("x-wr-calname", str(label))
    for found in events(obj, name=name, before=before, within=within):
        event = Event()
        event.add("uid", found.uid)
        event.add("dtstamp", when.astimezone(dt.UTC))
        event.add("dtstart", found.day)
        event.add("dtend", found.day + dt.timedelta(days=1))
        event.add("summary", found.summary)
        event.add("description", found.description)
        if found.categories:
            event.add("categories", list(found.categories))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_ics(obj: Any, file: str | os.PathLike[str] | IO[bytes], **options: Any) -> None:
    """Write :func:`to_ics` to a path or a binary file; *options* as :func:`to_ics` takes."""
    data = to_ics(obj, **options)
    if isinstance(file, (str, os.PathLike)):
        with open(file, "wb") as handle:
            handle.write(data)
    else:
        file.write(data)
