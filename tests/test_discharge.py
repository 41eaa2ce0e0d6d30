"""The discharge rules of seed 004: every rule and every boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.discharge import default_ruleset, load_ruleset

D, S = wb.Origin.DEWATERING, wb.Origin.SOIL_REMEDIATION
SOIL = wb.Receiver.SOIL
SW = wb.Receiver.SURFACE_WATER
RW = wb.Receiver.RAINWATER_SEWER
FS = wb.Receiver.FOUL_SEWER
START = dt.date(2021, 5, 3)


def act(origin: wb.Origin = D, receiver: wb.Receiver = SW, **kw: Any) -> wb.DischargeActivity:
    base: dict[str, Any] = {
        "flow": "5 m3/h",
        "duration": "24 uur",
        "suspended_solids": "10 mg/l",
        "iron": "1 mg/l",
        "start": START,
    }
    base.update(kw)
    return wb.DischargeActivity(origin=origin, receiver=receiver, **base)


# -- receiver -> authority ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("receiver", "authority", "consent", "obligation", "levy"),
    [
        (SOIL, wb.Authority.MUNICIPALITY, True, wb.Obligation.NONE, False),
        (SW, wb.Authority.WATER_BOARD, False, wb.Obligation.NONE, True),
        (RW, wb.Authority.MUNICIPALITY, True, wb.Obligation.NOTIFICATION, True),
        (FS, wb.Authority.MUNICIPALITY, True, wb.Obligation.NOTIFICATION, True),
    ],
)
def test_receiver_decides_authority_notification_and_levy(
    receiver: wb.Receiver,
    authority: wb.Authority,
    consent: bool,
    obligation: wb.Obligation,
    levy: bool,
) -> None:
    result = wb.assess(act(receiver=receiver))
    assert result.authority is authority
    assert result.municipal_consent is consent
    assert result.water_board_obligation is obligation
    assert result.levy_applies is levy


@pytest.mark.parametrize(
    ("label", "member"),
    [
        ("bodem", SOIL),
        ("oppervlaktewater", SW),
        ("hemelwaterafvoer", RW),
        ("vuilwaterriool", FS),
        ("gemengd riool", FS),
    ],
)
def test_receivers_parse_from_dutch_labels(label: str, member: wb.Receiver) -> None:
    assert wb.Receiver.parse(label) is member
    assert (
        wb.DischargeActivity(
            origin="bronnering", receiver=label, flow="1 m3/h", duration="1 h"
        ).receiver
        is member
    )


def test_enum_labels() -> None:
    assert wb.Origin.parse("bodemsanering") is S
    assert wb.Authority.WATER_BOARD.label_nl == "waterschap"
    assert wb.Obligation.parse("meldingsplicht") is wb.Obligation.NOTIFICATION
    assert wb.Obligation.parse("vergunningplicht") is wb.Obligation.PERMIT
    assert wb.Obligation.parse("toestemmingsvrij") is wb.Obligation.NONE
    with pytest.raises(wb.VocabularyError, match="expected one of"):
        wb.Receiver.parse("zee")


# -- quality: dewatering ------------------------------------------------------------------


def test_dewatering_to_soil_is_allowed() -> None:
    assert wb.assess(act(receiver=SOIL, suspended_solids="900 mg/l")).allowed is True


@pytest.mark.parametrize(
    ("solids", "allowed"),
    [("49.9 mg/l", True), ("50 mg/l", True), ("50.1 mg/l", False), ("0.05 g/l", True)],
)
def test_dewatering_surface_water_suspended_solids(solids: str, allowed: bool) -> None:
    result = wb.assess(act(receiver=SW, suspended_solids=solids))
    assert result.allowed is allowed
    if not allowed:
        (violation,) = result.violations
        assert violation.parameter == "suspended_solids"
        assert violation.limit == wb.concentration("50 mg/l")
        assert violation.value == wb.concentration(solids)
        assert "art. 3.2" in violation.source.article


def test_dewatering_surface_water_visual_pollution() -> None:
    result = wb.assess(act(receiver=SW, visual_pollution=True))
    assert result.allowed is False
    assert [v.parameter for v in result.violations] == ["visual_pollution"]
    assert wb.assess(act(receiver=SW, visual_pollution=None)).allowed is None


@pytest.mark.parametrize(
    ("solids", "iron", "allowed", "violated"),
    [
        ("50 mg/l", "5 mg/l", True, []),
        ("50.01 mg/l", "5 mg/l", False, ["suspended_solids"]),
        ("50 mg/l", "5.01 mg/l", False, ["iron"]),
        ("51 mg/l", "6 mg/l", False, ["suspended_solids", "iron"]),
        ("4.99 mg/l", "4.99 mg/l", True, []),
    ],
)
def test_dewatering_rainwater_sewer(
    solids: str, iron: str, allowed: bool, violated: list[str]
) -> None:
    result = wb.assess(act(receiver=RW, suspended_solids=solids, iron=iron))
    assert result.allowed is allowed
    assert [v.parameter for v in result.violations] == violated


@pytest.mark.parametrize(
    ("kw", "allowed", "violated"),
    [
        ({"duration": "8 weken", "flow": "5 m3/h", "suspended_solids": "300 mg/l"}, True, []),
        ({"duration": "56 dagen", "flow": "5 m3/h"}, True, []),
        ({"duration": "1345 uur", "flow": "5 m3/h"}, False, ["duration"]),
        ({"duration": "1 week", "flow": "5.01 m3/h"}, False, ["flow"]),
        ({"duration": "1 week", "flow": "1.38 L/s"}, True, []),  # 4.968 m3/h
        ({"duration": "1 week", "flow": "1.39 L/s"}, False, ["flow"]),  # 5.004 m3/h
        ({"suspended_solids": "300.1 mg/l"}, False, ["suspended_solids"]),
        ({"suspended_solids": "0.3 g/l"}, True, []),
        (
            {"duration": "9 weken", "flow": "6 m3/h", "suspended_solids": "301 mg/l"},
            False,
            ["duration", "flow", "suspended_solids"],
        ),
    ],
)
def test_dewatering_foul_sewer_three_conditions(
    kw: dict[str, Any], allowed: bool, violated: list[str]
) -> None:
    result = wb.assess(act(receiver=FS, **kw))
    assert result.allowed is allowed
    assert [v.parameter for v in result.violations] == violated


# -- quality: soil remediation ------------------------------------------------------------


def test_soil_remediation_foul_sewer_is_prohibited() -> None:
    result = wb.assess(act(S, FS, suspended_solids="1 mg/l"))
    assert result.allowed is False
    (violation,) = result.violations
    assert violation.parameter == "receiver"
    assert "art. 3.1" in violation.source.article


@pytest.mark.parametrize("receiver", [SOIL, SW, RW])
def test_soil_remediation_limits_not_given(receiver: wb.Receiver) -> None:
    result = wb.assess(act(S, receiver))
    assert result.allowed is None
    assert any("does not give" in e.outcome for e in result.trace)


@pytest.mark.parametrize(("solids", "allowed"), [("20 mg/l", True), ("20.5 mg/l", False)])
def test_soil_remediation_with_caller_limits(solids: str, allowed: bool) -> None:
    result = wb.assess(act(S, SW, suspended_solids=solids), limits={"suspended_solids": "20 mg/l"})
    assert result.allowed is allowed


def test_caller_limits_must_name_a_measured_parameter() -> None:
    with pytest.raises(wb.RulesetError, match="suspended_solids or iron"):
        wb.assess(act(S, SW), limits={"chloride": "20 mg/l"})


# -- quantity thresholds (surface water) ---------------------------------------------------


@pytest.mark.parametrize(
    ("flow", "duration", "obligation"),
    [
        ("9.99 m3/h", "47 uur", wb.Obligation.NONE),
        ("10 m3/h", "47 uur", wb.Obligation.NOTIFICATION),
        ("9.99 m3/h", "48 uur", wb.Obligation.NOTIFICATION),
        ("9 m3/h", "2 dagen", wb.Obligation.NOTIFICATION),
        ("100 m3/h", "1 week", wb.Obligation.NOTIFICATION),
        ("100.01 m3/h", "1 uur", wb.Obligation.PERMIT),
        ("27.77 L/s", "1 uur", wb.Obligation.NOTIFICATION),  # 99.97 m3/h
        ("27.78 L/s", "1 uur", wb.Obligation.PERMIT),  # 100.008 m3/h
    ],
)
def test_quantity_thresholds(flow: str, duration: str, obligation: wb.Obligation) -> None:
    assert (
        wb.assess(act(receiver=SW, flow=flow, duration=duration)).water_board_obligation
        is obligation
    )


def test_unknown_duration_leaves_the_obligation_unknown_for_small_flows() -> None:
    small = wb.assess(act(receiver=SW, flow="5 m3/h", duration=None))
    assert small.water_board_obligation is None
    assert "duration" in small.missing
    big = wb.assess(act(receiver=SW, flow="150 m3/h", duration=None))
    assert big.water_board_obligation is wb.Obligation.PERMIT


# -- missing data --------------------------------------------------------------------------


@pytest.mark.parametrize("receiver", [SW, RW, FS])
def test_missing_measurement_is_unknown_never_allowed(receiver: wb.Receiver) -> None:
    result = wb.assess(act(receiver=receiver, suspended_solids=None))
    assert result.allowed is None
    assert "suspended_solids" in result.missing


def test_a_violation_decides_even_when_something_is_missing() -> None:
    result = wb.assess(act(receiver=RW, suspended_solids=None, iron="6 mg/l"))
    assert result.allowed is False


# -- wrong input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("flow", "50 mg/l"), ("duration", "5 m3"), ("suspended_solids", "5 m3/h"), ("flow", 5)],
)
def test_wrong_dimensions_are_unit_errors(field: str, value: Any) -> None:
    with pytest.raises(wb.UnitError):
        act(**{field: value})


def test_bad_origin_and_start() -> None:
    with pytest.raises(wb.VocabularyError):
        wb.DischargeActivity(origin="afvalwater", receiver=SW, flow="1 m3/h", duration="1 h")
    with pytest.raises(TypeError, match="without a time"):
        act(start=dt.datetime(2021, 1, 1, 12))


def test_assess_rejects_non_activities() -> None:
    with pytest.raises(TypeError, match="DischargeActivity"):
        wb.assess({"origin": "bronnering"})  # type: ignore[arg-type]


# -- volume, levy, deadline ---------------------------------------------------------------


def test_volume_is_flow_times_duration_in_m3() -> None:
    a = act(flow="2.5 L/s", duration="8 weken")
    assert a.volume.units == wb.volume("1 m3").units
    assert a.volume.magnitude == pytest.approx(2.5 * 3.6 * 24 * 56)


def test_levy_2021() -> None:
    result = wb.assess(act(receiver=SW, flow="20 m3/h", duration="3 weken"))
    # 20 m3/h x 504 h = 10 080 m3 = 10.08 ve x EUR 60.10 = 605.808 -> 605.81
    assert result.levy() == Decimal("605.81")
    assert result.levy(2021) == Decimal("605.81")
    assert result.pollution_units() == Decimal("10.08")


def test_levy_of_exactly_one_unit() -> None:
    result = wb.assess(act(receiver=FS, flow="1000 m3/h", duration="1 uur"))
    assert result.levy() == Decimal("60.10")


def test_levy_unknown_year() -> None:
    result = wb.assess(act(receiver=SW))
    with pytest.raises(wb.TariffNotFoundError, match="2022") as info:
        result.levy(2022)
    assert isinstance(info.value, LookupError)


def test_levy_without_start_and_year() -> None:
    result = wb.assess(act(receiver=SW, start=None))
    with pytest.raises(wb.TariffNotFoundError, match="start date"):
        result.levy()
    assert result.levy(2021) == Decimal("7.21")  # 120 m3 = 0.12 ve x 60.10 = 7.212


def test_soil_is_not_levied() -> None:
    assert wb.assess(act(receiver=SOIL)).levy(1999) == Decimal("0.00")


def test_extra_tariff_without_editing_the_package() -> None:
    rules = default_ruleset().with_tariff(
        2022, "61.00", source="Waterschap Brabantse Delta, tarieven 2022"
    )
    result = wb.assess(
        act(receiver=SW, flow="1000 m3/h", duration="1 uur", start=dt.date(2022, 3, 1)),
        ruleset=rules,
    )
    assert result.levy() == Decimal("61.00")
    assert result.levy(2021) == Decimal("60.10")
    with pytest.raises(wb.TariffNotFoundError):
        wb.assess(result.activity).levy()


def test_with_tariff_rejects_floats_and_negatives() -> None:
    with pytest.raises(wb.RulesetError, match="float"):
        default_ruleset().with_tariff(2022, 61.0)  # type: ignore[arg-type]
    with pytest.raises(wb.RulesetError, match="zero or more"):
        default_ruleset().with_tariff(2022, "-1")


def test_report_deadline_is_14_days_after_the_end() -> None:
    result = wb.assess(act(receiver=SW, duration="3 weken", start=dt.date(2021, 5, 3)))
    assert result.activity.end == dt.date(2021, 5, 24)
    assert result.report_deadline == dt.date(2021, 6, 7)
    part_day = wb.assess(act(receiver=RW, duration="36 uur", start=dt.date(2021, 5, 3)))
    assert part_day.report_deadline == dt.date(2021, 5, 19)
    assert wb.assess(act(receiver=SOIL)).report_deadline is None
    assert wb.assess(act(receiver=SW, start=None)).report_deadline is None


# -- dated rules and custom rulesets -------------------------------------------------------


def test_rules_before_their_date_are_unknown() -> None:
    result = wb.assess(act(receiver=SW, start=dt.date(2019, 1, 1)))
    assert result.allowed is None
    assert result.authority is None


def test_custom_ruleset_from_data() -> None:
    data = wb.unstructure(default_ruleset())
    data["quality"][1]["conditions"][0]["limit"] = "40 mg/l"
    rules = load_ruleset(data)
    assert wb.assess(act(receiver=SW, suspended_solids="45 mg/l"), ruleset=rules).allowed is False
    assert wb.assess(act(receiver=SW, suspended_solids="45 mg/l")).allowed is True


def test_custom_ruleset_file(tmp_path: Any) -> None:
    import json

    path = tmp_path / "rules.json"
    data = wb.unstructure(default_ruleset())
    data["levy"]["tariffs"].append({"year": 2023, "per_unit": "70.00", "source": {"document": "x"}})
    path.write_text(json.dumps(data), encoding="utf-8")
    rules = load_ruleset(path)
    assert rules.tariff(2023).per_unit == Decimal("70.00")


def test_broken_ruleset_is_a_ruleset_error() -> None:
    data = wb.unstructure(default_ruleset())
    data["quality"][1]["conditions"][0]["limit"] = "40 m3/h"
    del data["levy"]
    with pytest.raises(wb.RulesetError) as info:
        load_ruleset(data)
    text = str(info.value)
    assert "$.levy: required field missing" in text
    assert "expected a concentration" in text


def test_ruleset_round_trips() -> None:
    rules = default_ruleset()
    assert load_ruleset(wb.unstructure(rules)) == rules


def test_no_rule_number_in_the_code() -> None:
    import inspect
    import re

    from waterbeleid.discharge import assess as assess_module
    from waterbeleid.discharge import model, ruleset

    for module in (assess_module, model, ruleset):
        source = inspect.getsource(module)
        for number in ("50", "300", "100", "48", "60.10", "60,10", "14"):
            assert not re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", source), (
                module,
                number,
            )


# -- explanation ---------------------------------------------------------------------------


def test_trace_names_every_rule_with_its_source() -> None:
    result = wb.assess(act(receiver=FS, flow="6 m3/h"))
    rules = [entry.rule for entry in result.trace]
    assert rules[0] == "receiver"
    assert rules.count("quality") == 3
    assert "levy" in rules
    assert "reporting" in rules
    assert all(entry.source is not None for entry in result.trace)
    english = str(result)
    assert "not allowed" in english
    assert "flow <= 5 m³/h: violated" in english
    dutch = result.explain("nl")
    assert "niet toegestaan" in dutch
    assert "gemeente" in dutch
    with pytest.raises(ValueError, match="'en' or 'nl'"):
        result.explain("fr")


# -- properties ----------------------------------------------------------------------------

concentrations = st.floats(0, 1000, allow_nan=False)


def _q(magnitude: float, unit: str) -> Any:
    """A quantity from a float: text such as "1.125 mg/l" is ambiguous in Dutch notation."""
    import pint

    return pint.get_application_registry().Quantity(magnitude, unit)


@given(
    st.sampled_from(list(wb.Origin)),
    st.sampled_from(list(wb.Receiver)),
    concentrations,
    concentrations,
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 1000, allow_nan=False),
)
def test_raising_a_concentration_never_makes_a_discharge_allowed(
    origin: wb.Origin, receiver: wb.Receiver, solids: float, extra: float, iron: float, more: float
) -> None:
    def verdict(ss: float, fe: float) -> bool | None:
        return wb.assess(
            act(origin, receiver, suspended_solids=_q(ss, "mg/L"), iron=_q(fe, "mg/L"))
        ).allowed

    low = verdict(solids, iron)
    high = verdict(solids + extra, iron + more)
    if low is False:
        assert high is False
    if high is True:
        assert low is True


@given(
    st.sampled_from(list(wb.Receiver)),
    st.floats(0, 500, allow_nan=False),
    st.floats(0, 2000, allow_nan=False),
)
def test_more_flow_never_lowers_the_obligation(
    receiver: wb.Receiver, flow: float, extra: float
) -> None:
    order = {wb.Obligation.NONE: 0, wb.Obligation.NOTIFICATION: 1, wb.Obligation.PERMIT: 2}
    low = wb.assess(act(receiver=receiver, flow=_q(flow, "m**3/h"))).water_board_obligation
    high = wb.assess(act(receiver=receiver, flow=_q(flow + extra, "m**3/h"))).water_board_obligation
    assert low is not None
    assert high is not None
    assert order[high] >= order[low]
