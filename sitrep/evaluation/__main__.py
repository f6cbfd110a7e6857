"""``python -m sitrep.evaluation TASK GOLD.jsonl [--json] [--given-toponyms] [--limit N]``:
the same as ``sitrep eval``, usable before (and without) the CLI."""

from __future__ import annotations

import argparse
import json
import sys

from sitrep.errors import SitrepError
from sitrep.evaluation import TASKS, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sitrep.evaluation")
    ap.add_argument("task", help=f"one of: {', '.join(TASKS)}")
    ap.add_argument("gold", help="gold JSON Lines file (see ../shared/eval/SCHEMA.md)")
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout (default: indented)")
    ap.add_argument("--given-toponyms", action="store_true", help="toponyms: score resolution of gold spans")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    args = ap.parse_args(argv)
    try:
        result = run(args.task, args.gold, given_toponyms=args.given_toponyms, limit=args.limit,
                     progress=not args.no_progress and sys.stderr.isatty())
    except SitrepError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
