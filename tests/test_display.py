"""Notebook-friendly objects: short reprs and HTML tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

import waterbeleid as wb
from waterbeleid._display import REPR_LIMIT


def _records(obj: Any) -> Iterator[Any]:
    """Every attrs record inside *obj*, *obj* included."""
    yield obj
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        items = getattr(value, "all", value)
        if isinstance(items, tuple):
            for item in items:
                if attrs.has(type(item)) and not isinstance(item, wb.Timing):
                    yield from _records(item)
        elif attrs.has(type(items)) and not isinstance(items, (wb.Timing, wb.Quarter)):
            yield from _records(items)


def test_every_repr_is_short_and_says_what_it_is() -> None:
    seen = 0
    for name in wb.catalogue.NAMES:
        for record in _records(wb.catalogue.load(name)):
            text = repr(record)
            assert len(text) <= REPR_LIMIT, text
            assert text.startswith(f"<{type(record).__name__}")
            seen += 1
    assert seen > 400


def test_container_reprs_count_what_they_hold() -> None:
    assert repr(wb.catalogue.vito_action_plan()) == (
        "<ActionPlan 'Actieplan VITO Kennispunt Water': 4 focus domains, 59 action lines>"
    )
    calendar = repr(wb.catalogue.wbs_calendar())
    assert "33 choices, 55 measures" in calendar
    line = repr(wb.catalogue.vito_action_plan().action_line("BW 1.5"))
    assert line.startswith("<ActionLine BW 1.5: goal='BW-O.D.1', lever=knowledge_capacity")


def test_html_views_are_tables_with_escaped_text() -> None:
    plan = wb.catalogue.vito_action_plan()
    view = plan._repr_html_()
    assert view.startswith("<table>")
    assert view.count("<tr>") == 11  # the header and the first ten lines
    assert "… and 49 more rows" in view
    line = attrs.evolve(plan.action_lines[0], action="<script>alert(1)</script>")
    assert "&lt;script&gt;" in line._repr_html_()
    assert "<script>" not in line._repr_html_()
    selection = plan.lines(lever="knowledge_capacity")
    assert selection._repr_html_().count("<tr>") == min(len(selection), 10) + 1
    assert wb.catalogue.wbs_calendar().choices[0]._repr_html_().startswith("<table>")


def test_assessment_shows_its_verdict_first() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="vuilwaterriool",
            flow="6 m3/h",
            duration="2 weken",
            suspended_solids="100 mg/l",
            start=dt.date(2021, 5, 3),
        )
    )
    text = repr(result)
    assert text.startswith("<Assessment: allowed=False, authority=municipality")
    assert len(text) <= REPR_LIMIT
    assert "1 violations" in text
