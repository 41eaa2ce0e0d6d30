"""Mutations of the example files, as an attacker and a careless user would make them.

Shared by the fuzz tests (``tests/test_fuzz.py``, a few hundred cases drawn by
hypothesis) and the fuzz script (``benchmarks/fuzz.py``, tens of thousands). A case is
made from an example file, a mutator and a :class:`random.Random`, so it is reproducible
from its seed. :func:`check_library` and :func:`check_cli` run a case and return the
problems found: an exception that is not a ``WaterbeleidError``, an exit code other than
0, 1 or 2, a traceback or an internal error in the output, output that UTF-8 cannot encode.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import csv
import datetime as dt
import io
import json
import math
import random
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
#: Every dataset file among the examples (valid and broken), as (name, suffix, bytes).
EXAMPLES: list[tuple[str, str, bytes]] = sorted(
    (str(p.relative_to(EXAMPLES_DIR)), p.suffix, p.read_bytes())
    for p in EXAMPLES_DIR.rglob("*")
    if p.suffix in (".yaml", ".yml", ".json", ".csv")
)
#: The packaged ruleset, given to ``assess --ruleset`` (the command line only: what the
#: discharge engine does with an absurd ruleset of one's own is its own concern).
RULESET = (
    "ruleset brabantse_delta.yaml",
    ".yaml",
    (
        EXAMPLES_DIR.parent / "src" / "waterbeleid" / "discharge" / "rules" / "brabantse_delta.yaml"
    ).read_bytes(),
)


@dataclass(frozen=True)
class Case:
    """One mutated input: where it came from, how it was mutated, and its bytes."""

    example: str
    mutator: str
    suffix: str
    data: bytes

    @property
    def name(self) -> str:
        return f"{self.example} / {self.mutator}"


# -- values ---------------------------------------------------------------------------------

STRINGS = [
    "",
    " ",
    "\x00",
    "\ud800",
    "\udfff",
    "a\ud83dz",
    "\u202eevil",
    "\u200b",
    "e\u0301",
    "\U0001f4a7",
    "\u2028",
    "\r\n",
    "\t=1+1",
    "x" * 5000,
    '=HYPERLINK("http://example.invalid","x")',
    "+1+2",
    "-2+3",
    "@SUM(1+1)",
    "-",
    "'",
    '"',
    "5 +1",
    "5 m/0",
    "5 h^0",
    "3 -",
    "5 m{",
    "5 m3/h/",
    "5 (m3)",
    "5 m3 h",
    "5 m3**99",
    "5 kg·m²/s⁻⁰",
    "1e306 m3/h",
    "1e300 h",
    "9000 jaar",
    "999 jaar",
    "1" * 310 + " m3/h",
    "-0 m3/h",
    "nan m3/h",
    "inf h",
    "1.000 m3",
    "1,2,3 l/s",
    "5e999 mg/l",
    "5 °C",
    "5 %",
    "5 pi",
    "5 1/h",
    "Q5 2024",
    "Q4 9999 - ...",
    "0000Q1",
    "9999Q4",
    "Q1 0001",
    "2024/9999",
    "9999/10000",
    "9999",
    "Doorlopend vanaf Q4 9999",
    "uiterlijk Q4 9999",
    "in 9999, tegen 0001",
    "te bepalen",
    "٢٠٢٤",
    "Q3 ٢٠٢٤",
    "9999-12-31",
    "0001-01-01",
    "2021-02-30",
    "2021-13-01",
    "99999-01-01",
    "bronnering",
    "vuilwaterriool",
    "discharges",
    "action_plan",
    "true",
    "nee",
]

NUMBERS = [
    0,
    -1,
    1,
    2**31,
    2**63,
    10**30,
    -(10**30),
    10**400,
    1.5,
    -0.0,
    1e-320,
    1e308,
    -1e308,
    math.inf,
    -math.inf,
    math.nan,
]

NUMBER_TEXTS = [
    "0",
    "-1",
    "-0",
    "00",
    ".5",
    "5.",
    "1e308",
    "1e309",
    "1e-400",
    "9" * 400,
    "1" * 5000,
    "1.000",
    "1.000.000",
    "1,5",
    "1,5,3",
    "0x10",
    "1_000",
    "NaN",
    "inf",
    "-inf",
    "+5",
    "5e",
    "9999",
    "10000",
    "99999",
]

CHARACTERS = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\xa0",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\u202e",
    "\u2028",
    "\u0301",
    "\U0001f4a7",
    "\ud800",
    "\t",
    "\r",
    "\n",
    "'",
    '"',
    ",",
    ";",
    ":",
    "-",
    "#",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    "\\",
]


def nasty_value(rng: random.Random, depth: int = 0) -> Any:
    """A value of any type that a dataset may be given instead of the right one."""
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return rng.choice(STRINGS)
    if kind == 1:
        return rng.choice(NUMBERS)
    if kind == 2:
        return rng.choice([None, True, False])
    if kind == 3:
        return rng.choice([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2021, 3, 1)])
    if kind == 4:
        return "".join(rng.choice(CHARACTERS + list("abcQ0123 ")) for _ in range(rng.randrange(12)))
    if kind == 5:
        return rng.choice(STRINGS) + rng.choice(CHARACTERS)
    if kind == 6:
        return [nasty_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 7:
        return {
            rng.choice(["kind", "magnitude", "units", "code", "x", "flow", ""]): nasty_value(
                rng, depth + 1
            )
            for _ in range(rng.randrange(4))
        }
    return {"magnitude": rng.choice([*NUMBERS, "5"]), "units": rng.choice(["m3/h", "m/0", 5])}


# -- helpers --------------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _load(suffix: str, data: bytes) -> Any:
    text = _text(data)
    if suffix == ".json":
        return json.loads(text)
    if suffix == ".csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    return yaml.safe_load(text)


def _dump(suffix: str, value: Any, rng: random.Random) -> bytes:
    if suffix == ".json":
        return json.dumps(value, default=str, ensure_ascii=rng.random() < 0.5, indent=2).encode(
            "utf-8", "surrogatepass"
        )
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in value:
            writer.writerow(row if isinstance(row, list) else [row])
        return buffer.getvalue().encode("utf-8", "surrogatepass")
    text = yaml.safe_dump(
        value,
        allow_unicode=rng.random() < 0.5,
        default_flow_style=rng.random() < 0.2,
        sort_keys=False,
    )
    return text.encode("utf-8", "surrogatepass")


def _slots(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) pair of a loaded document."""
    if isinstance(value, dict):
        for key in list(value):
            yield value, key
            yield from _slots(value[key], (*path, key))
    elif isinstance(value, list):
        for index in range(len(value)):
            yield value, index
            yield from _slots(value[index], (*path, index))


def _pick_slot(rng: random.Random, tree: Any) -> tuple[Any, Any] | None:
    slots = list(_slots(tree))
    return rng.choice(slots) if slots else None


# -- mutators: each takes (rng, suffix, data) and returns new bytes ---------------------------

Mutator = Callable[[random.Random, str, bytes], bytes]


def bytes_flip(rng: random.Random, suffix: str, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def bytes_splice(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Delete, duplicate or insert a span of bytes, or cut the file short."""
    if not data:
        return b"\xff"
    i, j = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    choice = rng.randrange(4)
    if choice == 0:
        return data[:i] + data[j:]
    if choice == 1:
        return data[:j] + data[i:j] * rng.randrange(1, 50) + data[j:]
    if choice == 2:
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        return data[:i] + junk + data[i:]
    return data[:i]


def structure_replace(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Replace a value (a leaf or a whole subtree) with a value of another kind."""
    tree = _load(suffix, data)
    slot = _pick_slot(rng, tree)
    if slot is None:
        return _dump(suffix, nasty_value(rng), rng)
    container, key = slot
    value = nasty_value(rng)
    if suffix == ".csv":
        value = value if isinstance(value, str) else str(value)
    container[key] = value
    return _dump(suffix, tree, rng)


def structure_shape(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Delete a key or item, duplicate items, wrap a value, add an unknown key, change kind."""
    tree = _load(suffix, data)
    slot = _pick_slot(rng, tree)
    if slot is None:
        return data
    container, key = slot
    choice = rng.randrange(6)
    if suffix == ".csv":
        rows = tree
        row = rows[rng.randrange(len(rows))] if rows else []
        if choice == 0 and row:
            row.pop()  # a row shorter than the header (Excel drops trailing empty cells)
        elif choice == 1:
            row.append(rng.choice(STRINGS))
        elif choice == 2 and rows:
            rows.extend(copy.deepcopy(rows[1:]) * rng.randrange(1, 20))
        elif choice == 3 and rows:
            rows[0] = [*rows[0], rows[0][0] if rows[0] else "id"]  # a duplicate header
        elif choice == 4 and rows:
            rows.insert(1, [])
        else:
            rows[:] = rows[:1]
        return _dump(suffix, rows, rng)
    if choice == 0:
        del container[key]
    elif choice == 1 and isinstance(container, list):
        container.extend(copy.deepcopy(container) * rng.randrange(1, 5))
    elif choice == 2:
        container[key] = [container[key]] if rng.random() < 0.5 else {"value": container[key]}
    elif choice == 3 and isinstance(container, dict):
        container[rng.choice(["colour", "kind", "", "x" * 100, "discharges"])] = nasty_value(rng)
    elif choice == 4 and isinstance(tree, dict):
        tree["kind"] = rng.choice(
            [["discharges"], {}, 5, None, True, "Discharges", "discharges ", "work_tables"]
        )
    else:
        tree = rng.choice([[tree], None, "text", 5, []])
    return _dump(suffix, tree, rng)


_NUMBER_IN_TEXT = re.compile(rb"[0-9]+(?:[.,][0-9]+)?")


def numbers_extreme(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Replace numbers in the text (magnitudes, dates, years, quarters) with extreme ones."""
    found = list(_NUMBER_IN_TEXT.finditer(data))
    if not found:
        return data
    out = data
    for match in sorted(rng.sample(found, min(len(found), rng.randrange(1, 4))), reverse=True):
        replacement = rng.choice(NUMBER_TEXTS).encode()
        out = out[: match.start()] + replacement + out[match.end() :]
    return out


def unicode_insert(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Insert odd characters (controls, surrogates, bidi overrides, emoji, long runs of
    spaces) into strings."""
    text = _text(data)
    for _ in range(rng.randrange(1, 6)):
        position = rng.randrange(len(text) + 1)
        char = rng.choice(CHARACTERS) if rng.random() < 0.8 else chr(rng.randrange(0x110000))
        if rng.random() < 0.05:
            char = rng.choice([" ", "\t", "\u00a0"]) * rng.choice([100, 5000, 50_000])
        if suffix == ".json" and 0xD800 <= ord(char) <= 0xDFFF:
            char = f"\\u{ord(char):04x}"  # as JSON writes a lone surrogate
        text = text[:position] + char + text[position:]
    return text.encode("utf-8", "surrogatepass")


def encodings(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """The same text in another encoding, with another byte order mark or line ending."""
    text = _text(data)
    choice = rng.randrange(8)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.encode("utf-16-le")
    if choice == 2:
        return text.encode("utf-32")
    if choice == 3:
        return text.encode("latin-1", "replace")
    if choice == 4:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if choice == 5:
        return data.replace(b"\n", b"\r\n")
    if choice == 6:
        return data.replace(b"\n", b"\r")
    return text.encode("cp1252", "replace")


_TAGS = [
    "!!binary",
    "!!bool",
    "!!int",
    "!!float",
    "!!timestamp",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!!str",
    "!!null",
    "!!merge",
    "!!python/object:os.system",
    "!custom",
    "!",
]


def _bomb(width: int, levels: int) -> str:
    lines = [f"b0: &b0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"b{level}: &b{level} [{', '.join([f'*b{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def yaml_features(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Anchors and aliases (shared, recursive, bombs), tags, documents, directives, nesting."""
    text = _text(data)
    choice = rng.randrange(9)
    if choice == 0:  # a value shared: the dumper writes an anchor and aliases
        tree = yaml.safe_load(text)
        slots = list(_slots(tree))
        if len(slots) >= 2:
            (a, ka), (b, kb) = rng.sample(slots, 2)
            with contextlib.suppress(KeyError, IndexError, TypeError):
                b[kb] = a[ka]
        return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True).encode()
    if choice == 1:  # a recursive structure
        tree = yaml.safe_load(text)
        slot = _pick_slot(rng, tree)
        if slot is not None:
            container, key = slot
            container[key] = container
        return yaml.dump(tree, Dumper=yaml.SafeDumper, sort_keys=False).encode()
    if choice == 2:  # an alias bomb, at the top, or used as the value of a field
        levels = rng.randrange(2, 10)
        bomb = _bomb(rng.randrange(2, 10), levels)
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if re.search(r":\s+\S", line)]
        if candidates and rng.random() < 0.7:
            i = rng.choice(candidates)
            lines[i] = lines[i].partition(": ")[0] + f": *b{levels - 1}"
        return (bomb + "\n".join(lines)).encode("utf-8")
    if choice == 3:  # a tag before a value
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if re.search(r":\s+\S", line)]
        if candidates:
            i = rng.choice(candidates)
            key, _, value = lines[i].partition(": ")
            lines[i] = f"{key}: {rng.choice(_TAGS)} {value}"
        return "\n".join(lines).encode("utf-8")
    if choice == 4:
        return (text + "\n---\n" + text).encode("utf-8")
    if choice == 5:
        head = rng.choice(["%YAML 1.1\n---\n", "%YAML 9.9\n---\n", "%TAG ! tag:evil,2000:\n---\n"])
        return (head + text).encode("utf-8")
    if choice == 6:
        depth = rng.choice([50, 99, 100, 101, 1000, 20000])
        return (text + f"\nnested: {'[' * depth}{']' * depth}\n").encode("utf-8")
    if choice == 7:  # a merge key and a complex key
        extra = rng.choice(
            [
                "\nbase: &base {origin: bronnering}\nmerged: {<<: *base, receiver: bodem}\n",
                "\n? [a, b]\n: c\n",
                "\n? {a: 1}\n: c\n",
                "\nalias_first: *nowhere\n",
                "\nx: &x [*x]\n",
            ]
        )
        return (text + extra).encode("utf-8")
    return text.replace("\n", "\n" + " " * rng.randrange(1, 4), 1).encode("utf-8")


def csv_features(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """Short and long rows, other separators, quotes, formula cells, huge and NUL cells."""
    text = _text(data)
    lines = text.split("\n")
    choice = rng.randrange(8)
    if choice == 0 and len(lines) > 1:  # drop trailing cells of one row
        i = rng.randrange(1, len(lines))
        lines[i] = lines[i].rsplit(",", rng.randrange(1, 4))[0]
    elif choice == 1 and len(lines) > 1:
        i = rng.randrange(1, len(lines))
        lines[i] += "," * rng.randrange(1, 4)
    elif choice == 2:
        lines = [line.replace(",", ";") for line in lines]
    elif choice == 3 and len(lines) > 1:
        i = rng.randrange(1, len(lines))
        lines[i] = '"' + lines[i]
    elif choice == 4 and len(lines) > 1:
        i = rng.randrange(1, len(lines))
        cells = lines[i].split(",")
        cells[0] = rng.choice(['"=HYPERLINK(""http://x"")"', "+1+2", "@SUM(1+1)", "-2+3", "=1"])
        lines[i] = ",".join(cells)
    elif choice == 5 and len(lines) > 1:
        i = rng.randrange(1, len(lines))
        lines[i] = lines[i].replace(",", "," + "x" * rng.choice([1000, 200_000]), 1)
    elif choice == 6:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", ",,,,", "\x00", "#"]))
    else:
        lines[0] = rng.choice(["", "id", "id,id", lines[0] + ",extra", lines[0].upper()])
    return "\n".join(lines).encode("utf-8")


def json_features(rng: random.Random, suffix: str, data: bytes) -> bytes:
    """NaN and Infinity, deep nesting, duplicate keys, huge numbers, lone surrogates."""
    text = _text(data)
    choice = rng.randrange(6)
    if choice == 0:
        return text.replace(
            "{", '{"x": ' + rng.choice(["NaN", "Infinity", "-Infinity"]) + ", ", 1
        ).encode()
    if choice == 1:
        depth = rng.choice([99, 101, 5000, 100_000])
        return text.replace("{", '{"deep": ' + "[" * depth + "]" * depth + ", ", 1).encode()
    if choice == 2:
        return text.replace("{", '{"kind": "x", ', 1).encode()
    if choice == 3:
        number = rng.choice(["1" * 5000, "1e400", "-1e400", "1" * 4000 + ".5"])
        return text.replace("{", '{"n": ' + number + ", ", 1).encode()
    if choice == 4:
        return re.sub(r'"([^"]{2,})"', r'"\\ud800\1"', text, count=rng.randrange(1, 5)).encode()
    return (text.rstrip().rstrip("}") + ",}").encode()


MUTATORS: dict[str, Mutator] = {
    "bytes.flip": bytes_flip,
    "bytes.splice": bytes_splice,
    "structure.replace": structure_replace,
    "structure.shape": structure_shape,
    "numbers.extreme": numbers_extreme,
    "unicode.insert": unicode_insert,
    "encodings": encodings,
    "yaml.features": yaml_features,
    "csv.features": csv_features,
    "json.features": json_features,
}
_FOR_FORMAT = {
    "yaml.features": (".yaml", ".yml"),
    "csv.features": (".csv",),
    "json.features": (".json",),
}


def applicable(mutator: str, suffix: str) -> bool:
    return suffix in _FOR_FORMAT.get(mutator, (suffix,))


def make_case(example: tuple[str, str, bytes], mutator: str, rng: random.Random) -> Case:
    """Mutate *example* with *mutator* (a format-specific mutator on another format is the
    identity); a mutator that cannot parse an already broken file returns it unchanged."""
    name, suffix, data = example
    try:
        mutated = MUTATORS[mutator](rng, suffix, data) if applicable(mutator, suffix) else data
    except (ValueError, TypeError, KeyError, IndexError, yaml.YAMLError, RecursionError):
        mutated = data
    return Case(example=name, mutator=mutator, suffix=suffix, data=mutated)


def random_case(rng: random.Random) -> Case:
    example = RULESET if rng.random() < 0.05 else rng.choice(EXAMPLES)
    names = [m for m in MUTATORS if applicable(m, example[1])]
    return make_case(example, rng.choice(names), rng)


# -- checks ---------------------------------------------------------------------------------


def _where(exc: BaseException) -> str:
    """``Type at file:line`` of the innermost waterbeleid frame (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "waterbeleid" in f.filename] or frames
    if not ours:
        return type(exc).__name__
    frame = ours[-1]
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"


def check_library(path: Path) -> list[str]:
    """Validate, load, assess and print a file through the library; the problems found."""
    import waterbeleid as wb
    from waterbeleid.serialize import unstructure
    from waterbeleid.validation import load

    try:
        report = wb.validate(path)
        str(report)
        report.to_dict()
        if not report.valid:
            return []
        dataset = load(path)
        json.dumps(unstructure(dataset), default=str)
        for activity in getattr(dataset, "discharges", ()):
            result = wb.assess(activity)
            result.explain("nl")
            str(result)
            with contextlib.suppress(wb.WaterbeleidError):
                result.levy()
    except wb.WaterbeleidError:
        return []
    except Exception as exc:
        return [f"library: {_where(exc)}: {str(exc)[:100]!r}"]
    return []


class _Utf8Output(io.StringIO):
    """Standard output or error that fails, as a UTF-8 terminal would, on a lone surrogate."""

    def write(self, text: str) -> int:
        text.encode("utf-8")
        return super().write(text)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    from waterbeleid.cli import main

    out, err = _Utf8Output(), _Utf8Output()
    saved = sys.stdin
    sys.stdin = _Stdin(stdin)  # type: ignore[assignment]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def check_cli(path: Path, rng: random.Random, workdir: Path) -> list[str]:
    """Run ``validate`` or ``assess`` (with a random output format, stdin or ``-o``) on a
    file; the problems found."""
    fmt = {".yml": "yaml"}.get(path.suffix, path.suffix.lstrip("."))
    command = rng.choice(["validate", "assess"])
    argv = [command]
    stdin = b""
    if rng.random() < 0.2:
        argv += ["-", "--input-format", fmt]
        stdin = path.read_bytes()
    else:
        argv.append(str(path))
    if command == "assess":
        argv += ["--format", rng.choice(["text", "json", "csv"])]
        if rng.random() < 0.3:
            argv += ["--csv-dialect", "nl"]
        if rng.random() < 0.2:
            argv += ["-o", str(workdir / "out.txt")]
        if rng.random() < 0.2:
            argv += ["--fail-on", rng.choice(["not-allowed", "undecided"])]
    else:
        argv += rng.choice([[], ["--format", "json"], ["--strict"], ["-q"]])
    try:
        code, _, err = run_cli(argv, stdin)
    except Exception as exc:  # a traceback would have been shown
        return [f"cli {command}: uncaught {_where(exc)}: {str(exc)[:100]!r}"]
    OUTCOMES[f"{command} exit {code}"] += 1
    problems = []
    if code not in (0, 1, 2):
        problems.append(f"cli {command}: exit code {code}")
    if "Traceback" in err or "internal error" in err:
        line = next((x for x in err.splitlines() if "internal error" in x), err[-200:])
        problems.append(f"cli {command}: {line[:160]}")
    return problems


#: How the command line ended, over the cases run in this process ("assess exit 0": 123).
OUTCOMES: collections.Counter[str] = collections.Counter()


def check_ruleset(path: Path, rng: random.Random) -> list[str]:
    """``assess --ruleset`` with a mutated ruleset file; the problems found."""
    argv = ["assess", str(EXAMPLES_DIR / "discharges.csv"), "--ruleset", str(path)]
    argv += ["--format", rng.choice(["text", "json", "csv"])]
    if rng.random() < 0.3:
        argv += ["--tariff", f"2021={rng.choice(['0', '61.00', '1000000'])}"]
    try:
        code, _, err = run_cli(argv)
    except Exception as exc:
        return [f"cli assess --ruleset: uncaught {_where(exc)}: {str(exc)[:100]!r}"]
    OUTCOMES[f"assess --ruleset exit {code}"] += 1
    if code not in (0, 1, 2) or "Traceback" in err or "internal error" in err:
        return [f"cli assess --ruleset: exit {code}: {err.strip()[-160:]}"]
    return []


def run_case(case: Case, rng: random.Random) -> list[str]:
    """Write the case to a temporary file and run the checks."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case{case.suffix}"
        path.write_bytes(case.data)
        if case.example == RULESET[0]:
            return check_ruleset(path, rng)
        return check_library(path) + check_cli(path, rng, Path(tmp))


PARSED_TEXTS: list[str] = []


def parser_texts() -> list[str]:
    """Every string of the example files (quantities, timings, codes...) and the nasty ones."""
    if not PARSED_TEXTS:
        found: set[str] = set(STRINGS)
        for _, suffix, data in EXAMPLES:
            try:
                tree = _load(suffix, data)
            except (ValueError, yaml.YAMLError):
                continue
            stack = [tree]
            while stack:
                value = stack.pop()
                if isinstance(value, str):
                    found.add(value)
                elif isinstance(value, dict):
                    stack.extend(value.values())
                elif isinstance(value, list):
                    stack.extend(value)
        PARSED_TEXTS.extend(sorted(found))
    return PARSED_TEXTS


def mutate_text(rng: random.Random, text: str) -> str:
    """A string mutated by characters, numbers and operators."""
    choice = rng.randrange(5)
    if choice == 0 and text:
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(CHARACTERS + list("+-*/^()0123456789.,eE ")) + text[i + 1 :]
    if choice == 1:
        return re.sub(r"[0-9]+", lambda _: rng.choice(NUMBER_TEXTS), text, count=1)
    if choice == 2:
        return text + rng.choice([" +1", "/0", "^0", "**-1", " -", "{", "(", " 5", "²", "⁻¹"])
    if choice == 3:
        if rng.random() < 0.5 and text:
            i = rng.randrange(len(text) + 1)
            return text[:i] + " " * rng.choice([10, 1000, 20_000]) + text[i:]
        return text * rng.randrange(2, 50)
    return "".join(rng.choice(CHARACTERS + list(text or "x")) for _ in range(rng.randrange(20)))


def check_parsers(text: str) -> list[str]:
    """The public parsers raise only WaterbeleidError subclasses."""
    import waterbeleid as wb

    problems = []
    for name, parse in (
        ("flow", wb.flow),
        ("duration", wb.duration),
        ("concentration", wb.concentration),
        ("volume", wb.volume),
        ("parse_quantity", wb.parse_quantity),
        ("parse_timing", wb.parse_timing),
        ("Quarter.parse", wb.Quarter.parse),
    ):
        try:
            parse(text)
        except wb.WaterbeleidError:
            pass
        except Exception as exc:
            problems.append(f"{name}: {_where(exc)}: {str(exc)[:100]!r}")
    return problems
