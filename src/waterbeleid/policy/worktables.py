"""The work tables (*werktafels*) of the Flemish strategic planning of water supply (SPW)."""

from __future__ import annotations

import datetime as dt

import attrs

from waterbeleid._display import ContainerMixin, RecordMixin
from waterbeleid._enum import LabelledEnum
from waterbeleid.policy._common import (
    Source,
    non_empty_text,
    optional_text,
    text_tuple,
    tuple_of,
)
from waterbeleid.quarters import Timing

__all__ = [
    "ExistingMeasure",
    "Participant",
    "Session",
    "Subject",
    "WorkTable",
    "WorkTableProcess",
    "WorkTableSet",
]

#: The most sessions a work table holds ("5 sessies per werktafel", SPW project update).
MAX_SESSIONS = 5


class Subject(LabelledEnum):
    """What a work table is about: a source of supply, or the water audit."""

    GROUNDWATER = ("groundwater", "Grondwater", ("Bevoorrading uit grondwater",))
    RAINWATER = ("rainwater", "Hemelwater", ("Bevoorrading uit hemelwater", "regenwater"))
    SURFACE_WATER = ("surface_water", "Oppervlaktewater", ("Bevoorrading uit oppervlaktewater",))
    WASTEWATER = ("wastewater", "Afvalwater", ("Bevoorrading uit afvalwater",))
    WATER_AUDIT = ("water_audit", "Wateraudit", ())


@attrs.frozen(kw_only=True, repr=False)
class ExistingMeasure(RecordMixin):
    """Something that already exists for a table (*"Wat is er al?"*).

    Attributes:
        programme: ``"MAPRO"`` (the Flemish measure programme), ``"Blue Deal"``, or ``None``.
        group: The MAPRO group as written (``"5A – Kwantiteit grondwater"``).
        code: The programme code as written (``"3_B"``, ``"5A_A"``).
        title: The measure's title.
        actions: The actions or studies listed under it.
    """

    title: str = attrs.field(validator=non_empty_text)
    programme: str | None = attrs.field(default=None, validator=optional_text)
    group: str | None = attrs.field(default=None, validator=optional_text)
    code: str | None = attrs.field(default=None, validator=optional_text)
    actions: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)


@attrs.frozen(kw_only=True, repr=False)
class Session(RecordMixin):
    """A session of a work table (at most :data:`MAX_SESSIONS` per table)."""

    number: int = attrs.field(validator=attrs.validators.instance_of(int))
    date: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    timing: Timing | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Timing))
    )
    topic: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class Participant(RecordMixin):
    """A participant of a work table; one per organisation per table (SPW project update)."""

    name: str = attrs.field(validator=non_empty_text)
    organisation: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True, repr=False)
class WorkTable(RecordMixin):
    """A *werktafel*.

    Attributes:
        subject: Groundwater, rainwater, surface water, wastewater or water audit.
        name: ``"Bevoorrading uit grondwater"``.
        leads: The lead organisations (*trekker*) named, as written.
        lead_notes: Other words of the lead slide (``"Wie nog?"``).
        existing_measures: What is already there.
        topics: Discussion topics.
        sessions: Its sessions (none are recorded in the sources).
        participants: Its participants (none are named in the sources).
    """

    subject: Subject = attrs.field(validator=attrs.validators.instance_of(Subject))
    name: str = attrs.field(validator=non_empty_text)
    leads: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    lead_notes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    existing_measures: tuple[ExistingMeasure, ...] = attrs.field(
        default=(), validator=tuple_of(ExistingMeasure)
    )
    topics: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    sessions: tuple[Session, ...] = attrs.field(default=(), validator=tuple_of(Session))
    participants: tuple[Participant, ...] = attrs.field(default=(), validator=tuple_of(Participant))

    @property
    def programme_codes(self) -> tuple[str, ...]:
        """The programme codes of its existing measures (``("5A_A",)``)."""
        return tuple(m.code for m in self.existing_measures if m.code)


@attrs.frozen(kw_only=True, repr=False)
class WorkTableProcess(RecordMixin):
    """How the work tables run (SPW project update of 22 June 2021)."""

    sessions_per_table: int = attrs.field(validator=attrs.validators.instance_of(int))
    first_sessions: str | None = attrs.field(default=None, validator=optional_text)
    landing: str | None = attrs.field(default=None, validator=optional_text)
    participant_rule: str | None = attrs.field(default=None, validator=optional_text)
    goals: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)


@attrs.frozen(kw_only=True, repr=False)
class WorkTableSet(ContainerMixin):
    """The work tables with their process (a dataset of kind ``work_tables``)."""

    default_table = "work_tables"

    kind: str = attrs.field(default="work_tables", validator=attrs.validators.in_(["work_tables"]))
    source: tuple[Source, ...] = ()
    process: WorkTableProcess | None = None
    general: tuple[str, ...] = ()
    work_tables: tuple[WorkTable, ...] = ()

    def table(self, subject: Subject | str) -> WorkTable:
        """The table on *subject* (a :class:`Subject` or any label it parses).

        Raises:
            KeyError: no table on that subject.
        """
        wanted = Subject.parse(subject)
        for table in self.work_tables:
            if table.subject is wanted:
                return table
        raise KeyError(f"no work table on {wanted.value}")
