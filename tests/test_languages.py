"""Both languages, fully: the Dutch explanation has no English rule words, the English none of
the Dutch ones; durations in the unit of the rule; the command line's --lang."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from test_cli import run
from test_result_shape import example_assessments
from waterbeleid.discharge.trace import MESSAGES, TraceEntry
from waterbeleid.validation.schema import json_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Words of the rules in English that a Dutch text must not hold.
ENGLISH = (
    "allowed", "not allowed", "undecided", "unknown", "violated", "violates", "not met",
    "competent authority", "water board", "water_board", "municipality", "municipal",
    "consent", "levy", "notification", "permit", "prohibited", "missing", "instead",
    "source", "verdict", "discharge", "receiver", "flow", "duration", "suspended",
    "suspended_solids", "iron", "pollution", "visual", "weeks", "hours", "days", "yes", "no",
    "none", "assumed", "taken as", "report", "deadline", "surface water", "foul sewer",
    "rainwater", "soil", "dewatering", "remediation", "tier", "applies", "needed", "quality",
    "quantity", "reporting", "assumption", "true", "false", "the", "and", "with",
)  # fmt: skip
#: Words of the rules in Dutch that an English text must not hold.
DUTCH = (
    "toegestaan", "niet toegestaan", "onbekend", "onbeslist", "voldaan", "bevoegd gezag",
    "waterschap", "gemeente", "heffing", "meldingsplicht", "vergunningplicht",
    "toestemmingsvrij", "verbod", "verboden", "ontbreekt", "oordeel", "lozing", "ontvanger",
    "bron", "debiet", "duur", "onopgeloste", "ijzer", "weken", "uur", "dagen", "ja", "nee",
    "aangenomen", "bodem", "oppervlaktewater", "vuilwaterriool", "hemelwaterafvoer",
    "bronnering", "bodemsanering", "ten hoogste", "minder dan", "meer dan", "lozingseisen",
    "melden", "rapportage", "geen", "niet", "de", "het", "een", "en", "voor", "bij",
    "waterkwaliteit", "waterkwantiteit", "toestemming", "drempel", "opgegeven", "einde",
    "vervuilingseenheid", "vervuilingseenheden", "tarief", "aanname", "termijn", "zonder",
)  # fmt: skip


def words(language: str) -> re.Pattern[str]:
    found = ENGLISH if language == "nl" else DUTCH
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, found)) + r")(?![\w-])", re.I)


def sources_of(result: wb.Assessment) -> set[str]:
    found = {str(e.source) for e in result.trace if e.source is not None}
    found |= {str(v.source) for v in result.violations}
    found |= {str(v.source) for alt in result.alternatives for v in alt.violations}
    found |= {str(a.source) for a in result.assumptions}
    return found


def texts(result: wb.Assessment, language: str) -> str:
    """Everything an assessment says in *language*, without what it cites as written: the
    titles of its sources, the names of its ruleset and water board, and what it quotes (“…”:
    the notes of the sources, and the reasons, caveats and titles a ruleset writes)."""
    data = result.to_dict(language=language)
    said = [result.explain(language), result.levy_basis(language=language), data["levy_note"]]
    for key in ("violations", "alternatives", "assumptions"):
        said += [item["text"] for item in data[key]]
    said += [entry["outcome"] for entry in data["trace"]]
    said += [gap["text"] for gap in data["gaps"]]
    text = "\n".join(said)
    for source in sorted(sources_of(result), key=len, reverse=True):
        text = text.replace(source, "")
    text = text.replace(result.ruleset.name, "").replace(result.ruleset.water_board, "")
    text = re.sub(r"“[^”]*”", "", text)
    return "\n".join(
        line for line in text.splitlines() if not line.strip().startswith(("source:", "bron:"))
    )


def foreign(result: wb.Assessment, language: str) -> list[str]:
    return sorted({m.group(0).lower() for m in words(language).finditer(texts(result, language))})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_example_is_explained_in_one_language(language: str) -> None:
    for result in example_assessments():
        assert foreign(result, language) == [], result.explain(language)


def test_the_word_lists_find_what_they_look_for() -> None:
    result = example_assessments()[0]
    assert "toegestaan" in [m.lower() for m in words("en").findall(result.explain("nl"))]
    assert "allowed" in [m.lower() for m in words("nl").findall(result.explain("en"))]
    assert "water board" in [m.lower() for m in words("nl").findall(result.explain("en"))]


def test_dutch_names_parameters_authorities_duties_comparisons_and_units() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="25 m3/h",
            duration="6 weken",
            suspended_solids="60 mg/l",
            start="2021-02-15",
        )
    )
    dutch = result.explain("nl")
    assert dutch.splitlines()[0] == "Oordeel: niet toegestaan"
    assert "onopgeloste stoffen ten hoogste 50 mg/l: niet voldaan" in dutch
    assert "Bevoegd gezag: waterschap" in dutch
    assert "Waterschap: verbod" in dutch
    assert "(onopgeloste stoffen=60 mg/l)" in dutch
    english = result.explain("en")
    assert english.splitlines()[0] == "Verdict: not allowed"
    assert "suspended solids <= 50 mg/l: violated" in english
    assert "Competent authority: water board" in english
    allowed = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="oppervlaktewater",
            flow="25 m3/h",
            duration="6 weken",
            suspended_solids="18 mg/l",
            start="2021-02-15",
        )
    )
    assert "Waterschap: meldingsplicht" in allowed.explain("nl")
    assert "debiet ten hoogste 100 m³/h: meldingsplicht" in allowed.explain("nl")
    assert "flow <= 100 m³/h: notification" in allowed.explain("en")


@pytest.mark.parametrize(
    ("duration", "nl", "en"),
    [
        ("504 uur", "duur=504 uur (3 weken)", "duration=504 h (3 weeks)"),
        ("3 weken", "duur=3 weken", "duration=3 weeks"),
        ("500 uur", "duur=500 uur (≈ 2,98 weken)", "duration=500 h (≈ 2.98 weeks)"),
        ("21 dagen", "duur=21 dagen (3 weken)", "duration=21 days (3 weeks)"),
        ("1 week", "duur=1 week", "duration=1 week"),
    ],
)
def test_durations_are_shown_in_the_unit_of_the_rule(duration: str, nl: str, en: str) -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="vuilwaterriool",
            flow="4 m3/h",
            duration=duration,
            suspended_solids="100 mg/l",
            start="2021-03-01",
        )
    )
    assert nl in result.explain("nl")
    assert en in result.explain("en")
    assert "duur ten hoogste 8 weken" in result.explain("nl")
    assert "duration <= 8 weeks" in result.explain("en")


def test_a_violation_shows_the_value_in_the_unit_of_its_limit() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="vuilwaterriool",
            flow="1,5 l/s",
            duration="10 weken",
            suspended_solids="100 mg/l",
            start="2021-03-01",
        )
    )
    texts = [v.text("nl").split(" (Waterschap")[0] for v in result.violations]
    assert texts == [
        "duur: 10 weken voldoet niet aan de eis ten hoogste 8 weken",
        "debiet: 1,5 l/s (5,4 m³/h) voldoet niet aan de eis ten hoogste 5 m³/h",
    ]
    assert str(result.violations[1]).startswith("flow: 1.5 l/s (5.4 m³/h) violates <= 5 m³/h (")


def test_every_message_has_both_languages_and_the_same_fields() -> None:
    import string

    for key, (english, dutch) in MESSAGES.items():
        fields_en = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        fields_nl = {f for _, f, _, _ in string.Formatter().parse(dutch) if f}
        assert fields_en == fields_nl, key
        assert english, key
        assert dutch, key


def test_trace_entries_keep_facts_and_write_either_language() -> None:
    result = wb.assess(
        wb.DischargeActivity(
            origin="bronnering",
            receiver="vuilwaterriool",
            flow="4 m3/h",
            duration="504 uur",
            suspended_solids="30 mg/l",
            start="2021-03-01",
        )
    )
    entry = next(e for e in result.trace if e.message == "quality.met")
    assert isinstance(entry, TraceEntry)
    assert entry.outcome == entry.text("en") == "duration <= 8 weeks: met"
    assert entry.text("nl") == "duur ten hoogste 8 weken: voldaan"
    assert entry.inputs == (("duration", "504 h (3 weeks)"),)
    facts = entry.to_dict("nl")
    assert facts["inputs"] == {"duration": "504 uur"}
    assert facts["facts"] == {"condition": "duration <= 8 weken"}
    reporting = next(e for e in result.trace if e.rule == "reporting")
    assert "uiterlijk 2021-04-04" in reporting.text("nl")
    assert (
        "2021-03-01 + ⌈504 uur / 24 uur⌉ − 1 dagen" in dict(reporting.shown_inputs("nl"))["einde"]
    )
    with pytest.raises(ValueError, match="'en' or 'nl'"):
        result.explain("de")
    with pytest.raises(ValueError, match="'en' or 'nl'"):
        result.to_dict(language="fr")


def test_command_line_explains_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "discharges.csv"), "--lang", "nl")
    assert code == 0
    assert "# 0 (BD-2021-001)\nOordeel: toegestaan" in out
    assert "heffing: € 17,31 (0,288 vervuilingseenheden x € 60,10 (tarief van 2021))" in out
    assert "heffing: geen heffing: de lozing is niet toegestaan" in out
    code, out, _ = run(capsys, "assess", str(EXAMPLES / "discharges.csv"))
    assert "levy: EUR 17.31 (0.288 pollution units x EUR 60.10 (tariff of 2021))" in out
    assert run(capsys, "assess", str(EXAMPLES / "discharges.csv"), "--lang", "fr")[0] == 2


# -- a generated variety of discharges -----------------------------------------------------

FLOWS = ("m3/h", "l/s", "l/h", "m3 per uur")
ASSESSMENT_SCHEMA = jsonschema.Draft202012Validator(
    json_schema("assessment"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
DURATIONS = ("uur", "dagen", "weken", "minuten")


#: Substances of tables 3.1a/3.1b and 2.1/2.2, with values around their limits (µg/l).
SUBSTANCES = {
    "naftaleen": (0.1, 0.2, 0.3),
    "PAK's": (0.5, 1.0, 2.0),
    "minerale olie": (40, 50, 500),
    "benzeen": (1, 2, 3),
    "tetrachlooretheen": (1, 3, 5),
    "vinylchloride": (1, 5, 9),
    "lood": (10, 20, 60),
    "zink": (50, 200, 500),
}
BOARDS = (None, "Waterschap De Dommel", "Hollandse Delta", "rijn_en_ijssel", "delfland")


@st.composite
def activities(draw: Any) -> tuple[wb.DischargeActivity, dict[str, str] | None]:
    concentration = st.none() | st.integers(0, 600).map(lambda n: f"{n} mg/l")
    origin = draw(st.sampled_from(list(wb.Origin)))
    receiver = draw(st.sampled_from(list(wb.Receiver)))
    flow_unit, duration_unit = draw(st.sampled_from(FLOWS)), draw(st.sampled_from(DURATIONS))
    measured = draw(
        st.dictionaries(
            st.sampled_from(sorted(SUBSTANCES)),
            st.integers(0, 2),
            max_size=len(SUBSTANCES),
        )
    )
    share = draw(st.none() | st.sampled_from(["10%", "30%"]))
    measurements: dict[str, str] = {k: f"{SUBSTANCES[k][i]} µg/l" for k, i in measured.items()}
    if share is not None:
        measurements["receiving_water_share"] = share
    activity = wb.DischargeActivity(
        origin=origin,
        receiver=receiver,
        flow=draw(st.none() | st.integers(0, 200).map(lambda n: f"{n} {flow_unit}")),
        duration=draw(st.none() | st.integers(0, 2000).map(lambda n: f"{n} {duration_unit}")),
        suspended_solids=draw(concentration),
        iron=draw(concentration),
        visual_pollution=draw(st.none() | st.booleans()),
        start=draw(st.none() | st.dates(dt.date(2019, 6, 1), dt.date(2026, 12, 31))),
        measurements=measurements,
        designated_water_body=draw(st.none() | st.booleans()),
        water_board=draw(st.sampled_from(BOARDS)),
    )
    limits = None
    if origin is wb.Origin.SOIL_REMEDIATION and receiver is wb.Receiver.SOIL:
        limits = draw(st.none() | st.just({"suspended_solids": "20 mg/l", "iron": "2 mg/l"}))
    return activity, limits


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities())
def test_a_variety_of_discharges_is_explained_in_one_language(
    case: tuple[wb.DischargeActivity, dict[str, str] | None],
) -> None:
    activity, limits = case
    try:
        result = wb.assess(activity, limits=limits)
    except wb.RulesetError:  # limits where the rules in force give their own
        assert limits is not None
        result = wb.assess(activity)
    assert foreign(result, "nl") == [], result.explain("nl")
    assert foreign(result, "en") == [], result.explain("en")
    assert [e.message for e in ASSESSMENT_SCHEMA.iter_errors(result.to_dict())] == []
