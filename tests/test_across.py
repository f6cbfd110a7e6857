from __future__ import annotations

import random

from test_store_fixtures import TOWN_A, TOWN_FAR, TOWN_NEAR, make_analysis, make_event

from sitrep.resolve.across import (
    article_events,
    date_interval,
    event_id,
    haversine_km,
    merge_events,
    merge_fatalities,
    merge_groups,
)

REGION = {"name": "Eastern Province", "geonameid": 2001, "lat": 35.0, "lon": 39.5,
          "admin1": "Eastern Province", "country": "SY", "feature": "ADM1", "precision": 3}


def test_contested_fatalities_are_kept() -> None:
    events = [make_event("a", dead=0), make_event("b", dead=1, trigger=(3, 9))]
    (merged,) = merge_events(events)
    assert merged.contested["fatalities"] == [0, 1]
    assert (merged.fatalities.best, merged.fatalities.low, merged.fatalities.high) == (0, 0, 1)
    assert {s.article_id for s in merged.sources} == {"a", "b"}
    assert len(merged.mentions) == 2


def test_fatalities_best_is_lower_median() -> None:
    events = [make_event(x, dead=d) for x, d in (("a", 2), ("b", 10), ("c", 4), ("d", None))]
    fat, reported = merge_fatalities(events)
    assert reported == [2, 4, 10]
    assert (fat.best, fat.low, fat.high) == (4, 2, 10)
    fat, _ = merge_fatalities([make_event("a", dead=2), make_event("b", dead=5)])
    assert fat.best == 2


def test_date_slack_one_day() -> None:
    assert len(merge_events([make_event("a"), make_event("b", day="2022-08-25")])) == 1
    assert len(merge_events([make_event("a"), make_event("b", day="2022-08-26")])) == 2
    # A month-level date covers its days.
    assert len(merge_events([make_event("a"), make_event("b", day="2022-08")])) == 1
    # Unknown date: publication dates decide.
    assert len(merge_events([make_event("a"), make_event("b", day=None)])) == 1
    assert len(merge_events([make_event("a"), make_event("b", day=None, published="2022-09-20")])) == 2


def test_place_rules() -> None:
    assert haversine_km(TOWN_A["lat"], TOWN_A["lon"], TOWN_NEAR["lat"], TOWN_NEAR["lon"]) < 25
    assert len(merge_events([make_event("a"), make_event("b", town=TOWN_NEAR)])) == 1
    assert len(merge_events([make_event("a"), make_event("b", town=TOWN_FAR)])) == 2
    # Region-level place in the same admin1 is compatible; a different admin1 is not.
    assert len(merge_events([make_event("a"), make_event("b", town=REGION)])) == 1
    assert len(merge_events([make_event("a", town=TOWN_FAR), make_event("b", town=REGION)])) == 2
    # Unknown place: needs a shared actor.
    assert len(merge_events([make_event("a"), make_event("b", town=None)])) == 1
    assert len(merge_events([make_event("a"), make_event("b", town=None, actors=(None, None))])) == 2


def test_actor_rules() -> None:
    assert len(merge_events([make_event("a"), make_event("b", actors=("Army", None))])) == 1
    assert len(merge_events([make_event("a"), make_event("b", actors=(None, None))])) == 1
    assert len(merge_events([make_event("a"), make_event("b", actors=("Rebels", "Civilians"))])) == 2


def test_type_family() -> None:
    battle = make_event("b", event_type="Battles", sub_event_type="Armed clash")
    (merged,) = merge_events([make_event("a"), battle])
    assert merged.contested["event_type"] == ["Battles", "Explosions/Remote violence"]
    assert merged.contested["sub_event_type"] == ["Air/drone strike", "Armed clash"]
    protest = make_event("c", event_type="Protests", sub_event_type="Peaceful protest")
    assert len(merge_events([make_event("a"), protest])) == 2


def test_same_article_events_stay_apart() -> None:
    assert len(merge_events([make_event("a"), make_event("a", trigger=(50, 55))])) == 2


def test_complete_linkage_prevents_chaining() -> None:
    # b is within a day of a and of c, but a and c are two days apart: c must not join a+b.
    events = [make_event("a", day="2022-08-24"), make_event("b", day="2022-08-25"),
              make_event("c", day="2022-08-26")]
    groups = merge_groups(events)
    assert sorted(len(g) for _, g in groups) == [1, 2]


def test_ids_are_deterministic_and_order_independent() -> None:
    events = [make_event(x, dead=d, trigger=(i, i + 4)) for i, (x, d) in
              enumerate((("a", 1), ("b", 2), ("c", 3), ("d", 2)))]
    events.append(make_event("e", town=TOWN_FAR))
    first = merge_events(events)
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    second = merge_events(shuffled)
    assert [e.id for e in first] == [e.id for e in second]
    assert [e.fatalities for e in first] == [e.fatalities for e in second]
    assert event_id([events[0], events[1]]) == event_id([events[1], events[0]])
    assert all(e.id.startswith("ev_") for e in first)


def test_article_events_fill_sources() -> None:
    analysis = make_analysis(outlet="Alpha")
    (event,) = article_events(analysis)
    assert event.sources[0].article_id == analysis.article.id
    assert event.sources[0].outlet == "Alpha"


def test_date_interval_formats() -> None:
    assert date_interval("2022-08-24") is not None
    week = date_interval("2022-W34")
    assert week is not None and (week[1] - week[0]).days == 6
    month = date_interval("2022-02")
    assert month is not None and month[1].day == 28
    assert date_interval("PAST_REF") is None
    assert date_interval(None) is None


def test_many_events_scale() -> None:
    # 3,000 events over 300 days and 3 towns: must cluster quickly (active-window pruning).
    import time

    towns = [TOWN_A, TOWN_FAR, {**TOWN_A, "geonameid": 1009, "lat": 30.0, "lon": 31.0}]
    events = []
    for i in range(3000):
        day = f"2022-{1 + (i // 10) % 12:02d}-{1 + i % 28:02d}"
        events.append(make_event(f"art{i}", day=day, town=towns[i % 3], trigger=(i, i + 3)))
    t0 = time.perf_counter()
    merged = merge_events(events)
    assert time.perf_counter() - t0 < 10
    assert sum(len(e.sources) for e in merged) == 3000


def test_no_time_evidence_needs_same_place_and_actor() -> None:
    undated = dict(day=None, published=None)
    assert len(merge_events([make_event("a", **undated), make_event("b", **undated)])) == 1
    assert len(merge_events([make_event("a", **undated), make_event("b", town=TOWN_NEAR, **undated)])) == 2
    assert len(merge_events([make_event("a", **undated),
                             make_event("b", actors=(None, None), **undated)])) == 2
