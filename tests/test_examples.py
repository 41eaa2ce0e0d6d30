"""The example scripts run and print what they promise."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_timings_and_quantities(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "timings_and_quantities.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "'Realiseerbaar in 2024/25'" in out
    assert "Q1 2024" in out
    assert "5 m³/h" in out
