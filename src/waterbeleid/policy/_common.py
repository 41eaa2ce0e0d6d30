"""Small pieces shared by the policy modules: validators and the document source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from waterbeleid._display import RecordMixin
from waterbeleid._fastpath import declare_check

__all__ = [
    "Source",
    "SourceConflict",
    "Statement",
    "non_empty_text",
    "optional_of",
    "optional_text",
    "text_tuple",
    "tuple_of",
]


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

# What the validator checks beyond the type, for values the converter has structured (and
# so for optional_text and text_tuple, which apply it to a value that is not None and to
# each member).
declare_check(non_empty_text, str.strip)


def optional_of(cls: type) -> Any:
    """Validator: ``None`` or an instance of *cls*."""
    return attrs.validators.optional(attrs.validators.instance_of(cls))


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


@attrs.frozen(kw_only=True, repr=False)
class Statement(RecordMixin):
    """What one document says on a subject, in its own words.

    Attributes:
        document: The document (its file name or reference, as in :class:`Source`).
        text: The words of the document.
    """

    document: str = attrs.field(validator=non_empty_text)
    text: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True, repr=False)
class SourceConflict(RecordMixin):
    """Two or more documents that say different things on one subject.

    The dataset records every statement with its document; it does not choose.

    Attributes:
        subject: What the statements are about (``"participant_rule"``).
        statements: The statements, each with its document.
        note: How the dataset deals with the conflict.
    """

    subject: str = attrs.field(validator=non_empty_text)
    statements: tuple[Statement, ...] = attrs.field(validator=tuple_of(Statement))
    note: str | None = attrs.field(default=None, validator=optional_text)
