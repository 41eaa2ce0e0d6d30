"""The policy vocabulary, one module per source family."""

from waterbeleid.policy._common import Source
from waterbeleid.policy.actionplan import ActionLine, ActionPlan, FocusDomain, OperationalGoal
from waterbeleid.policy.instruments import Instrument, LawBranch, PolicyPhase, Shell
from waterbeleid.policy.levers import ActionStatus, Importance, Lever
from waterbeleid.policy.wbs import (
    AgendaEntry,
    ConcreteStep,
    Measure,
    Measures,
    Relation,
    RelationKind,
    Safeguard,
    SafeguardPlan,
    StructuringChoice,
    Target,
    Theme,
    ThemeTotal,
    Track,
    WbsCalendar,
)
from waterbeleid.policy.worktables import (
    ExistingMeasure,
    Participant,
    Session,
    Subject,
    WorkTable,
    WorkTableProcess,
    WorkTableSet,
)

__all__ = [
    "ActionLine",
    "ActionPlan",
    "ActionStatus",
    "AgendaEntry",
    "ConcreteStep",
    "ExistingMeasure",
    "FocusDomain",
    "Importance",
    "Instrument",
    "LawBranch",
    "Lever",
    "Measure",
    "Measures",
    "OperationalGoal",
    "Participant",
    "PolicyPhase",
    "Relation",
    "RelationKind",
    "Safeguard",
    "SafeguardPlan",
    "Session",
    "Shell",
    "Source",
    "StructuringChoice",
    "Subject",
    "Target",
    "Theme",
    "ThemeTotal",
    "Track",
    "WbsCalendar",
    "WorkTable",
    "WorkTableProcess",
    "WorkTableSet",
]
