"""``sitrep eval quotes`` (claims/quotes*.jsonl) and ``sitrep eval loaded``
(claims/loaded*.jsonl), as README-claims.md defines them.

Quotes (Citron style): *exact* counts a predicted span only when its boundaries equal a gold
span's; *overlap* is by character (predicted characters inside gold over all predicted
characters, and the converse for recall). Content is scored against the gold covering span.
Speakers and cues are compared as sets of distinct spans per text (one speaker span may serve
several attributions). Speakers are scored only where the gold has one: a predicted speaker
whose quote overlaps only gold quotes without a speaker is left out, neither right nor wrong.

Loaded language: SemEval-2020 Task 11 partial credit by character overlap, all techniques as
one class (``span_*``) and per gold technique (``by_technique``); technique names compare
after normalising case and punctuation ("Name_Calling,Labeling" = "name calling-labeling").
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sitrep.evaluation import metrics
from sitrep.evaluation.gold import QuoteRecord, read_loaded, read_quotes
from sitrep.evaluation.runner import analyze_articles, make_article
from sitrep.model import Quote, Span

QUOTES = ("claims.v1",)
LOADED = ("claims.v1", "framing.v1")

SpanT = tuple[int, int]


def _t(span: Span) -> SpanT:
    return (span.start, span.end)


def _speaker_preds(pred: list[Quote], rec: QuoteRecord) -> set[SpanT]:
    with_speaker = [(q.content.start, q.content.end) for q in rec.quotes if q.speaker is not None]
    without = [(q.content.start, q.content.end) for q in rec.quotes if q.speaker is None]
    out: set[SpanT] = set()
    for q in pred:
        if q.speaker is None:
            continue
        content = _t(q.content)
        hits_with = any(metrics.overlaps(content, g) for g in with_speaker)
        hits_without = any(metrics.overlaps(content, g) for g in without)
        if hits_without and not hits_with:
            continue  # gold marks no speaker for this attribution: not scored
        out.add(_t(q.speaker))
    return out


def run_quotes(gold_path: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    records = read_quotes(gold_path, limit)
    articles = [make_article(r.text, r.published) for r in records]
    content_exact, content_overlap = metrics.PRF(), metrics.PRF()
    speaker_exact, speaker_overlap = metrics.PRF(), metrics.PRF()
    cue_exact = metrics.PRF()
    # kind -> [gold quotes, exact content hits, gold chars, gold chars covered]
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    n_pred = 0
    for rec, ana in zip(records, analyze_articles(articles, QUOTES, progress=progress,
                                                  description="quotes"), strict=True):
        pred = list(ana.quotes)
        n_pred += len(pred)
        pc = [_t(q.content) for q in pred]
        gc = [(q.content.start, q.content.end) for q in rec.quotes]
        content_exact.add(metrics.exact_prf(pc, gc))
        content_overlap.add(metrics.char_overlap_prf(pc, gc))
        gs = {(q.speaker.start, q.speaker.end) for q in rec.quotes if q.speaker is not None}
        ps = _speaker_preds(pred, rec)
        speaker_exact.add(metrics.exact_prf(ps, gs))
        speaker_overlap.add(metrics.char_overlap_prf(ps, gs))
        gcue = {(q.cue.start, q.cue.end) for q in rec.quotes if q.cue is not None}
        pcue = {_t(q.cue) for q in pred if q.cue is not None}
        cue_exact.add(metrics.exact_prf(pcue, gcue))
        pred_set = set(pc)
        for q, span in zip(rec.quotes, gc, strict=True):
            row = kinds[q.kind or "unknown"]
            row[0] += 1
            row[1] += span in pred_set
            cov = metrics.char_overlap_prf(pc, [span])
            row[2] += int(cov.n_gold)
            row[3] += int(cov.tp_r)
    out: dict[str, Any] = {"records": len(records), "gold_quotes": int(content_exact.n_gold),
                           "predicted_quotes": n_pred}
    for name, prf in (("content_exact_", content_exact), ("content_overlap_", content_overlap),
                      ("speaker_exact_", speaker_exact), ("speaker_overlap_", speaker_overlap),
                      ("cue_exact_", cue_exact)):
        out.update(prf.as_dict(name))
    out["by_kind"] = {
        k: {"n": row[0], "exact_recall": round(metrics.ratio(row[1], row[0]), 4),
            "overlap_recall": round(metrics.ratio(row[3], row[2]), 4)}
        for k, row in sorted(kinds.items())
    }
    return out


_PUNCT = re.compile(r"[^a-z0-9]+")


def norm_technique(name: str) -> str:
    return _PUNCT.sub("", name.lower())


def run_loaded(gold_path: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    from sitrep.extract.framing import technique_of

    records = read_loaded(gold_path, limit)
    techniques = sorted({s.technique for r in records for s in r.spans})
    single = techniques[0] if len(techniques) == 1 else None
    articles = [make_article(r.text) for r in records]
    overall = metrics.PRF()
    per: dict[str, metrics.PRF] = {t: metrics.PRF() for t in techniques}
    labels_true: list[bool] = []
    labels_pred: list[bool] = []
    n_pred = 0
    for rec, ana in zip(records, analyze_articles(articles, LOADED, progress=progress,
                                                  description="loaded"), strict=True):
        marks = list(ana.framing)
        n_pred += len(marks)
        overall.add(metrics.partial_credit_prf(
            [_t(m.span) for m in marks], [(s.start, s.end) for s in rec.spans]))
        mark_tech = [single or technique_of(m) for m in marks]
        for tech in techniques:
            key = norm_technique(tech)
            preds = [_t(m.span) for m, mt in zip(marks, mark_tech, strict=True)
                     if norm_technique(mt) == key]
            golds = [(s.start, s.end) for s in rec.spans if s.technique == tech]
            per[tech].add(metrics.partial_credit_prf(preds, golds))
        if rec.label in ("biased", "non-biased"):
            labels_true.append(rec.label == "biased")
            labels_pred.append(bool(marks))
    out: dict[str, Any] = {"records": len(records),
                           "gold_spans": sum(len(r.spans) for r in records),
                           "predicted_spans": n_pred}
    out.update(overall.as_dict("span_"))
    out["by_technique"] = {t: per[t].as_dict() for t in techniques}
    if labels_true:
        out["sentence_macro_f1"] = round(metrics.macro_f1_binary(labels_true, labels_pred), 4)
        out["n_sentences"] = len(labels_true)
    return out
