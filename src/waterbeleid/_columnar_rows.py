"""The rows of ``waterbeleid assess --format csv`` for a chunk of a CSV file of discharges,
made column by column.

A row of the table of assessments (:func:`~waterbeleid.discharge.table.assessment_row`)
is mostly the same for every discharge decided alike. The rows that
:class:`~waterbeleid._columnar.CleanRows` reads plainly and that certainly give no error
are assessed together with :func:`~waterbeleid.discharge.batch.assess_many`, and grouped
by *pattern*: the plan that decides them, the verdict, the water board's duty and the
quantity tier that decides it, the levy rule, the tariff year, the parameters violated,
missing and assumed, the cells left empty, and the verdict on each other receiver. The
first row of a pattern (and a second one, where the chunk has it) is assessed and written
row by row; the pattern is that row's cells. Every other row of the pattern takes them,
with its own cells where rows differ:

- the cells of the discharge's own fields and measurements, written once per distinct
  cell text of a column (from a discharge built with that text);
- the volume, exactly (:meth:`~waterbeleid.discharge.DischargeActivity.exact_volume`),
  and the levy and its basis (:func:`~waterbeleid.discharge.assess.levy_of`);
- the end day, the day to notify by and the reporting deadline, as ``assess_many``
  gives them;
- each violation written again with the row's value (as
  :class:`~waterbeleid.discharge.trace.Violation` writes it);
- the start and end day in the texts that name them (a gap, an alternative without a
  rule in force, a levy that no rule in force sets): those cells are templates, written
  once with stand-in days put for the days their notes name as ``day``, ``start`` or
  ``end``, and filled in with each row's days.

The rows written row by row must give the cells the pattern gives them, or the pattern
is not used; a pattern is not used either where a violation cannot be written again with
another value (a sum of substances, a parameter limited twice), or a text names another
day. Every row not made so is left to the row-by-row path; tests compare the two paths.
A row is made when it is written (:meth:`AssessmentRows.made`), so the rows of a chunk
are not all kept at once. Its cells are kept as the fields of a CSV line
(:func:`~waterbeleid._output.csv_field`), so that a row is its fields joined, the line
the CSV writer writes for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from waterbeleid._columnar import format_template

if TYPE_CHECKING:
    import numpy.typing as npt

    from waterbeleid._columnar import CleanRows, _Column

__all__ = ["AssessmentRows", "Made", "Planned"]

#: A row of a chunk to be made by a pattern: the pattern, the row's index among the rows
#: of its group (rows assessed together), and the group's cells by column, days and ids.
Planned = tuple["_RowPattern", int, "_Group"]
#: The rows of a chunk to be made column by column, by position.
Made = dict[int, Planned]

#: A value of a column: its cells at their places in the row, the value as the discharge
#: gives it, and its measure (flow, duration) or day (start).
_FieldCells = tuple[tuple[tuple[int, str], ...], Any, Any]
#: Patterns, cells of a column's texts, volumes and levies remembered; beyond, cleared.
_REMEMBERED: Final = 5_000
#: The columns of a row whose cells come from ``assess_many`` as days.
_DAYS: Final = ("end_day", "notify_by", "report_deadline")
#: The levy's bases whose text names a day.
_DATED_BASES: Final = frozenset(("basis.gap", "basis.no_rule"))
#: Days that stand in for a row's start and end day in the texts that name them.
_STAND_INS: Final = (dt.date(7001, 7, 17), dt.date(7002, 7, 17))
_EPOCH: Final = dt.date(1970, 1, 1)
_UNSEEN: Final[Any] = object()  # not in a memory (where None is a value)
_NAT: Final = -(2**63)


class AssessmentRows:
    """Makes the CSV rows of ``assess --format csv`` column by column (see the module's
    text) for the rows under *check*'s header, assessed by the default rules."""

    def __init__(
        self,
        check: CleanRows,
        *,
        year: int | None,
        language: str,
        dialect: Any,
        raw: bool,
    ) -> None:
        self.check = check
        self.year = year
        self.language = language
        self.dialect = dialect
        self.raw = raw
        #: The names of the row's fields (as assessment_row gives them), once known.
        self.names: tuple[str, ...] | None = None
        self.order: list[str] = []  # the columns in the order of the CSV file
        self._at: dict[str, int] = {}
        self._patterns: dict[tuple[Any, ...], _RowPattern | None] = {}
        self._rulesets: dict[int, Any] = {}
        # (field, cell text) -> the cells of that field's text at their places, and more
        # (texts, not codes: a column forgets its codes when it has met too many)
        self._fields: dict[tuple[str, str], _FieldCells | None] = {}
        self._volumes: dict[tuple[str | None, str | None], tuple[Any, str]] = {}
        self._days: dict[int, str] = {}  # a datetime64[D] as an int -> its cell
        # (pattern, start year, volume) -> the levy's cells
        self._levies: dict[tuple[int, Any, Any], tuple[str, str]] = {}
        self._notes: dict[tuple[Any, ...], str] = {}  # (basis, its values) -> its cell
        # (violation, cell text) -> the violation in words with the text's value
        self._shown: dict[tuple[int, str], str] = {}

    # -- a chunk ---------------------------------------------------------------------------------

    def rows(self, cells: Sequence[Sequence[str]]) -> tuple[npt.NDArray[Any], Made]:
        """Whether each row of *cells* is plain (see :meth:`CleanRows.marks
        <waterbeleid._columnar.CleanRows.marks>`), and the rows a pattern makes: each is
        made by :meth:`made` when it is written (not all at once, to keep memory low)."""
        import numpy as np

        check = self.check
        made: Made = {}
        if not cells:
            return np.zeros(0, dtype=bool), made
        self._bound()
        codes, plain = check._read(cells)
        for chosen, result in check.assessed_groups(codes, plain):
            self._made(cells, codes, chosen, result, made)
        return plain, made

    def _bound(self) -> None:
        """Clear what has grown past its bound."""
        if len(self._patterns) > _REMEMBERED:
            self._patterns = {}
            self._levies, self._shown = {}, {}  # named by the patterns' ids
        memories = (self._fields, self._volumes, self._days, self._levies, self._notes, self._shown)
        for memory in memories:
            if len(memory) > _REMEMBERED:
                memory.clear()

    def _keys(
        self, codes: dict[str, npt.NDArray[Any]], chosen: npt.NDArray[Any], result: Any
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """The patterns of the rows: each distinct one (as bytes), and each row's."""
        import numpy as np

        from waterbeleid._columnar import pattern_keys
        from waterbeleid.discharge.batch import VIOLATION_PARAMETERS, case_keys
        from waterbeleid.discharge.model import Obligation, Receiver

        n = len(chosen)
        # the same number for the same value in every chunk: the keys mean the same
        verdicts: dict[Any, int] = {False: 0, None: 1, True: 2}
        duties: dict[Any, int] = {None: -1, **{d: i for i, d in enumerate(Obligation)}}

        def indexes(values: Any, table: dict[Any, int]) -> npt.NDArray[Any]:
            return np.fromiter(map(table.__getitem__, values.tolist()), np.int64, count=n)

        numbers = [
            case_keys(result).astype(np.int64),
            indexes(result.allowed, verdicts),
            indexes(result.obligation, duties),
            result._tier.astype(np.int64),
            # the levy rule by its identity (its index depends on the chunk's plans)
            np.array([*map(id, result._levies), -1], dtype=np.int64)[result._levy_rule],
            result._levy_codes.astype(np.int64),
        ]
        if self.year is None:
            years = result.start.astype("datetime64[Y]").astype(np.int64)
            numbers.append(np.where(np.isnat(result.start), -1, years))
        for receiver, verdict in result.alternatives().items():
            numbers.append(np.full(n, list(Receiver).index(receiver), dtype=np.int64))
            numbers.append(indexes(verdict, verdicts))
        flags = [result.violations[name] for name in VIOLATION_PARAMETERS]
        flags += [result.missing[name] for name in sorted(result.missing)]
        flags += [result.assumed[name] for name in sorted(result.assumed)]
        flags += [codes[name][chosen] == -1 for name in sorted(codes)]
        distinct, _, inverse = pattern_keys(numbers, flags)
        return distinct, inverse

    def _made(
        self,
        cells: Sequence[Sequence[str]],
        codes: dict[str, npt.NDArray[Any]],
        chosen: npt.NDArray[Any],
        result: Any,
        made: Made,
    ) -> None:
        """Add to *made* the rows at *chosen* (positions in *cells*) that a pattern gives."""
        import numpy as np

        distinct, inverse = self._keys(codes, chosen, result)
        rules_id = id(result.ruleset)
        self._rulesets[rules_id] = result.ruleset  # kept: its id names it in the patterns
        days = {
            name: getattr(result, name).astype("datetime64[D]").astype(np.int64).tolist()
            for name in _DAYS
        }
        positions = chosen.tolist()
        members: dict[int, list[int]] = {}
        for i, group in enumerate(inverse.tolist()):
            members.setdefault(group, []).append(i)
        row_codes: dict[str, list[str | None]] = {}
        for name, found in codes.items():
            texts = self.check.columns[name].texts
            row_codes[name] = [None if c < 0 else texts[c] for c in found[chosen].tolist()]
        every_id = self.check.ids(cells)
        ids = [every_id[position] for position in positions]
        columns = self.check.columns
        context = _Group(row_codes, days, ids, columns)
        for group, rows in members.items():
            base = (rules_id, distinct[group].tobytes())
            pattern = self._pattern(base, cells, positions, rows, context)
            if pattern is None:
                continue
            for i in rows:
                made[positions[i]] = (pattern, i, context)

    def made(self, planned: Planned) -> tuple[str, bool | None] | None:
        """The CSV line (its line break included) and the verdict of a row that
        :meth:`rows` gives (``None``: leave the row to the row-by-row path)."""
        pattern, i, group = planned
        cells = self._row(pattern, i, group)
        if cells is None:
            return None
        return self.dialect.delimiter.join(cells) + "\r\n", pattern.allowed

    # -- patterns --------------------------------------------------------------------------------

    def _pattern(
        self,
        key: tuple[Any, ...],
        cells: Sequence[Sequence[str]],
        positions: list[int],
        rows: list[int],
        group: _Group,
    ) -> _RowPattern | None:
        """The pattern of *rows* (indexes into *positions*), read from the first of them
        and checked against a second (``None``: not to be used)."""
        if key in self._patterns:
            return self._patterns[key]
        pattern = None
        sample = rows[:1] + rows[len(rows) // 2 :][:1] if len(rows) > 1 else rows
        written = [self._written(cells[positions[i]]) for i in sample]
        reference = written[0]
        if reference is not None:
            pattern = self._read(reference, cells[positions[rows[0]]])
        if pattern is not None:
            for i, row in zip(sample, written, strict=True):
                if row is None or self._row(pattern, i, group) != row[1]:
                    pattern = None
                    break
        self._patterns[key] = pattern
        return pattern

    def _written(self, row: Sequence[str]) -> tuple[Any, list[str]] | None:
        """The assessment of *row* and its cells as the row-by-row path writes them (each
        as a field of the CSV line, see :func:`~waterbeleid._output.csv_field`)."""
        from waterbeleid._columnar import _activity
        from waterbeleid._output import csv_cells, csv_columns, csv_field
        from waterbeleid.discharge import DischargeActivity, assess
        from waterbeleid.discharge.table import assessment_row

        try:
            result = assess(_activity(self.check.header, row, DischargeActivity))
            written = assessment_row(result, self.year, self.language)
        except Exception:
            return None
        names = tuple(written)
        if self.names is None:
            self.names = names
            self.order = csv_columns(list(names))
            self._at = {name: i for i, name in enumerate(self.order)}
        elif names != self.names:
            return None
        cells = csv_cells(written, self.order, self.dialect, raw=self.raw)
        delimiter = self.dialect.delimiter
        return result, [csv_field(cell, delimiter) for cell in cells]

    def _read(self, written: tuple[Any, list[str]], row: Sequence[str]) -> _RowPattern | None:
        """The pattern that the assessment of *row* gives (``None``: it cannot be read)."""
        from waterbeleid.discharge.assess import _plan, levy_of

        result, cells = written
        at = self._at
        if "violations" not in at or any(name not in at for name in _DAYS):
            return None
        activity = result.activity
        levy = levy_of(result, activity.start_day, activity.exact_volume(), self.year)
        dated = self._dated(result, cells, levy[:2])
        if dated is None:
            return None
        parts: list[tuple[str, Any]] = []
        if result.violations:
            conditions = _plan(result.ruleset, result.activity).quality.conditions
            limited = [c.parameter for c in conditions]
            summed = {p for c in conditions if c.sum_of for p in (c.parameter, *c.sum_of)}
            for violation in result.violations:
                parameter = violation.parameter
                if parameter == "receiver":
                    parts.append((violation.text(self.language), None))
                elif (
                    parameter in self.check.columns
                    and parameter not in summed
                    and limited.count(parameter) == 1
                ):
                    parts.append((parameter, violation))
                else:
                    return None
        return _RowPattern(
            cells=cells,
            row=list(row),
            result=result,
            parts=tuple(parts),
            dated=dated,
            by_volume=levy[0] == "basis.amount",
        )

    def _dated(
        self, result: Any, cells: list[str], levy: tuple[str, dict[str, Any]]
    ) -> dict[int, str] | None:
        """The cells of *result*'s row whose texts name its start or end day, as
        templates of :meth:`str.format`: ``{0}`` (``{1}``) where the start (end) day is
        named; ``None`` where another day is named (or the row has no start day). *levy*:
        the row's levy basis and its values
        (:func:`~waterbeleid.discharge.assess.levy_of`)."""
        import re

        import attrs

        from waterbeleid.discharge.trace import Note, text

        activity = result.activity
        start, end = activity.start_day, activity.end_day
        basis, values = levy
        named = (
            any(_days_in(gap) for gap in result.gaps)
            or any(_days_in(alternative.gap) for alternative in result.alternatives)
            or (basis in _DATED_BASES and _days_in(Note(basis, tuple(values.items()))))
        )
        if not named:
            return {}
        if start is None:
            return None
        # a day is named by its argument: the start day as "day" or "start", the end day
        # as "end" (so a discharge that ends on its start day is told apart)
        named_as = {"day": (0, start), "start": (0, start), "end": (1, end)}

        def moved(name: str, value: Any) -> Any:
            if type(value) is dt.date:
                index, day = named_as[name]  # another day: KeyError
                if value != day:
                    raise KeyError(name)
                return _STAND_INS[index]
            if isinstance(value, Note):
                return Note(value.message, tuple((k, moved(k, v)) for k, v in value.args))
            return value

        language = self.language
        try:
            texts: dict[str, Any] = {
                "gaps": [moved("", gap).text(language) for gap in result.gaps],
                "alternatives": [
                    (a if a.gap is None else attrs.evolve(a, gap=moved("", a.gap))).text(language)
                    for a in result.alternatives
                ],
            }
            if basis in _DATED_BASES:
                moved_values = {k: moved(k, v) for k, v in values.items()}
                texts["levy_note"] = text(basis, language, **moved_values)
        except KeyError:
            return None
        days = (start.isoformat(), "" if end is None else end.isoformat())
        stand_ins = {day.isoformat(): i for i, day in enumerate(_STAND_INS[:2])}
        split = "(" + "|".join(map(re.escape, stand_ins)) + ")"
        templates: dict[int, str] = {}
        for name, value in texts.items():
            if name not in self._at:
                return None
            pieces = re.split(split, self._cell(value))
            template = format_template(
                stand_ins[piece] if i % 2 else piece for i, piece in enumerate(pieces)
            )
            if template.format(*days) != cells[self._at[name]]:
                return None
            if len(pieces) > 1:
                templates[self._at[name]] = template
        if basis in _DATED_BASES:
            templates.setdefault(
                self._at["levy_note"], format_template((cells[self._at["levy_note"]],))
            )
        return templates

    # -- a row -----------------------------------------------------------------------------------

    def _row(self, pattern: _RowPattern, i: int, group: _Group) -> list[str] | None:
        """The cells of row *i* (an index into the chunk's chosen rows of *group*) by
        *pattern* (``None``: leave the row to the row-by-row path)."""
        cells = pattern.cells.copy()
        at = self._at
        if "id" in at:
            cells[at["id"]] = self._cell(group.ids[i])
        measures: dict[str, Any] = {}
        known = self._fields.get
        for field, column, column_texts in group.columns:
            text = column_texts[i]
            if text is None:
                continue  # empty in every row of the pattern, as in the pattern's own
            found = known((field, text), _UNSEEN)
            if found is _UNSEEN:
                found = self._field(pattern, column, text)
            if found is None:
                return None
            places, _, measure = found
            if measure is not None:
                measures[field] = measure
            for place, shown in places:
                cells[place] = shown
        days = group.days
        known_day = self._days.get
        for name in _DAYS:
            day = days[name][i]
            written = known_day(day)
            cells[at[name]] = self._day(day) if written is None else written
        flow, duration = measures.get("flow"), measures.get("duration")
        volume = None
        if flow is not None and duration is not None:
            codes = group.codes
            volume = self._volume(codes["flow"][i], codes["duration"][i], flow, duration)
            if "volume_m3" in at:
                cells[at["volume_m3"]] = volume[1]
        if pattern.dated:  # texts that name the row's days
            start, end = measures.get("start"), self._date(days["end_day"][i])
            if start is None:
                return None
            when = (start.isoformat(), "" if end is None else end.isoformat())
            for place, template in pattern.dated.items():
                cells[place] = template.format(*when)
        if "levy_eur" in at and "levy_note" in at and at["levy_note"] not in pattern.dated:
            start = measures.get("start")
            amount, note = self._levy(pattern, start, None if volume is None else volume[0])
            cells[at["levy_eur"]], cells[at["levy_note"]] = amount, note
        if pattern.parts:
            texts = self._violations(pattern, group.codes, i)
            if texts is None:
                return None
            cells[at["violations"]] = self._cell(texts)
        return cells

    def _cell(self, value: Any) -> str:
        """*value* as a cell (as :func:`~waterbeleid._output.csv_cells` writes it), as a
        field of the CSV line (:func:`~waterbeleid._output.csv_field`)."""
        from waterbeleid._output import csv_cell, csv_field

        return csv_field(csv_cell(value, self.dialect, raw=self.raw), self.dialect.delimiter)

    def _field(self, pattern: _RowPattern, column: _Column, text: str) -> _FieldCells | None:
        """The cells of *column*'s cell *text* at their places, the value as the
        discharge gives it, and its measure (flow, duration) or day (start)."""
        key = (column.field, text)
        if key in self._fields:
            return self._fields[key]
        from waterbeleid._columnar import _activity
        from waterbeleid.discharge import DischargeActivity
        from waterbeleid.discharge.table import field_cells

        row = list(pattern.row)
        row[column.position] = text
        try:
            activity = _activity(self.check.header, row, DischargeActivity)
            written = field_cells(activity, column.field, self.language)
            places = tuple((self._at[name], self._cell(v)) for name, v in written.items())
        except Exception:
            self._fields[key] = None
            return None
        field = column.field
        measure = None
        if field in ("flow", "duration"):
            from waterbeleid.discharge import exact

            number, unit = activity.measured(field)  # the exact number, read once
            measure = (exact.decimal_value(number), unit)
        elif field == "start":
            measure = activity.start_day
        given = activity.given(field)
        self._fields[key] = found = (places, given, measure)
        return found

    def _day(self, day: int) -> str:
        """The cell of a ``datetime64[D]`` given as an int."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = self._cell(self._date(day))
        return text

    @staticmethod
    def _date(day: int) -> dt.date | None:
        """A ``datetime64[D]`` as an int: the date (``None`` for NaT)."""
        if day == _NAT:
            return None
        return _EPOCH + dt.timedelta(days=day)

    def _volume(
        self, flow_text: str | None, duration_text: str | None, flow: Any, duration: Any
    ) -> Any:
        """The exact volume of a flow and a duration, and its cell."""
        key = (flow_text, duration_text)
        found = self._volumes.get(key)
        if found is None:
            from waterbeleid.discharge import exact

            volume = exact.volume_m3(flow, duration)
            found = self._volumes[key] = (volume, self._cell(exact.to_float(volume)))
        return found

    def _levy(self, pattern: _RowPattern, start: Any, volume: Any) -> tuple[str, str]:
        """The levy's cells (amount, basis) of a row of *pattern* from *start* of *volume*."""
        # the volume matters to a levy computed from it only (the same basis for every row
        # of a pattern)
        by_volume = volume if pattern.by_volume else None
        key = (id(pattern), None if start is None else start.year, by_volume)
        found = self._levies.get(key)
        if found is None:
            from waterbeleid.discharge.assess import levy_of
            from waterbeleid.discharge.trace import text

            try:
                basis, values, amount = levy_of(pattern.result, start, volume, self.year)
                said = (basis, *values.items())
                note = self._notes.get(said)
                if note is None:
                    note = self._notes[said] = self._cell(text(basis, self.language, **values))
            except ArithmeticError:
                amount, note = None, self._cell(text("basis.too_large", self.language))
            found = self._levies[key] = (self._cell(amount), note)
        return found

    def _violations(
        self, pattern: _RowPattern, codes: dict[str, list[str | None]], i: int
    ) -> list[str] | None:
        import attrs

        texts: list[str] = []
        for name, violation in pattern.parts:
            if violation is None:
                texts.append(name)
                continue
            text = codes[name][i]
            if text is None:
                return None
            shown = self._shown.get((id(violation), text))
            if shown is None:
                found = self._fields.get((name, text))
                if found is None or found[1] is None:
                    return None
                value = found[1]
                shown = attrs.evolve(violation, value=value).text(self.language)
                self._shown[(id(violation), text)] = shown
            texts.append(shown)
        return texts


def _days_in(note: Any) -> bool:
    """Whether a note (or a note within it) names a day."""
    from waterbeleid.discharge.trace import Note

    if note is None:
        return False
    return any(type(v) is dt.date or (isinstance(v, Note) and _days_in(v)) for _, v in note.args)


class _Group:
    """The rows assessed together in a chunk: each column's cell texts (``None`` where
    empty), the days of :data:`_DAYS` (``datetime64[D]`` as ints) and the ids, by row;
    *columns*: the columns read (as :attr:`CleanRows.columns
    <waterbeleid._columnar.CleanRows.columns>`), kept with their texts as ``columns``."""

    __slots__ = ("codes", "columns", "days", "ids")

    def __init__(
        self,
        codes: dict[str, list[str | None]],
        days: dict[str, list[int]],
        ids: list[str | None],
        columns: dict[str, _Column],
    ) -> None:
        self.codes = codes
        self.days = days
        self.ids = ids
        self.columns = [(field, column, codes[field]) for field, column in columns.items()]


class _RowPattern:
    """The cells of the rows of one pattern, read from *row* (assessed as *result*):
    *parts* are its violations (``(text, None)``: the same for every row;
    ``(parameter, violation)``: written with the row's value); *dated*: the places of
    the cells whose texts name the row's start or end day, with their templates (see
    :meth:`AssessmentRows._dated`)."""

    __slots__ = ("allowed", "by_volume", "cells", "dated", "parts", "result", "row")

    def __init__(
        self,
        *,
        cells: list[str],
        row: list[str],
        result: Any,
        parts: tuple[tuple[str, Any], ...],
        dated: dict[int, str],
        by_volume: bool,
    ) -> None:
        self.cells = cells
        self.row = row
        self.result = result
        self.allowed: bool | None = result.allowed
        self.parts = parts
        self.dated = dated
        self.by_volume = by_volume  # whether the levy's basis is computed from the volume
