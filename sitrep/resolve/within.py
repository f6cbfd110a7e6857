"""Within-article merging: the mentions of one incident in one article become one ``Event``.

Two mentions join when they have the same sub-event type (or the same event type when one of
them is a generic back-reference that took its type from an antecedent), compatible dates
(equal, or one unknown), compatible places (same name or one unknown) and the same
background/non-background status. Hypothetical and denied-only groups are not events and are
never emitted. Disagreements between mentions (fatalities, dates, actors) are kept in
``Event.contested``; the best value is the one of the most confident asserted mention.
"""

from __future__ import annotations

import hashlib

from sitrep.model import Actor, Article, Event, EventMention, Fatalities, Place, SourceRef

_NON_EVENT = frozenset({"hypothetical", "denied"})
_GENERIC = frozenset({"attack", "assault", "strike", "offensive", "raid", "operation"})
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_MODALITY_RANK = {"asserted": 0, "claimed": 1, "background": 2, "denied": 3, "hypothetical": 4}


def _place_key(p: Place | None) -> str | None:
    if p is None:
        return None
    return str(p.geonameid) if p.geonameid is not None else p.name.lower()


def _compatible(m: EventMention, group: list[EventMention]) -> bool:
    first = group[0]
    if (m.modality == "background") != (first.modality == "background"):
        return False
    dates = {g.time.value for g in group if g.time is not None}
    if m.sub_event_type != first.sub_event_type:
        # A generic noun ("attacks like the ones on August 15") typed apart from its first
        # mention still joins it when both are violent and carry the same explicit date.
        generic = any(x.trigger.text.lower().rstrip("s") in _GENERIC for x in (m, first))
        if not (generic and m.event_type in _VIOLENT and first.event_type in _VIOLENT
                and m.time is not None and dates == {m.time.value}):
            return False
    if m.time is not None and dates and m.time.value not in dates:
        return False
    places = {_place_key(g.place) for g in group if g.place is not None}
    pk = _place_key(m.place)
    if pk is not None and places and pk not in places:
        # Places differ in name: keep apart only when both are precise (a town vs a country
        # name in the same story is usually the same incident).
        if m.place is not None and m.place.precision == 1 and any(
            g.place is not None and g.place.precision == 1 for g in group
        ):
            return False
    return True


def _event_id(article: Article, m: EventMention) -> str:
    raw = f"{article.id}:{m.trigger.start}:{m.trigger.end}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _best_actor(group: list[EventMention], which: str) -> tuple[Actor | None, list[str]]:
    actors = [getattr(m, which) for m in group if getattr(m, which) is not None]
    if not actors:
        return None, []
    names = list(dict.fromkeys(a.normalized or a.name for a in actors))
    # Prefer a normalised (table or kind-resolved) actor over a bare phrase.
    ranked = sorted(actors, key=lambda a: (a.normalized is None, a.kind is None))
    return ranked[0], names


def _fatalities(group: list[EventMention]) -> tuple[Fatalities, list[int]]:
    values = [m.fatalities for m in group if m.fatalities is not None]
    if not values:
        return Fatalities(), []
    asserted = [m.fatalities for m in sorted(group, key=lambda m: (_MODALITY_RANK[m.modality], -m.confidence))
                if m.fatalities is not None]
    # A later, higher toll usually updates an earlier one ("rose to 40"); the best value is the
    # highest figure of the best-supported modality.
    top_rank = min(_MODALITY_RANK[m.modality] for m in group if m.fatalities is not None)
    best = max(m.fatalities for m in group if m.fatalities is not None and _MODALITY_RANK[m.modality] == top_rank)
    del asserted
    return Fatalities(best, min(values), max(values)), sorted(set(values))


def _build(group: list[EventMention], article: Article) -> Event:
    # The most confident mention (the first one on ties) carries type and modality.
    main = max(group, key=lambda m: (m.confidence, -m.trigger.start))
    first = min(group, key=lambda m: m.trigger.start)
    a1, a1_names = _best_actor(group, "actor1")
    a2, a2_names = _best_actor(group, "actor2")
    fats, fat_values = _fatalities(group)
    times = [m.time for m in group if m.time is not None]
    place = next((m.place for m in sorted(group, key=lambda m: -m.confidence) if m.place is not None), None)
    modality = main.modality if main.modality not in _NON_EVENT else min(
        (m.modality for m in group), key=lambda x: _MODALITY_RANK[x]
    )
    contested: dict[str, list[object]] = {}
    if len(fat_values) > 1:
        contested["fatalities"] = list(fat_values)
    for name, values in (("actor1", a1_names), ("actor2", a2_names)):
        if len(values) > 1 and sum(1 for _ in values) > 1:
            contested[name] = list(values)
    date_values = list(dict.fromkeys(t.value for t in times))
    if len(date_values) > 1:
        contested["date"] = list(date_values)
    # Confidence: the best mention, plus a little for corroboration by further mentions.
    conf = min(0.99, main.confidence + 0.03 * (len(group) - 1))
    return Event(
        id=_event_id(article, first),
        event_type=main.event_type, sub_event_type=main.sub_event_type,
        # A clock time ("2024-12-04TEV") dates the event to its day: ACLED records days.
        date=times[0].value.split("T", 1)[0] if times else None,
        date_precision=times[0].precision if times else None,
        place=place, actor1=a1, actor2=a2, fatalities=fats, modality=modality,
        sources=[SourceRef(article.id, article.outlet, article.url, article.published)],
        mentions=sorted(group, key=lambda m: m.trigger.start), contested=contested,
        confidence=round(conf, 3),
    )


def merge_mentions(mentions: list[EventMention], article: Article) -> list[Event]:
    """Group the mentions of one article into events (in order of first mention)."""
    groups: list[list[EventMention]] = []
    for m in sorted(mentions, key=lambda m: m.trigger.start):
        for g in groups:
            if _compatible(m, g):
                g.append(m)
                break
        else:
            groups.append([m])
    events = [_build(g, article) for g in groups if any(m.modality not in _NON_EVENT for m in g)]
    return events
