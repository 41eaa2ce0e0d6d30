"""The closed vocabularies of the VITO Kennispunt Water action plan."""

from __future__ import annotations

from waterbeleid._enum import LabelledEnum

__all__ = ["ActionStatus", "Importance", "Lever"]


class Lever(LabelledEnum):
    """A *hefboom*: the kind of means an operational goal relies on.

    >>> Lever.parse("technologie & infrastructuur")
    <Lever.TECHNOLOGY_INFRASTRUCTURE: 'technology_infrastructure'>
    >>> Lever.KNOWLEDGE_CAPACITY.label_nl
    'kennis- en capaciteitsopbouw'
    """

    TECHNOLOGY_INFRASTRUCTURE = (
        "technology_infrastructure",
        "technologie & infrastructuur",
        ("technologie en infrastructuur",),
    )
    FINANCE_BUSINESS_MODELS = (
        "finance_business_models",
        "financiering & businessmodellen",
        ("financiering en businessmodellen",),
    )
    INSTITUTIONAL_RULES = ("institutional_rules", "institutionele regels", ())
    KNOWLEDGE_CAPACITY = (
        "knowledge_capacity",
        "kennis- en capaciteitsopbouw",
        ("kennis en capaciteitsopbouw", "kennis & capaciteitsopbouw"),
    )


class Importance(LabelledEnum):
    """The *relatief belang* of an action line.

    >>> Importance.parse("Sleutelactie")
    <Importance.KEY: 'key'>
    """

    KEY = ("key", "Sleutelactie", ("Steutelactie",))
    SUPPORTING = ("supporting", "Ondersteunend", ())

    @classmethod
    def from_cut_off(cls, letters: str) -> Importance | None:
        """Read a cut-off cell of the column *Relatief belang* from its visible letters.

        The rule of the packaged plan: the visible letters, in the order the document
        shows them (spaces and hyphens of the extraction ignored, case ignored), must start
        with the first letter of a value and occur in it in that order; when exactly one
        value fits, it is the reading. No letters, or letters that fit both values or
        neither, give ``None`` (unknown).

        >>> Importance.from_cut_off("Sleu"), Importance.from_cut_off("O")
        (<Importance.KEY: 'key'>, <Importance.SUPPORTING: 'supporting'>)
        >>> Importance.from_cut_off("Onder-steunen")
        <Importance.SUPPORTING: 'supporting'>
        >>> Importance.from_cut_off("") is None, Importance.from_cut_off("e") is None
        (True, True)
        """
        wanted = "".join(c for c in letters.casefold() if c not in " -\u00ad")
        if not wanted:
            return None
        fits = {
            member
            for member in cls
            for spelling in (member.label_nl, *member.aliases)
            if _starts_and_follows(wanted, spelling.casefold())
        }
        return fits.pop() if len(fits) == 1 else None


def _starts_and_follows(letters: str, word: str) -> bool:
    """Whether *letters* start as *word* starts and occur in *word* in order."""
    if not letters or not word or letters[0] != word[0]:
        return False
    rest = iter(word)
    return all(letter in rest for letter in letters)


class ActionStatus(LabelledEnum):
    """How an action line is carried out.

    ``PLANNING``: valued and in preparation, still open to refinement;
    ``PROJECT``: carried out with co-financing together with project partners;
    ``CORE``: carried out with VITO Kennispunt Water's own working resources
    (the document marks neither planning nor project).
    """

    PLANNING = ("planning", "planning", ())
    PROJECT = ("project", "project", ())
    CORE = ("core", "werkingsmiddelen", ("eigen werkingsmiddelen",))
