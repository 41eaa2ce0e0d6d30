"""The Dutch *Water en Bodem Sturend* (WBS) borgingskalender: structuring choices,
measures, concrete steps and their agenda."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Quantity
from waterbeleid.policy._common import (
    Source,
    non_empty_text,
    optional_text,
    text_tuple,
    tuple_of,
)
from waterbeleid.policy.instruments import Instrument
from waterbeleid.quarters import Quarter, Timing

__all__ = [
    "AMVB_PATTERN",
    "ConcreteStep",
    "Measure",
    "Measures",
    "Relation",
    "RelationKind",
    "Safeguard",
    "SafeguardPlan",
    "StructuringChoice",
    "Target",
    "Theme",
    "ThemeTotal",
    "Track",
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


@attrs.frozen(kw_only=True)
class Safeguard:
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


@attrs.frozen(kw_only=True)
class ConcreteStep:
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


@attrs.frozen(kw_only=True)
class Relation:
    """A relation noted beside a measure code (``"(maakt onderdeel uit van 1.1.4)"``)."""

    kind: RelationKind = attrs.field(validator=attrs.validators.instance_of(RelationKind))
    target: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Target:
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


@attrs.frozen(kw_only=True)
class Measure:
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


@attrs.frozen(kw_only=True)
class StructuringChoice:
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
    """

    number: int = attrs.field(validator=attrs.validators.instance_of(int))
    theme: Theme = attrs.field(validator=attrs.validators.instance_of(Theme))
    text: str = attrs.field(validator=non_empty_text)
    section: str | None = attrs.field(default=None, validator=optional_text)
    measure_codes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)
    steps: tuple[ConcreteStep, ...] = attrs.field(default=(), validator=tuple_of(ConcreteStep))
    explanation: str | None = attrs.field(default=None, validator=optional_text)
    targets: tuple[Target, ...] = attrs.field(default=(), validator=tuple_of(Target))


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


@attrs.frozen(kw_only=True)
class ThemeTotal:
    """The number of structuring choices and measures that a document states for a theme."""

    theme: Theme = attrs.field(validator=attrs.validators.instance_of(Theme))
    choices: int = attrs.field(validator=attrs.validators.instance_of(int))
    measures: int = attrs.field(validator=attrs.validators.instance_of(int))


def _to_measures(value: Iterable[Measure] | Mapping[str, Measure]) -> Measures:
    if isinstance(value, Measures):
        return value
    if isinstance(value, Mapping):
        return Measures(value.values())
    return Measures(value)


@attrs.frozen(kw_only=True)
class WbsCalendar:
    """The borgingskalender as a whole (a dataset of kind ``wbs_calendar``).

    Besides the choices and measures it holds the standard instrument set of the
    shell model (:class:`~waterbeleid.policy.instruments.Instrument`).

    >>> from waterbeleid import catalogue
    >>> calendar = catalogue.wbs_calendar()
    >>> len(calendar.choices), calendar.choices[1].measure_codes[:2]
    (33, ('1.1.1', '1.1.1b'))
    """

    kind: str = attrs.field(
        default="wbs_calendar", validator=attrs.validators.in_(["wbs_calendar"])
    )
    source: Source | None = None
    choices: tuple[StructuringChoice, ...] = ()
    measures: Measures = attrs.field(factory=Measures, converter=_to_measures)
    instruments: tuple[Instrument, ...] = ()
    theme_totals: tuple[ThemeTotal, ...] = ()

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

    def agenda_in(self, quarter: Quarter) -> Iterator[tuple[str, ConcreteStep]]:
        """The steps with an agenda entry that covers *quarter*.

        >>> from waterbeleid import Quarter, catalogue
        >>> owners = {o for o, _ in catalogue.wbs_calendar().agenda_in(Quarter(2026, 4))}
        >>> "1.1.2" in owners
        True
        """
        for owner, step in self.steps():
            if any(_due_in(t, quarter) for t in step.agenda):
                yield owner, step


def _due_in(timing: Timing, quarter: Quarter) -> bool:
    """A dated agenda entry that covers *quarter* (ongoing entries without a start do not)."""
    if timing.start is None:
        return timing.end == quarter
    return bool(timing.contains(quarter))
