"""Small pieces shared by the policy modules: validators and the document source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from waterbeleid._display import RecordMixin

__all__ = ["Source", "non_empty_text", "optional_text", "text_tuple", "tuple_of"]


def non_empty_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a non-empty ``str``."""
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected text, found {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{attribute.name}: expected non-empty text, found {value!r}")


optional_text: Callable[[Any, attrs.Attribute[Any], Any], None] = attrs.validators.optional(
    non_empty_text
)

text_tuple = attrs.validators.deep_iterable(
    member_validator=non_empty_text, iterable_validator=attrs.validators.instance_of(tuple)
)


def tuple_of(cls: type) -> Any:
    """Validator: a ``tuple`` whose members are all instances of *cls*."""
    return attrs.validators.deep_iterable(
        attrs.validators.instance_of(cls), attrs.validators.instance_of(tuple)
    )


@attrs.frozen(kw_only=True, repr=False)
class Source(RecordMixin):
    """The document a dataset was taken from.

    Attributes:
        document: The file name or reference of the document.
        title: Its title.
        publisher: Who published it.
        date: Its date, when known.
        year: Its year, when only the year is known.
        place: Where it was published, when the document says.
    """

    document: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    publisher: str | None = attrs.field(default=None, validator=optional_text)
    date: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    year: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )
    place: str | None = attrs.field(default=None, validator=optional_text)
