"""Evaluation against the gold files of ``../shared/eval`` (``sitrep eval TASK GOLD.jsonl``).

``run(task, gold_path, ...)`` reads one gold file, runs the pipeline with only the extractors
the task needs, and returns a JSON-ready dict of metrics. Modules: ``gold`` (typed readers),
``metrics`` (pure scorers), and one module per task family (``events``, ``geo``, ``time``,
``claims``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.errors import Code, EvalError

TASKS: tuple[str, ...] = ("events", "toponyms", "event-location", "time", "quotes", "loaded")


def run(
    task: str,
    gold_path: str | Path,
    *,
    given_toponyms: bool = False,
    limit: int | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Score the pipeline on one gold file; the metrics dict has ``task`` and ``gold`` too."""
    if task not in TASKS:
        raise EvalError(Code.E040, task=task, choices=", ".join(TASKS))
    if given_toponyms and task != "toponyms":
        raise EvalError(Code.E040, task=f"{task} --given-toponyms", choices="toponyms")
    if limit is not None and limit < 0:
        limit = None
    kw: dict[str, Any] = {"limit": limit, "progress": progress}
    result: dict[str, Any]
    if task == "events":
        from sitrep.evaluation import events

        result = events.run(gold_path, **kw)
    elif task == "toponyms":
        from sitrep.evaluation import geo

        result = geo.run_toponyms(gold_path, given_toponyms=given_toponyms, **kw)
    elif task == "event-location":
        from sitrep.evaluation import geo

        result = geo.run_event_location(gold_path, **kw)
    elif task == "time":
        from sitrep.evaluation import time

        result = time.run(gold_path, **kw)
    elif task == "quotes":
        from sitrep.evaluation import claims

        result = claims.run_quotes(gold_path, **kw)
    else:
        from sitrep.evaluation import claims

        result = claims.run_loaded(gold_path, **kw)
    return {"task": task, "gold": str(gold_path), "limit": limit, **result}


__all__ = ["TASKS", "run"]
