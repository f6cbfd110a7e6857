"""Quality floors, the trafilatura way: ``floors.json`` maps ``"TASK [FLAGS] FILE:KEY"`` to the
lowest value the metric may fall to (for lower-is-better metrics such as ``auc``, the highest),
and ``limits`` maps ``"TASK [FLAGS] FILE"`` to the number of leading records scored, so that the
whole file set stays within a couple of minutes of CI. One parametrised case per gold run.

KEY may be a dotted path into nested metrics (``by_technique.Loaded_Language.f1``). A floor on
a metric that comes back null (nothing to score) fails: remove the floor instead.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

FLOORS_FILE = Path(__file__).with_name("floors.json")
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
# Metrics where smaller is better: the number in floors.json is a ceiling.
LOWER_IS_BETTER = frozenset({"auc", "mean_error_km"})


def parse_run(run_key: str) -> tuple[str, str, bool]:
    """``"toponyms --given-toponyms geo/gwn_dev.jsonl"`` -> (task, file, given_toponyms)."""
    parts = run_key.split()
    if len(parts) < 2:
        raise ValueError(f"floors.json: bad run key {run_key!r}")
    flags = set(parts[1:-1])
    unknown = flags - {"--given-toponyms"}
    if unknown:
        raise ValueError(f"floors.json: unknown flag(s) {sorted(unknown)} in {run_key!r}")
    return parts[0], parts[-1], "--given-toponyms" in flags


def load_floors(path: Path = FLOORS_FILE) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """(run key -> {metric key: floor}, run key -> limit)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    grouped: dict[str, dict[str, float]] = defaultdict(dict)
    for entry, floor in data["floors"].items():
        run_key, _, metric = entry.partition(":")
        if not metric:
            raise ValueError(f"floors.json: entry {entry!r} has no ':KEY'")
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


def check(metrics: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Human-readable failures, empty when every floor holds."""
    failures = []
    for key, floor in sorted(floors.items()):
        value = lookup(metrics, key)
        if not isinstance(value, int | float):
            failures.append(f"{key}: no value ({value!r})")
        elif key.rsplit(".", 1)[-1] in LOWER_IS_BETTER:
            if value > floor:
                failures.append(f"{key}: {value} > ceiling {floor}")
        elif value < floor:
            failures.append(f"{key}: {value} < floor {floor}")
    return failures


_FLOORS, _LIMITS = load_floors()


def test_floors_file_is_consistent() -> None:
    assert _FLOORS, "floors.json lists no floors"
    assert set(_LIMITS) <= set(_FLOORS), "a limit for a run with no floors"
    from sitrep.evaluation import TASKS

    for run_key in _FLOORS:
        task, file, _ = parse_run(run_key)
        assert task in TASKS, run_key
        assert not Path(file).is_absolute(), "paths are relative to ../shared/eval"


def test_check_reports_failures() -> None:
    metrics = {"f1": 0.4, "auc": 0.5, "by_technique": {"X": {"f1": 0.2}}, "none": None}
    assert check(metrics, {"f1": 0.3, "auc": 0.6, "by_technique.X.f1": 0.2}) == []
    failures = check(metrics, {"f1": 0.5, "auc": 0.4, "by_technique.X.f1": 0.3, "none": 0.0})
    assert len(failures) == 4


@pytest.mark.parametrize("run_key", sorted(_FLOORS))
def test_floor(run_key: str) -> None:
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    task, file, given = parse_run(run_key)
    path = EVAL / file
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    from sitrep.evaluation import run

    metrics = run(task, path, given_toponyms=given, limit=_LIMITS.get(run_key))
    failures = check(metrics, _FLOORS[run_key])
    assert not failures, f"{run_key}: " + "; ".join(failures)
