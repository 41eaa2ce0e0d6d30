"""Planned discharges of pumped groundwater and the vocabulary of the rules."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from waterbeleid import units
from waterbeleid._enum import LabelledEnum, fold
from waterbeleid._types import Concentration, Duration, Flow, Moment, Volume
from waterbeleid.discharge import exact, timespan
from waterbeleid.errors import StructureError, UnitError, VocabularyError

__all__ = [
    "FLAGS",
    "MEASUREMENTS",
    "PARAMETERS",
    "PARAMETER_TABLE",
    "REFERENCE_UNITS",
    "SUMS",
    "Authority",
    "DischargeActivity",
    "DischargeSet",
    "Measurements",
    "Obligation",
    "Origin",
    "Parameter",
    "Receiver",
    "gather_measurements",
    "measurement_key",
    "parameter_label",
]


@attrs.frozen
class Parameter:
    """One value of a discharge that a rule, a violation or the trace names, in both
    languages.

    Attributes:
        key: The English key (lower snake case), as rules, measurements and columns name it.
        name_en: The English name, as an English text names it (``suspended solids``).
        name_nl: The Dutch name, as the legal texts write it (``onopgeloste stoffen``).
        kind: ``"measured"`` (a quantity of the discharge: flow, duration, a concentration,
            a share), ``"sum"`` (the sum of measured concentrations that a rule names),
            ``"flag"`` (yes/no) or ``"context"`` (a fact about the discharge or the
            receiving water that the explanation names: origin, receiver, dates, whether
            the water body is designated).
        dimension: The dimension of a quantity (a key of
            :data:`waterbeleid.units.DIMENSIONS`); ``None`` for yes/no parameters.
        unit: The unit in which values are shown when converted; ``None`` for yes/no.
        aliases: Further spellings accepted as a measurement name (Dutch ones included).
    """

    key: str
    name_en: str
    name_nl: str
    kind: str
    dimension: str | None = None
    unit: str | None = None
    aliases: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        """The name in ``"en"`` or ``"nl"``."""
        return self.name_nl if language == "nl" else self.name_en


def _substance(key: str, en: str, nl: str, *aliases: str, unit: str = "ug/L") -> Parameter:
    return Parameter(key, en, nl, "measured", "concentration", unit, aliases)


#: Every value of a discharge that the rules and their explanation name, by key, with its
#: English and Dutch name, its kind and its unit: the one vocabulary of parameters.
#: :data:`PARAMETERS`, :data:`MEASUREMENTS`, :data:`SUMS`, :data:`FLAGS` and
#: :data:`REFERENCE_UNITS` are views of it; a parameter added here is measured, compared and
#: explained in both languages.
PARAMETER_TABLE: dict[str, Parameter] = {
    p.key: p
    for p in (
        Parameter(
            "flow", "flow", "debiet", "measured", "flow", "m**3/h", ("geloosde hoeveelheid",)
        ),
        Parameter("duration", "duration", "duur", "measured", "duration", "h"),
        _substance(
            "suspended_solids",
            "suspended solids",
            "onopgeloste stoffen",
            "gehalte onopgeloste stoffen",
            unit="mg/L",
        ),
        _substance("iron", "iron", "ijzer", "ijzergehalte", unit="mg/L"),
        _substance("naphthalene", "naphthalene", "naftaleen"),
        _substance(
            "pah",
            "PAHs (the sum of eight polycyclic aromatic hydrocarbons)",
            "PAK's",
            "pak",
            "paks",
            "pak_s",
        ),
        _substance(
            "btex",
            "BTEX (the sum of benzene, toluene, ethylbenzene and xylene)",
            "BTEX",
        ),
        _substance("benzene", "benzene", "benzeen"),
        _substance("toluene", "toluene", "tolueen"),
        _substance("ethylbenzene", "ethylbenzene", "ethylbenzeen"),
        _substance("xylene", "xylene", "xyleen", "xylenen"),
        _substance("tetrachloroethene", "tetrachloroethene", "tetrachlooretheen", "per"),
        _substance("trichloroethene", "trichloroethene", "trichlooretheen", "tri"),
        _substance("dichloroethene_1_2", "1,2-dichloroethene", "1,2-dichlooretheen"),
        _substance("trichloroethane_1_1_1", "1,1,1-trichloroethane", "1,1,1-trichloorethaan"),
        _substance("vinyl_chloride", "vinyl chloride", "vinylchloride"),
        _substance("monochlorobenzene", "monochlorobenzene", "monochloorbenzeen"),
        _substance("dichlorobenzenes", "dichlorobenzenes", "dichloorbenzenen"),
        _substance("trichlorobenzenes", "trichlorobenzenes", "trichloorbenzenen"),
        _substance(
            "volatile_organohalogens",
            "volatile organohalogen compounds, expressed as chlorine",
            "vluchtige organohalogeenverbindingen uitgedrukt als chloor",
            "vluchtige organohalogeenverbindingen",
        ),
        _substance(
            "aromatic_organohalogens",
            "aromatic organohalogen compounds",
            "aromatische organohalogeenverbindingen",
        ),
        _substance("mineral_oil", "mineral oil", "minerale olie"),
        _substance("cadmium", "cadmium", "cadmium"),
        _substance("mercury", "mercury", "kwik"),
        _substance("copper", "copper", "koper"),
        _substance("nickel", "nickel", "nikkel"),
        _substance("lead", "lead", "lood"),
        _substance("zinc", "zinc", "zink"),
        _substance("chromium", "chromium", "chroom"),
        Parameter(
            "receiving_water_share",
            "share of the receiving water's maximum flow",
            "aandeel in de maximale hoeveelheid water van het ontvangende water",
            "measured",
            "share",
            "percent",
        ),
        Parameter(
            "chlorinated_solvents_sum",
            "sum of tetrachloroethene, trichloroethene, 1,2-dichloroethene, "
            "1,1,1-trichloroethane and vinyl chloride",
            "som van tetrachlooretheen, trichlooretheen, 1,2-dichlooretheen, "
            "1,1,1-trichloorethaan en vinylchloride",
            "sum",
            "concentration",
            "ug/L",
        ),
        Parameter("visual_pollution", "visual pollution", "visuele verontreiniging", "flag"),
        Parameter(
            "designated_water_body",
            "designated surface water body",
            "aangewezen oppervlaktewaterlichaam",
            "context",
        ),
        Parameter("origin", "origin", "herkomst", "context"),
        Parameter("receiver", "receiver", "ontvanger", "context"),
        Parameter("start", "start", "begin", "context"),
        Parameter("end", "end", "einde", "context"),
    )
}

#: The measured parameters that a rule may name, with their dimension.
PARAMETERS: dict[str, str] = {
    k: p.dimension for k, p in PARAMETER_TABLE.items() if p.kind == "measured" and p.dimension
}

#: What ``DischargeActivity(measurements=...)`` takes: every measured parameter but the flow
#: and the duration (concentrations of substances, and the share of the receiving water).
MEASUREMENTS: tuple[str, ...] = tuple(k for k in PARAMETERS if k not in ("flow", "duration"))

#: Sums of measured concentrations that a rule may limit (the rule names the parts).
SUMS: dict[str, str] = {
    k: p.dimension for k, p in PARAMETER_TABLE.items() if p.kind == "sum" and p.dimension
}

#: The yes/no parameters that a rule may name.
FLAGS: tuple[str, ...] = tuple(k for k, p in PARAMETER_TABLE.items() if p.kind == "flag")

#: The units in which values are shown when converted (:meth:`DischargeActivity.value`).
#: Rules do not convert values: they compare each value in its own unit with the limit
#: converted exactly into that unit (:mod:`waterbeleid.discharge.exact`).
REFERENCE_UNITS: dict[str, str] = {
    k: p.unit for k, p in PARAMETER_TABLE.items() if p.unit and p.kind in ("measured", "sum")
}


#: The place of each measured parameter in :data:`PARAMETERS` (the order of measurements).
_ORDER: Final = {key: index for index, key in enumerate(PARAMETERS)}


def parameter_label(name: str, language: str = "en") -> str:
    """How a text in *language* names a parameter (:data:`PARAMETER_TABLE`); a name the
    table does not hold is shown with spaces for underscores.

    >>> parameter_label("suspended_solids"), parameter_label("naphthalene", "nl")
    ('suspended solids', 'naftaleen')
    """
    found = PARAMETER_TABLE.get(name)
    return name.replace("_", " ") if found is None else found.label(language)


_WHAT: Final = "discharge activity"


@functools.cache
def _measurement_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key in MEASUREMENTS:
        p = PARAMETER_TABLE[key]
        for spelling in (key, p.name_en, p.name_nl, *p.aliases):
            names.setdefault(fold(spelling), key)
    return names


def measurement_key(name: str) -> str:
    """The key of a measured parameter named in English or Dutch.

    >>> measurement_key("Minerale olie"), measurement_key("PAK's"), measurement_key("ijzer")
    ('mineral_oil', 'pah', 'iron')

    Raises:
        VocabularyError: a name that is no measured parameter.
    """
    found = _measurement_names().get(fold(name)) if isinstance(name, str) else None
    if found is None:
        shown = ", ".join(MEASUREMENTS[:6])
        raise VocabularyError(
            f"expected a substance or measured parameter (English key or Dutch name: {shown}, "
            f"...; see PARAMETER_TABLE), found {name!r}"
        )
    return found


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


#: The parameters that are fields of an activity and not measurements.
_OWN_FIELDS: frozenset[str] = frozenset(("flow", "duration", *FLAGS, "designated_water_body"))

#: The measurements that are fields of their own as well.
_FIELDS_IN_MEASUREMENTS: tuple[str, ...] = ("suspended_solids", "iron")


def _optional_bool(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{attribute.name}: expected true, false or None, found {value!r}")


def _optional_text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected a text or None, found {value!r}")


class Measurements(Mapping[str, Any]):
    """Measured values of a discharge by parameter key: read-only, hashable, in table order.

    Names may be the English keys of :data:`PARAMETER_TABLE` or the Dutch names
    (``"naftaleen"``, ``"minerale olie"``, ``"PAK's"``); values anything
    :func:`~waterbeleid.units.concentration` accepts (``"0,2 µg/l"``, a pint quantity), or
    a share for ``receiving_water_share`` (``"20%"``). ``None`` is not measured and is left
    out.

    >>> m = Measurements({"naftaleen": "0,1 µg/l", "suspended_solids": "12 mg/l"})
    >>> list(m), m["naphthalene"]
    (['suspended_solids', 'naphthalene'], <Quantity(0.1, 'microgram / liter')>)

    Raises:
        VocabularyError: a name that is no measured parameter, or one parameter named twice.
        UnitError: a value of the wrong dimension, without a unit, or negative.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        found: dict[str, Any] = {}
        for name, value in (values or {}).items():
            try:
                key = measurement_key(name)
            except VocabularyError as exc:
                raise VocabularyError(f"measurements: {exc}") from None
            if key in found:
                raise VocabularyError(
                    f"measurements: expected each parameter once, found {key!r} twice "
                    f"(as {name!r} too)"
                )
            found[key] = value
        checked: dict[str, Any] = {}
        for key in sorted(found, key=_ORDER.__getitem__):  # in table order
            value = found[key]
            if value is None:
                continue
            try:
                checked[key] = units.quantity(value, PARAMETERS[key])
            except UnitError as exc:
                raise UnitError(f"measurements.{key}: {exc}") from None
        self._values: dict[str, Any] = checked

    @classmethod
    def _checked(cls, values: Mapping[str, Any]) -> Measurements:
        """Measurements of values that are checked already (quantities of their
        parameters' dimensions, by key), in table order."""
        made = cls.__new__(cls)
        found = [key for key, value in values.items() if value is not None]
        made._values = {key: values[key] for key in sorted(found, key=_ORDER.__getitem__)}
        return made

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self._values) == dict(other)

    def __repr__(self) -> str:
        from waterbeleid.units import format_quantity

        inner = ", ".join(f"{k!r}: {format_quantity(v)!r}" for k, v in self._values.items())
        return f"Measurements({{{inner}}})"


@functools.lru_cache(maxsize=4096, typed=True)  # typed: a float and an equal Fraction differ
def _in_days(number: float | Fraction, unit: str) -> Fraction:
    """A measured duration in days, exactly."""
    return exact.decimal_value(number) * exact.factor(exact.unit_of(unit), exact.unit_of("day"))


def _to_measurements(value: Any) -> Measurements:
    if isinstance(value, Measurements):
        return value
    if value is None:
        return Measurements()
    if not isinstance(value, Mapping):
        raise TypeError(
            f"measurements: expected a mapping of substance to concentration, found "
            f"{type(value).__name__}"
        )
    return Measurements(value)


def _same(a: Any, b: Any) -> bool:
    """Whether two quantities are the same value, exactly."""
    (na, ua), (nb, ub) = exact.measure(a), exact.measure(b)
    return bool(
        exact.decimal_value(na) * exact.factor(exact.unit_of(ua), exact.unit_of(ub))
        == exact.decimal_value(nb)
    )


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
        suspended_solids: Suspended solids (*onopgeloste stoffen*) in any grab sample
            (also in :attr:`measurements`).
        iron: Iron content in any grab sample (also in :attr:`measurements`).
        visual_pollution: Whether the discharge causes visual pollution; ``None`` when not
            stated (for dewatering the rules assume clean water, and the assessment says so).
        start: The day (or day and time) it starts.
        end: The day (or day and time) it ends, when known; it must agree with the start
            and the duration.
        measurements: Every measured value by parameter (:class:`Measurements`): the
            concentrations of substances in any grab sample (``naphthalene``, ``pah``,
            ``mineral_oil``, …; Dutch names accepted), suspended solids and iron among
            them, and ``receiving_water_share`` where a rule asks for it. ``suspended_solids=``
            and ``iron=`` are the same values: give each once, or twice the same.
        designated_water_body: For a surface water receiver, whether it is a designated
            (*aangewezen*) surface water body; ``None`` when not known. Some limits differ
            between the two.
        water_board: The water board whose rules apply (a packaged ruleset's name such as
            ``"de_dommel"``, or the board's name); ``None``: the ruleset given to
            :func:`~waterbeleid.assess` decides (by default the Brabantse Delta rules).
        id: An identifier of your own (a register or permit number), kept as given.

    From a web form or a JSON body, use :meth:`from_mapping`: it reports every bad field
    at once. The constructor stops at the first, and its error names the field.

    Raises:
        UnitError: a quantity of the wrong dimension, without a unit, or negative.
        VocabularyError: an origin or receiver that is not one of the vocabulary, or a
            measurement name that is no known parameter.
        StructureError: a start or end that is not a date, an end before the start, an
            end that contradicts the duration, or a measurement given twice with two values.
        TypeError: ``visual_pollution`` or ``designated_water_body`` not a bool, ``id`` or
            ``water_board`` not a text, ``measurements`` not a mapping.
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
    measurements: Measurements = attrs.field(factory=Measurements, converter=_to_measurements)
    designated_water_body: bool | None = attrs.field(default=None, validator=_optional_bool)
    water_board: str | None = attrs.field(default=None, validator=_optional_text)
    id: str | None = attrs.field(default=None, validator=_optional_text)
    _measured: dict[str, tuple[float | Fraction, str]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _end_day: dt.date | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _volume: list[Fraction | None] = attrs.field(
        init=False, factory=list, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        merged = dict(self.measurements._values)
        for name in _FIELDS_IN_MEASUREMENTS:
            field, listed = getattr(self, name), merged.get(name)
            if field is not None and listed is not None and not _same(field, listed):
                from waterbeleid.units import format_quantity

                message = (
                    f"$.measurements.{name}: expected the value of {name} "
                    f"({format_quantity(field)}) or none, found {format_quantity(listed)}; "
                    "give the value once"
                )
                raise StructureError([message], what="discharge activity")
            value = field if field is not None else listed
            if value is not None:
                merged[name] = value
                object.__setattr__(self, name, value)
        if len(merged) != len(self.measurements):
            # every value is checked already (by its field's converter or the mapping's)
            object.__setattr__(self, "measurements", Measurements._checked(merged))
        measured: dict[str, tuple[float | Fraction, str]] = {}
        quantities = {"flow": self.flow, "duration": self.duration, **self.measurements._values}
        for name, quantity in quantities.items():
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
        ``visual_pollution`` and ``designated_water_body`` may be ``"ja"``/``"nee"`` (or a
        checkbox's ``"on"``), and a unit may stand in the key (``"flow [m3/h]": "12"``).
        Measurements come as a mapping under ``measurements``, or as fields of their own
        named by the substance, as the columns of a CSV file (``"naftaleen [µg/l]": "0,1"``;
        see :func:`gather_measurements`). Unknown keys are errors.

        >>> a = DischargeActivity.from_mapping({"origin": "bronnering",
        ...     "receiver": "oppervlaktewater", "flow": "12 m3/h", "duration": "3 weken",
        ...     "suspended_solids": "", "start": "2021-03-01", "naftaleen [µg/l]": "0,1"})
        >>> a.flow, a.suspended_solids, a.start
        (<Quantity(12, 'meter ** 3 / hour')>, None, datetime.date(2021, 3, 1))
        >>> a.measurements
        Measurements({'naphthalene': '0.1 µg/l'})

        Raises:
            StructureError: one error for all the bad fields; its message names every one
                (``$.flow: …; $.start: …``) and :attr:`~waterbeleid.StructureError.problems`
                gives them as ``(path, message)`` pairs.
        """
        from waterbeleid.serialize import _found, cells_record, structure

        if not isinstance(mapping, Mapping):
            raise StructureError(
                [f"$: expected a mapping of field names to values, found {_found(mapping)}"],
                _WHAT,
            )
        record = gather_measurements(cells_record(mapping, cls))
        return structure(record, cls, what=_WHAT, shown=None)

    def given(self, parameter: str) -> Any:
        """A parameter as given: a quantity, a ``bool`` for a yes/no parameter, or ``None``."""
        if parameter in _OWN_FIELDS:
            return getattr(self, parameter)
        return self.measurements.get(parameter)

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
        return _in_days(*found)

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


@functools.cache
def _activity_fields() -> frozenset[str]:
    return frozenset(f.name for f in attrs.fields(DischargeActivity) if f.init)


def gather_measurements(record: Mapping[Any, Any]) -> dict[Any, Any]:
    """A record of a discharge whose fields named by a substance (``naftaleen``,
    ``"minerale olie"``; a CSV column or a form field of its own) are moved into its
    ``measurements`` mapping, as :class:`DischargeActivity` takes them.

    Unknown values (``None``) are left out; a name that is neither a field nor a
    substance stays where it is, for the converter to report. The texts of a
    ``measurements`` mapping are read as cells are (an empty text is unknown, a unit may
    stand in the key).

    >>> gather_measurements({"origin": "bodemsanering", "naftaleen": "0,1 µg/l", "iron": None,
    ...                      "minerale olie": None})
    {'origin': 'bodemsanering', 'iron': None, 'measurements': {'naftaleen': '0,1 µg/l'}}
    """
    fields = _activity_fields()
    found: dict[Any, Any] = {}
    moved: dict[Any, Any] = {}
    for name, value in record.items():
        if isinstance(name, str) and name not in fields:
            try:
                measurement_key(name)
            except VocabularyError:
                pass
            else:
                if value is not None:
                    moved[name] = value
                continue
        found[name] = value
    listed = found.get("measurements")
    if isinstance(listed, Mapping) and all(isinstance(k, str) for k in listed):
        from waterbeleid.serialize import cells_record

        listed = {k: v for k, v in cells_record(listed, Measurements).items() if v is not None}
        found["measurements"] = listed
    if moved:
        if listed is None:
            found["measurements"] = moved
        elif isinstance(listed, Mapping):
            merged = dict(listed)
            for name, value in moved.items():
                if name in merged:  # named twice alike: left where it is, and reported
                    found[name] = value
                else:
                    merged[name] = value
            found["measurements"] = merged
    return found


@attrs.frozen(kw_only=True)
class DischargeSet:
    """Planned discharges (a dataset of kind ``discharges``)."""

    kind: str = attrs.field(default="discharges", validator=attrs.validators.in_(["discharges"]))
    discharges: tuple[DischargeActivity, ...] = ()
