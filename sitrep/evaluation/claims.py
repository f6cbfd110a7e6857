"""``sitrep eval quotes`` (claims/quotes*.jsonl) and ``sitrep eval loaded``
(claims/loaded*.jsonl), as README-claims.md defines them.

Quotes (Citron style): *exact* counts a predicted span only when its boundaries equal a gold
span's; *overlap* is by character (predicted characters inside gold over all predicted
characters, and the converse for recall). Content is scored against the gold covering span.
Counting is quote by quote as in Citron's ``citron/metrics.py``. A predicted speaker is right
when it equals the speaker of a gold quote linked to it (cues overlap, or contents overlap
when either cue is missing). Speakers are scored only where the gold has one: a predicted
speaker whose quote is linked only to gold quotes without a speaker is left out.

Loaded language: SemEval-2020 Task 11 partial credit by character overlap, all techniques as
one class (``span_*``) and per gold technique (``by_technique``); technique names compare
after normalising case and punctuation ("Name_Calling,Labeling" = "name calling-labeling").
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from sitrep.evaluation import metrics
from sitrep.evaluation.gold import GoldQuote, GoldSpan, read_loaded, read_quotes
from sitrep.evaluation.runner import analyze_articles, make_article, parse_and_extract
from sitrep.model import Quote, Span

QUOTES = ("claims.v1",)
LOADED = ("claims.v1", "framing.v1")

SpanT = tuple[int, int]


def _t(span: Span) -> SpanT:
    return (span.start, span.end)


def _linked(q: Quote, g: GoldQuote) -> bool:
    """A predicted and a gold quote describe the same attribution when their cues overlap
    (Citron's test) or their contents overlap (so a prediction without a cue can still be
    paired with its gold quote)."""
    if q.cue is not None and g.cue is not None and metrics.overlaps(_t(q.cue), (g.cue.start, g.cue.end)):
        return True
    return metrics.overlaps(_t(q.content), (g.content.start, g.content.end))


def score_quotes(pred: list[Quote], gold: list[GoldQuote]) -> dict[str, metrics.PRF]:
    """Citron-style counts for one text, quote by quote: a predicted quote is a true positive
    when some gold quote matches it, a gold quote is found when some prediction matches it
    (so precision and recall have their own numerators). Overlap scores are by character over
    the union of spans, which equals Citron's pairwise sum when spans do not overlap."""
    g_content = [(g.content.start, g.content.end) for g in gold]
    p_content = [_t(q.content) for q in pred]
    content = metrics.PRF(
        sum(1 for c in p_content if c in g_content), len(p_content),
        sum(1 for c in g_content if c in p_content), len(g_content),
    )

    scored: list[Quote] = []  # predicted quotes whose speaker is scored
    for q in pred:
        if q.speaker is None:
            continue
        linked = [g for g in gold if _linked(q, g)]
        if linked and all(g.speaker is None for g in linked):
            continue  # the gold marks no speaker for this attribution: not scored
        scored.append(q)
    with_speaker = [g for g in gold if g.speaker is not None]

    def same_speaker(q: Quote, g: GoldQuote) -> bool:
        return (q.speaker is not None and g.speaker is not None
                and _t(q.speaker) == (g.speaker.start, g.speaker.end) and _linked(q, g))

    speaker = metrics.PRF(
        sum(1 for q in scored if any(same_speaker(q, g) for g in with_speaker)), len(scored),
        sum(1 for g in with_speaker if any(same_speaker(q, g) for q in pred)), len(with_speaker),
    )
    speaker_overlap = metrics.char_overlap_prf(
        [_t(q.speaker) for q in scored if q.speaker is not None],
        [(g.speaker.start, g.speaker.end) for g in with_speaker if g.speaker is not None],
    )
    p_cue = [_t(q.cue) for q in pred if q.cue is not None]
    g_cue = [(g.cue.start, g.cue.end) for g in gold if g.cue is not None]
    cue = metrics.PRF(
        sum(1 for c in p_cue if c in g_cue), len(p_cue),
        sum(1 for c in g_cue if c in p_cue), len(g_cue),
    )
    return {
        "content_exact_": content,
        "content_overlap_": metrics.char_overlap_prf(p_content, g_content),
        "speaker_exact_": speaker,
        "speaker_overlap_": speaker_overlap,
        "cue_exact_": cue,
    }


@functools.lru_cache(maxsize=1)
def speech_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """(speech-verb lemmas, attribution phrases) from the claims extractor's cue table
    ``sitrep/data/cue_verbs.tsv`` (kinds ``speech`` and ``phrase``); empty when it is absent."""
    path = Path(__file__).resolve().parents[1] / "data" / "cue_verbs.tsv"
    if not path.is_file():
        return frozenset(), ()
    lemmas: set[str] = set()
    phrases: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            cue, kind = (row.get("cue") or "").strip().lower(), (row.get("kind") or "").strip()
            if not cue:
                continue
            if kind == "speech":
                lemmas.add(cue)
            elif kind == "phrase":
                phrases.append(cue)
    return frozenset(lemmas), tuple(phrases)


def cue_group(doc: Doc, cue: GoldSpan | None) -> str:
    """"speech" when the gold cue is a speech verb (by lemma) or an attribution phrase such as
    "according to"; "other" for PolNeAR's broader cues (beliefs, plans, ":"); "none"."""
    if cue is None:
        return "none"
    lemmas, phrases = speech_cues()
    text = doc.text[cue.start:cue.end].lower()
    if any(p in text for p in phrases):
        return "speech"
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is not None and any(t.lemma_.lower() in lemmas for t in span):
        return "speech"
    return "other"


class _Recall:
    """Recall of gold quotes within one group (a kind, a cue group)."""

    def __init__(self) -> None:
        self.n = self.exact = self.chars = self.covered = self.cues = self.cue_hits = 0

    def add(self, q: GoldQuote, pred_content: list[SpanT], pred_cues: list[SpanT]) -> None:
        span = (q.content.start, q.content.end)
        self.n += 1
        self.exact += span in pred_content
        cov = metrics.char_overlap_prf(pred_content, [span])
        self.chars += int(cov.n_gold)
        self.covered += int(cov.tp_r)
        if q.cue is not None:
            self.cues += 1
            self.cue_hits += (q.cue.start, q.cue.end) in pred_cues

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "exact_recall": round(metrics.ratio(self.exact, self.n), 4),
                "overlap_recall": round(metrics.ratio(self.covered, self.chars), 4),
                "cue_recall": round(metrics.ratio(self.cue_hits, self.cues), 4)}


def run_quotes(gold_path: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    records = read_quotes(gold_path, limit)
    articles = [make_article(r.text, r.published) for r in records]
    totals: dict[str, metrics.PRF] = {}
    by_kind: dict[str, _Recall] = defaultdict(_Recall)
    by_cue: dict[str, _Recall] = defaultdict(_Recall)
    n_pred = n_gold = 0
    # The Doc is needed to lemmatise gold cues (speech vs other); quote texts are far below
    # the parser's length limit, so parse_and_extract runs them whole.
    for rec, (doc, ana) in zip(records, parse_and_extract(articles, QUOTES, progress=progress,
                                                          description="quotes"), strict=True):
        pred = list(ana.quotes)
        n_pred += len(pred)
        n_gold += len(rec.quotes)
        for name, prf in score_quotes(pred, rec.quotes).items():
            totals.setdefault(name, metrics.PRF()).add(prf)
        pc = [_t(q.content) for q in pred]
        pcue = [_t(q.cue) for q in pred if q.cue is not None]
        for q in rec.quotes:
            by_kind[q.kind or "unknown"].add(q, pc, pcue)
            by_cue[cue_group(doc, q.cue)].add(q, pc, pcue)
    out: dict[str, Any] = {"records": len(records), "gold_quotes": n_gold, "predicted_quotes": n_pred}
    for name in ("content_exact_", "content_overlap_", "speaker_exact_", "speaker_overlap_", "cue_exact_"):
        out.update(totals.get(name, metrics.PRF()).as_dict(name))
    out["by_kind"] = {k: r.as_dict() for k, r in sorted(by_kind.items())}
    out["by_cue"] = {k: r.as_dict() for k, r in sorted(by_cue.items())}
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
