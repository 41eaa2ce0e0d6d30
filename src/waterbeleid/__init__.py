"""waterbeleid: a typed, unit-aware model of Flemish and Dutch water policy.

All public names are importable from here::

    import waterbeleid as wb

    wb.Quarter.parse("Q3 2024")
    wb.parse_timing("Doorlopend vanaf Q2 2025")
    wb.flow("5 m3 per uur")
    wb.catalogue.vito_action_plan().lines(lever="kennis- en capaciteitsopbouw", active_in=2026)

Importing the package is cheap: each public name is imported from its module on first
use (so ``import waterbeleid`` loads neither attrs, cattrs nor pint), and pint's unit
registry and the cattrs converter are built when first needed.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

from waterbeleid._version import __version__

if TYPE_CHECKING:
    from waterbeleid import catalogue, export, plot, tables
    from waterbeleid._display import Selection
    from waterbeleid.discharge import (
        PARAMETER_TABLE,
        Assessment,
        Authority,
        DischargeActivity,
        DischargeSet,
        LevyKind,
        Measurements,
        Obligation,
        Origin,
        Receiver,
        Ruleset,
        Violation,
        assess_many,
        rulesets,
    )
    from waterbeleid.discharge.assess import assess  # the function, not its module
    from waterbeleid.errors import (
        CatalogueError,
        DatasetError,
        OpenTimingError,
        OutOfRangeError,
        OutputError,
        QuarterValueError,
        RulesetError,
        StructureError,
        TariffNotFoundError,
        TimingParseError,
        UnitError,
        VocabularyError,
        WaterbeleidError,
    )
    from waterbeleid.policy import (
        ActionLine,
        ActionPlan,
        ActionStatus,
        AgendaEntry,
        AmendmentRules,
        ConceptNoteHeading,
        ConcreteStep,
        ExistingMeasure,
        FocusDomain,
        FollowUpAction,
        Importance,
        Instrument,
        KickOff,
        LawBranch,
        Lever,
        Measure,
        Measures,
        OperationalGoal,
        Participant,
        PolicyPhase,
        ProcessStep,
        Reference,
        Relation,
        RelationKind,
        Remark,
        Safeguard,
        SafeguardPlan,
        Session,
        Shell,
        ShellElement,
        Source,
        SourceConflict,
        Statement,
        StructuringChoice,
        Subject,
        Target,
        Theme,
        ThemeTotal,
        Track,
        TrackRoute,
        TrackRow,
        WbsCalendar,
        WorkTable,
        WorkTableProcess,
        WorkTableSet,
    )
    from waterbeleid.quarters import (
        Quarter,
        Timing,
        TimingKind,
        TimingPeriod,
        as_timing,
        parse_timing,
    )
    from waterbeleid.serialize import structure, unstructure
    from waterbeleid.units import (
        concentration,
        duration,
        flow,
        format_quantity,
        length,
        mass,
        parse_quantity,
        volume,
    )
    from waterbeleid.validation import Issue, Report, validate

__all__ = [
    "PARAMETER_TABLE",
    "ActionLine",
    "ActionPlan",
    "ActionStatus",
    "AgendaEntry",
    "AmendmentRules",
    "Assessment",
    "Authority",
    "CatalogueError",
    "ConceptNoteHeading",
    "ConcreteStep",
    "DatasetError",
    "DischargeActivity",
    "DischargeSet",
    "ExistingMeasure",
    "FocusDomain",
    "FollowUpAction",
    "Importance",
    "Instrument",
    "Issue",
    "KickOff",
    "LawBranch",
    "Lever",
    "LevyKind",
    "Measure",
    "Measurements",
    "Measures",
    "Obligation",
    "OpenTimingError",
    "OperationalGoal",
    "Origin",
    "OutOfRangeError",
    "OutputError",
    "Participant",
    "PolicyPhase",
    "ProcessStep",
    "Quarter",
    "QuarterValueError",
    "Receiver",
    "Reference",
    "Relation",
    "RelationKind",
    "Remark",
    "Report",
    "Ruleset",
    "RulesetError",
    "Safeguard",
    "SafeguardPlan",
    "Selection",
    "Session",
    "Shell",
    "ShellElement",
    "Source",
    "SourceConflict",
    "Statement",
    "StructureError",
    "StructuringChoice",
    "Subject",
    "Target",
    "TariffNotFoundError",
    "Theme",
    "ThemeTotal",
    "Timing",
    "TimingKind",
    "TimingParseError",
    "TimingPeriod",
    "Track",
    "TrackRoute",
    "TrackRow",
    "UnitError",
    "Violation",
    "VocabularyError",
    "WaterbeleidError",
    "WbsCalendar",
    "WorkTable",
    "WorkTableProcess",
    "WorkTableSet",
    "__version__",
    "as_timing",
    "assess",
    "assess_many",
    "catalogue",
    "concentration",
    "duration",
    "export",
    "flow",
    "format_quantity",
    "length",
    "mass",
    "parse_quantity",
    "parse_timing",
    "plot",
    "rulesets",
    "structure",
    "tables",
    "unstructure",
    "validate",
    "volume",
]


@functools.cache
def _homes() -> dict[str, str]:
    """The module each public name is imported from, read from the imports for type
    checkers above (the way SPEC 1's lazy loading reads a stub): one list to keep."""
    import ast

    get_source = getattr(__spec__.loader if __spec__ else None, "get_source", None)
    source = get_source(__name__) if get_source else None
    if source is None:  # pragma: no cover - installed without its source
        return {}
    homes: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    homes.update((name.name, statement.module) for name in statement.names)
    return homes


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, then keep it here."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = _homes().get(name)
    if home is None:  # pragma: no cover - installed without its source: look everywhere
        value = _search(name)
    elif home == __name__:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def _search(name: str) -> Any:  # pragma: no cover - installed without its source
    import pkgutil

    for module in pkgutil.walk_packages(__path__, f"{__name__}."):
        found = importlib.import_module(module.name)
        if module.name == f"{__name__}.{name}" or name in getattr(found, "__all__", ()):
            return found if module.name.endswith(f".{name}") else getattr(found, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
