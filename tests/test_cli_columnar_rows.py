"""``waterbeleid assess --format csv`` on a CSV file: the rows made column by column (by
patterns, see :mod:`waterbeleid._columnar_rows`) are byte for byte those of the
row-by-row path."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_cli_columnar import (
    CELLS,
    CLI_PROPERTY,
    COLUMNS,
    WARNING_CELLS,
    WARNING_COLUMNS,
    WARNING_ROWS,
    write_csv,
)
from test_hardening import run
from waterbeleid import _columnar, _columnar_rows, _stream
from waterbeleid._columnar import CleanRows
from waterbeleid._columnar_rows import AssessmentRows
from waterbeleid._output import DIALECTS

#: Start days over four years and both versions of the rules (days named in the texts of
#: rules not in force since 2024, and tariffs of several years).
DAYS = [(dt.date(2021, 1, 3) + dt.timedelta(days=9 * i)).isoformat() for i in range(180)]


def register(seed: int, n: int) -> list[list[str]]:
    """*n* rows of WARNING_CELLS with their own ids, start days of DAYS, and some that
    end on the day they start."""
    rng = random.Random(seed)
    rows = [[rng.choice(WARNING_CELLS[c]) for c in WARNING_COLUMNS] for _ in range(n)]
    at, lasting = WARNING_COLUMNS.index("start"), WARNING_COLUMNS.index("duration")
    for i, row in enumerate(rows):
        if row[0]:
            row[0] = f"W-{i}"
        if row[at] and rng.random() < 0.7:
            row[at] = rng.choice(DAYS)
        if rng.random() < 0.15:
            row[lasting] = "5 uur"  # ends on its start day: the texts name one day twice
    return rows


def assessed(capsys: Any, path: Path, *options: str) -> tuple[Any, ...]:
    """``assess --format csv`` streamed, checked against the row-by-row path."""
    streamed = run(capsys, "assess", str(path), "--format", "csv", *options)
    whole = run(capsys, "assess", str(path), "--format", "csv", *options, "--row-by-row")
    assert streamed == whole
    return streamed


def made_share(rows: list[list[str]], size: int, **options: Any) -> float:
    """The share of *rows* made column by column, in chunks of *size*."""
    check = CleanRows.of(WARNING_COLUMNS)
    assert check is not None
    settings = {"year": None, "language": "en", "dialect": DIALECTS["en"], "raw": False}
    maker = AssessmentRows(check, **{**settings, **options})
    made = 0
    for start in range(0, len(rows), size):
        planned = maker.rows(rows[start : start + size])[1]
        made += sum(maker.made(row) is not None for row in planned.values())
    return made / len(rows)


@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--lang", "nl", "--csv-dialect", "nl"),
        ("--year", "2022"),
        ("--year", "2031", "--raw-csv"),
        ("--fail-on", "undecided"),
    ],
)
def test_rows_made_by_columns_are_those_of_the_row_by_row_path(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
) -> None:
    """Every kind of row (allowed, not allowed with violations of each parameter in
    several units, undecided for want of data or of rules, across the change of version,
    four water boards), over chunks of an odd size, in both languages and dialects and
    for other tariff years: the same bytes; and most rows are made by columns."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 23)
    rows = register(5, 700)
    path = write_csv(tmp_path / "register.csv", WARNING_COLUMNS, rows)
    code, out, _ = assessed(capsys, path, *options)
    assert code == (1 if "--fail-on" in options else 0)
    assert out.count("\n") == len(rows) + 1
    for verdict in ("not allowed", "undecided", "allowed"):
        assert f",{verdict}," in out or f";{verdict};" in out
    assert "no rule in force on 20" in out or "geen regel" in out  # texts that name days
    year = int(options[1]) if options[:1] == ("--year",) else None
    language = "nl" if "nl" in options else "en"
    assert made_share(rows, 23, year=year, language=language) > 0.9


@pytest.mark.parametrize("dialect", ["en", "nl"])
def test_ids_that_must_be_quoted_or_neutralised(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str
) -> None:
    """Ids with the delimiters, quotes, line breaks, braces and formula starts: the rows
    made by columns quote and neutralise them as the CSV writer of the row-by-row path."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 23)
    odd = ["A,{i}", "B;{i}", 'zei "{i}"', "twee\nregels {i}", "{{0}} {i}", "=1+{i}", "-{i}"]
    rows = register(11, 140)
    for i, row in enumerate(rows):
        if row[0]:
            row[0] = odd[i % len(odd)].format(i=i)
    path = write_csv(tmp_path / "odd-ids.csv", WARNING_COLUMNS, rows)
    code, out, _ = assessed(capsys, path, "--csv-dialect", dialect)
    assert code == 0
    assert '"zei ""' in out
    assert "'=1+" in out
    assert made_share(rows, 23, dialect=DIALECTS[dialect]) > 0.9


@CLI_PROPERTY
@given(rows=WARNING_ROWS, size=st.integers(1, 9), language=st.sampled_from(["en", "nl"]))
def test_rows_made_by_columns_property(
    capsys: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    size: int,
    language: str,
) -> None:
    """Any register of such rows, in chunks of any size: the row-by-row output."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", size)
    path = write_csv(tmp_path / "w.csv", WARNING_COLUMNS, rows)
    assessed(capsys, path, "--lang", language)


@CLI_PROPERTY
@given(
    rows=st.lists(st.tuples(*(st.sampled_from(CELLS[c]) for c in COLUMNS)).map(list), max_size=12)
)
def test_registers_with_errors_and_odd_cells(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[str]]
) -> None:
    """Rows that do not structure, end too late, name a water board without rules or
    give a time of day, among rows made by columns: the same output and exit code."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 5)
    path = write_csv(tmp_path / "r.csv", COLUMNS, rows)
    assessed(capsys, path)


def test_rows_made_with_tiny_memories(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every memory (patterns, cells of a text, volumes, levies, days, a column's codes)
    cleared again and again: the same bytes."""
    monkeypatch.setattr(_stream, "CHUNK_ROWS", 11)
    monkeypatch.setattr(_columnar_rows, "_REMEMBERED", 3)
    monkeypatch.setattr(_columnar, "_REMEMBERED", 4)
    path = write_csv(tmp_path / "tiny.csv", WARNING_COLUMNS, register(8, 250))
    assert assessed(capsys, path)[0] == 0


def test_a_pattern_that_does_not_give_the_row_is_not_used(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pattern is checked against the rows written row by row: where it would write a
    cell otherwise (here, every volume), it is not used, and the output stays right."""
    rows = register(3, 120)
    path = write_csv(tmp_path / "r.csv", WARNING_COLUMNS, rows)
    right = run(capsys, "assess", str(path), "--format", "csv")

    def wrong(self: Any, *args: Any) -> tuple[Any, str]:
        return None, "1.0"

    monkeypatch.setattr(AssessmentRows, "_volume", wrong)
    assert run(capsys, "assess", str(path), "--format", "csv") == right
    with_volume = [row for row in rows if row[3] and row[4]]
    assert with_volume
    assert made_share(with_volume, 50) == 0.0


def test_a_chosen_ruleset_is_assessed_row_by_row(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--ruleset``: no rows made by columns (they are made by the default rules), and
    the output is that of the row-by-row path."""
    made: list[Any] = []
    original = AssessmentRows.rows

    def counted(self: Any, cells: Any) -> Any:
        found = original(self, cells)
        made.append(len(found[1]))
        return found

    monkeypatch.setattr(AssessmentRows, "rows", counted)
    path = write_csv(tmp_path / "r.csv", WARNING_COLUMNS, register(2, 60))
    assessed(capsys, path, "--ruleset", "de_dommel")
    assert made == []
    assessed(capsys, path)
    assert sum(made) > 0
