"""The VITO Kennispunt Water action plan: focus domains, operational goals, action lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from waterbeleid._display import ContainerMixin, RecordMixin, Selection
from waterbeleid._enum import fold
from waterbeleid._fastpath import declare_check, declare_converter
from waterbeleid.policy._common import (
    Source,
    non_empty_text,
    optional_text,
    text_tuple,
    tuple_of,
)
from waterbeleid.policy.levers import ActionStatus, Importance, Lever
from waterbeleid.quarters import PeriodLike, Timing, as_timing

__all__ = [
    "ActionLine",
    "ActionPlan",
    "FocusDomain",
    "OperationalGoal",
    "normalise_action_code",
    "organisation_key",
]

# each run of spaces can be matched one way only, so a long run cannot cost quadratic time
_ACTION_CODE = re.compile(r"^\s*([A-Za-z]{2,})\s*(?:[-.]\s*)?(\d+)\s*\.\s*(\d+)\s*$")
# Exactly the codes that normalise_action_code leaves as they are.
_CANONICAL_CODE = re.compile(r"[A-Z]{2,} (?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")
_GOAL_CODE = re.compile(r"^[A-Z]{2,}-O\.D\.\d+$")


def normalise_action_code(code: str) -> str:
    """Normalise an action-line code to ``"BW 1.5"``; other text is returned unchanged.

    >>> normalise_action_code("bw1.5")
    'BW 1.5'
    >>> normalise_action_code("KP 4. 2")
    'KP 4.2'
    """
    if not isinstance(code, str) or _CANONICAL_CODE.fullmatch(code):
        return code
    match = _ACTION_CODE.match(code)
    if not match:
        return code
    return f"{match[1].upper()} {int(match[2])}.{int(match[3])}"


def organisation_key(name: str) -> str:
    """An organisation name folded for comparison: case and runs of spacing ignored.

    >>> organisation_key("Vito  Kennispunt Water") == organisation_key("VITO Kennispunt Water")
    True
    """
    return " ".join(name.split()).casefold()


def _action_code(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    non_empty_text(instance, attribute, value)
    if not _CANONICAL_CODE.fullmatch(value):
        raise ValueError(
            f"{attribute.name}: expected an action-line code like 'BW 1.5', found {value!r}"
        )


def _goal_code(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    non_empty_text(instance, attribute, value)
    if not _GOAL_CODE.match(value):
        raise ValueError(
            f"{attribute.name}: expected an operational-goal code like 'KP-O.D.1', found {value!r}"
        )


_optional_texts = attrs.validators.optional(text_tuple)

# What the validators check beyond the type, for values the converter has structured.
_is_canonical_code = _CANONICAL_CODE.fullmatch
declare_converter(normalise_action_code, keeps=_is_canonical_code)
declare_check(_action_code, _is_canonical_code)
declare_check(_goal_code, _GOAL_CODE.match)


@attrs.frozen(kw_only=True, repr=False)
class OperationalGoal(RecordMixin):
    """An *operationele doelstelling* (O.D.) of a focus domain, relying on one lever.

    Attributes:
        code: ``"KP-O.D.1"``.
        title: The goal as the document words it.
        lever: The *hefboom* it relies on.
        action_lines: Codes of its action lines, in document order.
    """

    code: str = attrs.field(validator=_goal_code)
    title: str = attrs.field(validator=non_empty_text)
    lever: Lever = attrs.field(validator=attrs.validators.instance_of(Lever))
    action_lines: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)

    @property
    def domain(self) -> str:
        """The code of the focus domain, ``"KP"`` for ``"KP-O.D.1"``."""
        return self.code.split("-", 1)[0]


@attrs.frozen(kw_only=True, repr=False)
class FocusDomain(RecordMixin):
    """A *focusdomein*: a challenge, a strategic goal and its operational goals.

    Attributes:
        code: ``"KP"``, ``"BW"``, ``"BT"`` or ``"BM"`` in the packaged plan.
        name: ``"Ketenaanpak polluenten"``.
        challenge: The *uitdaging* text.
        strategic_goal: The *strategische doelstelling*.
        operational_goals: Its operational goals, in document order.
    """

    code: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    challenge: str | None = attrs.field(default=None, validator=optional_text)
    strategic_goal: str | None = attrs.field(default=None, validator=optional_text)
    operational_goals: tuple[OperationalGoal, ...] = attrs.field(
        default=(),
        validator=tuple_of(OperationalGoal),
    )


@attrs.frozen(kw_only=True, repr=False)
class ActionLine(RecordMixin):
    """An *actielijn*: one row of the action tables.

    Attributes:
        code: Normalised ``"BW 1.5"``.
        goal: Code of its operational goal, ``"BW-O.D.1"``.
        lever: The lever; equal to its goal's lever (validation checks this).
        status: Planning, project, or carried out with own working resources.
        action: The *actie* text.
        output: The expected *output*.
        lead: *Initiator/trekker*: the organisations named in the cell, one per entry,
            each as written; ``None`` when the document leaves it to be determined.
        lead_text: The *initiator/trekker* cell as the document writes it (line breaks
            of the extraction as spaces), from which :attr:`lead` is read.
        partners: *Betrokken partners*, one per entry, as written; ``None`` when unknown.
        partners_text: The *betrokken partners* cell as the document writes it.
        timing: The *timing*; ``None`` when the document gives none.
        importance: *Relatief belang*; ``None`` when the document gives none.
        project: The project name for co-financed lines (``"Interreg WIJ-Water"``).
        notes: Remarks about the record, e.g. a cell that the document cuts off.
    """

    code: str = attrs.field(converter=normalise_action_code, validator=_action_code)
    goal: str = attrs.field(validator=_goal_code)
    lever: Lever = attrs.field(validator=attrs.validators.instance_of(Lever))
    status: ActionStatus = attrs.field(validator=attrs.validators.instance_of(ActionStatus))
    action: str = attrs.field(validator=non_empty_text)
    output: str | None = attrs.field(default=None, validator=optional_text)
    lead: tuple[str, ...] | None = attrs.field(default=None, validator=_optional_texts)
    lead_text: str | None = attrs.field(default=None, validator=optional_text)
    partners: tuple[str, ...] | None = attrs.field(default=None, validator=_optional_texts)
    partners_text: str | None = attrs.field(default=None, validator=optional_text)
    timing: Timing | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Timing))
    )
    importance: Importance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Importance))
    )
    project: str | None = attrs.field(default=None, validator=optional_text)
    notes: tuple[str, ...] = attrs.field(default=(), validator=text_tuple)

    @property
    def domain(self) -> str:
        """The code of the focus domain, ``"BW"`` for ``"BW 1.5"``."""
        return self.code.split(" ", 1)[0]

    @property
    def is_key(self) -> bool:
        """Whether the document marks this line a *Sleutelactie*."""
        return self.importance is Importance.KEY

    def involves(self, organisation: str, *, as_lead: bool = True, as_partner: bool = True) -> bool:
        """Whether the lead or partner entries name *organisation* (compared without
        regard to case or spacing, so ``"VITO kennispunt  water"`` finds
        ``"VITO Kennispunt Water"``).

        >>> from waterbeleid import catalogue
        >>> catalogue.vito_action_plan().action_line("KP 3.3").involves("VITO Kennispunt Water")
        True
        """
        wanted = organisation_key(organisation)
        names = (*(self.lead or ()),) if as_lead else ()
        names += (*(self.partners or ()),) if as_partner else ()
        return any(organisation_key(name) == wanted for name in names)


@attrs.frozen(kw_only=True, repr=False)
class ActionPlan(ContainerMixin):
    """The action plan as a whole (a dataset of kind ``action_plan``).

    >>> from waterbeleid import catalogue
    >>> plan = catalogue.vito_action_plan()
    >>> [d.code for d in plan.focus_domains]
    ['KP', 'BW', 'BT', 'BM']
    >>> plan.action_line("KP 1.3").lead
    ('VMM',)
    """

    default_table = "action_lines"

    kind: str = attrs.field(default="action_plan", validator=attrs.validators.in_(["action_plan"]))
    source: Source | None = None
    focus_domains: tuple[FocusDomain, ...] = ()
    action_lines: tuple[ActionLine, ...] = ()

    def __iter__(self) -> Iterator[ActionLine]:
        return iter(self.action_lines)

    def __len__(self) -> int:
        return len(self.action_lines)

    @property
    def operational_goals(self) -> tuple[OperationalGoal, ...]:
        """Every operational goal of every focus domain, in document order."""
        return tuple(g for d in self.focus_domains for g in d.operational_goals)

    def action_line(self, code: str) -> ActionLine:
        """The action line with this code (any spelling :func:`normalise_action_code` reads).

        Raises:
            KeyError: no such line.
        """
        wanted = normalise_action_code(code)
        for line in self.action_lines:
            if line.code == wanted:
                return line
        raise KeyError(f"no action line {code!r} in this plan")

    def goal(self, code: str) -> OperationalGoal:
        """The operational goal with this code.

        Raises:
            KeyError: no such goal.
        """
        for goal in self.operational_goals:
            if goal.code == code:
                return goal
        raise KeyError(f"no operational goal {code!r} in this plan")

    def lines(
        self,
        lever: Lever | str | None = None,
        status: ActionStatus | str | None = None,
        lead: str | None = None,
        active_in: PeriodLike | None = None,
        *,
        importance: Importance | str | None = None,
        domain: str | None = None,
        partner: str | None = None,
        starts_in: PeriodLike | None = None,
    ) -> Selection[ActionLine]:
        """The action lines that meet every condition given, in document order.

        Args:
            lever: A :class:`~waterbeleid.policy.levers.Lever`, or any of its spellings
                (``"kennis- en capaciteitsopbouw"``, ``"knowledge_capacity"``).
            status: An :class:`~waterbeleid.policy.levers.ActionStatus` or a spelling.
            lead: An organisation: keeps the lines whose lead list names it, as a whole
                entry or as whole words within one, compared without regard to case,
                accents or punctuation: ``"vmm"`` finds ``"VMM"`` and ``"VMM / VITO
                Kennispunt Water"``; ``"VITO"`` also finds ``"VITO Kennispunt Water"``.
            active_in: A period: a :class:`~waterbeleid.quarters.Quarter`, an ``int`` year,
                or a timing text (``"2026"``, ``"Q3 2025 - Q2 2026"``). Keeps the lines
                whose timing overlaps it, by :meth:`Timing.overlaps
                <waterbeleid.quarters.Timing.overlaps>`: an open-ended line counts from its
                start onwards, an ongoing line from its start (without one: always). Lines
                whose timing is to be determined, or not given, are left out and listed in
                the result's ``undetermined``.
            importance: An :class:`~waterbeleid.policy.levers.Importance` or a spelling;
                lines whose importance is unknown do not match.
            domain: A focus-domain code (``"BW"``).
            partner: An organisation that the partner list names.
            starts_in: A period: keeps the lines whose first quarter lies in it. Lines
                without a first quarter (to be determined, ongoing without a start, not
                given) are left out and listed in ``undetermined``.

        >>> from waterbeleid import catalogue
        >>> plan = catalogue.vito_action_plan()
        >>> found = plan.lines(lever="kennis- en capaciteitsopbouw", active_in=2026)
        >>> [line.code for line in found][:4], len(found.undetermined)
        (['KP 4.1', 'KP 4.2', 'KP 4.4', 'BW 1.1'], 4)
        >>> [line.code for line in plan.lines(lever="technologie & infrastructuur", starts_in=2026)]
        ['KP 1.2', 'KP 1.5', 'KP 1.6', 'KP 1.7']

        Raises:
            VocabularyError: a lever, status or importance that is no such value.
            TypeError: a period of the wrong type (the message says what is accepted).
            TimingParseError: a period text that is no timing.
        """
        wanted_lever = None if lever is None else Lever.parse(lever)
        wanted_status = None if status is None else ActionStatus.parse(status)
        wanted_importance = None if importance is None else Importance.parse(importance)
        period = None if active_in is None else as_timing(active_in, "active_in")
        start_period = None if starts_in is None else as_timing(starts_in, "starts_in")
        chosen: list[ActionLine] = []
        undetermined: list[ActionLine] = []
        for line in self.action_lines:
            if (
                (wanted_lever is not None and line.lever is not wanted_lever)
                or (wanted_status is not None and line.status is not wanted_status)
                or (wanted_importance is not None and line.importance is not wanted_importance)
                or (domain is not None and line.domain != domain.strip().upper())
                or (lead is not None and not _names(line.lead, lead))
                or (partner is not None and not _names(line.partners, partner))
            ):
                continue
            verdicts = []
            if period is not None:
                verdicts.append(None if line.timing is None else line.timing.overlaps(period))
            if start_period is not None:
                start = None if line.timing is None else line.timing.start
                verdicts.append(None if start is None else start_period.contains(start))
            if False in verdicts:
                continue
            if None in verdicts:
                undetermined.append(line)
                continue
            chosen.append(line)
        return Selection(chosen, undetermined, ActionLine)

    def lines_of(self, goal: str | OperationalGoal) -> tuple[ActionLine, ...]:
        """The action lines that name *goal* as theirs, in document order."""
        code = goal.code if isinstance(goal, OperationalGoal) else goal
        return tuple(line for line in self.action_lines if line.goal == code)


def _names(organisations: tuple[str, ...] | None, wanted: str) -> bool:
    """Whether a lead or partner list names the organisation *wanted*: as a whole entry or
    as whole words within one (``"VMM"`` in ``"VMM / VITO Kennispunt Water"``), compared
    without regard to case, accents or punctuation."""
    if not isinstance(wanted, str):
        raise TypeError(f"expected an organisation name as text, found {type(wanted).__name__}")
    key = f"_{fold(wanted)}_"
    return key != "__" and any(key in f"_{fold(name)}_" for name in organisations or ())
