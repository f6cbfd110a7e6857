"""``sitrep eval time``: TempEval-3 Task A style scoring of time expressions (time/*.jsonl),
each record's gold ``published`` date given to the pipeline as the document creation time.

- strict: identical ``(start, end)``; relaxed: overlapping spans (one-to-one alignment);
- value F1: a prediction counts only when it relaxed-matches a gold timex AND its value is
  identical (TE3's attribute F1); value / type accuracy are over the relaxed matches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.evaluation import metrics
from sitrep.evaluation.gold import read_times
from sitrep.evaluation.runner import analyze_articles, make_article

TIMES = ("times.v1",)


def run(gold_path: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    records = read_times(gold_path, limit)
    articles = [make_article(r.text, r.published) for r in records]
    strict = metrics.PRF()
    relaxed = metrics.PRF()
    value = metrics.PRF()
    type_hits = value_hits = 0
    for rec, ana in zip(records, analyze_articles(articles, TIMES, progress=progress,
                                                  description="time"), strict=True):
        preds = [t for t in ana.times if t.span is not None]
        pred_spans = [(t.span.start, t.span.end) for t in preds if t.span is not None]
        gold_spans = [(g.start, g.end) for g in rec.timexes]
        strict.add(metrics.exact_prf(pred_spans, gold_spans))
        pairs = metrics.align_overlap(pred_spans, gold_spans)
        relaxed.add(metrics.PRF(len(pairs), len(pred_spans), len(pairs), len(gold_spans)))
        same_value = sum(
            1 for i, j in pairs if metrics.timex_value_equal(preds[i].value, rec.timexes[j].value)
        )
        value.add(metrics.PRF(same_value, len(pred_spans), same_value, len(gold_spans)))
        value_hits += same_value
        type_hits += sum(1 for i, j in pairs if preds[i].type == rec.timexes[j].type)
    n_rel = int(relaxed.tp_r)
    out: dict[str, Any] = {
        "records": len(records),
        "gold_timexes": int(strict.n_gold),
        "predicted_timexes": int(strict.n_pred),
        "relaxed_matches": n_rel,
    }
    out.update(strict.as_dict("strict_"))
    out.update(relaxed.as_dict("relaxed_"))
    out.update(value.as_dict("value_"))
    out["value_accuracy"] = round(metrics.ratio(value_hits, n_rel), 4)
    out["type_accuracy"] = round(metrics.ratio(type_hits, n_rel), 4)
    return out
