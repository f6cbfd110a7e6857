"""The ``sitrep`` command: a thin veneer that parses arguments, calls the library and formats
its output. Machine output (JSON, CSV, GeoJSON) goes to stdout, human messages to stderr.

Exit codes: 0 ok, 1 some inputs failed (each one reported), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger("sitrep")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's default exit code is already 2
        self.print_usage(sys.stderr)
        print(f"sitrep: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sitrep", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("analyze", help="analyse articles without a database")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "table"), default="json")

    p = sub.add_parser("ingest", help="read, analyse and store articles")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default="sitrep.db")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--no-progress", action="store_true")

    p = sub.add_parser("events", help="print the stored events")
    p.add_argument("--db", default="sitrep.db")
    p.add_argument("--format", choices=("csv", "json", "geojson", "parquet", "table"), default="csv")
    p.add_argument("--out", help="output file (required for parquet)")

    p = sub.add_parser("serve", help="browse the store in a web browser")
    p.add_argument("--db", default="sitrep.db")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)

    p = sub.add_parser("report", help="write a situation report as HTML")
    p.add_argument("--db", default="sitrep.db")
    p.add_argument("--out", default="report.html")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only events dated on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only events dated on or before this day")

    p = sub.add_parser("eval", help="score the pipeline against a gold file")
    p.add_argument("task")
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.add_argument("--json", action="store_true", help="print one JSON object (default: a table)")
    p.add_argument("--given-toponyms", action="store_true")
    p.add_argument("--limit", type=int)

    p = sub.add_parser("bench", help="measure throughput on the bundled corpus")
    p.add_argument("--json", action="store_true")
    p.add_argument("--repeat", type=int, default=1)

    p = sub.add_parser("batch", help="analyse a corpus on a Dask cluster")
    p.add_argument("paths", nargs="+", metavar="INPUT")
    p.add_argument("--db", default="sitrep.db")
    p.add_argument("--scheduler", help="tcp://HOST:8786; default: a local cluster")
    p.add_argument("--out-dir", default="sitrep-shards")

    sub.add_parser("doctor", help="check the installation (model, gazetteer)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        code: int = COMMANDS[args.command](args)
        return code
    except SitrepError as exc:
        print(f"sitrep: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except BrokenPipeError:  # `sitrep events | head`
        return EXIT_OK


def _analyze(args: argparse.Namespace) -> int:
    from sitrep import pipeline
    from sitrep.ingest import read_paths
    from sitrep.model import to_dict
    from sitrep.tables import print_analysis

    failed = 0
    articles = []
    for result in read_paths(args.paths):
        if result.error is not None:
            print(f"sitrep: {result.error}", file=sys.stderr)
            failed += 1
        elif result.article is not None:
            articles.append(result.article)
    analyses = list(pipeline.analyze_many(articles))
    if args.format == "json":
        payload: Any = [to_dict(a) for a in analyses]
        json.dump(payload[0] if len(payload) == 1 else payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for analysis in analyses:
            print_analysis(analysis)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from sitrep.batch import ingest

    report = ingest(args.paths, args.db, workers=args.workers, progress=not args.no_progress)
    for path, message in report.failed:
        print(f"sitrep: failed: {path}: {message}", file=sys.stderr)
    for path, reason in report.skip_reasons:
        print(f"sitrep: skipped: {path}: {reason}", file=sys.stderr)
    print(
        f"sitrep: {report.stored} stored, {report.already_present} already present, "
        f"{report.skipped} skipped, {len(report.failed)} failed -> {args.db}",
        file=sys.stderr,
    )
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _events(args: argparse.Namespace) -> int:
    from sitrep.store import Store

    with Store(args.db) as store:
        events = store.events()
    if args.format == "table":
        from sitrep.tables import print_events

        print_events(events)
        return EXIT_OK
    if args.format == "parquet":
        from sitrep.export import parquet

        if not args.out:
            print("sitrep: error: --format parquet needs --out FILE", file=sys.stderr)
            return EXIT_USAGE
        parquet.write(events, args.out)
        return EXIT_OK
    from sitrep.export import acled_csv, geojson, json_export

    writer = {"csv": acled_csv, "json": json_export, "geojson": geojson}[args.format]
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            writer.write(events, fh)
    else:
        writer.write(events, sys.stdout)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from sitrep.web.app import serve

    serve(args.db, host=args.host, port=args.port)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from sitrep.report import render

    render(args.db, args.out, date_from=args.since, date_to=args.until)
    print(f"sitrep: report written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from sitrep import evaluation

    if not Path(args.gold).is_file():
        print(f"sitrep: error: no such gold file: {args.gold}", file=sys.stderr)
        return EXIT_USAGE
    if args.task not in evaluation.TASKS:
        print(f"sitrep: error: unknown task {args.task!r}; choose one of: "
              f"{', '.join(evaluation.TASKS)}", file=sys.stderr)
        return EXIT_USAGE
    metrics = evaluation.run(
        args.task, args.gold, given_toponyms=args.given_toponyms, limit=args.limit,
        progress=sys.stderr.isatty(),
    )
    if args.json:
        json.dump(metrics, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from sitrep.tables import print_metrics

        print_metrics(metrics)
    return EXIT_OK


def _bench(args: argparse.Namespace) -> int:
    from sitrep.bench import run

    result = run(repeat=args.repeat)
    if args.json:
        json.dump(result, sys.stdout)
        sys.stdout.write("\n")
    else:
        from sitrep.tables import print_metrics

        print_metrics(result)
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from sitrep.batch import run_dask

    report = run_dask(args.paths, args.db, scheduler=args.scheduler, out_dir=args.out_dir)
    for path, message in report.failed:
        print(f"sitrep: failed: {path}: {message}", file=sys.stderr)
    for path, reason in report.skip_reasons:
        print(f"sitrep: skipped: {path}: {reason}", file=sys.stderr)
    print(f"sitrep: {report.stored} stored, {len(report.failed)} failed -> {args.db}", file=sys.stderr)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _doctor(args: argparse.Namespace) -> int:
    from sitrep.doctor import check

    ok, report = check()
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return EXIT_OK if ok else EXIT_SOME_FAILED


COMMANDS = {
    "analyze": _analyze,
    "ingest": _ingest,
    "events": _events,
    "serve": _serve,
    "report": _report,
    "eval": _eval,
    "bench": _bench,
    "batch": _batch,
    "doctor": _doctor,
}


if __name__ == "__main__":
    raise SystemExit(main())
