"""The events scorer: type metrics from the most confident event, detection, gold-to-predicted
alignment and the field metrics, on hand-built records and analyses."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluation import events as ev_eval
from sitrep.evaluation import run
from sitrep.evaluation.gold import EventRecord, GoldEvent, GoldLocation
from sitrep.model import Actor, AnalyzedArticle, Article, Event, Fatalities, Place

AIR = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")


def _gold(kind: tuple[str, str] | None, **kw: object) -> GoldEvent:
    et, st = kind if kind else (None, None)
    return GoldEvent(event_type=et, sub_event_type=st, **kw)  # type: ignore[arg-type]


def _event(kind: tuple[str, str], conf: float = 0.5, **kw: object) -> Event:
    return Event(id="e", event_type=kind[0], sub_event_type=kind[1], confidence=conf, **kw)  # type: ignore[arg-type]


def _analysis(text: str, events: list[Event]) -> AnalyzedArticle:
    return AnalyzedArticle(article=Article.create(text), events=events)


def test_country_iso2_is_case_insensitive() -> None:
    assert ev_eval.country_iso2("GUATEMALA") == "GT"
    assert ev_eval.country_iso2("Syria") == "SY"
    assert ev_eval.country_iso2("Central African Republic") == "CF"
    assert ev_eval.country_iso2("Atlantis") is None


def test_date_matches() -> None:
    g = _gold(None, date="2024-03-01")
    assert ev_eval.date_matches("2024-03-01", g)
    assert not ev_eval.date_matches("2024-03-02", g)
    assert ev_eval.date_matches("2024-03-02", g, tolerance_days=1)
    assert not ev_eval.date_matches("2024-03", g)  # month precision is not a day
    rng = _gold(None, date="2024-03-01", date_end="2024-03-05")
    assert ev_eval.date_matches("2024-03-04", rng)
    assert not ev_eval.date_matches("2024-03-06", rng)


def test_align_prefers_same_subtype_over_confidence() -> None:
    golds = [_gold(AIR), _gold(CLASH)]
    clash, air = _event(CLASH, 0.9), _event(AIR, 0.1)
    assert ev_eval.align(golds, [clash, air]) == [air, clash]
    # One prediction, two gold events: the second gold event has no partner.
    assert ev_eval.align(golds, [air]) == [air, None]


def test_score_type_detection_and_fields() -> None:
    syria = GoldLocation(name="Raqqa", country="Syria")
    records = [
        EventRecord("1", "centcom_strikes", "a", "2024-03-01", [_gold(
            AIR, date="2024-03-01", location=syria, fatalities=2, actor1="Russian Air Force")]),
        EventRecord("2", "muc4", "b", None, [_gold(
            CLASH, location=GoldLocation(name="X", country="GUATEMALA"), actor2="the army")]),
        EventRecord("3", "muc4", "c", None, []),
        EventRecord("4", "plover_gsr", "d", None, [_gold(None, native_type="FIGHT")]),
    ]
    place = Place("Raqqa", None, country="SY", lat=35.95, lon=39.01)
    analyses = [
        _analysis("a", [
            _event(AIR, 0.9, date="2024-03-02", place=place, fatalities=Fatalities(best=2),
                   actor1=Actor("Russian air force", None)),
            _event(CLASH, 0.2),
        ]),
        _analysis("b", []),
        _analysis("c", []),
        _analysis("d", [_event(CLASH, 0.4)]),
    ]
    out = ev_eval.score(records, analyses)
    assert out["records"] == 4 and out["gold_events"] == 3 and out["predicted_events"] == 3
    assert out["n_typed"] == 2  # record 4 has no ACLED label, record 3 no event
    assert out["subtype_micro_f1"] == 0.5  # record 1 right, record 2 "none"
    assert out["type_micro_f1"] == 0.5
    # Air: P 1 R 1 F1 1; Armed clash: R 0 -> macro 0.5
    assert out["subtype_macro_f1"] == 0.5
    # detection: gold [T, T, F, T], pred [T, F, F, T] -> P 1, R 2/3
    assert out["detection_f1"] == pytest.approx(0.8)
    assert (out["country_acc"], out["n_country"]) == (0.5, 2)
    assert (out["date_acc"], out["n_date"]) == (1.0, 1)  # CENTCOM allows one day
    assert (out["fatalities_acc"], out["n_fatalities"]) == (1.0, 1)
    assert (out["actor1_f1"], out["n_actor1"]) == (1.0, 1)
    assert (out["actor2_f1"], out["n_actor2"]) == (0.0, 1)
    assert out["within_161km_acc"] is None and out["n_latlon"] == 0


def test_score_without_labels_reports_none_not_zero() -> None:
    records = [EventRecord("1", "ucdp_ged_car", "t", None, [_gold(
        None, location=GoldLocation(lat=4.36, lon=18.56, country="Central African Republic"),
        date="2020-01-01", date_end="2020-01-03")])]
    near = Place("Bangui", None, country="CF", lat=4.4, lon=18.6)
    out = ev_eval.score(records, [_analysis("t", [_event(CLASH, date="2020-01-02", place=near)])])
    assert out["subtype_micro_f1"] is None and out["n_typed"] == 0
    assert out["within_161km_acc"] == 1.0 and out["n_latlon"] == 1
    assert out["date_acc"] == 1.0
    assert out["country_acc"] == 1.0


def test_run_events_on_own_text(tmp_path: Path) -> None:
    """Whatever the extractors currently do, the run returns every contract key, sane values."""
    path = tmp_path / "g.jsonl"
    path.write_text(
        '{"id": "1", "source": "t", "text": "Government aircraft bombed a market in the town of '
        'Kadugli on Monday, killing five people.", "published": "2024-05-08", "events": [{"event_type": '
        '"Explosions/Remote violence", "sub_event_type": "Air/drone strike", "fatalities": 5, '
        '"location": {"name": "Kadugli", "country": "Sudan"}, "date": "2024-05-06"}]}\n',
        encoding="utf-8",
    )
    out = run("events", path)
    for key in ("records", "subtype_micro_f1", "subtype_macro_f1", "subtype_weighted_f1", "type_micro_f1",
                "type_macro_f1", "detection_f1", "country_acc", "within_161km_acc", "date_acc",
                "fatalities_acc", "actor1_f1", "actor2_f1"):
        assert key in out
    for key in ("subtype_micro_f1", "detection_f1", "country_acc", "date_acc", "fatalities_acc"):
        assert 0.0 <= out[key] <= 1.0


def test_actor_score_takes_the_better_of_normalised_name_and_text() -> None:
    ev = _event(CLASH, 0.5, actor1=Actor("Israeli soldiers", None, "Military Forces of Israel", "state", "IL"))
    assert ev_eval.actor_score(ev, "actor1", "Israeli soldiers") == 1.0
    assert ev_eval.actor_score(ev, "actor1", "Military Forces of Israel") == 1.0
    assert ev_eval.actor_score(ev, "actor2", "the army") == 0.0
    assert ev_eval.actor_score(None, "actor1", "the army") == 0.0
