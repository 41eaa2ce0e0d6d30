"""Benchmarks of waterbeleid: run ``python benchmarks/run.py`` (``--smoke`` for a quick pass).

Prints, in one run:

1. ``assess_many`` on 1,000,000 rows against a hand-written numpy expression of the
   same rules (the floor), and their ratio;
2. per-object ``assess()`` throughput;
3. structuring 100,000 action-line records through the converter against pydantic v2
   (when pydantic is installed), and their ratio;
4. ``import waterbeleid`` wall time against ``import attrs, cattrs, pint``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import waterbeleid as wb
from waterbeleid.discharge import assess_many, default_ruleset
from waterbeleid.discharge.ruleset import QualityVerdict


def best_of(repeat: int, func: Callable[[], Any]) -> float:
    """The fastest of *repeat* runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def columns(n: int, seed: int = 1) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    origins = np.array([o.value for o in wb.Origin], dtype=object)
    receivers = np.array([r.value for r in wb.Receiver], dtype=object)
    solids = rng.uniform(0, 400, n)
    solids[rng.random(n) < 0.05] = np.nan
    return {
        "origin": origins[rng.integers(0, len(origins), n)],
        "receiver": receivers[rng.integers(0, len(receivers), n)],
        "flow": rng.uniform(0, 150, n),
        "duration": rng.uniform(1, 2000, n),
        "suspended_solids": solids,
        "iron": rng.uniform(0, 8, n),
    }


def floor(data: dict[str, Any]) -> np.ndarray[Any, Any]:
    """The rules of the packaged ruleset written out by hand in numpy (allowed only).

    The limits are read from the ruleset; this is the least work any implementation does.
    """
    rules = default_ruleset()
    origin, receiver = data["origin"], data["receiver"]
    values = {k: data[k] for k in ("flow", "duration", "suspended_solids", "iron")}
    values["visual_pollution"] = np.zeros(len(origin))
    allowed = np.full(len(origin), -1, dtype=np.int8)
    for quality in rules.quality:
        rows = (origin == quality.origin.value) & (receiver == quality.receiver.value)
        if quality.rule is QualityVerdict.ALLOWED:
            allowed[rows] = 1
        elif quality.rule is QualityVerdict.PROHIBITED:
            allowed[rows] = 0
        elif quality.rule is QualityVerdict.CONDITIONAL:
            ok = np.ones(int(rows.sum()), dtype=bool)
            unknown = np.zeros(int(rows.sum()), dtype=bool)
            for condition in quality.conditions:
                v = values[condition.parameter][rows]
                ok &= v <= float(condition.reference)
                unknown |= np.isnan(v)
            allowed[rows] = np.where(ok, 1, np.where(unknown, -1, 0))
    return allowed


def bench_batch(n: int, repeat: int) -> None:
    data = columns(n)
    # the floor compares strings; assess_many parses labels: give both the same object arrays
    t_floor = best_of(repeat, lambda: floor(data))

    def run() -> None:
        assess_many(
            origin=data["origin"],
            receiver=data["receiver"],
            flow=data["flow"],
            flow_unit="m3/h",
            duration=data["duration"],
            duration_unit="h",
            suspended_solids=data["suspended_solids"],
            iron=data["iron"],
            concentration_unit="mg/l",
        )

    t_many = best_of(repeat, run)
    print(f"assess_many, {n:,} rows:        {t_many * 1e3:9.1f} ms")
    print(f"numpy floor, {n:,} rows:        {t_floor * 1e3:9.1f} ms")
    print(f"  ratio assess_many / floor:     {t_many / t_floor:9.2f}x  (target <= 3x)")


def bench_assess(n: int) -> None:
    receivers = list(wb.Receiver)
    activities = [
        wb.DischargeActivity(
            origin=wb.Origin.DEWATERING,
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
    print(f"assess(), per object:          {rate:9,.0f} /s   (target >= 20,000/s)")


def records(n: int) -> list[dict[str, Any]]:
    return [
        {
            "code": f"KP {1 + i % 4}.{1 + i % 9}",
            "goal": f"KP-O.D.{1 + i % 4}",
            "lever": "technology_infrastructure",
            "status": "planning",
            "action": f"Inventariseren van bronnen {i}",
            "output": "Een dynamisch overzicht",
            "lead": ["VMM"],
            "partners": ["VOKA", "UNIZO"],
            "timing": "Q1 2025 - Q3 2025",
            "importance": "key",
        }
        for i in range(n)
    ]


def bench_structure(n: int) -> None:
    from waterbeleid.serialize import structure

    data = records(n)
    t_ours = best_of(3, lambda: structure(data, tuple[wb.ActionLine, ...]))
    print(f"structure {n:,} action lines:  {t_ours * 1e3:9.1f} ms (waterbeleid, cattrs)")
    try:
        import pydantic
    except ImportError:
        print("  pydantic v2 not installed: comparison skipped (pip install pydantic)")
        return
    from typing import Literal

    class PydanticLine(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=True)
        code: str
        goal: str
        lever: Literal[
            "technology_infrastructure",
            "finance_business_models",
            "institutional_rules",
            "knowledge_capacity",
        ]
        status: Literal["planning", "project", "core"]
        action: str
        output: str | None = None
        lead: list[str] | None = None
        partners: list[str] | None = None
        timing: str | None = None
        importance: Literal["key", "supporting"] | None = None

        @pydantic.field_validator("timing")
        @classmethod
        def _timing(cls, value: str | None) -> Any:
            return None if value is None else wb.parse_timing(value)

    adapter = pydantic.TypeAdapter(list[PydanticLine])
    t_pyd = best_of(3, lambda: adapter.validate_python(data))
    print(f"structure {n:,} action lines:  {t_pyd * 1e3:9.1f} ms (pydantic {pydantic.VERSION})")
    print(f"  ratio waterbeleid / pydantic:  {t_ours / t_pyd:9.2f}x  (target <= 1x)")


def import_time(code: str, runs: int) -> float:
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
        [sys.executable, "-c", "import sys, waterbeleid; print('pint' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"import waterbeleid:            {ours * 1e3:9.1f} ms   (target <= 200 ms)")
    print(f"import attrs, cattrs, pint:    {theirs * 1e3:9.1f} ms")
    print(f"  pint imported (registry could be built) by import waterbeleid: {check}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds")
    args = parser.parse_args()
    rows, objects, lines, runs, repeat = (
        (2_000, 500, 1_000, 2, 1) if args.smoke else (1_000_000, 40_000, 100_000, 7, 3)
    )
    wb.assess(
        wb.DischargeActivity(origin="bronnering", receiver="bodem", flow="1 m3/h", duration="1 h")
    )
    print(f"waterbeleid {wb.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    bench_batch(rows, repeat)
    bench_assess(objects)
    bench_structure(lines)
    bench_import(runs)


if __name__ == "__main__":
    main()
