"""The packaged rulesets: sources you can open, versions, and the cases of issue 11."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

import waterbeleid as wb
from waterbeleid.discharge import assess_many
from waterbeleid.discharge.ruleset import (
    Condition,
    Ruleset,
    RuleSource,
    load_part,
    packaged_ruleset,
)

D, S = wb.Origin.DEWATERING, wb.Origin.SOIL_REMEDIATION
SOIL, SW = wb.Receiver.SOIL, wb.Receiver.SURFACE_WATER
RW, FS = wb.Receiver.RAINWATER_SEWER, wb.Receiver.FOUL_SEWER
RULESETS = wb.rulesets()
PARTS = [
    load_part(name) for name in ("activiteitenbesluit_blbi", "bruidsschat_waterschapsverordening")
]

# -- every number in its quote ------------------------------------------------------------------

# Dutch number words that legal texts write instead of digits ("ten minste vier weken").
_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "twaalf": 12,
}  # fmt: skip
_TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def numbers_in(quote: str) -> set[Decimal]:
    """Every number a quote writes, read both ways where the notation is ambiguous: a
    Dutch "0,2" and "1.000" (a decimal comma, a thousands dot) and an English "0.2";
    number words ("vier") count too. The quote itself is not changed."""
    text = quote.replace("\u03bc", "\u00b5").replace("\u00a0", " ")
    found: set[Decimal] = set()
    for token in _TOKEN.findall(text):
        token = token.strip(".,")
        readings = {
            token.replace(".", "").replace(",", "."),  # Dutch
            token.replace(",", ""),  # English
        }
        for part in re.split(r"[.,](?=\D|$)", token):  # "12." at a sentence's end
            readings.add(part)
        for reading in readings:
            try:
                found.add(Decimal(reading))
            except ArithmeticError:
                continue
    for word in re.findall(r"[a-zé]+", text.casefold()):
        if word in _WORDS:
            found.add(Decimal(_WORDS[word]))
    return found


def _number(value: Any) -> Decimal:
    magnitude = value.magnitude if hasattr(value, "magnitude") else value
    return Decimal(repr(magnitude)) if isinstance(magnitude, float) else Decimal(magnitude)


def _numbers(rules: Ruleset) -> Iterator[tuple[str, Decimal, RuleSource]]:
    """Every number of a ruleset (its own and its parts'), with the source that must hold
    it: limits and thresholds, notices, tariffs and their years, levy bases, periods."""

    def conditions(rule: Any) -> Iterator[tuple[str, Decimal, RuleSource]]:
        for condition in rule.conditions:
            if not isinstance(condition.limit, bool):
                yield (
                    condition.describe(),
                    _number(condition.limit),
                    condition.source_in(rule.source),
                )

    for rule in rules.quality_in_effect:
        yield from conditions(rule)
    for tier in rules.quantity:
        yield from conditions(tier)
        if tier.notice is not None:
            yield f"notice {tier.notice}", _number(tier.notice), tier.source
    for levy in rules.levies:
        if levy.volume_per_unit is not None:
            yield "volume per unit", _number(levy.volume_per_unit), levy.source
        for tariff in levy.tariffs:
            yield f"tariff {tariff.year}", tariff.per_unit, tariff.source
            yield f"tariff year {tariff.year}", Decimal(tariff.year), tariff.source
    for duty in rules.reporting:
        yield "reporting period", _number(duty.within), duty.source


NUMBERS = [
    pytest.param(source, number, id=f"{rules.name}: {what}")
    for rules in RULESETS
    for what, number, source in _numbers(rules)
]


def test_the_number_reader() -> None:
    assert numbers_in("ten hoogste 0,2 microgram per liter") >= {Decimal("0.2")}
    assert numbers_in("per 1.000m3 geloosd water") >= {Decimal(1000)}
    assert numbers_in("In 2021 bedraagt 1 ve € 60,10.") >= {Decimal("60.10"), Decimal(2021)}
    assert numbers_in("Naftaleen | 0,2 μg/l |") >= {Decimal("0.2")}
    assert numbers_in("ten minste vier weken voordat") >= {Decimal(4)}
    assert Decimal("0.4") not in numbers_in("| Cadmium  | 4 microgram per liter  |")
    assert Decimal(20) not in numbers_in("| Onopgeloste stoffen  | 50 milligram per liter  |")


@pytest.mark.parametrize(("source", "number"), NUMBERS)
def test_every_number_is_in_its_quote(source: RuleSource, number: Decimal) -> None:
    assert source.quote, source
    assert number in numbers_in(source.quote), (number, source.quote)
    assert source.document
    assert source.article
    assert (source.address or "").startswith("https://"), source


def test_every_packaged_source_can_be_opened() -> None:
    """Every rule of every packaged ruleset and part names an address (and words)."""

    def sources(rules: Any) -> Iterator[RuleSource]:
        for entry in (
            *getattr(rules, "receivers", ()),
            *getattr(rules, "quality", ()),
            *getattr(rules, "quantity", ()),
            *getattr(rules, "levies", ()),
            *getattr(rules, "reporting", ()),
            *getattr(rules, "assumptions", ()),
        ):
            yield entry.source
            yield from (t.source for t in getattr(entry, "tariffs", ()))

    for rules in (*RULESETS, *PARTS):
        for source in sources(rules):
            assert (source.address or "").startswith("https://"), (rules.name, source)
            assert source.quote, (rules.name, source)


def test_a_number_not_in_its_quote_is_found() -> None:
    """The check fails where it should: a limit whose quote holds another number."""
    rule = packaged_ruleset("brabantse_delta").quality_in_effect[1]
    condition = Condition(
        parameter="iron", comparison=wb.discharge.Comparison.AT_MOST, limit="6 mg/l"
    )
    source = condition.source_in(rule.source)
    assert Decimal(6) not in numbers_in(source.quote or "")


# -- what is packaged -------------------------------------------------------------------------


def test_at_least_five_water_boards_are_packaged() -> None:
    boards = {rules.water_board for rules in RULESETS}
    assert len(boards) >= 5
    for rules in RULESETS:
        assert rules.name
        assert rules.water_board
        assert isinstance(rules.valid_from, dt.date)
        assert rules.valid_to is None or isinstance(rules.valid_to, dt.date)
        assert rules.sources
        assert packaged_ruleset(rules.name) is rules


def test_versions_end_where_the_decrees_were_repealed() -> None:
    for rules in RULESETS:
        first, *later = rules.versions
        assert first.valid_to == dt.date(2023, 12, 31), rules.name
        assert [v.valid_from for v in later] == [dt.date(2024, 1, 1)], rules.name


def test_nothing_of_2021_is_carried_into_2024() -> None:
    """A rule applies only in the version its day falls in."""
    rules = wb.discharge.default_ruleset()
    on = dt.date(2026, 3, 1)
    assert rules.quality_rule(D, SW, dt.date(2021, 3, 1)) is not None
    assert rules.quality_rule(D, SW, on) is None
    assert rules.quantity_tiers(SW, on) == ()
    assert rules.levy_rules(on) == ()
    assert rules.reporting_rules(on) == ()
    assert rules.receiver_rule(SOIL, on) is None


# -- done when: a discharge starting in 2026 or 2021 --------------------------------------------


def _dewatering(start: str, **kw: Any) -> wb.DischargeActivity:
    return wb.DischargeActivity(
        origin="bronnering",
        receiver="oppervlaktewater",
        flow="20 m3/h",
        duration="3 weken",
        suspended_solids="30 mg/l",
        start=start,
        **kw,
    )


def test_a_2026_dewatering_discharge_says_no_rule_is_known_since_2024_and_why() -> None:
    result = wb.assess(_dewatering("2026-05-04"))
    assert result.allowed is None
    assert result.version is not None
    assert result.version.name == "2024"
    assert result.missing == ()
    assert result.water_board_obligation is None
    assert result.levy() is None
    quality = next(str(g) for g in result.gaps if g.topic == "quality")
    assert quality.startswith("quality: no rule in force on 2026-05-04 is known to this ruleset")
    assert "afdeling 2.2" in quality
    assert "repealed on 2024-01-01" in quality
    assert result.trace[0].rule == "ruleset"
    assert "version 2024" in result.trace[0].outcome
    # the authority for surface water is known since 2024: the rules are the board's own
    assert result.authority is wb.Authority.WATER_BOARD
    text = result.explain()
    assert "Unknown: quality: no rule in force on 2026-05-04" in text
    assert "Activiteitenbesluit" not in result.trace[1].outcome


def test_a_2021_dewatering_discharge_cites_the_activiteitenbesluit() -> None:
    result = wb.assess(_dewatering("2021-05-03"))
    assert result.allowed is True
    assert result.version is not None
    assert result.version.name == "2021"
    assert result.gaps == ()
    quality = [e for e in result.trace if e.rule == "quality"]
    assert quality
    assert all(
        "Activiteitenbesluit milieubeheer art. 3.2" in (e.source.article or "")
        for e in quality
        if e.source
    )


def test_a_discharge_across_the_change_of_version_is_unknown_and_says_why() -> None:
    result = wb.assess(_dewatering("2023-12-20"))
    assert result.activity.end_day == dt.date(2024, 1, 9)
    assert (result.allowed, result.authority, result.water_board_obligation) == (None, None, None)
    assert result.levy() is None
    assert result.report_deadline is None
    assert result.version is None
    (gap,) = result.gaps
    why = str(gap)
    assert why.startswith("the discharge runs from 2023-12-20 to 2024-01-09")
    assert "version 2021 (2021-01-01 – 2023-12-31)" in why
    assert "version 2024 (from 2024-01-01)" in why
    before = wb.assess(_dewatering("2023-12-11"))  # ends on 2023-12-31
    assert before.allowed is True


def test_a_start_no_version_covers_is_unknown_and_says_why() -> None:
    result = wb.assess(_dewatering("2020-11-01"))
    assert result.allowed is None
    (gap,) = result.gaps
    assert str(gap) == (
        "no version of the rules covers 2020-11-01 (the brabantse_delta rules cover "
        "2021-01-01 – 2023-12-31; from 2024-01-01)"
    )


# -- done when: soil remediation into surface water -----------------------------------------------

TABLE_2_2 = {
    "naphthalene": "0,2 µg/l",
    "pah": "1 µg/l",
    "mineral_oil": "50 µg/l",
    "cadmium": "0,4 µg/l",
    "mercury": "0,1 µg/l",
    "copper": "1,1 µg/l",
    "nickel": "4,1 µg/l",
    "lead": "5,3 µg/l",
    "zinc": "12 µg/l",
    "chromium": "2,4 µg/l",
    "suspended_solids": "20 mg/l",
    "benzene": "2 µg/l",
    "toluene": "7 µg/l",
    "ethylbenzene": "4 µg/l",
    "xylene": "4 µg/l",
    "tetrachloroethene": "3 µg/l",
    "trichloroethene": "20 µg/l",
    "dichloroethene_1_2": "20 µg/l",
    "trichloroethane_1_1_1": "20 µg/l",
    "vinyl_chloride": "8 µg/l",
}
TABLE_2_1 = {
    "naphthalene": "0,2 µg/l",
    "pah": "1 µg/l",
    "btex": "50 µg/l",
    "volatile_organohalogens": "20 µg/l",
    "aromatic_organohalogens": "20 µg/l",
    "mineral_oil": "500 µg/l",
    "cadmium": "4 µg/l",
    "mercury": "1 µg/l",
    "copper": "11 µg/l",
    "nickel": "41 µg/l",
    "lead": "53 µg/l",
    "zinc": "120 µg/l",
    "chromium": "24 µg/l",
    "suspended_solids": "50 mg/l",
}


def _remediation(designated: bool | None, start: str = "2026-03-02", **measurements: str) -> Any:
    return wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="2 weken",
        measurements=measurements,
        designated_water_body=designated,
        start=start,
    )


def test_the_packaged_tables_are_those_of_the_issue() -> None:
    rules = wb.discharge.default_ruleset()
    on = dt.date(2026, 3, 2)
    for designated, table in ((False, TABLE_2_2), (True, TABLE_2_1)):
        rule = rules.quality_rule(S, SW, on, designated)
        assert rule is not None
        limits = {c.parameter: c.limit for c in rule.conditions}
        assert limits == {k: wb.concentration(v) for k, v in table.items()}


def test_remediation_into_a_non_designated_water_body_at_every_limit_of_table_2_2() -> None:
    result = wb.assess(_remediation(False, **TABLE_2_2))
    assert result.allowed is True
    assert result.violations == ()
    assert result.version is not None
    assert result.version.name == "2024"
    sources = {e.source.article for e in result.trace if e.rule == "quality" and e.source}
    assert any("tabel 2.2" in (a or "") for a in sources)
    # the rows of table 2.2 that could not be read are said, with every such verdict
    assert any("breaks off at 'So'" in c for c in result.caveats)
    assert "Caution:" in result.explain()


def test_21_mg_of_suspended_solids_is_not_allowed_there() -> None:
    result = wb.assess(_remediation(False, **{**TABLE_2_2, "suspended_solids": "21 mg/l"}))
    assert result.allowed is False
    (violation,) = result.violations
    assert violation.parameter == "suspended_solids"
    assert "tabel 2.2" in (violation.source.article or "")
    assert "Onopgeloste stoffen | 20 mg/l |" in (violation.source.quote or "")


def test_a_designated_water_body_allows_up_to_50_mg() -> None:
    at_limit = wb.assess(_remediation(True, **TABLE_2_1))
    assert at_limit.allowed is True
    beyond = wb.assess(_remediation(True, **{**TABLE_2_1, "suspended_solids": "50,5 mg/l"}))
    assert beyond.allowed is False
    assert [v.parameter for v in beyond.violations] == ["suspended_solids"]


def test_without_designated_water_body_it_is_undecided_and_says_so() -> None:
    result = wb.assess(_remediation(None, **TABLE_2_2))
    assert result.allowed is None
    assert result.missing == ("designated_water_body",)
    assert "Missing: designated surface water body" in result.explain()
    assert "Ontbreekt: aangewezen oppervlaktewaterlichaam" in result.explain("nl")
    assert any("designated (aangewezen)" in e.outcome for e in result.trace)
    assert any(e.message == "quality.needs_designation" for e in result.trace)


def test_the_same_in_assess_many() -> None:
    rows = [
        (False, TABLE_2_2),
        (False, {**TABLE_2_2, "suspended_solids": "21 mg/l"}),
        (True, TABLE_2_1),
        (True, {**TABLE_2_1, "suspended_solids": "50,5 mg/l"}),
        (None, TABLE_2_2),
    ]
    names = sorted({k for _, table in rows for k in table})
    columns = {name: [table.get(name) for _, table in rows] for name in names}
    result = assess_many(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="2 weken",
        start="2026-03-02",
        designated_water_body=[d for d, _ in rows],
        measurements=columns,
    )
    assert result.allowed.tolist() == [True, False, True, False, None]
    assert result.violations["suspended_solids"].tolist() == [False, True, False, True, False]
    assert result.missing["designated_water_body"].tolist() == [False] * 4 + [True]
    assert [v.name for v in result.version] == ["2024"] * 5
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "origin": "bodemsanering",
            "receiver": "oppervlaktewater",
            "flow_m3_per_h": 5.0,
            "duration_weeks": 2.0,
            "start": "2026-03-02",
            "designated_water_body": [False, False, None],
            "suspended_solids_mg_per_l": [20.0, 21.0, 20.0],
            **{
                f"{name}_ug_per_l": float(text.split()[0].replace(",", "."))
                for name, text in TABLE_2_2.items()
                if name != "suspended_solids"
            },
        }
    )
    assert assess_many(frame).allowed.tolist() == [True, False, None]


# -- tables 3.1a/3.1b and the sum rule before 2024 ------------------------------------------------

TABLE_3_1B = {
    **TABLE_2_2,
    "monochlorobenzene": "7 µg/l",
    "dichlorobenzenes": "3 µg/l",
    "trichlorobenzenes": "1 µg/l",
}
FIVE = (
    "tetrachloroethene",
    "trichloroethene",
    "dichloroethene_1_2",
    "trichloroethane_1_1_1",
    "vinyl_chloride",
)


def _sum_case(**five: str) -> wb.Assessment:
    values = {**TABLE_3_1B, **dict.fromkeys(FIVE, "0 µg/l"), **five}
    activity = wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="2 weken",
        measurements={k: v for k, v in values.items() if v is not None},
        designated_water_body=False,
        visual_pollution=False,
        start="2022-03-01",
    )
    return wb.assess(activity)


def test_the_sum_of_the_five_chlorinated_solvents_before_2024() -> None:
    assert _sum_case().allowed is True
    # each of the five at its own limit: 71 µg/l together, above the sum's 20 µg/l
    every = _sum_case(**{k: TABLE_3_1B[k] for k in FIVE})
    assert every.allowed is False
    assert [v.parameter for v in every.violations] == ["chlorinated_solvents_sum"]
    (violation,) = every.violations
    assert "Som van de vijf hier bovenstaande stoffen" in (violation.source.quote or "")
    assert violation.value == wb.concentration("71 µg/l")
    # exactly at the sum, in any units: 0.003 mg/l + 9 µg/l + 8 µg/l = 20 µg/l
    exact = _sum_case(
        tetrachloroethene="0,003 mg/l", trichloroethene="9 µg/l", vinyl_chloride="8 µg/l"
    )
    assert exact.allowed is True
    over = _sum_case(
        tetrachloroethene="0,0030001 mg/l", trichloroethene="9 µg/l", vinyl_chloride="8 µg/l"
    )
    assert over.allowed is False
    # a part unknown: undecided, unless the known parts already exceed the sum
    unknown = _sum_case(trichloroethene="9 µg/l", vinyl_chloride=None)  # type: ignore[arg-type]
    assert unknown.allowed is None
    assert unknown.missing == ("vinyl_chloride",)
    above = _sum_case(trichloroethene="19 µg/l", tetrachloroethene="2 µg/l", vinyl_chloride=None)  # type: ignore[arg-type]
    assert above.allowed is False


def test_the_sum_rule_in_assess_many_agrees() -> None:
    cases = [
        {},
        {k: TABLE_3_1B[k] for k in FIVE},
        {
            "tetrachloroethene": "0,003 mg/l",
            "trichloroethene": "9 µg/l",
            "vinyl_chloride": "8 µg/l",
        },
        {
            "tetrachloroethene": "0,0030001 mg/l",
            "trichloroethene": "9 µg/l",
            "vinyl_chloride": "8 µg/l",
        },
        {"trichloroethene": "9 µg/l", "vinyl_chloride": None},
        {"trichloroethene": "19 µg/l", "tetrachloroethene": "2 µg/l", "vinyl_chloride": None},
    ]
    singles = [_sum_case(**case) for case in cases]  # type: ignore[arg-type]
    values = [{**TABLE_3_1B, **dict.fromkeys(FIVE, "0 µg/l"), **case} for case in cases]
    names = sorted(values[0])
    result = assess_many(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="2 weken",
        start="2022-03-01",
        designated_water_body=False,
        visual_pollution=False,
        measurements={name: [row.get(name) for row in values] for name in names},
    )
    assert result.allowed.tolist() == [s.allowed for s in singles]
    assert result.violations["chlorinated_solvents_sum"].tolist() == [
        any(v.parameter == "chlorinated_solvents_sum" for v in s.violations) for s in singles
    ]
    assert result.missing["vinyl_chloride"].tolist() == [
        "vinyl_chloride" in s.missing for s in singles
    ]


def test_table_3_1a_applies_to_a_rainwater_sewer_before_2024_only() -> None:
    def rain(start: str, **measurements: str) -> wb.Assessment:
        return wb.assess(
            wb.DischargeActivity(
                origin="bodemsanering",
                receiver="hemelwaterafvoer",
                flow="5 m3/h",
                duration="1 week",
                measurements=measurements,
                visual_pollution=False,
                start=start,
            )
        )

    assert rain("2022-03-01", **TABLE_2_1).allowed is True
    assert rain("2022-03-01", **{**TABLE_2_1, "zinc": "121 µg/l"}).allowed is False
    since = rain("2024-03-01", **TABLE_2_1)
    assert since.allowed is None
    assert any("sewers since 2024 were not found" in str(g) for g in since.gaps)


# -- measurements ---------------------------------------------------------------------------------


def test_measurements_take_dutch_names_and_the_fields_are_measurements_too() -> None:
    activity = wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="1 m3/h",
        duration="1 uur",
        suspended_solids="12 mg/l",
        measurements={"Naftaleen": "0,1 μg/l", "minerale olie": "40 µg/l", "PAK's": "0,5 µg/l"},
    )
    assert set(activity.measurements) == {"suspended_solids", "naphthalene", "mineral_oil", "pah"}
    assert activity.measurements["naphthalene"] == wb.concentration("0,1 µg/l")
    same = wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="1 m3/h",
        duration="1 uur",
        measurements={
            "onopgeloste stoffen": "12 mg/l",
            "naphthalene": "0,1 µg/l",
            "mineral_oil": "40 µg/l",
            "pah": "0,5 µg/l",
        },
    )
    assert same.suspended_solids == wb.concentration("12 mg/l")
    assert same == activity
    both = wb.DischargeActivity(
        origin="bronnering",
        receiver="oppervlaktewater",
        flow="1 m3/h",
        duration="1 uur",
        iron="5000 µg/l",
        measurements={"ijzer": "5 mg/l"},
    )
    assert both.iron == wb.concentration("5000 µg/l")


def test_contradicting_or_unknown_measurements_are_refused() -> None:
    base: dict[str, Any] = {
        "origin": "bronnering",
        "receiver": "oppervlaktewater",
        "flow": "1 m3/h",
        "duration": "1 uur",
    }
    with pytest.raises(wb.StructureError, match=r"\$\.measurements\.suspended_solids: expected"):
        wb.DischargeActivity(
            **base, suspended_solids="12 mg/l", measurements={"onopgeloste stoffen": "13 mg/l"}
        )
    with pytest.raises(wb.VocabularyError, match="expected a substance or measured parameter"):
        wb.DischargeActivity(**base, measurements={"chloride": "1 mg/l"})
    with pytest.raises(wb.VocabularyError, match="'naphthalene' twice"):
        wb.DischargeActivity(**base, measurements={"naftaleen": "1 µg/l", "naphthalene": "1 µg/l"})
    with pytest.raises(wb.UnitError, match=r"measurements\.naphthalene: expected a concentration"):
        wb.DischargeActivity(**base, measurements={"naphthalene": "1 m3/h"})
    with pytest.raises(wb.UnitError, match="bare number"):
        wb.DischargeActivity(**base, measurements={"naphthalene": 1.0})


def test_every_parameter_has_a_dutch_and_an_english_name() -> None:
    for key, parameter in wb.PARAMETER_TABLE.items():
        assert parameter.key == key
        assert parameter.name_en
        assert parameter.name_nl
    limited = {c.parameter for r in RULESETS for q in r.quality_in_effect for c in q.conditions}
    assert limited <= set(wb.PARAMETER_TABLE)
    assert set(wb.discharge.model.MEASUREMENTS) >= {
        "suspended_solids", "iron", "mineral_oil", "benzene", "vinyl_chloride", "cadmium",
        "mercury", "copper", "nickel", "lead", "zinc", "chromium", "naphthalene", "pah", "btex",
    }  # fmt: skip


# -- choosing a ruleset -------------------------------------------------------------------------


def test_a_ruleset_by_name_or_by_the_activitys_water_board() -> None:
    activity = _dewatering("2022-06-01", water_board="Waterschap De Dommel")
    by_board = wb.assess(activity)
    assert by_board.ruleset.name == "de_dommel"
    by_name = wb.assess(_dewatering("2022-06-01"), ruleset="de_dommel")
    assert by_name.water_board_obligation is by_board.water_board_obligation is wb.Obligation.NONE
    assert wb.assess(activity, ruleset="de_dommel").ruleset.name == "de_dommel"
    with pytest.raises(
        wb.RulesetError, match="expected the board of the ruleset 'brabantse_delta'"
    ):
        wb.assess(activity, ruleset="brabantse_delta")
    with pytest.raises(wb.RulesetError, match="expected a packaged ruleset"):
        wb.assess(_dewatering("2022-06-01"), ruleset="zuiderzeeland")
    with pytest.raises(wb.RulesetError, match="expected a water board with a packaged ruleset"):
        wb.assess(_dewatering("2022-06-01", water_board="Zuiderzeeland"))
    assert (
        wb.assess(_dewatering("2022-06-01", water_board="HDSR")).ruleset.name
        == "stichtse_rijnlanden"
    )


def test_assess_many_takes_a_ruleset_name_and_one_water_board() -> None:
    base: dict[str, Any] = {
        "origin": "bronnering",
        "receiver": "oppervlaktewater",
        "flow": ["20 m3/h", "60 m3/h"],
        "duration": "1 week",
        "suspended_solids": "10 mg/l",
        "start": "2022-06-01",
    }
    named = assess_many(**base, ruleset="de_dommel")
    assert [o.value for o in named.obligation] == ["none", "notification"]
    board = assess_many(**base, water_board=["De Dommel", None])
    assert board.obligation.tolist() == named.obligation.tolist()
    with pytest.raises(wb.StructureError, match="expected the rows of one water board"):
        assess_many(**base, water_board=["De Dommel", "Delfland"])


# -- the boards' own rules ---------------------------------------------------------------------


def test_de_dommel_thresholds_and_notice() -> None:
    def duty(flow: str) -> wb.Assessment:
        activity = wb.DischargeActivity(
            origin="bronnering", receiver="oppervlaktewater", flow=flow, duration="1 week",
            suspended_solids="10 mg/l", visual_pollution=False, start="2022-06-01",
            water_board="de_dommel",
        )  # fmt: skip
        return wb.assess(activity)

    assert duty("49,9 m3/h").water_board_obligation is wb.Obligation.NONE
    at_50 = duty("50 m3/h")
    assert at_50.water_board_obligation is wb.Obligation.NOTIFICATION
    assert at_50.notice == wb.duration("4 weken")
    assert at_50.notify_by == dt.date(2022, 5, 4)
    assert duty("100 m3/h").water_board_obligation is wb.Obligation.NOTIFICATION
    assert duty("100,1 m3/h").water_board_obligation is wb.Obligation.PERMIT
    assert duty("100,1 m3/h").notify_by is None


def test_rijn_en_ijssel_needs_the_share_of_the_receiving_water() -> None:
    def duty(flow: str, share: str | None = None) -> wb.Assessment:
        measurements = {"suspended_solids": "10 mg/l"}
        if share is not None:
            measurements["receiving_water_share"] = share
        return wb.assess(
            wb.DischargeActivity(
                origin="bronnering", receiver="oppervlaktewater", flow=flow, duration="1 week",
                measurements=measurements, start="2025-06-01", water_board="Rijn en IJssel",
            )
        )  # fmt: skip

    assert duty("100 m3/h", "10%").water_board_obligation is wb.Obligation.NOTIFICATION
    assert duty("100 m3/h", "30%").water_board_obligation is wb.Obligation.PERMIT
    assert duty("300 m3/h").water_board_obligation is wb.Obligation.PERMIT
    unknown = duty("100 m3/h")
    assert unknown.water_board_obligation is None
    assert "receiving_water_share" in unknown.missing
    uncovered = duty("250 m3/h", "10%")  # "minder dan 250" and "meer ... dan 250"
    assert uncovered.water_board_obligation is None
    assert any("none of the thresholds" in str(g) for g in uncovered.gaps)


def test_hollandse_delta_notice_of_24_hours() -> None:
    result = wb.assess(_dewatering("2025-03-10", water_board="Hollandse Delta"))
    assert result.allowed is None  # the rules for dewatering water since 2024: not found
    assert result.water_board_obligation is wb.Obligation.NOTIFICATION  # < 60 m3/h
    remediation = wb.assess(
        wb.DischargeActivity(
            origin="bodemsanering", receiver="oppervlaktewater", flow="10 m3/h",
            duration="1 week", measurements=TABLE_2_1, designated_water_body=True,
            start="2025-03-10", water_board="Hollandse Delta",
        )
    )  # fmt: skip
    assert remediation.allowed is True
    assert remediation.water_board_obligation is wb.Obligation.NOTIFICATION
    assert remediation.notify_by == dt.date(2025, 3, 9)
    assert remediation.levy_applies is True
    assert remediation.levy_kind is wb.LevyKind.POLLUTION
    with pytest.raises(wb.TariffNotFoundError, match="known years: none"):
        remediation.levy()


# -- levies as the law names them ---------------------------------------------------------------


def test_the_2021_levy_is_the_guidance_s_heffing_for_surface_water_and_sewers() -> None:
    result = wb.assess(_dewatering("2021-05-03"))
    assert result.levy_kind is wb.LevyKind.UNSPECIFIED
    assert result.levy_kind.label_nl == "heffing"
    assert any(
        "does not say whether the verontreinigingsheffing" in e.outcome for e in result.trace
    )
    assert result.levy() == Decimal("605.81")
    with pytest.raises(wb.TariffNotFoundError):
        result.levy(2022)


def test_de_dommel_keeps_the_two_levies_apart() -> None:
    rules = packaged_ruleset("de_dommel")
    assert rules.tariff(2024, "pollution_levy").per_unit == Decimal("64.68")
    assert rules.tariff(2025, "treatment_levy").per_unit == Decimal("74.76")
    assert rules.tariff(2022, "treatment_levy").per_unit == Decimal("53.04")
    for year in (2021, 2026):
        with pytest.raises(wb.TariffNotFoundError):
            rules.tariff(year, "pollution_levy")
    surface = wb.assess(_dewatering("2024-06-03"), ruleset=rules)
    assert surface.levy_kind is wb.LevyKind.POLLUTION
    assert surface.levy() is None  # the pollution units of groundwater are not stated
    assert "not in the sources" in surface.levy_basis()
    with pytest.raises(wb.TariffNotFoundError):
        surface.levy(2026)
    sewer = wb.assess(
        wb.DischargeActivity(origin="bronnering", receiver="vuilwaterriool", flow="1 m3/h",
                             duration="1 uur", start="2022-06-01"),
        ruleset=rules,
    )  # fmt: skip
    assert sewer.levy_kind is wb.LevyKind.TREATMENT
    rain = wb.assess(
        wb.DischargeActivity(origin="bronnering", receiver="hemelwaterafvoer", flow="1 m3/h",
                             duration="1 uur", suspended_solids="1 mg/l", iron="1 mg/l",
                             start="2022-06-01"),
        ruleset=rules,
    )  # fmt: skip
    assert rain.levy_applies is None
    assert any(
        "do not say whether dewatering water discharged into rainwater sewer" in str(g)
        for g in rain.gaps
    )
    assert any("zeggen niet of water van bronnering" in g.text("nl") for g in rain.gaps)


def test_rivierenland_levies_dewatering_water_into_surface_water_in_2024() -> None:
    activity = wb.DischargeActivity(
        origin="bronnering", receiver="oppervlaktewater", flow="10 m3/h", duration="100 uur",
        start="2024-05-06", water_board="rivierenland",
    )  # fmt: skip
    result = wb.assess(activity)
    assert result.levy_kind is wb.LevyKind.POLLUTION
    assert result.levy() == Decimal("68.51")  # 1000 m³: one pollution unit
    with pytest.raises(wb.TariffNotFoundError):
        result.levy(2025)
    sanering = wb.assess(attrs_evolve(activity, origin=wb.Origin.SOIL_REMEDIATION))
    assert sanering.levy_applies is None


def attrs_evolve(activity: wb.DischargeActivity, **changes: Any) -> wb.DischargeActivity:
    import attrs

    return attrs.evolve(activity, **changes)


def test_with_tariff_needs_the_kind_where_two_levies_are_in_force() -> None:
    rules = packaged_ruleset("de_dommel")
    with pytest.raises(wb.RulesetError, match="found pollution_levy, treatment_levy"):
        rules.with_tariff(2026, "80.00")
    changed = rules.with_tariff(2026, "80.00", kind="zuiveringsheffing")
    assert changed.tariff(2026, "treatment_levy").per_unit == Decimal("80.00")
    with pytest.raises(wb.TariffNotFoundError):
        changed.tariff(2026, "pollution_levy")
    with pytest.raises(wb.RulesetError, match="found none"):
        wb.discharge.default_ruleset().with_tariff(2026, "70.00")


def test_a_part_that_ends_before_the_version_cannot_be_included() -> None:
    data = wb.unstructure(packaged_ruleset("vechtstromen"))
    data["versions"][1]["include"].append({"part": "activiteitenbesluit_blbi"})
    with pytest.raises(wb.RulesetError, match="does not cover the version"):
        wb.discharge.load_ruleset(data)
    data["versions"][1]["include"] = [{"part": "no_such_part"}]
    with pytest.raises(wb.RulesetError, match="expected a packaged part"):
        wb.discharge.load_ruleset(data)


@pytest.mark.parametrize("rules", RULESETS, ids=[r.name for r in RULESETS])
def test_every_packaged_ruleset_round_trips(rules: Ruleset) -> None:
    assert wb.discharge.load_ruleset(wb.unstructure(rules)) == rules


def test_a_batch_across_the_versions_matches_assess() -> None:
    starts = ["2021-03-01", "2023-12-20", "2024-01-02", "2020-06-01", None]
    result = assess_many(
        origin="bronnering", receiver="oppervlaktewater", flow="20 m3/h",
        duration="3 weken", suspended_solids="30 mg/l", start=starts,
    )  # fmt: skip
    singles = [wb.assess(_dewatering(s)) if s else None for s in starts]
    expected = [s.allowed if s else None for s in singles]
    assert result.allowed.tolist() == expected == [True, None, None, None, None]
    assert [None if v is None else v.name for v in result.version] == [
        "2021",
        None,
        "2024",
        None,
        "2024",
    ]
    assert np.isnat(result.report_deadline[1:]).all()


def test_the_coverage_table_in_the_docs_is_what_the_rulesets_hold() -> None:
    from pathlib import Path

    from _coverage import HEADER, coverage_rows

    page = Path(__file__).resolve().parent.parent / "docs" / "explanation" / "rules-over-time.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("<!-- coverage:")
    body = text[text.index("\n", start) + 1 : text.index("<!-- end of coverage -->")]
    assert body.strip() == "\n".join([HEADER, *coverage_rows()])
