"""``sitrep eval toponyms`` (recognition + resolution, geo/*.jsonl) and
``sitrep eval event-location`` (which span is the event's place, geo/event_location*.jsonl).

Toponym resolution is scored over gold toponyms that have a GeoNames id or coordinates and
whose span the system found (strict match): exact id accuracy over those with an id; distance
metrics over those with coordinates, where a found span with no predicted coordinates counts
as the largest possible error (20,039 km). Report it next to recognition recall. With
``given_toponyms`` every gold span is handed to ``places.resolve_spans`` and resolution is
scored over all gold toponyms with an id / coordinates (None = wrong).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.evaluation import metrics
from sitrep.evaluation.gold import (
    EventLocationRecord,
    Toponym,
    read_event_locations,
    read_toponyms,
)
from sitrep.evaluation.runner import make_article, parse_and_extract
from sitrep.model import Place

PLACES = ("places.v1",)


class _Resolution:
    """Accumulates resolution results over gold toponyms."""

    def __init__(self) -> None:
        self.id_hits = 0
        self.n_id = 0
        self.errors: list[float] = []

    def add(self, gold: Toponym, place: Place | None) -> None:
        if gold.geonameid is not None:
            self.n_id += 1
            if place is not None and place.geonameid == gold.geonameid:
                self.id_hits += 1
        if gold.lat is not None and gold.lon is not None:
            if place is None or place.lat is None or place.lon is None:
                self.errors.append(metrics.MAX_ERROR_KM)
            else:
                self.errors.append(metrics.haversine_km(place.lat, place.lon, gold.lat, gold.lon))

    def as_dict(self) -> dict[str, Any]:
        n = len(self.errors)
        return {
            "exact_id_acc": round(metrics.ratio(self.id_hits, self.n_id), 4) if self.n_id else None,
            "within_161km_acc": round(metrics.within_km(self.errors), 4) if n else None,
            "auc": round(metrics.auc_log_error(self.errors), 4) if n else None,
            "mean_error_km": round(sum(self.errors) / n, 1) if n else None,
            "n_resolution_id": self.n_id,
            "n_resolution_coords": n,
        }


def run_toponyms(
    gold_path: str | Path, *, given_toponyms: bool = False, limit: int | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    records = read_toponyms(gold_path, limit)
    articles = [make_article(r.text) for r in records]
    strict = metrics.PRF()
    loose = metrics.PRF()
    res = _Resolution()
    n_gold = 0
    extractors = () if given_toponyms else PLACES
    for rec, (doc, ana) in zip(
        records, parse_and_extract(articles, extractors, progress=progress, description="toponyms"),
        strict=True,
    ):
        n_gold += len(rec.toponyms)
        if given_toponyms:
            from sitrep.extract.places import resolve_spans

            resolved = resolve_spans(doc, ana.article, [(t.start, t.end) for t in rec.toponyms])
            for gold, place in zip(rec.toponyms, resolved, strict=True):
                res.add(gold, place)
            continue
        placed = [p for p in ana.places if p.span is not None]
        pred = [(p.span.start, p.span.end) for p in placed if p.span is not None]
        gold_spans = [(t.start, t.end) for t in rec.toponyms]
        strict.add(metrics.exact_prf(pred, gold_spans))
        loose.add(metrics.overlap_prf(pred, gold_spans))
        by_span: dict[tuple[int, int], Place] = {}
        for p, sp in zip(placed, pred, strict=True):
            by_span.setdefault(sp, p)
        for gold in rec.toponyms:
            found = by_span.get((gold.start, gold.end))
            if found is not None:
                res.add(gold, found)
    out: dict[str, Any] = {"records": len(records), "gold_toponyms": n_gold,
                           "given_toponyms": given_toponyms}
    if not given_toponyms:
        out.update(strict.as_dict())
        out.update(loose.as_dict("overlap_"))
        out["predicted_toponyms"] = int(strict.n_pred)
    out.update(res.as_dict())
    return out


def _gold_locations(rec: EventLocationRecord) -> list[tuple[int, int]]:
    spans = [rec.location] if rec.location is not None else []
    spans += rec.other_locations
    return [(s.start, s.end) for s in spans]


def run_event_location(
    gold_path: str | Path, *, limit: int | None = None, progress: bool = False,
) -> dict[str, Any]:
    from sitrep.extract.places import event_location_span

    records = read_event_locations(gold_path, limit)
    # Several records share one sentence: parse each distinct text once.
    texts = list(dict.fromkeys(r.text for r in records))
    articles = [make_article(t) for t in texts]
    by_text: dict[str, tuple[Any, Any]] = {}
    for article, pair in zip(
        articles, parse_and_extract(articles, PLACES, progress=progress, description="event-location"),
        strict=True,
    ):
        by_text[article.text] = pair
    # [exact hits, overlap hits, n] for records with / without a gold location
    tally = {True: [0, 0, 0], False: [0, 0, 0]}
    n_pred = 0
    for rec in records:
        doc, ana = by_text[rec.text]
        place = event_location_span(doc, (rec.event.start, rec.event.end), ana.places)
        pred = None if place is None or place.span is None else (place.span.start, place.span.end)
        n_pred += pred is not None
        golds = _gold_locations(rec)
        if not golds:
            exact = overlap = pred is None
        elif pred is None:
            exact = overlap = False
        else:
            exact = pred in golds
            overlap = any(metrics.overlaps(pred, g) for g in golds)
        row = tally[bool(golds)]
        row[0] += exact
        row[1] += overlap
        row[2] += 1
    n = tally[True][2] + tally[False][2]

    def acc(i: int, rows: list[list[int]]) -> float | None:
        total = sum(r[2] for r in rows)
        return round(sum(r[i] for r in rows) / total, 4) if total else None

    both = [tally[True], tally[False]]
    return {
        "records": n,
        "distinct_texts": len(texts),
        "predicted_locations": n_pred,
        "accuracy": acc(0, both),
        "overlap_accuracy": acc(1, both),
        "with_location_accuracy": acc(0, [tally[True]]),
        "with_location_overlap_accuracy": acc(1, [tally[True]]),
        "n_with_location": tally[True][2],
        "without_location_accuracy": acc(0, [tally[False]]),
        # identical to the exact figure by definition (both null), kept for a symmetric table
        "without_location_overlap_accuracy": acc(1, [tally[False]]),
        "n_without_location": tally[False][2],
    }
