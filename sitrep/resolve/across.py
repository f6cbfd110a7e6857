"""Across-article resolution: per-article events that report the same happening become one
``Event`` with every source, every mention, and every disagreement kept as ``contested``.

Two events (of different articles) are the same event when all of these hold:

- **type family**: same ACLED family (political violence = Battles, Explosions/Remote
  violence, Violence against civilians; demonstrations = Protests, Riots; Strategic
  developments alone). Outlets often disagree on the sub-type of one strike ("air strike" vs
  "shelling"), or on Battles vs Violence against civilians, so the family is compared and the
  disagreement is kept as ``contested``.
- **time**: both dates known -> the two date intervals (a day, an ISO week, a month...) are at
  most ``DATE_SLACK_DAYS`` apart. ACLED codes a calendar day; reports written the next day often
  say "yesterday", which a time normaliser can resolve one day off, hence +-1 day.
  One date unknown -> the articles' publication dates, when both known, are at most
  ``PUBLISHED_SLACK_DAYS`` apart (a report of an undated event is about recent news).
  No time evidence at all -> only the same geonameid with a shared actor.
- **place**: same geonameid; or both points within ``NEAR_KM`` (25 km: ACLED geo-precision 2,
  "near a town", covers the town's surroundings); or one place is region-level (ADM1, or
  ACLED precision 3) and the other lies in the same admin1 of the same country; or one is
  country-level and the other in that country. One place unknown -> compatible only when the
  two share a known actor (time, type and place then rest on the actors).
- **actors**: the sets of normalized actor names are compatible when one is empty or one is a
  subset of the other (ACLED's actor1/actor2 carry no direction, so roles are not compared).
- **articles**: a cluster holds at most one event per article: the within-article merge already
  decided that two events of one article are distinct.

Clustering is complete-linkage (an event joins a cluster only if it matches every member),
which stops chains (A~B, B~C, A!~C) from gluing unrelated events together. Order is
deterministic (date, article id, event id), so re-running gives the same clusters and ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sitrep.model import (
    Actor,
    AnalyzedArticle,
    Event,
    Fatalities,
    Modality,
    Place,
    SourceRef,
    TimePrecision,
)

DATE_SLACK_DAYS = 1
PUBLISHED_SLACK_DAYS = 2
NEAR_KM = 25.0
EARTH_KM = 6371.0

FAMILIES: dict[str, str] = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic",
}
_PRECISION_ORDER: list[TimePrecision | None] = ["day", "week", "month", "year"]
REGION_FEATURES = frozenset({"ADM1", "ADM1H", "RGN", "ADMD"})
COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type.lower())


def article_events(analysis: AnalyzedArticle) -> list[Event]:
    """The article's events, each with the article as its source (the within-article merge
    may leave ``sources`` empty; across-article resolution needs to know where each came from)."""
    a = analysis.article
    ref = SourceRef(article_id=a.id, outlet=a.outlet, url=a.url, published=a.published)
    return [e if e.sources else replace(e, sources=[ref]) for e in analysis.events]


# --- comparison helpers ------------------------------------------------------------------------

def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a date value covers: 2022-08-24, 2022-W34, 2022-08, 2022; None if unparseable."""
    if not value:
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if len(value) >= 8 and value[5] == "W":
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return monday, monday + dt.timedelta(days=6)
        if len(value) == 7 and value[4] == "-":
            first = dt.date(int(value[:4]), int(value[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _level(p: Place) -> str:
    if p.feature in COUNTRY_FEATURES:
        return "country"
    if p.feature in REGION_FEATURES or p.precision == 3:
        return "region"
    return "point"


def places_match(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    la, lb = _level(a), _level(b)
    if "country" in (la, lb):
        return bool(a.country and a.country == b.country)
    if "region" in (la, lb):
        return bool(a.admin1 and a.admin1 == b.admin1 and a.country == b.country)
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM  # type: ignore[arg-type]
    return a.geonameid is None and b.geonameid is None and a.name.lower() == b.name.lower()


def actor_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    name = (actor.normalized or actor.name).strip().lower()
    return name or None


# --- the per-event view used while clustering --------------------------------------------------

@dataclass
class _Item:
    index: int
    event: Event
    article_id: str
    family: str
    interval: tuple[dt.date, dt.date] | None
    published: dt.date | None
    actors: frozenset[str]
    order: tuple[str, str, str] = ("", "", "")


@dataclass
class _Cluster:
    members: list[_Item] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    min_end: dt.date | None = None  # earliest interval end among dated members

    def add(self, it: _Item) -> None:
        self.members.append(it)
        self.articles.add(it.article_id)
        if it.interval and (self.min_end is None or it.interval[1] < self.min_end):
            self.min_end = it.interval[1]


def _item(index: int, event: Event) -> _Item:
    source = event.sources[0] if event.sources else None
    article_id = source.article_id if source else f"?{event.id}"
    published = date_interval(source.published) if source else None
    actors = frozenset(k for k in (actor_key(event.actor1), actor_key(event.actor2)) if k)
    interval = date_interval(event.date)
    order = (interval[0].isoformat() if interval else "9999", article_id, event.id)
    return _Item(index, event, article_id, family(event.event_type), interval,
                 published[0] if published else None, actors, order)


def same_event(a: _Item, b: _Item) -> bool:
    if a.article_id == b.article_id or a.family != b.family:
        return False
    timeless = False
    if a.interval and b.interval:
        if _gap_days(a.interval, b.interval) > DATE_SLACK_DAYS:
            return False
    elif a.published and b.published:
        if abs((a.published - b.published).days) > PUBLISHED_SLACK_DAYS:
            return False
    else:
        timeless = True
    if a.actors and b.actors and not (a.actors <= b.actors or b.actors <= a.actors):
        return False
    pa, pb = a.event.place, b.event.place
    if timeless:
        # No time evidence at all: only the same gazetteer place and a shared actor will do,
        # or a year of reports about one town would collapse into one event.
        return bool(pa and pb and pa.geonameid is not None and pa.geonameid == pb.geonameid
                    and a.actors & b.actors)
    if pa is None or pb is None:
        return bool(a.actors & b.actors)
    return places_match(pa, pb)


def cluster(events: list[Event]) -> list[list[int]]:
    """Groups of indexes into ``events`` that are one event, in deterministic order.

    Items arrive sorted by date (undated last). Complete linkage needs an item within
    ``DATE_SLACK_DAYS`` of every dated member, so once a cluster's earliest-ending member ends
    more than the slack before the current item starts, no later item can join it: it leaves
    the active list. Dated items thus only scan clusters of the last few days; undated items
    (rare once the time extractor anchors dates) scan every cluster of their family."""
    items = sorted((_item(i, e) for i, e in enumerate(events)), key=lambda it: it.order)
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    every: dict[str, list[_Cluster]] = {}
    active: dict[str, list[_Cluster]] = {}
    for it in items:
        if it.interval:
            start = it.interval[0]
            candidates = active[it.family] = [
                c for c in active.get(it.family, []) if c.min_end is None or c.min_end + slack >= start
            ]
        else:
            candidates = every.get(it.family, [])
        target = next(
            (
                c
                for c in reversed(candidates)
                if it.article_id not in c.articles and all(same_event(it, m) for m in c.members)
            ),
            None,
        )
        if target is None:
            target = _Cluster()
            every.setdefault(it.family, []).append(target)
            active.setdefault(it.family, []).append(target)
        target.add(it)
    groups = [[m.index for m in c.members] for cs in every.values() for c in cs]
    rank = {it.index: n for n, it in enumerate(items)}
    return sorted(groups, key=lambda g: min(rank[i] for i in g))


# --- merging a cluster ------------------------------------------------------------------------

def mention_keys(event: Event) -> list[str]:
    article = event.sources[0].article_id if event.sources else "?"
    keys = [f"{article}:{m.trigger.start}:{m.trigger.end}:{m.sub_event_type}" for m in event.mentions]
    return keys or [f"{article}:{event.id}"]


def event_id(members: Iterable[Event]) -> str:
    """Deterministic: a hash of the sorted mention keys of every member (article id + trigger
    offsets), so the same sources always give the same id, whatever the input order."""
    keys = sorted(k for e in members for k in mention_keys(e))
    return "ev_" + hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:16]


def _vote(values: list[Any], weights: list[float]) -> Any:
    """Most frequent non-None value; ties go to the larger summed confidence, then the
    smallest value, so the choice never depends on input order."""
    score: dict[Any, tuple[int, float]] = {}
    for v, w in zip(values, weights, strict=True):
        if v is None:
            continue
        n, s = score.get(v, (0, 0.0))
        score[v] = (n + 1, s + w)
    if not score:
        return None
    return sorted(score, key=lambda v: (-score[v][0], -score[v][1], str(v)))[0]


def _distinct(values: Iterable[Any]) -> list[Any]:
    return sorted({v for v in values if v is not None}, key=str)


def merge_fatalities(members: list[Event]) -> tuple[Fatalities, list[int]]:
    """best = the lower median of the values the sources reported (a value some source actually
    gave, and the conservative one of the two middle values); low/high = min/max over every
    reported value and every source's own low/high."""
    reported = [m.fatalities.best for m in members if m.fatalities.best is not None]
    if not reported:
        return Fatalities(), []
    bounds = reported + [
        x for m in members for x in (m.fatalities.low, m.fatalities.high) if x is not None
    ]
    return Fatalities(int(statistics.median_low(reported)), min(bounds), max(bounds)), sorted(set(reported))


def _place_rank(p: Place) -> tuple[int, int, str]:
    level = {"point": 0, "region": 1, "country": 2}[_level(p)]
    return (level, 0 if p.geonameid is not None else 1, p.name)


def merge_cluster(members: list[Event]) -> Event:
    if len(members) == 1:
        only = members[0]
        return replace(only, id=event_id(members))
    weights = [m.confidence for m in members]
    contested: dict[str, list[Any]] = {}
    for m in members:
        for key, vals in m.contested.items():
            contested.setdefault(key, []).extend(vals)

    def pick(name: str, values: list[Any]) -> Any:
        distinct = _distinct(values)
        if len(distinct) > 1:
            contested.setdefault(name, []).extend(distinct)
        return _vote(values, weights)

    event_type = pick("event_type", [m.event_type for m in members])
    sub_event_type = pick("sub_event_type", [m.sub_event_type for m in members])
    date = pick("date", [m.date for m in members])
    precisions = [m.date_precision for m in members if m.date == date and m.date_precision]
    date_precision = min(precisions, key=_PRECISION_ORDER.index) if precisions else None

    places = sorted((m.place for m in members if m.place), key=_place_rank)
    place = places[0] if places else None
    if len({(p.geonameid, p.name) for p in places}) > 1:
        contested.setdefault("place", []).extend(_distinct(p.name for p in places))

    actor1 = _pick_actor([m.actor1 for m in members], weights)
    actor2 = _pick_actor([m.actor2 for m in members], weights)
    for role in ("actor1", "actor2"):
        names = _distinct(actor_key(getattr(m, role)) for m in members)
        if len(names) > 1:
            contested.setdefault(role, []).extend(names)

    fatalities, reported = merge_fatalities(members)
    if len(reported) > 1:
        contested.setdefault("fatalities", []).extend(reported)
    modalities = [m.modality for m in members]
    # Any source asserting the event makes it asserted; the others' "claimed"/"denied" stay
    # visible in ``contested``.
    modality: Modality = "asserted" if "asserted" in modalities else _vote(modalities, weights)
    if len(set(modalities)) > 1:
        contested.setdefault("modality", []).extend(_distinct(modalities))

    sources: dict[str, SourceRef] = {}
    for m in members:
        for s in m.sources:
            sources.setdefault(s.article_id, s)
    # Independent sources corroborate each other: noisy-OR of the members' confidences.
    confidence = 1.0 - math.prod(1.0 - min(max(w, 0.0), 1.0) for w in weights)
    return Event(
        id=event_id(members),
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        date_precision=date_precision,
        place=place,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        modality=modality,
        sources=sorted(sources.values(), key=lambda s: (s.published or "", s.article_id)),
        mentions=[x for m in members for x in m.mentions],
        contested={k: _distinct(v) for k, v in sorted(contested.items())},
        confidence=round(confidence, 4),
    )


def _pick_actor(actors: list[Actor | None], weights: list[float]) -> Actor | None:
    key = _vote([actor_key(a) for a in actors], weights)
    return next((a for a in actors if a is not None and actor_key(a) == key), None)


def merge_groups(events: list[Event]) -> list[tuple[Event, list[int]]]:
    """Merged events, each with the indexes (into ``events``) of the events it merged."""
    out = []
    for group in cluster(events):
        members = [events[i] for i in group]
        out.append((merge_cluster(members), group))
    return out


def merge_events(events: list[Event]) -> list[Event]:
    return [merged for merged, _ in merge_groups(events)]
