"""waterbeleid: a typed, unit-aware model of Flemish and Dutch water policy.

All public names are importable from here::

    import waterbeleid as wb

    wb.Quarter.parse("Q3 2024")
    wb.parse_timing("Doorlopend vanaf Q2 2025")
    wb.flow("5 m3 per uur")
    wb.catalogue.vito_action_plan().lines(lever="kennis- en capaciteitsopbouw", active_in=2026)

Importing the package is cheap: pint's unit registry and the cattrs converter
are built on first use.
"""

from typing import TYPE_CHECKING, Any

from waterbeleid import catalogue
from waterbeleid._display import Selection
from waterbeleid._version import __version__
from waterbeleid.discharge import (
    Assessment,
    Authority,
    DischargeActivity,
    DischargeSet,
    Obligation,
    Origin,
    Receiver,
    Violation,
    assess,
    assess_many,
)
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
    "Measure",
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
    "structure",
    "tables",
    "unstructure",
    "validate",
    "volume",
]

#: Modules of the analyst's layer, imported on first use (``wb.plot.timeline``).
_LAZY_MODULES = ("export", "plot", "tables")

if TYPE_CHECKING:
    from waterbeleid import export, plot, tables


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"waterbeleid.{name}")
    raise AttributeError(f"module 'waterbeleid' has no attribute {name!r}")
