"""A CSV file of discharges of any size, read, checked and assessed as it streams by.

The command line (``waterbeleid validate`` and ``waterbeleid assess --format csv``) reads a
CSV file of discharges in chunks of :data:`CHUNK_ROWS` rows with :mod:`csv`, structures
and checks each row as :func:`waterbeleid.validation.validate_data` does, assesses it, and
writes each result as it goes; what it must keep until the end (the issues found, the
output) waits in temporary files. Memory stays bounded whatever the size of the file, so
a CSV file has no size limit on this path (the other bounds stay: a row has as many cells
as the header, and a cell at most the 131,072 characters of the ``csv`` module).

``validate`` first finds, chunk by chunk, the rows that are certain to give no issue,
column by column (:mod:`waterbeleid._columnar`); only their ids are kept, and the other
rows are checked one by one. ``assess --format csv`` makes the rows of such rows column by
column too (:mod:`waterbeleid._columnar_rows`), and writes them in their places among
the rows assessed one by one.

The issues, their order and the output are those of reading the whole file at once:
issues of structure first (and then no other), else the duplicate ids, then each row's
checks in row order. What this path cannot give the same way raises :class:`Fallback`,
and the caller reads the file whole instead.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Final

from waterbeleid.errors import DatasetError, WaterbeleidError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "CHUNK_ROWS",
    "Fallback",
    "IssueSpool",
    "Progress",
    "RowStream",
    "opened",
    "shown_issue",
]

#: Rows read (and checked, assessed, written) at a time.
CHUNK_ROWS: Final = 50_000
#: Texts of issues kept in memory as JSON (beyond, the memory is cleared).
_ENCODED: Final = 10_000
#: Issues kept in memory before they are written to their temporary file together.
_PENDING: Final = 2_000
#: The longest header line whose delimiter is looked for (longer ones: :class:`Fallback`).
_HEAD_BYTES: Final = 4 * 1024 * 1024
_BLOCK: Final = 1024 * 1024
#: The bits of the filter of ids met (16 MiB, whatever the size of the file; a power of
#: two), and the bits each id sets: a million distinct ids give a false alarm (a reading
#: of the ids again at the end) about once in a thousand files, ten million some thousands.
_ID_BITS: Final = 1 << 27
_ID_HASHES: Final = 6


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection within: reading a chunk makes many lists (no cycles),
    and collecting while they are made costs more than reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Fallback(Exception):
    """This file is one the streaming path cannot read as the whole-file path does."""


# -- the progress bar ---------------------------------------------------------------------------


class Progress:
    """One line on standard error, redrawn with ``\\r``: rows done and the share of the
    file read. Silent unless enabled (standard error is a terminal and not ``--quiet``)."""

    def __init__(self, total: int, *, enabled: bool, stream: IO[str] | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.shown = 0.0
        self.drawn = False

    @staticmethod
    def wanted(quiet: bool, stream: Any = None) -> bool:
        """Whether to draw: not quiet, and the stream is a terminal."""
        stream = sys.stderr if stream is None else stream
        isatty = getattr(stream, "isatty", None)
        try:
            return not quiet and callable(isatty) and bool(isatty())
        except (OSError, ValueError):
            return False

    def update(self, rows: int, done: int, *, force: bool = False) -> None:
        """Show *rows* rows done and *done* bytes of :attr:`total` read."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.shown < 0.2:
            return
        self.shown = now
        share = done / self.total if self.total else 1.0
        width = 30
        filled = int(width * min(share, 1.0))
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {share:4.0%}  {rows:,} rows")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the line."""
        if self.drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.drawn = False


# -- the input ----------------------------------------------------------------------------------


@contextlib.contextmanager
def opened(name: str, stdin: IO[bytes] | None = None) -> Iterator[IO[bytes]]:
    """A seekable binary stream of file *name*, or of standard input (``-``), which is
    copied into a temporary file first."""
    from waterbeleid._io import open_file

    if name != "-":
        with open_file(name) as stream:
            yield stream
        return
    source = sys.stdin.buffer if stdin is None else stdin
    with tempfile.TemporaryFile() as spool:
        try:
            shutil.copyfileobj(source, spool, _BLOCK)
        except OSError as exc:
            raise DatasetError(f"<stdin>: cannot read: {exc.strerror or exc}") from None
        spool.seek(0)
        yield spool


def _size(stream: IO[bytes]) -> int:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        return 0


def _decode_error(stream: IO[bytes], where: str) -> DatasetError:
    """The error that decoding the whole file at once gives (as ``waterbeleid._io``)."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # of the decoder's input so far, after a byte order mark
    first = True
    while True:
        block = stream.read(_BLOCK)
        if first:
            first = False
            block = block.removeprefix(codecs.BOM_UTF8)
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            at = offset - pending + exc.start
            return DatasetError(f"{where}: not UTF-8 text ({exc.reason} at byte {at})")
        offset += len(block)
        if not block:
            raise Fallback  # decoded after all: not the error we were told of


class RowStream:
    """The rows of a CSV file as dicts of header cell to cell, chunk by chunk, checked as
    :func:`waterbeleid._io.load_text` checks a whole CSV file (without its size limits).

    Attributes:
        header: The header cells.
        rows: The rows read so far.
    """

    def __init__(self, stream: IO[bytes], where: str) -> None:
        from waterbeleid._io import csv_delimiter, refuse_utf16

        self.stream = stream
        self.where = where
        self.size = _size(stream)
        refuse_utf16(stream.read(4), where)
        stream.seek(0)
        head = stream.readline(_HEAD_BYTES)
        if len(head) >= _HEAD_BYTES and not head.endswith(b"\n"):
            raise Fallback
        delimiter = csv_delimiter(head.decode("utf-8-sig", errors="replace"))
        stream.seek(0)
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter)
        self.rows = 0
        self.header: list[str] = []

    def _guarded(self, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except UnicodeDecodeError:
            raise _decode_error(self.stream, self.where) from None
        except DatasetError:
            raise
        except (csv.Error, ValueError) as exc:
            raise DatasetError(f"{self.where}: cannot read as CSV: {exc}") from None

    def start(self) -> None:
        """Read and check the header."""
        from waterbeleid._io import csv_names

        header = self._guarded(lambda: next(self._reader, None))
        csv_names(header, self.where)
        self.header = header

    def position(self) -> int:
        """The bytes read so far."""
        try:
            return self.stream.tell()
        except (OSError, ValueError):
            return 0

    def chunks(self, size: int | None = None) -> Iterator[list[dict[str, str]]]:
        """The rows, *size* (:data:`CHUNK_ROWS`) at a time (blank lines skipped)."""
        header = self.header
        for cells in self.cell_chunks(size):
            yield [dict(zip(header, row, strict=True)) for row in cells]

    def cell_chunks(self, size: int | None = None) -> Iterator[list[list[str]]]:
        """The rows as lists of cells in the order of the header, *size*
        (:data:`CHUNK_ROWS`) at a time (blank lines skipped)."""
        from waterbeleid._io import csv_cell_count

        size = size or CHUNK_ROWS
        header, reader, where = self.header, self._reader, self.where
        width = len(header)

        def chunk() -> list[list[str]]:
            found: list[list[str]] = []
            for cells in reader:
                if not cells:
                    continue  # a blank line
                if len(cells) != width:
                    csv_cell_count(where, reader.line_num, header, cells)
                found.append(cells)
                if len(found) >= size:
                    break
            return found

        while True:
            with gc_paused():
                rows = self._guarded(chunk)
            if not rows:
                return
            self.rows += len(rows)
            yield rows

    def detach(self) -> None:
        """Leave the underlying stream open for its owner."""
        with contextlib.suppress(ValueError):
            self._text.detach()


# -- the issues ---------------------------------------------------------------------------------


def _temporary() -> IO[str]:
    """A temporary text file, removed when closed (or at exit)."""
    # closed by the owner's close(): it outlives any one with-block
    return tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")


class IssueSpool:
    """Issues kept in a temporary file (one JSON line each), in the order added.

    With *shown*, each issue is kept as the line the text report prints instead
    (:meth:`write_to`), and the issues cannot be read back as records.
    """

    def __init__(self, *, shown: bool = False) -> None:
        self._file: IO[str] | None = None
        self._pending: list[str] = []  # lines not yet written (written _PENDING at a time)
        self.count = 0
        self.errors = 0
        self.shown = shown
        self._encoded: dict[str, str] = {}  # text -> as JSON

    def add(self, found: Any) -> None:
        """Keep an :class:`~waterbeleid.validation.report.Issue`."""
        self.add_fields(found.severity, found.code, found.path, found.message)

    def add_fields(self, severity: str, code: str, path: str, message: str) -> None:
        """Keep the issue of these fields (as :meth:`Issue.to_dict
        <waterbeleid.validation.report.Issue.to_dict>` gives them)."""
        self.count += 1
        self.errors += severity == "error"
        if len(self._pending) >= _PENDING:
            self._flush()
        pending = self._pending
        if self.shown:
            pending.append(shown_issue(severity, code, path, message))
            return
        # as json.dumps(fields, ensure_ascii=False) writes them; the texts met again (many
        # rows share a message) are written from memory
        encoded = self._encoded
        if len(encoded) > _ENCODED:
            encoded.clear()
        parts = []
        for text in (severity, code, message):
            found = encoded.get(text)
            if found is None:
                found = encoded[text] = json.dumps(text, ensure_ascii=False)
            parts.append(found)
        kind, name, what = parts
        if path.isascii() and path.isprintable() and '"' not in path and "\\" not in path:
            where = f'"{path}"'  # what json.dumps writes for such a text
        else:
            where = json.dumps(path, ensure_ascii=False)
        pending.append(
            f'{{"severity": {kind}, "code": {name}, "path": {where}, "message": {what}}}'
        )

    def _flush(self) -> None:
        """Write the pending lines to the file (made when first needed)."""
        if not self._pending:
            return
        if self._file is None:
            self._file = _temporary()
        self._pending.append("")  # the last line's line break
        self._file.write("\n".join(self._pending))
        self._pending = []

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self.shown:
            raise TypeError("the issues were kept as the lines of the text report")
        self._flush()
        if self._file is None:
            return
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)
        self._file.seek(0, io.SEEK_END)

    def __len__(self) -> int:
        return self.count

    def write_to(self, stream: IO[str]) -> None:
        """Write the lines of the text report kept (*shown*) to *stream*."""
        if not self.shown:
            raise TypeError("the issues were kept as records, not as lines")
        self._flush()
        if self._file is None:
            return
        self._file.seek(0)
        shutil.copyfileobj(self._file, stream, _BLOCK)
        self._file.seek(0, io.SEEK_END)

    def extend(self, other: IssueSpool) -> None:
        """Add every issue of *other* (kept alike) after these."""
        if other.shown != self.shown:
            raise ValueError("issues kept as lines and as records cannot be joined")
        other._flush()
        if other._file is None:
            return
        self._flush()
        if self._file is None:
            self._file = _temporary()
        other._file.seek(0)
        shutil.copyfileobj(other._file, self._file)
        self.count += other.count
        self.errors += other.errors

    def close(self) -> None:
        """Remove the temporary file."""
        self._pending = []
        if self._file is not None:
            self._file.close()
            self._file = None


def shown_issue(severity: str, code: str, path: str, message: str) -> str:
    """The line of the text report of ``waterbeleid validate`` that shows an issue."""
    from waterbeleid._output import printable

    return printable(f"  {severity}: {path}: {message} [{code}]")


def issues_json(issues: Sequence[Any] | IssueSpool, indent: int) -> Iterator[str]:
    """The JSON list of *issues* as ``json.dumps(..., indent=2)`` writes it at *indent*
    spaces in, piece by piece."""
    if not len(issues):
        yield "[]"
        return
    inner = " " * (indent + 2)
    yield "["
    first = True
    for found in issues:
        text = json.dumps(found, ensure_ascii=False, indent=2)
        yield ("\n" if first else ",\n") + inner + text.replace("\n", "\n" + inner)
        first = False
    yield "\n" + " " * indent + "]"


class _Ids:
    """The ids met so far, in a Bloom filter of :data:`_ID_BITS` bits (so that the memory
    does not grow with the file): an id the filter may have met before is a *candidate*
    duplicate, which :meth:`Discharges.confirm_duplicates` confirms, or dismisses, by
    reading the ids of the file again. No id met again is missed."""

    def __init__(self) -> None:
        self.bits: npt.NDArray[Any] | None = None  # made at the first id
        self.candidates: list[tuple[int, str]] = []  # (index, id), in the order of the rows

    def add(self, ids: list[str], rows: list[int]) -> None:
        """Add *ids*, met at the row indexes *rows* (ascending, after those added before)."""
        import numpy as np

        if not ids:
            return
        if self.bits is None:
            self.bits = np.zeros(_ID_BITS // 8, dtype=np.uint8)
        bits = self.bits
        hashes = np.fromiter((hash(i) for i in ids), dtype=np.int64, count=len(ids))
        # an id whose hash an earlier row of these has: a candidate
        unique, first = np.unique(hashes, return_index=True)
        again = np.ones(len(ids), dtype=bool)
        again[first] = False
        # the first of each hash: a candidate where every one of its bits is set already
        places = _bit_places(unique.view(np.uint64))
        met = np.ones(len(unique), dtype=bool)
        for byte, bit in places:
            met &= (bits[byte] & bit) != 0
        again[first[met]] = True
        for byte, bit in places:
            np.bitwise_or.at(bits, byte, bit)
        for row in np.flatnonzero(again).tolist():
            self.candidates.append((rows[row], ids[row]))


def _bit_places(hashes: npt.NDArray[Any]) -> list[tuple[npt.NDArray[Any], npt.NDArray[Any]]]:
    """The :data:`_ID_HASHES` bits of each of *hashes* (``uint64``) in the filter of
    :class:`_Ids`, as (byte, mask) pairs (double hashing: ``h1 + i * h2``)."""
    import numpy as np

    size = np.uint64(_ID_BITS - 1)  # (a power of two)
    first, step = hashes & size, (hashes >> np.uint64(32)) | np.uint64(1)
    places = []
    for i in range(_ID_HASHES):
        place = (first + np.uint64(i) * step) & size
        mask = np.left_shift(np.uint8(1), (place & np.uint64(7)).astype(np.uint8))
        places.append(((place >> np.uint64(3)).astype(np.intp), mask))
    return places


# -- the rows -----------------------------------------------------------------------------------


class Discharges:
    """Structure and check the rows of a CSV file of discharges, one row after another,
    as :func:`waterbeleid.validation.validate_data` does for the whole file.

    After :meth:`run`, :meth:`issues` gives the issues in the order of the whole-file
    report. *assessed* is called with each row's index, discharge and assessment (by the
    default rules, as the checks make it; the :class:`~waterbeleid.errors.RulesetError`
    where its water board has no rules), as long as no error has been found.
    """

    def __init__(
        self,
        rows: RowStream,
        *,
        warnings: bool = True,
        assessed: Callable[[int, Any, Any], None] | None = None,
        progress: Progress | None = None,
        shown: bool = False,
        made: Callable[[Any], Any] | None = None,
        written: Callable[[str, bool | None], None] | None = None,
    ) -> None:
        self.rows = rows
        # made(check): what makes rows of output column by column (its rows(chunk) gives
        # which rows are plain and the rows it makes, its made(planned) a row's CSV line
        # and verdict); each such row goes to written(line, verdict) in its place among
        # the rows given to assessed
        self.made = made
        self.written = written
        self.warnings = warnings
        self.assessed = assessed
        self.progress = progress
        # shown: the issues kept as the lines of the text report (see IssueSpool)
        self.structure_issues = IssueSpool(shown=shown)
        self.duplicate_issues = IssueSpool(shown=shown)
        self.check_issues = IssueSpool(shown=shown)
        self.ids = _Ids()
        self.count = 0

    @property
    def broken(self) -> bool:
        """Whether some row does not structure (then the checks are not run)."""
        return self.structure_issues.count > 0

    @property
    def failed(self) -> bool:
        """Whether some error was found."""
        # (an id met again is an error only once confirmed, by confirm_duplicates)
        return self.broken or self.duplicate_issues.count > 0 or self.check_issues.errors > 0

    def run(self) -> None:
        """Read every row."""
        import numpy as np

        from waterbeleid.discharge import DischargeActivity
        from waterbeleid.discharge.model import gather_measurements
        from waterbeleid.serialize import cells_record, converter, fast_functions
        from waterbeleid.validation.report import CODES

        fast = fast_functions().of(DischargeActivity)
        slow = converter().get_structure_hook(DischargeActivity)
        self.rows.start()
        header = self.rows.header
        from waterbeleid._columnar import CleanRows

        # validate: the columnar check; else (assess) only which rows read plainly
        columnar = reader = CleanRows.of(header)
        if not self.warnings or self.assessed is not None:
            columnar = None
        maker = None
        if reader is not None and self.made is not None and self.written is not None:
            maker = self.made(reader)  # None: not made so
        for chunk in self.rows.cell_chunks():
            # each row's id (None: none, or not structured), in the order of the rows
            idents: list[str | None] = [None] * len(chunk)
            plain: list[bool] = []
            others: list[int] = []
            warned: dict[int, tuple[str, str]] = {}
            made: dict[int, Any] = {}
            chunk_ids: list[str | None] = []
            if maker is not None and not self.failed:  # (after an error no rows are kept)
                with gc_paused():
                    readable, made = maker.rows(chunk)
                    plain = readable.tolist()
                    if made and reader is not None:
                        chunk_ids = reader.ids(chunk)
            elif columnar is not None:
                # rows certain to give no issue, and rows whose one warning the columns
                # give: only their ids are kept; the others are checked one by one
                with gc_paused():
                    found, readable, warned = columnar.verdicts(chunk)
                    plain, idents = readable.tolist(), columnar.ids(chunk)
                others = np.flatnonzero(~found).tolist()
                for position in others:
                    if position not in warned:
                        idents[position] = None
            elif reader is not None:
                with gc_paused():
                    plain = reader.plain(chunk).tolist()
            base = self.count
            self.count += len(chunk)
            for position in range(len(chunk)) if columnar is None else others:
                index = base + position
                if maker is not None and position in made:  # certain to give no issue
                    # made now (after an error, not at all: no row is written then); a row
                    # the pattern cannot make goes on to the row-by-row path
                    written_row = None if self.failed else maker.made(made[position])
                    if written_row is not None or self.failed:
                        idents[position] = chunk_ids[position]
                        if written_row is not None and self.written is not None:
                            self.written(*written_row)
                        continue
                if position in warned:
                    if not self.broken:
                        code, message = warned[position]
                        self.check_issues.add_fields(
                            CODES[code][0], code, f"$.discharges[{index}]", message
                        )
                    continue
                cells = chunk[position]
                row = dict(zip(header, cells, strict=True))
                record = gather_measurements(cells_record(row, DischargeActivity))
                activity = None
                if plain and plain[position]:
                    # every cell read as the fields read it: the constructor gives what
                    # the converter gives, quicker (and anything else: the converter)
                    with contextlib.suppress(Exception):
                        activity = DischargeActivity(**record)
                if activity is None and fast is not None:
                    with contextlib.suppress(Exception):
                        activity = fast(record)
                if activity is None:
                    activity = self._structure(slow, record, index)
                if activity is None or self.broken:
                    continue
                idents[position] = activity.id
                self._check(activity, index)
            if not self.broken:
                found_ids = [ident for ident in idents if ident is not None]
                at = [base + i for i, ident in enumerate(idents) if ident is not None]
                self.ids.add(found_ids, at)
            if self.progress is not None:
                self.progress.update(self.count, self.rows.position())

    def _structure(self, hook: Any, record: Any, index: int) -> Any:
        from cattrs.errors import BaseValidationError

        from waterbeleid.discharge import DischargeActivity
        from waterbeleid.serialize import error_leaves
        from waterbeleid.validation import _code_of, _message
        from waterbeleid.validation.checks import issue

        try:
            return hook(record, DischargeActivity)
        except BaseValidationError as exc:
            for where, leaf in error_leaves(exc, f"$.discharges[{index}]"):
                self.structure_issues.add(issue(_code_of(leaf), where, _message(leaf)))
            return None
        except (WaterbeleidError, ValueError, TypeError):
            raise Fallback from None  # one issue for the whole file: read it whole

    def _check(self, activity: Any, index: int) -> None:
        from waterbeleid.discharge import assess
        from waterbeleid.errors import RulesetError
        from waterbeleid.validation.checks import _ends_in_time, issue, verdict_issues

        path = f"$.discharges[{index}]"
        late = list(_ends_in_time(activity, path))
        for found in late:
            self.check_issues.add(found)
        if late:
            return
        try:
            result = assess(activity)
        except RulesetError as exc:
            self.check_issues.add(
                issue("discharge-unknown-water-board", f"{path}.water_board", str(exc))
            )
            if self.assessed is not None and not self.failed:
                self.assessed(index, activity, exc)  # a warning only: the row is not left out
            return
        if self.warnings:
            for found in verdict_issues(result, path):
                self.check_issues.add(found)
        if self.assessed is not None and not self.failed:
            self.assessed(index, activity, result)

    def confirm_duplicates(self, reread: Callable[[], RowStream]) -> None:
        """Turn the candidate duplicate ids into issues, after reading the ids of the file
        again: a candidate whose id no earlier row has is dismissed (the filter's false
        alarm); ids that differ from those of the first reading: :class:`Fallback`."""
        from waterbeleid.validation.checks import duplicate_issue

        candidates = self.ids.candidates
        if not candidates or self.broken:
            return
        rows = reread()
        try:
            firsts = self._first_rows(rows, {value for _, value in candidates})
        finally:
            rows.detach()  # the stream stays open for its owner
        for index, value in candidates:
            first = firsts.get(value)
            if first is None or first > index:
                raise Fallback  # the file changed between the readings
            if first < index:
                self.duplicate_issues.add(
                    duplicate_issue(value, index, first, "$.discharges", "id")
                )

    @staticmethod
    def _first_rows(rows: RowStream, wanted: set[str]) -> dict[str, int]:
        """The index of the first row with each id of *wanted*, read as the rows' records
        give their ids (stripped; empty: none)."""
        from waterbeleid._columnar import CleanRows
        from waterbeleid.discharge import DischargeActivity
        from waterbeleid.serialize import cells_record

        rows.start()
        header = rows.header
        check = CleanRows.of(header)
        firsts: dict[str, int] = {}
        count = 0
        for chunk in rows.cell_chunks():
            if check is not None:
                ids = check.ids(chunk)
            else:  # a header the columns cannot read: each row's record
                ids = [
                    cells_record(dict(zip(header, row, strict=True)), DischargeActivity).get("id")
                    for row in chunk
                ]
            for offset, ident in enumerate(ids):
                if ident in wanted and ident not in firsts:
                    firsts[ident] = count + offset
            count += len(chunk)
        return firsts

    def issues(self) -> IssueSpool:
        """Every issue, in the order of the whole-file report."""
        if self.broken:
            return self.structure_issues
        self.duplicate_issues.extend(self.check_issues)
        return self.duplicate_issues

    def close(self) -> None:
        """Remove the temporary files."""
        for spool in (self.structure_issues, self.duplicate_issues, self.check_issues):
            spool.close()
