"""Where (and, through ``story_mention``, when) an event mention happened when its own words
do not say: the places of its sentence, of the narrative just before it, or of the article
(``sitrep.geo.eventloc`` decides first, from the parse). Used by ``events.py``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from spacy.tokens import Span as SpacySpan

from sitrep.extract.dateline import dateline_end
from sitrep.model import EventMention, Place, Span
from sitrep.nlp import doc_text

# How far back a mention whose sentence names no date or place looks for the ones its story
# last set, in sentences before its own; calibrated on muc4_train_a date_acc (1: 0.694, 2: 0.697,
# 3: 0.703 but fatalities_acc drops as far-away dates pull events apart), checked on muc4_dev.
NARRATIVE_SENTS = 2


def named_countries(places: list[Place]) -> set[str]:
    """Countries the text names as countries (not only through a town or region in them)."""
    return {p.country for p in places if p.country and (p.feature or "").startswith("PCL")}


def sentence_place(sent: SpacySpan, places: list[Place], trigger_start: int,
                    named: set[str]) -> Place | None:
    inside = [p for p in places if p.span is not None and sent.start_char <= p.span.start < sent.end_char]
    if not inside:
        return None
    # A place in a country the text names comes first: when the text names a country, a
    # region name resolved into another, unnamed one ("le Nord" in a Central African headline
    # read as the French department) is the likelier misreading. Then the most precise place
    # of the sentence (a town before a country named in passing, as in "Iran-backed"), then
    # the nearest to the trigger.
    # The city of a wire dateline is where the story was filed: any other place comes first.
    filed_at = dateline_end(doc_text(sent.doc)) if sent.start_char == 0 else 0
    return min(inside, key=lambda p: (
        p.span is not None and p.span.start < filed_at,
        bool(named) and p.country not in named, p.precision or 3, (p.feature or "").startswith("PCL"),
        abs(p.span.start - trigger_start) if p.span else 0,
    ))


def foreign_region(place: Place | None, named: set[str]) -> bool:
    """A region-level place (ADM feature) in a country the text never names, while it does name
    another: "le Nord-ouest" of a Central African headline resolved to Haiti's Nord-Ouest."""
    if place is None or not (place.feature or "").startswith("ADM"):
        return False
    return bool(named) and place.country not in named


def article_place(places: list[Place]) -> Place | None:
    """Fallback when the sentence names no place: the article's main country (the one its
    places name most often; the dateline breaks ties by coming first), as a country-level place
    when the text names the country itself, else its first place in that country."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    first = {p.country: i for i, p in reversed(list(enumerate(places))) if p.country}
    main = max(counts, key=lambda c: (counts[c], -first[c]))
    in_main = [p for p in places if p.country == main]
    return next((p for p in in_main if (p.feature or "").startswith("PCL")), in_main[0])


def story_mention(mentions: list[EventMention], sent_starts: list[int], si: int,
                  read: Callable[[EventMention], Span | None]) -> EventMention | None:
    """The most confident mention of the latest earlier sentence, within NARRATIVE_SENTS
    sentences, whose own sentence holds the span ``read`` gives (its date's or its place's)."""
    lo = sent_starts[max(si - NARRATIVE_SENTS, 0)]
    hi = sent_starts[si]
    own = []
    for m in mentions:
        span = read(m)
        if lo <= m.sentence.start < hi and span is not None and m.sentence.start <= span.start < m.sentence.end:
            own.append(m)
    if not own:
        return None
    latest = max(m.sentence.start for m in own)
    return max((m for m in own if m.sentence.start == latest), key=lambda m: m.confidence)


def narrative_place(mentions: list[EventMention], sent_starts: list[int], si: int) -> Place | None:
    """The place the story last set ("Gunmen attacked a market outside X on Sunday. They shot at
    traders and set fire to grain stores" happened in X, not in the dateline city)."""
    m = story_mention(mentions, sent_starts, si, lambda x: x.place.span if x.place else None)
    return m.place if m is not None else None


def story_place(mentions: list[EventMention], sent_starts: list[int], si: int,
                places: list[Place]) -> Place | None:
    """Fallback when a mention's sentence names no place: the narrative's place when it lies in
    the article's main country (it refines the country), else the article's place. Taking the
    narrative's place in any country cost muc4_dev country accuracy 0.696 -> 0.686."""
    article = article_place(places)
    narrative = narrative_place(mentions, sent_starts, si)
    if narrative is not None and article is not None and narrative.country == article.country:
        return narrative
    return article


def placed(own: Place | None, fallback: Place | None) -> Place | None:
    """The event's place: its own (from the parse) when there is one, else the fallback. An own
    place no gazetteer knows ("the village of Bongou") keeps its name and takes the fallback's
    country and coordinates at no finer than geo-precision 2, as ACLED codes unlisted villages."""
    if own is None:
        return fallback
    if own.country is not None or fallback is None or fallback.country is None:
        return own
    if own.lat is not None:
        # A sea, gulf or region that belongs to no one country ("in the Red Sea"): the event
        # keeps its coordinates and takes the country of the story, as ACLED codes sea events
        # to the nearest coast.
        return dataclasses.replace(own, country=fallback.country, country_name=fallback.country_name)
    return dataclasses.replace(
        own, country=fallback.country, country_name=fallback.country_name, lat=fallback.lat,
        lon=fallback.lon, admin1=fallback.admin1, precision=max(fallback.precision or 3, 2),
        source="context",
    )
