"""The rows of a chunk of a CSV file of discharges that are certainly clean, found column
by column.

``waterbeleid validate`` checks each row of a CSV file of discharges as
:func:`waterbeleid.validation.checks.check_discharge` does: the row must structure, end in
time, name a water board that has rules, and be allowed (else a warning). Most of that can
be decided for a whole chunk at once: each distinct cell text of a column is read once
(with the very functions that structure a row), and the rows whose every cell reads
plainly are assessed together with :func:`~waterbeleid.discharge.batch.assess_many`. A row
is *clean* when it is certain to give no issue at all: every cell read, no ``end`` (checked
against the start and the duration row by row), a start and a duration that end well
before :data:`~waterbeleid.validation.checks.LAST_END`, a water board with rules, and the
verdict *allowed*.

Most rows of a register that are not clean only warn: they are not allowed, or the data
cannot decide. Their warning is found column by column too (:meth:`CleanRows.verdicts`).
Rows decided by the same plan with the same verdict, the same parameters violated and
the same ones missing get the same warning but for the values of the violated
parameters: the first such row is checked row by row, and its warning is the pattern of
the others, each violation written again (as :class:`~waterbeleid.discharge.trace.Violation`
writes it) with the row's own value. A warning that names days (a rule not in force on
the start day, a discharge across a change of version) is written from a template of its
texts with each row's days put in. Where the row checked does
not give what the columns found, or a pattern cannot be read this way (a violated sum of
substances, a parameter limited twice, tiers that list their parameters in different
orders), the rows are left to the row-by-row checks. Every other row is checked row by
row, which writes the exact messages; tests compare the two paths.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["CleanRows", "Warned"]

#: The warnings of a chunk's rows found column by column: row position -> (code, message).
Warned = dict[int, tuple[str, str]]

#: The fields a column may name (``measurements`` is not among them: such files are read
#: row by row).
_FIELDS: Final = frozenset(
    (
        "id",
        "origin",
        "receiver",
        "flow",
        "duration",
        "suspended_solids",
        "iron",
        "visual_pollution",
        "start",
        "end",
        "designated_water_body",
        "water_board",
    )
)
#: The fields whose column may give a unit in its name (``flow [m3/h]``).
_QUANTITIES: Final = frozenset(("flow", "duration", "suspended_solids", "iron"))
#: The fields without a default: a file without their columns does not structure.
_REQUIRED: Final = frozenset(("origin", "receiver", "flow", "duration"))
#: A cell that does not read plainly.
_BAD: Final = -2
#: Hours kept clear of the last day a discharge may end: rows closer to it are left to
#: the row-by-row check, whatever the rounding of a float.
_MARGIN_HOURS: Final = 48.0
#: Distinct cell texts remembered per column; beyond, the memory is cleared.
_REMEMBERED: Final = 100_000
#: Messages of undecided rows remembered by pattern and gaps; beyond, they are cleared.
_SAID: Final = 4_096
#: Warning patterns remembered; beyond, they are cleared (with the texts made from them).
_PATTERNS: Final = 10_000


def _split(key: str) -> tuple[str, str]:
    """A column name as :func:`waterbeleid.serialize.cells_record` splits it: name, unit."""
    name, _, unit = key.partition("[")
    return name.strip(), unit.rstrip("]").strip()


class _Column:
    """One column: each distinct cell text read once into a value, or :data:`_BAD`.

    *values* holds the values read; a text's code is its value's index there, ``-1`` for
    an unknown (empty) cell and :data:`_BAD` for a cell that does not read plainly.
    """

    def __init__(
        self, position: int, key: str, name: str, field: str, read: Callable[[Any], Any]
    ) -> None:
        self.position = position
        self.key = key  # the header cell
        self.name = name  # the key of the record that cells_record makes
        self.field = field  # the field, or the measured parameter's key
        self.read = read
        self.codes: dict[str, int] = {}
        self.values: list[Any] = []
        self.texts: list[str] = []  # the cell text of each value
        # per code: the value as a discharge holds it (``None``: the cell does not give it)
        self.givens: dict[int, Any] = {}
        # (violation of a pattern, code) -> that violation in words with the code's value
        self.shown: dict[tuple[int, int], str] = {}

    def forget(self) -> None:
        """Clear what this column remembers."""
        self.codes, self.values, self.texts = {}, [], []
        self.givens, self.shown = {}, {}

    def _code(self, text: str) -> int:
        from waterbeleid.discharge import DischargeActivity
        from waterbeleid.serialize import cells_record

        try:
            value = self.read(cells_record({self.key: text}, DischargeActivity)[self.name])
        except Exception:
            return _BAD
        if value is None:
            return -1
        self.values.append(value)
        self.texts.append(text)
        return len(self.values) - 1

    def codes_of(self, texts: Sequence[str]) -> npt.NDArray[Any]:
        """The code of each cell of *texts*."""
        import numpy as np

        if len(self.codes) > _REMEMBERED:
            self.forget()
        codes = self.codes
        for text in set(texts).difference(codes):
            codes[text] = self._code(text)
        return np.fromiter(map(codes.__getitem__, texts), dtype=np.int64, count=len(texts))


def format_template(parts: Iterable[str | int]) -> str:
    """A template of :meth:`str.format` of *parts*: texts, given as they are, and the
    indexes of the arguments to put in their places."""
    return "".join(
        part.replace("{", "{{").replace("}", "}}") if isinstance(part, str) else f"{{{part}}}"
        for part in parts
    )


def _enum(cls: Any) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(value)
        return cls.parse(value)

    return read


def _quantity(dimension: str) -> Callable[[Any], Any]:
    from waterbeleid import units
    from waterbeleid.discharge import exact

    def read(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise TypeError(value)
        exact.measure(units.quantity(value, dimension))  # as DischargeActivity measures it
        return value

    return read


def _flag(value: Any) -> Any:
    if value is not None and not isinstance(value, bool):
        raise TypeError(value)
    return value


def _start(value: Any) -> Any:
    from waterbeleid.discharge.timespan import to_moment

    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    day = to_moment(value, "start")
    if type(day) is not dt.date:  # a time of day: left to the row-by-row path
        raise TypeError(value)
    return day


def _no_end(value: Any) -> Any:
    if value is not None:
        raise ValueError("an end is checked row by row")
    return None


def _board(value: Any) -> Any:
    from waterbeleid.discharge.ruleset import resolve

    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    return value, resolve(None, value)  # a board without rules: left to the row-by-row path


class CleanRows:
    """Which rows of each chunk are certainly clean (see the module's text).

    Build it with :meth:`of`, which gives ``None`` for a header this check does not read
    (a column it does not know, a field named twice or missing, a ``measurements`` column, a unit
    beside a field that is no quantity); the rows of such a file are all checked one by
    one.
    """

    def __init__(
        self, columns: list[_Column], id_position: int | None, header: Sequence[str] = ()
    ) -> None:
        self.columns = {c.field: c for c in columns}
        self.id_position = id_position
        self.header = list(header)
        # (ruleset, key of the rows' pattern) -> the pattern (None: not read so)
        self._patterns: dict[tuple[int, bytes], _Pattern | None] = {}
        self._rulesets: dict[int, Any] = {}
        # (pattern, shape of the gaps) -> the parts of the message of an undecided row
        self.said: dict[tuple[int, Any], tuple[str | int, ...] | None] = {}

    @classmethod
    def of(cls, header: Sequence[str]) -> CleanRows | None:
        """The check of the rows under *header*, or ``None``."""
        from waterbeleid.discharge.model import (
            _FIELDS_IN_MEASUREMENTS,
            PARAMETERS,
            Origin,
            Receiver,
            measurement_key,
        )
        from waterbeleid.errors import VocabularyError

        readers: dict[str, Callable[[Any], Any]] = {
            "origin": _enum(Origin),
            "receiver": _enum(Receiver),
            "visual_pollution": _flag,
            "designated_water_body": _flag,
            "start": _start,
            "end": _no_end,
            "water_board": _board,
        }
        columns: list[_Column] = []
        id_position = None
        seen: set[str] = set()
        for position, key in enumerate(header):
            name, unit = _split(key)
            if name in _FIELDS:
                field = name
                if unit and field not in _QUANTITIES:
                    return None
            else:
                try:
                    field = measurement_key(name)
                except VocabularyError:
                    return None  # an unknown column: an error, reported row by row
                if field not in PARAMETERS or field in ("flow", "duration"):
                    return None
                if field in _FIELDS_IN_MEASUREMENTS:
                    return None  # given as a field and a measurement: checked row by row
            if field in seen:
                return None
            seen.add(field)
            if field == "id":
                id_position = position
                continue
            read = _quantity(PARAMETERS[field]) if field in PARAMETERS else readers[field]
            columns.append(_Column(position, key, name, field, read))
        if not seen >= _REQUIRED:
            return None  # a field every row must give: an error, reported row by row
        return cls(columns, id_position, header)

    def ids(self, cells: Sequence[Sequence[str]]) -> list[str | None]:
        """Each row's id as a row's record gives it (stripped; empty: ``None``)."""
        if self.id_position is None:
            return [None] * len(cells)
        at = self.id_position
        return [row[at].strip() or None for row in cells]

    def clean(self, cells: Sequence[Sequence[str]]) -> npt.NDArray[Any]:
        """A bool per row of *cells* (lists of cells in header order): certainly clean."""
        return self.marks(cells)[0]

    def marks(self, cells: Sequence[Sequence[str]]) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """Two bools per row of *cells*: certainly clean, and *plain* — every cell read
        as the fields of :class:`~waterbeleid.discharge.DischargeActivity` read it, and no
        ``end`` (such a row structures, by the constructor as by the converter)."""
        return self._marks(cells, None)

    def verdicts(
        self, cells: Sequence[Sequence[str]]
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any], Warned]:
        """As :meth:`marks`, with the warnings found column by column: row position ->
        (code, message) of the one warning the row-by-row checks give that row (and no
        other issue). A row neither clean nor warned here is left to those checks."""
        warned: Warned = {}
        clean, plain = self._marks(cells, warned)
        return clean, plain, warned

    def plain(self, cells: Sequence[Sequence[str]]) -> npt.NDArray[Any]:
        """A bool per row of *cells*: *plain* (see :meth:`marks`), without assessing."""
        return self._read(cells)[1]

    def _read(
        self, cells: Sequence[Sequence[str]]
    ) -> tuple[dict[str, npt.NDArray[Any]], npt.NDArray[Any]]:
        """The codes of each column's cells, and whether each row is plain."""
        import numpy as np

        by_column = list(zip(*cells, strict=True))
        codes = {name: c.codes_of(by_column[c.position]) for name, c in self.columns.items()}
        plain = np.ones(len(cells), dtype=bool)
        for found in codes.values():
            plain &= found != _BAD
        for required in ("origin", "receiver"):
            plain &= codes[required] >= 0
        return codes, plain

    def _marks(
        self, cells: Sequence[Sequence[str]], warned: Warned | None
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """Clean and plain (see :meth:`marks`); the warnings found go to *warned*."""
        import numpy as np

        n = len(cells)
        if not n:
            return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        codes, plain = self._read(cells)
        clean = np.zeros(n, dtype=bool)
        for chosen, result in self.assessed_groups(codes, plain):
            allowed = np.fromiter(
                (verdict is True for verdict in result.allowed), dtype=bool, count=len(chosen)
            )
            clean[chosen] = allowed
            if warned is not None and not allowed.all():
                self._warnings(cells, codes, chosen, result, warned)
        return clean, plain

    def assessed_groups(
        self, codes: dict[str, npt.NDArray[Any]], plain: npt.NDArray[Any]
    ) -> Iterator[tuple[npt.NDArray[Any], Any]]:
        """The rows that are *plain* and end in time, by water board: the positions of
        each group's rows and their :func:`~waterbeleid.discharge.batch.assess_many`
        (by the board's rules; a group that fails is left out)."""
        import numpy as np

        candidates = plain & self._ends_early(codes)
        board = codes.get("water_board")
        groups = [(None, candidates)]
        if board is not None:
            boards = self.columns["water_board"].values
            groups = [(None, candidates & (board == -1))]
            for code in np.unique(board[candidates & (board >= 0)]).tolist():
                groups.append((boards[code][1], candidates & (board == code)))
        for rules, rows in groups:
            chosen = np.flatnonzero(rows)
            if not chosen.size:
                continue
            result = self._assessed(codes, chosen, rules)
            if result is not None:
                yield chosen, result

    def _ends_early(self, codes: dict[str, npt.NDArray[Any]]) -> npt.NDArray[Any]:
        """Rows that end well before the last day, or lack a start or a duration."""
        import numpy as np

        from waterbeleid import units
        from waterbeleid.validation.checks import LAST_END

        start, duration = codes.get("start"), codes.get("duration")
        if start is None or duration is None:
            return np.ones(len(next(iter(codes.values()))), dtype=bool)
        hours = np.array(
            [units.magnitude(units.duration(text), "h") for text in self.columns["duration"].values]
            + [0.0],
            dtype=float,
        )
        room = np.array(
            [(LAST_END - day).days * 24 for day in self.columns["start"].values] + [0],
            dtype=float,
        )
        known = (start >= 0) & (duration >= 0)
        start, duration = np.where(known, start, -1), np.where(known, duration, -1)
        late = known & (hours[duration] >= room[start] - _MARGIN_HOURS)
        ok: npt.NDArray[Any] = ~late
        return ok

    def _assessed(
        self, codes: dict[str, npt.NDArray[Any]], rows: npt.NDArray[Any], rules: Any
    ) -> Any:
        """*rows* assessed by :func:`~waterbeleid.discharge.batch.assess_many` under
        *rules* (``None``: by the default rules; the result ``None`` on any failure)."""
        import numpy as np

        from waterbeleid.discharge.batch import assess_many
        from waterbeleid.discharge.columns import _Coded
        from waterbeleid.discharge.model import PARAMETERS

        def coded(name: str) -> Any:
            column = self.columns.get(name)
            if column is None:
                return None
            if name == "start":  # days (no time of day here): one array, NaT unknown
                days = np.array([*column.values, None], dtype="datetime64[D]")
                return days[codes[name][rows]]
            return _Coded(codes[name][rows], column.values)

        keywords = {
            name: coded(name)
            for name in (
                "origin",
                "receiver",
                "flow",
                "duration",
                "suspended_solids",
                "iron",
                "visual_pollution",
                "designated_water_body",
                "start",
            )
        }
        measurements = {
            name: coded(name)
            for name in self.columns
            if name in PARAMETERS and name not in keywords
        }
        try:
            return assess_many(**keywords, measurements=measurements or None, ruleset=rules)
        except Exception:
            return None

    # -- the warnings ---------------------------------------------------------------------------

    def _warnings(
        self,
        cells: Sequence[Sequence[str]],
        codes: dict[str, npt.NDArray[Any]],
        rows: npt.NDArray[Any],
        result: Any,
        warned: Warned,
    ) -> None:
        """Add to *warned* the warnings of those of *rows* (positions in *cells*) that
        *result* does not find allowed, where a pattern gives them (see the module's
        text)."""
        import numpy as np

        from waterbeleid.discharge.batch import VIOLATION_PARAMETERS, case_keys

        verdict = np.fromiter(
            (0 if v is False else 1 if v is None else 2 for v in result.allowed),
            dtype=np.int64,
            count=len(rows),
        )
        picked = np.flatnonzero(verdict < 2)
        if len(self._patterns) > _PATTERNS:
            self._patterns, self.said = {}, {}
            for column in self.columns.values():
                column.shown = {}
        # the same parameters, in the same order, in every chunk: the bits mean the same
        violated = list(VIOLATION_PARAMETERS)
        lacking = sorted(result.missing)
        flags = [result.violations[n][picked] for n in violated]
        flags += [result.missing[n][picked] for n in lacking]
        duties = {duty: i for i, duty in enumerate(dict.fromkeys(result.obligation[picked]))}
        duty = np.fromiter(
            map(duties.__getitem__, result.obligation[picked]), dtype=np.int64, count=len(picked)
        )
        numbers = [case_keys(result)[picked].astype(np.int64), verdict[picked], duty]
        distinct, first, inverse = pattern_keys(numbers, flags)
        rules_id = id(result.ruleset)
        self._rulesets[rules_id] = result.ruleset  # kept: its id names it in the patterns
        patterns: list[_Pattern | None] = []
        for group, at in enumerate(first.tolist()):
            memo_key = (rules_id, distinct[group].tobytes())
            if memo_key in self._patterns:
                pattern = self._patterns[memo_key]
            else:
                row = int(rows[picked[at]])
                expected = (
                    verdict[picked[at]] == 0,
                    {n for n in violated if result.violations[n][picked[at]]},
                    {n for n in lacking if result.missing[n][picked[at]]},
                )
                pattern = self._patterns[memo_key] = self._pattern(cells[row], expected)
            patterns.append(pattern)
        positions = rows[picked].tolist()
        dated = any(p is not None and p.fixed is None and not p.parts for p in patterns)
        starts = result.start[picked].tolist() if dated else []
        ends = result.end_day[picked].tolist() if dated else []
        for i, (position, group) in enumerate(
            zip(positions, inverse.ravel().tolist(), strict=True)
        ):
            pattern = patterns[group]
            if pattern is None:
                continue
            if pattern.fixed is not None:
                warned[position] = pattern.fixed
                continue
            if pattern.parts:
                message = pattern.message(codes, position)
            else:
                message = pattern.code, pattern.undecided(starts[i], ends[i])
            if message is not None:
                warned[position] = message

    def _pattern(
        self, row: Sequence[str], expected: tuple[bool, set[str], set[str]]
    ) -> _Pattern | None:
        """The pattern of the warnings of the rows like *row* (checked row by row), or
        ``None`` where it cannot be read so or the row does not give what the columns
        found (*expected*: not allowed, the parameters violated, those missing)."""
        from waterbeleid.discharge import DischargeActivity, assess
        from waterbeleid.discharge.assess import _plan
        from waterbeleid.validation.checks import verdict_issues

        try:
            activity = _activity(self.header, row, DischargeActivity)
            result = assess(activity)
        except Exception:
            return None
        refused, violated, lacking = expected
        if (result.allowed is False) != refused or (not refused and result.allowed is not None):
            return None
        if {v.parameter for v in result.violations} != violated:
            return None
        if set(result.missing) != lacking:
            return None
        plan = _plan(result.ruleset, activity)
        if not refused:
            if not _tiers_agree(plan.quantity.tiers):
                return None
            (warning,) = verdict_issues(result, "")
            if result.missing or not result.gaps:
                return _Pattern(warning.code, warning.message, (), row, self)
            day = activity.start_day
            if result.version is None:  # why no version applies: from the row's days
                pattern = _Pattern(
                    warning.code, "", (), row, self, no_version=(result.ruleset, plan)
                )
                if pattern.undecided(day, activity.end_day) != warning.message:
                    return None
                return pattern
            # the rules the ruleset lacks: the same for each row but the start day
            if any(dict(gap.args).get("day", day) != day for gap in result.gaps):
                return None
            return _Pattern(warning.code, "", (), row, self, result.gaps)
        conditions = plan.quality.conditions
        limited = [c.parameter for c in conditions]
        summed = {p for c in conditions if c.sum_of for p in (c.parameter, *c.sum_of)}
        parts: list[tuple[str, Any]] = []
        for violation in result.violations:
            parameter = violation.parameter
            if parameter == "receiver":
                parts.append((str(violation), None))
            elif (
                parameter in self.columns
                and parameter not in summed
                and limited.count(parameter) == 1
            ):
                parts.append((parameter, violation))
            else:
                return None
        return _Pattern("discharge-not-allowed", "", tuple(parts), row, self)


def pattern_keys(
    numbers: Sequence[npt.NDArray[Any]], flags: Sequence[npt.NDArray[Any]]
) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any]]:
    """The rows' patterns from *numbers* (int64 columns) and *flags* (bool columns): each
    distinct pattern as bytes, the first row of each, and each row's pattern."""
    import numpy as np

    n = len(numbers[0])
    key = np.stack(numbers, axis=1).view(np.uint8).reshape(n, -1)
    if flags:
        bits = np.packbits(np.stack(flags, axis=1), axis=1)
        key = np.concatenate([key, bits], axis=1)
    key = np.ascontiguousarray(key)
    rows_of = key.view(np.dtype((np.void, key.shape[1]))).ravel()
    distinct, first, inverse = np.unique(rows_of, return_index=True, return_inverse=True)
    return distinct, first, inverse.ravel()


def _activity(header: Sequence[str], row: Sequence[str], cls: Any) -> Any:
    """The discharge of a plain *row* under *header*, as the constructor builds it."""
    from waterbeleid.discharge.model import gather_measurements
    from waterbeleid.serialize import cells_record

    record = gather_measurements(cells_record(dict(zip(header, row, strict=True)), cls))
    return cls(**record)


#: Days that stand in for a row's days in the text of its gaps.
_STAND_INS: Final = tuple(dt.date(7001 + i, 7, 17) for i in range(9))


def _dated_template(gaps: Sequence[Any], days: Sequence[dt.date]) -> tuple[str | int, ...] | None:
    """The warning of undecided rows with *gaps* as parts: texts, and the index in *days*
    of each day named (``None``: the text cannot be written so)."""
    import re

    from waterbeleid.discharge.trace import Note
    from waterbeleid.validation.checks import undecided_issue

    if len(days) > len(_STAND_INS):
        return None
    stand_in = dict(zip(days, _STAND_INS, strict=False))
    texts = {day.isoformat(): i for i, day in enumerate(_STAND_INS)}
    general = [
        Note(gap.message, tuple((k, stand_in.get(v, v)) for k, v in gap.args)) for gap in gaps
    ]
    written = undecided_issue("", (), general).message
    pieces = re.split("(" + "|".join(map(re.escape, texts)) + ")", written)
    template: tuple[str | int, ...] = tuple(
        texts[piece] if i % 2 else piece for i, piece in enumerate(pieces)
    )
    filled = "".join(p if isinstance(p, str) else days[p].isoformat() for p in template)
    if filled != undecided_issue("", (), gaps).message:
        return None
    return template


def _tiers_agree(tiers: Sequence[Any]) -> bool:
    """Whether the tiers name their parameters in one order (then the missing parameters
    of the tier that cannot decide come in the same order, whichever tier it is)."""
    rank: dict[str, int] = {}
    for tier in tiers:
        named = list(dict.fromkeys(c.parameter for c in tier.conditions))
        for earlier, later in itertools.pairwise(named):
            rank.setdefault(earlier, len(rank))
            rank.setdefault(later, len(rank))
            if rank[earlier] > rank[later]:
                return False
    return True


class _Pattern:
    """The warning of the rows of one pattern: *message* as it stands (a row that is
    undecided for want of data), or *parts*, the violations in their order (a row that
    is not allowed): ``(text, None)`` for a violation written the same for every row,
    ``(parameter, violation)`` for one written with the row's value of *parameter*; or,
    for a row undecided for want of rules, the *gaps* of the row the pattern was read
    from (their texts written with each row's start day), or *no_version* (a ruleset
    and plan, why no version applies written from each row's days). *row* is the row
    the pattern was read from."""

    __slots__ = (
        "by_start",
        "check",
        "code",
        "fixed",
        "gaps",
        "no_version",
        "parts",
        "row",
    )

    def __init__(
        self,
        code: str,
        message: str,
        parts: tuple[tuple[str, Any], ...],
        row: Sequence[str],
        check: CleanRows,
        gaps: tuple[Any, ...] = (),
        no_version: Any = None,
    ) -> None:
        self.code = code
        # the message's parts where the start day is the only day that differs
        # (a template of str.format with the start day as {0})
        self.by_start: str | None = None
        # the ruleset and plan of rows to which no version applies
        self.no_version = no_version
        self.parts = parts
        self.row = list(row)
        self.check = check
        self.gaps = gaps
        # the code and message of every row of the pattern, where they are the same
        self.fixed = (code, message) if not (parts or gaps or no_version) else None

    def message(self, codes: dict[str, npt.NDArray[Any]], position: int) -> tuple[str, str] | None:
        """The code and message of the row at *position* of a pattern of violations
        (``None``: leave it to the row-by-row checks)."""
        from waterbeleid.validation.checks import not_allowed_issue

        texts: list[str] = []
        columns = self.check.columns
        for name, violation in self.parts:
            if violation is None:
                texts.append(name)
                continue
            column = columns[name]
            code = int(codes[name][position])
            if code < 0:
                return None  # an assumed value: left to the row-by-row checks
            text = column.shown.get((id(violation), code))
            if text is None:
                text = self._written(column, violation, code)
                if text is None:
                    return None
            texts.append(text)
        return self.code, not_allowed_issue("", texts).message

    def undecided(self, start: dt.date | None, end: dt.date | None) -> str:
        """The message of an undecided row from *start* to *end*: why no version applies
        (:attr:`no_version`), or the gaps of the row the pattern was read from with
        *start* for its start day.

        The gaps' texts differ from row to row only in the days they name: each shape of
        gaps (the same texts but for their days) is written once, with stand-in days, and
        the row's days are put in their places (checked against the row's own text the
        first time)."""
        if self.by_start is not None and start is not None:
            # gaps whose only day is the start day: one template for every row
            return self.by_start.format(start.isoformat())
        from waterbeleid.discharge.assess import no_version_note
        from waterbeleid.discharge.trace import Note
        from waterbeleid.validation.checks import undecided_issue

        if self.no_version is not None:
            rules, plan = self.no_version
            gaps = [no_version_note(rules, plan, start, end)]
        else:
            gaps = [
                Note(gap.message, tuple((k, start if k == "day" else v) for k, v in gap.args))
                for gap in self.gaps
            ]
        days: list[dt.date] = []
        shape: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
        for gap in gaps:
            args: list[tuple[str, Any]] = []
            for name, value in gap.args:
                if type(value) is dt.date:
                    if value not in days:
                        days.append(value)
                    args.append((name, -1 - days.index(value)))
                else:  # the objects of a ruleset, alive as long as it is
                    args.append((name, id(value)))
            shape.append((gap.message, tuple(args)))
        said = self.check.said
        key = (id(self), tuple(shape))
        if key in said:
            template = said[key]
        else:
            if len(said) >= _SAID:
                said.clear()
            template = said[key] = _dated_template(gaps, days)
        if template is None:
            return undecided_issue("", (), gaps).message
        if self.no_version is None and days == [start] and self.by_start is None:
            only_start = all(
                type(value) is not dt.date or name == "day"
                for gap in self.gaps
                for name, value in gap.args
            )
            if only_start:  # (every day of the template is days[0], the start day)
                self.by_start = format_template(template)
        return "".join(
            part if isinstance(part, str) else days[part].isoformat() for part in template
        )

    def _written(self, column: _Column, violation: Any, code: int) -> str | None:
        """The violation in words with the value of *code* (``None``: it cannot be)."""
        import attrs

        from waterbeleid.discharge import DischargeActivity

        if code in column.givens:
            given = column.givens[code]
        else:
            row = list(self.row)
            row[column.position] = column.texts[code]
            try:
                given = _activity(self.check.header, row, DischargeActivity).given(column.field)
            except Exception:
                given = None
            column.givens[code] = given
        if given is None:
            return None
        text = str(attrs.evolve(violation, value=given))
        column.shown[(id(violation), code)] = text
        return text
