"""Quality floors, the trafilatura way: ``floors.json`` maps ``"TASK [FLAGS] FILE:KEY"`` to the
lowest value the metric may fall to (for lower-is-better metrics such as ``auc``, the highest),
and ``limits`` maps ``"TASK [FLAGS] FILE"`` to the number of leading records scored so the whole
set stays within a few minutes of CI. One parametrised case per gold run. The format and the
checker live in ``sitrep.evaluation.floors`` (which can also print today's values and suggest
new floors: ``python -m sitrep.evaluation.floors --suggest 0.02``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluation import TASKS
from sitrep.evaluation import floors as fl

FLOORS_FILE = Path(__file__).with_name("floors.json")
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

_FLOORS, _LIMITS = fl.load(FLOORS_FILE)


def test_floors_file_is_consistent() -> None:
    assert _FLOORS, "floors.json lists no floors"
    assert set(_LIMITS) <= set(_FLOORS), "a limit for a run with no floors"
    for run_key in _FLOORS:
        task, file, _ = fl.parse_run(run_key)
        assert task in TASKS, run_key
        assert not Path(file).is_absolute(), "paths are relative to ../shared/eval"


def test_parse_run() -> None:
    assert fl.parse_run("toponyms --given-toponyms geo/x.jsonl") == ("toponyms", "geo/x.jsonl", True)
    assert fl.parse_run("time time/x.jsonl") == ("time", "time/x.jsonl", False)
    with pytest.raises(ValueError):
        fl.parse_run("time --fast time/x.jsonl")
    with pytest.raises(ValueError):
        fl.parse_run("time")


def test_check_reports_failures() -> None:
    metrics = {"f1": 0.4, "auc": 0.5, "by_technique": {"X": {"f1": 0.2}}, "none": None}
    assert fl.check(metrics, {"f1": 0.3, "auc": 0.6, "by_technique.X.f1": 0.2}) == []
    failures = fl.check(metrics, {"f1": 0.5, "auc": 0.4, "by_technique.X.f1": 0.3, "none": 0.0})
    assert len(failures) == 4


def test_suggest_rounds_towards_safety() -> None:
    assert fl.suggest(0.8567, "f1", 0.02) == 0.83
    assert fl.suggest(0.01, "f1", 0.02) == 0.0
    assert fl.suggest(0.2049, "auc", 0.02) == 0.23


def test_load_rejects_entry_without_key(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"floors": {"time time/x.jsonl": 0.1}}), encoding="utf-8")
    with pytest.raises(ValueError):
        fl.load(path)


@pytest.mark.parametrize("run_key", sorted(_FLOORS))
def test_floor(run_key: str) -> None:
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    _, file, _ = fl.parse_run(run_key)
    if not (EVAL / file).is_file():
        pytest.skip(f"{EVAL / file} is not present")
    metrics = fl.measure(run_key, EVAL, _LIMITS.get(run_key))
    failures = fl.check(metrics, _FLOORS[run_key])
    assert not failures, f"{run_key}: " + "; ".join(failures)
