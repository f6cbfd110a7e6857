from __future__ import annotations

from sitrep.model import Actor, Article, EventMention, Span, TimeRef
from sitrep.resolve.within import merge_mentions

TEXT = "x" * 60 + "attack" + "x" * 334
ART = Article.create(TEXT, published="2023-01-05")


def _m(start: int, sub: str, etype: str, date: str | None = None, modality: str = "asserted",
       fat: int | None = None, conf: float = 0.6, a1: str | None = None, word: str = "xxxx") -> EventMention:
    return EventMention(
        trigger=Span(start, start + len(word), TEXT[start : start + len(word)]),
        sentence=Span(start, start + 10, TEXT[start : start + 10]),
        event_type=etype, sub_event_type=sub,
        time=TimeRef(date, None) if date else None, fatalities=fat,
        modality=modality,  # type: ignore[arg-type]
        confidence=conf,
        actor1=Actor(a1, None, a1, "state") if a1 else None,
    )


AIR = ("Air/drone strike", "Explosions/Remote violence")


def test_same_incident_merges_with_contested_fatalities() -> None:
    ms = [_m(0, *AIR, date="2023-01-04", fat=3, conf=0.9, a1="Military Forces of X"),
          _m(50, *AIR, fat=5, conf=0.5)]
    (ev,) = merge_mentions(ms, ART)
    assert len(ev.mentions) == 2
    assert ev.fatalities.low == 3 and ev.fatalities.high == 5 and ev.fatalities.best == 5
    assert ev.contested["fatalities"] == [3, 5]
    assert ev.date == "2023-01-04"
    assert ev.sources[0].article_id == ART.id
    assert ev.actor1 is not None and ev.actor1.normalized == "Military Forces of X"


def test_different_dates_or_background_stay_apart() -> None:
    ms = [_m(0, *AIR, date="2023-01-04"), _m(50, *AIR, date="2022-11-01"),
          _m(100, *AIR, date="2019-11-20", modality="background")]
    assert len(merge_mentions(ms, ART)) == 3


def test_non_events_are_not_emitted() -> None:
    ms = [_m(0, *AIR, modality="hypothetical"), _m(50, "Attack", "Violence against civilians", modality="denied")]
    assert merge_mentions(ms, ART) == []


def test_deterministic_ids() -> None:
    ms = [_m(10, *AIR), _m(200, "Arrests", "Strategic developments")]
    a = merge_mentions(ms, ART)
    b = merge_mentions(list(reversed(ms)), ART)
    assert [e.id for e in a] == [e.id for e in b]
    assert len({e.id for e in a}) == 2


def test_generic_reference_with_same_date_joins() -> None:
    ms = [_m(0, "Armed clash", "Battles", date="2023-01-01", conf=0.8, word="xxxxxx"),
          _m(60, "Attack", "Violence against civilians", date="2023-01-01", word="attack")]
    assert ms[1].trigger.text == "attack"
    (ev,) = merge_mentions(ms, ART)
    assert ev.sub_event_type == "Armed clash"
