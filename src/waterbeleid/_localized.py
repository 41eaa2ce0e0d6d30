"""Texts that a ruleset file writes in English with a Dutch twin.

A :class:`Localized` is the English text itself (a :class:`str`, so it compares, hashes
and serialises as that text) and carries its Dutch twin in :attr:`Localized.nl`. The
explanation shows the twin where it speaks Dutch:

>>> reason = Localized("The tariff was not found.", "Het tarief is niet gevonden.")
>>> reason == "The tariff was not found.", in_language(reason, "nl")
(True, 'Het tarief is niet gevonden.')
>>> in_language("A text without a twin.", "nl")
'A text without a twin.'
"""

from __future__ import annotations

from typing import Any

__all__ = ["Localized", "in_language", "joined", "settle_twin"]


class Localized(str):
    """An English text with its Dutch twin (:attr:`nl`)."""

    nl: str

    def __new__(cls, en: str, nl: str | None = None) -> Localized:
        self = super().__new__(cls, en)
        self.nl = str(en) if nl is None else nl
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Localized, (str(self), self.nl))


def in_language(value: str, language: str | None) -> str:
    """*value* in *language*: the Dutch twin of a :class:`Localized` for ``"nl"``, else
    the text itself."""
    if language == "nl" and isinstance(value, Localized):
        return value.nl
    return value


def joined(*texts: str | None) -> str | None:
    """The texts that are given, joined by a space, in each language."""
    found = [t for t in texts if t]
    if not found:
        return None
    en = " ".join(str(t) for t in found)
    if not any(isinstance(t, Localized) for t in found):
        return en
    return Localized(en, " ".join(in_language(t, "nl") for t in found))


def settle_twin(obj: Any, name: str) -> None:
    """Make the field *name* of a frozen attrs object and its twin ``name_nl`` agree: a
    :class:`Localized` value sets the twin; a plain text with a twin becomes one."""
    value = getattr(obj, name)
    twin = name + "_nl"
    if isinstance(value, Localized):
        object.__setattr__(obj, twin, value.nl)
    elif value is not None and getattr(obj, twin) is not None:
        object.__setattr__(obj, name, Localized(value, getattr(obj, twin)))
