"""Benchmarks of waterbeleid: run ``python benchmarks/run.py`` (``--smoke`` for a quick pass).

Prints, in one run, each figure with its target (those of issue 15) and whether it is met:

1. ``assess_many`` on 1,000,000 rows (with 25 substances, designated and other water
   bodies, start days in both versions of the rules and across their change) against a
   hand-written numpy expression of the same rules that computes the same columns (the
   floor), and their ratio; then the levy in euros for those rows
   (``BatchAssessment.levy()``, one ``Decimal`` per row);
2. per-object ``assess()`` throughput, on activities built beforehand; then building each
   activity from the strings of a form or a CSV row and assessing it, against assessing
   the prebuilt ones, and their ratio (quantity texts are parsed once and cached);
3. structuring 100,000 action-line records through ``waterbeleid.serialize.structure``
   against an equivalent pydantic v2 model (when pydantic is installed), and their ratio;
4. ``import waterbeleid`` and the first use of the packaged action plan
   (``wb.catalogue.vito_action_plan()``) in fresh interpreters, against
   ``import attrs, cattrs, pint``, and which of pint and numpy each loads.
5. the analyst's layer on the packaged datasets: the tables as records and DataFrames,
   a query, the agenda as iCalendar, the Excel workbook and the timeline picture;
6. building discharges from form strings and assessing them, against assessing prebuilt ones;
7. the command line on a register, as a data steward runs it: ``waterbeleid validate`` and
   ``waterbeleid assess --format csv -o out.csv`` on a generated CSV of discharges (the
   columns of examples/discharges.csv) of 100,000 and 1,000,000 rows (``--cli-rows``), each
   against ``pandas.read_csv`` of the same file (left out without pandas), with its rows
   per second and its peak memory, and against its I/O floor: reading the register's rows
   with the ``csv`` module and writing the command's output again, which no command in
   Python can go below.

Then the machine and a Markdown table of every figure, for benchmarks/README.md.

Timings are the best of a few runs (structuring: rounds that alternate waterbeleid and
pydantic); fresh interpreters give the median of several, less the start-up of an empty
one, with the package's bytecode cached as an installed package has it. ``--smoke`` runs
every benchmark on tiny sizes in a few seconds and skips, with a note, what is not
installed; its figures are not compared with the targets.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from typing import Any

import numpy as np

import waterbeleid as wb
from waterbeleid.discharge import assess_many, default_ruleset


def timed(func: Callable[[], Any]) -> float:
    """The wall time of one call, in seconds."""
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def best_of(repeat: int, func: Callable[[], Any]) -> float:
    """The fastest of *repeat* runs, in seconds."""
    return min(timed(func) for _ in range(repeat))


# -- reporting ----------------------------------------------------------------------------------

#: Every figure of the run: (what, figure, target, met), for the closing table.
ROWS: list[tuple[str, str, str, str]] = []
SMOKE = False


def report(what: str, figure: str, target: str = "", met: bool | None = None) -> None:
    """Print one figure with its target and whether it is met, and keep it for the table."""
    verdict = "" if met is None or SMOKE else ("yes" if met else "**no**")
    ROWS.append((what, figure, target, verdict))
    line = f"{what:<62} {figure:>12}"
    if target:
        line += f"   target {target:<12} {verdict.strip('*')}"
    print(line.rstrip(), flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1e3:,.1f} ms"


def machine() -> str:
    """The machine and the versions that the figures depend on."""
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = cpu or next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                "",
            )
    except OSError:
        pass
    try:
        memory = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (AttributeError, ValueError, OSError):
        memory = ""
    versions = []
    for name in ("numpy", "pint", "attrs", "cattrs", "PyYAML", "pandas", "pydantic"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{name} {metadata.version(name)}")
    load = ""
    if hasattr(os, "getloadavg"):
        load = "; load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {cpu or platform.machine()} ({platform.machine()}){memory}, "
        f"{platform.system()}; Python {platform.python_version()}, waterbeleid "
        f"{wb.__version__}, {', '.join(versions)}{load}"
    )


def table() -> str:
    """The figures of the run as a Markdown table."""
    lines = ["| benchmark | figure | target | met |", "|---|---|---|---|"]
    lines += [
        f"| {what} | {figure} | {target or '—'} | {met} |" for what, figure, target, met in ROWS
    ]
    return "\n".join(lines)


# -- 1. assess_many against the numpy floor ---------------------------------------------------


#: The substances of the remediation tables (3.1a/3.1b, 2.1/2.2), with values to draw from
#: (µg/l): up to about twice their largest limit.
SUBSTANCES: dict[str, float] = {
    "naphthalene": 0.4,
    "pah": 2.0,
    "btex": 100.0,
    "volatile_organohalogens": 40.0,
    "aromatic_organohalogens": 40.0,
    "mineral_oil": 1000.0,
    "cadmium": 8.0,
    "mercury": 2.0,
    "copper": 22.0,
    "nickel": 82.0,
    "lead": 106.0,
    "zinc": 240.0,
    "chromium": 48.0,
    "benzene": 4.0,
    "toluene": 14.0,
    "ethylbenzene": 8.0,
    "xylene": 8.0,
    "tetrachloroethene": 6.0,
    "trichloroethene": 8.0,
    "dichloroethene_1_2": 8.0,
    "trichloroethane_1_1_1": 8.0,
    "vinyl_chloride": 8.0,
    "monochlorobenzene": 14.0,
    "dichlorobenzenes": 6.0,
    "trichlorobenzenes": 2.0,
}


def columns(n: int, seed: int = 1) -> dict[str, Any]:
    """A synthetic register: every origin and receiver, designated and non-designated water
    bodies, values around the limits and 25 substances, 5 % of each measurement missing,
    start dates before the rules apply, in both versions and across their change, some
    unknown."""
    rng = np.random.default_rng(seed)
    ureg = wb.flow("1 m3/h")._REGISTRY

    def measured(high: float) -> np.ndarray[Any, Any]:
        values = rng.uniform(0, high, n)
        values[rng.random(n) < 0.05] = np.nan
        return values

    start = np.datetime64("2020-09-01") + rng.integers(0, 2100, n).astype("timedelta64[D]")
    start[rng.random(n) < 0.05] = np.datetime64("NaT")
    designated = np.array([True, False, None], dtype=object)[rng.integers(0, 3, n)]
    return {
        "origin": np.array(list(wb.Origin), dtype=object)[rng.integers(0, 2, n)],
        "receiver": np.array(list(wb.Receiver), dtype=object)[rng.integers(0, 4, n)],
        "flow": ureg.Quantity(measured(150), "m**3/h"),
        "duration": ureg.Quantity(measured(2000), "hour"),
        "suspended_solids": ureg.Quantity(measured(400), "mg/L"),
        "iron": ureg.Quantity(measured(8), "mg/L"),
        "visual_pollution": rng.random(n) < 0.1,
        "designated_water_body": designated,
        "measurements": {
            name: ureg.Quantity(measured(high), "ug/L") for name, high in SUBSTANCES.items()
        },
        "start": start,
    }


def floor(data: dict[str, Any]) -> dict[str, Any]:
    """The packaged rules written out by hand in numpy: the least work for the same columns.

    Every limit is read from the ruleset; the structure of the rules (two versions; which
    origin and receiver has which rule, the order of the quantity tiers, which version has
    which duty) is written into the code, so this handles the packaged Brabantse Delta
    ruleset only.
    """
    rules = default_ruleset()
    dew_, rem_ = wb.Origin.DEWATERING, wb.Origin.SOIL_REMEDIATION
    soil_, sw_, rw_, fs_ = (
        wb.Receiver.SOIL,
        wb.Receiver.SURFACE_WATER,
        wb.Receiver.RAINWATER_SEWER,
        wb.Receiver.FOUL_SEWER,
    )
    old, new = rules.versions
    day_old, day_new = old.valid_from, new.valid_from

    values = {
        "flow": data["flow"].m_as("m**3/h"),
        "duration": data["duration"].m_as("hour"),
        "suspended_solids": data["suspended_solids"].m_as("mg/L"),
        "iron": data["iron"].m_as("mg/L"),
        **{k: q.m_as("ug/L") for k, q in data["measurements"].items()},
    }
    nan = {k: np.isnan(v) for k, v in values.items()}
    n = len(values["flow"])
    vis = data["visual_pollution"]
    start = data["start"]
    dew = data["origin"] == dew_
    soil, sw, rw = (data["receiver"] == r for r in (soil_, sw_, rw_))
    fs = ~(soil | sw | rw)
    designated = data["designated_water_body"]
    des_yes, des_no = designated == True, designated == False  # noqa: E712
    des_unknown = ~(des_yes | des_no)

    # the version of each row: -1 none (before the first), 0 the old one, 1 the new one
    v_start = np.where(
        start >= np.datetime64(day_new), 1, np.where(start >= np.datetime64(day_old), 0, -1)
    )
    v_start[np.isnat(start)] = 1  # no start day: the newest rules
    d = values["duration"]
    whole = np.where(np.isnan(d), 0, np.maximum(np.ceil(d / 24) - 1, 0)).astype(np.int64)
    end = np.where(
        np.isnan(d) | np.isnat(start),
        np.datetime64("NaT"),
        start + whole.astype("timedelta64[D]"),
    )
    v_end = np.where(end >= np.datetime64(day_new), 1, 0)
    spans = (v_start == 0) & ~np.isnat(end) & (v_end != 0)
    v_start[spans] = -1  # no rules apply to the row as a whole
    in_old, in_new = v_start == 0, v_start == 1

    def conditions(
        origin: wb.Origin, receiver: wb.Receiver, day: Any, designated: Any = None
    ) -> list[Any]:
        rule = rules.quality_rule(origin, receiver, day, designated)
        assert rule is not None
        return list(rule.conditions)

    limited = (*values, "visual_pollution", "chlorinated_solvents_sum", "receiver")
    violations = {name: np.zeros(n, dtype=bool) for name in limited}
    needed = (*values, "visual_pollution", "designated_water_body")
    missing = {name: np.zeros(n, dtype=bool) for name in needed}
    failed = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)

    def apply(rows: np.ndarray[Any, Any], rule_conditions: list[Any]) -> None:
        nonlocal failed, unknown
        for c in rule_conditions:
            if c.parameter == "visual_pollution":
                fails = rows & vis  # the column states it for every row (no NaN)
            elif c.sum_of:
                total = np.zeros(n)
                lacking = np.zeros(n, dtype=bool)
                for part in c.sum_of:
                    total += np.where(nan[part], 0.0, values[part])
                    lacking |= nan[part]
                over = total > c.reference
                fails = rows & over
                open_ = rows & ~over & lacking
                unknown |= open_
                for part in c.sum_of:
                    missing[part] |= open_ & nan[part]
            else:
                v = values[c.parameter]
                limit = c.reference
                holds = v <= limit if c.comparison.symbol == "<=" else v < limit
                fails = rows & ~holds & ~nan[c.parameter]
                open_ = rows & nan[c.parameter]
                unknown |= open_
                missing[c.parameter] |= open_
            violations[c.parameter] |= fails
            failed |= fails

    old_day = day_old  # (the visual pollution column states it for every row: no assumption)
    apply(in_old & dew & sw, conditions(dew_, sw_, old_day))
    apply(in_old & dew & rw, conditions(dew_, rw_, old_day))
    apply(in_old & dew & fs, conditions(dew_, fs_, old_day))
    apply(in_old & ~dew & sw & des_yes, conditions(rem_, sw_, old_day, True))
    apply(in_old & ~dew & sw & des_no, conditions(rem_, sw_, old_day, False))
    apply(in_old & ~dew & rw, conditions(rem_, rw_, old_day))
    apply(in_new & ~dew & sw & des_yes, conditions(rem_, sw_, day_new, True))
    apply(in_new & ~dew & sw & des_no, conditions(rem_, sw_, day_new, False))
    prohibited = in_old & ~dew & fs
    violations["receiver"] = prohibited
    failed |= prohibited
    needs = (in_old | in_new) & ~dew & sw & des_unknown
    missing["designated_water_body"] = needs
    no_rule = ~(in_old | in_new) | (in_old & ~dew & soil) | (in_new & ~(~dew & sw))
    unknown |= needs | no_rule
    allowed = np.where(failed, 0, np.where(unknown, 1, 2))

    # the water board's duty: the old version's tiers for surface water; soil and the sewers
    # need nothing of it in the old version; the new version gives no thresholds
    tiers = rules.quantity_tiers(sw_, old_day)
    quiet_hours, quiet_flow = (float(c.reference) for c in tiers[0].conditions)
    notify_flow = float(tiers[1].conditions[0].reference)
    f = values["flow"]
    loud = (d >= quiet_hours) | (f >= quiet_flow)
    quiet = (d < quiet_hours) & (f < quiet_flow)
    stuck = ~quiet & ~loud
    tiered = in_old & sw & ~failed
    missing["duration"] |= tiered & stuck & nan["duration"]
    missing["flow"] |= tiered & nan["flow"] & (stuck | loud)
    none, notification, permit, prohibited_ = (list(wb.Obligation).index(o) for o in wb.Obligation)
    sw_obligation = np.select(
        [quiet, stuck, f <= notify_flow, f > notify_flow], [none, -1, notification, permit], -1
    )
    obligation = np.select([failed, in_old & sw, in_old], [prohibited_, sw_obligation, none], -1)
    receiver = np.where(in_old, sw * 1 + rw * 2 + fs * 3, np.where(in_new & sw, 4, 5))
    authorities = [rules.receiver_rule(r, old_day).authority for r in (soil_, sw_, rw_, fs_)]  # type: ignore[union-attr]
    authorities.append(rules.receiver_rule(sw_, day_new).authority)  # type: ignore[union-attr]
    consents = [rules.receiver_rule(r, old_day).municipal_consent for r in (soil_, sw_, rw_, fs_)]  # type: ignore[union-attr]
    consents.append(None)
    levied = np.where(failed, 0, np.where(in_old, np.where(soil, 0, 1), 2))
    registered = np.where(failed, 0, np.where(in_old, np.where(soil, 0, np.where(sw, 2, 1)), 2))
    within = int(rules.reporting_rules(old_day)[0].within.m_as("day"))
    due = in_old & ~soil & ~np.isnat(end) & ~failed
    deadline = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    np.copyto(deadline, end + np.timedelta64(within, "D"), where=due)
    version = np.array([old, new, None], dtype=object)[np.where(v_start < 0, 2, v_start)]
    return {
        "allowed": np.array([False, None, True], dtype=object)[allowed],
        "authority": np.array([*authorities, None], dtype=object)[receiver],
        "municipal_consent": np.array([*consents, None], dtype=object)[receiver],
        "obligation": np.array([*wb.Obligation, None], dtype=object)[obligation],
        "levy_applies": np.array([False, True, None], dtype=object)[levied],
        "levy_registration": np.array([False, True, None], dtype=object)[registered],
        "volume": f * d,
        "report_deadline": deadline,
        "version": version,
        "violations": violations,
        "missing": missing,
    }


def bench_batch(n: int, repeat: int) -> None:
    data = columns(n)
    result = assess_many(**data)
    expected = floor(data)
    for name in (
        "allowed",
        "authority",
        "municipal_consent",
        "obligation",
        "levy_applies",
        "levy_registration",
        "version",
    ):
        assert getattr(result, name).tolist() == expected[name].tolist(), name
    for name, flags in expected["violations"].items():
        assert (result.violations[name] == flags).all(), name
    for name, flags in expected["missing"].items():
        assert (result.missing[name] == flags).all(), name
    assert (result.report_deadline.astype(str) == expected["report_deadline"].astype(str)).all()
    t_floor = best_of(repeat, lambda: floor(data))
    t_many = best_of(repeat, lambda: assess_many(**data))
    t_levy = best_of(repeat, result.levy)
    report(f"`assess_many`, {n:,} rows", ms(t_many))
    report("hand-written numpy of the same rules, same columns (the floor)", ms(t_floor))
    ratio = t_many / t_floor
    report("ratio `assess_many` / floor", f"{ratio:.2f}×", "≤ 2×", ratio <= 2)
    report(f"`BatchAssessment.levy()` (a `Decimal` per row), {n:,} rows", ms(t_levy))
    try:
        import pandas as pd
    except ImportError:
        print("  pandas not installed: the DataFrame path is skipped")
        return
    frame = pd.DataFrame(
        {
            "origin": pd.Categorical([o.value for o in data["origin"]]),
            "receiver": pd.Categorical([r.value for r in data["receiver"]]),
            "flow_m3_per_h": data["flow"].magnitude,
            "duration_h": data["duration"].magnitude,
            "suspended_solids_mg_per_l": data["suspended_solids"].magnitude,
            "iron_mg_per_l": data["iron"].magnitude,
            "visual_pollution": data["visual_pollution"],
            "designated_water_body": data["designated_water_body"],
            "start": data["start"],
            **{f"{k}_ug_per_l": q.magnitude for k, q in data["measurements"].items()},
        }
    )
    t_frame = best_of(repeat, lambda: assess_many(frame))
    report(f"`assess_many(DataFrame)`, {n:,} rows (categorical labels)", ms(t_frame))


# -- 2. assess() one object at a time ---------------------------------------------------------


def bench_assess(n: int) -> None:
    receivers = list(wb.Receiver)
    activities = [
        wb.DischargeActivity(
            origin=wb.Origin.DEWATERING if i % 3 else wb.Origin.SOIL_REMEDIATION,
            receiver=receivers[i % len(receivers)],
            flow=f"{5 + i % 50} m3/h",
            duration=f"{24 + i % 500} h",
            suspended_solids=f"{i % 400} mg/l",
            iron="1 mg/l",
            start=dt.date(2021, 3, 1),
        )
        for i in range(min(n, 2000))
    ]
    reps = max(1, n // len(activities))

    def run() -> None:
        for _ in range(reps):
            for activity in activities:
                wb.assess(activity)

    elapsed = best_of(3, run)
    rate = reps * len(activities) / elapsed
    report("`assess()`, one object at a time", f"{rate:,.0f} /s", "≥ 100,000 /s", rate >= 100_000)
    bench_from_strings(min(n, 2000))
    bench_results(min(n, 2000))


def form_fields(n: int) -> list[dict[str, Any]]:
    """The fields of *n* discharges as a form or a CSV file gives them: text that repeats."""
    origins, receivers = ["bronnering", "bodemsanering"], [r.label_nl for r in wb.Receiver]
    return [
        {
            "origin": origins[i % 3 == 0],
            "receiver": receivers[i % len(receivers)],
            "flow": f"{5 + i % 40} m3/h",
            "duration": f"{1 + i % 12} weken" if i % 2 else f"{24 + i % 90} uur",
            "suspended_solids": f"{i % 60},5 mg/l",
            "iron": f"{i % 5} mg/l",
            "start": dt.date(2021, 1 + i % 12, 1),
        }
        for i in range(n)
    ]


def bench_from_strings(n: int) -> None:
    fields = form_fields(n)
    prebuilt = [wb.DischargeActivity(**f) for f in fields]

    def assess_prebuilt() -> None:
        for activity in prebuilt:
            wb.assess(activity)

    def build_and_assess() -> None:
        for f in fields:
            wb.assess(wb.DischargeActivity(**f))

    t_prebuilt = best_of(5, assess_prebuilt)
    t_strings = best_of(5, build_and_assess)
    report(f"build {n:,} discharges from strings and assess them", f"{n / t_strings:,.0f} /s")
    report("assess the same, built beforehand", f"{n / t_prebuilt:,.0f} /s")
    ratio = t_strings / t_prebuilt
    report("ratio strings / prebuilt", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)


def bench_results(n: int) -> None:
    """A web form to its verdict as JSON, and the Dutch explanation, each from scratch."""
    forms = [
        {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in f.items()}
        for f in form_fields(n)
    ]
    activities = [wb.DischargeActivity.from_mapping(f) for f in forms]

    def form_to_json() -> None:
        for f in forms:
            wb.assess(wb.DischargeActivity.from_mapping(f)).to_dict()

    def explained() -> None:
        for activity in activities:
            wb.assess(activity).explain("nl")

    report(
        "form to JSON: `from_mapping`, `assess`, `to_dict()`",
        f"{n / best_of(3, form_to_json):,.0f} /s",
    )
    report('`assess()` and `explain("nl")`', f"{n / best_of(3, explained):,.0f} /s")


# -- 3. structuring action lines against pydantic v2 ------------------------------------------


def records(n: int) -> list[dict[str, Any]]:
    """Plain dicts shaped like the ``action_lines`` entries of an ``action_plan`` dataset."""
    timings = ["Q1 2025 - Q3 2025", "Q4/2024 - Q3/2027", "Doorlopend", "Q2 2026"]
    return [
        {
            "code": f"KP {1 + i % 4}.{1 + i % 9}",
            "goal": f"KP-O.D.{1 + i % 4}",
            "lever": "technology_infrastructure",
            "status": "planning",
            "action": f"Inventariseren van bronnen en emissies, deel {i}",
            "output": "Een dynamisch overzicht van de bronnen",
            "lead": ["VMM"],
            "partners": ["VITO", "VLAKWA"],
            "timing": timings[i % len(timings)],
            "importance": "key",
        }
        for i in range(n)
    ]


def pydantic_adapter() -> Any:
    """A pydantic v2 model with the same fields and checks as ``ActionLine``, or ``None``."""
    try:
        import pydantic
    except ImportError:
        return None
    from typing import Literal

    class PydanticLine(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=True)
        code: str = pydantic.Field(pattern=r"^[A-Z]{2,} \d+\.\d+$", min_length=1)
        goal: str = pydantic.Field(pattern=r"^[A-Z]{2,}-O\.D\.\d+$")
        lever: Literal[
            "technology_infrastructure",
            "finance_business_models",
            "institutional_rules",
            "knowledge_capacity",
        ]
        status: Literal["planning", "project", "core"]
        action: str = pydantic.Field(min_length=1)
        output: str | None = None
        # a list in, a tuple out (as the converter does); strings stay strict
        lead: tuple[str, ...] | None = pydantic.Field(default=None, strict=False)
        partners: tuple[str, ...] | None = pydantic.Field(default=None, strict=False)
        timing: Any = None
        importance: Literal["key", "supporting"] | None = None
        project: str | None = None

        @pydantic.field_validator("timing", mode="before")
        @classmethod
        def _timing(cls, value: Any) -> Any:
            return None if value is None else wb.parse_timing(value)

    return pydantic.TypeAdapter(tuple[PydanticLine, ...]), pydantic.VERSION


def bench_structure(n: int, repeat: int) -> None:
    from waterbeleid.serialize import structure

    data = records(n)
    lines = tuple[wb.ActionLine, ...]
    structure(data[:10], lines)  # build the converter first
    found = pydantic_adapter()
    if found is None:
        t_ours = best_of(repeat, lambda: structure(data, lines))
        report(f"structuring {n:,} action lines (waterbeleid)", ms(t_ours))
        print("  pydantic not installed: comparison skipped (pip install pydantic)")
        return
    adapter, version = found
    ours, theirs = structure(data[:50], lines), adapter.validate_python(data[:50])
    assert [(o.code, o.lever.value, o.timing) for o in ours] == [
        (p.code, p.lever, p.timing) for p in theirs
    ]
    rounds = [
        (timed(lambda: structure(data, lines)), timed(lambda: adapter.validate_python(data)))
        for _ in range(repeat)  # alternate, so that both meet the same load
    ]
    t_ours, t_pyd = min(r[0] for r in rounds), min(r[1] for r in rounds)
    report(f"structuring {n:,} action lines (waterbeleid)", ms(t_ours))
    report(f"structuring {n:,} action lines (pydantic {version}, strict model)", ms(t_pyd))
    ratio = t_ours / t_pyd
    report("ratio waterbeleid / pydantic", f"{ratio:.2f}×", "≤ 1×", ratio <= 1)
    by_round = sorted(a / b for a, b in rounds)
    print(f"  (round by round: {by_round[0]:.2f}× to {by_round[-1]:.2f}×)")


# -- 4. import and first use ------------------------------------------------------------------


def fresh(codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time of fresh interpreters running each of *codes*, less that of an empty
    one, in seconds. The package's bytecode is cached (in a temporary folder) before timing,
    as it is for an installed package; the runs of the codes alternate."""
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        codes = {"": "pass", **codes}
        for code in codes.values():
            subprocess.run([sys.executable, "-c", code], env=env, check=True)
        times: dict[str, list[float]] = {name: [] for name in codes}
        for _ in range(runs):
            for name, code in codes.items():
                run = [sys.executable, "-c", code]
                times[name].append(timed(lambda run=run: subprocess.run(run, env=env, check=True)))
    empty = statistics.median(times.pop(""))
    return {name: statistics.median(t) - empty for name, t in times.items()}


def loaded(code: str) -> list[str]:
    """Which of pint and numpy a fresh interpreter has loaded after running *code*."""
    probe = f"{code}; import sys; print(' '.join(sorted({{'pint', 'numpy'}} & set(sys.modules))))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return run.stdout.split()


def bench_import(runs: int) -> None:
    first_use = "import waterbeleid as wb; wb.catalogue.vito_action_plan()"
    found = fresh(
        {"import": "import waterbeleid", "first": first_use, "libs": "import attrs, cattrs, pint"},
        runs,
    )
    report("`import waterbeleid`", ms(found["import"]), "≤ 150 ms", found["import"] <= 0.150)
    imported = loaded("import waterbeleid")
    report(
        "pint or numpy imported by `import waterbeleid`",
        ", ".join(imported) or "neither",
        "neither",
        not imported,
    )
    report(
        "first use: `wb.catalogue.vito_action_plan()`, imports included",
        ms(found["first"]),
        "≤ 250 ms",
        found["first"] <= 0.250,
    )
    report("pint or numpy imported by that first use", ", ".join(loaded(first_use)) or "neither")
    report("`import attrs, cattrs, pint` (for comparison)", ms(found["libs"]))


# -- 5. the analyst's layer ---------------------------------------------------------------------


def bench_analysis(repeat: int) -> None:
    """Each task of the analyst's layer on the packaged datasets, best of *repeat*."""
    import importlib.util
    import io

    plan, calendar = wb.catalogue.vito_action_plan(), wb.catalogue.wbs_calendar()
    tasks: list[tuple[str, str, Callable[[], Any]]] = [
        ("plan.to_records() (59 rows)", "", plan.to_records),
        (
            "plan.lines(lever=, active_in=2026)",
            "",
            lambda: plan.lines("knowledge_capacity", active_in=2026),
        ),
        ("calendar.agenda(before=2027)", "", lambda: calendar.agenda(before=2027)),
        ("plan.to_pandas() (59 rows)", "pandas", plan.to_pandas),
        ("calendar.to_pandas('agenda') (147 rows)", "pandas", lambda: calendar.to_pandas("agenda")),
        ("export.to_ics(calendar)", "icalendar", lambda: wb.export.to_ics(calendar)),
        (
            "export.write_xlsx(calendar) (9 sheets)",
            "openpyxl",
            lambda: wb.export.write_xlsx(calendar, io.BytesIO()),
        ),
        ("plot.timeline(plan) + SVG", "matplotlib", lambda: _timeline_svg(plan)),
    ]
    for label, needs, task in tasks:
        if needs and importlib.util.find_spec(needs) is None:
            report(label, f"skipped: {needs} is not installed")
            continue
        report(label, ms(best_of(repeat, task)))


def _timeline_svg(plan: Any) -> None:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = wb.plot.timeline(plan, today=wb.Quarter(2026, 4))
    ax.figure.savefig(io.BytesIO(), format="svg")
    plt.close("all")


# -- 6. the command line on a register ----------------------------------------------------------


def register_csv(path: str, n: int, seed: int = 3) -> None:
    """A CSV file of *n* discharges with the columns of examples/discharges.csv: both
    origins and every receiver, flows in m³/h and l/s, durations in hours, days and weeks,
    start days in both versions of the rules and across their change, some cells empty."""
    rng = np.random.default_rng(seed)
    origins = np.array(["bronnering", "bodemsanering"])[rng.integers(0, 2, n)]
    receivers = np.array(["oppervlaktewater", "hemelwaterafvoer", "vuilwaterriool", "bodem"])[
        rng.integers(0, 4, n)
    ]
    flow = rng.integers(1, 150, n)
    durations = rng.integers(1, 60, n)
    units = np.array(["uur", "dagen", "weken"])[rng.integers(0, 3, n)]
    solids = rng.integers(0, 300, n)
    iron = rng.integers(0, 80, n) / 10
    start = np.datetime64("2021-01-04") + rng.integers(0, 1500, n).astype("timedelta64[D]")
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(
            "id,origin,receiver,flow,duration,suspended_solids [mg/l],iron [mg/l],"
            "visual_pollution,start\n"
        )
        for i in range(n):
            flow_text = f"{flow[i]} m3/h" if i % 3 else f"{flow[i] / 10:g} l/s"
            iron_text = "" if i % 4 == 0 else f"{iron[i]:g}"
            out.write(
                f"R-{i:07d},{origins[i]},{receivers[i]},{flow_text},{durations[i]} {units[i]},"
                f"{solids[i]},{iron_text},nee,{start[i]}\n"
            )


#: Runs the command line as its console script does and, at exit, writes the process's own
#: peak resident memory (``VmHWM``, KiB) to the file named by its first argument. The
#: ``ru_maxrss`` of a child counts the memory of the parent it was forked from (before its
#: exec), which is large after the batch benchmarks; ``VmHWM`` is the command's own.
_PEAK_WRAPPER = """
import atexit, sys
out = sys.argv.pop(1)
def peak():
    try:
        with open("/proc/self/status") as status:
            kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    with open(out, "w") as file:
        file.write(kib)
atexit.register(peak)
from waterbeleid.cli import main
sys.exit(main())
"""


def child(args: list[str], stdout: str = os.devnull) -> tuple[float, float | None]:
    """Wall time (s) and peak resident memory (MB; ``None`` where ``/proc`` is missing) of
    ``waterbeleid ARGS`` run as a data steward runs it (output to a file: -o, or
    *stdout*)."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak_file:
        argv = [sys.executable, "-c", _PEAK_WRAPPER, peak_file.name, *args]
        started = time.perf_counter()
        with open(stdout, "wb") as out, open(os.devnull, "wb") as devnull:
            status = subprocess.call(argv, stdout=out, stderr=devnull)
        elapsed = time.perf_counter() - started
        if status not in (0, 1):
            raise RuntimeError(f"waterbeleid {' '.join(args)} failed with {status}")
        kib = peak_file.read().strip()
    return elapsed, (int(kib) / 1024 if kib else None)


def csv_floor(register: str, output: str) -> float:
    """The time (s) that reading every row of *register* with the ``csv`` module and
    writing the bytes of *output* again (line by line, as text) take: what a command
    written in Python that reads the one and writes the other cannot go below, whatever
    it computes."""

    def run() -> None:
        with open(register, encoding="utf-8", newline="") as file:
            for _ in csv.reader(file):
                pass
        with (
            open(output, encoding="utf-8", newline="") as file,
            open(os.devnull, "w", encoding="utf-8", newline="") as sink,
        ):
            for line in file:
                sink.write(line)

    return best_of(3, run)


def bench_cli(sizes: list[int], commands: list[str] | None = None) -> None:
    """``waterbeleid validate`` and ``waterbeleid assess --format csv -o out.csv`` (or those
    of *commands*) on registers of *sizes* rows, against ``pandas.read_csv`` of the same
    file."""
    try:
        import pandas as pd
    except ImportError:
        pd = None
        print("pandas is not installed: the ratios to pandas.read_csv are left out")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = os.path.join(folder, f"register-{n}.csv")
            register_csv(path, n)
            size = os.path.getsize(path) / 1e6
            read = None
            if pd is not None:
                read = best_of(1 if n > 100_000 else 3, lambda p=path: pd.read_csv(p))
                report(f"pandas.read_csv, {n:,} rows ({size:.0f} MB)", ms(read))
            out = os.path.join(folder, "out.csv")
            report_file = os.path.join(folder, "report.txt")
            for what, args, output in (
                ("validate", ["validate", path], report_file),
                ("assess --format csv -o", ["assess", path, "--format", "csv", "-o", out], out),
            ):
                if commands and args[0] not in commands:
                    continue
                elapsed, peak = child(args, report_file if output == report_file else os.devnull)
                report(f"waterbeleid {what}, {n:,} rows", f"{elapsed:.1f} s")
                report("  rows per second", f"{n / elapsed:,.0f} /s")
                shown = "not measured (no /proc)" if peak is None else f"{peak:,.0f} MB"
                report("  peak memory", shown, "flat")
                if read is not None:
                    ratio = elapsed / read
                    report("  ratio to pandas.read_csv", f"{ratio:,.1f}×", "≤ 5×", ratio <= 5)
                size = os.path.getsize(output) / 1e6
                least = csv_floor(path, output)
                report(
                    f"  I/O floor: register read (csv), output written ({size:,.1f} MB)",
                    ms(least) if least < 1 else f"{least:.1f} s",
                )
                report("  ratio to the I/O floor", f"{elapsed / least:,.1f}×")
                if read is not None:
                    report("  the I/O floor / pandas.read_csv", f"{least / read:,.1f}×")
                os.remove(output)


def main(argv: list[str] | None = None) -> None:
    global SMOKE
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    parser.add_argument(
        "--cli-rows",
        type=int,
        nargs="+",
        metavar="N",
        help="the sizes of the registers of the command-line figures "
        "(default 100,000 and 1,000,000; --smoke: 300)",
    )
    parser.add_argument(
        "--only-cli", action="store_true", help="run the command-line figures alone"
    )
    parser.add_argument(
        "--cli-commands",
        nargs="+",
        choices=["validate", "assess"],
        metavar="COMMAND",
        help="the commands of the command-line figures (default: validate and assess)",
    )
    args = parser.parse_args(argv)
    SMOKE = args.smoke
    rows, objects, lines, runs, repeat = (
        (2_000, 500, 1_000, 2, 1) if args.smoke else (1_000_000, 40_000, 100_000, 9, 5)
    )
    started = machine()
    print(started)
    if not args.only_cli:
        bench_batch(rows, repeat)
        bench_assess(objects)
        bench_structure(lines, repeat)
        bench_import(runs)
        bench_analysis(repeat)
    bench_cli(args.cli_rows or ([300] if args.smoke else [100_000, 1_000_000]), args.cli_commands)
    print()
    print(f"Machine: {started}")
    if args.smoke:
        print("(smoke sizes: the figures are not compared with the targets)")
    print()
    print(table())


if __name__ == "__main__":
    main()
