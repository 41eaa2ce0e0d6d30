"""Benchmarks of waterbeleid: run ``python benchmarks/run.py`` (``--smoke`` for a quick pass).

Prints, in one run:

1. ``assess_many`` on 1,000,000 rows against a hand-written numpy expression of the same
   rules that computes the same columns (the floor), and their ratio; then the levy in
   euros for those rows (``BatchAssessment.levy()``, one ``Decimal`` per row);
2. per-object ``assess()`` throughput, on activities built beforehand; then building each
   activity from the strings of a form or a CSV row and assessing it, against assessing
   the prebuilt ones, and their ratio (quantity texts are parsed once and cached);
3. structuring 100,000 action-line records through ``waterbeleid.serialize.structure``
   against an equivalent pydantic v2 model (when pydantic is installed), and their ratio;
4. ``import waterbeleid`` wall time against ``import attrs, cattrs, pint`` (fresh
   interpreters, the median of several), and whether importing waterbeleid imports pint;
5. the analyst's layer on the packaged datasets: the tables as records and DataFrames,
   a query, the agenda as iCalendar, the Excel workbook and the timeline picture.

Timings are the best of a few runs (the median for imports). ``--smoke`` runs every
benchmark on tiny sizes in a few seconds and skips, with a note, what is not installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import waterbeleid as wb
from waterbeleid.discharge import assess_many, default_ruleset


def best_of(repeat: int, func: Callable[[], Any]) -> float:
    """The fastest of *repeat* runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


# -- 1. assess_many against the numpy floor ---------------------------------------------------


def columns(n: int, seed: int = 1) -> dict[str, Any]:
    """A synthetic register: every origin and receiver, values around the limits, 5 % of
    each measurement missing, start dates before and after the rules apply, some unknown."""
    rng = np.random.default_rng(seed)
    ureg = wb.flow("1 m3/h")._REGISTRY

    def measured(high: float) -> np.ndarray[Any, Any]:
        values = rng.uniform(0, high, n)
        values[rng.random(n) < 0.05] = np.nan
        return values

    start = np.datetime64("2020-06-01") + rng.integers(0, 900, n).astype("timedelta64[D]")
    start[rng.random(n) < 0.05] = np.datetime64("NaT")
    return {
        "origin": np.array(list(wb.Origin), dtype=object)[rng.integers(0, 2, n)],
        "receiver": np.array(list(wb.Receiver), dtype=object)[rng.integers(0, 4, n)],
        "flow": ureg.Quantity(measured(150), "m**3/h"),
        "duration": ureg.Quantity(measured(2000), "hour"),
        "suspended_solids": ureg.Quantity(measured(400), "mg/L"),
        "iron": ureg.Quantity(measured(8), "mg/L"),
        "visual_pollution": rng.random(n) < 0.1,
        "start": start,
    }


def floor(data: dict[str, Any]) -> dict[str, Any]:
    """The packaged rules written out by hand in numpy: the least work for the same columns.

    Every limit is read from the ruleset; the structure of the rules (which origin and
    receiver has which conditions, the order of the quantity tiers) is written into the
    code, so this handles the packaged ruleset only, and only its one version of each rule.
    """
    rules = default_ruleset()
    dew_ = wb.Origin.DEWATERING
    soil_, sw_, rw_, fs_ = (
        wb.Receiver.SOIL,
        wb.Receiver.SURFACE_WATER,
        wb.Receiver.RAINWATER_SEWER,
        wb.Receiver.FOUL_SEWER,
    )

    def limit(receiver: wb.Receiver, parameter: str) -> float:
        quality = rules.quality_rule(dew_, receiver)
        assert quality is not None
        found = [c for c in quality.conditions if c.parameter == parameter]
        return float(found[0].reference)

    tiers = rules.quantity_tiers(sw_)
    quiet_hours, quiet_flow = (float(c.reference) for c in tiers[0].conditions)
    notify_flow = float(tiers[1].conditions[0].reference)
    valid_from = np.datetime64(rules.quality_rule(dew_, sw_).valid_from)  # type: ignore[union-attr]
    within = int(rules.reporting.within.m_as("day"))

    dew = data["origin"] == dew_
    soil, sw, rw = (data["receiver"] == r for r in (soil_, sw_, rw_))
    fs = ~(soil | sw | rw)
    f = data["flow"].m_as("m**3/h")
    d = data["duration"].m_as("hour")
    ss = data["suspended_solids"].m_as("mg/L")
    fe = data["iron"].m_as("mg/L")
    vis = data["visual_pollution"]
    start = data["start"]
    has_start = ~np.isnat(start)
    in_force = ~has_start | (start >= valid_from)
    f_nan, d_nan, ss_nan, fe_nan = np.isnan(f), np.isnan(d), np.isnan(ss), np.isnan(fe)

    dew_in, rem_in = dew & in_force, ~dew & in_force
    violations = {
        "suspended_solids": dew_in
        & (
            (sw & (ss > limit(sw_, "suspended_solids")))
            | (rw & (ss > limit(rw_, "suspended_solids")))
            | (fs & (ss > limit(fs_, "suspended_solids")))
        ),
        "iron": dew_in & rw & (fe > limit(rw_, "iron")),
        "flow": dew_in & fs & (f > limit(fs_, "flow")),
        "duration": dew_in & fs & (d > limit(fs_, "duration")),
        "visual_pollution": dew_in & sw & vis,
        "receiver": rem_in & fs,
    }
    failed = np.logical_or.reduce(list(violations.values()))
    sewer_or_sw = sw | rw | fs
    missing = {
        "suspended_solids": dew_in & sewer_or_sw & ss_nan,
        "iron": dew_in & rw & fe_nan,
        "flow": dew_in & fs & f_nan,
        "duration": dew_in & fs & d_nan,
    }
    unknown = (
        ~in_force
        | (rem_in & ~fs)
        | (dew_in & ((sw & ss_nan) | (rw & (ss_nan | fe_nan)) | (fs & (f_nan | d_nan | ss_nan))))
    )
    allowed = np.where(failed, 0, np.where(unknown, 1, 2))

    # the quantity tiers of surface water: none / notification / permit, unknown stops
    loud = (d >= quiet_hours) | (f >= quiet_flow)
    quiet = (d < quiet_hours) & (f < quiet_flow)
    stuck = ~quiet & ~loud  # the first tier cannot tell
    tiered = in_force & sw & ~failed
    missing["duration"] |= tiered & stuck & d_nan
    missing["flow"] |= tiered & f_nan & (stuck | loud)
    none, notification, permit, prohibited = (list(wb.Obligation).index(o) for o in wb.Obligation)
    sw_obligation = np.select(
        [quiet, stuck, f <= notify_flow, f > notify_flow], [none, -1, notification, permit], -1
    )
    obligation = np.select(
        [~in_force, failed, sw], [-1, prohibited, sw_obligation], none
    )  # soil and sewers: the municipality decides, the water board requires nothing
    receiver = np.where(in_force, sw * 1 + rw * 2 + fs * 3, 4)
    authorities = [rules.receiver_rule(r).authority for r in (soil_, sw_, rw_, fs_)]  # type: ignore[union-attr]
    consents = [rules.receiver_rule(r).municipal_consent for r in (soil_, sw_, rw_, fs_)]  # type: ignore[union-attr]
    levied = np.where(~in_force, 2, np.where(failed | soil, 0, 1))
    registered = np.where(~in_force, 2, np.where(failed | soil, 0, np.where(sw, 2, 1)))
    due = in_force & ~soil & has_start & ~d_nan & ~failed
    deadline = np.full(len(f), np.datetime64("NaT"), dtype="datetime64[D]")
    days = np.where(due, np.maximum(np.ceil(d / 24) - 1, 0) + within, 0).astype(np.int64)
    np.copyto(deadline, start + days.astype("timedelta64[D]"), where=due)
    return {
        "allowed": np.array([False, None, True], dtype=object)[allowed],
        "authority": np.array([*authorities, None], dtype=object)[receiver],
        "municipal_consent": np.array([*consents, None], dtype=object)[receiver],
        "obligation": np.array([*wb.Obligation, None], dtype=object)[obligation],
        "levy_applies": np.array([False, True, None], dtype=object)[levied],
        "levy_registration": np.array([False, True, None], dtype=object)[registered],
        "volume": f * d,
        "report_deadline": deadline,
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
    print(f"assess_many, {n:,} rows:            {t_many * 1e3:9.1f} ms")
    print(f"numpy floor (same columns), {n:,}:  {t_floor * 1e3:9.1f} ms")
    print(f"  ratio assess_many / floor:        {t_many / t_floor:9.2f}x  (target <= 2x)")
    print(f"levy() in Decimal euros, {n:,} rows: {t_levy * 1e3:9.1f} ms")
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
            "start": data["start"],
        }
    )
    t_frame = best_of(repeat, lambda: assess_many(frame))
    print(f"assess_many(DataFrame), {n:,} rows: {t_frame * 1e3:9.1f} ms")


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
    print(f"assess(), per object:               {rate:9,.0f} /s   (target >= 20,000/s)")
    bench_from_strings(min(n, 2000))


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
    print(f"build from strings + assess:        {n / t_strings:9,.0f} /s")
    print(f"assess prebuilt activities:         {n / t_prebuilt:9,.0f} /s")
    print(f"  ratio strings / prebuilt:         {t_strings / t_prebuilt:9.2f}x  (target <= 1.5x)")


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
    structure(data[:10], tuple[wb.ActionLine, ...])  # build the converter first
    t_ours = best_of(repeat, lambda: structure(data, tuple[wb.ActionLine, ...]))
    print(f"structure {n:,} action lines:      {t_ours * 1e3:9.1f} ms (waterbeleid, cattrs)")
    found = pydantic_adapter()
    if found is None:
        print("  pydantic not installed: comparison skipped (pip install pydantic)")
        return
    adapter, version = found
    adapter.validate_python(data[:10])
    t_pyd = best_of(repeat, lambda: adapter.validate_python(data))
    print(f"structure {n:,} action lines:      {t_pyd * 1e3:9.1f} ms (pydantic {version})")
    print(f"  ratio waterbeleid / pydantic:     {t_ours / t_pyd:9.2f}x  (target <= 1x)")


# -- 4. import time ---------------------------------------------------------------------------


def import_time(code: str, runs: int) -> float:
    """Median wall time of a fresh interpreter running *code*, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_import(runs: int) -> None:
    base = import_time("pass", runs)
    ours = import_time("import waterbeleid", runs) - base
    theirs = import_time("import attrs, cattrs, pint", runs) - base
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, waterbeleid; print(sorted({'pint', 'numpy'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"import waterbeleid:                 {ours * 1e3:9.1f} ms   (target <= 200 ms)")
    print(f"import attrs, cattrs, pint:         {theirs * 1e3:9.1f} ms")
    print(f"  of pint and numpy, import waterbeleid imports: {check} (no unit registry built)")


# -- 5. the analyst's layer ---------------------------------------------------------------------


def bench_analysis(repeat: int) -> None:
    """Each task of the analyst's layer on the packaged datasets, best of *repeat*."""
    import importlib.util
    import io

    plan, calendar = wb.catalogue.vito_action_plan(), wb.catalogue.wbs_calendar()
    tasks: list[tuple[str, str, Callable[[], Any]]] = [
        ("plan.to_records() (59 rows)", "", plan.to_records),
        ("plan.lines(lever=, active_in=2026)", "", lambda: plan.lines("knowledge_capacity",
                                                                     active_in=2026)),
        ("calendar.agenda(before=2027)", "", lambda: calendar.agenda(before=2027)),
        ("plan.to_pandas() (59 rows)", "pandas", plan.to_pandas),
        ("calendar.to_pandas('agenda') (147 rows)", "pandas",
         lambda: calendar.to_pandas("agenda")),
        ("export.to_ics(calendar)", "icalendar", lambda: wb.export.to_ics(calendar)),
        ("export.write_xlsx(calendar) (9 sheets)", "openpyxl",
         lambda: wb.export.write_xlsx(calendar, io.BytesIO())),
        ("plot.timeline(plan) + SVG", "matplotlib", lambda: _timeline_svg(plan)),
    ]
    for label, needs, task in tasks:
        if needs and importlib.util.find_spec(needs) is None:
            print(f"{label:40} skipped: {needs} is not installed")
            continue
        print(f"{label:40} {best_of(repeat, task) * 1e3:9.1f} ms")


def _timeline_svg(plan: Any) -> None:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = wb.plot.timeline(plan, today=wb.Quarter(2026, 4))
    ax.figure.savefig(io.BytesIO(), format="svg")
    plt.close("all")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    args = parser.parse_args(argv)
    rows, objects, lines, runs, repeat = (
        (2_000, 500, 1_000, 2, 1) if args.smoke else (1_000_000, 40_000, 100_000, 9, 5)
    )
    print(
        f"waterbeleid {wb.__version__}, numpy {np.__version__}, Python "
        f"{platform.python_version()}, {platform.processor() or platform.machine()}"
    )
    bench_batch(rows, repeat)
    bench_assess(objects)
    bench_structure(lines, repeat)
    bench_import(runs)
    bench_analysis(repeat)


if __name__ == "__main__":
    main()
