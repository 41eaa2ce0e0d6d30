"""Hostile and careless input: each reproducer of a crash or hang is a regression test.

Every one of them ends with exit code 1 (a file with errors) or 2 (a file that cannot
be read) and one line per problem on standard error, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import waterbeleid as wb
from _rulesets import open_2021
from waterbeleid import cli
from waterbeleid.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HEADER = (
    "id,origin,receiver,flow,duration,suspended_solids [mg/l],iron [mg/l],visual_pollution,start"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def discharge_yaml(**fields: str) -> str:
    record = {
        "origin": "bronnering",
        "receiver": "oppervlaktewater",
        "flow": "5 m3/h",
        "duration": "5 h",
        "suspended_solids": "10 mg/l",
        "start": "2021-03-01",
        **fields,
    }
    body = "".join(f"\n    {key}: {json.dumps(value)}" for key, value in record.items())
    return f"kind: discharges\ndischarges:\n  -{body[4:]}\n"


# -- CSV rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "assess"])
@pytest.mark.parametrize(
    "row",
    [
        "BD-9,bronnering,oppervlaktewater,8 m3/h,36 uur,30",  # the last cells dropped
        "BD-9,bronnering,oppervlaktewater,8 m3/h,36 uur,30,,nee",  # only the last one
        "BD-9,bronnering,oppervlaktewater,8 m3/h,36 uur,30,,nee,2021-03-01,extra",
    ],
)
def test_a_csv_row_of_another_length_than_the_header_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, row: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    code, _, err = run(capsys, command, "-q", str(path))
    assert code == 2
    assert "line 2: expected 9 cells as the header has" in one_line(err)


def test_a_csv_header_with_a_column_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("id,origin,id\n1,bronnering,2\n", encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="the column 'id' appears twice"):
        wb.validate(path)


def test_a_semicolon_csv_of_a_dutch_excel_is_read(tmp_path: Path) -> None:
    text = (EXAMPLES / "discharges.csv").read_text(encoding="utf-8")
    path = tmp_path / "excel.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + text.replace(",", ";").replace("2.5 l/s", "2,5 l/s").encode()
    )
    assert wb.validate(path).codes() == wb.validate(EXAMPLES / "discharges.csv").codes()


# -- kinds, tags, aliases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"), [("k.yaml", "kind: [discharges]\n"), ("k.json", '{"kind": {}}')]
)
def test_a_kind_that_is_not_text_is_a_file_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert wb.validate(path).codes() == ["kind-unknown"]
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert "[kind-unknown]" in out
    assert err == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind: discharges\nx: !!bool maybe\n", "line 2 column 4: cannot read 'maybe' as !!bool"),
        ("kind: discharges\nx: !!map [1, 2]\n", "line 2 column 4: expected a mapping for !!map"),
        ("kind: discharges\nx: !!int ten\n", "line 2 column 4: cannot read 'ten' as !!int"),
        ("kind: discharges\nstart: 2021-02-30\n", "line 2 column 8: cannot read '2021-02-30'"),
        ("kind: discharges\nx: !!python/object:os.system ls\n", "the tag !!python/object"),
        ("kind: discharges\nx: !secret ls\n", "the tag !secret at line 2"),
        ("kind: discharges\nx: !!binary aGk=\n", "the tag !!binary at line 2"),
        (
            "kind: discharges\nx: &x [*x]\n",
            "the alias *x at line 2 refers to the node that holds it",
        ),
        ("kind: discharges\nx: *nowhere\n", "the alias *nowhere at line 2 has no anchor"),
    ],
)
def test_yaml_tags_and_aliases_that_cannot_be_read_name_their_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="line 2"):
        wb.validate(path)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 2
    assert message in out


def billion_laughs(width: int = 9, levels: int = 9) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + f"\nkind: action_plan\naction_lines: *a{levels - 1}\n"


def test_a_yaml_alias_bomb_is_refused_before_it_is_built(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    code, _, err = run(capsys, "assess", str(path))
    assert code == 2
    assert "expected aliases to add at most 100,000 values" in one_line(err)


def test_yaml_aliases_within_the_budget_are_read(tmp_path: Path) -> None:
    path = tmp_path / "merged.yaml"
    path.write_text(
        "kind: discharges\n"
        "defaults: &dewatering {origin: bronnering, receiver: bodem, duration: 2 weken}\n"
        "discharges:\n"
        "  - {<<: *dewatering, flow: 5 m3/h}\n"
        "  - {<<: *dewatering, flow: 15 m3/h}\n",
        encoding="utf-8",
    )
    # the aliases are read; the extra top-level key is the dataset's only error
    assert wb.validate(path).codes() == ["unknown-field"]


def test_nesting_through_aliases_counts_towards_the_depth_limit(tmp_path: Path) -> None:
    deep = "[" * 60 + "]" * 60
    path = tmp_path / "deep.yaml"
    around = "[" * 42 + "*a" + "]" * 42
    path.write_text(f"a: &a {deep}\nb: {around}\n", encoding="utf-8")
    with pytest.raises(wb.DatasetError, match="through the alias \\*a at line 2"):
        wb.validate(path)


@pytest.mark.parametrize("text", ['{"n": 1e400}', '{"n": ' + "[" * 101 + "]" * 101 + "}"])
def test_json_out_of_range_numbers_and_deep_nesting_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(wb.DatasetError):
        wb.validate(path)


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("kind: discharges\n".encode("utf-16"))
    with pytest.raises(wb.DatasetError, match="expected UTF-8 text, found UTF-16"):
        wb.validate(path)


# -- values out of range ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration", "9000 jaar", "expected a duration of at most 8.766e+06 h (a thousand years)"),
        ("duration", "1e300 h", "expected a number of at most 1e+15"),
        ("flow", "1e300 m3/h", "expected a number of at most 1e+15"),
        ("flow", "1e14 m3/h", "expected a flow of at most 1e+09 m³/h"),
        ("flow", "1" * 310 + " m3/h", "expected a number of at most 1e+15"),
        ("suspended_solids", "2 kg/l", "expected a concentration of at most 1e+06 mg/l"),
    ],
)
def test_absurd_amounts_are_validation_errors_with_their_bound(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, field: str, value: str, message: str
) -> None:
    path = tmp_path / "absurd.yaml"
    path.write_text(discharge_yaml(**{field: value}), encoding="utf-8")
    report = wb.validate(path)
    assert report.codes() == ["out-of-range"]
    assert message in report.issues[0].message
    code, _, err = run(capsys, "assess", str(path))
    assert code == 1
    assert f"$.discharges[0].{field}: {message}" in one_line(err)


def test_the_largest_flow_for_the_longest_time_still_has_a_levy(tmp_path: Path) -> None:
    """The bounds keep the levy within what decimal computes (1e306 m3/h once crashed it)."""
    path = tmp_path / "large.yaml"
    path.write_text(discharge_yaml(flow="1e9 m3/h", duration="1000 jaar"), encoding="utf-8")
    (activity,) = wb.validation.load(path).discharges
    # under rules without end: the packaged ones change in 2024, and a discharge that runs
    # across the change gets no rules (and no levy) at all
    assert wb.assess(activity).levy() is None
    levy = wb.assess(activity, ruleset=open_2021()).levy()
    assert levy is not None
    assert levy > 10**14


@pytest.mark.parametrize(
    ("start", "duration"),
    [("9998-06-01", "1 jaar"), ("9999-12-31", "1 h"), ("9000-01-01", "999 jaar")],
)
def test_a_discharge_ending_past_the_calendar_is_an_error_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: str, duration: str
) -> None:
    path = tmp_path / "late.yaml"
    path.write_text(discharge_yaml(start=start, duration=duration), encoding="utf-8")
    report = wb.validate(path)
    assert report.codes() == ["out-of-range"]
    assert "expected a discharge that ends by 9998-12-31" in report.issues[0].message
    code, _, err = run(capsys, "assess", str(path))
    assert code == 1
    one_line(err)


def test_an_id_with_a_lone_surrogate_is_printed_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"kind": "discharges", "discharges": [{"id": "\\ud800", "origin": "bronnering", '
        '"receiver": "oppervlaktewater", "flow": "5 m3/h", "duration": "5 h", '
        '"suspended_solids": "10 mg/l"}]}',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "assess", str(path))
    assert code == 0
    assert "# 0 (\\ud800)" in out
    code, out, _ = run(capsys, "assess", str(path), "--format", "json")
    assert json.loads(out)[0]["id"] == "\ud800"
    code, out, _ = run(capsys, "assess", str(path), "--format", "csv")
    assert out.splitlines()[1].startswith("\\ud800,")
    out_file = tmp_path / "out.json"
    assert run(capsys, "assess", str(path), "--format", "json", "-o", str(out_file))[0] == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))[0]["id"] == "\ud800"


def test_control_characters_in_messages_do_not_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text(discharge_yaml(origin="\x1b[2J\u202ebron"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b[2J\\u202ebron" in out


# -- formulas in CSV output -------------------------------------------------------------------


def test_assess_csv_neutralises_formulas_unless_raw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "formulas.csv"
    ids = ['"=HYPERLINK(""http://x"",""y"")"', "+1+2", "@SUM(1+1)", "-2+3", "-5"]
    path.write_text(
        "id,origin,receiver,flow,duration\n"
        + "".join(f"{i},bronnering,bodem,5 m3/h,5 h\n" for i in ids),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "assess", str(path), "--format", "csv")
    assert code == 0
    import csv
    import io

    cells = [row[0] for row in csv.reader(io.StringIO(out))][1:]
    assert cells == ['\'=HYPERLINK("http://x","y")', "'+1+2", "'@SUM(1+1)", "'-2+3", "-5"]
    code, out, _ = run(capsys, "assess", str(path), "--format", "csv", "--raw-csv")
    cells = [row[0] for row in csv.reader(io.StringIO(out))][1:]
    assert cells == ['=HYPERLINK("http://x","y")', "+1+2", "@SUM(1+1)", "-2+3", "-5"]


# -- output files -----------------------------------------------------------------------------


def test_assess_refuses_to_overwrite_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    original = (EXAMPLES / "discharges.csv").read_bytes()
    path.write_bytes(original)
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    for target in (path, link):
        code, _, err = run(capsys, "assess", str(path), "--format", "csv", "-o", str(target))
        assert code == 2
        assert "refusing to overwrite the input file" in one_line(err)
    assert path.read_bytes() == original


def test_a_failed_write_leaves_the_old_output_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_file = tmp_path / "out.csv"
    out_file.write_text("the previous output\n", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(
        capsys, "assess", str(EXAMPLES / "discharges.csv"), "--format", "csv", "-o", str(out_file)
    )
    assert code == 2
    assert one_line(err).endswith(f"{out_file}: cannot write: No space left on device")
    assert out_file.read_text(encoding="utf-8") == "the previous output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


# -- the public parsers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["5 m{", "3 -", "5 m/0", "5 h^0", "5 +1", "1" * 310 + " m3/h", "5 m3**0", "5 (m3)/h"]
)
@pytest.mark.parametrize(
    "parse", [wb.flow, wb.duration, wb.concentration, wb.volume, wb.parse_quantity]
)
def test_quantity_texts_are_a_number_and_a_unit_nothing_else(parse: object, text: str) -> None:
    with pytest.raises(wb.UnitError):
        parse(text)  # type: ignore[operator]


@pytest.mark.parametrize("text", ["Q4 9999 - Q1 10000", "9999/00", "0000Q1", "Q3 ٢٠٢٤ ,", "\ud800"])
def test_timing_parsers_raise_only_their_errors(text: str) -> None:
    for parse in (wb.parse_timing, wb.Quarter.parse):
        with pytest.raises(wb.TimingParseError):
            parse(text)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (wb.parse_timing, "Q3 2025" + " " * 20_000),
        (wb.Quarter.parse, "Q1" + " " * 20_000 + "x"),
        (wb.Quarter.parse, "2024" + " " * 20_000 + "x"),
    ],
)
def test_long_runs_of_spaces_are_read_in_linear_time(parse: object, text: str) -> None:
    """Runs of spaces once cost quadratic time (300,000 spaces: minutes) in these parsers."""
    with pytest.raises(wb.TimingParseError):
        parse(text)  # type: ignore[operator]


def test_timings_with_runs_of_spaces_are_read() -> None:
    timing = wb.parse_timing("Q1 2024" + " " * 900 + "-")
    assert timing.kind is wb.TimingKind.OPEN_ENDED


def test_a_long_run_of_spaces_in_an_action_line_code(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "kind: action_plan\naction_lines:\n"
        f"  - {{code: 'KP{' ' * 20_000}!', goal: KP-O.D.1, lever: technology_infrastructure,"
        " status: planning, action: Iets}\n",
        encoding="utf-8",
    )
    assert wb.validate(path).codes() == ["bad-value"]


def test_the_last_quarter_of_the_calendar_has_a_last_day() -> None:
    assert str(wb.Quarter(9999, 4).last_day) == "9999-12-31"


# -- files that are not files -----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_and_devices_are_refused_before_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    code, out, _ = run(capsys, "validate", str(fifo))
    assert code == 2
    assert "expected a regular file, found a FIFO (named pipe)" in out
    zero = tmp_path / "zero.yaml"
    zero.symlink_to(os.devnull if not Path("/dev/zero").exists() else "/dev/zero")
    code, out, _ = run(capsys, "validate", str(zero))
    assert code == 2
    assert "expected a regular file, found a character device" in out


def test_files_larger_than_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from waterbeleid import _io

    monkeypatch.setitem(_io.MAX_BYTES, "csv", 100)
    with pytest.raises(wb.DatasetError, match="expected a CSV file of at most 100 bytes"):
        wb.validate(EXAMPLES / "discharges.csv")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("zeros.json", '{"kind": "discharges", "discharges": [' + ",".join(["0"] * 200_001) + "]}"),
        ("zeros.yaml", "kind: discharges\ndischarges: [" + ",".join(["0"] * 200_001) + "]\n"),
        ("column.csv", "id\n" + "x\n" * 200_001),
    ],
)
def test_a_file_of_too_many_values_is_refused_before_it_is_built(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> None:
    """A million tiny values once cost minutes and gigabytes, one error each."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "assess", str(path))
    assert code == 2
    assert "expected at most 200,000 values in a file" in one_line(err)


def test_not_utf8_yaml_is_unreadable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("kind: discharges\nx: café\n".encode("latin-1"))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 2
    assert "[unreadable]" in out


# -- the last guards of main() ----------------------------------------------------------------


def test_ctrl_c_exits_130_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_validate", interrupted)
    code, _, err = run(capsys, "validate", "x.yaml")
    assert code == 130
    assert one_line(err) == "waterbeleid validate: interrupted"


def test_an_unexpected_error_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_cmd_schema", broken)
    code, _, err = run(capsys, "schema", "discharges")
    assert code == 2
    assert one_line(err).startswith(
        "waterbeleid schema: internal error: ZeroDivisionError: division by zero"
    )


def _wait_for_read_of_stdin(pid: int) -> None:
    """Until process *pid* waits in a read of its standard input (``/proc/PID/syscall``:
    the read system call on descriptor 0), at most 30 s; where ``/proc`` does not tell,
    a fifth of a second. Under load the command may still be importing when a fixed
    pause ends, and an interrupt there is not the one this test is about."""
    import time

    try:
        with open(f"/proc/{pid}/syscall") as probe:
            probe.read()
    except OSError:
        time.sleep(0.2)
        return
    read = {"x86_64": "0", "aarch64": "63"}.get(os.uname().machine)
    if read is None:
        time.sleep(0.2)
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/syscall") as probe:
            fields = probe.read().split()
        if fields[:2] == [read, "0x0"]:
            return
        time.sleep(0.01)
    raise AssertionError("the command did not come to read its standard input")


def test_ctrl_c_in_the_console_script(tmp_path: Path) -> None:
    """A real SIGINT while the command waits on standard input."""
    import signal

    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys; from waterbeleid.cli import main; print('ready', flush=True); "
                "sys.exit(main(['validate', '-', '--input-format', 'yaml']))"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    _wait_for_read_of_stdin(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip() == "waterbeleid validate: interrupted"
