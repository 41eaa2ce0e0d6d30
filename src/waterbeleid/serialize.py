"""The one cattrs converter: how waterbeleid objects become plain data and back.

The whole (un)structuring policy lives here:

* :class:`~waterbeleid.quarters.Quarter` <-> ``"2024Q3"`` (any notation that
  :meth:`~waterbeleid.quarters.Quarter.parse` reads is accepted on input);
* :class:`~waterbeleid.quarters.Timing` <-> its original text;
* pint quantities <-> ``"5 m³/h"``; ``{"magnitude": 5, "units": "m**3/h"}`` is
  accepted on input, as is any Dutch notation that :mod:`waterbeleid.units` reads;
* :class:`datetime.date` <-> ISO ``"2021-06-22"``; a moment (the start or end of a
  discharge) also takes a date and time, ``"2021-06-22T08:00"``;
  :class:`decimal.Decimal` <-> ``"60.10"``;
* enums <-> their English value; Dutch labels and aliases are accepted on input;
* ``str``, ``int``, ``float`` and ``bool`` are strict (``"5"`` is not an int);
  sequences must be lists (a string is not a list of characters);
* unknown keys are errors.

Errors come out as :class:`~waterbeleid.errors.StructureError` with one
``$.path: message`` per problem, all of them, not just the first.

Well-formed data takes a faster road to the same objects: for each attrs class a structure
function is generated that checks every field once and builds the object without running
its validators again (:mod:`waterbeleid._fastpath`); at the first problem the data goes
through cattrs' detailed path, which finds and reports every problem. Objects built by hand
are still validated by their ``__init__``.

>>> from waterbeleid.quarters import Quarter
>>> unstructure(Quarter(2024, 3))
'2024Q3'
>>> structure("Q3 2024", Quarter)
Quarter(year=2024, number=3)

The converter is built on first use (it imports cattrs), and well-formed data needs none;
importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import sys
import typing
from collections.abc import Callable, Iterable, Mapping
from types import UnionType
from typing import TYPE_CHECKING, Any, Final, TypeVar, Union, get_args, get_origin

import attrs

from waterbeleid import _types
from waterbeleid._enum import LabelledEnum
from waterbeleid._fastpath import FastFunctions
from waterbeleid.errors import OutOfRangeError, StructureError, WaterbeleidError
from waterbeleid.quarters import Quarter, Timing, parse_timing

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "YES_NO",
    "build_converter",
    "cells_record",
    "converter",
    "error_items",
    "structure",
    "unstructure",
]

T = TypeVar("T")

#: The largest decimal amount (euros) a dataset or ruleset may hold: a levy computed from it
#: and the largest volume that :data:`waterbeleid.units.BOUNDS` allows still fits the 28
#: significant digits of :mod:`decimal`.
MAX_AMOUNT = decimal.Decimal(10) ** 12


def _type_name(value: object) -> str:
    return {
        "str": "text",
        "int": "integer",
        "float": "number",
        "bool": "boolean",
        "NoneType": "null",
        "list": "list",
        "dict": "mapping",
    }.get(type(value).__name__, type(value).__name__)


def _shown(value: object) -> str:
    """A text as its repr, other values with their type (each cut at 60 characters)."""
    if isinstance(value, str):
        shown = repr(value)
        return shown if len(shown) <= 60 else shown[:57] + "..."
    return _found(value)


def _found(value: object) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{_type_name(value)} {shown}"


class _TypeMismatch(WaterbeleidError, TypeError):
    """A value of the wrong JSON type (internal; reported through StructureError)."""


class _BadValue(WaterbeleidError, ValueError):
    """One problem that an object's constructor found (internal; its message only)."""


def _strict(kind: type, label: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise _TypeMismatch(f"expected {label}, found {_found(value)}")
        if kind is float and isinstance(value, int):
            try:
                return float(value)
            except OverflowError:
                raise _TypeMismatch(f"expected {label} of at most 1e308, found {value}") from None
        if not isinstance(value, kind):
            raise _TypeMismatch(f"expected {label}, found {_found(value)}")
        return value

    return hook


def _structure_quarter(value: Any, _: Any) -> Quarter:
    if isinstance(value, Quarter):
        return value
    if not isinstance(value, str):
        raise _TypeMismatch(f"expected a quarter text like '2024Q3', found {_found(value)}")
    return Quarter.parse(value)


def _structure_timing(value: Any, _: Any) -> Timing:
    if isinstance(value, Timing):
        return value
    if not isinstance(value, str):
        raise _TypeMismatch(
            f"expected a timing text like 'Q1 2025 - Q3 2025', found {_found(value)}"
        )
    return parse_timing(value)


def _structure_quantity(value: Any, marker: Any) -> Any:
    from waterbeleid import units

    dimension = getattr(marker, "dimension", None)
    if isinstance(value, Mapping):
        if set(value) != {"magnitude", "units"}:
            raise _TypeMismatch(
                "expected a quantity text like '5 m3/h' or a mapping with exactly the keys "
                f"'magnitude' and 'units', found keys {sorted(map(str, value))}"
            )
        magnitude, unit_text = value["magnitude"], value["units"]
        if isinstance(magnitude, bool) or not isinstance(magnitude, (int, float)):
            raise _TypeMismatch(f"expected a number as magnitude, found {_found(magnitude)}")
        if not isinstance(unit_text, str):
            raise _TypeMismatch(f"expected a unit text as units, found {_found(unit_text)}")
        if not abs(magnitude) <= units.MAX_NUMBER:
            raise OutOfRangeError(
                f"expected a magnitude of at most {units.MAX_NUMBER:g}, found {magnitude!r}"
            )
        q = units.parse_quantity(f"1 {unit_text}") * magnitude
    elif isinstance(value, str):
        if dimension is not None:
            return units.quantity(value, dimension)  # texts repeat: this path is cached
        q = units.parse_quantity(value)
    else:
        q = value
    if dimension is None:
        if not hasattr(q, "dimensionality"):
            raise _TypeMismatch(f"expected a quantity text like '5 m3/h', found {_found(value)}")
        return q
    return units.quantity(q, dimension)


def _unstructure_quantity(value: Any) -> str:
    from waterbeleid.units import format_quantity

    return format_quantity(value)


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _TypeMismatch(f"expected a date without a time, found {_found(value)}")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _TypeMismatch(f"expected an ISO date like '2021-06-22', found {_shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _TypeMismatch(
            f"expected an ISO date like '2021-06-22', found {_shown(value)}"
        ) from None


def _structure_moment(value: Any, _: Any) -> dt.date:
    from waterbeleid.discharge.timespan import to_moment

    try:
        moment = to_moment(value, "value")
    except StructureError as exc:
        raise _TypeMismatch(exc.messages[0].split(": ", 1)[-1]) from None
    assert moment is not None
    return moment


def _structure_decimal(value: Any, _: Any) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, decimal.Decimal)):
        raise _TypeMismatch(f"expected a decimal amount like '60.10', found {_shown(value)}")
    try:
        result = decimal.Decimal(str(value).strip())
    except (decimal.InvalidOperation, ValueError):
        raise _TypeMismatch(
            f"expected a decimal amount like '60.10', found {_shown(value)}"
        ) from None
    if not result.is_finite():
        raise _TypeMismatch(f"expected a finite decimal amount, found {_shown(value)}")
    if abs(result) > MAX_AMOUNT:
        raise OutOfRangeError(
            f"expected an amount of at most {MAX_AMOUNT:,}, found {_shown(value)}"
        )
    return result


def _structure_enum(value: Any, cls: type[LabelledEnum]) -> LabelledEnum:
    return cls.parse(value)


def _is_labelled_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, LabelledEnum)


def _is_pint_quantity(t: Any) -> bool:
    """A class of pint quantities, without importing pint: no quantity exists before it is."""
    pint = sys.modules.get("pint")
    return pint is not None and isinstance(t, type) and issubclass(t, pint.Quantity)


def _is_quantity_marker(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, _types.Quantity)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_list_or_tuple(t: Any) -> bool:
    return get_origin(t) is list or _is_homogeneous_tuple(t)


def _sequence_factory(
    conv: cattrs.Converter, fast: FastFunctions | None
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    import cattrs.cols

    def factory(t: Any) -> Callable[[Any, Any], Any]:
        quick = None
        if _is_homogeneous_tuple(t):
            detailed = functools.cache(
                lambda: cattrs.cols.homogenous_tuple_structure_factory(t, conv)
            )
            quick = None if fast is None else fast.of(t)
        else:
            detailed = functools.cache(lambda: cattrs.cols.list_structure_factory(t, conv))

        def hook(value: Any, type_: Any) -> Any:
            if quick is not None:
                try:
                    return quick(value)
                except Exception:
                    pass
            if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
                raise _TypeMismatch(f"expected a list, found {_found(value)}")
            return detailed()(value, type_)

        return hook

    return factory


def _mapping_guard_factory(
    conv: cattrs.Converter, fast: FastFunctions | None
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    from cattrs.gen import make_dict_structure_fn

    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        quick = None if fast is None else fast.of(cls)
        detailed = functools.cache(
            lambda: make_dict_structure_fn(
                cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
            )
        )

        def hook(value: Any, type_: Any) -> Any:
            if quick is not None:
                try:
                    return quick(value)
                except Exception:
                    pass
            if isinstance(value, cls):
                return value
            if not isinstance(value, Mapping):
                raise _TypeMismatch(f"expected a mapping for {cls.__name__}, found {_found(value)}")
            if not all(isinstance(k, str) for k in value):
                raise _TypeMismatch(f"expected text keys, found {_found(list(value))}")
            return detailed()(value, type_)

        return hook

    return factory


#: The hooks of single types: registered on the converter, and used as they are by the
#: fast functions, which so need no converter for them.
_TYPE_HOOKS: dict[Any, Callable[[Any, Any], Any]] = {
    str: _strict(str, "text"),
    int: _strict(int, "an integer"),
    float: _strict(float, "a number"),
    bool: _strict(bool, "true or false"),
    Quarter: _structure_quarter,
    Timing: _structure_timing,
    dt.date: _structure_date,
    _types.Moment: _structure_moment,
    decimal.Decimal: _structure_decimal,
}

#: Types whose hook, given a ``str``, returns ``reader(text)``: the fast functions call the
#: reader directly.
_READERS: dict[type, Callable[[str], Any]] = {Timing: parse_timing, Quarter: Quarter.parse}


@functools.cache
def converter() -> cattrs.Converter:
    """The converter, built on first use and then shared."""
    return build_converter(functions=fast_functions())[0]


@functools.cache
def fast_functions() -> FastFunctions:
    """The fast functions that :func:`converter` tries first; :func:`structure` tries them
    before the converter is built, so well-formed data needs no cattrs at all."""
    return FastFunctions(
        lambda t: _TYPE_HOOKS.get(t) or converter().get_structure_hook(t), readers=_READERS
    )


def build_converter(
    *, fast: bool = True, functions: FastFunctions | None = None
) -> tuple[cattrs.Converter, FastFunctions | None]:
    """A new converter with the whole policy, and the fast functions it tries first.

    Args:
        fast: ``False`` for a converter that always takes the detailed path (to compare).
        functions: The fast functions to use; new ones by default.
    """
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for t, hook in _TYPE_HOOKS.items():
        conv.register_structure_hook(t, hook)
    conv.register_unstructure_hook(Quarter, lambda q: q.iso)
    conv.register_unstructure_hook(Timing, lambda t: t.text)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(_types.Moment, lambda d: d.isoformat())
    conv.register_unstructure_hook(decimal.Decimal, str)
    conv.register_structure_hook_func(_is_quantity_marker, _structure_quantity)
    conv.register_unstructure_hook_func(_is_quantity_marker, _unstructure_quantity)
    conv.register_unstructure_hook_func(_is_pint_quantity, _unstructure_quantity)
    conv.register_structure_hook_func(_is_labelled_enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_labelled_enum, lambda e: e.value)
    if not fast:
        functions = None
    elif functions is None:
        functions = FastFunctions(
            lambda t: _TYPE_HOOKS.get(t) or conv.get_structure_hook(t), readers=_READERS
        )
    conv.register_structure_hook_factory(_is_list_or_tuple, _sequence_factory(conv, functions))
    _register_domain_hooks(conv)
    conv.register_structure_hook_factory(attrs.has, _mapping_guard_factory(conv, functions))
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple, lambda t: lambda v: [conv.unstructure(x) for x in v]
    )
    return conv, functions


def _register_domain_hooks(conv: cattrs.Converter) -> None:
    """Hooks for domain containers that are not attrs classes."""
    from waterbeleid.discharge.model import Measurements
    from waterbeleid.policy.wbs import Measure, Measures

    quantity_or_bool = _types.Quantity | bool
    conv.register_structure_hook_func(
        lambda t: t == quantity_or_bool,
        lambda value, _: value if isinstance(value, bool) else _structure_quantity(value, None),
    )
    conv.register_unstructure_hook_func(
        lambda t: t == quantity_or_bool,
        lambda value: value if isinstance(value, bool) else _unstructure_quantity(value),
    )

    conv.register_structure_hook(
        Measures, lambda value, _: Measures(conv.structure(value, tuple[Measure, ...]))
    )

    def structure_measurements(value: Any, _: Any) -> Measurements:
        if isinstance(value, Measurements):
            return value
        if not isinstance(value, Mapping):
            raise _TypeMismatch(
                f"expected a mapping of substance to concentration, found {_found(value)}"
            )
        found = {
            k: (_structure_quantity(v, None) if isinstance(v, Mapping) else v)
            for k, v in value.items()
        }
        return Measurements(found)

    conv.register_structure_hook(Measurements, structure_measurements)
    conv.register_unstructure_hook(
        Measurements, lambda value: {k: _unstructure_quantity(v) for k, v in value.items()}
    )
    conv.register_unstructure_hook(
        Measures, lambda value: [conv.unstructure(m, Measure) for m in value.all]
    )

    from cattrs.gen import make_dict_unstructure_fn

    from waterbeleid.discharge.ruleset import Gap, Include, QualityRule, RulesetVersion

    for holder in (Gap, Include, QualityRule, RulesetVersion):  # texts with a Dutch twin
        conv.register_unstructure_hook(
            holder, functools.partial(_plain_texts, make_dict_unstructure_fn(holder, conv))
        )


def _plain_texts(base: Callable[[Any], dict[str, Any]], obj: Any) -> dict[str, Any]:
    """*obj* unstructured by *base*, with its texts as plain :class:`str` (a text with a
    Dutch twin is a :class:`str` subclass, which YAML dumpers refuse)."""
    return {k: (str(v) if isinstance(v, str) else v) for k, v in base(obj).items()}


def _format_exception(exc: BaseException, type_: type | None) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, WaterbeleidError):
        return str(exc)
    return str(exc) or type(exc).__name__


def error_leaves(exc: BaseException, path: str = "$") -> list[tuple[str, BaseException]]:
    """Every leaf problem in a cattrs exception as ``(path, exception)`` pairs."""
    from cattrs.errors import ClassValidationError, IterableValidationError

    leaves: list[tuple[str, BaseException]] = []
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = f".{note.name}" if hasattr(note, "name") else f"[{note.index!r}]"
            leaves.extend(error_leaves(sub, path + step))
        for plain in without:
            leaves.extend(error_leaves(plain, path))
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            leaves.extend(error_leaves(member, path))
    elif isinstance(exc, StructureError) and all(m.startswith("$.") for m in exc.messages):
        # raised by a constructor, with paths inside the object: join them to ours
        for message in exc.messages:
            where, _, text = message.partition(": ")
            leaves.append((path + where[1:], _BadValue(text)))
    else:
        leaves.append((path, exc))
    return leaves


def error_items(exc: BaseException) -> list[tuple[str, str]]:
    """Every problem in a cattrs exception as ``(path, message)`` pairs, paths like ``$.a[0].b``."""
    return [(path, _format_exception(leaf, None)) for path, leaf in error_leaves(exc)]


#: The texts a yes/no cell may hold (compared without regard to case).
YES_NO: Final[dict[str, bool]] = {
    "true": True,
    "ja": True,
    "yes": True,
    "1": True,
    "on": True,  # a checked HTML checkbox
    "false": False,
    "nee": False,
    "no": False,
    "0": False,
    "off": False,
}


def _is_flag(hint: Any) -> bool:
    return hint is bool or (get_origin(hint) in (Union, UnionType) and bool in get_args(hint))


@functools.cache
def _flags(cls: type) -> frozenset[str]:
    """The yes/no fields of *cls*."""
    return frozenset(name for name, hint in typing.get_type_hints(cls).items() if _is_flag(hint))


def cells_record(cells: Mapping[Any, Any], cls: type) -> dict[Any, Any]:
    """A record of *cls* from cells as a CSV row or a web form gives them, for
    :func:`structure` (which then checks it as it checks a dataset file).

    * every text is stripped, and an empty text is unknown (``None``), as a blank cell;
    * a yes/no field (``bool`` or ``bool | None`` in *cls*) takes ``true``/``false``,
      ``ja``/``nee``, ``yes``/``no``, ``1``/``0`` and ``on``/``off`` (:data:`YES_NO`);
    * a unit may stand in the key, ``"flow [m3/h]": "12"`` is ``"flow": "12 m3/h"`` (a
      number too: ``12``).

    Anything else is passed on as it is, for :func:`structure` to accept or report.

    >>> from waterbeleid.discharge import DischargeActivity
    >>> cells_record({"flow [m3/h]": " 12 ", "iron": "", "visual_pollution": "Nee"},
    ...              DischargeActivity)
    {'flow': '12 m3/h', 'iron': None, 'visual_pollution': False}
    """
    flags = _flags(cls)
    record: dict[Any, Any] = {}
    for key, cell in cells.items():
        if not isinstance(key, str):
            record[key] = cell  # reported by structure()
            continue
        name, _, unit = key.partition("[")
        name = name.strip()
        unit = unit.rstrip("]").strip()
        value: Any = cell.strip() if isinstance(cell, str) else cell
        if value == "":
            value = None
        elif name in flags and isinstance(value, str):
            value = YES_NO.get(value.casefold(), value)
        elif unit and (
            isinstance(value, str)
            or (isinstance(value, (int, float)) and not isinstance(value, bool))
        ):
            value = f"{value} {unit}"
        record[name] = value
    return record


def structure(data: Any, cls: type[T], *, what: str | None = None, shown: int | None = 5) -> T:
    """Turn plain data (as loaded from JSON or YAML) into an object of *cls*.

    Raises:
        StructureError: listing every problem as ``$.path: message`` in its
            :attr:`~waterbeleid.errors.StructureError.messages`; its text names the first
            *shown* of them (``None``: all).
    """
    fast = fast_functions().of(cls)
    if fast is not None:
        try:
            made: T = fast(data)
            return made
        except Exception:
            pass
    from cattrs.errors import BaseValidationError

    name = what or str(getattr(cls, "__name__", "data"))
    try:
        result: T = converter().structure(data, cls)
    except BaseValidationError as exc:
        messages = [f"{path}: {message}" for path, message in error_items(exc)]
        raise StructureError(messages, name, shown=shown) from None
    except WaterbeleidError as exc:
        if isinstance(exc, StructureError):
            raise
        raise StructureError([f"$: {exc}"], name, shown=shown) from None
    return result


def unstructure(obj: Any) -> Any:
    """Turn a waterbeleid object into plain data that :func:`structure` reads back."""
    return converter().unstructure(obj)
