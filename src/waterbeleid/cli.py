"""The ``waterbeleid`` command line: thin argument parsing over the library.

Exit codes: 0 success (``validate``: every file valid); 1 a file has errors;
2 a usage error or a file that cannot be read. Bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waterbeleid._version import __version__
from waterbeleid.errors import WaterbeleidError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["main"]

EPILOG = """\
examples:
  waterbeleid validate examples/action_plan.yaml examples/discharges.csv
  waterbeleid validate --format json data/*.yaml
  waterbeleid assess examples/discharges.csv --format csv -o assessments.csv
  waterbeleid assess plans.yaml --tariff 2022=61.00
  waterbeleid assess plans.csv --ruleset de_dommel
  waterbeleid rulesets
  waterbeleid schema discharges > discharges.schema.json
  waterbeleid catalogue vito_action_plan --format json
  waterbeleid catalogue vito_action_plan --format xlsx -o plan.xlsx
  waterbeleid catalogue wbs_calendar --format csv --table agenda
  waterbeleid agenda wbs_calendar --format ics -o wbs.ics
  waterbeleid timeline vito_action_plan -o plan.svg --by lever

exit codes: 0 success, 1 a file has errors, 2 usage error or unreadable file
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # no traceback, exit 2 as documented
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from waterbeleid.catalogue import NAMES
    from waterbeleid.validation import KINDS

    parser = _Parser(
        prog="waterbeleid",
        description="Validate water-policy datasets, assess groundwater discharges, "
        "and export the packaged catalogues.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"waterbeleid {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser(
        "validate", help="validate dataset files (YAML, JSON, or CSV of discharges)"
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
    validate.add_argument("--kind", choices=list(KINDS), help="what a file holds (CSV: discharges)")
    validate.add_argument("-o", "--output", metavar="OUT", help="the workbook of --format xlsx")

    assess = commands.add_parser("assess", help="assess every discharge of a CSV/YAML/JSON file")
    assess.add_argument("file", metavar="FILE")
    assess.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    assess.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text")
    assess.add_argument(
        "--ruleset",
        metavar="NAME",
        help="a packaged ruleset (see `waterbeleid rulesets`) or a ruleset file (YAML/JSON); "
        "default: each discharge's water_board, else brabantse_delta",
    )
    assess.add_argument(
        "--tariff",
        action="append",
        default=[],
        metavar="YEAR=EUR",
        help="add the levy tariff per pollution unit of a year, e.g. 2022=61.00",
    )
    assess.add_argument(
        "--year", type=int, help="the tariff year for the levy (default: start year)"
    )

    rulesets = commands.add_parser(
        "rulesets", help="list the packaged discharge rulesets (water boards) and their versions"
    )
    rulesets.add_argument("--format", choices=["text", "json"], default="text")

    schema = commands.add_parser("schema", help="print the JSON Schema of a dataset kind")
    schema.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))

    catalogue = commands.add_parser("catalogue", help="print a packaged catalogue as a dataset")
    catalogue.add_argument("name", choices=list(NAMES), metavar="NAME", help=", ".join(NAMES))
    catalogue.add_argument("--format", choices=["yaml", "json", "csv", "xlsx"], default="yaml")
    catalogue.add_argument(
        "--table", metavar="TABLE", help="csv/xlsx: the table to write (csv: the main one)"
    )
    catalogue.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of stdout (xlsx: required)"
    )

    agenda = commands.add_parser(
        "agenda", help="list a calendar's agenda or a plan's milestones, or write them as iCalendar"
    )
    agenda.add_argument("name", metavar="NAME", help=f"{', '.join(NAMES[:2])} or a dataset file")
    agenda.add_argument("--format", choices=["text", "csv", "ics"], default="text")
    agenda.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    agenda.add_argument("--before", metavar="PERIOD", help="only what is due before, e.g. 2027")
    agenda.add_argument("--within", metavar="PERIOD", help="only what overlaps, e.g. 'Q3 2025 -'")

    timeline = commands.add_parser("timeline", help="draw a timeline picture (SVG, PNG, PDF)")
    timeline.add_argument("name", metavar="NAME", help=f"{', '.join(NAMES)} or a dataset file")
    timeline.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the picture, e.g. plan.svg"
    )
    timeline.add_argument("--by", help="group and colour by domain, lever, status, theme, …")
    timeline.add_argument("--today", metavar="QUARTER", help="the quarter to mark as now")
    timeline.add_argument("--horizon", metavar="PERIOD", help="where open bars fade out")
    return parser


def _cmd_validate(args: argparse.Namespace) -> int:
    from waterbeleid.validation import validate

    reports: list[dict[str, Any]] = []
    unreadable = False
    for name in args.files:
        try:
            report = validate(name, kind=args.kind)
        except WaterbeleidError as exc:
            unreadable = True
            reports.append(
                {
                    "path": name,
                    "valid": False,
                    "issues": [
                        {
                            "severity": "error",
                            "code": "unreadable",
                            "path": "$",
                            "message": str(exc),
                        }
                    ],
                }
            )
            continue
        entry = report.to_dict()
        entry["path"] = name
        reports.append(entry)
    valid = all(r["valid"] for r in reports)
    if args.output and args.format != "xlsx":
        raise WaterbeleidError("-o: expected --format xlsx; text and json go to standard output")
    if args.format == "xlsx":
        from waterbeleid.export import write_xlsx

        rows = [
            {"file": r["path"], "valid": r["valid"], **i}
            for r in reports
            for i in (r["issues"] or [{"severity": None, "code": None, "path": None}])
        ]
        write_xlsx({"issues": rows}, _binary_output(args))
    elif args.format == "json":
        files = [{k: r[k] for k in ("path", "valid", "issues")} for r in reports]
        print(json.dumps({"valid": valid, "files": files}, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            issues = r["issues"]
            errors = sum(1 for i in issues if i["severity"] == "error")
            status = "valid" if r["valid"] else "NOT valid"
            print(f"{r['path']}: {status} ({errors} error(s), {len(issues) - errors} warning(s))")
            for i in issues:
                print(f"  {i['severity']}: {i['path']}: {i['message']} [{i['code']}]")
    if unreadable:
        return 2
    return 0 if valid else 1


def _ruleset(args: argparse.Namespace) -> Any:
    """The ruleset of --ruleset (with --tariff added); ``None``: each discharge's board."""
    from waterbeleid.discharge.ruleset import default_ruleset, resolve

    rules = resolve(args.ruleset, None) if args.ruleset else None
    if not args.tariff:
        return rules
    if rules is None:
        rules = default_ruleset()
    for spec in args.tariff:
        year, sep, euros = spec.partition("=")
        if not sep or not year.strip().isdigit():
            raise WaterbeleidError(f"--tariff: expected YEAR=EUR like 2022=61.00, found {spec!r}")
        rules = rules.with_tariff(int(year), euros.strip(), source="--tariff on the command line")
    return rules


def _row(index: int, result: Any, year: int | None) -> dict[str, Any]:
    """One assessed discharge as output: the verdict and the violated rules first."""
    a = result.activity
    try:
        amount = result.levy(year)
    except WaterbeleidError:  # no tariff for the year: the basis says so
        amount = None
    volume = result.volume

    def enum(value: Any) -> str | None:
        return None if value is None else str(value.value)

    def day(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "row": index,
        "id": a.id,
        "verdict": result.verdict,
        "allowed": result.allowed,
        "violations": [str(v) for v in result.violations],
        "missing": list(result.missing),
        "origin": a.origin.value,
        "receiver": a.receiver.value,
        "authority": enum(result.authority),
        "water_board_obligation": enum(result.water_board_obligation),
        "levy_registration": result.levy_registration,
        "levy_applies": result.levy_applies,
        "volume": None if volume is None else f"{volume.m_as('m**3'):.10g} m³",
        "levy_eur": None if amount is None else str(amount),
        "levy_note": result.levy_basis(year),
        "end_day": day(a.end_day),
        "report_deadline": day(result.report_deadline),
        "assumptions": [
            f"{x.parameter} = {str(x.value).lower()} ({x.source})" for x in result.assumptions
        ],
        "alternatives": [
            {"receiver": alt.receiver.value, "verdict": str(alt).split(": ", 1)[1]}
            for alt in result.alternatives
        ],
    }


def _flat(value: Any) -> Any:
    """A value of a JSON row as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(
            f"{v['receiver']}: {v['verdict']}" if isinstance(v, dict) else str(v) for v in value
        )
    return value


def _cmd_assess(args: argparse.Namespace) -> int:
    from waterbeleid.discharge import assess
    from waterbeleid.validation import load, validate

    report = validate(args.file, kind="discharges")
    if not report.valid:
        print(str(report), file=sys.stderr)
        return 1
    dataset = load(args.file, kind="discharges")
    rules = _ruleset(args)
    results = [assess(activity, ruleset=rules) for activity in dataset.discharges]
    if args.format == "xlsx":
        from waterbeleid.discharge.table import assessment_records
        from waterbeleid.export import write_xlsx

        write_xlsx({"assessments": assessment_records(results, args.year)}, _binary_output(args))
        return 0
    rows = [_row(i, r, args.year) for i, r in enumerate(results)]
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["row"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
        text = buffer.getvalue()
    else:
        blocks = []
        for row, result in zip(rows, results, strict=True):
            title = f"# {row['row']}" + (f" ({row['id']})" if row["id"] else "")
            if row["levy_eur"] is not None and result.levy_applies:
                levy = f"levy: EUR {row['levy_eur']} ({row['levy_note']})"
            else:
                levy = f"levy: {row['levy_note']}"
            blocks.append(f"{title}\n{result.explain('en')}\n{levy}")
        text = "\n\n".join(blocks) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_rulesets(args: argparse.Namespace) -> int:
    from waterbeleid.discharge import rulesets

    def day(value: Any) -> str | None:
        return None if value is None else str(value)

    found: list[dict[str, Any]] = [
        {
            "name": r.name,
            "water_board": r.water_board,
            "valid_from": day(r.valid_from),
            "valid_to": day(r.valid_to),
            "versions": [
                {"name": v.name, "valid_from": day(v.valid_from), "valid_to": day(v.valid_to),
                 "title": v.title}
                for v in r.versions
            ],
            "sources": [{"title": d.title, "address": d.address} for d in r.sources],
        }
        for r in rulesets()
    ]  # fmt: skip
    if args.format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for entry in found:
        print(f"{entry['name']}: {entry['water_board']}")
        for version in entry["versions"]:
            until = version["valid_to"] or "…"
            print(f"  {version['name']}: {version['valid_from']} – {until}: {version['title']}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from waterbeleid.validation.schema import json_schema

    print(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2))
    return 0


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from waterbeleid._io import dump_yaml
    from waterbeleid.catalogue import load
    from waterbeleid.serialize import unstructure

    dataset = load(args.name)
    if args.format == "xlsx":
        from waterbeleid.export import write_xlsx

        write_xlsx(dataset, _binary_output(args), tables=[args.table] if args.table else None)
        return 0
    if args.format == "csv":
        from waterbeleid.export import write_csv

        _write_text(args, write_csv(dataset, table=args.table) or "")
        return 0
    if args.table:
        raise WaterbeleidError("--table: expected --format csv or xlsx")
    data = unstructure(dataset)
    if args.format == "json":
        _write_text(args, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_text(args, dump_yaml(data))
    return 0


def _write_text(args: argparse.Namespace, text: str) -> None:
    if getattr(args, "output", None):
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)


def _binary_output(args: argparse.Namespace) -> Path:
    if not args.output:
        raise WaterbeleidError(f"--format {args.format} writes a file: give -o FILE")
    return Path(args.output)


def _dataset(name: str) -> Any:
    """A packaged catalogue by name, or a dataset file."""
    from waterbeleid.catalogue import NAMES, load

    if name in NAMES:
        return load(name)
    from waterbeleid.validation import load as load_file

    return load_file(name)


def _cmd_agenda(args: argparse.Namespace) -> int:
    from waterbeleid.export import events, to_ics, write_csv

    dataset = _dataset(args.name)
    label = Path(args.name).stem if args.name.endswith((".yaml", ".yml", ".json")) else args.name
    options = {"name": label, "before": args.before, "within": args.within}
    if args.format == "ics":
        data = to_ics(dataset, **options)
        if args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    found = sorted(events(dataset, **options), key=lambda e: e.day)
    if args.format == "csv":
        rows = [
            {"day": e.day, "summary": e.summary, "uid": e.uid, "description": e.description}
            for e in found
        ]
        _write_text(args, write_csv({"agenda": rows}) or "")
    else:
        _write_text(args, "".join(f"{e.day}  {e.summary}\n" for e in found))
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from waterbeleid.plot import timeline

    ax = timeline(_dataset(args.name), by=args.by, today=args.today, horizon=args.horizon)
    figure: Figure = ax.figure  # type: ignore[assignment]
    try:
        figure.savefig(args.output)
    except ValueError as exc:  # an unknown picture format
        raise WaterbeleidError(f"-o {args.output}: {exc}") from None
    finally:
        plt.close(figure)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {
        "validate": _cmd_validate,
        "assess": _cmd_assess,
        "rulesets": _cmd_rulesets,
        "schema": _cmd_schema,
        "catalogue": _cmd_catalogue,
        "agenda": _cmd_agenda,
        "timeline": _cmd_timeline,
    }
    try:
        return handlers[args.command](args)
    except (WaterbeleidError, TypeError) as exc:
        print(f"waterbeleid {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # an optional extra that is not installed
        print(
            f"waterbeleid {args.command}: error: {exc.name or exc} is not installed; "
            "install waterbeleid[analysis]",
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `waterbeleid catalogue ... | head`
        return 0
    except OSError as exc:
        print(f"waterbeleid {args.command}: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
