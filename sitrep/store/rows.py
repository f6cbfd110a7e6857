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
    Fatalities,
    FramingMark,
    Place,
    Quote,
    SourceRef,
    Span,
    TimeRef,
    from_dict,
)

Row = tuple[Any, ...]


def _without_text(obj: Any) -> dict[str, Any]:
    fields = vars(obj)
    return {**fields, "text": None} if isinstance(obj, Article) else fields


def analysis_json(analysis: AnalyzedArticle) -> str:
    """The analysis as compact JSON, without the article text (kept once, in ``articles.text``).
    Same output as ``json.dumps(to_dict(...))``, but encoded by the C encoder walking the
    dataclasses' fields (``vars``): several times faster, and this runs once per article."""
    return json.dumps(analysis, default=_without_text, ensure_ascii=False, separators=(",", ":"))


def analysis_from_json(payload: str, text: str) -> AnalyzedArticle:
    data = json.loads(payload)
    data["article"]["text"] = text
    return from_dict(AnalyzedArticle, data)


MentionKey = tuple[int, int, str]


def events_from_json(payload: str) -> tuple[AnalyzedArticle, dict[MentionKey, int], bool]:
    """Just what across-article resolution needs from a stored analysis: the article's
    metadata and events, and each mention's key -> index (places, quotes, framing and the
    mentions themselves are not rebuilt as objects, which makes a store-wide
    ``rebuild_events`` several times cheaper than loading every analysis). The last value says
    whether the article was skipped."""
    data = json.loads(payload)
    meta = {k: v for k, v in data["article"].items() if k != "text"}
    partial = AnalyzedArticle(
        article=from_dict(Article, {**meta, "text": ""}),
        events=[event_from_dict(e) for e in data.get("events", [])],
    )
    keys = {
        (m["trigger"]["start"], m["trigger"]["end"], m["sub_event_type"]): i
        for i, m in enumerate(data.get("mentions", []))
    }
    return partial, keys, data.get("skipped") is not None


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
        len(e.sources), event_json(e),
    )


def event_json(e: Event) -> str:
    """``json.dumps(to_dict(e))``, but the C encoder walks the dataclasses itself (``vars``
    gives a plain dataclass's fields in order): 5x faster on events with many mentions."""
    return json.dumps(e, default=vars, ensure_ascii=False, separators=(",", ":"))


def event_from_json(payload: str) -> Event:
    return event_from_dict(json.loads(payload))


# --- a fast path for Event JSON --------------------------------------------------------------
# ``model.from_dict`` introspects type hints at every level; rebuilding every stored event (a
# store-wide ``rebuild_events``, the web's event lists) spent most of its time there (profiled
# on a 100-article store: 2.0 s of 3.0 s). These builders call the constructors directly; a
# field added later to a model class passes through ``**d`` unchanged (and
# tests/test_store.py checks that they agree with ``from_dict``).

def _sp(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(**d)


def _actor_of(d: dict[str, Any] | None) -> Actor | None:
    return None if d is None else Actor(**{**d, "span": _sp(d.get("span"))})


def _place_of(d: dict[str, Any] | None) -> Place | None:
    return None if d is None else Place(**{**d, "span": _sp(d.get("span"))})


def _time_of(d: dict[str, Any] | None) -> TimeRef | None:
    return None if d is None else TimeRef(**{**d, "span": _sp(d.get("span"))})


def _mention_of(d: dict[str, Any]) -> EventMention:
    return EventMention(**{
        **d,
        "trigger": Span(**d["trigger"]),
        "sentence": Span(**d["sentence"]),
        "actor1": _actor_of(d.get("actor1")),
        "actor2": _actor_of(d.get("actor2")),
        "place": _place_of(d.get("place")),
        "time": _time_of(d.get("time")),
        "fatalities_span": _sp(d.get("fatalities_span")),
    })


def event_from_dict(d: dict[str, Any]) -> Event:
    return Event(**{
        **d,
        "place": _place_of(d.get("place")),
        "actor1": _actor_of(d.get("actor1")),
        "actor2": _actor_of(d.get("actor2")),
        "fatalities": Fatalities(**(d.get("fatalities") or {})),
        "sources": [SourceRef(**x) for x in d.get("sources", [])],
        "mentions": [_mention_of(m) for m in d.get("mentions", [])],
        "contested": dict(d.get("contested") or {}),
    })


def mention_key(m: EventMention) -> MentionKey:
    """A mention's identity within its article: trigger offsets and sub-event type (one
    trigger word yields at most one mention per sub-event type)."""
    return (m.trigger.start, m.trigger.end, m.sub_event_type)


def mention_indexes(event: Event, keys: dict[MentionKey, int]) -> list[int]:
    """Indexes into one article's mention list of a single-article event's mentions."""
    found = {keys.get(mention_key(m)) for m in event.mentions}
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
