"""assess() decides from a compiled plan and writes its explanations when they are read:
the same Assessment, field by field, as the steps give when they write everything at once."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import waterbeleid as wb
from waterbeleid.discharge import default_ruleset, exact, load_ruleset
from waterbeleid.discharge.assess import _DECIDED, _EXPLANATIONS, Assessment, _assessed, _plan
from waterbeleid.discharge.model import FLAGS, MEASUREMENTS, PARAMETERS, Measurements
from waterbeleid.discharge.ruleset import Ruleset, packaged_ruleset, resolve
from waterbeleid.errors import UnitError

FIELDS = tuple(f.name for f in attrs.fields(Assessment) if not f.name.startswith("_"))


def _full(activity: wb.DischargeActivity, ruleset: Any = None) -> Assessment:
    """The assessment with every field written by the steps at once (the reference)."""
    rules = resolve(ruleset, activity.water_board)
    plan = _plan(rules, activity)
    return _assessed(activity, rules, plan, plan.quality)


def _fields(result: Assessment) -> dict[str, Any]:
    return {name: getattr(result, name) for name in FIELDS}


def _assert_same(fast: Assessment, full: Assessment) -> None:
    for name in FIELDS:
        assert getattr(fast, name) == getattr(full, name), name
    assert fast == full


def test_assess_sets_every_field_or_leaves_it_to_the_explanations() -> None:
    names = {f.name for f in attrs.fields(Assessment)}
    assert names == set(_DECIDED) | _EXPLANATIONS
    assert not set(_DECIDED) & _EXPLANATIONS


# -- the compiled decision against the steps, over the packaged rulesets ----------------------


def _days(rules: Ruleset) -> list[dt.date | dt.datetime | None]:
    """Start days in, at the edges of, before and across the versions (and none)."""
    days: list[dt.date | dt.datetime | None] = [None]
    for version in rules.versions:
        days += [version.valid_from, version.valid_from - dt.timedelta(days=1)]
        if version.valid_to is not None:
            days += [version.valid_to, version.valid_to - dt.timedelta(days=20)]
    days.append(dt.datetime(2023, 12, 31, 18, 0))
    return days


def _values(rules: Ruleset) -> dict[str, list[Any]]:
    """Per measured parameter: every limit of the ruleset on it, just below and above it,
    and written in another unit."""
    found: dict[str, list[Any]] = defaultdict(list)
    conditions = [c for rule in rules.quality_in_effect for c in rule.conditions]
    conditions += [c for tier in rules.quantity for c in tier.conditions]
    for condition in conditions:
        if condition.parameter in FLAGS:
            continue
        limit = condition.limit
        for name in condition.sum_of or (condition.parameter,):
            part = limit / len(condition.sum_of) if condition.sum_of else limit
            found[name] += [part, part * (1 + 1e-6), part * (1 - 1e-6)]
            if PARAMETERS[name] == "concentration":
                found[name].append(part.to("ug/l"))
    found["flow"] += [wb.flow("5000 l/h"), wb.flow("2,5 l/s")]
    found["duration"] += [wb.duration("8 weken"), wb.duration("36 uur"), wb.duration("400 dagen")]
    return found


RULESETS = list(wb.rulesets())
VALUES = {rules.name: _values(rules) for rules in RULESETS}
DAYS = {rules.name: _days(rules) for rules in RULESETS}


@st.composite
def _cases(draw: Any) -> tuple[wb.DischargeActivity, Ruleset]:
    rules = draw(st.sampled_from(RULESETS))
    values = VALUES[rules.name]

    def value(name: str) -> Any:  # by index: drawing from a list of quantities is slow
        choices = values.get(name, ())
        index = draw(st.integers(min_value=-1, max_value=len(choices) - 1))
        return None if index < 0 else choices[index]

    measured = {name: value(name) for name in MEASUREMENTS}
    activity = wb.DischargeActivity(
        origin=draw(st.sampled_from(list(wb.Origin))),
        receiver=draw(st.sampled_from(list(wb.Receiver))),
        flow=value("flow"),
        duration=value("duration"),
        visual_pollution=draw(st.sampled_from([None, True, False])),
        designated_water_body=draw(st.sampled_from([None, True, False])),
        start=draw(st.sampled_from(DAYS[rules.name])),
        measurements={k: v for k, v in measured.items() if v is not None},
    )
    return activity, rules


@settings(max_examples=1000, deadline=None)
@given(case=_cases())
def test_the_compiled_decision_is_the_steps_decision(case: Any) -> None:
    """Property: every field of assess() equals the steps' own, for any ruleset, case,
    day and values at, near and beyond the limits."""
    activity, rules = case
    _assert_same(wb.assess(activity, ruleset=rules), _full(activity, rules))


def test_cases_at_the_edges() -> None:
    """Dewatering and soil remediation, each version, designated or not, the sewers,
    a discharge that is not allowed, across a change of version, before the rules."""
    cases = [
        {
            "flow": "25 m3/h",
            "duration": "6 weken",
            "start": "2021-02-15",
            "suspended_solids": "18 mg/l",
        },
        {
            "flow": "25 m3/h",
            "duration": "6 weken",
            "start": "2024-03-15",
            "suspended_solids": "18 mg/l",
            "designated_water_body": False,
        },
        {
            "origin": "bodemsanering",
            "flow": "10 m3/h",
            "duration": "3 weken",
            "start": "2024-05-01",
            "designated_water_body": True,
            "measurements": {
                "naftaleen": "0,1 µg/l",
                "benzeen": "0,5 µg/l",
                "ijzer": "1 mg/l",
                "suspended_solids": "10 mg/l",
                "minerale olie": "50 µg/l",
            },
        },
        {
            "receiver": "vuilwaterriool",
            "flow": "4 m3/h",
            "duration": "504 uur",
            "suspended_solids": "30 mg/l",
            "start": "2021-06-01",
        },
        {
            "receiver": "vuilwaterriool",
            "flow": "8 m3/h",
            "duration": "36 uur",
            "start": "2021-03-01",
        },
        {"flow": "5 m3/h", "duration": "8 weken", "start": "2023-12-01"},
        {"flow": "5 m3/h", "duration": "1 week", "start": "2019-01-01"},
        {"flow": "5 m3/h", "duration": "1 week", "start": "2021-05-03T08:30"},
        {"flow": "5 m3/h", "duration": "1 week"},
    ]
    for fields in cases:
        fields = {"origin": "bronnering", "receiver": "oppervlaktewater", **fields}
        activity = wb.DischargeActivity(**fields)
        _assert_same(wb.assess(activity), _full(activity))


# -- the explanations, written when read -------------------------------------------------------


def _fresh() -> tuple[wb.DischargeActivity, Assessment]:
    activity = wb.DischargeActivity(
        origin="bronnering",
        receiver="vuilwaterriool",
        flow="6 m3/h",
        duration="2 weken",
        suspended_solids="120 mg/l",
        start="2021-06-01",
    )
    return activity, _full(activity)


@pytest.mark.parametrize("name", sorted(_EXPLANATIONS))
def test_each_explanation_is_written_when_first_read(name: str) -> None:
    activity, full = _fresh()
    result = wb.assess(activity)
    assert result._pending is not None  # not written yet
    assert getattr(result, name) == getattr(full, name)
    assert result._pending is None
    assert _fields(result) == _fields(full)


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda a: pickle.loads(pickle.dumps(a)), id="pickle"),
        pytest.param(copy.copy, id="copy"),
        pytest.param(copy.deepcopy, id="deepcopy"),
        pytest.param(attrs.evolve, id="evolve"),
        pytest.param(lambda a: attrs.evolve(a, allowed=None), id="evolve-changed"),
    ],
)
def test_an_assessment_not_yet_explained_copies_whole(use: Any) -> None:
    activity, full = _fresh()
    made = use(wb.assess(activity))
    expected = use(full)
    assert type(made) is Assessment
    assert made == expected
    assert made.trace == expected.trace
    assert made.violations == expected.violations


def test_texts_of_an_assessment_not_yet_explained() -> None:
    activity, full = _fresh()
    assert repr(wb.assess(activity)) == repr(full)
    assert wb.assess(activity)._repr_html_() == full._repr_html_()
    for language in ("en", "nl"):
        assert wb.assess(activity).explain(language) == full.explain(language)
        assert wb.assess(activity).to_dict(language=language) == full.to_dict(language=language)
    assert wb.assess(activity).levy_basis() == full.levy_basis()
    assert wb.assess(activity) == full
    assert full == wb.assess(activity)


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    result = wb.assess(_fresh()[0])
    with pytest.raises(AttributeError, match="no attribute 'tracee'"):
        result.tracee  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(result, "tracee")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.trace = ()  # type: ignore[misc]


def test_an_assessment_pickled_without_the_pending_slot_reads_and_pickles() -> None:
    _, full = _fresh()
    state = full.__getstate__()
    del state["_pending"]  # as pickled before the slot existed
    made = object.__new__(Assessment)
    made.__setstate__(state)
    assert made == full
    assert pickle.loads(pickle.dumps(made)) == full


def test_an_assessment_hashes_as_one_written_at_once() -> None:
    activity, full = _fresh()
    assert hash(wb.assess(activity)) == hash(full)


def test_an_assessment_built_by_hand_has_nothing_pending() -> None:
    _, full = _fresh()
    made = Assessment(**{name: getattr(full, name) for name in FIELDS})
    assert made._pending is None
    assert made == full


# -- the compiled plans, kept per ruleset object -----------------------------------------------


def _activity(**changes: Any) -> wb.DischargeActivity:
    fields = {
        "origin": "bronnering",
        "receiver": "oppervlaktewater",
        "flow": "20 m3/h",
        "duration": "3 weken",
        "suspended_solids": "30 mg/l",
        "start": "2021-05-03",
    }
    return wb.DischargeActivity(**{**fields, **changes})


def test_a_ruleset_loaded_from_its_file_decides_as_the_packaged_one() -> None:
    from importlib import resources

    path = resources.files("waterbeleid.discharge").joinpath("rules", "brabantse_delta.yaml")
    activities = [
        _activity(),
        _activity(suspended_solids="51 mg/l"),
        _activity(flow="200 m3/h"),
        _activity(receiver="vuilwaterriool", flow="4 m3/h"),
        _activity(start="2024-02-01", designated_water_body=True),
    ]
    for activity in activities:
        wb.assess(activity)  # the packaged ruleset's plans are compiled and kept
    with resources.as_file(path) as file:
        loaded = load_ruleset(file)
    assert loaded is not default_ruleset()
    for activity in activities:
        assert wb.assess(activity, ruleset=loaded) == wb.assess(activity)
        assert wb.assess(activity, ruleset=loaded) == _full(activity, loaded)


def _with_solids_limit(limit: str) -> Ruleset:
    data = wb.unstructure(default_ruleset())
    for rule in data["quality"]:
        for condition in rule.get("conditions") or ():
            if condition["parameter"] == "suspended_solids":
                condition["limit"] = limit
    data["name"] = f"solids_{limit.split()[0]}"
    return load_ruleset(data)


def test_a_ruleset_of_ones_own_gets_its_own_plans() -> None:
    activity = _activity(suspended_solids="40 mg/l")
    assert wb.assess(activity).allowed is True  # the packaged limit is 50 mg/l
    strict, lenient = _with_solids_limit("30 mg/l"), _with_solids_limit("60 mg/l")
    assert wb.assess(activity, ruleset=strict).allowed is False
    assert wb.assess(activity, ruleset=lenient).allowed is True
    assert wb.assess(activity, ruleset=strict).allowed is False  # and again, from its plan
    for rules in (strict, lenient):
        assert wb.assess(activity, ruleset=rules) == _full(activity, rules)


def test_a_ruleset_with_a_tariff_added_is_not_served_the_plans_before() -> None:
    activity = _activity(start="2021-05-03")
    rules = default_ruleset()
    before = wb.assess(activity, ruleset=rules)
    changed = rules.with_tariff(2021, "99.00", source="Tarievenbesluit")
    after = wb.assess(activity, ruleset=changed)
    assert after.levy_rule is not None
    assert before.levy_rule is not None
    assert after.levy_rule != before.levy_rule
    assert after.levy() != before.levy()
    assert after.levy() == _full(activity, changed).levy()
    assert wb.assess(activity, ruleset=rules).levy() == before.levy()


def test_the_volume_of_a_pollution_unit_is_the_rules_own() -> None:
    """The volume per pollution unit is kept per levy rule: a ruleset of one's own with
    another volume gets its own."""
    data = wb.unstructure(default_ruleset())
    data["levies"][0]["volume_per_unit"] = "500000 l"
    data["name"] = "half_units"
    halved = load_ruleset(data)
    activity = _activity()
    packaged = wb.assess(activity)
    own = wb.assess(activity, ruleset=halved)
    assert packaged.pollution_units() is not None
    assert own.pollution_units() == 2 * packaged.pollution_units()
    assert own.levy() == _full(activity, halved).levy()
    assert wb.assess(activity).pollution_units() == packaged.pollution_units()


def test_the_cases_kept_are_bounded(monkeypatch: Any) -> None:
    from waterbeleid.discharge import compiled

    monkeypatch.setattr(compiled, "_CASES_KEPT", 4)
    rules = _with_solids_limit("40 mg/l")
    for day in range(1, 12):
        activity = _activity(start=dt.date(2021, 3, day))
        assert wb.assess(activity, ruleset=rules) == _full(activity, rules)
        assert len(rules._compiled["cases"]) <= 4
    assert len(rules._compiled["deciders"]) == 1  # one case, one period


def test_limits_supplied_by_the_caller_are_applied_every_time() -> None:
    activity = _activity(
        origin="bodemsanering",
        receiver="bodem",
        measurements={"iron": "3 mg/l"},
        suspended_solids=None,
    )
    assert wb.assess(activity, limits={"iron": "2 mg/l"}).allowed is False
    assert wb.assess(activity, limits={"iron": "5 mg/l"}).allowed is True
    assert wb.assess(activity).allowed is None


# -- building a discharge: the quicker ways give what the general ones give ---------------------


@given(st.integers(min_value=-(2**60), max_value=2**60))
def test_whole_numbers_as_floats(number: int) -> None:
    """Property: the quick way for whole numbers agrees with the definition."""
    candidate = float(number)
    by_definition = candidate if Fraction(repr(candidate)) == number else None
    assert exact.float_for(Fraction(number)) == by_definition


@pytest.mark.parametrize("magnitude", [0, 25, 2**53, 2**53 + 1, 10**20])
def test_whole_magnitudes_are_measured_as_before(magnitude: int) -> None:
    q = wb.flow("1 m3/h")._REGISTRY.Quantity(magnitude, "m**3/h")
    number, unit = exact.measure(q)
    fraction = exact.decimal_value(magnitude)
    as_float = exact.float_for(fraction)
    assert number == (fraction if as_float is None else as_float)
    assert type(number) is (Fraction if as_float is None else float)
    assert (as_float is None) is (magnitude == 2**53 + 1)
    assert unit == exact.unit_key(q._units)


def test_measurements_merged_with_the_fields_as_if_given_together() -> None:
    activity = wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="1 m3/h",
        duration="1 uur",
        suspended_solids="12 mg/l",
        iron=wb.concentration("2 mg/l"),
        measurements={"minerale olie": "50 µg/l", "naftaleen": "0,1 µg/l"},
    )
    together = Measurements(
        {
            "naftaleen": "0,1 µg/l",
            "iron": "2 mg/l",
            "minerale olie": "50 µg/l",
            "suspended_solids": "12 mg/l",
        }
    )
    assert activity.measurements == together
    assert list(activity.measurements) == list(together)
    assert hash(activity.measurements) == hash(together)


def test_a_quantity_of_another_dimension_is_named_in_the_message() -> None:
    q = wb.flow("3 m3/h")
    with pytest.raises(UnitError, match=r"found '3 m³/h'"):
        wb.concentration(q)
    with pytest.raises(UnitError, match=r"found '3 m³/h'"):
        wb.DischargeActivity(origin="bronnering", receiver="bodem", flow=q, duration=q)


def test_a_duration_in_days_is_exact_per_kind_of_number() -> None:
    """A float and a Fraction that are equal as numbers may stand for different decimals."""
    binary = Fraction(0.1)  # the float's binary value, not 1/10
    days = wb.duration("1 dag")._REGISTRY.Quantity
    as_float = wb.DischargeActivity(
        origin="bronnering", receiver="bodem", flow=None, duration=days(0.1, "day")
    )
    as_binary = wb.DischargeActivity(
        origin="bronnering", receiver="bodem", flow=None, duration=days(binary, "day")
    )
    assert as_float.duration_in_days() == Fraction(1, 10)
    assert as_binary.duration_in_days() == binary
    assert packaged_ruleset("brabantse_delta") is default_ruleset()
    assert Decimal("0.1") == exact.to_decimal(as_float.duration_in_days())
