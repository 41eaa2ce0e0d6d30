"""Writing results safely: formulas neutralised, printable text, atomic files."""

from __future__ import annotations

import csv
import decimal
import io
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid._output import (
    DIALECTS,
    csv_field,
    csv_text,
    json_text,
    neutralise,
    printable,
    printable_lines,
    write_atomic,
    xlsx_cell,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-5 m³", "'-5 m³"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-0,25", "-0,25"),
        ("-1e3", "-1e3"),
        ("BD-2021-001", "BD-2021-001"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@given(st.text())
def test_no_neutralised_cell_starts_a_formula(text: str) -> None:
    cell = neutralise(text)
    if cell[:1] in ("=", "@", "\t", "\r"):
        pytest.fail(f"{cell!r} starts a formula")
    if cell[:1] in ("+", "-"):
        float(cell.replace(",", "."))  # only a plain number may start with a sign


def test_csv_text_in_both_dialects() -> None:
    rows = [
        {
            "row": 0,
            "id": "=cmd",
            "allowed": False,
            "levy_eur": "1817.42",
            "volume": "2.5 m³",
            "ratio": 0.5,
            "amount": decimal.Decimal("60.10"),
            "missing": ["iron", "flow"],
            "note": None,
        }
    ]
    english = csv_text(rows, decimal_columns=("levy_eur", "volume"))
    assert english.splitlines() == [
        "id,row,allowed,levy_eur,volume,ratio,amount,missing,note",
        "'=cmd,0,false,1817.42,2.5 m³,0.5,60.10,iron; flow,",
    ]
    dutch = csv_text(rows, dialect="nl", decimal_columns=("levy_eur", "volume"))
    assert dutch.startswith("\ufeff")
    assert dutch[1:].splitlines() == [
        "id;row;allowed;levy_eur;volume;ratio;amount;missing;note",
        '\'=cmd;0;false;1817,42;2,5 m³;0,5;60,10;"iron; flow";',
    ]
    parsed = list(csv.reader(io.StringIO(dutch[1:]), delimiter=DIALECTS["nl"].delimiter))
    assert parsed[1][7] == "iron; flow"
    assert csv_text(rows, raw=True).splitlines()[1].startswith("=cmd,")


_CELLS = st.lists(
    st.text(alphabet=st.sampled_from([*",;\"\r\n' =-x", "é", "\x00", "\t"]), max_size=8)
    | st.text(max_size=8).map(lambda t: t.encode("utf-8", "replace").decode("utf-8")),
    min_size=2,
    max_size=6,
)


@given(_CELLS, st.sampled_from(sorted(DIALECTS)))
def test_a_line_of_csv_fields_is_the_writers_row(cells: list[str], name: str) -> None:
    """Cells joined as fields (as ``assess --format csv`` writes the rows it makes by
    columns) give the bytes the writer of :func:`csv_text` gives for the same row."""
    delimiter = DIALECTS[name].delimiter
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    joined = delimiter.join(csv_field(cell, delimiter) for cell in cells) + "\r\n"
    assert joined == buffer.getvalue()


def test_a_field_is_quoted_where_it_must_be() -> None:
    assert csv_field("a,b", ",") == '"a,b"'
    assert csv_field("a,b", ";") == "a,b"
    assert csv_field('zei "ja"', ";") == '"zei ""ja"""'
    assert csv_field("twee\nregels", ",") == '"twee\nregels"'
    assert csv_field("", ",") == ""


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xE000), max_size=12))
def test_csv_cells_escape_every_lone_surrogate(text: str) -> None:
    """A lone surrogate (which UTF-8 cannot encode) is written as its escape; other text,
    ASCII or not, is kept."""
    from waterbeleid._output import csv_cell

    cell = csv_cell(text, DIALECTS["en"], raw=True)
    assert not any("\ud800" <= char <= "\udfff" for char in cell)
    if not any("\ud800" <= char <= "\udfff" for char in text):
        assert cell == text
    else:
        assert "\\ud" in cell


def test_xlsx_cell() -> None:
    assert xlsx_cell("=1+1") == "'=1+1"
    assert xlsx_cell("=1+1", raw=True) == "=1+1"
    assert xlsx_cell(5) == 5
    assert xlsx_cell(None) is None
    assert xlsx_cell(["a", "b"]) == "a; b"
    assert xlsx_cell("\ud800") == "\\ud800"


def test_printable() -> None:
    assert printable("Q3 2025 – € 60,10 m³ µg") == "Q3 2025 – € 60,10 m³ µg"
    assert printable("a\nb\tc\x1b[31m") == "a\\nb\\tc\\x1b[31m"
    assert printable("\ud800\u202e\u2028\U000e0001") == "\\ud800\\u202e\\u2028\\U000e0001"
    assert printable("\xa0") == "\xa0"
    assert printable_lines("one\x07\ntwo") == "one\\x07\ntwo"


@given(st.text())
def test_printable_text_is_one_printable_line(text: str) -> None:
    shown = printable(text)
    shown.encode("utf-8")
    assert "\n" not in shown
    assert "\x1b" not in shown


def test_json_text_escapes_lone_surrogates() -> None:
    text = json_text({"id": "a\ud800b", "levy": decimal.Decimal("1.50"), "name": "é"})
    text.encode("utf-8")
    assert "é" in text
    assert json.loads(text) == {"id": "a\ud800b", "levy": "1.50", "name": "é"}


def test_write_atomic_writes_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "one\n")
    assert target.read_text(encoding="utf-8") == "one\n"
    os.chmod(target, 0o640)
    write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_refuses_inputs_directories_and_devices(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("input\n", encoding="utf-8")
    hard = tmp_path / "hard.csv"
    os.link(source, hard)
    for target in (source, hard):
        with pytest.raises(wb.OutputError, match="refusing to overwrite the input file"):
            write_atomic(target, "x", inputs=[source, None, "-"])
    assert source.read_text(encoding="utf-8") == "input\n"
    with pytest.raises(wb.OutputError, match="is a directory"):
        write_atomic(tmp_path, "x")
    if Path(os.devnull).exists():
        with pytest.raises(wb.OutputError, match="expected a regular file"):
            write_atomic(os.devnull, "x")
    with pytest.raises(wb.OutputError, match="No such file or directory"):
        write_atomic(tmp_path / "missing" / "out.csv", "x")
    with pytest.raises(wb.OutputError, match="cannot encode"):
        write_atomic(tmp_path / "out.txt", "\ud800")
    assert not (tmp_path / "out.txt").exists()
