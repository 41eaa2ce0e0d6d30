"""Assessing many discharges at once, column by column, with numpy.

:func:`assess_many` applies the same ruleset as :func:`~waterbeleid.discharge.assess.assess`
to whole columns and gives, row by row, the answers that ``assess()`` gives for each
discharge on its own: the same steps (:mod:`waterbeleid.discharge.steps`) with the same
plans and the same exact thresholds, applied with numpy to each group of rows that see
the same rules (the same origin, receiver and rule period). A missing value (``NaN``,
``None``, ``NaT``) is unknown, exactly as in ``assess()``: a rule that needs it cannot
decide, so such a discharge is never reported as allowed. There is no explanation per row
(no trace): assess one row with ``assess()`` to see why.

>>> import numpy as np, waterbeleid as wb
>>> from waterbeleid.discharge import assess_many
>>> result = assess_many(
...     origin=["bronnering", "bronnering", "bodemsanering"],
...     receiver=["oppervlaktewater", "vuilwaterriool", "vuilwaterriool"],
...     flow=wb.flow("1 m3/h") * np.array([20.0, 6.0, 2.0]),
...     duration=np.array([504.0, 336.0, np.nan]), duration_unit="uur",
...     suspended_solids=np.array([30.0, 100.0, np.nan]), concentration_unit="mg/l",
...     start=np.array(["2021-05-03", "2021-05-03", "2021-06-01"], dtype="datetime64[D]"),
... )
>>> result.allowed.tolist()
[True, False, False]
>>> [o.value for o in result.obligation]
['notification', 'prohibited', 'prohibited']
>>> result.violations["flow"].tolist(), result.violations["receiver"].tolist()
([False, True, False], [False, False, True])
>>> result.levy().tolist()
[Decimal('605.81'), Decimal('0.00'), Decimal('0.00')]
>>> result.report_deadline
array(['2021-06-06', 'NaT', 'NaT'], dtype='datetime64[D]')

numpy is imported on first use (``import waterbeleid`` stays cheap), pandas only for a
DataFrame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from waterbeleid.discharge import exact
from waterbeleid.discharge.columns import Columns, from_frame, is_dataframe, read
from waterbeleid.discharge.model import (
    FLAGS,
    PARAMETERS,
    SUMS,
    Authority,
    Obligation,
    Origin,
    Receiver,
    measurement_key,
)
from waterbeleid.discharge.ruleset import LevyRule, Ruleset, resolve
from waterbeleid.discharge.steps import (
    SPANNING,
    Groups,
    alternatives,
    plan_of_period,
    quality,
    quantity,
    receiver,
    reporting,
)
from waterbeleid.discharge.steps import levy as levy_step
from waterbeleid.discharge.steps.conditions import ColumnTests
from waterbeleid.errors import StructureError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["VIOLATION_PARAMETERS", "BatchAssessment", "assess_many"]

#: The keys of :attr:`BatchAssessment.violations`: the parameters a quality rule can limit,
#: and ``"receiver"`` for a receiver that the rule prohibits.
VIOLATION_PARAMETERS: Final[tuple[str, ...]] = (*PARAMETERS, *SUMS, *FLAGS, "receiver")
_WHAT: Final = "discharge columns"


def _error(path: str, message: str) -> StructureError:
    return StructureError([f"$.{path}: {message}"], what=_WHAT)


def _tri_state(codes: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """int8 codes (1 yes, 0 no, -1 unknown) as an object array of True/False/None."""
    import numpy as np

    values: npt.NDArray[Any] = np.array([False, True, None], dtype=object)[codes]
    return values


# -- the result ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class BatchAssessment:
    """The columns that :func:`assess_many` returns, one row per discharge.

    Row *i* of every column is what :func:`~waterbeleid.discharge.assess.assess` says of
    row *i*.

    Attributes:
        allowed: ``True``/``False``/``None`` per row (object array); ``None`` where the data
            cannot decide.
        authority: :class:`~waterbeleid.discharge.model.Authority` or ``None`` per row
            (object array); ``None`` where no receiver rule is in force on the start date.
        obligation: :class:`~waterbeleid.discharge.model.Obligation` or ``None`` per row
            (object array): what the water board requires, as
            ``Assessment.water_board_obligation`` (``PROHIBITED`` where not allowed).
        municipal_consent: ``True``/``False``/``None`` per row (object array).
        levy_applies: ``True``/``False``/``None`` per row (object array), as
            ``Assessment.levy_applies``.
        levy_registration: ``True``/``False``/``None`` per row (object array), as
            ``Assessment.levy_registration``.
        volume: float array of m³ (``NaN`` when unknown).
        end_day: ``datetime64[D]`` array: the day each discharge ends on (``NaT`` unknown).
        report_deadline: ``datetime64[D]`` array (``NaT`` when unknown or not required).
        notify_by: ``datetime64[D]`` array: the last day to notify the water board, where
            the deciding threshold gives a notice (as ``Assessment.notify_by``).
        version: the version of the ruleset applied to each row (object array of
            :class:`~waterbeleid.discharge.ruleset.RulesetVersion`; ``None`` where none
            applies: a start day no version covers, or a discharge that runs across a
            change of version).
        violations: parameter -> bool array, true where the quality rule fails on that
            parameter (``"receiver"`` marks a prohibited receiver); the keys are
            :data:`VIOLATION_PARAMETERS`.
        missing: parameter -> bool array, true where a rule needed the parameter and the
            row does not give it (as ``Assessment.missing``); the keys are those of
            *violations* but ``receiver``, and ``designated_water_body``.
        assumed: parameter -> bool array, true where the source's assumption stood in for a
            value the row does not state (as ``Assessment.assumptions``).
        start: the start days, ``datetime64[D]`` (``NaT`` when unknown).
        ruleset: the ruleset applied.
    """

    allowed: npt.NDArray[Any]
    authority: npt.NDArray[Any]
    obligation: npt.NDArray[Any]
    municipal_consent: npt.NDArray[Any]
    levy_applies: npt.NDArray[Any]
    levy_registration: npt.NDArray[Any]
    volume: npt.NDArray[Any]
    end_day: npt.NDArray[Any]
    report_deadline: npt.NDArray[Any]
    notify_by: npt.NDArray[Any]
    version: npt.NDArray[Any]
    violations: Mapping[str, npt.NDArray[Any]]
    missing: Mapping[str, npt.NDArray[Any]]
    assumed: Mapping[str, npt.NDArray[Any]]
    start: npt.NDArray[Any] = attrs.field(repr=False)
    ruleset: Ruleset = attrs.field(repr=False)
    _columns: Columns = attrs.field(repr=False, alias="columns")
    _levies: tuple[LevyRule, ...] = attrs.field(repr=False, alias="levies")
    _levy_rule: npt.NDArray[Any] = attrs.field(repr=False, alias="levy_rule")
    _levy_codes: npt.NDArray[Any] = attrs.field(repr=False, alias="levy_codes")
    # the index of the quantity tier that decides each row's duty (-1: none)
    _tier: npt.NDArray[Any] = attrs.field(repr=False, alias="tier")

    def __len__(self) -> int:
        return len(self.allowed)

    @property
    def allowed_known(self) -> npt.NDArray[Any]:
        """A bool array: where :attr:`allowed` is ``True`` or ``False`` (not unknown)."""
        import numpy as np

        known: npt.NDArray[Any] = np.asarray(self.allowed != None, dtype=bool)  # noqa: E711
        return known

    def levy(self, year: int | None = None) -> npt.NDArray[Any]:
        """The levy in euros per row (object array of :class:`~decimal.Decimal`).

        Computed as :meth:`Assessment.levy <waterbeleid.discharge.assess.Assessment.levy>`
        computes it, exactly, rounded to cents half up: ``Decimal("0.00")`` where no levy
        applies (including rows that are not allowed), ``None`` where it cannot be known —
        no levy rule in force, no volume, no year (no start date and no *year*), or no
        tariff for that year. *year* defaults to each row's start year.
        """
        import numpy as np

        if year is not None:
            years = np.full(len(self), year, dtype=np.int64)
        else:
            years = self.start.astype("datetime64[Y]").astype(np.int64) + 1970
            years[np.isnat(self.start)] = -1
        flow = self._columns.measured.get("flow")
        duration = self._columns.measured.get("duration")

        def exact_volume(row: int) -> Any:
            assert flow is not None
            assert duration is not None
            return exact.volume_m3(flow.at(row), duration.at(row))

        return levy_step.amounts(
            levies=self._levies,
            rule=self._levy_rule,
            applies=self._levy_codes,
            years=years,
            volume=self.volume,
            exact_volume=exact_volume,
        )

    def alternatives(self) -> dict[Receiver, npt.NDArray[Any]]:
        """The verdict of every row on each receiver (``True``/``False``/``None``), in the
        national order of preference, as :attr:`Assessment.alternatives
        <waterbeleid.discharge.assess.Assessment.alternatives>` gives it for the other
        receivers. A row's own receiver gets the verdict by the ruleset's rules alone
        (without caller ``limits=``). Computed on demand."""
        import numpy as np

        tests = ColumnTests(self._columns)
        verdicts = alternatives.columns(
            lambda where: _groups(
                self._columns, self.ruleset, np.full(len(self), list(Receiver).index(where))
            ),
            tests,
            VIOLATION_PARAMETERS[:-1],
        )
        table = np.array([False, None, True], dtype=object)
        order = alternatives.order(self.ruleset, None)
        return {where: table[verdicts[where]] for where in order}

    def to_dict(self) -> dict[str, npt.NDArray[Any]]:
        """Every column by name, named as the columns of the table of assessments
        (:mod:`waterbeleid.discharge.table`); violation flags as ``violates_<parameter>``
        for the parameters that a rule of the ruleset limits, and ``receiver``; the version
        as its name (``ruleset_version``)."""
        import numpy as np

        limited = self.ruleset_parameters()
        columns = {
            "allowed": self.allowed,
            "authority": self.authority,
            "water_board_obligation": self.obligation,
            "municipal_consent": self.municipal_consent,
            "levy_applies": self.levy_applies,
            "levy_registration": self.levy_registration,
            "volume_m3": self.volume,
            "levy_eur": self.levy(),
            "end_day": self.end_day,
            "report_deadline": self.report_deadline,
            "notify_by": self.notify_by,
            "ruleset_version": np.array(
                [None if v is None else v.name for v in self.version], object
            ),
        }
        columns.update(
            {
                f"violates_{k}": v
                for k, v in self.violations.items()
                if k in limited or k == "receiver"
            }
        )
        return columns

    def ruleset_parameters(self) -> frozenset[str]:
        """The parameters that some quality rule of the ruleset limits."""
        return frozenset(
            c.parameter for rule in self.ruleset.quality_in_effect for c in rule.conditions
        )

    def to_pandas(self, index: Any = None) -> Any:
        """The columns of :meth:`to_dict` as a pandas DataFrame (needs the ``pandas`` extra).

        Args:
            index: The index of the frame, e.g. that of the frame you assessed.
        """
        import pandas as pd

        return pd.DataFrame(self.to_dict(), index=index)


# -- the steps, column by column ----------------------------------------------------------------


def _version_index(rules: Ruleset, days: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Per day, the index of the version that covers it (-1: none, or an unknown day)."""
    import numpy as np

    index = np.full(len(days), -1, dtype=np.int64)
    for i, version in enumerate(rules.versions):
        covered = days >= np.datetime64(version.valid_from, "D")
        if version.valid_to is not None:
            covered &= days <= np.datetime64(version.valid_to, "D")
        index[covered] = i
    return index


def _case_key(
    cols: Columns, rules: Ruleset, receivers: npt.NDArray[Any]
) -> tuple[npt.NDArray[Any], tuple[dt.date, ...]]:
    """Per row, its case as one int: the rule period (one of its own for a row that runs
    across a change of version), designation, origin and receiver; and the change days
    that mark the periods. Rows with the same key have the same plan."""
    import numpy as np

    days = rules.change_days()
    period = np.searchsorted(np.array(days, dtype="datetime64[D]"), cols.start, side="right")
    period[np.isnat(cols.start)] = len(days) + 1
    if len(rules.versions) > 1 or rules.versions[-1].valid_to is not None:
        first = _version_index(rules, cols.start)
        spans = (first >= 0) & ~np.isnat(cols.end_day)
        spans &= _version_index(rules, cols.end_day) != first
        period[spans] = len(days) + 2
    designated = np.where(np.isnan(cols.designated), 0, np.where(cols.designated == 1.0, 1, 2))
    n_origin, n_receiver = len(Origin), len(Receiver)
    key = period.astype(np.int32)
    key *= 3
    key += designated.astype(np.int32)
    key *= n_origin
    key += cols.origin
    key *= n_receiver
    key += receivers
    return key, days


def case_keys(result: BatchAssessment) -> npt.NDArray[Any]:
    """The case of each row of *result* (see :func:`_case_key`): rows with the same key
    were decided by the same plan."""
    return _case_key(result._columns, result.ruleset, result._columns.receiver)[0]


def _groups(
    cols: Columns,
    rules: Ruleset,
    receivers: npt.NDArray[Any],
    custom: tuple[Any, ...] = (),
) -> Groups:
    """The rows grouped by rule period, designation, origin and receiver, with the plan of
    each group; a row that runs across a change of version is in a group of its own.

    *custom*: the caller's limits, put into the plans whose quality rule takes them.
    """
    import numpy as np

    key, days = _case_key(cols, rules, receivers)
    n_origin, n_receiver = len(Origin), len(Receiver)
    present = np.flatnonzero(
        np.bincount(key, minlength=(len(days) + 3) * 3 * n_origin * n_receiver)
    )
    origins, members, kinds = list(Origin), list(Receiver), (None, True, False)
    plans = {}
    for group in present.tolist():
        rest, r = divmod(group, n_receiver)
        rest, o = divmod(rest, n_origin)
        p, d = divmod(rest, 3)
        if p == len(days) + 2:
            p, on = SPANNING, None
        elif p == len(days) + 1:
            on = None
        else:
            on = days[p - 1] if p > 0 else days[0] - dt.timedelta(days=1)
        plan = plan_of_period(rules, origins[o], members[r], p, on, kinds[d])
        if custom and plan.quality.takes_limits:
            plan = attrs.evolve(plan, quality=quality.with_limits(plan.quality, custom))
        plans[group] = plan
    return Groups(key, plans, cols.n)


def _apply(cols: Columns, rules: Ruleset, limits: Mapping[str, Any] | None) -> BatchAssessment:
    import numpy as np

    custom = quality.caller_conditions(limits) if limits else ()
    groups = _groups(cols, rules, cols.receiver, custom)
    tests = ColumnTests(cols)
    authority, consent = receiver.columns(groups)
    allowed, violations, missing, assumed = quality.columns(
        groups, tests, VIOLATION_PARAMETERS[:-1]
    )
    obligation, notice, tier = quantity.columns(groups, tests, allowed, missing)
    applies, registration, levy_rule, levies = levy_step.columns(groups, allowed)
    deadline = reporting.columns(groups, cols.end_day, allowed)
    nat = np.iinfo(np.int64).min
    start = cols.start.view(np.int64)
    due = (notice >= 0) & (start != nat)
    notify_by = np.where(due, start - np.maximum(notice, 0), nat).view("datetime64[D]")
    version = groups.objects(lambda p: p.version)
    return BatchAssessment(
        allowed=np.array([False, None, True], dtype=object)[allowed],
        authority=np.array([*Authority, None], dtype=object)[authority],
        obligation=np.array([*Obligation, None], dtype=object)[obligation],
        municipal_consent=_tri_state(consent),
        levy_applies=_tri_state(applies),
        levy_registration=_tri_state(registration),
        volume=cols.volume,
        end_day=cols.end_day,
        report_deadline=deadline,
        notify_by=notify_by,
        version=version,
        violations=violations,
        missing=missing,
        assumed=assumed,
        start=cols.start,
        ruleset=rules,
        columns=cols,
        levies=levies,
        levy_rule=levy_rule,
        levy_codes=applies,
        tier=tier,
    )


def assess_many(
    data: Any = None,
    *,
    origin: Any = None,
    receiver: Any = None,
    flow: Any = None,
    duration: Any = None,
    suspended_solids: Any = None,
    iron: Any = None,
    visual_pollution: Any = None,
    start: Any = None,
    end: Any = None,
    measurements: Mapping[str, Any] | None = None,
    designated_water_body: Any = None,
    water_board: Any = None,
    flow_unit: str | None = None,
    duration_unit: str | None = None,
    concentration_unit: str | None = None,
    suspended_solids_unit: str | None = None,
    iron_unit: str | None = None,
    measurement_units: Mapping[str, str] | None = None,
    ruleset: Ruleset | str | None = None,
    limits: Mapping[str, Any] | None = None,
) -> BatchAssessment:
    """Assess many discharges given as columns (or as a pandas DataFrame, *data*).

    Row *i* of the result is what :func:`~waterbeleid.discharge.assess.assess` says of a
    ``DischargeActivity`` built from row *i*, under the rules in force on its start date.

    **Columns** (each a numpy array or a list; a single value applies to every row):

    - ``origin``, ``receiver``: :class:`~waterbeleid.discharge.model.Origin` and
      :class:`~waterbeleid.discharge.model.Receiver` members, or texts that their ``parse``
      reads (English values, Dutch labels); each distinct value is parsed once.
    - ``flow``, ``duration``, ``suspended_solids``, ``iron``: a pint quantity around a numpy
      array (any unit of the right dimension); numbers with their unit as text in
      ``flow_unit``, ``duration_unit``, ``suspended_solids_unit``, ``iron_unit`` (or
      ``concentration_unit`` for every concentration), Dutch notation accepted
      (``"m3 per uur"``, ``"l/s"``, ``"weken"``, ``"mg/l"``); or quantity texts
      (``"2,5 l/s"``), each distinct text parsed once. ``NaN``/``None`` is unknown; a
      column not given is unknown throughout.
      A float stands for its shortest decimal (``0.1`` is exactly 1/10), as in ``assess()``;
      integers and exact numbers (``Decimal``) are taken where a float holds them exactly.
    - ``measurements``: a mapping of substance (or other measured parameter) to its
      column, in the same forms; names as ``DischargeActivity(measurements=...)`` takes
      them (English keys such as ``naphthalene``, Dutch names accepted). The unit of a
      column of plain numbers is ``measurement_units[name]``, else ``concentration_unit``.
      ``suspended_solids`` and ``iron`` may be given here or as their own keywords, not both.
    - ``designated_water_body``: booleans (``None``/``NaN`` not stated; ``"ja"``/``"nee"``,
      ``1``/``0`` read too): whether a surface water receiver is a designated water body.
    - ``visual_pollution``: booleans; ``None``/``NaN`` is not stated (``"ja"``/``"nee"``
      and ``1``/``0`` are read too), and so is a column not given, as for
      ``DischargeActivity``: for dewatering the ruleset's assumption (clean water, no
      visual pollution) stands in, elsewhere it is unknown.
    - ``start``: ``datetime64``, :class:`datetime.date`, :class:`datetime.datetime` or ISO
      text (a time of day counts for the end day, as in ``assess()``); ``NaT``/``None`` is
      unknown: the newest rules apply, and there is no levy year and no report deadline.
    - ``end``: the same kinds; where given it is the end day, checked against the start
      and the duration as ``DischargeActivity`` checks it (such rows are read one by one).
    - ``water_board``: one board's name for every row (or a column naming one board
      throughout; empty cells allowed): selects its packaged ruleset as
      ``DischargeActivity(water_board=...)`` does. Rows of several boards are refused:
      assess each board's rows on their own.

    **A pandas DataFrame** holds the same columns by name: ``origin`` and ``receiver``
    (required), and any of ``flow``, ``duration``, ``suspended_solids``, ``iron``, every
    substance of :data:`~waterbeleid.discharge.model.PARAMETER_TABLE` by its English key
    (``naphthalene``, ``mineral_oil``, ``pah``, …), ``visual_pollution``,
    ``designated_water_body``, ``water_board``, ``start``, ``end``. A quantity column gives
    its unit in its name — ``<name>_<unit>`` with ``_per_`` for ``/`` (``flow_m3_per_h``,
    ``flow_l_per_s``, ``duration_h``, ``duration_d``, ``duration_weeks``,
    ``suspended_solids_mg_per_l``, ``naphthalene_ug_per_l``), ``<name>__<unit>``
    (``flow__m3/h``) or ``<name> [<unit>]`` (``iron [mg/l]``) — or is named plainly
    (``flow``) with a unit column beside it (``flow_unit``, one unit text for the whole
    column), or holds quantity texts (``"5 m3/h"``). Empty cells are unknown; other columns
    (an ``id``) are ignored. pandas is imported for this form only.

    Args:
        data: A pandas DataFrame holding every column, instead of the keyword columns.
        origin: Where the water comes from.
        receiver: Where it is discharged.
        flow: The discharged flows.
        duration: How long each discharge lasts.
        suspended_solids: Suspended solids in any grab sample.
        iron: Iron content in any grab sample.
        visual_pollution: Whether each discharge causes visual pollution.
        start: The days (or days and times) the discharges start.
        end: The days (or days and times) the discharges end, where known.
        measurements: Further measured columns by substance.
        designated_water_body: Whether each receiving water body is designated.
        water_board: The water board of the rows (one).
        flow_unit: The unit of plain ``flow`` numbers.
        duration_unit: The unit of plain ``duration`` numbers.
        concentration_unit: The unit of plain numbers of every concentration column
            without a unit of its own.
        suspended_solids_unit: The unit of plain ``suspended_solids`` numbers.
        iron_unit: The unit of plain ``iron`` numbers.
        measurement_units: The unit of plain numbers per measured column.
        ruleset: The rules (a ruleset, a packaged ruleset's name or a file); by default
            those of ``water_board``, else the packaged Brabantse Delta rules.
        limits: Discharge limits for the rows whose quality rule says the limits are set
            for the case and does not give them (soil remediation to soil), as for
            ``assess()``. Unlike ``assess()``, which refuses ``limits=`` for a case whose
            rule gives its own verdict, a register mixes cases: the other rows are assessed
            by the ruleset alone.

    Raises:
        UnitError: a column of the wrong dimension, bare numbers, an unknown unit, a
            negative or infinite value.
        VocabularyError: an unknown origin, receiver, substance or yes/no value.
        StructureError: columns of different lengths, a column that is not
            1-dimensional, values of the wrong kind (text where numbers or dates belong),
            an end before its start or against its duration, a data frame without
            ``origin`` or ``receiver``, both a data frame and keyword columns, a column
            given twice, or rows of several water boards.
        RulesetError: an unknown ruleset or board, or a ruleset of another board.
    """
    units_of: dict[str, str | None] = {
        "flow": flow_unit,
        "duration": duration_unit,
        "suspended_solids": suspended_solids_unit,
        "iron": iron_unit,
    }
    columns: dict[str, Any] = {
        "origin": origin,
        "receiver": receiver,
        "flow": flow,
        "duration": duration,
        "suspended_solids": suspended_solids,
        "iron": iron,
        "visual_pollution": visual_pollution,
        "designated_water_body": designated_water_body,
        "water_board": water_board,
        "start": start,
        "end": end,
    }
    if data is not None:
        if not is_dataframe(data):
            raise _error("data", f"expected a pandas DataFrame, found {type(data).__name__}")
        given = {**columns, **units_of, "measurements": measurements}
        given.update(concentration_unit=concentration_unit, measurement_units=measurement_units)
        extra = [k for k, v in given.items() if v is not None]
        if extra:
            raise _error(
                extra[0],
                "expected either a data frame or keyword columns, found both (a data frame "
                f"and {', '.join(extra)})",
            )
        columns = from_frame(data)
        units_of = {name: columns.get(f"{name}_unit") for name in PARAMETERS}
    else:
        _add_measurements(columns, units_of, measurements or {}, measurement_units or {})
        for name, dimension in PARAMETERS.items():
            if dimension == "concentration" and units_of.get(name) is None:
                units_of[name] = concentration_unit
    rules = resolve(ruleset, _board(columns.get("water_board")))
    return _apply(read(columns, units_of), rules, limits)


def _add_measurements(
    columns: dict[str, Any],
    units_of: dict[str, str | None],
    measurements: Mapping[str, Any],
    measurement_units: Mapping[str, str],
) -> None:
    """The measurement columns among the keyword columns, by key (Dutch names read)."""
    for name, values in measurements.items():
        key = measurement_key(name)
        if columns.get(key) is not None:
            raise _error(
                f"measurements.{key}",
                f"expected {key} once, found it as a keyword column and in measurements",
            )
        columns[key] = values
    for name, unit in measurement_units.items():
        key = measurement_key(name)
        if units_of.get(key) is not None:
            raise _error(f"measurement_units.{key}", f"expected one unit for {key}, found two")
        units_of[key] = unit


def _board(values: Any) -> str | None:
    """The one water board that a ``water_board`` value or column names (``None``: none).

    Raises:
        StructureError: rows of several boards, or a value that is not a text.
    """
    import numpy as np

    from waterbeleid.discharge.columns import _Coded, _is_missing

    if values is None:
        return None
    if isinstance(values, str):
        return values
    found = values.uniques if isinstance(values, _Coded) else np.asarray(values, dtype=object)
    names = {v for v in np.ravel(found).tolist() if not _is_missing(v)}
    if any(not isinstance(v, str) for v in names):
        shown = sorted(map(repr, names))
        raise _error("water_board", f"expected texts naming a water board, found {shown}")
    if len(names) > 1:
        raise _error(
            "water_board",
            f"expected the rows of one water board, found {sorted(names)}: assess each "
            "board's rows on their own",
        )
    return next(iter(names), None)
