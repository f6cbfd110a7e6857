"""Flattening model objects into the store's table rows (and the analysis JSON back).

The analysis JSON is the source of truth for rebuilding an ``AnalyzedArticle``; the flat tables
(places, mentions, quotes, framing_marks, events) exist so that SQL can filter and count
without parsing JSON. Every flat row keeps its span offsets and text, so evidence survives.
"""

from __future__ import annotations

import json
from typing import Any

from sitrep.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    EventMention,
    FramingMark,
    Place,
    Quote,
    Span,
    from_dict,
    to_dict,
)

Row = tuple[Any, ...]


def analysis_json(analysis: AnalyzedArticle) -> str:
    """The analysis as compact JSON, without the article text (kept once, in ``articles.text``)."""
    data = to_dict(analysis)
    data["article"]["text"] = None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def analysis_from_json(payload: str, text: str) -> AnalyzedArticle:
    data = json.loads(payload)
    data["article"]["text"] = text
    return from_dict(AnalyzedArticle, data)


def events_from_json(payload: str) -> tuple[AnalyzedArticle, bool]:
    """Just what across-article resolution needs from a stored analysis: the article's
    metadata, mentions and events (places, quotes and framing are not rebuilt, which makes a
    store-wide ``rebuild_events`` several times cheaper than loading every analysis). Returns
    the partial analysis and whether the article was skipped."""
    data = json.loads(payload)
    meta = {k: v for k, v in data["article"].items() if k != "text"}
    partial = AnalyzedArticle(
        article=from_dict(Article, {**meta, "text": ""}),
        mentions=[from_dict(EventMention, m) for m in data.get("mentions", [])],
        events=[from_dict(Event, e) for e in data.get("events", [])],
    )
    return partial, data.get("skipped") is not None


def article_row(analysis: AnalyzedArticle, ingested_at: str) -> Row:
    a = analysis.article
    return (
        a.id, a.url, a.outlet, a.title, a.author, a.published, a.language, a.source_path,
        a.text, analysis.skipped, analysis_json(analysis), ingested_at,
    )


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span else (None, None, None)


def _actor(actor: Actor | None) -> tuple[str | None, str | None]:
    if actor is None:
        return (None, None)
    return (actor.normalized or actor.name, actor.kind)


def place_row(article_id: str, idx: int, p: Place) -> Row:
    return (
        article_id, idx, p.name, p.geonameid, p.lat, p.lon, p.admin1, p.country, p.feature,
        p.precision, *_span(p.span),
    )


def mention_row(article_id: str, idx: int, m: EventMention) -> Row:
    place = m.place
    return (
        article_id, idx, m.event_type, m.sub_event_type, m.modality, m.confidence,
        *_span(m.trigger), *_span(m.sentence), *_actor(m.actor1), *_actor(m.actor2),
        place.name if place else None, place.geonameid if place else None,
        place.country if place else None, m.time.value if m.time else None,
        m.fatalities, m.injuries, m.attributed_to,
    )


def quote_row(article_id: str, idx: int, q: Quote) -> Row:
    return (
        article_id, idx, q.kind, q.stance, *_span(q.content), *_span(q.speaker),
        q.speaker_resolved, *_span(q.cue), q.event_index,
    )


def framing_row(article_id: str, idx: int, f: FramingMark) -> Row:
    return (article_id, idx, f.category, f.term, f.neutral_alternative, *_span(f.span))


def event_row(e: Event) -> Row:
    p = e.place
    return (
        e.id, e.event_type, e.sub_event_type, e.date, e.date_precision,
        p.name if p else None, p.lat if p else None, p.lon if p else None,
        p.geonameid if p else None, p.admin1 if p else None, p.country if p else None,
        p.precision if p else None, *_actor(e.actor1), *_actor(e.actor2),
        e.fatalities.best, e.fatalities.low, e.fatalities.high, e.modality,
        json.dumps(e.contested, ensure_ascii=False, sort_keys=True), e.confidence,
        len(e.sources), json.dumps(to_dict(e), ensure_ascii=False, separators=(",", ":")),
    )


def event_from_json(payload: str) -> Event:
    return from_dict(Event, json.loads(payload))


def mention_indexes(event: Event, mentions: list[EventMention]) -> list[int]:
    """Indexes into one article's mention list of a single-article event's mentions.

    A mention is identified by its trigger offsets and sub-event type: within one article two
    mentions never share both (one trigger word yields one mention per sub-event type)."""
    keys = {(m.trigger.start, m.trigger.end, m.sub_event_type): i for i, m in enumerate(mentions)}
    found = {keys.get((m.trigger.start, m.trigger.end, m.sub_event_type)) for m in event.mentions}
    return sorted(i for i in found if i is not None)


INSERT_ARTICLE = (
    "INSERT OR IGNORE INTO articles (id, url, outlet, title, author, published, language, "
    "source_path, text, skipped, analysis, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_PLACE = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
INSERT_MENTION = "INSERT INTO mentions VALUES (" + ",".join("?" * 23) + ")"
INSERT_QUOTE = "INSERT INTO quotes VALUES (" + ",".join("?" * 15) + ")"
INSERT_FRAMING = "INSERT INTO framing_marks VALUES (?,?,?,?,?,?,?,?)"
INSERT_EVENT = "INSERT INTO events VALUES (" + ",".join("?" * 24) + ")"
INSERT_EVENT_SOURCE = "INSERT INTO event_sources VALUES (?,?,?,?,?,?)"
