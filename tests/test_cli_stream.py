"""The command line on a CSV file of discharges read as it streams by: the same bytes and
exit codes as reading the whole file (the hidden ``--row-by-row`` switch), at any size."""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waterbeleid import _io, _stream
from waterbeleid.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

HEADER = [
    "id",
    "origin",
    "receiver",
    "flow",
    "duration",
    "suspended_solids [mg/l]",
    "iron [mg/l]",
    "visual_pollution",
    "naphthalene [µg/l]",
    "minerale olie",
    "designated_water_body",
    "water_board",
    "start",
    "end",
]

#: Cell values per column: valid ones, unknown (empty) ones and some that are errors.
CELLS: dict[str, list[str]] = {
    "id": ["A-1", "A-2", "A-3", "=cmd()", " ", "A-1"],
    "origin": ["bronnering", "bodemsanering", "dewatering", "afvalwater"],
    "receiver": ["oppervlaktewater", "hemelwaterafvoer", "vuilwaterriool", "bodem", "rivier"],
    "flow": ["8 m3/h", "2,5 l/s", "150 m3/h", "", "8 mg/l", "0.4 l/s"],
    "duration": ["36 uur", "3 weken", "10 dagen", "", "36", "600 dagen"],
    "suspended_solids [mg/l]": ["30", "250", "", "veel"],
    "iron [mg/l]": ["1", "4.2", ""],
    "visual_pollution": ["nee", "ja", "", "misschien"],
    "naphthalene [µg/l]": ["0.1", "5", ""],
    "minerale olie": ["", "200 µg/l", "5000 µg/l"],
    "designated_water_body": ["", "ja", "nee"],
    "water_board": ["", "brabantse_delta", "de_dommel", "rivierenland", "nergens"],
    "start": ["2021-03-01", "2023-12-20", "2024-02-01", "", "01-03-2021", "9998-12-01"],
    "end": ["", "", "", "2024-01-10", "2021-02-01"],
}


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def random_rows(n: int, seed: int, valid_only: bool = False) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        row = []
        for column in HEADER:
            choices = CELLS[column]
            if valid_only:
                choices = choices[: max(1, len(choices) - 2)]
            value = rng.choice(choices)
            if column == "id" and valid_only:
                value = f"R-{i}"
            row.append(value)
        if valid_only:
            row[HEADER.index("end")] = ""
            row[HEADER.index("water_board")] = rng.choice(["", "brabantse_delta"])
        rows.append(row)
    return rows


def run(capsys: Any, *argv: str) -> tuple[int, bytes, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out.encode("utf-8", "surrogateescape"), err


def both(capsys: Any, tmp_path: Path, *argv: str) -> None:
    """Run *argv* streamed and row by row: the same exit code, output and messages."""
    results = []
    for extra in ((), ("--row-by-row",)):
        args = list(argv) + list(extra)
        target = None
        if "-o" in args:
            target = tmp_path / f"out{len(results)}.csv"
            args[args.index("-o") + 1] = str(target)
        code, out, err = run(capsys, *args)
        written = target.read_bytes() if target is not None and target.exists() else None
        results.append((code, out, err, written))
    streamed, whole = results
    assert streamed == whole
    assert "Traceback" not in streamed[2]


FORMS = [
    ("validate",),
    ("validate", "--format", "json"),
    ("validate", "--strict"),
    ("assess", "--format", "csv"),
    ("assess", "--format", "csv", "--csv-dialect", "nl"),
    ("assess", "--format", "csv", "--raw-csv", "--lang", "nl"),
    ("assess", "--format", "csv", "--fail-on", "not-allowed", "--fail-on", "undecided"),
    ("assess", "--format", "csv", "--ruleset", "de_dommel", "--tariff", "2023=50.00"),
    ("assess", "--format", "csv", "--year", "2021"),
]


@pytest.mark.parametrize("form", FORMS, ids=" ".join)
@pytest.mark.parametrize("example", ["discharges.csv", "broken/discharges.csv"])
def test_examples_alike(capsys: Any, tmp_path: Path, form: tuple[str, ...], example: str) -> None:
    command, *options = form
    both(capsys, tmp_path, command, str(EXAMPLES / example), *options)


@pytest.mark.parametrize("form", FORMS, ids=" ".join)
def test_every_column_alike_over_chunks(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: tuple[str, ...]
) -> None:
    """Rows of every kind (errors too) and all-valid rows, read 7 rows at a time."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 7)
    mixed = write_csv(tmp_path / "mixed.csv", random_rows(40, seed=1))
    valid = write_csv(tmp_path / "valid.csv", random_rows(40, seed=2, valid_only=True))
    command, *options = form
    for path in (mixed, valid):
        both(capsys, tmp_path, command, str(path), *options)


def test_valid_rows_are_assessed_alike(capsys: Any, tmp_path: Path) -> None:
    """The all-valid register gives rows (not only an error listing) on both paths."""
    path = write_csv(tmp_path / "valid.csv", random_rows(30, seed=3, valid_only=True))
    code, out, _ = run(capsys, "assess", str(path), "--format", "csv")
    assert code == 0
    assert len(out.splitlines()) == 31
    both(capsys, tmp_path, "assess", str(path), "--format", "csv", "-o", "X")


def test_dutch_csv_and_stdin_alike(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "nl.csv", random_rows(20, seed=4, valid_only=True), ";")
    both(capsys, tmp_path, "validate", str(path))
    both(capsys, tmp_path, "assess", str(path), "--format", "csv", "--csv-dialect", "nl")
    data = path.read_bytes()
    for form in (("validate",), ("assess", "--format", "csv")):
        outputs = []
        for extra in ((), ("--row-by-row",)):
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
            outputs.append(run(capsys, *form, "-", "--input-format", "csv", *extra))
        assert outputs[0] == outputs[1]
        assert outputs[0][1]


def test_duplicate_ids_across_chunks(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 3)
    rows = random_rows(12, seed=5, valid_only=True)
    rows[1][0] = ""  # no id: nothing to repeat, but the row counts in the paths
    rows[7][0] = rows[2][0]
    rows[11][0] = rows[2][0]
    rows[9][0] = rows[8][0]
    path = write_csv(tmp_path / "dup.csv", rows)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert b"[duplicate-code]" in out
    # the paths name the rows as they stand in the file, the row without an id counted
    text = out.decode()
    for again, first in ((7, 2), (9, 8), (11, 2)):
        assert f"$.discharges[{again}]: expected unique ids, found {rows[again][0]!r} " in text
        assert f"again (first at $.discharges[{first}])" in text
    for form in FORMS:
        both(capsys, tmp_path, form[0], str(path), *form[1:])


def test_a_false_alarm_of_the_id_filter_is_dismissed(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id the filter takes for one met before (here, every id once the filter is
    tiny, and one added by hand) is read again and dismissed where no earlier row has
    it: the report and the output are those of reading the file whole, without reading
    it whole; true repeats are still found."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 4)
    monkeypatch.setattr(_stream, "_ID_BITS", 64)
    rows = random_rows(30, seed=6, valid_only=True)
    rows[17][0] = rows[3][0]
    rows[25][0] = rows[17][0]
    path = write_csv(tmp_path / "ids.csv", rows)
    added = _stream._Ids.add

    def alarmed(self: Any, ids: list[str], at: list[int]) -> None:
        added(self, ids, at)
        if at and at[0] == 0:
            self.candidates.insert(0, (at[0], ids[0]))  # the very first id "met before"

    monkeypatch.setattr(_stream._Ids, "add", alarmed)
    from waterbeleid import cli

    calls: list[str] = []
    for name in ("_validate_whole", "_assess_whole"):
        original = getattr(cli, name)

        def counted(*args: Any, _name: str = name, _original: Any = original) -> Any:
            calls.append(_name)
            return _original(*args)

        monkeypatch.setattr(cli, name, counted)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    text = out.decode()
    assert text.count("[duplicate-code]") == 2
    assert "$.discharges[17]: expected unique ids" in text
    assert "again (first at $.discharges[3])" in text
    assert "$.discharges[25]: expected unique ids" in text
    for form in FORMS:
        both(capsys, tmp_path, form[0], str(path), *form[1:])
    assert calls == []  # never read whole


def test_ids_that_change_between_the_readings_read_the_file_whole(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the ids read again are not those read first (the file changed meanwhile),
    the file is read whole."""
    rows = random_rows(6, seed=6, valid_only=True)
    path = write_csv(tmp_path / "ids.csv", rows)
    added = _stream._Ids.add

    def alarmed(self: Any, ids: list[str], at: list[int]) -> None:
        added(self, ids, at)
        self.candidates.append((at[-1], "an id no row has"))

    monkeypatch.setattr(_stream._Ids, "add", alarmed)
    from waterbeleid import cli

    calls: list[str] = []
    original = cli._validate_whole

    def counted(*args: Any) -> Any:
        calls.append("whole")
        return original(*args)

    monkeypatch.setattr(cli, "_validate_whole", counted)
    both(capsys, tmp_path, "validate", str(path))
    assert calls == ["whole"]


@pytest.mark.parametrize(
    "content",
    [
        b"id,origin\r\nA,bronnering\r\nB,bron\xffnering\r\n",
        b"\xef\xbb\xbfid,origin\r\nA,bronnering\r\nB,bron\xe2\x82",
        b"\xff\xfeid,origin\r\n",
        b"id,origin\r\nA,bronnering,extra\r\n",
        b"id,id\r\nA,B\r\n",
        b"",
        b"id,origin,receiver\r\n\r\n",
        b'id,origin\r\n"A,bronnering\r\n',
        b"id;origin;receiver\r\nA;bronnering;bodem\r\n",
        b"origin,receiver,flow\rbronnering,bodem,5 m3/h\r",
    ],
)
def test_unreadable_files_alike(capsys: Any, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    for form in FORMS[:4]:
        both(capsys, tmp_path, form[0], str(path), *form[1:])


def test_no_size_limit_when_streamed(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size limit of CSV files applies to the whole-file path only."""
    path = write_csv(tmp_path / "big.csv", random_rows(30, seed=7, valid_only=True))
    monkeypatch.setitem(_io.MAX_BYTES, "csv", 200)
    code, out, _ = run(capsys, "validate", str(path), "--row-by-row")
    assert code == 2
    assert "expected a CSV file of at most 200 bytes" in out.decode()
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0, out
    code, out, _ = run(capsys, "assess", str(path), "--format", "csv")
    assert code == 0
    assert len(out.splitlines()) == 31


def test_progress_only_on_a_terminal(capsys: Any, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", random_rows(5, seed=8, valid_only=True))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 0
    assert err == ""  # standard error is not a terminal here

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    assert _stream.Progress.wanted(False, screen)
    assert not _stream.Progress.wanted(True, screen)
    assert not _stream.Progress.wanted(False, io.StringIO())
    bar = _stream.Progress(1000, enabled=True, stream=screen)
    bar.update(10, 250, force=True)
    bar.update(20, 500)  # within 0.2 s: not drawn again
    assert screen.getvalue().count("\r") == 1
    assert "25%" in screen.getvalue()
    assert "10 rows" in screen.getvalue()
    bar.close()
    assert screen.getvalue().endswith("\r")
    silent = Terminal()
    _stream.Progress(1000, enabled=False, stream=silent).update(1, 1, force=True)
    assert silent.getvalue() == ""


def test_issues_json_is_that_of_json_dumps() -> None:
    import json

    issues = [{"severity": "error", "path": "$", "message": "a\nb", "code": "x"}] * 3
    expected = json.dumps({"issues": issues}, indent=2, ensure_ascii=False)
    assert '{\n  "issues": ' + "".join(_stream.issues_json(issues, 2)) + "\n}" == expected
    assert "".join(_stream.issues_json([], 2)) == "[]"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()}),
        min_size=0,
        max_size=6,
    ),
    form=st.sampled_from(FORMS),
)
def test_streamed_is_row_by_row_property(
    capsys: Any, tmp_path: Path, rows: list[dict[str, str]], form: tuple[str, ...]
) -> None:
    path = write_csv(tmp_path / "h.csv", [[r[c] for c in HEADER] for r in rows])
    both(capsys, tmp_path, form[0], str(path), *form[1:])


@pytest.mark.parametrize("options", [(), ("--ruleset", "de_dommel")])
def test_a_water_board_without_rules_is_not_left_out(
    capsys: Any, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """A row whose water board has no rules only warns when validated, but assessing it
    fails: streamed, the file fails as when it is read whole, rather than losing the row."""
    rows = random_rows(12, seed=6, valid_only=True)
    for row in rows:
        row[HEADER.index("water_board")] = ""
    rows[7][HEADER.index("water_board")] = "nergens"
    path = write_csv(tmp_path / "board.csv", rows)
    code, out, err = run(capsys, "assess", str(path), "--format", "csv", *options)
    assert code == 2
    assert out == b""
    assert "'nergens'" in err
    both(capsys, tmp_path, "assess", str(path), "--format", "csv", *options)
