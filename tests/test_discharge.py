"""The discharge rules of seed 004: every rule and every boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import waterbeleid as wb
from _rulesets import open_2021
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
    ("receiver", "authority", "consent", "obligation", "levy", "registration"),
    [
        (SOIL, wb.Authority.MUNICIPALITY, True, wb.Obligation.NONE, False, False),
        (SW, wb.Authority.WATER_BOARD, False, wb.Obligation.NONE, True, None),
        (RW, wb.Authority.MUNICIPALITY, True, wb.Obligation.NONE, True, True),
        (FS, wb.Authority.MUNICIPALITY, True, wb.Obligation.NONE, True, True),
    ],
)
def test_receiver_decides_authority_duties_and_levy(
    receiver: wb.Receiver,
    authority: wb.Authority,
    consent: bool,
    obligation: wb.Obligation,
    levy: bool,
    registration: bool | None,
) -> None:
    result = wb.assess(act(receiver=receiver))
    assert result.allowed is True
    assert result.authority is authority
    assert result.municipal_consent is consent
    assert result.water_board_obligation is obligation
    assert result.levy_applies is levy
    assert result.levy_registration is registration


@pytest.mark.parametrize(("receiver", "flow"), [(RW, "150 m3/h"), (FS, "4 m3/h")])
def test_sewers_registration_for_the_levy_is_not_a_notification_duty(
    receiver: wb.Receiver, flow: str
) -> None:
    # "U moet de lozing ook bij het waterschap melden in verband met de heffing": the
    # municipality decides; the water board's quantity tiers (algemene regel 12) concern
    # discharges into surface water: 150 m3/h or 100 hours is no water-board duty here.
    result = wb.assess(act(receiver=receiver, flow=flow, duration="100 uur"))
    assert result.allowed is True
    assert result.water_board_obligation is wb.Obligation.NONE
    assert result.levy_registration is True
    levy = [e for e in result.trace if e.rule == "levy"]
    assert any("levy registration" in e.outcome for e in levy)
    registration = next(e for e in levy if "levy registration" in e.outcome)
    assert "in verband met de heffing" in (registration.source.quote or "")
    quantity = next(e for e in result.trace if e.rule == "quantity")
    assert "competent authority municipality" in quantity.outcome
    assert "Levy registration: yes" in result.explain()


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
    assert result.assumptions == ()
    assert wb.assess(act(receiver=SW, visual_pollution=False)).assumptions == ()


def test_visual_pollution_not_stated_is_assumed_absent_for_dewatering_with_its_source() -> None:
    # "Bij lozen van grondwater bij bronnering gaan we ervan uit dat het te lozen water schoon is"
    result = wb.assess(act(receiver=SW))
    assert result.activity.visual_pollution is None
    assert result.allowed is True
    (assumption,) = result.assumptions
    assert assumption.parameter == "visual_pollution"
    assert assumption.value is False
    assert "schoon" in (assumption.source.quote or "")
    entry = next(e for e in result.trace if e.rule == "assumption")
    assert entry.source == assumption.source
    assert "visual pollution taken as no" in entry.outcome
    assert "visuele verontreiniging aangenomen als nee" in entry.text("nl")
    assert "(assumed)" in str(result)
    assert "missing" not in str(result.missing)


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


def test_soil_remediation_limits_not_given_for_soil() -> None:
    result = wb.assess(act(S, SOIL))
    assert result.allowed is None
    assert any("does not give" in e.outcome for e in result.trace)
    assert result.caveats
    assert "streefwaarden" in result.caveats[0]


@pytest.mark.parametrize(("solids", "allowed"), [("20 mg/l", True), ("20.5 mg/l", False)])
def test_soil_remediation_with_caller_limits(solids: str, allowed: bool) -> None:
    limits = {"suspended_solids": "20 mg/l"}
    result = wb.assess(act(S, SOIL, suspended_solids=solids), limits=limits)
    assert result.allowed is allowed
    assert any("using the limits supplied" in e.outcome for e in result.trace)


@pytest.mark.parametrize(
    ("origin", "receiver", "rule"),
    [(D, SW, "conditional"), (D, SOIL, "allowed"), (S, FS, "prohibited")],
)
def test_caller_limits_where_the_ruleset_decides_are_refused(
    origin: wb.Origin, receiver: wb.Receiver, rule: str
) -> None:
    # never silently ignored: the ruleset's own limits (or verdict) apply there
    with pytest.raises(wb.RulesetError, match=rf"limits: expected limits only where .*{rule!r}"):
        wb.assess(act(origin, receiver), limits={"suspended_solids": "20 mg/l"})
    before = act(S, SOIL, start=dt.date(2020, 1, 1))
    with pytest.raises(wb.RulesetError, match="no quality rule is in force"):
        wb.assess(before, limits={"suspended_solids": "20 mg/l"})


def test_caller_limits_must_name_a_measured_parameter() -> None:
    with pytest.raises(wb.RulesetError, match="expected limits for measured parameters"):
        wb.assess(act(S, SOIL), limits={"chloride": "20 mg/l"})


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
    assert str(result).splitlines()[:2] == ["Verdict: undecided", "Missing: suspended solids"]
    assert result.explain("nl").splitlines()[:2] == [
        "Oordeel: onbekend",
        "Ontbreekt: onopgeloste stoffen",
    ]


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
    for bad in ("3 mei 2021", "2021-13-01", 20210601, dt.time(8)):
        with pytest.raises(wb.StructureError, match=r"\$\.start: expected") as info:
            act(start=bad)
        assert "Attribute(" not in str(info.value)
        assert isinstance(info.value, ValueError)
    with pytest.raises(wb.StructureError, match=r"\$\.end: expected a local date and time"):
        act(end="2021-06-01T08:00+02:00")


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
    result = wb.assess(act(receiver=RW, flow="1000 m3/h", duration="1 uur"))
    assert result.levy() == Decimal("60.10")


def test_levy_unknown_year() -> None:
    result = wb.assess(act(receiver=SW))
    with pytest.raises(wb.TariffNotFoundError, match="2022") as info:
        result.levy(2022)
    assert isinstance(info.value, LookupError)


def test_levy_without_start_and_year_is_unknown() -> None:
    result = wb.assess(act(receiver=SW, start=None), ruleset=open_2021())
    assert result.levy_applies is True
    assert result.levy() is None
    assert "no start date" in result.levy_basis()
    assert result.levy(2021) == Decimal("7.21")  # 120 m3 = 0.12 ve x 60.10 = 7.212
    assert result.levy_basis(2021) == "0.12 pollution units x EUR 60.10 (tariff of 2021)"


def test_levy_without_volume_is_unknown() -> None:
    result = wb.assess(act(receiver=SW, duration=None))
    assert result.levy() is None
    assert "volume is unknown" in result.levy_basis()


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
    # 3 weeks from Monday 3 May: the last day is Sunday 23 May (3 May + 21 - 1 days)
    result = wb.assess(act(receiver=SW, duration="3 weken", start=dt.date(2021, 5, 3)))
    assert result.activity.end_day == dt.date(2021, 5, 23)
    assert result.report_deadline == dt.date(2021, 6, 6)
    part_day = wb.assess(act(receiver=RW, duration="36 uur", start=dt.date(2021, 5, 3)))
    assert part_day.activity.end_day == dt.date(2021, 5, 4)
    assert part_day.report_deadline == dt.date(2021, 5, 18)
    assert wb.assess(act(receiver=SOIL)).report_deadline is None
    assert wb.assess(act(receiver=SW, start=None)).report_deadline is None


# -- dated rules and custom rulesets -------------------------------------------------------


def test_rules_before_their_date_are_unknown() -> None:
    result = wb.assess(act(receiver=SW, start=dt.date(2019, 1, 1)))
    assert result.allowed is None
    assert result.authority is None
    assert result.water_board_obligation is None
    assert result.levy_applies is None
    assert result.levy() is None  # unknown, never a known zero
    assert result.levy(2021) is None
    assert result.levy_basis().startswith("unknown: no version of the rules covers 2019-01-01")
    assert result.version is None
    assert tuple(map(str, result.gaps)) == (
        (
            "no version of the rules covers 2019-01-01 (the brabantse_delta rules cover "
            "2021-01-01 – 2023-12-31; from 2024-01-01)"
        ),
    )
    assert result.gaps[0].topic == "version"
    assert result.gaps[0].text("nl") == (
        "geen versie van de regels geldt op 2019-01-01 (de regels ‘brabantse_delta’ gelden "
        "2021-01-01 – 2023-12-31; vanaf 2024-01-01)"
    )


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
    data["levies"][0]["tariffs"].append(
        {"year": 2023, "per_unit": "70.00", "source": {"document": "x"}}
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    rules = load_ruleset(path)
    assert rules.tariff(2023).per_unit == Decimal("70.00")


def test_broken_ruleset_is_a_ruleset_error() -> None:
    data = wb.unstructure(default_ruleset())
    data["quality"][1]["conditions"][0]["limit"] = "40 m3/h"
    del data["versions"]
    with pytest.raises(wb.RulesetError) as info:
        load_ruleset(data)
    text = str(info.value)
    assert "$.versions: required field missing" in text
    assert "expected a concentration" in text


def test_ruleset_round_trips() -> None:
    rules = default_ruleset()
    assert load_ruleset(wb.unstructure(rules)) == rules


def test_no_rule_number_in_the_code() -> None:
    import inspect
    import re

    from waterbeleid.discharge import assess as assess_module
    from waterbeleid.discharge import batch, columns, exact, model, ruleset, timespan, trace
    from waterbeleid.discharge.steps import (
        alternatives,
        conditions,
        levy,
        quality,
        quantity,
        receiver,
        reporting,
    )

    steps = (alternatives, conditions, levy, quality, quantity, receiver, reporting)
    for module in (assess_module, batch, columns, exact, model, ruleset, timespan, trace, *steps):
        source = inspect.getsource(module)
        for number in ("50", "300", "100", "48", "60.10", "60,10", "14"):
            assert not re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", source), (
                module,
                number,
            )


# -- explanation ---------------------------------------------------------------------------


def test_trace_names_every_rule_with_its_source() -> None:
    result = wb.assess(act(receiver=FS, flow="4 m3/h"))
    rules = [entry.rule for entry in result.trace]
    assert rules[:2] == ["ruleset", "receiver"]
    assert result.trace[0].outcome.startswith("Waterschap Brabantse Delta (brabantse_delta), ")
    assert rules.count("quality") == 3
    assert "levy" in rules
    assert "reporting" in rules
    assert all(entry.source is not None for entry in result.trace)


def test_explanation_leads_with_the_verdict_and_the_violated_rules() -> None:
    result = wb.assess(act(receiver=FS, flow="6 m3/h"))
    lines = str(result).splitlines()
    assert lines[0] == "Verdict: not allowed"
    assert lines[1].startswith("! flow: 6 m³/h violates <= 5 m³/h (")
    assert lines[2].startswith("Instead: soil: allowed; surface water: ")
    assert "Water board: prohibited" in lines
    english = str(result)
    assert "flow <= 5 m³/h: violated" in english
    assert "report the volume by" not in english
    assert "levy applies" not in english
    dutch = result.explain("nl")
    assert dutch.splitlines()[0] == "Oordeel: niet toegestaan"
    assert "Waterschap: verbod" in dutch
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
    order = {
        wb.Obligation.NONE: 0,
        wb.Obligation.NOTIFICATION: 1,
        wb.Obligation.PERMIT: 2,
        wb.Obligation.PROHIBITED: 3,  # more flow into a foul sewer: no longer allowed
    }
    low = wb.assess(act(receiver=receiver, flow=_q(flow, "m**3/h"))).water_board_obligation
    high = wb.assess(act(receiver=receiver, flow=_q(flow + extra, "m**3/h"))).water_board_obligation
    assert low is not None
    assert high is not None
    assert order[high] >= order[low]


# -- the end day and the deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "end_day", "deadline"),
    [
        ("2021-06-01", "1 uur", dt.date(2021, 6, 1), dt.date(2021, 6, 15)),
        ("2021-06-01", "24 uur", dt.date(2021, 6, 1), dt.date(2021, 6, 15)),
        ("2021-06-01", "25 uur", dt.date(2021, 6, 2), dt.date(2021, 6, 16)),
        ("2021-06-01", "0 uur", dt.date(2021, 6, 1), dt.date(2021, 6, 15)),
        ("2021-06-01", "1 week", dt.date(2021, 6, 7), dt.date(2021, 6, 21)),
        ("2021-06-01", "10080 minuten", dt.date(2021, 6, 7), dt.date(2021, 6, 21)),
        ("2021-06-01", "604801 seconden", dt.date(2021, 6, 8), dt.date(2021, 6, 22)),
        ("2021-06-01T08:00", "1 uur", dt.date(2021, 6, 1), dt.date(2021, 6, 15)),
        ("2021-06-01T23:30", "1 uur", dt.date(2021, 6, 2), dt.date(2021, 6, 16)),
        ("2021-06-01T08:00", "16 uur", dt.date(2021, 6, 1), dt.date(2021, 6, 15)),  # to 24:00
        (dt.datetime(2021, 6, 1, 8), "16,5 uur", dt.date(2021, 6, 2), dt.date(2021, 6, 16)),
    ],
)
def test_the_end_day_is_the_earliest_day_the_discharge_can_have_ended(
    start: Any, duration: str, end_day: dt.date, deadline: dt.date
) -> None:
    result = wb.assess(act(receiver=SW, start=start, duration=duration))
    assert result.activity.end_day == end_day
    assert result.report_deadline == deadline
    entry = next(e for e in result.trace if e.rule == "reporting")
    assert f"report the volume by {deadline}" in entry.outcome
    how = dict(entry.inputs)["end"]
    assert str(end_day) in how
    if isinstance(result.activity.start, dt.datetime):
        assert "+" in how
    else:
        assert "the earliest day the discharge can have ended" in how


def test_start_and_end_accept_iso_text_dates_and_datetimes() -> None:
    a = act(start="2021-06-01", end="2021-06-02", duration="25 uur")
    assert a.start == dt.date(2021, 6, 1)
    assert a.end == dt.date(2021, 6, 2)
    assert a.end_day == dt.date(2021, 6, 2)
    b = act(start="2021-06-01T08:00", end="2021-06-01T09:00", duration="1 uur")
    assert b.start == dt.datetime(2021, 6, 1, 8)
    assert b.end_day == dt.date(2021, 6, 1)
    # a start day allows the end on the earliest day or the next (it may start at 23:00)
    assert act(start="2021-06-01", end="2021-06-03", duration="25 uur").end_day == dt.date(
        2021, 6, 3
    )
    # an end without a duration gives the end day; the volume stays unknown
    c = act(start="2021-06-01", end="2021-06-20", duration=None)
    assert c.end_day == dt.date(2021, 6, 20)
    assert wb.assess(c).report_deadline == dt.date(2021, 7, 4)
    # an end at midnight ends the day before
    assert act(start=None, end="2021-06-02T00:00").end_day == dt.date(2021, 6, 1)


@pytest.mark.parametrize(
    ("start", "end", "duration", "message"),
    [
        ("2021-06-01", "2021-05-31", "1 uur", "end on or after the start"),
        ("2021-06-01T08:00", "2021-06-01T07:00", None, "end on or after the start"),
        ("2021-06-01", "2021-06-04", "25 uur", "end day 2021-06-02 or 2021-06-03"),
        ("2021-06-01T08:00", "2021-06-01T10:00", "1 uur", "start 2021-06-01T08:00:00 plus"),
        ("2021-06-01T08:00", "2021-06-02", "1 uur", "end day 2021-06-01"),
        ("2021-06-01", "2021-06-03T01:00", "24 uur", "within a day of the start"),
    ],
)
def test_an_end_that_contradicts_the_start_or_duration_is_an_error(
    start: str, end: str, duration: str | None, message: str
) -> None:
    with pytest.raises(wb.StructureError, match=r"\$\.end: expected") as info:
        act(start=start, end=end, duration=duration)
    assert message in str(info.value)


def test_a_deadline_past_the_calendar_is_none_not_a_crash() -> None:
    rules = open_2021()
    result = wb.assess(act(receiver=SW, start="9999-12-20", duration="1 uur"), ruleset=rules)
    assert result.activity.end_day == dt.date(9999, 12, 20)
    assert result.report_deadline is None
    assert any("after 9999-12-31" in e.outcome for e in result.trace)
    with pytest.raises(wb.OutOfRangeError, match="duration of at most"):
        act(receiver=SOIL, start="2021-06-01", duration="100000 weken")


# -- verdict first -----------------------------------------------------------------------


def test_soil_remediation_to_the_foul_sewer_gets_no_bill_no_deadline_and_alternatives() -> None:
    result = wb.assess(act(S, FS, flow="5 m3/h", duration="1 uur", start="2021-06-01"))
    assert result.allowed is False
    assert result.verdict == "not allowed"
    assert result.levy_applies is False
    assert result.levy() == Decimal("0.00")
    assert result.levy_basis() == "no levy: the discharge is not allowed"
    assert result.levy_registration is False
    assert result.report_deadline is None
    assert result.water_board_obligation is wb.Obligation.PROHIBITED
    receivers = [alt.receiver for alt in result.alternatives]
    assert receivers == [SOIL, SW, RW]  # the national order of preference
    soil, surface, rain = result.alternatives
    assert soil.allowed is None  # the limits are set case by case, not given
    assert "limits are set for the case" in str(soil)
    assert surface.allowed is None  # table 3.1a or 3.1b: designated or not?
    assert str(surface) == "surface water: undecided (missing designated surface water body)"
    assert surface.text("nl") == (
        "oppervlaktewater: onbekend (ontbreekt: aangewezen oppervlaktewaterlichaam)"
    )
    assert rain.allowed is None  # table 3.1a: nothing measured but suspended solids
    assert "naphthalene" in rain.missing
    assert surface.authority is wb.Authority.WATER_BOARD
    assert surface.source is not None
    assert "art. 3.1" in (surface.source.article or "")


def test_a_limit_exceeded_gets_no_bill_and_alternatives_that_say_what_is_missing() -> None:
    result = wb.assess(act(D, SW, suspended_solids="60 mg/l", iron=None))
    assert result.allowed is False
    assert result.levy() == Decimal("0.00")
    assert result.report_deadline is None
    assert result.water_board_obligation is wb.Obligation.PROHIBITED
    by_receiver = {alt.receiver: alt for alt in result.alternatives}
    assert set(by_receiver) == {SOIL, RW, FS}
    assert by_receiver[SOIL].allowed is True
    assert by_receiver[RW].allowed is False  # 60 mg/l is above 50 mg/l there too
    assert [v.parameter for v in by_receiver[RW].violations] == ["suspended_solids"]
    assert by_receiver[FS].allowed is True  # up to 300 mg/l, 5 m3/h, 8 weeks
    undecided = wb.assess(act(D, SW, suspended_solids=None, iron=None))
    rain = next(alt for alt in undecided.alternatives if alt.receiver is RW)
    assert rain.allowed is None
    assert rain.missing == ("suspended_solids", "iron")
    assert str(rain) == "rainwater sewer: undecided (missing suspended solids, iron)"
    assert rain.text("nl") == "hemelwaterafvoer: onbekend (ontbreekt: onopgeloste stoffen, ijzer)"


def test_alternatives_do_not_carry_the_callers_limits() -> None:
    result = wb.assess(
        act(S, SOIL, suspended_solids="10 mg/l"), limits={"suspended_solids": "20 mg/l"}
    )
    assert result.allowed is True
    assert all(alt.allowed is None or alt.receiver is FS for alt in result.alternatives)


# -- the levy, exactly and safely --------------------------------------------------------


def test_the_levy_is_exact_and_never_crashes_on_absurd_volumes() -> None:
    with pytest.raises(wb.OutOfRangeError):  # absurd quantities are refused when read
        act(receiver=SW, flow="1e306 m3/h", duration="1 uur")
    # the largest flow and duration the bounds allow: 1e9 m3/h for 1000 years (of 365.25 days),
    # under rules of 2021 without end (the packaged ones change in 2024: a discharge across
    # the change gets no rules at all)
    huge = wb.assess(
        act(receiver=SW, flow="1e9 m3/h", duration="1000 jaar", suspended_solids="1 mg/l"),
        ruleset=open_2021(),
    )
    assert huge.water_board_obligation is wb.Obligation.PERMIT
    cubic_metres = Decimal(10**9) * 1000 * Decimal("365.25") * 24
    assert huge.levy() == (cubic_metres / 1000 * Decimal("60.10")).quantize(Decimal("0.01"))
    # 2.5 l/s for 8 weeks is 12096 m3 exactly: 12.096 ve x 60.10 = 726.9696 -> 726.97
    assert wb.assess(act(receiver=SW, flow="2,5 l/s", duration="8 weken")).levy() == Decimal(
        "726.97"
    )
    # 7 minutes at 5 m3/h is 7/12 m3: 0.000583... ve x 60.10 = 0.035058... -> 0.04
    small = wb.assess(act(receiver=SW, flow="5 m3/h", duration="7 minuten"))
    assert small.levy() == Decimal("0.04")
    assert small.pollution_units() == Decimal("0.0005833333333333333333333333333")
