"""View models: what the web pages, the JSON API and the report show, as JSON-ready dicts.

Everything here reads the store through its public ``Store`` API (parameterised SQL lives
there) and reshapes model objects; nothing is inferred that the pipeline did not store. The
HTML templates and the JSON endpoints are fed by the same dicts, so the API mirrors the pages.
Offsets in every span dict are into the article's text, as everywhere in sitrep.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sitrep.model import (
    Actor,
    AnalyzedArticle,
    Event,
    EventMention,
    Place,
    Quote,
    Span,
    to_dict,
)
from sitrep.store import Store

# Fields of an event compared across its sources, in display order, with their labels.
FIELDS: tuple[tuple[str, str], ...] = (
    ("event_type", "Event type"),
    ("sub_event_type", "Sub-event type"),
    ("date", "Date"),
    ("place", "Place"),
    ("actor1", "Actor 1"),
    ("actor2", "Actor 2"),
    ("fatalities", "Fatalities"),
    ("injuries", "Injuries"),
    ("modality", "Modality"),
)
KIND_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        from sitrep.geo.countries import load_countries

        return {iso: c.name for iso, c in load_countries().items()}
    except Exception:  # the page must render even if the gazetteer data is unavailable
        return {}


def country_name(iso: str | None) -> str | None:
    if not iso:
        return None
    return _country_names().get(iso, iso)


def span_dict(span: Span | None) -> dict[str, Any] | None:
    return {"start": span.start, "end": span.end, "text": span.text} if span else None


def actor_dict(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "name": actor.normalized or actor.name, "as_written": actor.name, "kind": actor.kind,
        "country": actor.country, "span": span_dict(actor.span),
    }


def place_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name, "admin1": place.admin1, "country": place.country,
        "country_name": place.country_name or country_name(place.country),
        "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
        "feature": place.feature, "precision": place.precision, "span": span_dict(place.span),
        "map_url": map_url(place),
    }


def map_url(place: Place | None) -> str | None:
    """An OpenStreetMap link for the user to follow (a link only: pages load nothing remote)."""
    if place is None or place.lat is None or place.lon is None:
        return None
    lat, lon = round(place.lat, 5), round(place.lon, 5)
    zoom = 6 if place.precision == 3 else 11
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


def fatalities_text(best: int | None, low: int | None, high: int | None) -> str:
    """"12", "12 (12–17)" when sources disagree, "" when unknown."""
    if best is None:
        return ""
    if low is not None and high is not None and (low != best or high != best):
        return f"{best} ({low}–{high})"
    return str(best)


def event_summary(event: Event) -> dict[str, Any]:
    f = event.fatalities
    outlets = sorted({s.outlet for s in event.sources if s.outlet})
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date,
        "date_precision": event.date_precision,
        "place": place_dict(event.place),
        "actor1": actor_dict(event.actor1),
        "actor2": actor_dict(event.actor2),
        "fatalities": {"best": f.best, "low": f.low, "high": f.high},
        "fatalities_text": fatalities_text(f.best, f.low, f.high),
        "modality": event.modality,
        "confidence": event.confidence,
        "n_sources": len(event.sources),
        "outlets": outlets,
        "sources": [to_dict(s) for s in event.sources],
        "contested": event.contested,
    }


def _haystack(event: Event) -> str:
    parts: list[str | None] = [event.event_type, event.sub_event_type, event.date]
    if event.place:
        parts += [event.place.name, event.place.admin1, event.place.country_name,
                  country_name(event.place.country)]
    for actor in (event.actor1, event.actor2):
        if actor:
            parts += [actor.name, actor.normalized]
    parts += [s.outlet for s in event.sources]
    parts += [m.sentence.text for m in event.mentions]
    return "\n".join(p for p in parts if p).lower()


@dataclass
class EventFilters:
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    limit: int = 100
    offset: int = 0


class Views:
    """One request's (or one report's) read-only view of a store. Article analyses are cached
    for the object's lifetime: an event page reads each source article once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, AnalyzedArticle | None] = {}

    def analysis(self, article_id: str) -> AnalyzedArticle | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.article(article_id)
        return self._articles[article_id]

    # --- events list ---------------------------------------------------------------------------

    def events(self, flt: EventFilters) -> dict[str, Any]:
        """One page of events and whether there is a next one. The text filter (``q``, a
        case-insensitive substring of place, actors, types, outlets or the supporting
        sentences) runs in Python over the SQL-filtered events: the store has no text index."""
        q = (flt.q or "").strip().lower()
        if q:
            matched = [e for e in self._search(flt, None, 0) if q in _haystack(e)]
            page = matched[flt.offset: flt.offset + flt.limit + 1]
        else:
            page = self._search(flt, flt.limit + 1, flt.offset)
        has_next = len(page) > flt.limit
        return {
            "events": [event_summary(e) for e in page[: flt.limit]],
            "offset": flt.offset,
            "limit": flt.limit,
            "next_offset": flt.offset + flt.limit if has_next else None,
        }

    def all_events(self, flt: EventFilters) -> list[Event]:
        """Every event matching the filters (paging ignored), for downloads."""
        q = (flt.q or "").strip().lower()
        found = self._search(flt, None, 0)
        return [e for e in found if q in _haystack(e)] if q else found

    def _search(self, flt: EventFilters, limit: int | None, offset: int) -> list[Event]:
        return self.store.search_events(
            event_type=flt.event_type or None, sub_event_type=flt.sub_event_type or None,
            country=flt.country or None, date_from=flt.date_from or None,
            date_to=flt.date_to or None, limit=limit, offset=offset, newest_first=True,
        )

    # --- one event -----------------------------------------------------------------------------

    def event(self, event_id: str, event: Event | None = None) -> dict[str, Any] | None:
        """The event page's content; ``event``: the event already read (the report reads them
        all at once and need not read each again)."""
        event = event if event is not None else self.store.event(event_id)
        if event is None:
            return None
        out = event_summary(event)
        sources = []
        for src in self.store.event_sources(event_id):
            sources.append(self._source(src, event))
        out["source_details"] = sources
        out["contested_fields"] = sorted(event.contested)
        out["claims"] = rank_claims([c for s in sources for c in s["claims"]])
        out["fields"] = [{"key": k, "label": label} for k, label in FIELDS]
        return out

    def _source(self, src: dict[str, Any], event: Event) -> dict[str, Any]:
        analysis = self.analysis(src["article_id"])
        out: dict[str, Any] = {
            "article_id": src["article_id"], "outlet": src["outlet"], "url": src["url"],
            "published": src["published"], "title": None, "mentions": [],
            "values": {k: [] for k, _ in FIELDS}, "claims": [],
        }
        if analysis is None:
            return out
        out["title"] = analysis.article.title
        mentions = [
            (i, analysis.mentions[i]) for i in src["mention_indexes"] if 0 <= i < len(analysis.mentions)
        ]
        if not mentions:
            # No indexes recorded (an older store): the event's own mentions that are this
            # article's, recognised by trigger offsets, sub-type and the trigger's words.
            keys = {(m.trigger.start, m.trigger.end, m.sub_event_type, m.trigger.text) for m in event.mentions}
            mentions = [
                (i, m) for i, m in enumerate(analysis.mentions)
                if (m.trigger.start, m.trigger.end, m.sub_event_type, m.trigger.text) in keys
            ]
        for i, m in mentions:
            out["mentions"].append(mention_dict(i, m))
            for key, value in mention_values(m).items():
                if value is not None and value not in out["values"][key]:
                    out["values"][key].append(value)
        out["claims"] = [
            claim_dict(q, analysis) for q in linked_quotes(analysis, [m for _, m in mentions])
        ]
        return out

    # --- one article ---------------------------------------------------------------------------

    def article(self, article_id: str) -> dict[str, Any] | None:
        analysis = self.analysis(article_id)
        if analysis is None:
            return None
        a = analysis.article
        events = self.store.search_events(article_id=article_id, limit=None)
        return {
            "id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title, "author": a.author,
            "published": a.published, "language": a.language, "skipped": analysis.skipped,
            "text": a.text, "words": len(a.text.split()),
            "marks": article_marks(analysis),
            "mentions": [mention_dict(i, m) for i, m in enumerate(analysis.mentions)],
            "places": [place_dict(p) for p in analysis.places],
            "times": [to_dict(t) for t in analysis.times],
            "quotes": [claim_dict(q, analysis) for q in analysis.quotes],
            "framing": [to_dict(f) for f in analysis.framing],
            "framing_profile": analysis.framing_profile,
            "events": [event_summary(e) for e in events],
        }

    def articles(self, *, q: str | None = None, outlet: str | None = None,
                 limit: int = 100, offset: int = 0) -> dict[str, Any]:
        rows = self.store.list_articles(query=q or None, outlet=outlet or None,
                                        limit=limit + 1, offset=offset)
        return {
            "articles": rows[:limit], "offset": offset, "limit": limit,
            "next_offset": offset + limit if len(rows) > limit else None,
        }


# --- mentions, claims and marks ----------------------------------------------------------------

def mention_values(m: EventMention) -> dict[str, Any]:
    """What one mention says about each compared field (None: it says nothing)."""
    return {
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "date": m.time.value if m.time else None,
        "place": m.place.name if m.place else None,
        "actor1": (m.actor1.normalized or m.actor1.name) if m.actor1 else None,
        "actor2": (m.actor2.normalized or m.actor2.name) if m.actor2 else None,
        "fatalities": m.fatalities,
        "injuries": m.injuries,
        "modality": m.modality,
    }


def mention_marks(m: EventMention) -> list[dict[str, Any]]:
    """The evidence spans of one mention: the trigger and every field's own words."""
    marks = [{"start": m.trigger.start, "end": m.trigger.end, "kind": "event",
              "label": f"{m.sub_event_type} ({m.modality})"}]
    pairs: list[tuple[Span | None, str, str]] = [
        (m.place.span if m.place else None, "place", m.place.name if m.place else ""),
        (m.time.span if m.time else None, "time", m.time.value if m.time else ""),
        (m.fatalities_span, "fatalities", f"{m.fatalities} killed" if m.fatalities is not None else ""),
        (m.actor1.span if m.actor1 else None, "actor", "actor 1"),
        (m.actor2.span if m.actor2 else None, "actor", "actor 2"),
    ]
    for span, kind, label in pairs:
        if span is not None:
            marks.append({"start": span.start, "end": span.end, "kind": kind, "label": label})
    return marks


def mention_dict(index: int, m: EventMention) -> dict[str, Any]:
    return {
        "index": index, "trigger": span_dict(m.trigger), "sentence": span_dict(m.sentence),
        "values": mention_values(m), "attributed_to": m.attributed_to,
        "confidence": m.confidence, "marks": mention_marks(m),
    }


def claim_dict(q: Quote, analysis: AnalyzedArticle) -> dict[str, Any]:
    a = analysis.article
    return {
        "content": span_dict(q.content), "speaker": span_dict(q.speaker),
        "speaker_resolved": q.speaker_resolved,
        "speaker_name": q.speaker_resolved or (q.speaker.text if q.speaker else None),
        "cue": span_dict(q.cue), "kind": q.kind, "stance": q.stance,
        "event_index": q.event_index, "article_id": a.id, "outlet": a.outlet,
        "published": a.published,
    }


def linked_quotes(analysis: AnalyzedArticle, mentions: list[EventMention]) -> list[Quote]:
    """The article's quotes about the given mentions' event: those the claims linker attached
    to a within-article event containing one of the mentions, and those whose content overlaps
    one of the mentions' sentences (a claim stated in the very sentence that reports it)."""
    keys = {(m.trigger.start, m.trigger.end, m.sub_event_type) for m in mentions}
    linked = {
        j for j, ev in enumerate(analysis.events)
        if any((x.trigger.start, x.trigger.end, x.sub_event_type) in keys for x in ev.mentions)
    }
    sentences = [(m.sentence.start, m.sentence.end) for m in mentions]
    out = []
    for q in analysis.quotes:
        if q.event_index is not None and q.event_index in linked:
            out.append(q)
        elif any(q.content.start < e and q.content.end > s for s, e in sentences):
            out.append(q)
    return out


def rank_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims most useful first: attributed ones, then direct quotes before indirect, then
    non-neutral stance (the outlet took a position), then earlier publication."""
    return sorted(
        claims,
        key=lambda c: (
            c["speaker_name"] is None, KIND_ORDER.get(c["kind"], 3), c["stance"] == "neutral",
            c["published"] or "", c["content"]["start"] if c["content"] else 0,
        ),
    )


def article_marks(analysis: AnalyzedArticle) -> list[dict[str, Any]]:
    """Every extracted span of an article as highlight marks (offsets into its text)."""
    marks: list[dict[str, Any]] = []
    seen: set[tuple[int, int, str, str]] = set()

    def add(span: Span | None, kind: str, label: str, extra: str = "") -> None:
        # A place or date is often both in the article's lists and an event's evidence.
        if span is not None and (span.start, span.end, kind, label) not in seen:
            seen.add((span.start, span.end, kind, label))
            marks.append({"start": span.start, "end": span.end, "kind": kind, "label": label,
                          "extra": extra})

    for m in analysis.mentions:
        add(m.trigger, "event", f"{m.event_type} / {m.sub_event_type} ({m.modality})")
        add(m.fatalities_span, "fatalities", f"{m.fatalities} killed")
        for role, actor in (("actor 1", m.actor1), ("actor 2", m.actor2)):
            if actor is not None:
                add(actor.span, "actor", f"{role}: {actor.normalized or actor.name}"
                    + (f" ({actor.kind})" if actor.kind else ""))
        if m.time is not None:
            add(m.time.span, "time", m.time.value)
        if m.place is not None:
            add(m.place.span, "place", ", ".join(x for x in (m.place.name, m.place.admin1, m.place.country) if x))
    for p in analysis.places:
        where = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
        add(p.span, "place", where)
    for t in analysis.times:
        add(t.span, "time", t.value)
    for q in analysis.quotes:
        add(q.content, "quote", f"{q.kind} quote, {q.stance}", q.stance)
        add(q.speaker, "speaker", q.speaker_resolved or "speaker")
        add(q.cue, "cue", f"cue ({q.stance})", q.stance)
    for f in analysis.framing:
        alt = f" → {f.neutral_alternative}" if f.neutral_alternative else ""
        add(f.span, "framing", f"{f.category}{alt}")
    return marks
