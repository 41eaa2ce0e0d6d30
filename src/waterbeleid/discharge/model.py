"""Planned discharges of pumped groundwater and the vocabulary of the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from waterbeleid import units
from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Concentration, Duration, Flow, Moment, Volume
from waterbeleid.discharge import exact, timespan
from waterbeleid.errors import UnitError, VocabularyError

__all__ = [
    "FLAGS",
    "PARAMETERS",
    "PARAMETER_TABLE",
    "REFERENCE_UNITS",
    "Authority",
    "DischargeActivity",
    "DischargeSet",
    "Obligation",
    "Origin",
    "Parameter",
    "Receiver",
    "parameter_label",
]


@attrs.frozen
class Parameter:
    """A value of a discharge that a rule, a violation or the trace names.

    Attributes:
        name: The name in code and data (``suspended_solids``).
        label_en: How an English text names it (``suspended solids``).
        label_nl: How a Dutch text names it, as the guidance does (``onopgeloste stoffen``).
        dimension: The dimension of a measured parameter (a key of
            :data:`waterbeleid.units.DIMENSIONS`); ``None`` for the others.
        unit: The unit in which a measured parameter is shown when converted
            (:data:`REFERENCE_UNITS`).
        flag: Whether it is a yes/no parameter that a rule may name.
    """

    name: str
    label_en: str
    label_nl: str
    dimension: str | None = None
    unit: str | None = None
    flag: bool = False

    def label(self, language: str) -> str:
        """The label in ``"en"`` or ``"nl"``."""
        return self.label_nl if language == "nl" else self.label_en


#: Every value of a discharge that the rules and their explanation name, with its English
#: and Dutch names: the one vocabulary of parameters. :data:`PARAMETERS` and :data:`FLAGS`
#: are views of it; a parameter added here is measured, compared and explained.
PARAMETER_TABLE: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("flow", "flow", "debiet", dimension="flow", unit="m**3/h"),
        Parameter("duration", "duration", "duur", dimension="duration", unit="h"),
        Parameter(
            "suspended_solids",
            "suspended solids",
            "onopgeloste stoffen",
            dimension="concentration",
            unit="mg/L",
        ),
        Parameter("iron", "iron", "ijzer", dimension="concentration", unit="mg/L"),
        Parameter("visual_pollution", "visual pollution", "visuele verontreiniging", flag=True),
        Parameter("origin", "origin", "herkomst"),
        Parameter("receiver", "receiver", "ontvanger"),
        Parameter("start", "start", "begin"),
        Parameter("end", "end", "einde"),
    )
}

#: The measured parameters that a rule may name, with their dimension.
PARAMETERS: dict[str, str] = {
    name: p.dimension for name, p in PARAMETER_TABLE.items() if p.dimension is not None
}

#: The yes/no parameters that a rule may name.
FLAGS: tuple[str, ...] = tuple(name for name, p in PARAMETER_TABLE.items() if p.flag)


def parameter_label(name: str, language: str = "en") -> str:
    """How a text in *language* names a parameter (:data:`PARAMETER_TABLE`); a name the
    table does not hold is shown with spaces for underscores.

    >>> parameter_label("suspended_solids"), parameter_label("suspended_solids", "nl")
    ('suspended solids', 'onopgeloste stoffen')
    """
    found = PARAMETER_TABLE.get(name)
    return name.replace("_", " ") if found is None else found.label(language)


_WHAT: Final = "discharge activity"

#: The units in which values are shown when converted (:meth:`DischargeActivity.value`).
#: Rules do not convert values: they compare each value in its own unit with the limit
#: converted exactly into that unit (:mod:`waterbeleid.discharge.exact`).
REFERENCE_UNITS: dict[str, str] = {
    name: p.unit for name, p in PARAMETER_TABLE.items() if p.unit is not None
}


class Origin(LabelledEnum):
    """Where the pumped groundwater comes from."""

    DEWATERING = ("dewatering", "bronnering", ("ontwatering", "bronbemaling"))
    SOIL_REMEDIATION = ("soil_remediation", "bodemsanering", ("grondwatersanering",))


class Receiver(LabelledEnum):
    """Where it is discharged, in the national order of preference."""

    SOIL = ("soil", "bodem", ("op of in de bodem",))
    SURFACE_WATER = ("surface_water", "oppervlaktewater", ("oppervlaktewaterlichaam",))
    RAINWATER_SEWER = (
        "rainwater_sewer",
        "hemelwaterafvoer",
        ("hemelwaterriool", "regenwaterriool", "hemelwaterriolering"),
    )
    FOUL_SEWER = (
        "foul_sewer",
        "vuilwaterriool",
        (
            "gemengd riool",
            "vuilwaterriool / gemengd riool",
            "vuilwaterriolering",
            "gemengde riolering",
        ),
    )


class Authority(LabelledEnum):
    """The competent authority (*bevoegd gezag*)."""

    MUNICIPALITY = ("municipality", "gemeente", ())
    WATER_BOARD = ("water_board", "waterschap", ())


class Obligation(LabelledEnum):
    """What the water board requires before a discharge.

    ``PROHIBITED`` (*verbod*) is the answer for a discharge that the rules do not allow:
    no notification or permit under these rules makes it allowed, so no route is shown.
    """

    NONE = ("none", "toestemmingsvrij", ("geen", "niet meldingsplichtig"))
    NOTIFICATION = ("notification", "meldingsplicht", ("melding", "meldingsplichtig"))
    PERMIT = (
        "permit",
        "vergunningplicht",
        ("vergunning", "vergunningsplicht", "vergunningplichtig"),
    )
    PROHIBITED = ("prohibited", "verbod", ("verboden", "niet toegestaan"))


def _named(name: str, convert: Any, value: Any) -> Any:
    """*convert(value)*, with an error that names the field (``flow: expected a flow …``)."""
    try:
        return convert(value)
    except (UnitError, VocabularyError) as exc:
        raise type(exc)(f"{name}: {exc}") from None


def _to_flow(value: Any) -> Flow | None:
    return None if value is None else _named("flow", units.flow, value)


def _to_duration(value: Any) -> Duration | None:
    return None if value is None else _named("duration", units.duration, value)


def _to_suspended_solids(value: Any) -> Concentration | None:
    return None if value is None else _named("suspended_solids", units.concentration, value)


def _to_iron(value: Any) -> Concentration | None:
    return None if value is None else _named("iron", units.concentration, value)


def _to_origin(value: Any) -> Origin:
    origin: Origin = _named("origin", Origin.parse, value)
    return origin


def _to_receiver(value: Any) -> Receiver:
    receiver: Receiver = _named("receiver", Receiver.parse, value)
    return receiver


def _to_start(value: Any) -> dt.date | None:
    return timespan.to_moment(value, "start")


def _to_end(value: Any) -> dt.date | None:
    return timespan.to_moment(value, "end")


def _optional_bool(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{attribute.name}: expected true, false or None, found {value!r}")


def _optional_text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected a text or None, found {value!r}")


@attrs.frozen(kw_only=True)
class DischargeActivity:
    """A planned discharge of pumped groundwater.

    Quantities accept anything :func:`~waterbeleid.units.flow` and friends accept
    (``"5 m3/h"``, ``"2,5 l/s"``, a pint Quantity). A measurement that is not known
    is ``None``; a rule that needs it then cannot decide. A magnitude is the decimal
    number it writes (:mod:`waterbeleid.discharge.exact`): ``"5000 l/h"`` is exactly
    ``"5 m3/h"``.

    ``start`` and ``end`` take a :class:`~datetime.date`, a :class:`~datetime.datetime`
    or ISO text (``"2021-06-01"``, ``"2021-06-01T08:00"``); the day the discharge ends on
    is :attr:`end_day` (see :mod:`waterbeleid.discharge.timespan`).

    >>> a = DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
    ...                       flow="8 m3/h", duration="2 weken", suspended_solids="30 mg/l",
    ...                       start="2021-06-02")
    >>> a.volume, a.end_day
    (<Quantity(2688, 'meter ** 3')>, datetime.date(2021, 6, 15))

    Attributes:
        origin: Dewatering or soil remediation.
        receiver: Soil, surface water, rainwater sewer, foul or combined sewer.
        flow: The discharged flow (volume per time).
        duration: How long the discharge lasts.
        suspended_solids: Suspended solids (*onopgeloste stoffen*) in any grab sample.
        iron: Iron content in any grab sample.
        visual_pollution: Whether the discharge causes visual pollution; ``None`` when not
            stated (for dewatering the rules assume clean water, and the assessment says so).
        start: The day (or day and time) it starts.
        end: The day (or day and time) it ends, when known; it must agree with the start
            and the duration.
        id: An identifier of your own (a register or permit number), kept as given.

    From a web form or a JSON body, use :meth:`from_mapping`: it reports every bad field
    at once. The constructor stops at the first, and its error names the field.

    Raises:
        UnitError: a quantity of the wrong dimension, without a unit, or negative.
        VocabularyError: an origin or receiver that is not one of the vocabulary.
        StructureError: a start or end that is not a date, an end before the start, or an
            end that contradicts the duration.
        TypeError: ``visual_pollution`` not a bool, ``id`` not a text.
    """

    origin: Origin = attrs.field(converter=_to_origin)
    receiver: Receiver = attrs.field(converter=_to_receiver)
    flow: Flow | None = attrs.field(converter=_to_flow)
    duration: Duration | None = attrs.field(converter=_to_duration)
    suspended_solids: Concentration | None = attrs.field(
        default=None, converter=_to_suspended_solids
    )
    iron: Concentration | None = attrs.field(default=None, converter=_to_iron)
    visual_pollution: bool | None = attrs.field(default=None, validator=_optional_bool)
    start: Moment | None = attrs.field(default=None, converter=_to_start)
    end: Moment | None = attrs.field(default=None, converter=_to_end)
    id: str | None = attrs.field(default=None, validator=_optional_text)
    _measured: dict[str, tuple[float | Fraction, str]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _end_day: dt.date | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _volume: list[Fraction | None] = attrs.field(
        init=False, factory=list, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        measured: dict[str, tuple[float | Fraction, str]] = {}
        for name in PARAMETERS:
            quantity = getattr(self, name)
            if quantity is not None:
                try:
                    measured[name] = exact.measure(quantity)
                except UnitError as exc:
                    raise UnitError(f"{name}: {exc}") from None
        object.__setattr__(self, "_measured", measured)
        object.__setattr__(
            self, "_end_day", timespan.end_day(self.start, self.end, self.duration_in_days())
        )

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> DischargeActivity:
        """A discharge from a mapping of texts and numbers, as a web form or a JSON body
        gives it, checked by the rules that check a dataset file of discharges.

        Field names are the attribute names; values are what a dataset file holds
        (English values or Dutch labels, quantity texts such as ``"12 m3/h"`` or
        ``"3 weken"``, ISO dates) or what a form gives (see
        :func:`~waterbeleid.serialize.cells_record`): an empty text is unknown,
        ``visual_pollution`` may be ``"ja"``/``"nee"`` (or a checkbox's ``"on"``), and a
        unit may stand in the key (``"flow [m3/h]": "12"``). Unknown keys are errors.

        >>> a = DischargeActivity.from_mapping({"origin": "bronnering",
        ...     "receiver": "oppervlaktewater", "flow": "12 m3/h", "duration": "3 weken",
        ...     "suspended_solids": "", "start": "2021-03-01"})
        >>> a.flow, a.suspended_solids, a.start
        (<Quantity(12, 'meter ** 3 / hour')>, None, datetime.date(2021, 3, 1))

        Raises:
            StructureError: one error for all the bad fields; its message names every one
                (``$.flow: …; $.start: …``) and :attr:`~waterbeleid.StructureError.problems`
                gives them as ``(path, message)`` pairs.
        """
        from waterbeleid.errors import StructureError
        from waterbeleid.serialize import _found, cells_record, structure

        if not isinstance(mapping, Mapping):
            raise StructureError(
                [f"$: expected a mapping of field names to values, found {_found(mapping)}"],
                _WHAT,
            )
        return structure(cells_record(mapping, cls), cls, what=_WHAT, shown=None)

    def measured(self, parameter: str) -> tuple[float | Fraction, str] | None:
        """A measured parameter as ``(number, unit key)`` (see :func:`.exact.measure`)."""
        return self._measured.get(parameter)

    def value(self, parameter: str) -> float | bool | None:
        """A parameter in :data:`REFERENCE_UNITS`, rounded to a float (``None`` when unknown).

        ``visual_pollution`` comes back as a ``bool`` (or ``None``).
        """
        if parameter in FLAGS:
            flag: bool | None = getattr(self, parameter)
            return flag
        found = self._measured.get(parameter)
        if found is None:
            return None
        number, unit = found
        reference = units.registry().parse_units(REFERENCE_UNITS[parameter])
        return float(exact.decimal_value(number) * exact.factor(exact.unit_of(unit), reference))

    def duration_in_days(self) -> Fraction | None:
        """The duration in days, exactly (``None`` when unknown)."""
        found = self._measured.get("duration")
        if found is None:
            return None
        number, unit = found
        day = units.registry().parse_units("day")
        return exact.decimal_value(number) * exact.factor(exact.unit_of(unit), day)

    @property
    def start_day(self) -> dt.date | None:
        """The day the discharge starts (the day of :attr:`start`)."""
        return None if self.start is None else timespan.day_of(self.start)

    @property
    def end_day(self) -> dt.date | None:
        """The day the discharge ends on: :attr:`end` when given, else the earliest day on
        which it can have ended (start + ⌈duration / 24 h⌉ − 1 days; with a start time, the
        day of start + duration). ``None`` when unknown or past 9999-12-31."""
        return self._end_day

    @property
    def volume(self) -> Volume | None:
        """Flow × duration in m³ (``None`` when either is unknown)."""
        if self.flow is None or self.duration is None:
            return None
        product: Volume = (self.flow * self.duration).to("m**3")
        return product

    def exact_volume(self) -> Fraction | None:
        """Flow × duration in m³, exactly: each magnitude as the decimal it writes
        (computed on first use)."""
        if not self._volume:
            flow, duration = self._measured.get("flow"), self._measured.get("duration")
            found = None if flow is None or duration is None else exact.volume_m3(flow, duration)
            self._volume.append(found)
        return self._volume[0]


@attrs.frozen(kw_only=True)
class DischargeSet:
    """Planned discharges (a dataset of kind ``discharges``)."""

    kind: str = attrs.field(default="discharges", validator=attrs.validators.in_(["discharges"]))
    discharges: tuple[DischargeActivity, ...] = ()
