"""Planned discharges of pumped groundwater and the vocabulary of the rules."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs

from waterbeleid import units
from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Concentration, Duration, Flow, Moment, Volume
from waterbeleid.discharge import exact, timespan
from waterbeleid.errors import UnitError

__all__ = [
    "FLAGS",
    "PARAMETERS",
    "REFERENCE_UNITS",
    "Authority",
    "DischargeActivity",
    "DischargeSet",
    "Obligation",
    "Origin",
    "Receiver",
]

#: The measured parameters that a rule may name, with their dimension.
PARAMETERS: dict[str, str] = {
    "flow": "flow",
    "duration": "duration",
    "suspended_solids": "concentration",
    "iron": "concentration",
}

#: The yes/no parameters that a rule may name.
FLAGS: tuple[str, ...] = ("visual_pollution",)

#: The units in which values are shown when converted (:meth:`DischargeActivity.value`).
#: Rules do not convert values: they compare each value in its own unit with the limit
#: converted exactly into that unit (:mod:`waterbeleid.discharge.exact`).
REFERENCE_UNITS: dict[str, str] = {
    "flow": "m**3/h",
    "duration": "h",
    "suspended_solids": "mg/L",
    "iron": "mg/L",
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


def _to_flow(value: Any) -> Flow | None:
    return None if value is None else units.flow(value)


def _to_duration(value: Any) -> Duration | None:
    return None if value is None else units.duration(value)


def _to_concentration(value: Any) -> Concentration | None:
    return None if value is None else units.concentration(value)


def _to_origin(value: Any) -> Origin:
    return Origin.parse(value)


def _to_receiver(value: Any) -> Receiver:
    return Receiver.parse(value)


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

    Raises:
        UnitError: a quantity of the wrong dimension, without a unit, or negative.
        StructureError: a start or end that is not a date, an end before the start, or an
            end that contradicts the duration.
    """

    origin: Origin = attrs.field(converter=_to_origin)
    receiver: Receiver = attrs.field(converter=_to_receiver)
    flow: Flow | None = attrs.field(converter=_to_flow)
    duration: Duration | None = attrs.field(converter=_to_duration)
    suspended_solids: Concentration | None = attrs.field(default=None, converter=_to_concentration)
    iron: Concentration | None = attrs.field(default=None, converter=_to_concentration)
    visual_pollution: bool | None = attrs.field(default=None, validator=_optional_bool)
    start: Moment | None = attrs.field(default=None, converter=_to_start)
    end: Moment | None = attrs.field(default=None, converter=_to_end)
    id: str | None = attrs.field(default=None, validator=_optional_text)
    _measured: dict[str, tuple[float | Fraction, str]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _end_day: dt.date | None = attrs.field(init=False, repr=False, eq=False, hash=False)

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
        """Flow × duration in m³, exactly: each magnitude as the decimal it writes."""
        flow, duration = self._measured.get("flow"), self._measured.get("duration")
        if flow is None or duration is None:
            return None
        return exact.volume_m3(flow, duration)


@attrs.frozen(kw_only=True)
class DischargeSet:
    """Planned discharges (a dataset of kind ``discharges``)."""

    kind: str = attrs.field(default="discharges", validator=attrs.validators.in_(["discharges"]))
    discharges: tuple[DischargeActivity, ...] = ()
