"""assess_many equals assess() row by row, including missing values and rule versions."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from _rulesets import open_2021
from waterbeleid.discharge import assess_many, default_ruleset
from waterbeleid.discharge.batch import VIOLATION_PARAMETERS
from waterbeleid.discharge.ruleset import (
    Comparison,
    Condition,
    QualityRule,
    QualityVerdict,
    QuantityTier,
    ReceiverRule,
    RuleSource,
)

UREG = wb.flow("1 m3/h")._REGISTRY
D, S = wb.Origin.DEWATERING, wb.Origin.SOIL_REMEDIATION
SOIL, SW = wb.Receiver.SOIL, wb.Receiver.SURFACE_WATER
RW, FS = wb.Receiver.RAINWATER_SEWER, wb.Receiver.FOUL_SEWER


def _versioned() -> wb.discharge.Ruleset:
    """The packaged rules plus made-up changes within version 2021 (from 2022-07-01) and
    made-up tariffs: more periods, a change of the tiers, the receivers and a quality rule."""
    rules = default_ruleset().with_tariff(2022, "61.00").with_tariff(2023, "63.37")
    since = dt.date(2022, 7, 1)
    source = RuleSource(document="test: a later rule")
    quality = QualityRule(
        origin=D,
        receiver=SW,
        rule=QualityVerdict.CONDITIONAL,
        valid_from=since,
        source=source,
        conditions=(
            Condition(
                parameter="suspended_solids", comparison=Comparison.LESS_THAN, limit="30 mg/l"
            ),
            Condition(parameter="iron", comparison=Comparison.AT_MOST, limit="3 mg/l"),
        ),
    )
    receiver = ReceiverRule(
        receiver=RW,
        preference=3,
        authority=wb.Authority.WATER_BOARD,
        municipal_consent=False,
        water_board_obligation=wb.Obligation.NONE,
        levy_registration=False,
        valid_from=since,
        source=source,
    )
    tiers = (
        QuantityTier(
            receiver=SW,
            obligation=wb.Obligation.NOTIFICATION,
            valid_from=since,
            conditions=(
                Condition(parameter="flow", comparison=Comparison.AT_MOST, limit="20 m3/h"),
            ),
            source=source,
            notice=wb.duration("2 weken"),
        ),
        QuantityTier(
            receiver=SW,
            obligation=wb.Obligation.PERMIT,
            valid_from=since,
            conditions=(
                Condition(parameter="flow", comparison=Comparison.MORE_THAN, limit="30 m3/h"),
            ),
            source=source,
        ),  # 20 < flow <= 30 m3/h: no tier covers it
    )
    return attrs.evolve(
        rules,
        quality=(*rules.quality, quality),
        receivers=(*rules.receivers, receiver),
        quantity=(*rules.quantity, *tiers),
    )


RULESETS = [
    default_ruleset(),
    _versioned(),
    *(r for r in wb.rulesets() if r.name != "brabantse_delta"),
]

# values near every limit (in reference units: m³/h, h, mg/l; µg/l for substances), plus
# missing ones
FLOWS = [0.0, 4.99, 5.0, 5.01, 9.99, 10.0, 10.01, 20.0, 20.01, 50.0, 60.0, 99.99, 100.0, 250.0]
HOURS = [0.0, 1.0, 10.0, 36.0, 47.99, 48.0, 48.01, 1343.99, 1344.0, 1344.01, 2000.0]
SOLIDS = [0.0, 19.99, 20.0, 20.01, 29.99, 30.0, 49.99, 50.0, 50.01, 299.99, 300.0, 900.0]
IRON = [0.0, 2.0, 2.01, 3.0, 4.99, 5.0, 5.01]
# substances (µg/l): their limits in tables 3.1a/3.1b and 2.1/2.2 and near them
SUBSTANCES: dict[str, list[float]] = {
    "naphthalene": [0.1, 0.2, 0.21],
    "pah": [0.5, 1.0, 1.01],
    "mineral_oil": [50.0, 50.01, 500.0],
    "cadmium": [0.4, 0.41, 4.0],
    "btex": [10.0, 50.0, 51.0],
    "benzene": [2.0, 2.1],
    "tetrachloroethene": [0.0, 3.0, 3.1],
    "trichloroethene": [0.0, 2.0, 12.0, 20.0],
    "vinyl_chloride": [0.0, 5.0, 8.0],
}
STARTS = [
    None,
    dt.date(2019, 6, 1),
    dt.date(2020, 12, 31),
    dt.date(2021, 1, 1),
    dt.date(2021, 7, 15),
    dt.date(2022, 3, 1),
    dt.date(2022, 7, 1),
    dt.date(2023, 12, 31),
    dt.date(2023, 12, 20),
    dt.date(2024, 1, 1),
    dt.date(2024, 6, 30),
    dt.date(2026, 3, 1),
]
# unit -> reference units per unit
FLOW_UNITS = {"m3/h": 1.0, "l/s": 3.6, "m3 per dag": 1 / 24}
HOUR_UNITS = {"h": 1.0, "dagen": 24.0, "weken": 168.0}
CONCENTRATION_UNITS = {"mg/l": 1.0, "g/l": 1000.0, "g/m3": 1.0}
SUBSTANCE_UNITS = {"µg/l": 1.0, "mg/m3": 1.0, "ug/l": 1.0, "mg/l": 1000.0}


def _values(limits: list[float]) -> st.SearchStrategy[float]:
    return st.sampled_from([*limits, math.nan]) | st.floats(0, 2 * max(limits), allow_nan=False)


rows = st.tuples(
    st.sampled_from([*wb.Origin, "bronnering", "bodemsanering", "dewatering", "Ontwatering"]),
    st.sampled_from(
        [*wb.Receiver, "bodem", "oppervlaktewater", "hemelwaterafvoer", "gemengd riool"]
    ),
    _values(FLOWS),
    _values(HOURS),
    _values(SOLIDS),
    _values(IRON),
    st.sampled_from([False, True, None]),
    st.sampled_from(STARTS),
    st.fixed_dictionaries({k: st.sampled_from([*v, math.nan]) for k, v in SUBSTANCES.items()}),
    st.sampled_from([True, False, None]),
)
batches = st.fixed_dictionaries(
    {
        "rows": st.lists(rows, min_size=1, max_size=12),
        "flow_unit": st.sampled_from(list(FLOW_UNITS)),
        "duration_unit": st.sampled_from(list(HOUR_UNITS)),
        "concentration_unit": st.sampled_from(list(CONCENTRATION_UNITS)),
        "substance_unit": st.sampled_from(list(SUBSTANCE_UNITS)),
        "form": st.sampled_from(["quantity", "numbers", "texts"]),
        "ruleset": st.sampled_from(RULESETS),
        "limits": st.sampled_from([None, {"suspended_solids": "20 mg/l", "iron": "2 mg/l"}]),
    }
)


def _magnitudes(values: tuple[float, ...], per_unit: float) -> list[float]:
    return [v / per_unit for v in values]


def _text(magnitude: float, unit: str) -> str:
    """The number in Dutch notation (a decimal comma: '2.775' would be ambiguous)."""
    return f"{format(Decimal(repr(magnitude)), 'f').replace('.', ',')} {unit}"


def _column(magnitudes: list[float], unit: str, form: str) -> tuple[Any, str | None]:
    """The column in one of the forms assess_many takes, and the unit argument."""
    if form == "texts":
        return [None if math.isnan(m) else _text(m, unit) for m in magnitudes], None
    if form == "quantity":
        return UREG.Quantity(np.array(magnitudes), wb.parse_quantity(f"1 {unit}").units), None
    return np.array(magnitudes), unit


def _single(magnitude: float, unit: str, form: str) -> Any:
    """The same value for a DischargeActivity, the way a caller would give it."""
    if math.isnan(magnitude):
        return None
    if form == "texts":
        return _text(magnitude, unit)
    return UREG.Quantity(magnitude, wb.parse_quantity(f"1 {unit}").units)


def _compare(batch: dict[str, Any]) -> None:
    origins, receivers, flows, hours, solids, iron, visual, starts, found, designated = zip(
        *batch["rows"], strict=True
    )
    form = batch["form"]
    units = {
        "flow": (batch["flow_unit"], FLOW_UNITS[batch["flow_unit"]], flows),
        "duration": (batch["duration_unit"], HOUR_UNITS[batch["duration_unit"]], hours),
        "suspended_solids": (
            batch["concentration_unit"],
            CONCENTRATION_UNITS[batch["concentration_unit"]],
            solids,
        ),
        "iron": (
            batch["concentration_unit"],
            CONCENTRATION_UNITS[batch["concentration_unit"]],
            iron,
        ),
    }
    substance_unit = batch["substance_unit"]
    for name in SUBSTANCES:
        values = tuple(row[name] for row in found)
        units[name] = (substance_unit, SUBSTANCE_UNITS[substance_unit], values)
    magnitudes = {name: _magnitudes(v, k) for name, (_, k, v) in units.items()}
    kwargs: dict[str, Any] = {}
    measured: dict[str, Any] = {}
    measured_units: dict[str, str] = {}
    for name, (unit, _, _) in units.items():
        column, column_unit = _column(magnitudes[name], unit, form)
        if name in SUBSTANCES:
            measured[name] = column
            if column_unit is not None:
                measured_units[name] = column_unit
        else:
            kwargs[name], kwargs[f"{name}_unit"] = column, column_unit
    rules, limits = batch["ruleset"], batch["limits"]
    result = assess_many(
        origin=list(origins),
        receiver=np.array(receivers, dtype=object),
        visual_pollution=list(visual),
        designated_water_body=list(designated),
        start=list(starts),
        measurements=measured,
        measurement_units=measured_units,
        ruleset=rules,
        limits=limits,
        **kwargs,
    )
    assert len(result) == len(origins)
    levies = result.levy()
    known = result.allowed_known
    others = result.alternatives()
    for i in range(len(origins)):
        values = {name: _single(magnitudes[name][i], units[name][0], form) for name in units}
        activity = wb.DischargeActivity(
            origin=origins[i],
            receiver=receivers[i],
            visual_pollution=visual[i],
            designated_water_body=designated[i],
            start=starts[i],
            measurements={name: values.pop(name) for name in SUBSTANCES},
            **values,
        )
        try:
            single = wb.assess(activity, ruleset=rules, limits=limits)
        except wb.RulesetError:  # limits where the rule gives its own: assess_many ignores them
            single = wb.assess(activity, ruleset=rules)
        where = (i, batch["rows"][i])
        assert result.allowed[i] is single.allowed, where
        assert bool(known[i]) is (single.allowed is not None)
        assert result.authority[i] is single.authority, where
        assert result.municipal_consent[i] is single.municipal_consent, where
        assert result.obligation[i] is single.water_board_obligation, where
        assert result.levy_applies[i] is single.levy_applies, where
        assert result.levy_registration[i] is single.levy_registration, where
        assert result.version[i] is single.version, where
        notify_by = result.notify_by[i]
        assert (None if np.isnat(notify_by) else notify_by.astype(dt.date)) == single.notify_by
        flagged = {name for name in VIOLATION_PARAMETERS if result.violations[name][i]}
        assert flagged == {v.parameter for v in single.violations}, where
        lacking = {name for name, flags in result.missing.items() if flags[i]}
        assert lacking == set(single.missing), where
        assumed = {name for name, flags in result.assumed.items() if flags[i]}
        assert assumed == {a.parameter for a in single.assumptions}, where
        for alternative in single.alternatives:
            assert others[alternative.receiver][i] is alternative.allowed, (where, alternative)
        for day, expected in (
            (result.end_day[i], single.activity.end_day),
            (result.report_deadline[i], single.report_deadline),
        ):
            assert (None if np.isnat(day) else day.astype(dt.date)) == expected, where
        if single.volume is None:
            assert math.isnan(result.volume[i]), where
        else:  # the same floats, not merely close ones
            assert result.volume[i] == float(single.volume.m_as("m**3")), where
        try:
            levy = single.levy()
        except wb.TariffNotFoundError:  # no tariff for the start year: None in a batch
            levy = None
        assert levies[i] == levy, where
        assert levy is None or str(levies[i]) == str(levy)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_assess_many_equals_assess_row_by_row(batch: dict[str, Any]) -> None:
    _compare(batch)


# -- units ------------------------------------------------------------------------------------


def test_mixed_units_give_the_same_answers() -> None:
    base: dict[str, Any] = {
        "origin": ["bronnering"] * 3,
        "receiver": ["vuilwaterriool", "vuilwaterriool", "hemelwaterafvoer"],
        "start": np.array(["2021-05-03"] * 3, dtype="datetime64[D]"),
    }
    per_hour = assess_many(
        **base,
        flow=np.array([4.5, 5.4, 3.6]),
        flow_unit="m3/h",
        duration=np.array([1.0, 1.0, 2.0]),
        duration_unit="weken",
        suspended_solids=np.array([300.0, 300.0, 49.0]),
        iron=np.array([1.0, 1.0, 6.0]),
        concentration_unit="mg/l",
    )
    per_second = assess_many(
        **base,
        flow=UREG.Quantity(np.array([1.25, 1.5, 1.0]), "L/s"),
        duration=UREG.Quantity(np.array([168.0, 168.0, 336.0]), "hour"),
        suspended_solids=np.array([0.3, 0.3, 0.049]),
        suspended_solids_unit="g/l",
        iron=UREG.Quantity(np.array([1.0, 1.0, 6.0]), "g/m**3"),
    )
    assert per_hour.allowed.tolist() == per_second.allowed.tolist() == [True, False, False]
    for name in VIOLATION_PARAMETERS:
        assert per_hour.violations[name].tolist() == per_second.violations[name].tolist()
    assert per_second.violations["iron"].tolist() == [False, False, True]
    np.testing.assert_allclose(per_hour.volume, per_second.volume)
    texts = assess_many(
        origin=["bronnering"], receiver=["bodem"], flow=["2,5 l/s"], duration=["8 weken"]
    )
    assert texts.volume[0] == pytest.approx(12096.0)


def test_levy_on_a_half_cent_rounds_half_up_like_assess() -> None:
    # 50 m³ is 0.05 pollution units: 0.05 × 60.10 = 3.005 euros exactly
    flows = UREG.Quantity(np.array([5.0, 1.0, 25.0]), "m**3/h")
    result = assess_many(
        origin=["bronnering"] * 3,
        receiver=["oppervlaktewater"] * 3,
        flow=flows,
        duration=np.array([10.0, 50.0, 2.0]),
        duration_unit="h",
        suspended_solids=np.array([1.0, 1.0, 1.0]),
        concentration_unit="mg/l",
        start=[dt.date(2021, 5, 3)] * 3,
    )
    assert result.levy().tolist() == [Decimal("3.01")] * 3
    single = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="5 m3/h",
            duration="10 h",
            start=dt.date(2021, 5, 3),
        )
    )
    assert single.levy() == Decimal("3.01")


def test_levy_of_another_year_and_unknown_years() -> None:
    rules = open_2021().with_tariff(2022, "61.00")  # no start day: the rules of 2021
    result = assess_many(
        origin=["bronnering"] * 4,
        receiver=["oppervlaktewater", "oppervlaktewater", "bodem", "oppervlaktewater"],
        flow=["1000 m3/h"] * 4,
        duration=["1 h"] * 4,
        start=np.array(["2022-03-01", "NaT", "NaT", "2023-01-01"], dtype="datetime64[D]"),
        ruleset=rules,
    )
    assert result.levy().tolist() == [Decimal("61.00"), None, Decimal("0.00"), None]
    assert result.levy(year=2021).tolist() == [
        Decimal("60.10"),
        Decimal("60.10"),
        Decimal("0.00"),
        Decimal("60.10"),
    ]
    assert result.levy(year=1999).tolist() == [None, None, Decimal("0.00"), None]


def test_many_spellings_of_a_label_are_parsed_once_each() -> None:
    spellings = [
        *wb.Receiver,
        "bodem",
        "Bodem",
        "op of in de bodem",
        "oppervlaktewater",
        "OPPERVLAKTEWATER",
        "oppervlaktewaterlichaam",
        "surface_water",
        "hemelwaterafvoer",
        "hemelwaterriool",
        "regenwaterriool",
        "hemelwaterriolering",
        "vuilwaterriool",
        "gemengd riool",
        "Gemengd riool",
        "vuilwaterriolering",
        "gemengde riolering",
        "foul_sewer",
        "rainwater_sewer",
        "soil",
    ]
    receivers = spellings * 3
    result = assess_many(
        origin=[wb.Origin.DEWATERING] * len(receivers),
        receiver=receivers,
        flow=np.ones(len(receivers)),
        flow_unit="m3/h",
        duration=np.ones(len(receivers)),
        duration_unit="h",
        start="2021-05-03",
    )
    expected = [wb.Receiver.parse(r) for r in receivers]
    on = dt.date(2021, 5, 3)
    authorities = [default_ruleset().receiver_rule(r, on).authority for r in expected]
    assert result.authority.tolist() == authorities


def test_one_value_for_every_row() -> None:
    result = assess_many(
        origin="bronnering",
        receiver=["bodem", "oppervlaktewater"],
        flow="5 m3/h",
        duration=np.array([1.0, 2.0]),
        duration_unit="dagen",
        suspended_solids="10 mg/l",
        start=dt.date(2021, 5, 3),
    )
    assert result.allowed.tolist() == [True, True]
    assert result.volume.tolist() == [120.0, 240.0]
    # 2 days from 3 May end on 4 May (3 May + ⌈48 h / 24 h⌉ − 1); 14 days later: 18 May
    assert result.report_deadline.astype(str).tolist() == ["NaT", "2021-05-18"]


def test_visual_pollution_not_stated_is_the_dewatering_assumption() -> None:
    base: dict[str, Any] = {
        "origin": ["bronnering"] * 3,
        "receiver": ["oppervlaktewater"] * 3,
        "flow": ["5 m3/h"] * 3,
        "duration": ["1 h"] * 3,
        "suspended_solids": ["10 mg/l"] * 3,
        "start": "2021-05-03",
    }
    absent = assess_many(**base)
    assert absent.allowed.tolist() == [True, True, True]
    assert absent.assumed["visual_pollution"].tolist() == [True, True, True]
    flagged = assess_many(**base, visual_pollution=np.array([0.0, 1.0, np.nan]))
    assert flagged.allowed.tolist() == [True, False, True]
    assert flagged.violations["visual_pollution"].tolist() == [False, True, False]
    assert flagged.assumed["visual_pollution"].tolist() == [False, False, True]
    words = assess_many(**base, visual_pollution=["nee", "ja", None])
    assert words.allowed.tolist() == [True, False, True]


# -- bad input --------------------------------------------------------------------------------


def _one(**kw: Any) -> wb.discharge.batch.BatchAssessment:
    base: dict[str, Any] = {
        "origin": ["bronnering"],
        "receiver": ["bodem"],
        "flow": np.array([5.0]),
        "flow_unit": "m3/h",
        "duration": np.array([1.0]),
        "duration_unit": "h",
    }
    base.update(kw)
    return assess_many(**base)


def test_a_column_of_the_wrong_dimension_is_a_unit_error() -> None:
    with pytest.raises(wb.UnitError, match=r"flow: expected a flow"):
        _one(flow_unit="mg/l")
    with pytest.raises(wb.UnitError, match=r"suspended_solids: expected a concentration"):
        _one(suspended_solids=UREG.Quantity(np.array([5.0]), "m**3/h"))
    with pytest.raises(wb.UnitError, match="bare numbers"):
        _one(flow_unit=None)
    with pytest.raises(wb.UnitError, match="either in the quantity or as a unit"):
        _one(flow=UREG.Quantity(np.array([5.0]), "m**3/h"))
    with pytest.raises(wb.UnitError, match=r"flow\[0\]: .*zero or more"):
        _one(flow=np.array([-5.0]))
    with pytest.raises(wb.UnitError, match=r"duration\[0\]: .*finite"):
        _one(duration=np.array([np.inf]))
    with pytest.raises(wb.UnitError, match=r"flow\[1\]"):
        _one(
            origin="bronnering",
            receiver="bodem",
            flow=["5 m3/h", "5 mg/l"],
            duration_unit=None,
            duration=["1 h", "1 h"],
            flow_unit=None,
        )


def test_columns_of_different_lengths_are_a_structure_error() -> None:
    with pytest.raises(wb.WaterbeleidError, match=r"\$\.receiver: expected 2 values") as info:
        _one(origin=["bronnering", "bronnering"], flow=np.array([5.0, 5.0]))
    assert isinstance(info.value, wb.StructureError)
    assert "as many as origin" in str(info.value)
    with pytest.raises(wb.StructureError, match="1-dimensional"):
        _one(flow=np.ones((1, 1)))


def test_unknown_labels_are_vocabulary_errors_naming_the_row() -> None:
    with pytest.raises(wb.VocabularyError, match=r"receiver\[1\]: .*'rivier'"):
        _one(
            origin=["bronnering"] * 2,
            receiver=["bodem", "rivier"],
            flow=np.ones(2),
            duration=np.ones(2),
        )
    with pytest.raises(wb.VocabularyError, match=r"origin\[0\]"):
        _one(origin=[None])
    with pytest.raises(wb.VocabularyError, match=r"visual_pollution\[0\]: .*'soms'"):
        _one(visual_pollution=["soms"])
    with pytest.raises(wb.VocabularyError, match=r"visual_pollution\[0\]"):
        _one(visual_pollution=np.array([2.0]))


def test_bad_dates_are_structure_errors() -> None:
    with pytest.raises(wb.StructureError, match=r"start: expected dates"):
        _one(start=np.array([20210503]))
    with pytest.raises(wb.StructureError, match=r"start\[1\]: expected a date"):
        _one(
            origin=["bronnering"] * 2,
            receiver="bodem",
            flow=np.ones(2),
            duration=np.ones(2),
            start=[dt.date(2021, 1, 1), 3.5],
        )
    with pytest.raises(wb.StructureError, match=r"start\[0\]: expected an ISO date"):
        _one(start=["3 mei"])


# -- pandas -------------------------------------------------------------------------------------


def test_the_numpy_path_needs_no_pandas() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import numpy as np, waterbeleid as wb\n"
        "r = wb.assess_many(origin=['bronnering'], receiver=['bodem'], flow=np.array([1.0]),\n"
        "    flow_unit='m3/h', duration=np.array([1.0]), duration_unit='h', start='2021-06-01')\n"
        "assert r.allowed.tolist() == [True]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_data_frame_columns_with_units_in_their_names() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "origin": ["bronnering", "bronnering", "bodemsanering", "bronnering"],
            "receiver": [
                "oppervlaktewater",
                "vuilwaterriool",
                "vuilwaterriool",
                "hemelwaterafvoer",
            ],
            "flow_l_per_s": [5.0, 1.5, 0.5, None],
            "duration_weeks": [3.0, 1.0, 1.0, 2.0],
            "suspended_solids_mg_per_l": pd.array([30, 100, None, 10], dtype="Int64"),
            "iron_mg_per_l": [None, None, None, 6.0],
            "visual_pollution": pd.array([False, None, False, False], dtype="boolean"),
            "start": pd.to_datetime(["2021-05-03", "2021-05-03", "2021-05-04", "2021-05-03"]),
        }
    )
    result = assess_many(frame)
    assert result.allowed.tolist() == [True, False, False, False]
    assert result.violations["flow"].tolist() == [False, True, False, False]
    assert result.violations["iron"].tolist() == [False, False, False, True]
    same = assess_many(
        origin=frame["origin"].tolist(),
        receiver=frame["receiver"].tolist(),
        flow=UREG.Quantity(np.array([5.0, 1.5, 0.5, np.nan]), "L/s"),
        duration=np.array([3.0, 1.0, 1.0, 2.0]),
        duration_unit="weeks",
        suspended_solids=np.array([30, 100, np.nan, 10]),
        iron=np.array([np.nan, np.nan, np.nan, 6.0]),
        concentration_unit="mg/l",
        visual_pollution=[False, None, False, False],
        start=np.array(
            ["2021-05-03", "2021-05-03", "2021-05-04", "2021-05-03"], dtype="datetime64[D]"
        ),
    )
    for name in ("allowed", "authority", "obligation", "municipal_consent"):
        assert getattr(result, name).tolist() == getattr(same, name).tolist()
    np.testing.assert_array_equal(result.volume, same.volume)
    np.testing.assert_array_equal(result.report_deadline, same.report_deadline)
    assert result.levy().tolist() == same.levy().tolist()
    table = result.to_pandas(index=frame.index)
    assert list(table["water_board_obligation"]) == [
        wb.Obligation.NOTIFICATION,
        *[wb.Obligation.PROHIBITED] * 3,  # not allowed: no route to take
    ]
    assert list(table["levy_applies"]) == [True, False, False, False]
    assert list(table["violates_flow"]) == [False, True, False, False]
    assert (
        table["levy_eur"][0]
        == wb.assess(
            wb.DischargeActivity(
                origin="bronnering",
                receiver="oppervlaktewater",
                flow="5 l/s",
                duration="3 weken",
                suspended_solids="30 mg/l",
                start=dt.date(2021, 5, 3),
            )
        ).levy()
    )


@pytest.mark.parametrize(
    ("flow_columns", "duration_columns"),
    [
        ({"flow_m3_per_h": [20.0]}, {"duration_h": [504.0]}),
        ({"flow__m3/h": [20.0]}, {"duration_d": [21.0]}),
        ({"flow [m3/h]": [20.0]}, {"duration__weken": [3.0]}),
        ({"flow": [20.0], "flow_unit": ["m3 per uur"]}, {"duration": ["3 weken"]}),
    ],
)
def test_data_frame_unit_spellings(
    flow_columns: dict[str, Any], duration_columns: dict[str, Any]
) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "origin": ["bronnering"],
            "receiver": ["oppervlaktewater"],
            **flow_columns,
            **duration_columns,
            "suspended_solids [mg/l]": [30.0],
            "start": [dt.date(2021, 5, 3)],
        }
    )
    result = assess_many(frame)
    assert result.allowed.tolist() == [True]
    assert result.levy().tolist() == [Decimal("605.81")]


def test_data_frame_errors() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"origin": ["bronnering"], "receiver": ["bodem"], "flow": [1.0]})
    with pytest.raises(wb.StructureError, match="either a data frame or keyword columns"):
        assess_many(frame, flow_unit="m3/h")
    with pytest.raises(wb.StructureError, match="expected a pandas DataFrame"):
        assess_many({"origin": ["bronnering"]})
    with pytest.raises(wb.StructureError, match=r"\$\.receiver: expected a column"):
        assess_many(frame.drop(columns="receiver"))
    with pytest.raises(wb.UnitError, match="bare numbers"):
        assess_many(frame)
    two = frame.assign(flow_m3_per_h=[1.0])
    with pytest.raises(wb.StructureError, match="expected one column for flow"):
        assess_many(two)
    mixed = frame.iloc[[0, 0]].assign(flow_unit=["m3/h", "l/s"])
    with pytest.raises(wb.UnitError, match="flow_unit: expected one unit"):
        assess_many(mixed)
    with pytest.raises(wb.UnitError, match="flow: expected a flow"):
        assess_many(frame.rename(columns={"flow": "flow_mg_per_l"}))


def test_an_empty_batch() -> None:
    result = _one(origin=[], receiver=[], flow=np.array([]), duration=np.array([]))
    assert len(result) == 0
    assert result.levy().tolist() == []
    assert result.to_dict()["allowed"].tolist() == []


def test_errors_name_the_row_in_a_column_of_members_and_labels() -> None:
    with pytest.raises(wb.VocabularyError, match=r"receiver\[3\]: .*'rivier'"):
        _one(
            origin=[wb.Origin.DEWATERING] * 4,
            receiver=[SOIL, "bodem", SW, "rivier"],
            flow=np.ones(4),
            duration=np.ones(4),
        )


def test_many_distinct_quantity_texts_are_each_parsed_once() -> None:
    pd = pytest.importorskip("pandas")
    n = 3000
    frame = pd.DataFrame(
        {
            "origin": ["bronnering"] * n,
            "receiver": ["oppervlaktewater"] * n,
            "flow": [f"{i} l/s" for i in range(n)],
            "duration": ["1 uur"] * n,
        }
    )
    result = assess_many(frame)
    np.testing.assert_allclose(result.volume, np.arange(n) * 3.6)


def test_times_and_ends_give_the_end_days_that_assess_gives() -> None:
    starts = [
        "2021-06-01",
        "2021-06-01T23:30",
        dt.datetime(2021, 6, 1, 8),
        dt.date(2021, 6, 1),
        None,
        "2021-06-01",
    ]
    durations = ["1 uur", "1 uur", "16 uur", "3 weken", "5 uur", "25 uur"]
    ends: list[Any] = [None, None, None, None, "2021-06-02T00:00", "2021-06-03"]
    for with_ends in (False, True):
        given = ends if with_ends else [None] * len(ends)
        result = assess_many(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="5 m3/h",
            duration=durations,
            suspended_solids="10 mg/l",
            start=np.array(starts, dtype=object),
            end=np.array(given, dtype=object) if with_ends else None,
        )
        for i, (start, duration, end) in enumerate(zip(starts, durations, given, strict=True)):
            activity = wb.DischargeActivity(
                origin="bronnering",
                receiver="oppervlaktewater",
                flow="5 m3/h",
                duration=duration,
                suspended_solids="10 mg/l",
                start=start,
                end=end,
            )
            single = wb.assess(activity)
            day = result.end_day[i]
            assert (None if np.isnat(day) else day.astype(dt.date)) == activity.end_day, i
            deadline = result.report_deadline[i]
            assert (None if np.isnat(deadline) else deadline.astype(dt.date)) == (
                single.report_deadline
            ), i
    assert result.end_day.astype(str).tolist() == [
        "2021-06-01",
        "2021-06-02",
        "2021-06-01",
        "2021-06-21",
        "2021-06-01",
        "2021-06-03",
    ]
    # a datetime64 column with times gives the same days
    stamps = np.array(["2021-06-01T23:30", "2021-06-01T08:00"], dtype="datetime64[m]")
    timed = assess_many(
        origin="bronnering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration=["1 uur", "16 uur"],
        start=stamps,
    )
    assert timed.end_day.astype(str).tolist() == ["2021-06-02", "2021-06-01"]


def test_an_end_against_the_duration_names_the_row() -> None:
    with pytest.raises(wb.StructureError, match=r"\$\.end\[1\]: expected the end day 2021-06-02"):
        assess_many(
            origin="bronnering",
            receiver="bodem",
            flow="5 m3/h",
            duration=["25 uur", "25 uur"],
            start=["2021-06-01", "2021-06-01"],
            end=["2021-06-02", "2021-06-09"],
        )
