"""Builders of small, fully populated analyses for the store, batch, across and export tests.
The sentences are invented for these tests."""

from __future__ import annotations

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
)

TOWN_A = {"name": "Northbridge", "geonameid": 1001, "lat": 34.80, "lon": 38.99,
          "admin1": "Eastern Province", "country": "SY"}
TOWN_NEAR = {"name": "Riverside", "geonameid": 1002, "lat": 34.90, "lon": 39.05,
             "admin1": "Eastern Province", "country": "SY"}
TOWN_FAR = {"name": "Hillcrest", "geonameid": 1003, "lat": 33.50, "lon": 36.30,
            "admin1": "Capital Province", "country": "SY"}


def span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def make_analysis(
    *,
    outlet: str = "Daily Example",
    day: str = "2022-08-24",
    dead: int | None = 3,
    town: dict | None = None,
    attacker: str = "the army",
    sub_event_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    extra: str = "",
    title: str | None = None,
) -> AnalyzedArticle:
    town = town or TOWN_A
    casualty = f"killing {dead} people" if dead is not None else "causing damage"
    text = (
        f"Warplanes of {attacker} struck a depot near {town['name']} on Wednesday, {casualty}. "
        f"\"We hit legitimate targets,\" a spokesman for {attacker} said. "
        f"Residents described the so-called precision strikes as a massacre. {extra}"
    )
    article = Article.create(text, outlet=outlet, url=f"https://{outlet.replace(' ', '').lower()}.test/a",
                             title=title or f"Strike near {town['name']}", published=day, language="en")
    place = Place(name=town["name"], span=span(text, town["name"]), geonameid=town["geonameid"],
                  lat=town["lat"], lon=town["lon"], admin1=town["admin1"], country=town["country"],
                  feature="PPL", precision=1)
    time = TimeRef(value=day, span=span(text, "Wednesday"), precision="day")
    actor1 = Actor(name=attacker, span=span(text, attacker), normalized=attacker.removeprefix("the ").title(),
                   kind="state", country="SY")
    actor2 = Actor(name="people", span=span(text, "depot"), normalized="Civilians", kind="civilians")
    first_sentence = span(text, text[: text.index(".") + 1])
    mention = EventMention(
        trigger=span(text, "struck"), sentence=first_sentence, event_type=event_type,
        sub_event_type=sub_event_type, actor1=actor1, actor2=actor2, place=place, time=time,
        fatalities=dead, fatalities_span=span(text, casualty), confidence=0.8,
    )
    quote = Quote(content=span(text, "We hit legitimate targets,"), speaker=span(text, "a spokesman"),
                  speaker_resolved=actor1.normalized, cue=span(text, "said"), kind="direct",
                  event_index=0)
    framing = FramingMark(span=span(text, "massacre"), category="loaded",
                          neutral_alternative="killing", term="massacre")
    framing2 = FramingMark(span=span(text, "so-called"), category="distancing", term="so-called")
    event = Event(
        id="local-0", event_type=event_type, sub_event_type=sub_event_type, date=day,
        date_precision="day", place=place, actor1=actor1, actor2=actor2,
        fatalities=Fatalities(dead, dead, dead), mentions=[mention], confidence=0.8,
    )
    return AnalyzedArticle(
        article=article, places=[place], times=[time], mentions=[mention], events=[event],
        quotes=[quote], framing=[framing, framing2], framing_profile={"loaded": 1},
    )


def make_event(
    article_id: str,
    *,
    day: str | None = "2022-08-24",
    town: dict | None = TOWN_A,
    dead: int | None = 2,
    actors: tuple[str | None, str | None] = ("Army", "Civilians"),
    sub_event_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    outlet: str | None = None,
    published: str | None = "2022-08-25",
    trigger: tuple[int, int] = (10, 16),
    confidence: float = 0.6,
) -> Event:
    place = None
    if town:
        place = Place(name=town["name"], span=None, geonameid=town["geonameid"], lat=town["lat"],
                      lon=town["lon"], admin1=town["admin1"], country=town["country"],
                      feature=town.get("feature", "PPL"), precision=town.get("precision", 1))
    a1 = Actor(name=actors[0], span=None, normalized=actors[0], kind="state") if actors[0] else None
    a2 = Actor(name=actors[1], span=None, normalized=actors[1], kind="civilians") if actors[1] else None
    mention = EventMention(
        trigger=Span(trigger[0], trigger[1], "x" * (trigger[1] - trigger[0])),
        sentence=Span(0, 40, "s" * 40), event_type=event_type, sub_event_type=sub_event_type,
        fatalities=dead, confidence=confidence,
    )
    return Event(
        id=f"{article_id}-0", event_type=event_type, sub_event_type=sub_event_type, date=day,
        date_precision="day" if day and len(day) == 10 else ("month" if day else None),
        place=place, actor1=a1, actor2=a2, fatalities=Fatalities(dead, dead, dead),
        sources=[SourceRef(article_id=article_id, outlet=outlet or f"outlet-{article_id}",
                           published=published)],
        mentions=[mention], confidence=confidence,
    )


def check_spans(analysis: AnalyzedArticle) -> None:
    """The evidence invariant: every span's text is the article text at its offsets."""
    text = analysis.article.text
    spans: list[Span] = []
    spans += [p.span for p in analysis.places if p.span]
    spans += [t.span for t in analysis.times if t.span]
    for m in analysis.mentions:
        spans += [m.trigger, m.sentence]
    for q in analysis.quotes:
        spans += [s for s in (q.content, q.speaker, q.cue) if s]
    spans += [f.span for f in analysis.framing]
    assert spans
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_builders_respect_span_invariant() -> None:
    check_spans(make_analysis())
    check_spans(make_analysis(town=TOWN_FAR, attacker="rebel fighters", dead=None))
