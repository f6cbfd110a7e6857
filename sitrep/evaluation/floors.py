"""Quality floors (the trafilatura way), shared by ``tests/test_floors.py`` and a small tool to
see where each floor stands:

    python -m sitrep.evaluation.floors [tests/floors.json] [--eval-dir ../shared/eval]
        [--suggest MARGIN] [--write]

The floors file maps ``"TASK [FLAGS] FILE:KEY"`` (FILE relative to the eval directory, KEY a
dotted path into ``run()``'s metrics) to the lowest allowed value, or for lower-is-better
metrics (``auc``, ``mean_error_km``) the highest; ``limits`` maps ``"TASK [FLAGS] FILE"`` to
the number of leading records scored. ``--suggest M`` prints floors set M below today's
values (rounded down to 0.01), and ``--write`` stores them, never lowering an existing floor.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

LOWER_IS_BETTER = frozenset({"auc", "mean_error_km"})
FLAGS = frozenset({"--given-toponyms"})


def parse_run(run_key: str) -> tuple[str, str, bool]:
    """``"toponyms --given-toponyms geo/gwn_dev.jsonl"`` -> (task, file, given_toponyms)."""
    parts = run_key.split()
    if len(parts) < 2:
        raise ValueError(f"floors: bad run key {run_key!r}")
    flags = set(parts[1:-1])
    if flags - FLAGS:
        raise ValueError(f"floors: unknown flag(s) {sorted(flags - FLAGS)} in {run_key!r}")
    return parts[0], parts[-1], "--given-toponyms" in flags


def load(path: Path) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """(run key -> {metric key: floor}, run key -> limit)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    grouped: dict[str, dict[str, float]] = defaultdict(dict)
    for entry, floor in data["floors"].items():
        run_key, _, metric = entry.partition(":")
        if not metric:
            raise ValueError(f"floors: entry {entry!r} has no ':KEY'")
        parse_run(run_key)
        grouped[run_key][metric] = float(floor)
    limits = {k: int(v) for k, v in data.get("limits", {}).items()}
    return dict(grouped), limits


def lookup(metrics: dict[str, Any], dotted: str) -> Any:
    value: Any = metrics
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def lower_is_better(key: str) -> bool:
    return key.rsplit(".", 1)[-1] in LOWER_IS_BETTER


def check(metrics: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Human-readable failures, empty when every floor holds. A metric that is null (nothing
    to score) fails its floor: remove the floor instead."""
    failures = []
    for key, floor in sorted(floors.items()):
        value = lookup(metrics, key)
        if not isinstance(value, int | float):
            failures.append(f"{key}: no value ({value!r})")
        elif lower_is_better(key):
            if value > floor:
                failures.append(f"{key}: {value} > ceiling {floor}")
        elif value < floor:
            failures.append(f"{key}: {value} < floor {floor}")
    return failures


def measure(run_key: str, eval_dir: Path, limit: int | None) -> dict[str, Any]:
    from sitrep.evaluation import run

    task, file, given = parse_run(run_key)
    return run(task, eval_dir / file, given_toponyms=given, limit=limit)


def suggest(value: float, key: str, margin: float) -> float:
    if lower_is_better(key):
        return math.ceil((value + margin) * 100) / 100
    return max(0.0, math.floor((value - margin) * 100) / 100)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sitrep.evaluation.floors")
    ap.add_argument("floors", nargs="?", default="tests/floors.json")
    ap.add_argument("--eval-dir", default="../shared/eval")
    ap.add_argument("--suggest", type=float, default=None, metavar="MARGIN")
    ap.add_argument("--write", action="store_true", help="store suggested floors (never lowers one)")
    args = ap.parse_args(argv)
    path, eval_dir = Path(args.floors), Path(args.eval_dir)
    floors, limits = load(path)
    report: dict[str, dict[str, Any]] = {}
    new_floors: dict[str, float] = {}
    for run_key, keys in sorted(floors.items()):
        metrics = measure(run_key, eval_dir, limits.get(run_key))
        for key, floor in sorted(keys.items()):
            value = lookup(metrics, key)
            row: dict[str, Any] = {"floor": floor, "value": value}
            if args.suggest is not None and isinstance(value, int | float):
                proposed = suggest(float(value), key, args.suggest)
                better = min if lower_is_better(key) else max
                row["suggested"] = better(proposed, floor)
                new_floors[f"{run_key}:{key}"] = row["suggested"]
            report[f"{run_key}:{key}"] = row
        print(f"{run_key}: {'; '.join(check(metrics, keys)) or 'ok'}", file=sys.stderr)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.write and new_floors:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["floors"].update(new_floors)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
