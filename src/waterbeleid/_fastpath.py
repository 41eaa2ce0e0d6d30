"""Structure functions for well-formed input, generated once per attrs class.

:mod:`waterbeleid.serialize` structures through cattrs' detailed functions: they try every
field, collect every problem with its ``$.path``, then call the class, whose ``__init__``
runs the attrs converters and validators again. For input without a problem that is every
check made twice, each through several layers of calls. A function made here checks once:
it reads the mapping, structures each field (inline for ``str``, ``int``, ``bool``,
``float``, enums, ``X | None`` and tuples; through the converter's own hook otherwise),
applies the field's attrs converter, checks what the field's validator checks beyond the
type (through the cheap form declared with :func:`declare_check`, else by calling the
validator as ``__init__`` does) and sets the slots of a new object without calling
``__init__``.

It stops at the first problem of any kind, and the converter then structures the same input
again through the detailed path, which reports every problem as it always has. So these
functions never decide what is an error; they only have to build the objects that the
detailed path builds, for the input it accepts, which the tests check.

Importing this module is cheap (attrs only); declaring a check costs a dictionary entry.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs

from waterbeleid._enum import LabelledEnum

__all__ = ["Fallback", "FastFunctions", "declare_check", "declare_converter"]

T = TypeVar("T")

Hook = Callable[[Any, Any], Any]
Fast = Callable[[Any], Any]


class Fallback(Exception):
    """Raised by a fast function on input it does not take; the detailed path takes over."""


_FACTORY: Any = type(attrs.Factory(list))  # the class; type checkers see a function
_CHECKS: dict[Any, Callable[[Any], object]] = {}
_KEEPS: dict[Any, Callable[[Any], object]] = {}


def declare_check(validator: T, check: Callable[[Any], object]) -> T:
    """Declare *check* the cheap form of the attrs *validator*; return *validator*.

    For a value that already has the field's annotated type (the converter checks the type
    first), ``check(value)`` must be true exactly when *validator* accepts it. Objects built
    by hand are still checked by *validator* itself. ``attrs.validators.optional(v)`` and
    ``attrs.validators.deep_iterable(v, instance_of(tuple))`` of a declared ``v`` need no
    declaration of their own.
    """
    _CHECKS[validator] = check
    return validator


def declare_converter(converter: T, keeps: Callable[[Any], object]) -> T:
    """Declare that the attrs *converter* returns every value for which ``keeps(value)`` is
    true unchanged, so that structuring may skip it for those; return *converter*."""
    _KEEPS[converter] = keeps
    return converter


def _optional_inner(t: Any) -> Any:
    """``X`` for ``X | None``, else ``None``."""
    if get_origin(t) in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        if len(args) == 1 and len(get_args(t)) == 2:
            return args[0]
    return None


def _tuple_item(t: Any) -> Any:
    """``X`` for ``tuple[X, ...]``, else ``None``."""
    args = get_args(t)
    if get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _known(t: Any) -> list[Any]:
    """The validators whose cheap form is known for a value of type *t*: the declared ones,
    ``instance_of(t)``, and ``optional`` and ``deep_iterable(..., instance_of(tuple))`` of
    those of ``X`` for ``X | None`` and ``tuple[X, ...]``."""
    known = list(_CHECKS)
    if isinstance(t, type):
        known.append(attrs.validators.instance_of(t))
    inner, item = _optional_inner(t), _tuple_item(t)
    if inner is not None:
        known += [attrs.validators.optional(w) for w in _known(inner)]
    if item is not None:
        tuples = attrs.validators.instance_of(tuple)
        known += [attrs.validators.deep_iterable(w, tuples) for w in _known(item)]
    return known


def _parts(validator: Any, wrap: Callable[[Any], Any], t: Any) -> Any:
    """The known validator ``w`` for *t* with ``wrap(w) == validator``, or ``None``.
    attrs validators compare equal by their arguments."""
    for candidate in _known(t):
        if validator == wrap(candidate):
            return candidate
    return None


def tuple_of(value: Any, item: Fast) -> tuple[Any, ...]:
    """A list or tuple structured member by member with *item*; else :class:`Fallback`."""
    if type(value) is not list and type(value) is not tuple:
        raise Fallback
    return tuple([item(x) for x in value])


def _slot(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        found = klass.__dict__.get(name)
        if found is not None:
            return found if isinstance(found, types.MemberDescriptorType) else None
    return None


def _supported(cls: type) -> bool:
    """Slotted attrs classes whose ``__init__`` does nothing but convert, set and validate."""
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        return False
    try:
        attrs.resolve_types(cls)
    except Exception:
        return False
    hooks = ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    if any(hasattr(cls, name) for name in hooks):
        return False
    if any("_attrs_cached_hash" in getattr(k, "__slots__", ()) for k in cls.__mro__):
        return False
    for a in attrs.fields(cls):
        if not a.init or isinstance(a.type, str) or _slot(cls, a.name) is None:
            return False
        if isinstance(a.converter, attrs.Converter):
            return False
        if isinstance(a.default, _FACTORY) and a.default.takes_self:
            return False
    return True


class _Script:
    """The lines of one generated function and the objects its names refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"_Fallback": Fallback}

    def ref(self, obj: Any) -> str:
        """A global name for *obj* in the generated code."""
        name = f"_g{len(self.names)}"
        self.names[name] = obj
        return name


class FastFunctions:
    """The fast functions of one converter, made on first use and kept.

    They inline the converter's rules for ``str``, ``int``, ``bool`` and ``float`` (strict:
    the type itself, an ``int`` for a ``float``), for enums (the English value), for
    ``X | None`` (``None``, or as ``X``) and for ``tuple[X, ...]`` (a list, member by
    member), and take anything else to the converter's hook. Where the converter reads
    more (a Dutch label, a subclass of ``str``) the fast function gives up and the
    detailed path reads it; a change to those rules must change both.

    Args:
        hook_of: The converter's structure hook for a type (``converter.get_structure_hook``).
        readers: Types whose hook, given a ``str``, returns ``reader(text)``.
    """

    def __init__(
        self, hook_of: Callable[[Any], Hook], readers: Mapping[type, Fast] | None = None
    ) -> None:
        self._hook_of = hook_of
        self._readers = dict(readers or {})
        self._made: dict[Any, Fast | None] = {}

    def of(self, t: Any) -> Fast | None:
        """A function that structures a value of type *t* or raises, when one is faster
        than the converter's hook: slotted attrs classes whose ``__init__`` only converts,
        sets and validates, and tuples of them. ``None`` otherwise."""
        try:
            known = t in self._made
        except TypeError:  # an unhashable type form: leave it to the converter
            return None
        if known:
            made = self._made[t]
            if made is _BEING_MADE:  # a class that contains itself: look it up when called
                return lambda value: self._made[t](value)  # type: ignore[misc]
            return made
        self._made[t] = _BEING_MADE
        try:
            made = self._make(t)
        finally:
            self._made.pop(t, None)
        self._made[t] = made
        return made

    def _make(self, t: Any) -> Fast | None:
        if isinstance(t, type) and attrs.has(t):
            return self._make_class(t) if _supported(t) else None
        item = _tuple_item(t)
        fast = None if item is None else self.of(item)
        if fast is None:
            return None
        return lambda value: tuple_of(value, fast)

    def _make_class(self, cls: type) -> Fast:
        out = _Script()
        fields = attrs.fields(cls)
        required = sum(a.default is attrs.NOTHING for a in fields)
        lines = [
            "def fast(o):",
            "  if type(o) is not dict: raise _Fallback",
            f"  obj = {out.ref(object.__new__)}({out.ref(cls)})",
            f"  found = {required}",
        ]
        after: list[str] = []  # validators without a cheap form, run as __init__ runs them
        for i, a in enumerate(fields):
            v = f"v{i}"
            if a.converter is None:
                present = self._value_lines(a.type, a.validator, v, out)
                checks = self._check_lines(a.type, a.validator, v, out)
                if present is None or checks is None:
                    present, checks = self._structure_lines(a.type, v, out), []
                    after.append(f"  {out.ref(a.validator)}(obj, {out.ref(a)}, {v})")
                convert = []
            else:
                present = self._structure_lines(a.type, v, out)
                convert = self._convert_lines(a, v, out) or []
                if not convert:
                    convert = [f"{v} = {out.ref(a.converter)}({v})"]
                    after.append(f"  {out.ref(a.validator)}(obj, {out.ref(a)}, {v})")
                present += convert
                checks = []
            if a.default is attrs.NOTHING:
                lines += _indent([f"{v} = o[{a.name!r}]", *present])
            else:
                if isinstance(a.default, _FACTORY):
                    default = f"{out.ref(a.default.factory)}()"
                else:
                    default = out.ref(a.default)
                missing = [f"{v} = {default}", *convert]
                if not (a.converter is None and _holds_for(a.default, checks, v)):
                    missing += checks
                lines += [
                    f"  if {a.name!r} in o:",
                    *_indent([f"{v} = o[{a.name!r}]", "found += 1", *present], 2),
                    "  else:",
                    *_indent(missing, 2),
                ]
            lines.append(f"  {out.ref(_slot(cls, a.name).__set__)}(obj, {v})")
        lines += ["  if len(o) != found: raise _Fallback", *after, "  return obj"]
        code = compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec")
        exec(code, out.names)
        made: Fast = out.names["fast"]
        made.__name__ = made.__qualname__ = f"fast_structure_{cls.__name__}"
        return made

    def _convert_lines(self, a: attrs.Attribute[Any], v: str, out: _Script) -> list[str] | None:
        """The attrs converter of field *a* applied to *v*, then the checks of its validator;
        ``None`` when the validator has no cheap form. When the converter keeps what the
        check accepts, a value that passes is not converted and checked again."""
        convert = f"{v} = {out.ref(a.converter)}({v})"
        checks = self._check_lines(a.type, a.validator, v, out)
        keeps = _KEEPS.get(a.converter)
        if checks is None:
            return None
        if keeps is None:
            return [convert, *checks]
        test = f"if not {out.ref(keeps)}({v}):"
        if keeps == _CHECKS.get(a.validator):
            return [test, f"  {convert}", f"  {test} raise _Fallback"]
        return [test, f"  {convert}", *checks]

    def _value_lines(self, t: Any, validator: Any, v: str, out: _Script) -> list[str] | None:
        """Statements that turn the raw value in *v* into a value of type *t* that
        *validator* accepts; ``None`` when the validator has no cheap form."""
        inner = _optional_inner(t)
        if inner is not None and validator not in _CHECKS:
            optional = attrs.validators.optional
            part = None if validator is None else _parts(validator, optional, inner)
            if validator is None or part is not None:
                body = self._value_lines(inner, part, v, out)
                return None if body is None else [f"if {v} is not None:", *_indent(body)]
        item = _tuple_item(t)
        if item in (str, int, bool) and validator not in _CHECKS:
            tuples = attrs.validators.instance_of(tuple)
            part = None
            if validator is not None:
                part = _parts(validator, lambda w: attrs.validators.deep_iterable(w, tuples), item)
                if part is None:
                    return None
            checks = self._check_lines(item, part, "x", out)
            if checks is None:
                return None
            return [
                f"if type({v}) is not list and type({v}) is not tuple: raise _Fallback",
                f"for x in {v}:",
                f"  if type(x) is not {out.ref(item)}: raise _Fallback",
                *_indent(checks),
                f"{v} = tuple({v})",
            ]
        checks = self._check_lines(t, validator, v, out)
        return None if checks is None else self._structure_lines(t, v, out) + checks

    def _structure_lines(self, t: Any, v: str, out: _Script) -> list[str]:
        """Statements that turn the raw value in variable *v* into a value of type *t*."""
        if t in (str, int, bool):
            return [f"if type({v}) is not {out.ref(t)}: raise _Fallback"]
        if t is float:
            return [
                f"if type({v}) is not float:",
                f"  if type({v}) is not int: raise _Fallback",
                f"  {v} = float({v})",
            ]
        inner = _optional_inner(t)
        if inner is not None:
            return [f"if {v} is not None:", *_indent(self._structure_lines(inner, v, out))]
        item = _tuple_item(t)
        if item in (str, int, bool):
            return self._value_lines(t, None, v, out) or []
        later = f"{out.ref(_Later(self._hook_of, t))}({v}, {out.ref(t)})"
        if isinstance(t, type) and issubclass(t, LabelledEnum):
            members = out.ref({m.value: m for m in t})
            return [
                f"if type({v}) is str and {v} in {members}: {v} = {members}[{v}]",
                f"else: {v} = {later}",
            ]
        if t in self._readers:
            reader = out.ref(self._readers[t])
            return [f"if type({v}) is str: {v} = {reader}({v})", f"else: {v} = {later}"]
        fast = self.of(t)
        if fast is not None:
            return [f"{v} = {out.ref(fast)}({v})"]
        return [f"{v} = {later}"]

    def _check_lines(self, t: Any, validator: Any, v: str, out: _Script) -> list[str] | None:
        """Statements that raise unless *validator* accepts the value of type *t* in *v*;
        ``None`` when the validator has no cheap form."""
        if validator is None:
            return []
        if isinstance(t, type) and validator == attrs.validators.instance_of(t):
            return []  # the converter's hook for t returns a t or raises
        check = _CHECKS.get(validator)
        if check is not None:
            return [f"if not {out.ref(check)}({v}): raise _Fallback"]
        inner = _optional_inner(t)
        if inner is not None:
            part = _parts(validator, attrs.validators.optional, inner)
            body = None if part is None else self._check_lines(inner, part, v, out)
            if body is None:
                return None
            return [f"if {v} is not None:", *_indent(body)] if body else []
        item = _tuple_item(t)
        if item is not None:
            tuples = attrs.validators.instance_of(tuple)
            part = _parts(validator, lambda w: attrs.validators.deep_iterable(w, tuples), item)
            body = None if part is None else self._check_lines(item, part, "x", out)
            if body is None:
                return None
            return [f"for x in {v}:", *_indent(body)] if body else []
        return None


class _Later:
    """The converter's hook for a type, looked up when first called, so that making a fast
    function needs no converter (and data without such fields no cattrs)."""

    def __init__(self, hook_of: Callable[[Any], Hook], t: Any) -> None:
        self._hook_of, self._t = hook_of, t
        self._hook: Hook | None = None

    def __call__(self, value: Any, t: Any) -> Any:
        if self._hook is None:
            self._hook = self._hook_of(self._t)
        return self._hook(value, t)


def _holds_for(default: Any, checks: list[str], v: str) -> bool:
    """Whether *checks* pass for a default that needs none: ``None`` where they start with
    a test for ``None``, an empty tuple where they loop over the members."""
    if not checks:
        return True
    if default is None:
        return checks[0] == f"if {v} is not None:"
    return default == () and checks[0] == f"for x in {v}:"


def _indent(lines: list[str], times: int = 1) -> list[str]:
    return ["  " * times + line for line in lines]


_BEING_MADE: Any = object()
