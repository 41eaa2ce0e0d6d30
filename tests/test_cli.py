"""The command line: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from waterbeleid import __version__
from waterbeleid.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(EXAMPLES / "action_plan.yaml"))
    assert code == 0
    assert "valid (0 error(s), 0 warning(s))" in out


def test_validate_broken_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "validate",
        str(EXAMPLES / "action_plan.yaml"),
        str(EXAMPLES / "broken" / "work_tables.yaml"),
    )
    assert code == 1
    assert "NOT valid (4 error(s), 0 warning(s))" in out
    assert "[too-many-sessions]" in out


def test_validate_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "validate", "--format", "json", str(EXAMPLES / "broken" / "discharges.csv")
    )
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    (entry,) = data["files"]
    assert set(entry) == {"path", "valid", "issues"}
    assert entry["valid"] is False
    assert {"severity", "code", "path", "message"} == set(entry["issues"][0])
    assert entry["issues"][0]["path"] == "$.discharges[0].flow"


def test_validate_unreadable_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "no such file" in out
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", str(bad))
    assert code == 2
    assert json.loads(out)["files"][0]["issues"][0]["code"] == "unreadable"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "schema", "recipes")[0] == 2
    assert run(capsys, "catalogue", "nope")[0] == 2


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"waterbeleid {__version__}")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "examples:" in out
    assert "waterbeleid assess" in out


def test_assess_csv_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "out.csv"
    code, _, _ = run(
        capsys, "assess", str(EXAMPLES / "discharges.csv"), "--format", "csv", "-o", str(out_file)
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert len(rows) == 8
    first = rows[0]
    assert first["id"] == "BD-2021-001"
    assert first["authority"] == "water_board"
    assert first["water_board_obligation"] == "none"  # < 48 h and < 10 m3/h
    assert first["allowed"] == "True"
    assert first["end_day"] == "2021-03-02"  # 36 hours from 1 March: 1 March + ⌈1.5⌉ − 1
    assert first["report_deadline"] == "2021-03-16"
    assert first["levy_eur"] == "17.31"  # 8 m3/h x 36 h = 288 m3 = 0.288 ve x 60.10
    assert rows[6]["allowed"] == "False"
    assert rows[7]["water_board_obligation"] == "permit"


def test_assess_json_and_tariffs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "discharges.yaml"), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["levy_eur"] == "1514.52"  # 25 m3/h x 1008 h = 25 200 m3 = 25.2 ve x 60.10
    code, out, _ = run(
        capsys, "assess", str(EXAMPLES / "discharges.yaml"), "--format", "json", "--year", "2022"
    )
    rows = json.loads(out)
    assert rows[0]["levy_eur"] is None
    assert "2022" in rows[0]["levy_note"]
    code, out, _ = run(
        capsys,
        "assess",
        str(EXAMPLES / "discharges.yaml"),
        "--format",
        "json",
        "--year",
        "2022",
        "--tariff",
        "2022=61.00",
    )
    assert json.loads(out)[0]["levy_eur"] == "1537.20"


def test_assess_bad_tariff_and_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", str(EXAMPLES / "discharges.yaml"), "--tariff", "2022")
    assert code == 2
    assert "YEAR=EUR" in err
    code, _, err = run(capsys, "assess", str(EXAMPLES / "broken" / "discharges.csv"))
    assert code == 1
    assert "bad-unit" in err


def test_assess_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "discharges.csv"))
    assert code == 0
    assert "# 0 (BD-2021-001)" in out
    assert "levy: EUR 17.31" in out


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "action_plan")
    assert code == 0
    assert json.loads(out)["properties"]["kind"] == {"const": "action_plan"}


@pytest.mark.parametrize("name", ["vito_action_plan", "wbs_calendar", "spw_work_tables"])
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_catalogue_dump_validates_with_zero_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, fmt: str
) -> None:
    code, out, _ = run(capsys, "catalogue", name, "--format", fmt)
    assert code == 0
    path = tmp_path / f"{name}.{fmt}"
    path.write_text(out, encoding="utf-8")
    code, report, _ = run(capsys, "validate", str(path))
    assert code == 0, report
    assert "0 error(s)" in report


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: discharges\ndischarges: [{origin: 5}]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "waterbeleid.cli", "assess", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_assess_leads_with_the_verdict_and_says_unknown_levies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "discharges.csv"), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert list(rows[0])[2:5] == ["verdict", "allowed", "violations"]
    prohibited = rows[6]  # soil remediation into a foul sewer: "verboden"
    assert prohibited["verdict"] == "not allowed"
    assert prohibited["violations"][0].startswith("receiver: foul_sewer is prohibited")
    assert prohibited["levy_eur"] == "0.00"
    assert prohibited["levy_note"] == "no levy: the discharge is not allowed"
    assert prohibited["report_deadline"] is None
    assert prohibited["water_board_obligation"] == "prohibited"
    assert [a["receiver"] for a in prohibited["alternatives"]] == [
        "soil",
        "surface_water",
        "rainwater_sewer",
    ]
    sewer = rows[3]  # dewatering into a rainwater sewer: tell the water board for the levy
    assert (sewer["water_board_obligation"], sewer["levy_registration"]) == ("none", True)
    early = tmp_path / "early.csv"
    early.write_text(
        "id,origin,receiver,flow,duration,suspended_solids,start\n"
        "X,bronnering,oppervlaktewater,8 m3/h,1 uur,10 mg/l,2020-06-01\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "assess", str(early), "--format", "json")
    (row,) = json.loads(out)
    assert row["verdict"] == "undecided"
    assert row["levy_eur"] is None
    early_note = (
        "unknown: no version of the rules covers 2020-06-01 (the brabantse_delta rules cover "
        "2021-01-01 – 2023-12-31; from 2024-01-01)"
    )
    assert row["levy_note"] == early_note
    code, out, _ = run(capsys, "assess", str(early))
    assert f"levy: {early_note}" in out
    assert "0.00" not in out
    code, out, _ = run(capsys, "assess", str(early), "--format", "csv")
    (cells,) = list(csv.DictReader(io.StringIO(out)))
    assert (cells["levy_eur"], cells["levy_note"]) == ("", early_note)


def test_rulesets_lists_the_packaged_water_boards(capsys: pytest.CaptureFixture[str]) -> None:
    import waterbeleid as wb

    code, out, _ = run(capsys, "rulesets")
    assert code == 0
    assert "brabantse_delta: Waterschap Brabantse Delta" in out
    assert "  2021: 2021-01-01 – 2023-12-31: " in out
    code, out, _ = run(capsys, "rulesets", "--format", "json")
    listed = json.loads(out)
    assert [r["name"] for r in listed] == [r.name for r in wb.rulesets()]
    first = listed[0]
    assert (first["valid_from"], first["valid_to"]) == ("2021-01-01", None)
    assert first["sources"][0]["address"].startswith("https://")


def test_assess_with_a_packaged_ruleset_or_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import waterbeleid as wb
    from waterbeleid._io import dump_yaml

    data = EXAMPLES / "discharges.csv"
    code, out, _ = run(capsys, "assess", str(data), "--ruleset", "de_dommel", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[1]["water_board_obligation"] == "notification"  # 60 m3/h: 50 to 100
    assert "verontreinigingsheffing tariff for 2021" in rows[1]["levy_note"]
    code, out, _ = run(capsys, "assess", str(data), "--ruleset", "de_dommel")
    assert "Waterschap De Dommel (de_dommel), version 2021" in out
    path = tmp_path / "mine.yaml"
    path.write_text(dump_yaml(wb.unstructure(wb.discharge.packaged_ruleset("de_dommel"))), "utf-8")
    code, out, _ = run(capsys, "assess", str(data), "--ruleset", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)[1]["water_board_obligation"] == "notification"
    code, _, err = run(capsys, "assess", str(data), "--ruleset", "zuiderzeeland")
    assert code == 2
    assert "expected a packaged ruleset (brabantse_delta, " in err
    assert "Traceback" not in err
