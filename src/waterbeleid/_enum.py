"""The base of every closed vocabulary in waterbeleid.

Members carry an English value (the canonical serialised form, lower snake
case), a Dutch label as the source documents write it, and any other spellings
that the documents use. :meth:`LabelledEnum.parse` accepts all of them.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from typing import Any, Self

from waterbeleid.errors import VocabularyError

__all__ = ["LabelledEnum", "fold"]

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Fold text for lenient comparison: no accents, lower case, words joined by ``_``.

    >>> fold("Gemengd riool / Vuilwaterriool")
    'gemengd_riool_vuilwaterriool'
    >>> fold("Sleutelactie")
    'sleutelactie'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub("_", ascii_only.casefold()).strip("_")


#: Folded vocabulary texts, remembered: the values of a dataset repeat ("bronnering").
_fold_short = functools.lru_cache(maxsize=4096)(fold)


@functools.cache
def _spellings(cls: type[LabelledEnum]) -> dict[str, Any]:
    """Every accepted spelling of the members of *cls*, folded, to its member."""
    table: dict[str, Any] = {}
    for member in cls:
        for spelling in (str(member.value), member.name, member.label_nl, *member.aliases):
            table.setdefault(fold(spelling), member)
    return table


class LabelledEnum(enum.Enum):
    """An enum whose members have a Dutch label and accepted aliases.

    Subclasses define members as ``NAME = ("english_value", "Dutch label",
    ("alias", ...))``; the member's :attr:`~enum.Enum.value` is the English value.
    """

    _label_nl: str
    _aliases: tuple[str, ...]

    def __new__(cls, value: str, label_nl: str, aliases: tuple[str, ...] = ()) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member._label_nl = label_nl
        member._aliases = aliases
        return member

    @property
    def label_nl(self) -> str:
        """The Dutch label as the source documents write it."""
        return self._label_nl

    @property
    def label_en(self) -> str:
        """A readable English label derived from the value."""
        return str(self.value).replace("_", " ")

    @property
    def aliases(self) -> tuple[str, ...]:
        """Further spellings that :meth:`parse` accepts."""
        return self._aliases

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self:
        """Let the constructor accept what :meth:`parse` accepts: ``Lever("kennis- en
        capaciteitsopbouw")`` is ``Lever.KNOWLEDGE_CAPACITY``."""
        return cls.parse(value)  # type: ignore[arg-type]

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """Return the member named by *text*: its English value, its name, its Dutch label
        or an alias, compared without regard to case, accents or punctuation.

        Raises:
            VocabularyError: nothing matches (a :class:`ValueError`); the message lists
                what is accepted.
        """
        if isinstance(text, cls):
            return text
        exact = cls._value2member_map_.get(text) if isinstance(text, str) else None
        if exact is not None:
            return exact  # type: ignore[return-value]
        if not isinstance(text, str):
            raise VocabularyError(
                f"expected one of {cls.choices()} for {cls.__name__}, found {type(text).__name__}"
            )
        folded = _fold_short(text) if len(text) <= 100 else fold(text)
        member: Self | None = _spellings(cls).get(folded)
        if member is not None:
            return member
        raise VocabularyError(f"expected one of {cls.choices()} for {cls.__name__}, found {text!r}")

    @classmethod
    def choices(cls) -> str:
        """The accepted values and Dutch labels, for error messages."""
        return ", ".join(f"{m.value!r} ({m.label_nl})" for m in cls)
