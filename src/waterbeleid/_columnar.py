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
verdict *allowed*. Every other row is left to the row-by-row checks, which write the
exact messages; so the issues are those of the row-by-row path by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["CleanRows"]

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
        return len(self.values) - 1

    def codes_of(self, texts: Sequence[str]) -> npt.NDArray[Any]:
        """The code of each cell of *texts*."""
        import numpy as np

        if len(self.codes) > _REMEMBERED:
            self.codes, self.values = {}, []
        codes = self.codes
        for text in set(texts).difference(codes):
            codes[text] = self._code(text)
        return np.fromiter(map(codes.__getitem__, texts), dtype=np.int64, count=len(texts))


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


def _text(value: Any) -> Any:
    if value is not None and not isinstance(value, str):
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

    def __init__(self, columns: list[_Column], id_position: int | None) -> None:
        self.columns = {c.field: c for c in columns}
        self.id_position = id_position

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
        return cls(columns, id_position)

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
        import numpy as np

        n = len(cells)
        if not n:
            return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        by_column = list(zip(*cells, strict=True))
        codes = {name: c.codes_of(by_column[c.position]) for name, c in self.columns.items()}
        plain = np.ones(n, dtype=bool)
        for found in codes.values():
            plain &= found != _BAD
        for required in ("origin", "receiver"):
            plain &= codes[required] >= 0
        candidates = plain & self._ends_early(codes)
        clean = np.zeros(n, dtype=bool)
        board = codes.get("water_board")
        groups = [(None, candidates)]
        if board is not None:
            boards = self.columns["water_board"].values
            groups = [(None, candidates & (board == -1))]
            for code in np.unique(board[candidates & (board >= 0)]).tolist():
                groups.append((boards[code][1], candidates & (board == code)))
        for rules, rows in groups:
            chosen = np.flatnonzero(rows)
            if chosen.size:
                clean[chosen] = self._allowed(codes, chosen, rules)
        return clean, plain

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

    def _allowed(
        self, codes: dict[str, npt.NDArray[Any]], rows: npt.NDArray[Any], rules: Any
    ) -> npt.NDArray[Any]:
        """Of *rows*, those that :func:`~waterbeleid.discharge.batch.assess_many` finds
        allowed (any failure: none)."""
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
            result = assess_many(**keywords, measurements=measurements or None, ruleset=rules)
        except Exception:
            return np.zeros(len(rows), dtype=bool)
        allowed: npt.NDArray[Any] = np.fromiter(
            (verdict is True for verdict in result.allowed), dtype=bool, count=len(rows)
        )
        return allowed
