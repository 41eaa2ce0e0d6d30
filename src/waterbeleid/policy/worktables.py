"""The work tables (*werktafels*) of the Flemish strategic planning of water supply (SPW)."""

from __future__ import annotations

import datetime as dt

import attrs

from waterbeleid._display import ContainerMixin, RecordMixin
from waterbeleid._enum import LabelledEnum
from waterbeleid.policy._common import (
    Source,
    SourceConflict,
    non_empty_text,
    optional_of,
    optional_text,
    text_tuple,
    tuple_of,
)
from waterbeleid.quarters import Timing

__all__ = [
    "ConceptNoteHeading",
    "ExistingMeasure",
    "KickOff",
    "Participant",
    "ProcessStep",
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
    """A participant of a work table.

    The two documents state the participation rule differently (one participant per
    organisation per table, or one per organisation); the packaged work tables record
    both (:attr:`WorkTableSet.conflicts`), and validation checks the weaker one: at most
    one participant of an organisation at one table.
    """

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
class ProcessStep(RecordMixin):
    """A step of the follow-up (*vervolgtraject*) of the work tables.

    Attributes:
        number: Its place in the order the slides give, from 1.
        title: The step as written (``"Werktafels"``).
        details: The points listed under it.
        when: When, in the words of the document (``"najaar 2021"``), if it says.
        document: The document that states the step.
    """

    number: int = attrs.field(validator=attrs.validators.instance_of(int))
    title: str = attrs.field(validator=non_empty_text)
    details: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    when: str | None = attrs.field(default=None, validator=optional_text)
    document: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class WorkTableProcess(RecordMixin):
    """How the work tables run (SPW project update of 22 June 2021, kick-off slides).

    Attributes:
        sessions_per_table: Sessions planned per table.
        first_sessions: When the first sessions take place, as written.
        landing: When the work is to be rounded off, as written.
        participant_rule: Who may take part, in the words of the project update (the
            slides say it differently: see :attr:`WorkTableSet.conflicts`).
        goals: The main goals (*hoofddoelstellingen*).
        follow_up: The steps of the follow-up (*vervolgtraject*): start notes, the
            tables, aligning the concept notes.
        cross_table_sessions: What the project update says about sessions across the
            tables (optional: *"Eventueel ..."*).
        contact: The address for taking part.
    """

    sessions_per_table: int = attrs.field(validator=attrs.validators.instance_of(int))
    first_sessions: str | None = attrs.field(default=None, validator=optional_text)
    landing: str | None = attrs.field(default=None, validator=optional_text)
    participant_rule: str | None = attrs.field(default=None, validator=optional_text)
    goals: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    follow_up: tuple[ProcessStep, ...] = attrs.field(default=(), validator=tuple_of(ProcessStep))
    cross_table_sessions: str | None = attrs.field(default=None, validator=optional_text)
    contact: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class ConceptNoteHeading(RecordMixin):
    """A heading of the template for the concept notes (*conceptnota's*) per supply type.

    Attributes:
        title: The heading as written (``"Bestaande responsmaatregelen"``).
        parent: The heading it stands under, if any.
        existing: The general *"Wat is er al?"* items (:attr:`WorkTableSet.general`) that
            the slides place under this heading.
    """

    title: str = attrs.field(validator=non_empty_text)
    parent: str | None = attrs.field(default=None, validator=optional_text)
    existing: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)


@attrs.frozen(kw_only=True, repr=False)
class KickOff(RecordMixin):
    """The kick-off meeting of the strategic planning (SPW project update).

    Attributes:
        date: The day it was held.
        online: Whether it was held online.
        participants_about: The number of participants the document gives, which it
            gives as an approximation (*"een 60-tal"*).
        participants_text: How the document describes the participants.
        presentations: The titles of the presentations, in order.
        remarks: The participants' remarks (*bedenkingen*) that the document lists.
        document: The document that reports it.
    """

    date: dt.date | None = attrs.field(default=None, validator=optional_of(dt.date))
    online: bool | None = attrs.field(default=None, validator=optional_of(bool))
    participants_about: int | None = attrs.field(default=None, validator=optional_of(int))
    participants_text: str | None = attrs.field(default=None, validator=optional_text)
    presentations: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    remarks: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    document: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class WorkTableSet(ContainerMixin):
    """The work tables with their process (a dataset of kind ``work_tables``).

    Attributes:
        source: The documents it is taken from.
        process: How the tables run.
        general: The *"Wat is er al?"* items that concern every table.
        work_tables: The tables.
        concept_note_template: The headings of the concept-note template, with the
            general items placed under them.
        kick_off: The kick-off meeting.
        conflicts: Subjects on which the documents disagree, with each document's words.
    """

    default_table = "work_tables"

    kind: str = attrs.field(default="work_tables", validator=attrs.validators.in_(["work_tables"]))
    source: tuple[Source, ...] = ()
    process: WorkTableProcess | None = None
    general: tuple[str, ...] = ()
    work_tables: tuple[WorkTable, ...] = ()
    concept_note_template: tuple[ConceptNoteHeading, ...] = ()
    kick_off: KickOff | None = None
    conflicts: tuple[SourceConflict, ...] = ()

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
