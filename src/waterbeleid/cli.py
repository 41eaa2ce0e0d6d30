"""The ``waterbeleid`` command line: thin argument parsing over the library.

Exit codes: 0 success (``validate``: every file valid); 1 a file has errors (or, with
``--strict`` or ``--fail-on``, warnings or verdicts asked to fail); 2 a usage error or a
file that cannot be read; 130 interrupted (Ctrl-C). Bad input never shows a traceback:
every failure is one line on standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import decimal
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waterbeleid._output import DIALECTS, csv_text, json_text, printable, printable_lines
from waterbeleid._version import __version__
from waterbeleid.errors import WaterbeleidError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["main"]

EPILOG = """\
examples:
  waterbeleid validate examples/action_plan.yaml examples/discharges.csv
  waterbeleid validate --format json --strict data/*.yaml
  waterbeleid assess examples/discharges.csv --format csv -o assessments.csv
  waterbeleid assess examples/discharges.csv --format csv --csv-dialect nl -o voor-excel.csv
  waterbeleid assess - --input-format csv --fail-on not-allowed < discharges.csv
  waterbeleid assess plans.yaml --tariff 2022=61.00
  waterbeleid assess examples/discharges.yaml --lang nl
  waterbeleid assess plans.csv --ruleset de_dommel
  waterbeleid rulesets
  waterbeleid rulesets --format csv --csv-dialect nl -o rulesets.csv
  waterbeleid schema discharges > discharges.schema.json
  waterbeleid schema assessment > assessment.schema.json
  waterbeleid catalogue vito_action_plan --format json
  waterbeleid catalogue vito_action_plan --format xlsx -o plan.xlsx
  waterbeleid catalogue wbs_calendar --format csv --table agenda
  waterbeleid agenda wbs_calendar --format ics -o wbs.ics
  waterbeleid timeline vito_action_plan -o plan.svg --by lever

exit codes: 0 success, 1 a file has errors (or --strict/--fail-on failed),
            2 usage error or unreadable file, 130 interrupted
"""

#: The most a --tariff may be, in euros per pollution unit: with the largest volume that
#: waterbeleid.units.BOUNDS allows, the levy still fits the precision of decimal.
MAX_TARIFF = decimal.Decimal(1_000_000)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # no traceback, exit 2 as documented
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _add_quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing on standard output; the exit code tells (errors still on stderr)",
    )


def _add_input_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input-format",
        choices=["csv", "yaml", "json"],
        help="the format of the input, needed for - (standard input); default: the suffix",
    )


def _add_row_by_row(parser: argparse.ArgumentParser) -> None:
    """A hidden switch: read a CSV file whole rather than stream it (the streamed path is
    checked against it)."""
    parser.add_argument("--row-by-row", action="store_true", help=argparse.SUPPRESS)


def _add_output(parser: argparse.ArgumentParser) -> None:
    """-o, --csv-dialect and --raw-csv: the options of every command that writes a table."""
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument(
        "--csv-dialect",
        choices=list(DIALECTS),
        default="en",
        help="CSV for English (comma, default) or Dutch-language Excel "
        "(nl: semicolon, decimal comma, UTF-8 byte order mark)",
    )
    parser.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV cells as they are: no leading ' before text that a spreadsheet "
        "would run as a formula (=, +, -, @)",
    )


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
    validate.add_argument("files", nargs="+", metavar="FILE", help="files; - for stdin")
    validate.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
    validate.add_argument("--kind", choices=list(KINDS), help="what a file holds (CSV: discharges)")
    validate.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings as on errors"
    )
    validate.add_argument("-o", "--output", metavar="OUT", help="the workbook of --format xlsx")
    _add_input_format(validate)
    _add_quiet(validate)
    _add_row_by_row(validate)

    assess = commands.add_parser("assess", help="assess every discharge of a CSV/YAML/JSON file")
    assess.add_argument("file", metavar="FILE", help="a file of discharges; - for stdin")
    assess.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text")
    _add_output(assess)
    _add_input_format(assess)
    assess.add_argument(
        "--fail-on",
        action="append",
        choices=["not-allowed", "undecided"],
        default=[],
        help="exit 1 when any discharge is not allowed, or undecided (repeat for both)",
    )
    _add_quiet(assess)
    assess.add_argument(
        "--lang",
        choices=["en", "nl"],
        default="en",
        help="the language of the explanation (text) and of the texts in json and csv; "
        "codes and field names stay English (default: en)",
    )
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
    _add_row_by_row(assess)

    rulesets = commands.add_parser(
        "rulesets", help="list the packaged discharge rulesets (water boards) and their versions"
    )
    rulesets.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _add_output(rulesets)
    _add_quiet(rulesets)

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a dataset kind, a record or an assessment"
    )
    schema.add_argument(
        "kind",
        metavar="NAME",
        help=f"a dataset kind ({', '.join(KINDS)}), assessment (the JSON of assess), or a "
        "record: discharge, action_line, … (all: waterbeleid schema --list)",
        nargs="?",
    )
    schema.add_argument("--list", action="store_true", help="list the names and exit")

    catalogue = commands.add_parser("catalogue", help="print a packaged catalogue as a dataset")
    catalogue.add_argument("name", choices=list(NAMES), metavar="NAME", help=", ".join(NAMES))
    catalogue.add_argument("--format", choices=["yaml", "json", "csv", "xlsx"], default="yaml")
    catalogue.add_argument(
        "--table", metavar="TABLE", help="csv/xlsx: the table to write (csv: the main one)"
    )
    _add_output(catalogue)

    agenda = commands.add_parser(
        "agenda", help="list a calendar's agenda or a plan's milestones, or write them as iCalendar"
    )
    agenda.add_argument("name", metavar="NAME", help=f"{', '.join(NAMES[:2])} or a dataset file")
    agenda.add_argument("--format", choices=["text", "csv", "ics"], default="text")
    _add_output(agenda)
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


def _shown_name(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _read(name: str, args: argparse.Namespace, kind: str | None) -> Any:
    """The data of a file, or of standard input for ``-`` (which needs --input-format)."""
    from waterbeleid.validation import read

    if name == "-" and args.input_format is None:
        raise WaterbeleidError("-: reading standard input needs --input-format csv, yaml or json")
    return read(name, fmt=args.input_format, kind=kind)


def _one_stdin(names: Sequence[str]) -> None:
    if list(names).count("-") > 1:
        raise WaterbeleidError("expected - (standard input) at most once")


def _cmd_validate(args: argparse.Namespace) -> int:
    from waterbeleid.validation import validate_data

    _one_stdin(args.files)
    reports: list[dict[str, Any]] = []
    unreadable = False
    for name in args.files:
        shown = _shown_name(name)
        try:
            if _streams(name, args, args.kind):
                reports.append(_validate_streamed(name, args))
                continue
            data = _read(name, args, args.kind)
            report = validate_data(data, path=shown, kind=args.kind)[0]
        except WaterbeleidError as exc:
            unreadable = True
            if args.quiet:
                _say("validate", f"error: {exc}")
            reports.append(
                {
                    "path": shown,
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
        entry["path"] = shown
        reports.append(entry)
    valid = all(r["valid"] for r in reports)
    warned = any(
        r["warned"] if "warned" in r else any(i["severity"] == "warning" for i in r["issues"])
        for r in reports
    )
    if args.output and args.format != "xlsx":
        raise WaterbeleidError("-o: expected --format xlsx; text and json go to standard output")
    if args.format == "xlsx":
        from waterbeleid.export import write_xlsx

        rows = [
            {"file": r["path"], "valid": r["valid"], **i}
            for r in reports
            for i in (list(r["issues"]) or [{"severity": None, "code": None, "path": None}])
        ]
        _write(args, _workbook(args, {"issues": rows}, write_xlsx), inputs=args.files)
    elif args.quiet:
        pass
    elif args.format == "json":
        _reports_json(valid, reports)
    else:
        from waterbeleid._stream import shown_issue

        for r in reports:
            issues = r["issues"]
            if "errors" in r:  # counted as the issues were found (a streamed file)
                errors = r["errors"]
            else:
                errors = sum(1 for i in issues if i["severity"] == "error")
            status = "valid" if r["valid"] else "NOT valid"
            print(
                f"{printable(r['path'])}: {status} "
                f"({errors} error(s), {len(issues) - errors} warning(s))"
            )
            if getattr(issues, "shown", False):  # a streamed file: the lines are ready
                issues.write_to(sys.stdout)
                continue
            for i in issues:
                print(shown_issue(i["severity"], i["code"], i["path"], i["message"]))
    if unreadable:
        return 2
    return 0 if valid and not (args.strict and warned) else 1


def _streams(name: str, args: argparse.Namespace, kind: str | None) -> bool:
    """Whether file *name* is a CSV file of discharges, read as it streams by."""
    from waterbeleid._io import FORMATS

    if getattr(args, "row_by_row", False) or kind not in (None, "discharges"):
        return False
    fmt: str | None = args.input_format
    if fmt is None and name != "-":
        fmt = FORMATS.get(Path(name).suffix.casefold())
    return fmt == "csv"


def _where(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _validate_streamed(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """The report of a CSV file of discharges, read as it streams by."""
    from waterbeleid._stream import Discharges, Fallback, Progress, RowStream, opened

    shown = _shown_name(name)
    with opened(name) as stream:
        rows = RowStream(stream, _where(name))
        progress = Progress(rows.size, enabled=Progress.wanted(args.quiet))
        run = Discharges(rows, progress=progress, shown=args.format == "text")
        try:
            run.run()
            run.confirm_duplicates(lambda: _reread(rows, stream, name))
        except Fallback:
            run.close()
            rows.detach()
            return _validate_whole(stream, name, args)
        finally:
            progress.close()
        rows.detach()
        issues = run.issues()
        return {
            "path": shown,
            "valid": issues.errors == 0,
            "issues": issues,
            "errors": issues.errors,
            "warned": len(issues) > issues.errors,
        }


def _reread(rows: Any, stream: Any, name: str) -> Any:
    """The rows of *stream* from the start again."""
    from waterbeleid._stream import RowStream

    rows.detach()
    stream.seek(0)
    return RowStream(stream, _where(name))


def _whole_data(stream: Any, name: str) -> Any:
    """The dataset of a CSV file read whole, whatever its size."""
    from waterbeleid._io import decode, load_text
    from waterbeleid.validation import _csv_rows

    stream.seek(0)
    where = _where(name)
    return _csv_rows(load_text(decode(stream.read(), where), "csv", where, bounded=False))


def _validate_whole(stream: Any, name: str, args: argparse.Namespace) -> dict[str, Any]:
    from waterbeleid.validation import validate_data

    report = validate_data(_whole_data(stream, name), path=_shown_name(name), kind=args.kind)[0]
    entry = report.to_dict()
    entry["path"] = _shown_name(name)
    return entry


def _reports_json(valid: bool, reports: list[dict[str, Any]]) -> None:
    """The JSON of the reports, written as it is made (the issues of a streamed file are
    read from their temporary file)."""
    from waterbeleid._output import _without_surrogates
    from waterbeleid._stream import issues_json

    marks: dict[str, Any] = {}
    files = []
    for index, r in enumerate(reports):
        entry = {k: r[k] for k in ("path", "valid", "issues")}
        if not isinstance(entry["issues"], list):
            mark = f"\x00issues {index}\x00"
            marks[json.dumps(mark)] = entry["issues"]
            entry["issues"] = mark
        files.append(entry)
    text = json_text({"valid": valid, "files": files})
    if not marks:
        sys.stdout.write(text)
        return
    pieces = re.split("(" + "|".join(re.escape(m) for m in marks) + ")", text)
    for piece in pieces:
        if piece in marks:
            for part in issues_json(marks[piece], indent=6):
                sys.stdout.write(_without_surrogates(part))
        else:
            sys.stdout.write(piece)


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
        if not sep or not year.strip().isascii() or not year.strip().isdigit():
            raise WaterbeleidError(f"--tariff: expected YEAR=EUR like 2022=61.00, found {spec!r}")
        try:
            amount = decimal.Decimal(euros.strip())
        except decimal.InvalidOperation:
            amount = decimal.Decimal("NaN")
        if not (amount.is_finite() and 0 <= amount <= MAX_TARIFF) or len(year.strip()) > 4:
            raise WaterbeleidError(
                f"--tariff: expected YEAR=EUR with a year of at most 4 digits and from 0 to "
                f"{MAX_TARIFF:,} euros per pollution unit, found {spec!r}"
            )
        rules = rules.with_tariff(int(year), euros.strip(), source="--tariff on the command line")
    return rules


def _failed_on(fail_on: Sequence[str], results: Sequence[Any]) -> bool:
    verdicts = {r.allowed for r in results}
    return ("not-allowed" in fail_on and False in verdicts) or (
        "undecided" in fail_on and None in verdicts
    )


def _write(args: argparse.Namespace, data: str | bytes, inputs: Sequence[str | None]) -> None:
    """Write text (or bytes, such as a workbook) to ``-o`` (atomically, never over an
    input) or to standard output; every command that writes a result goes through here."""
    from waterbeleid._output import write_atomic

    if args.output:
        write_atomic(args.output, data, inputs=inputs)
    elif getattr(args, "quiet", False):
        return
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def _workbook(args: argparse.Namespace, obj: Any, write_xlsx: Any, **options: Any) -> bytes:
    """The bytes of an Excel workbook, which needs a file (-o) rather than a terminal."""
    if not args.output:
        raise WaterbeleidError(f"--format {args.format} writes a file: give -o FILE")
    buffer = io.BytesIO()
    write_xlsx(obj, buffer, **options)
    return buffer.getvalue()


def _cmd_assess(args: argparse.Namespace, data: Any = None) -> int:
    from waterbeleid.discharge import assess
    from waterbeleid.validation import validate_data

    shown = _shown_name(args.file)
    if data is None and args.format == "csv" and _streams(args.file, args, "discharges"):
        return _assess_streamed(args)
    if data is None:
        data = _read(args.file, args, "discharges")
    report, dataset = validate_data(data, path=shown, kind="discharges")
    if dataset is None:
        for found in report.errors:
            _say("assess", f"{shown}: {found}")
        return 1
    rules = _ruleset(args)
    results = [assess(activity, ruleset=rules) for activity in dataset.discharges]
    inputs = [args.file, args.ruleset]
    if args.format == "xlsx":
        from waterbeleid.discharge.table import assessment_records
        from waterbeleid.export import write_xlsx

        book = {"assessments": assessment_records(results, args.year, args.lang)}
        _write(args, _workbook(args, book, write_xlsx), inputs=inputs)
        return 1 if _failed_on(args.fail_on, results) else 0
    if args.format == "json":
        text = json_text([r.to_dict(args.year, args.lang) for r in results])
    elif args.format == "csv":
        from waterbeleid.discharge.table import assessment_records

        rows = assessment_records(results, args.year, args.lang)
        text = csv_text(rows, dialect=args.csv_dialect, raw=args.raw_csv)
    else:
        text = "\n\n".join(_explained(i, r, args.year, args.lang) for i, r in enumerate(results))
        text += "\n"
    _write(args, text, inputs=inputs)
    return 1 if _failed_on(args.fail_on, results) else 0


class _CsvOut:
    """The rows of ``assess --format csv``, written to a temporary file as they come."""

    def __init__(self, args: argparse.Namespace) -> None:
        import tempfile

        from waterbeleid._output import DIALECTS

        self.args = args
        self.dialect = DIALECTS[args.csv_dialect]
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.text = io.TextIOWrapper(self.spool, encoding="utf-8", newline="")
        self.writer: Any = None
        self.columns: list[str] = []
        self.names: tuple[str, ...] = ()
        self.verdicts: set[bool | None] = set()

    def add(self, result: Any) -> None:
        from waterbeleid._output import csv_cells
        from waterbeleid.discharge.table import assessment_row

        self.verdicts.add(result.allowed)
        row = assessment_row(result, self.args.year, self.args.lang)
        self._begin(tuple(row))
        self.writer.writerow(csv_cells(row, self.columns, self.dialect, raw=self.args.raw_csv))

    def add_line(self, names: tuple[str, ...], line: str, allowed: bool | None) -> None:
        """A row already written as a CSV line (cells in the order of the CSV file, as the
        writer writes them, and the line break), of fields *names*."""
        self.verdicts.add(allowed)
        self._begin(names)
        self.text.write(line)

    def _begin(self, names: tuple[str, ...]) -> None:
        """Write the header before the first row; rows of other columns: :class:`Fallback`."""
        if self.writer is None:
            import csv

            from waterbeleid._output import csv_columns, csv_header

            self.names = names
            self.columns = csv_columns(list(names))
            if self.dialect.bom:
                self.text.write("\ufeff")
            self.writer = csv.writer(
                self.text, delimiter=self.dialect.delimiter, lineterminator="\r\n"
            )
            self.writer.writerow(csv_header(self.columns, raw=self.args.raw_csv))
        elif names is not self.names and names != self.names:
            from waterbeleid._stream import Fallback

            raise Fallback  # rows of other columns: csv_text orders them over the whole file

    def finish(self, inputs: Sequence[str | None]) -> None:
        """Write the rows to -o (atomically) or to standard output."""
        import shutil

        from waterbeleid._output import atomic_file

        self.text.flush()
        self.spool.seek(0)
        if self.args.output:
            with atomic_file(self.args.output, inputs=inputs) as target:
                shutil.copyfileobj(self.spool, target)
        elif not self.args.quiet:
            self.text.seek(0)
            while block := self.text.read(1 << 20):
                sys.stdout.write(block)

    def close(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            self.text.close()


def _assess_streamed(args: argparse.Namespace) -> int:
    """``assess --format csv`` of a CSV file, read, assessed and written as it streams by."""
    from waterbeleid._stream import Discharges, Fallback, Progress, RowStream, opened
    from waterbeleid.discharge import assess

    shown = _shown_name(args.file)
    with opened(args.file) as stream:
        rows = RowStream(stream, _where(args.file))
        progress = Progress(rows.size, enabled=Progress.wanted(args.quiet))
        out = _CsvOut(args)
        problem: list[BaseException] = []
        try:
            rules = _ruleset(args)
        except WaterbeleidError as exc:  # told after the file, as when it is read whole
            rules, problem = None, [exc]

        def assessed(_: int, activity: Any, result: Any) -> None:
            if problem:
                return
            if rules is not None or isinstance(result, WaterbeleidError):
                # by the rules asked for; a water board without rules fails here as it
                # does when the file is read whole (unless --ruleset gives them)
                try:
                    result = assess(activity, ruleset=rules)
                except WaterbeleidError as exc:
                    problem.append(exc)
                    return
            out.add(result)

        makers: list[Any] = []

        def made(check: Any) -> Any:
            """The rows made column by column (by the default rules only)."""
            from waterbeleid._columnar_rows import AssessmentRows

            if rules is not None or problem:
                return None
            maker = AssessmentRows(
                check, year=args.year, language=args.lang, dialect=out.dialect, raw=args.raw_csv
            )
            makers.append(maker)
            return maker

        def written(line: str, allowed: bool | None) -> None:
            out.add_line(makers[0].names, line, allowed)

        run = Discharges(
            rows,
            warnings=False,
            assessed=assessed,
            progress=progress,
            made=made,
            written=written,
        )
        try:
            run.run()
            run.confirm_duplicates(lambda: _reread(rows, stream, args.file))
        except Fallback:
            run.close()
            out.close()
            rows.detach()
            progress.close()
            return _assess_whole(stream, args)
        finally:
            progress.close()
        rows.detach()
        try:
            if run.failed:
                for found in run.issues():
                    if found["severity"] == "error":
                        text = f"{found['severity']}: {found['path']}: {found['message']}"
                        _say("assess", f"{shown}: {text} [{found['code']}]")
                return 1
            if problem:
                raise problem[0]
            out.finish([args.file, args.ruleset])
        finally:
            out.close()
            run.close()
        return 1 if _failed_on(args.fail_on, [_Verdict(v) for v in out.verdicts]) else 0


class _Verdict:
    def __init__(self, allowed: bool | None) -> None:
        self.allowed = allowed


def _assess_whole(stream: Any, args: argparse.Namespace) -> int:
    """``assess`` of a CSV file read whole (what the streamed path cannot give alike)."""
    args.row_by_row = True
    data = _whole_data(stream, args.file)
    return _cmd_assess(args, data)


def _explained(index: int, result: Any, year: int | None, language: str) -> str:
    """One assessment as text: its number and id, its explanation, its levy."""
    from waterbeleid.discharge.trace import text

    found = result.record(year, language)
    identifier = result.activity.id
    title = f"# {index}" + (f" ({identifier})" if identifier else "")
    amount, basis = found["levy_eur"], found["levy_note"]
    if amount is not None and result.levy_applies:
        levy = text("explain.levy", language, amount=amount, basis=basis)
    else:
        levy = text("explain.levy_unknown", language, basis=basis)
    return printable_lines(f"{title}\n{result.explain(language)}\n{levy}")


def _cmd_rulesets(args: argparse.Namespace) -> int:
    """The packaged rulesets: one line per version (text), one row per version (csv), or
    each ruleset with its versions and sources (json)."""
    from waterbeleid.discharge import rulesets

    found: list[dict[str, Any]] = [
        {
            "name": r.name,
            "water_board": r.water_board,
            "valid_from": r.valid_from.isoformat(),
            "valid_to": None if r.valid_to is None else r.valid_to.isoformat(),
            "versions": [
                {
                    "name": v.name,
                    "valid_from": v.valid_from.isoformat(),
                    "valid_to": None if v.valid_to is None else v.valid_to.isoformat(),
                    "title": v.title,
                }
                for v in r.versions
            ],
            "sources": [{"title": d.title, "address": d.address} for d in r.sources],
        }
        for r in rulesets()
    ]
    if args.format == "json":
        _write(args, json_text(found), inputs=[])
        return 0
    rows = [
        {
            "name": entry["name"],
            "water_board": entry["water_board"],
            "version": version["name"],
            "valid_from": version["valid_from"],
            "valid_to": version["valid_to"],
            "title": version["title"],
        }
        for entry in found
        for version in entry["versions"]
    ]
    if args.format == "csv":
        _write(args, csv_text(rows, dialect=args.csv_dialect, raw=args.raw_csv), inputs=[])
        return 0
    lines: list[str] = []
    for entry in found:
        lines.append(f"{entry['name']}: {entry['water_board']}\n")
        for version in entry["versions"]:
            until = version["valid_to"] or "…"
            lines.append(
                f"  {version['name']}: {version['valid_from']} – {until}: {version['title']}\n"
            )
    _write(args, printable_lines("".join(lines)), inputs=[])
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from waterbeleid.validation.schema import json_schema, schema_names

    if args.list:
        sys.stdout.write("".join(f"{name}\n" for name in schema_names()))
        return 0
    if args.kind is None:
        raise WaterbeleidError("expected a NAME (waterbeleid schema --list lists them)")
    sys.stdout.write(json_text(json_schema(args.kind)))
    return 0


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from waterbeleid._io import dump_yaml
    from waterbeleid.catalogue import load
    from waterbeleid.serialize import unstructure

    dataset = load(args.name)
    if args.format == "xlsx":
        from waterbeleid.export import write_xlsx

        tables = [args.table] if args.table else None
        _write(args, _workbook(args, dataset, write_xlsx, tables=tables), inputs=[])
        return 0
    if args.format == "csv":
        from waterbeleid.export import write_csv

        text = write_csv(dataset, table=args.table, dialect=args.csv_dialect, raw=args.raw_csv)
        _write(args, text or "", inputs=[])
        return 0
    if args.table:
        raise WaterbeleidError("--table: expected --format csv or xlsx")
    data = unstructure(dataset)
    _write(args, json_text(data) if args.format == "json" else dump_yaml(data), inputs=[])
    return 0


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
    inputs = [args.name]
    if args.format == "ics":
        _write(args, to_ics(dataset, **options), inputs=inputs)
        return 0
    found = sorted(events(dataset, **options), key=lambda e: e.day)
    if args.format == "csv":
        rows = [
            {"day": e.day, "summary": e.summary, "uid": e.uid, "description": e.description}
            for e in found
        ]
        text = write_csv({"agenda": rows}, dialect=args.csv_dialect, raw=args.raw_csv)
        _write(args, text or "", inputs=inputs)
    else:
        _write(args, printable_lines("".join(f"{e.day}  {e.summary}\n" for e in found)), inputs)
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from waterbeleid.plot import timeline

    ax = timeline(_dataset(args.name), by=args.by, today=args.today, horizon=args.horizon)
    figure: Figure = ax.figure  # type: ignore[assignment]
    picture = io.BytesIO()
    kind = Path(args.output).suffix.lstrip(".").lower() or None
    try:
        figure.savefig(picture, format=kind)
    except ValueError as exc:  # an unknown picture format
        raise WaterbeleidError(f"-o {args.output}: {exc}") from None
    finally:
        plt.close(figure)
    _write(args, picture.getvalue(), inputs=[args.name])
    return 0


def _say(command: str | None, message: str) -> None:
    """One line on standard error: ``waterbeleid COMMAND: MESSAGE``, unprintables escaped."""
    prefix = f"waterbeleid {command}" if command else "waterbeleid"
    print(f"{prefix}: {printable(message)}", file=sys.stderr)


def _tolerant_streams() -> None:
    """Characters the terminal's encoding lacks are escaped rather than crash the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # a stream that cannot change now keeps its own error handling
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """After a broken pipe (``waterbeleid ... | head``), let the exit not write again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Every failure ends in one line on standard error and exit code 2 (1 for a file with
    errors, 130 when interrupted); an unexpected one is reported as an internal error
    rather than a traceback.
    """
    handlers = {
        "validate": _cmd_validate,
        "assess": _cmd_assess,
        "rulesets": _cmd_rulesets,
        "schema": _cmd_schema,
        "catalogue": _cmd_catalogue,
        "agenda": _cmd_agenda,
        "timeline": _cmd_timeline,
    }
    given = list(sys.argv[1:] if argv is None else argv)
    # named from the start: an interruption while the parser is built names the command too
    command: str | None = given[0] if given and given[0] in handlers else None
    try:
        _tolerant_streams()
        args = _parser().parse_args(given)
        command = args.command
        return handlers[args.command](args)
    except KeyboardInterrupt:
        _say(command, "interrupted")
        return 130
    except WaterbeleidError as exc:
        _say(command, f"error: {exc}")
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        _say(command, f"error: {exc.strerror or exc}{where}")
        return 2
    except ImportError as exc:  # an optional extra that is not installed
        _say(command, f"error: {exc.name or exc} is not installed; install waterbeleid[analysis]")
        return 2
    except MemoryError:
        _say(command, "error: out of memory")
        return 2
    except Exception as exc:  # the last guard: a bug, reported in one line, never a traceback
        _say(command, f"internal error: {type(exc).__name__}: {exc} (please report this)")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
