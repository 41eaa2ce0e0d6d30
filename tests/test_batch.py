"""assess_many equals assess() row by row, including missing values."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.discharge import assess_many, default_ruleset

# values near every limit of the packaged ruleset, plus missing ones
FLOWS = [0.0, 4.99, 5.0, 5.01, 9.99, 10.0, 10.01, 99.99, 100.0, 100.01, 250.0, math.nan]
HOURS = [1.0, 36.0, 47.99, 48.0, 48.01, 1343.99, 1344.0, 1344.01, 2000.0, math.nan]
SOLIDS = [0.0, 49.99, 50.0, 50.01, 299.99, 300.0, 300.01, 900.0, math.nan]
IRON = [0.0, 4.99, 5.0, 5.01, math.nan]
STARTS = [
    None,
    dt.date(2019, 6, 1),
    dt.date(2020, 12, 31),
    dt.date(2021, 1, 1),
    dt.date(2021, 7, 15),
]

rows = st.tuples(
    st.sampled_from(list(wb.Origin)),
    st.sampled_from(list(wb.Receiver)),
    st.sampled_from(FLOWS) | st.floats(0, 300, allow_nan=False),
    st.sampled_from(HOURS) | st.floats(0.1, 3000, allow_nan=False),
    st.sampled_from(SOLIDS),
    st.sampled_from(IRON),
    st.sampled_from([False, True, None]),
    st.sampled_from(STARTS),
)


def _q(value: float, unit: str) -> str | None:
    return None if math.isnan(value) else f"{value!r} {unit}"


def _one_by_one(batch: list[tuple[Any, ...]], **kw: Any) -> list[wb.Assessment]:
    return [
        wb.assess(
            wb.DischargeActivity(
                origin=o,
                receiver=r,
                flow=_q(f, "m3/h"),
                duration=_q(h, "h"),
                suspended_solids=_q(s, "mg/l"),
                iron=_q(fe, "mg/l"),
                visual_pollution=v,
                start=d,
            ),
            **kw,
        )
        for o, r, f, h, s, fe, v, d in batch
    ]


def _columns(batch: list[tuple[Any, ...]], **kw: Any) -> wb.discharge.BatchAssessment:
    o, r, f, h, s, fe, v, d = zip(*batch, strict=True)
    return assess_many(
        origin=list(o),
        receiver=[x.label_nl for x in r],
        flow=np.array(f),
        flow_unit="m3/h",
        duration=np.array(h),
        duration_unit="h",
        suspended_solids=np.array(s),
        iron=np.array(fe),
        concentration_unit="mg/l",
        visual_pollution=list(v),
        start=np.array(
            [np.datetime64("NaT") if x is None else np.datetime64(x) for x in d],
            dtype="datetime64[D]",
        ),
        **kw,
    )


def _compare(batch: list[tuple[Any, ...]], **kw: Any) -> None:
    singles = _one_by_one(batch, **kw)
    columns = _columns(batch, **kw)
    levies = columns.levy()
    for i, single in enumerate(singles):
        assert columns.allowed[i] is single.allowed, (i, batch[i])
        assert columns.authority[i] is single.authority, (i, batch[i])
        assert columns.municipal_consent[i] is single.municipal_consent
        assert columns.obligation[i] is single.water_board_obligation, (i, batch[i])
        assert bool(columns.levy_applies[i]) is single.levy_applies
        violated = {name for name, flags in columns.violations.items() if flags[i]}
        assert violated == {v.parameter for v in single.violations}, (i, batch[i])
        deadline = columns.report_deadline[i]
        expected = single.report_deadline
        assert (None if np.isnat(deadline) else deadline.astype(dt.date)) == expected
        if single.volume is None:
            assert math.isnan(columns.volume[i])
        else:
            assert columns.volume[i] == pytest.approx(single.volume.m_as("m**3"))
        try:
            levy = single.levy()
        except wb.WaterbeleidError:
            levy = None
        assert levies[i] == levy, (i, batch[i])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, min_size=1, max_size=25))
def test_assess_many_equals_assess_row_by_row(batch: list[tuple[Any, ...]]) -> None:
    _compare(batch)


@settings(max_examples=25, deadline=None)
@given(st.lists(rows, min_size=1, max_size=10))
def test_equality_with_caller_limits(batch: list[tuple[Any, ...]]) -> None:
    _compare(batch, limits={"suspended_solids": "20 mg/l", "iron": "2 mg/l"})


def test_mixed_units() -> None:
    ureg = wb.flow("1 m3/h")._REGISTRY
    a = assess_many(
        origin=["bronnering"] * 2,
        receiver=["vuilwaterriool"] * 2,
        flow=ureg.Quantity(np.array([1.38, 1.39]), "L/s"),
        duration=ureg.Quantity(np.array([1.0, 1.0]), "week"),
        suspended_solids=ureg.Quantity(np.array([0.3, 0.3]), "g/L"),
    )
    assert a.allowed.tolist() == [True, False]
    texts = assess_many(
        origin=["bronnering"], receiver=["bodem"], flow=["2,5 l/s"], duration=["8 weken"]
    )
    assert texts.volume[0] == pytest.approx(12096.0)


def test_bad_input() -> None:
    with pytest.raises(wb.UnitError, match="flow"):
        assess_many(
            origin=["bronnering"],
            receiver=["bodem"],
            flow=np.array([5.0]),
            duration=np.array([1.0]),
            flow_unit="mg/l",
            duration_unit="h",
        )
    with pytest.raises(wb.UnitError, match="bare numbers"):
        assess_many(
            origin=["bronnering"],
            receiver=["bodem"],
            flow=np.array([5.0]),
            duration=np.array([1.0]),
            duration_unit="h",
        )
    with pytest.raises(wb.DatasetError, match="expected 2 values"):
        assess_many(
            origin=["bronnering", "bronnering"],
            receiver=["bodem"],
            flow=["5 m3/h"] * 2,
            duration=["1 h"] * 2,
        )
    with pytest.raises(wb.VocabularyError, match="rivier"):
        assess_many(origin=["bronnering"], receiver=["rivier"], flow=["5 m3/h"], duration=["1 h"])
    with pytest.raises(wb.UnitError, match="negative"):
        assess_many(
            origin=["bronnering"],
            receiver=["bodem"],
            flow=np.array([-5.0]),
            flow_unit="m3/h",
            duration=["1 h"],
        )


def test_levy_with_a_later_tariff() -> None:
    rules = default_ruleset().with_tariff(2022, "61.00")
    a = assess_many(
        origin=["bronnering"],
        receiver=["oppervlaktewater"],
        flow=["1000 m3/h"],
        duration=["1 h"],
        start=np.array(["2022-03-01"], dtype="datetime64[D]"),
        ruleset=rules,
    )
    assert (
        a.levy()[0]
        == wb.assess(
            wb.DischargeActivity(
                origin="bronnering",
                receiver="oppervlaktewater",
                flow="1000 m3/h",
                duration="1 h",
                start=dt.date(2022, 3, 1),
            ),
            ruleset=rules,
        ).levy()
    )


def test_data_frame() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "origin": ["bronnering", "bodemsanering"],
            "receiver": ["oppervlaktewater", "vuilwaterriool"],
            "flow__m3/h": [20.0, 2.0],
            "duration": [3.0, 1.0],
            "duration_unit": ["weken", "weken"],
            "suspended_solids__mg/l": [30.0, None],
            "start": pd.to_datetime(["2021-05-03", "2021-05-03"]),
        }
    )
    result = assess_many(frame)
    assert result.allowed.tolist() == [True, False]
    assert (
        result.levy()[0]
        == wb.assess(
            wb.DischargeActivity(
                origin="bronnering",
                receiver="oppervlaktewater",
                flow="20 m3/h",
                duration="3 weken",
                suspended_solids="30 mg/l",
                start=dt.date(2021, 5, 3),
            )
        ).levy()
    )
    table = result.to_pandas()
    assert list(table["water_board_obligation"]) == [
        wb.Obligation.NOTIFICATION,
        wb.Obligation.NOTIFICATION,
    ]
