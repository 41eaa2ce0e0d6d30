"""The Dutch *Water en Bodem Sturend* (WBS) borgingskalender: structuring choices,
measures, concrete steps and their agenda."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from waterbeleid._display import ContainerMixin, RecordMixin, Selection
from waterbeleid._enum import LabelledEnum
from waterbeleid._fastpath import declare_check
from waterbeleid._types import Duration, Quantity
from waterbeleid.errors import OpenTimingError
from waterbeleid.policy._common import (
    Source,
    non_empty_text,
    optional_of,
    optional_text,
    text_tuple,
    tuple_of,
)
from waterbeleid.policy.instruments import Instrument, ShellElement
from waterbeleid.quarters import PeriodLike, Quarter, Timing, TimingKind, as_timing, is_due

__all__ = [
    "AMVB_PATTERN",
    "AgendaEntry",
    "AmendmentRules",
    "ConcreteStep",
    "FollowUpAction",
    "Measure",
    "Measures",
    "Reference",
    "Relation",
    "RelationKind",
    "Remark",
    "Safeguard",
    "SafeguardPlan",
    "StructuringChoice",
    "Target",
    "Theme",
    "ThemeTotal",
    "Track",
    "TrackRoute",
    "TrackRow",
    "WbsCalendar",
]

_MEASURE_CODE = re.compile(r"^\d+\.\d+\.\d+[a-z]?$")

#: Names of the general administrative orders (AMvB's) under the Omgevingswet.
AMVB_PATTERN = re.compile(r"\b(Bkl|Bal|Bbl|BBL|AMvB|AmvB|AMvB's)\b")


def _measure_code(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    non_empty_text(instance, attribute, value)
    if not _MEASURE_CODE.match(value):
        raise ValueError(
            f"{attribute.name}: expected a measure code like '1.1.12' or '1.1.1b', found {value!r}"
        )


declare_check(_measure_code, _MEASURE_CODE.match)


class Theme(LabelledEnum):
    """The theme or area (*thema/aandachtsgebied*) a structuring choice belongs to."""

    WATER = ("water", "Water", ("Water: voldoende + schoon",))
    SOIL = ("soil", "Bodem", ("Bodem: vitaal + effectief",))
    BUILT_ENVIRONMENT = ("built_environment", "Bebouwd gebied", ())
    PEAT_MEADOWS = ("peat_meadows", "Laagveengebieden", ())
    SALINE_COAST = ("saline_coast", "Verzilte kustgebieden", ())
    HIGH_SANDY_SOILS = ("high_sandy_soils", "Hoge zandgronden", ())


class Track(LabelledEnum):
    """The *spoor* under which a measure's safeguarding runs."""

    INTEGRAL_SPATIAL = ("integral_spatial", "Integraal Ruimtelijk spoor", ("I",))
    WATER_SOIL = ("water_soil", "Water en Bodem spoor", ("II",))


class TrackRoute(LabelledEnum):
    """The row groups of the two track tables: the routes by which a track works."""

    PROGRAMMATIC = (
        "programmatic",
        (
            "Programmatisch traject + uitvoeringsafspraken over inzet decentrale juridische "
            "doorwerking"
        ),
        ("programmatisch traject",),
    )
    NATIONAL_LEGAL = ("national_legal", "Verkenning Nationaal Juridisch traject", ())
    COMMUNICATION = ("communication", "Communicatie en kennisoverdracht", ())
    INTERGOVERNMENTAL_SUPERVISION = (
        "intergovernmental_supervision",
        "IBT",
        ("interbestuurlijk toezicht",),
    )


class SafeguardPlan(LabelledEnum):
    """Plan A: decentral agreements (*bestuurlijke afspraken*, decentral route);
    plan B: national instruments (instruction rules in Bkl/Bal/Bbl, *rijksinstructie*)."""

    A = ("a", "Plan A", ("decentraal", "bestuurlijke afspraken"))
    B = ("b", "Plan B", ("rijksinstrumentarium", "rijksinstrumenten"))


class RelationKind(LabelledEnum):
    """How a measure relates to another measure or choice."""

    PART_OF = ("part_of", "maakt onderdeel uit van", ())
    LINKED_TO = ("linked_to", "gekoppeld aan", ("koppelen aan", "koppelt aan"))
    NEW_BY_MOTION = ("new_by_motion", "nieuw op basis van Tweede Kamermotie", ())
    SEE_ALSO = ("see_also", "zie ook", ())


@attrs.frozen(kw_only=True, repr=False)
class Safeguard(RecordMixin):
    """One entry of *borging van de doorwerking*.

    Attributes:
        text: As the document words it.
        plan: Plan A or B when the text is clearly one; ``None`` otherwise.
    """

    text: str = attrs.field(validator=non_empty_text)
    plan: SafeguardPlan | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(SafeguardPlan)),
    )


@attrs.frozen(kw_only=True, repr=False)
class ConcreteStep(RecordMixin):
    """A *concrete stap* of a measure with its policy-cycle instruments.

    Attributes:
        description: The step.
        implementation: *Doorwerking (instrumenten) in de beleidscyclus*.
        safeguards: *Borging van de doorwerking*.
        agenda: *Agendering*: when the safeguarding is due.
        start: When work on the step starts, where a dataset states it (the calendar does
            not; validation then counts from the calendar's date).
    """

    description: str = attrs.field(validator=non_empty_text)
    implementation: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    safeguards: tuple[Safeguard, ...] = attrs.field(default=(), validator=tuple_of(Safeguard))
    agenda: tuple[Timing, ...] = attrs.field(default=(), validator=tuple_of(Timing))
    start: Quarter | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Quarter))
    )

    @property
    def amends_amvb(self) -> bool:
        """Whether the step changes an AMvB (Bkl, Bal, Bbl) by its instruments or safeguards."""
        texts = (*self.implementation, *(s.text for s in self.safeguards))
        return any(AMVB_PATTERN.search(t) for t in texts)


@attrs.frozen(kw_only=True, repr=False)
class Relation(RecordMixin):
    """A relation noted beside a measure code (``"(maakt onderdeel uit van 1.1.4)"``)."""

    kind: RelationKind = attrs.field(validator=attrs.validators.instance_of(RelationKind))
    target: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class Target(RecordMixin):
    """A quantitative target stated in a choice or measure.

    Attributes:
        description: What is measured.
        value: The target value, when one number is given.
        minimum: Lower end of a range.
        maximum: Upper end of a range, or a maximum.
        year: The year by which it applies.
        text: The words of the document.
    """

    description: str = attrs.field(validator=non_empty_text)
    value: Quantity | None = None
    minimum: Quantity | None = None
    maximum: Quantity | None = None
    year: int | None = None
    text: str | None = attrs.field(default=None, validator=optional_text)

    def __str__(self) -> str:
        """The target in words, its quantities written as the documents write them.

        >>> from waterbeleid import catalogue
        >>> print(catalogue.wbs_calendar().choice(4).targets[0])
        drinkwatergebruik per hoofd van de bevolking per dag: 100 l/d (2035)
        """
        from waterbeleid.units import format_quantity

        parts = []
        if self.value is not None:
            parts.append(format_quantity(self.value))
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"{format_quantity(self.minimum)} tot {format_quantity(self.maximum)}")
        elif self.minimum is not None:
            parts.append(f"ten minste {format_quantity(self.minimum)}")
        elif self.maximum is not None:
            parts.append(f"ten hoogste {format_quantity(self.maximum)}")
        shown = f"{self.description}: {', '.join(parts)}" if parts else self.description
        return f"{shown} ({self.year})" if self.year is not None else shown


@attrs.frozen(kw_only=True, repr=False)
class Measure(RecordMixin):
    """A *maatregel* with its concrete steps.

    Attributes:
        code: ``"1.1.12"``; b-variants ``"1.1.1b"``.
        text: The measure's text.
        relations: Relations noted beside its code.
        steps: Its concrete steps.
        explanation: The *toelichting*.
        targets: Quantitative targets in its text.
        notes: Remarks without another home (e.g. what a second listing adds).
        track: The *spoor*, where known (the colour coding of the document is lost).
    """

    code: str = attrs.field(validator=_measure_code)
    text: str = attrs.field(validator=non_empty_text)
    relations: tuple[Relation, ...] = attrs.field(default=(), validator=tuple_of(Relation))
    steps: tuple[ConcreteStep, ...] = attrs.field(default=(), validator=tuple_of(ConcreteStep))
    explanation: str | None = attrs.field(default=None, validator=optional_text)
    targets: tuple[Target, ...] = attrs.field(default=(), validator=tuple_of(Target))
    notes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    track: Track | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Track))
    )


@attrs.frozen(kw_only=True, repr=False)
class StructuringChoice(RecordMixin):
    """A *structurerende keuze* (1-33) of the WBS letter.

    Attributes:
        number: 1-33.
        theme: Its theme or area.
        section: The sub-heading it stands under (``"1.1.1 Voldoende water"``).
        text: The choice.
        measure_codes: Codes of the measures listed under it, in order.
        steps: Concrete steps that the calendar gives for the choice itself
            (*"Maatregel zie structurerende keuze N"*).
        explanation: The *toelichting* of those steps.
        targets: Quantitative targets in its text.
        notes: Remarks without another home (e.g. *"Maatregel: ontbreekt"*).
    """

    number: int = attrs.field(validator=attrs.validators.instance_of(int))
    theme: Theme = attrs.field(validator=attrs.validators.instance_of(Theme))
    text: str = attrs.field(validator=non_empty_text)
    section: str | None = attrs.field(default=None, validator=optional_text)
    measure_codes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    steps: tuple[ConcreteStep, ...] = attrs.field(default=(), validator=tuple_of(ConcreteStep))
    explanation: str | None = attrs.field(default=None, validator=optional_text)
    targets: tuple[Target, ...] = attrs.field(default=(), validator=tuple_of(Target))
    notes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)


@attrs.frozen(kw_only=True, repr=False)
class TrackRow(RecordMixin):
    """A row of one of the two track tables (*Integraal Ruimtelijk spoor*, *Water en Bodem
    spoor*) that introduce the calendar.

    Attributes:
        track: The table the row stands in.
        route: The row group: programmatic, national legal, communication, or
            intergovernmental supervision (IBT).
        text: The entry as written (a bullet, or an item under a bullet).
        heading: For an item under a bullet: that bullet (``"NOVEX-uitvraag"``).
        agenda: The agenda cell, when it names a period (``"Q2 2024"``, ``"Loopt"``,
            ``"Realiseerbaar in 2024/25"``); ``None`` when it names none or is empty.
        agenda_text: The agenda cell as written when it is not read as a period
            (``"Incidenteel karakter"``).
        notes: Remarks about the reading of the row.
    """

    track: Track = attrs.field(validator=attrs.validators.instance_of(Track))
    route: TrackRoute = attrs.field(validator=attrs.validators.instance_of(TrackRoute))
    text: str = attrs.field(validator=non_empty_text)
    heading: str | None = attrs.field(default=None, validator=optional_text)
    agenda: Timing | None = attrs.field(default=None, validator=optional_of(Timing))
    agenda_text: str | None = attrs.field(default=None, validator=optional_text)
    notes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)


@attrs.frozen(kw_only=True, repr=False)
class FollowUpAction(RecordMixin):
    """An action of *Voorstel vervolg*: what already runs for safeguarding WBS.

    Attributes:
        topic: The word the document puts before the action (``"Watertoets"``), if any.
        text: The action as written.
        timing: When, where the document says (``"december 2023"``, ``"in 2025/2026"``).
    """

    text: str = attrs.field(validator=non_empty_text)
    topic: str | None = attrs.field(default=None, validator=optional_text)
    timing: Timing | None = attrs.field(default=None, validator=optional_of(Timing))


@attrs.frozen(kw_only=True, repr=False)
class Remark(RecordMixin):
    """One remark of the calendar's *Opmerkingen en overwegingen*, as written."""

    text: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True, repr=False)
class Reference(RecordMixin):
    """A document or meeting the calendar rests on or refers to.

    Attributes:
        title: Its name as the calendar writes it.
        date: Its date, when the calendar gives one.
        year: Its year, when only a year (or a period's first year) is given.
        text: The sentence of the calendar that names it.
    """

    title: str = attrs.field(validator=non_empty_text)
    date: dt.date | None = attrs.field(default=None, validator=optional_of(dt.date))
    year: int | None = attrs.field(default=None, validator=optional_of(int))
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True, repr=False)
class AmendmentRules(RecordMixin):
    """What the calendar states about the timing of changes to the AMvB's (Bkl, Bal, Bbl).

    Validation reads these values where a calendar states them (checks ``amvb-lead-time``
    and ``bkl-too-early``).

    Attributes:
        lead_time: How long the amendment of an AMvB takes (two years).
        lead_time_text: The sentence that says so.
        decisions_per_year: Amendment decisions (tranches) per year (two, as a working
            hypothesis).
        decisions_per_year_text: The sentences that say so.
        earliest_bkl_change: The earliest quarter in which the Bkl can change
            (*eind 2026*: Q4 2026).
        earliest_bkl_change_text: The sentence that says so.
    """

    lead_time: Duration | None = None
    lead_time_text: str | None = attrs.field(default=None, validator=optional_text)
    decisions_per_year: int | None = attrs.field(default=None, validator=optional_of(int))
    decisions_per_year_text: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    earliest_bkl_change: Quarter | None = attrs.field(default=None, validator=optional_of(Quarter))
    earliest_bkl_change_text: str | None = attrs.field(default=None, validator=optional_text)


class Measures(Mapping[str, Measure]):
    """The measures of a calendar: a read-only mapping code -> :class:`Measure`, in order.

    It keeps every measure it was given, so :attr:`all` still shows a duplicate code
    (validation reports it); the mapping holds the first of each code.
    """

    __slots__ = ("_all", "_by_code")

    def __init__(self, measures: Iterable[Measure] = ()) -> None:
        self._all = tuple(measures)
        by_code: dict[str, Measure] = {}
        for measure in self._all:
            by_code.setdefault(measure.code, measure)
        self._by_code = by_code

    @property
    def all(self) -> tuple[Measure, ...]:
        """Every measure given, in order, duplicates included."""
        return self._all

    def __getitem__(self, code: str) -> Measure:
        return self._by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Measures):
            return self._all == other._all
        return super().__eq__(other)

    def __hash__(self) -> int:
        return hash(self._all)

    def __repr__(self) -> str:
        return f"Measures({len(self._all)} measures)"


@attrs.frozen(kw_only=True, repr=False)
class ThemeTotal(RecordMixin):
    """The number of structuring choices and measures that a document states for a theme."""

    theme: Theme = attrs.field(validator=attrs.validators.instance_of(Theme))
    choices: int = attrs.field(validator=attrs.validators.instance_of(int))
    measures: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen(kw_only=True, repr=False)
class AgendaEntry(RecordMixin):
    """One entry of a step's *agendering*: when the safeguarding of a concrete step is due.

    Entries come from :meth:`WbsCalendar.agenda`; their table is
    ``WbsCalendar.to_pandas("agenda")``, which joins to the ``steps`` table on
    ``measure_code``, ``choice_number`` and ``step``, and to the ``measures`` table on
    ``measure_code``.

    Attributes:
        measure_code: The measure whose step it is; ``None`` for a step of a choice.
        choice_number: The structuring choice whose step it is (a step given for the
            choice itself), ``None`` for a measure's step.
        step: The position of the step among its owner's steps, from 1.
        entry: The position of the entry among the step's agenda, from 1.
        timing: When it is due.
        theme: The theme of the choice that lists the measure (or owns the step).
        description: The step's description.
        implementation: The step's instruments (*doorwerking in de beleidscyclus*).
        concrete_step: The step itself.
    """

    measure_code: str | None = attrs.field(default=None, validator=optional_text)
    choice_number: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )
    step: int = attrs.field(validator=attrs.validators.instance_of(int))
    entry: int = attrs.field(validator=attrs.validators.instance_of(int))
    timing: Timing = attrs.field(validator=attrs.validators.instance_of(Timing))
    theme: Theme | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Theme))
    )
    description: str = attrs.field(validator=non_empty_text)
    implementation: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    concrete_step: ConcreteStep | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"table": False}
    )

    @property
    def owner(self) -> str:
        """The measure code, or ``"SK n"`` for a step of structuring choice *n*."""
        return self.measure_code or f"SK {self.choice_number}"

    @property
    def due(self) -> Quarter | None:
        """The last quarter of the entry: when it is due (``None`` without an end)."""
        return self.timing.end


def _to_measures(value: Iterable[Measure] | Mapping[str, Measure]) -> Measures:
    if isinstance(value, Measures):
        return value
    if isinstance(value, Mapping):
        return Measures(value.values())
    return Measures(value)


@attrs.frozen(kw_only=True, repr=False)
class WbsCalendar(ContainerMixin):
    """The borgingskalender as a whole (a dataset of kind ``wbs_calendar``).

    Besides the choices and measures it holds the standard instrument set of the
    shell model (:class:`~waterbeleid.policy.instruments.Instrument`) and the elements of
    its first shell, the rows of the two track tables (:class:`TrackRow`), the actions of
    *Voorstel vervolg* (:class:`FollowUpAction`), the *Opmerkingen* (:class:`Remark`),
    what it states about amending the AMvB's (:class:`AmendmentRules`) and the documents
    it rests on (:class:`Reference`).

    Attributes:
        source: The document.
        choices: The 33 structuring choices.
        measures: The measures, by code.
        instruments: The instruments of the shell model.
        theme_totals: The numbers of choices and measures per theme, as stated.
        shell_elements: The elements the model names in a shell (the four of the first).
        track_rows: The rows of the two track tables.
        follow_up: The actions of *Voorstel vervolg*.
        remarks: The *Opmerkingen en overwegingen*.
        amendment_rules: What it states about amending the AMvB's; validation reads it.
        references: The letter, documents and meetings it rests on, with their dates.

    >>> from waterbeleid import catalogue
    >>> calendar = catalogue.wbs_calendar()
    >>> len(calendar.choices), calendar.choices[1].measure_codes[:2]
    (33, ('1.1.1', '1.1.1b'))
    """

    default_table = "measures"

    kind: str = attrs.field(
        default="wbs_calendar", validator=attrs.validators.in_(["wbs_calendar"])
    )
    source: Source | None = None
    choices: tuple[StructuringChoice, ...] = ()
    measures: Measures = attrs.field(factory=Measures, converter=_to_measures)
    instruments: tuple[Instrument, ...] = ()
    theme_totals: tuple[ThemeTotal, ...] = ()
    shell_elements: tuple[ShellElement, ...] = ()
    track_rows: tuple[TrackRow, ...] = ()
    follow_up: tuple[FollowUpAction, ...] = ()
    remarks: tuple[Remark, ...] = ()
    amendment_rules: AmendmentRules | None = None
    references: tuple[Reference, ...] = ()

    def choice(self, number: int) -> StructuringChoice:
        """The structuring choice with this number.

        Raises:
            KeyError: no such choice.
        """
        for choice in self.choices:
            if choice.number == number:
                return choice
        raise KeyError(f"no structuring choice {number} in this calendar")

    def measures_of(self, choice: int | StructuringChoice) -> tuple[Measure, ...]:
        """The measures listed under a choice (codes without a measure are skipped)."""
        found = choice if isinstance(choice, StructuringChoice) else self.choice(choice)
        return tuple(self.measures[c] for c in found.measure_codes if c in self.measures)

    def steps(self) -> Iterator[tuple[str, ConcreteStep]]:
        """Every concrete step with its owner: a measure code or ``"SK n"`` for a choice."""
        for choice in self.choices:
            for step in choice.steps:
                yield f"SK {choice.number}", step
        for measure in self.measures.all:
            for step in measure.steps:
                yield measure.code, step

    def choice_of(self, measure: str | Measure) -> StructuringChoice | None:
        """The first structuring choice that lists the measure (``None`` when none does)."""
        code = measure.code if isinstance(measure, Measure) else measure
        return next((c for c in self.choices if code in c.measure_codes), None)

    def agenda(
        self, before: PeriodLike | None = None, within: PeriodLike | None = None
    ) -> Selection[AgendaEntry]:
        """The agenda entries of every concrete step, in document order (the steps of the
        choices first, then those of the measures), optionally by period.

        Args:
            before: A period (a :class:`~waterbeleid.quarters.Quarter`, an ``int`` year or
                a timing text): keeps the entries due before it starts, that is whose last
                quarter precedes its first. ``before=2027`` keeps what is due by Q4 2026.
                An entry without an end (open-ended, ongoing) is never due before a
                period.
            within: A period: keeps the entries whose period shares a quarter with it, by
                :meth:`Timing.overlaps <waterbeleid.quarters.Timing.overlaps>` (an ongoing
                entry from its start onwards, without a start always).

        Entries whose timing is to be determined match no period: they are left out and
        listed in the result's ``undetermined``.

        >>> from waterbeleid import catalogue
        >>> calendar = catalogue.wbs_calendar()
        >>> due = calendar.agenda(before=2025)
        >>> len(calendar.agenda()), len(due), str(due[0].timing), due[0].owner
        (147, 72, 'Q3 2024', 'SK 13')
        >>> len(calendar.agenda(within="Q3 2025 - Q2 2026"))
        11

        Raises:
            TypeError: a period of the wrong type (the message says what is accepted).
            TimingParseError: a period text that is no timing.
        """
        limit = None if before is None else as_timing(before, "before")
        if limit is not None and limit.start is None:
            raise OpenTimingError(f"before: expected a period with a start, found {limit.text!r}")
        period = None if within is None else as_timing(within, "within")
        chosen: list[AgendaEntry] = []
        undetermined: list[AgendaEntry] = []
        for entry in self._agenda_entries():
            if limit is None and period is None:
                chosen.append(entry)
                continue
            if entry.timing.kind is TimingKind.TO_BE_DETERMINED:
                undetermined.append(entry)
                continue
            if is_due(entry.timing, limit, period):
                chosen.append(entry)
        return Selection(chosen, undetermined, AgendaEntry)

    def _agenda_entries(self) -> Iterator[AgendaEntry]:
        themes = {c.number: c.theme for c in self.choices}
        theme_of: dict[str, Theme] = {}
        for choice in self.choices:
            for listed in choice.measure_codes:
                theme_of.setdefault(listed, choice.theme)
        owners: list[tuple[str | None, int | None, Theme | None, tuple[ConcreteStep, ...]]] = [
            (None, c.number, themes[c.number], c.steps) for c in self.choices
        ]
        owners += [(m.code, None, theme_of.get(m.code), m.steps) for m in self.measures.all]
        for code, number, theme, steps in owners:
            for step_number, step in enumerate(steps, start=1):
                for entry_number, timing in enumerate(step.agenda, start=1):
                    yield AgendaEntry(
                        measure_code=code,
                        choice_number=number,
                        step=step_number,
                        entry=entry_number,
                        timing=timing,
                        theme=theme,
                        description=step.description,
                        implementation=step.implementation,
                        concrete_step=step,
                    )

    def agenda_in(self, quarter: PeriodLike) -> Iterator[tuple[str, ConcreteStep]]:
        """The steps with an agenda entry that covers *quarter* (a
        :class:`~waterbeleid.quarters.Quarter`, an ``int`` year or a timing text), as
        ``(owner, step)`` pairs; :meth:`agenda` with ``within=`` gives the entries.

        >>> from waterbeleid import Quarter, catalogue
        >>> owners = {o for o, _ in catalogue.wbs_calendar().agenda_in(Quarter(2026, 4))}
        >>> "1.1.2" in owners
        True
        >>> owners == {o for o, _ in catalogue.wbs_calendar().agenda_in("Q4 2026")}
        True
        """
        period = as_timing(quarter, "quarter")
        for owner, step in self.steps():
            if any(_due_in(t, period) for t in step.agenda):
                yield owner, step


def _due_in(timing: Timing, period: Timing) -> bool:
    """A dated agenda entry that covers *period* (ongoing entries without a start do not)."""
    if timing.start is None:
        return timing.end is not None and bool(period.contains(timing.end))
    return bool(timing.overlaps(period))
