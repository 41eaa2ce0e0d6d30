"""The shell model (*schilbenadering*) of policy instruments in the WBS calendar."""

from __future__ import annotations

import attrs

from waterbeleid._display import RecordMixin
from waterbeleid._enum import LabelledEnum
from waterbeleid.policy._common import non_empty_text, optional_text

__all__ = ["Instrument", "LawBranch", "PolicyPhase", "Shell", "ShellElement"]


class Shell(LabelledEnum):
    """The three shells: the Omgevingswet at the heart, other legal instruments, and
    non-legal instruments (chosen when the legal shells are not sufficient or fitting)."""

    ENVIRONMENT_AND_PLANNING_ACT = ("environment_and_planning_act", "Omgevingswet", ("1",))
    OTHER_LEGAL = (
        "other_legal",
        "Overige juridische instrumenten (niet Omgevingswet)",
        ("2", "overige juridische instrumenten"),
    )
    NON_LEGAL = ("non_legal", "Niet-juridische instrumenten", ("3",))

    @property
    def number(self) -> int:
        """1, 2 or 3, counted from the heart of the model."""
        return list(Shell).index(self) + 1

    @property
    def is_legal(self) -> bool:
        """Shells 1 and 2 hold legal instruments."""
        return self is not Shell.NON_LEGAL


class LawBranch(LabelledEnum):
    """The two parts of shell 2."""

    PRIVATE = ("private", "Privaatrechtelijk", ("privaatrechtelijke juridische instrumenten",))
    PUBLIC = (
        "public",
        "Publiekrechtelijk",
        ("Publieksrechtelijk", "publiekrechtelijke juridische instrumenten"),
    )


class PolicyPhase(LabelledEnum):
    """The phases of the policy cycle (*beleidscyclus*) of the Omgevingswet."""

    DEVELOPMENT = ("development", "Beleidsontwikkeling", ())
    IMPLEMENTATION = ("implementation", "Doorwerking", ())
    EXECUTION = ("execution", "Uitvoering", ())
    FEEDBACK = ("feedback", "Terugkoppeling", ())


@attrs.frozen(kw_only=True, repr=False)
class Instrument(RecordMixin):
    """A policy instrument of the shell model.

    Attributes:
        name: As the document words it (``"instructieregels"``).
        shell: Its shell.
        branch: Private or public law, for shell 2.
        phase: Its phase of the policy cycle, for shell 1 instruments.
    """

    name: str = attrs.field(validator=non_empty_text)
    shell: Shell = attrs.field(validator=attrs.validators.instance_of(Shell))
    branch: LawBranch | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(LawBranch))
    )
    phase: PolicyPhase | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(PolicyPhase))
    )

    @property
    def is_legal(self) -> bool:
        """Whether the instrument is a legal one (shells 1 and 2)."""
        return self.shell.is_legal


@attrs.frozen(kw_only=True, repr=False)
class ShellElement(RecordMixin):
    """An element of a shell that the model names, such as the four elements of the
    Omgevingswet at its heart: (1) *Rolkeuze en Sturing via decentraal tenzij*,
    (2) *Samenhangende beleidscyclus*, (3) *Instrumentenmix*, (4) *Afwegingsruimte*.

    Attributes:
        shell: The shell it belongs to.
        number: Its number in the text, from 1.
        name: As the text names it.
        figure_label: As the figure of the model labels it, where that differs.
    """

    shell: Shell = attrs.field(validator=attrs.validators.instance_of(Shell))
    number: int = attrs.field(validator=attrs.validators.instance_of(int))
    name: str = attrs.field(validator=non_empty_text)
    figure_label: str | None = attrs.field(default=None, validator=optional_text)
