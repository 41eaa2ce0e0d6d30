"""Fuzz the library and the command line with mutated example files.

Run ``python benchmarks/fuzz.py`` (20,000 cases by default; ``--cases N``, ``--seed S``).
Each case mutates one of the files in ``examples/`` (bytes, structure, types, numbers at
the extremes, Unicode, encodings, YAML, CSV and JSON features; see ``tests/mutations.py``)
and then:

1. validates, loads, assesses and prints it through the library, where only a
   ``WaterbeleidError`` may come out;
2. runs ``waterbeleid validate`` or ``waterbeleid assess`` on it in this process (from a
   file or standard input, in every output format, sometimes with ``-o``), which must
   exit 0, 1 or 2 without a traceback and without reaching the last-resort "internal
   error" guard of ``main()``;
3. gives the public parsers (``flow``, ``duration``, ``concentration``, ``volume``,
   ``parse_quantity``, ``parse_timing``, ``Quarter.parse``) a mutated string of the
   examples, where only a ``WaterbeleidError`` may come out.

A case that runs longer than ``--timeout`` seconds (10 by default) is stopped and counted.
The script prints the cases tried, the failures by kind (with the seed of the first case
of each kind, to reproduce it with ``--seed S --cases 1``) and the slowest case. It exits
1 when anything failed.
"""

from __future__ import annotations

import argparse
import collections
import random
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import mutations


class _Timeout(BaseException):
    """Raised in the main thread when a case runs too long (not an Exception on purpose)."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0, help="the seed of the first case")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per case")
    parser.add_argument("--progress", type=int, default=2_000, help="report every N cases")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGALRM, _alarm)
    failures: collections.Counter[str] = collections.Counter()
    first_seed: dict[str, int] = {}
    by_mutator: collections.Counter[str] = collections.Counter()
    slowest = (0.0, "", 0)
    texts = mutations.parser_texts()
    # warm up (imports, pint's registry, the converter), so that no case pays for them
    warm = random.Random(-1)
    for name, suffix, data in mutations.EXAMPLES:
        for _ in range(3):  # every command and output format, as the cases will
            mutations.run_case(mutations.Case(name, "none", suffix, data), warm)
    mutations.OUTCOMES.clear()
    started = time.perf_counter()
    for seed in range(args.seed, args.seed + args.cases):
        rng = random.Random(seed)
        case = mutations.random_case(rng)
        text = mutations.mutate_text(rng, rng.choice(texts))
        by_mutator[case.mutator] += 1
        begin = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
        try:
            problems = mutations.run_case(case, rng) + mutations.check_parsers(text)
        except _Timeout:
            problems = [f"timeout: over {args.timeout:g} s"]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - begin
        if elapsed > slowest[0]:
            slowest = (elapsed, case.name, seed)
        for problem in problems:
            failures[problem] += 1
            first_seed.setdefault(problem, seed)
        done = seed - args.seed + 1
        if args.progress and done % args.progress == 0:
            rate = done / (time.perf_counter() - started)
            print(f"  {done:,} cases, {sum(failures.values())} failures, {rate:.0f} cases/s")

    total = time.perf_counter() - started
    print(f"cases tried:      {args.cases:,} (seeds {args.seed}-{args.seed + args.cases - 1})")
    print(f"time:             {total:.1f} s ({args.cases / total:.0f} cases/s)")
    print("cases per mutator: " + ", ".join(f"{k} {v}" for k, v in sorted(by_mutator.items())))
    print(
        "command line:     " + ", ".join(f"{k} {v}" for k, v in sorted(mutations.OUTCOMES.items()))
    )
    print(f"failures:         {sum(failures.values())}")
    kinds = collections.Counter(problem.split(":")[0] for problem in failures.elements())
    for kind, count in kinds.most_common():
        print(f"  {kind}: {count}")
    for problem, count in failures.most_common():
        print(f"    {count:5} x {problem}  (first: --seed {first_seed[problem]})")
    print(f"slowest case:     {slowest[0]:.3f} s, {slowest[1]} (--seed {slowest[2]})")
    over = sum(1 for p in failures.elements() if p.startswith("timeout"))
    print(f"cases over {args.timeout:g} s: {over}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
