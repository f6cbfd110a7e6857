from __future__ import annotations

from typing import Any

from sitrep.extract.event_places import (
    article_place,
    foreign_region,
    named_countries,
    narrative_place,
    placed,
    sentence_place,
    story_place,
)
from sitrep.model import EventMention, Place, Span


def test_sentence_place_prefers_the_country_the_text_names(nlp: Any) -> None:
    text = "Chad: seven villagers killed in the Nord region."
    doc = nlp(text)
    chad = Place("Chad", Span(0, 4, "Chad"), country="TD", feature="PCLI", precision=3)
    nord = Place("Nord", Span(36, 40, "Nord"), country="FR", feature="ADM2", precision=2)
    both = [chad, nord]
    assert sentence_place(next(iter(doc.sents)), both, 20, named_countries(both)) is chad
    # Without a named country, the more precise place wins as before.
    assert sentence_place(next(iter(doc.sents)), [nord], 20, named_countries([nord])) is nord


def test_region_of_an_unnamed_country_yields_to_the_named_country() -> None:
    car = Place("Central African Republic", Span(0, 3, "RCA"), country="CF", feature="PCLI", precision=3)
    region = Place("Nord-Ouest", Span(40, 50, "Nord-ouest"), country="HT", feature="ADM1", precision=2)
    town = Place("Bouar", Span(20, 25, "Bouar"), country="CF", feature="PPL", precision=1)
    assert foreign_region(region, named_countries([car, region]))
    assert not foreign_region(region, named_countries([region]))  # no country named: nothing to prefer
    assert not foreign_region(town, named_countries([car, town]))


def test_article_place_is_the_country_named_most() -> None:
    kaya = Place("Kaya", Span(0, 4, "KAYA"), country="BF", feature="PPL", precision=1)
    bf = Place("Burkina Faso", Span(30, 42, "Burkina Faso"), country="BF", feature="PCLI", precision=3)
    mali = Place("Mali", Span(60, 64, "Mali"), country="ML", feature="PCLI", precision=3)
    assert article_place([kaya, bf, mali]) is bf
    assert article_place([]) is None


def _mention(sent: tuple[int, int], place: Place | None) -> EventMention:
    return EventMention(trigger=Span(sent[0], sent[0] + 4, "xxxx"), sentence=Span(sent[0], sent[1], "x"),
                        event_type="Violence against civilians", sub_event_type="Attack", place=place)


def test_narrative_place_is_the_place_the_story_last_set() -> None:
    sent_starts = [0, 100, 200, 300, 400]
    town = Place("Tougouri", Span(40, 48, "Tougouri"), country="BF", precision=1)
    carried = Place("Kaya", Span(0, 4, "KAYA"), country="BF", precision=1)
    lead = _mention((0, 100), town)
    follow = _mention((100, 200), carried)  # its place came from the dateline, not its sentence
    assert narrative_place([lead, follow], sent_starts, 2) is town
    # Too far back: the story has moved on.
    assert narrative_place([lead], sent_starts, 4) is None
    assert narrative_place([], sent_starts, 1) is None


def test_story_place_keeps_to_the_article_country() -> None:
    sent_starts = [0, 100, 200]
    bf = Place("Burkina Faso", Span(150, 162, "Burkina Faso"), country="BF", feature="PCLI", precision=3)
    town = Place("Tougouri", Span(40, 48, "Tougouri"), country="BF", precision=1)
    abroad = Place("Bamako", Span(40, 46, "Bamako"), country="ML", precision=1)
    places = [town, bf, Place("Kaya", Span(170, 174, "Kaya"), country="BF", precision=1)]
    assert story_place([_mention((0, 100), town)], sent_starts, 1, places) is town
    assert story_place([_mention((0, 100), abroad)], sent_starts, 1, places) is bf


def test_an_unlisted_event_place_takes_the_fallback_country() -> None:
    village = Place("Bongou", Span(10, 16, "Bongou"))
    car = Place("Central African Republic", Span(0, 3, "RCA"), lat=7.0, lon=21.0, country="CF",
                country_name="Central African Republic", feature="PCLI", precision=3)
    got = placed(village, car)
    assert got is not None and got.name == "Bongou" and got.country == "CF"
    assert got.precision == 3 and got.lat == 7.0 and got.source == "context"
    town = Place("Bambari", Span(10, 17, "Bambari"), lat=5.76, lon=20.67, country="CF", precision=1)
    assert placed(town, car) is town
    assert placed(None, car) is car
    assert placed(village, None) is village


def test_a_sea_takes_the_story_country_and_keeps_its_coordinates() -> None:
    sea = Place("Red Sea", Span(10, 17, "Red Sea"), lat=20.0, lon=38.0, feature="SEA", precision=3)
    yemen = Place("Yemen", Span(0, 5, "Yemen"), lat=15.5, lon=47.5, country="YE", country_name="Yemen",
                  feature="PCLI", precision=3)
    got = placed(sea, yemen)
    assert got is not None and got.name == "Red Sea" and got.country == "YE" and got.lat == 20.0
