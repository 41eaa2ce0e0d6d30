"""Fixtures shared by the tests of the analyst's layer: the packaged datasets."""

from __future__ import annotations

import pytest

import waterbeleid as wb


@pytest.fixture(scope="session")
def plan() -> wb.ActionPlan:
    """The packaged VITO action plan."""
    return wb.catalogue.vito_action_plan()


@pytest.fixture(scope="session")
def calendar() -> wb.WbsCalendar:
    """The packaged WBS borgingskalender."""
    return wb.catalogue.wbs_calendar()
