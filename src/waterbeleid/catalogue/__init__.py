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

Beside each YAML file the package holds its JSON twin: the same data, written by
``_write_twins()`` with a checksum of the YAML text. Reading JSON takes a fraction of the
time of parsing YAML (and spares importing PyYAML), so the loaders read the twin when its
checksum matches the YAML file, and the YAML file otherwise: an edited YAML file is never
shadowed by a stale twin (the test suite checks that the twins are current).
"""

from __future__ import annotations

import functools
import pkgutil
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


def _read(filename: str) -> bytes:
    # pkgutil rather than importlib.resources, whose import costs more than reading the file
    data = pkgutil.get_data(__name__, f"data/{filename}")
    if data is None:  # pragma: no cover - only a loader without get_data returns None
        raise CatalogueError(f"cannot read the packaged file {filename}")
    return data


def _twin_name(filename: str) -> str:
    return filename.removesuffix(".yaml") + ".json"


def _checksum(yaml_bytes: bytes) -> int:
    import zlib

    return zlib.crc32(yaml_bytes)


def raw(name: str) -> Any:
    """The packaged dataset *name* as plain data (what its YAML file holds).

    Raises:
        CatalogueError: an unknown name.
    """
    import json

    filename, _ = _check(name)
    yaml_bytes = _read(filename)
    try:
        twin = json.loads(_read(_twin_name(filename)))
    except (OSError, ValueError):  # no twin, or an unreadable one: the YAML file decides
        twin = None
    if isinstance(twin, dict) and twin.get("yaml_crc32") == _checksum(yaml_bytes):
        return twin["data"]
    from waterbeleid._io import load_text

    return load_text(yaml_bytes.decode("utf-8"), "yaml", f"waterbeleid/catalogue/data/{filename}")


def _twin_text(name: str) -> str:
    """The JSON twin of the packaged YAML file of *name*, as :func:`_write_twins` writes it."""
    import json

    from waterbeleid._io import load_text

    filename, _ = _check(name)
    yaml_bytes = _read(filename)
    data = load_text(yaml_bytes.decode("utf-8"), "yaml", filename)
    twin = {"yaml_crc32": _checksum(yaml_bytes), "data": data}
    return json.dumps(twin, ensure_ascii=False, indent=1) + "\n"


def _write_twins() -> None:  # pragma: no cover - run by hand after editing a YAML file
    """Write the JSON twin of every packaged YAML file, in a source checkout:
    ``python -c "from waterbeleid import catalogue; catalogue._write_twins()"``."""
    from pathlib import Path

    folder = Path(__file__).parent / "data"
    for name, (filename, _) in _FILES.items():
        (folder / _twin_name(filename)).write_text(_twin_text(name), encoding="utf-8")


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
