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
