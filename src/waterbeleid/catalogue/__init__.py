"""The source documents as packaged, validated datasets.

>>> from waterbeleid import catalogue
>>> len(catalogue.vito_action_plan().action_lines)
59
>>> len(catalogue.wbs_calendar().choices)
33
>>> [t.subject.value for t in catalogue.spw_work_tables()]
['groundwater', 'rainwater', 'surface_water', 'wastewater', 'water_audit']

Each loader reads its YAML file from the installed package once and caches the
result; the objects are frozen, so sharing them is safe.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Final

from waterbeleid.errors import CatalogueError, StructureError
from waterbeleid.policy import ActionPlan, WbsCalendar, WorkTable, WorkTableSet

__all__ = [
    "NAMES",
    "load",
    "raw",
    "spw_work_table_set",
    "spw_work_tables",
    "vito_action_plan",
    "wbs_calendar",
]

#: Catalogue name -> (data file, class of its dataset).
_FILES: Final[dict[str, tuple[str, type]]] = {
    "vito_action_plan": ("vito_action_plan.yaml", ActionPlan),
    "wbs_calendar": ("wbs_calendar.yaml", WbsCalendar),
    "spw_work_tables": ("spw_work_tables.yaml", WorkTableSet),
}

#: The names of the packaged catalogues.
NAMES: Final[tuple[str, ...]] = tuple(_FILES)


def _check(name: str) -> tuple[str, type]:
    if name not in _FILES:
        raise CatalogueError(f"expected a catalogue name among {', '.join(NAMES)}, found {name!r}")
    return _FILES[name]


def raw(name: str) -> Any:
    """The packaged dataset *name* as plain data (what its YAML file holds).

    Raises:
        CatalogueError: an unknown name.
    """
    from waterbeleid._io import load_text

    filename, _ = _check(name)
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return load_text(text, "yaml", f"waterbeleid/catalogue/data/{filename}")


@functools.cache
def load(name: str) -> Any:
    """The packaged dataset *name* as objects
    (:class:`~waterbeleid.policy.actionplan.ActionPlan`,
    :class:`~waterbeleid.policy.wbs.WbsCalendar`,
    :class:`~waterbeleid.policy.worktables.WorkTableSet`).

    Raises:
        CatalogueError: an unknown name, or a packaged file that does not load.
    """
    from waterbeleid.serialize import structure

    _, cls = _check(name)
    try:
        return structure(raw(name), cls, what=f"packaged catalogue {name}")
    except StructureError as exc:  # pragma: no cover - the test suite loads every catalogue
        raise CatalogueError(str(exc)) from exc


def vito_action_plan() -> ActionPlan:
    """The VITO Kennispunt Water action plan (Kortrijk, 12 September 2025): 4 focus
    domains and all 59 action lines in document order."""
    plan: ActionPlan = load("vito_action_plan")
    return plan


def wbs_calendar() -> WbsCalendar:
    """The *Water en Bodem Sturend* borgingskalender (2024): 33 structuring choices,
    their measures with concrete steps, and the instruments of the shell model."""
    calendar: WbsCalendar = load("wbs_calendar")
    return calendar


def spw_work_table_set() -> WorkTableSet:
    """The work tables of the Flemish strategic planning of water supply, with their
    process and the general 'what is already there' items."""
    tables: WorkTableSet = load("spw_work_tables")
    return tables


def spw_work_tables() -> tuple[WorkTable, ...]:
    """The five work tables: groundwater, rainwater, surface water, wastewater, water audit."""
    return spw_work_table_set().work_tables
