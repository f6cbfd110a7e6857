from __future__ import annotations

import json

from sitrep.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    EventMention,
    Fatalities,
    Place,
    Quote,
    SourceRef,
    Span,
    TimeRef,
    from_dict,
    to_dict,
)


def test_article_id_is_a_hash_of_normalised_text() -> None:
    a = Article.create("Troops  clashed\nwith rebels.")
    b = Article.create("troops clashed with rebels.  ")
    c = Article.create("Troops clashed with militias.")
    assert a.id == b.id
    assert a.id != c.id
    assert len(a.id) == 16


def test_span_of_takes_text_from_offsets() -> None:
    text = "Shelling hit Kharkiv on Monday."
    span = Span.of(text, 13, 20)
    assert span.text == "Kharkiv" == text[span.start : span.end]


def _analysis() -> AnalyzedArticle:
    text = "Rebels shelled Goma on Monday, killing three civilians, the army said."
    article = Article.create(text, published="2024-05-07", outlet="Example Wire", language="en")
    trigger = Span.of(text, 7, 14)
    place = Place(name="Goma", span=Span.of(text, 15, 19), geonameid=216281, lat=-1.68, lon=29.22,
                  country="CD", precision=1)
    time = TimeRef(value="2024-05-06", span=Span.of(text, 23, 29), precision="day")
    mention = EventMention(
        trigger=trigger, sentence=Span.of(text, 0, len(text)),
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1=Actor(name="Rebels", span=Span.of(text, 0, 6), kind="rebel"),
        place=place, time=time, fatalities=3, modality="claimed", attributed_to="the army",
    )
    event = Event(id="e1", event_type=mention.event_type, sub_event_type=mention.sub_event_type,
                  date=time.value, date_precision="day", place=place, actor1=mention.actor1,
                  fatalities=Fatalities(3, 3, 3), sources=[SourceRef(article.id, "Example Wire")],
                  mentions=[mention], contested={"fatalities": [3, 4]})
    quote = Quote(content=Span.of(text, 0, 54), speaker=Span.of(text, 56, 64), cue=Span.of(text, 65, 69))
    return AnalyzedArticle(article=article, places=[place], times=[time], mentions=[mention],
                           events=[event], quotes=[quote])


def test_json_roundtrip_keeps_everything() -> None:
    analysis = _analysis()
    data = json.loads(json.dumps(to_dict(analysis)))
    assert data["schema"] == "sitrep.analysis/1"
    rebuilt = from_dict(AnalyzedArticle, data)
    assert rebuilt == analysis
    assert isinstance(rebuilt.events[0].mentions[0].trigger, Span)
    assert rebuilt.events[0].fatalities.best == 3


def test_spans_in_fixture_match_text() -> None:
    analysis = _analysis()
    text = analysis.article.text
    for span in (analysis.places[0].span, analysis.times[0].span, analysis.quotes[0].cue):
        assert span is not None
        assert text[span.start : span.end] == span.text
