"""Planned discharges of pumped groundwater and the vocabulary of the rules."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from waterbeleid import units
from waterbeleid._enum import LabelledEnum
from waterbeleid._types import Concentration, Duration, Flow, Volume

__all__ = [
    "REFERENCE_UNITS",
    "Authority",
    "DischargeActivity",
    "DischargeSet",
    "Obligation",
    "Origin",
    "Receiver",
]

#: The units in which the rules compare each measured parameter.
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
    """What the water board requires before a discharge."""

    NONE = ("none", "toestemmingsvrij", ("geen", "niet meldingsplichtig"))
    NOTIFICATION = ("notification", "meldingsplicht", ("melding", "meldingsplichtig"))
    PERMIT = (
        "permit",
        "vergunningplicht",
        ("vergunning", "vergunningsplicht", "vergunningplichtig"),
    )


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


def _optional_bool(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{attribute.name}: expected true, false or None, found {value!r}")


def _magnitude(q: Any, unit: str) -> float:
    if q is None:
        return math.nan
    return units.magnitude(q, unit)


@attrs.frozen(kw_only=True)
class DischargeActivity:
    """A planned discharge of pumped groundwater.

    Quantities accept anything :func:`~waterbeleid.units.flow` and friends accept
    (``"5 m3/h"``, ``"2,5 l/s"``, a pint Quantity). A measurement that is not known
    is ``None``; a rule that needs it then cannot decide.

    >>> a = DischargeActivity(origin="bronnering", receiver="oppervlaktewater",
    ...                       flow="8 m3/h", duration="2 weken", suspended_solids="30 mg/l")
    >>> a.volume
    <Quantity(2688, 'meter ** 3')>

    Attributes:
        origin: Dewatering or soil remediation.
        receiver: Soil, surface water, rainwater sewer, foul or combined sewer.
        flow: The discharged flow (volume per time).
        duration: How long the discharge lasts.
        suspended_solids: Suspended solids (*onopgeloste stoffen*) in any grab sample.
        iron: Iron content in any grab sample.
        visual_pollution: Whether the discharge causes visual pollution.
        start: The day it starts.
        id: An identifier of your own (a register or permit number), kept as given.
    """

    origin: Origin = attrs.field(converter=_to_origin)
    receiver: Receiver = attrs.field(converter=_to_receiver)
    flow: Flow | None = attrs.field(converter=_to_flow)
    duration: Duration | None = attrs.field(converter=_to_duration)
    suspended_solids: Concentration | None = attrs.field(default=None, converter=_to_concentration)
    iron: Concentration | None = attrs.field(default=None, converter=_to_concentration)
    visual_pollution: bool | None = attrs.field(default=False, validator=_optional_bool)
    start: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    id: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    _values: dict[str, float] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.start, dt.datetime):
            raise TypeError(f"start: expected a datetime.date without a time, found {self.start!r}")
        values = {
            name: _magnitude(getattr(self, name), unit) for name, unit in REFERENCE_UNITS.items()
        }
        object.__setattr__(self, "_values", values)

    def value(self, parameter: str) -> float | bool | None:
        """A measured parameter in :data:`REFERENCE_UNITS` (``None`` when unknown).

        ``visual_pollution`` comes back as a ``bool`` (or ``None``).
        """
        if parameter == "visual_pollution":
            return self.visual_pollution
        number = self._values[parameter]
        return None if math.isnan(number) else number

    @property
    def volume(self) -> Volume | None:
        """Flow × duration in m³ (``None`` when either is unknown)."""
        if self.flow is None or self.duration is None:
            return None
        product: Volume = (self.flow * self.duration).to("m**3")
        return product

    @property
    def end(self) -> dt.date | None:
        """The end day of the discharge (start plus the duration rounded up to whole days)."""
        if self.start is None or self.duration is None:
            return None
        days = math.ceil(self._values["duration"] / 24 - 1e-9)
        return self.start + dt.timedelta(days=days)


@attrs.frozen(kw_only=True)
class DischargeSet:
    """Planned discharges (a dataset of kind ``discharges``)."""

    kind: str = attrs.field(default="discharges", validator=attrs.validators.in_(["discharges"]))
    discharges: tuple[DischargeActivity, ...] = ()
