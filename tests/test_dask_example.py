"""The Dask example runs on a small frame and agrees with assess_many on the whole frame."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_assess.py"


def test_dask_example_matches_assess_many(capsys: pytest.CaptureFixture[str]) -> None:
    from waterbeleid.discharge import assess_many

    module = runpy.run_path(str(EXAMPLE))
    assessed = module["main"](n=400, partitions=3).sort_index()
    whole = assess_many(module["register"](400)).to_pandas()
    assert list(assessed["allowed"]) == list(whole["allowed"])
    assert list(assessed["levy_eur"]) == list(whole["levy_eur"])
    assert "400 discharges assessed in 3 partitions" in capsys.readouterr().out
