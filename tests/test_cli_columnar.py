"""``waterbeleid validate`` on a CSV file: the rows found clean column by column are
certain to give no issue, and the output is that of the row-by-row path."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_hardening import run
from waterbeleid import _stream
from waterbeleid._columnar import CleanRows
from waterbeleid.discharge import DischargeActivity
from waterbeleid.discharge.model import gather_measurements
from waterbeleid.serialize import cells_record, converter
from waterbeleid.validation.checks import check_discharge

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Cells per column: mostly valid ones (allowed, not allowed and undecided discharges, both
#: versions of the rules, days near the last one), some unknown and a few errors.
CELLS: dict[str, list[str]] = {
    "id": ["A-1", "A-2", "A-3", "", " A-1 "],
    "origin": ["bronnering", "bronnering", "bodemsanering", "Bronnering", "afvalwater"],
    "receiver": [
        "oppervlaktewater",
        "oppervlaktewater",
        "hemelwaterafvoer",
        "vuilwaterriool",
        "bodem",
        "rivier",
    ],
    "flow": ["8 m3/h", "2,5 l/s", "0.4 l/s", "150 m3/h", "1 m3/h", "", "8 mg/l", "-1 m3/h"],
    "duration": ["36 uur", "3 weken", "10 dagen", "2 dagen", "", "36", "600 dagen"],
    "suspended_solids [mg/l]": ["30", "12", "250", "", "veel", "50", "50.0001"],
    "iron [mg/l]": ["1", "4.2", "", "2"],
    "visual_pollution": ["nee", "nee", "ja", "", "misschien", "0"],
    "naphthalene [µg/l]": ["0.1", "5", "", ""],
    "minerale olie": ["", "", "200 µg/l", "5000 µg/l", "x"],
    "designated_water_body": ["nee", "ja", "", "nee"],
    "water_board": ["", "", "brabantse_delta", "de_dommel", "nergens"],
    "start": [
        "2021-03-01",
        "2023-12-20",
        "2024-02-01",
        "2023-12-31",
        "",
        "01-03-2021",
        "9998-12-01",
        "9998-12-29",
        "2021-03-01T08:00",
    ],
    "end": ["", "", "", "", "2024-01-10", "2021-02-01"],
}
COLUMNS = list(CELLS)
REQUIRED = ["origin", "receiver", "flow", "duration"]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def scalar_issues(header: list[str], row: list[str]) -> list[Any]:
    """The issues of one row as the row-by-row path finds them (structure, then checks)."""
    from cattrs.errors import BaseValidationError

    record = gather_measurements(
        cells_record(dict(zip(header, row, strict=True)), DischargeActivity)
    )
    try:
        activity = converter().structure(record, DischargeActivity)
    except (BaseValidationError, ValueError) as exc:
        return [exc]  # does not structure: an error
    return list(check_discharge(activity, "$.discharges[0]"))


headers = st.lists(st.sampled_from(COLUMNS), unique=True).map(
    lambda extra: [c for c in COLUMNS if c in REQUIRED or c in extra]
)


@st.composite
def registers(draw: Any) -> tuple[list[str], list[list[str]]]:
    header = draw(headers)
    rows = draw(
        st.lists(
            st.tuples(*(st.sampled_from(CELLS[c]) for c in header)).map(list),
            max_size=12,
        )
    )
    return header, rows


@settings(max_examples=150, deadline=None)
@given(registers())
def test_a_clean_row_gives_no_issue(register: tuple[list[str], list[list[str]]]) -> None:
    """Every row the columnar check calls clean structures and gives no issue row by row;
    every row it calls plain structures alike by the constructor and the converter."""
    header, rows = register
    check = CleanRows.of(header)
    assert check is not None
    clean, plain = check.marks(rows)
    for row, is_clean, is_plain in zip(rows, clean.tolist(), plain.tolist(), strict=True):
        if is_clean:
            assert is_plain
            assert scalar_issues(header, row) == []
        if is_plain:  # built by the constructor: the same discharge as the converter's
            cells = dict(zip(header, row, strict=True))
            record = gather_measurements(cells_record(cells, DischargeActivity))
            assert DischargeActivity(**record) == converter().structure(record, DischargeActivity)


def test_clean_rows_are_found() -> None:
    """The check is not vacuous: allowed rows of both versions are called clean, and the
    rows that give an issue are not."""
    header = COLUMNS[:-1]
    row = {c: cells[0] for c, cells in CELLS.items()}
    row.update(flow="1 m3/h", duration="2 dagen", designated_water_body="nee")
    rows = []
    for start in ("2021-03-01", "2024-02-01", "", "9998-12-29"):
        for water_board in ("", "brabantse_delta", "nergens"):
            for solids in ("12", "250", "veel"):
                cells = {**row, "start": start, "water_board": water_board}
                cells["suspended_solids [mg/l]"] = solids
                rows.append([cells[c] for c in header])
    check = CleanRows.of(header)
    assert check is not None
    clean = check.clean(rows).tolist()
    found = {i for i, c in enumerate(clean) if c}
    assert found  # some rows are clean: exactly those the checks leave silent, but the
    # ones that end near the last day (left to the row-by-row check)
    silent = {
        i
        for i, cells in enumerate(rows)
        if not scalar_issues(header, cells) and cells[header.index("start")] != "9998-12-29"
    }
    assert found == silent


@pytest.mark.parametrize(
    "header",
    [
        [*REQUIRED, "colour"],  # an unknown column
        [*REQUIRED, "measurements"],
        [*REQUIRED, "flow [m3/h]"],  # a field twice
        [*REQUIRED, "suspended_solids", "onopgeloste stoffen"],
        ["origin [x]", "receiver", "flow", "duration"],  # a unit beside no quantity
        ["origin", "flow", "duration"],  # no receiver
        ["origin", "receiver", "flow"],  # no duration
    ],
)
def test_headers_left_to_the_row_by_row_path(header: list[str]) -> None:
    assert CleanRows.of(header) is None


def test_the_example_header_is_read_by_columns() -> None:
    with open(EXAMPLES / "discharges.csv", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    assert CleanRows.of(header) is not None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(register=registers(), form=st.sampled_from([(), ("--format", "json"), ("--strict",)]))
def test_columnar_validate_is_row_by_row(
    capsys: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    register: tuple[list[str], list[list[str]]],
    form: tuple[str, ...],
) -> None:
    """The same output, messages and exit code as reading the whole file row by row,
    over chunks of 5 rows."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 5)
    header, rows = register
    path = write_csv(tmp_path / "r.csv", header, rows)
    streamed = run(capsys, "validate", str(path), *form)
    whole = run(capsys, "validate", str(path), *form, "--row-by-row")
    assert streamed == whole


def test_columnar_validate_of_a_register_is_row_by_row(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A larger register, with duplicate ids among clean and other rows, over chunks."""
    import random

    monkeypatch.setattr(_stream, "CHUNK_ROWS", 37)
    rng = random.Random(11)
    rows: list[list[str]] = []
    while len(rows) < 300:  # rows that structure (else only their errors are reported)
        row = [rng.choice(CELLS[c]) for c in COLUMNS]
        if rng.random() < 0.7:
            row[COLUMNS.index("end")] = ""
            row[COLUMNS.index("start")] = rng.choice(CELLS["start"][:4])
        issues = scalar_issues(COLUMNS, row)
        if not any(isinstance(i, Exception) for i in issues):
            rows.append(row)
    for i, row in enumerate(rows):
        if i % 5:
            row[COLUMNS.index("id")] = f"R-{i % 97}"  # repeats, across chunks
    path = write_csv(tmp_path / "big.csv", COLUMNS, rows)
    streamed = run(capsys, "validate", str(path))
    whole = run(capsys, "validate", str(path), "--row-by-row")
    assert streamed == whole
    assert "[duplicate-code]" in streamed[1]
    check = CleanRows.of(COLUMNS)
    assert check is not None
    assert check.clean(rows).any()  # the columnar path took part


@settings(max_examples=100, deadline=None)
@given(
    ids=st.lists(st.sampled_from(["a", "b", "c", "d", "e", None]), max_size=40),
    size=st.integers(1, 7),
)
def test_ids_met_again_are_found_across_chunks(ids: list[str | None], size: int) -> None:
    """Each id met again is a candidate, in the order of the rows, whatever the chunks
    (rows without an id counted); with the filter's full size, no other id is."""
    seen: set[str] = set()
    expected = []
    for row, ident in enumerate(ids):
        if ident is None:
            continue
        if ident in seen:
            expected.append((row, ident))
        seen.add(ident)
    found = _stream._Ids()
    for start in range(0, len(ids), size):
        rows = [r for r in range(start, min(start + size, len(ids))) if ids[r] is not None]
        found.add([str(ids[r]) for r in rows], rows)
    assert found.candidates == expected


@settings(max_examples=50, deadline=None)
@given(
    ids=st.lists(st.text(max_size=3), max_size=60),
    size=st.integers(1, 7),
    bits=st.sampled_from([8, 64, 1024]),
)
def test_a_small_filter_misses_no_id_met_again(ids: list[str], size: int, bits: int) -> None:
    """However small the filter (and so however many false alarms), every id met again
    is a candidate, and the candidates come in the order of the rows."""
    from unittest import mock

    expected = [row for row, ident in enumerate(ids) if ident in ids[:row]]
    with mock.patch.object(_stream, "_ID_BITS", bits):
        found = _stream._Ids()
        for start in range(0, len(ids), size):
            rows = list(range(start, min(start + size, len(ids))))
            found.add([ids[r] for r in rows], rows)
    candidates = [row for row, _ in found.candidates]
    assert candidates == sorted(candidates)
    assert set(expected) <= set(candidates)
    assert all(ids[row] == ident for row, ident in found.candidates)


#: Cells that give warnings of every kind: violations with values in several units (a flow
#: to a foul sewer, suspended solids, iron, visual pollution, substances, a sum of them
#: (chlorinated solvents), which is left to the row-by-row checks), undecided rows
#: (a value missing, a designation missing, no rule in force since 2024, a discharge that
#: runs across the change of version), on both water boards' rules.
WARNING_CELLS: dict[str, list[str]] = {
    "id": ["W-1", "W-2", ""],
    "origin": ["bronnering", "bodemsanering"],
    "receiver": ["oppervlaktewater", "hemelwaterafvoer", "vuilwaterriool", "bodem"],
    "flow": ["4 m3/h", "6 m3/h", "2,5 l/s", "0.4 l/s", "6000 l/h", "150 m3/h", ""],
    "duration": ["36 uur", "3 weken", "10 dagen", "40 weken", "2 dagen", ""],
    "suspended_solids": ["30 mg/l", "12 mg/l", "51 mg/l", "250 mg/l", "0.3 g/l", ""],
    "iron": ["1 mg/l", "4.2 mg/l", "9 mg/l", "", "6000 µg/l"],
    "visual_pollution": ["nee", "ja", ""],
    "naphthalene [µg/l]": ["0.1", "5", "", "90"],
    "benzene [µg/l]": ["", "0.2", "40", "900"],
    "tolueen": ["", "1 µg/l", "0.5 mg/l"],
    "tetrachloroethene [µg/l]": ["", "5", "800"],
    "trichloroethene [µg/l]": ["", "900"],
    "designated_water_body": ["nee", "ja", ""],
    "water_board": ["", "brabantse_delta", "de_dommel", "vechtstromen"],
    "start": ["2021-03-01", "2023-06-20", "2023-12-20", "2024-02-01", "2025-07-07", ""],
}
WARNING_COLUMNS = list(WARNING_CELLS)
#: Registers of such rows, for the properties of ``validate`` and ``assess``.
WARNING_ROWS = st.lists(
    st.tuples(*(st.sampled_from(WARNING_CELLS[c]) for c in WARNING_COLUMNS)).map(list),
    min_size=1,
    max_size=30,
)
#: The settings of a property that runs the command line on files.
CLI_PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_warnings_found_by_columns_are_those_of_the_row_by_row_path(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows that only warn get their warning column by column, over chunks of an odd
    size (patterns met again in later chunks), exactly as the row-by-row path writes it;
    and most of them are found so (the columnar path took part)."""
    import random

    monkeypatch.setattr(_stream, "CHUNK_ROWS", 23)
    rng = random.Random(5)
    rows = [[rng.choice(WARNING_CELLS[c]) for c in WARNING_COLUMNS] for _ in range(600)]
    for i, row in enumerate(rows):
        if row[0]:
            row[0] = f"W-{i}"
    path = write_csv(tmp_path / "warnings.csv", WARNING_COLUMNS, rows)
    for form in (("--format", "json"), ()):
        streamed = run(capsys, "validate", str(path), *form)
        whole = run(capsys, "validate", str(path), *form, "--row-by-row")
        assert streamed == whole
    assert " valid (0 error(s)," in streamed[1]  # every row structures: the checks ran
    for code in ("discharge-not-allowed", "discharge-undecided"):
        assert f"[{code}]" in streamed[1]
    check = CleanRows.of(WARNING_COLUMNS)
    assert check is not None
    warned = clean = 0
    for start in range(0, len(rows), 23):
        found, _, by_columns = check.verdicts(rows[start : start + 23])
        warned += len(by_columns)
        clean += int(found.sum())
    assert warned > 0.6 * (len(rows) - clean)


@CLI_PROPERTY
@given(rows=WARNING_ROWS, size=st.integers(1, 9))
def test_warnings_by_columns_property(
    capsys: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    size: int,
) -> None:
    """Any register of such rows, in chunks of any size: the row-by-row output."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", size)
    path = write_csv(tmp_path / "w.csv", WARNING_COLUMNS, rows)
    assert run(capsys, "validate", str(path)) == run(capsys, "validate", str(path), "--row-by-row")


@given(
    texts=st.lists(st.text(), min_size=4, max_size=4),
    severity=st.sampled_from(["error", "warning"]),
)
def test_the_spool_writes_issues_as_json_dumps(texts: list[str], severity: str) -> None:
    """Issues kept by their fields, texts met again included, read back as written."""
    import json

    spool = _stream.IssueSpool()
    try:
        code, path, message, other = texts
        wanted = []
        for fields in ((code, path, message), (code, other, message), (other, path, code)):
            spool.add_fields(severity, *fields)
            keys = ("severity", "code", "path", "message")
            wanted.append(dict(zip(keys, (severity, *fields), strict=True)))
        assert list(spool) == wanted
        assert spool.count == 3
        assert spool.errors == (3 if severity == "error" else 0)
        assert spool._file is not None
        spool._file.seek(0)
        first = spool._file.readline()
        assert first == json.dumps(wanted[0], ensure_ascii=False) + "\n"
    finally:
        spool.close()


def test_warnings_by_columns_with_tiny_memories(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memories of the columnar check and of the issues (cell texts, patterns, the
    messages of undecided rows, texts as JSON, issues not yet written) cleared again and
    again: the same report."""
    import random

    from waterbeleid import _columnar

    monkeypatch.setattr(_stream, "CHUNK_ROWS", 11)
    monkeypatch.setattr(_stream, "_ENCODED", 2)
    monkeypatch.setattr(_stream, "_PENDING", 3)
    monkeypatch.setattr(_columnar, "_SAID", 2)
    monkeypatch.setattr(_columnar, "_PATTERNS", 3)
    monkeypatch.setattr(_columnar, "_REMEMBERED", 4)
    rng = random.Random(8)
    rows = [[rng.choice(WARNING_CELLS[c]) for c in WARNING_COLUMNS] for _ in range(200)]
    path = write_csv(tmp_path / "tiny.csv", WARNING_COLUMNS, rows)
    streamed = run(capsys, "validate", str(path))
    assert streamed == run(capsys, "validate", str(path), "--row-by-row")
    assert "[discharge-not-allowed]" in streamed[1]


@pytest.mark.parametrize("shown", [False, True])
def test_the_spool_writes_its_pending_issues_in_order(
    monkeypatch: pytest.MonkeyPatch, shown: bool
) -> None:
    """Issues are written to the file a few at a time: none is lost or reordered, before
    or after joining another spool, read back or written out."""
    monkeypatch.setattr(_stream, "_PENDING", 4)
    first, second = _stream.IssueSpool(shown=shown), _stream.IssueSpool(shown=shown)
    try:
        for i in range(11):
            first.add_fields("warning", "code", f"$.rows[{i}]", "a message")
        for i in range(11, 18):
            second.add_fields("error", "code", f"$.rows[{i}]", "another message")
        first.extend(second)
        first.add_fields("warning", "code", "$.rows[18]", "the last")
        if shown:
            out = io.StringIO()
            first.write_to(out)
            paths = [line.split(": ")[1] for line in out.getvalue().splitlines()]
        else:
            paths = [found["path"] for found in first]
        assert paths == [f"$.rows[{i}]" for i in range(19)]
        assert (first.count, first.errors) == (19, 7)
    finally:
        first.close()
        second.close()


@given(texts=st.lists(st.text(), min_size=3, max_size=3))
def test_the_spool_keeps_issues_as_report_lines(texts: list[str]) -> None:
    """Kept as the lines of the text report: those lines, one per issue, printable; such
    issues are not read back as records, nor joined with records."""
    code, path, message = texts
    shown, other = _stream.IssueSpool(shown=True), _stream.IssueSpool(shown=True)
    try:
        shown.add_fields("warning", code, path, message)
        other.add_fields("error", message, code, path)
        shown.extend(other)
        out = io.StringIO()
        shown.write_to(out)
        assert out.getvalue() == "".join(
            _stream.shown_issue(*fields) + "\n"
            for fields in (("warning", code, path, message), ("error", message, code, path))
        )
        assert out.getvalue().count("\n") == 2
        assert (shown.count, shown.errors) == (2, 1)
        with pytest.raises(TypeError, match="lines of the text report"):
            list(shown)
        with pytest.raises(ValueError, match="cannot be joined"):
            _stream.IssueSpool().extend(shown)
    finally:
        shown.close()
        other.close()
