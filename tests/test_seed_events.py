"""The seed article (../shared/seed): the events a careful coder would record, and no others.
Skips when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.model import AnalyzedArticle, Event


@pytest.fixture(scope="module")
def seed_analysis(seed_path: Path) -> AnalyzedArticle:
    from sitrep.ingest import read_path
    from sitrep.pipeline import analyze

    results = list(read_path(seed_path))
    article = results[0].article
    assert article is not None
    return analyze(article)


def _by_date(analysis: AnalyzedArticle, day: str) -> list[Event]:
    return [e for e in analysis.events if e.date == day]


def test_us_airstrikes(seed_analysis: AnalyzedArticle) -> None:
    strikes = [e for e in _by_date(seed_analysis, "2022-08-24") if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    ev = strikes[0]
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor1 is not None and ev.actor1.normalized == "Military Forces of the United States"
    assert ev.actor2 is not None and ev.actor2.patron == "Iran"
    assert ev.fatalities.best is None  # the article gives no figures
    assert ev.modality == "asserted"
    assert len(ev.mentions) >= 2
    # In Deir Ezzor (the governorate 170792 or the city 170794), not just "Syria".
    assert ev.place is not None and ev.place.geonameid in (170792, 170794)
    # It is the article's main event.
    assert ev is max(seed_analysis.events, key=lambda e: e.confidence)


def test_al_tanf_attack_claimed(seed_analysis: AnalyzedArticle) -> None:
    events = _by_date(seed_analysis, "2022-08-15")
    assert len(events) == 1
    ev = events[0]
    assert ev.modality == "claimed"
    assert ev.actor1 is not None and ev.actor1.patron == "Iran"
    assert ev.fatalities.best == 0


def test_2019_strike_is_background(seed_analysis: AnalyzedArticle) -> None:
    events = _by_date(seed_analysis, "2019-11-20")
    assert len(events) == 1
    assert events[0].modality == "background"
    assert events[0].sub_event_type == "Air/drone strike"
    assert events[0].actor1 is not None and events[0].actor1.country == "IL"


def test_no_other_events(seed_analysis: AnalyzedArticle) -> None:
    # No event for the oil-looting accusations or the press-conference caption.
    assert len(seed_analysis.events) == 3
    assert not any(e.sub_event_type == "Looting/property destruction" for e in seed_analysis.events)
    text = seed_analysis.article.text
    for ev in seed_analysis.events:
        for m in ev.mentions:
            assert text[m.trigger.start : m.trigger.end] == m.trigger.text
            assert text[m.sentence.start : m.sentence.end] == m.sentence.text
