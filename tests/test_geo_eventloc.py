"""Event location: which place in the sentence the event happened at."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.places import event_location_span, extract_places
from sitrep.model import AnalyzedArticle, Article


@pytest.fixture(scope="module")
def locate(nlp: Any) -> Any:
    def _locate(text: str, trigger: str) -> str | None:
        doc = nlp(text)
        article = Article.create(text)
        places = extract_places(doc, article, AnalyzedArticle(article=article))
        i = text.index(trigger)
        p = event_location_span(doc, (i, i + len(trigger)), places)
        if p is None or p.span is None:
            return None
        assert text[p.span.start : p.span.end] == p.span.text
        return p.span.text

    return _locate


def test_locative_preposition(locate: Any) -> None:
    assert locate("A suicide bomber killed nine people in Kabul on Friday.", "killed") == "Kabul"


def test_relative_clause_does_not_move_the_event(locate: Any) -> None:
    text = "The drone struck a convoy in Deir Ezzor, which lies on the border with Iraq."
    assert locate(text, "struck") == "Deir Ezzor"


def test_no_place_gives_none(locate: Any) -> None:
    assert locate("At least five soldiers were killed in the clashes.", "killed") is None


def test_place_in_another_role_gives_none(locate: Any) -> None:
    # The country is the subject of another predicate, not where the killing happened.
    text = "Iran condemned the attack, which killed three guards."
    assert locate(text, "killed") is None


def test_near_a_town_has_precision_two(nlp: Any) -> None:
    text = "A roadside bomb killed two soldiers near Kirkuk on Monday."
    doc = nlp(text)
    article = Article.create(text)
    places = extract_places(doc, article, AnalyzedArticle(article=article))
    i = text.index("killed")
    p = event_location_span(doc, (i, i + len("killed")), places)
    assert p is not None and p.span is not None and p.span.text == "Kirkuk"
    assert p.precision == 2
    # The extractor's own record of the town keeps precision 1.
    assert [q.precision for q in places if q.span and q.span.text == "Kirkuk"] == [1]


def test_unknown_name_after_a_directional_preposition(locate: Any) -> None:
    # A made-up village no gazetteer lists; "towards" marks it as a place whatever its label.
    text = "Hundreds of villagers marched towards Xomborrin to demand the release of the men."
    assert locate(text, "marched") == "Xomborrin"


def test_place_of_origin_scores_below_a_location(nlp: Any) -> None:
    from sitrep.geo.eventloc import score_place

    scores = []
    for prep in ("in", "from"):
        doc = nlp(f"Gunmen {prep} Hamburg shot two guards.")
        scores.append(score_place(doc[3], doc[2]))
    assert scores[1] < scores[0] - 2.0


def test_site_names_are_candidates(nlp: Any) -> None:
    from sitrep.geo.eventloc import _site_name

    for text, name in (("Gunmen stormed the Zorvani Hospital on Monday.", "Zorvani Hospital"),
                       ("Troops captured Jabal Qurvash after a day of fighting.", "Jabal Qurvash")):
        doc = nlp(text)
        i = text.index(name)
        span = doc.char_span(i, i + len(name))
        assert span is not None and _site_name(span)
    doc = nlp("Ahmed Qurvash spoke.")
    assert not _site_name(doc[0:2])


def test_place_that_only_locates_another_place_loses(locate: Any) -> None:
    text = "A car bomb exploded in Zorvana, a market district in western Baghdad, on Monday."
    assert locate(text, "exploded") == "Zorvana"
    text = "Shells hit the Homs neighbourhood of Zorvana on Monday."
    assert locate(text, "hit") == "Zorvana"


def test_capitalised_admin_word_joins_the_event_place(locate: Any) -> None:
    text = "A car bomb exploded in Kirkuk City on Friday."
    assert locate(text, "exploded") == "Kirkuk City"


def test_unknown_acronym_is_not_an_unlisted_place(nlp: Any) -> None:
    from sitrep.geo.eventloc import _unlisted

    doc = nlp("Jets struck depots linked to the IRGC in Deir Ezzor on Monday.")  # IRGC: GPE
    names = [p.name for p in _unlisted(doc, next(iter(doc.sents)), [])]
    assert doc.ents[1].text == "IRGC" and "IRGC" not in names
    assert "Deir Ezzor" in names


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Clashes in Homs governorate left ten dead.", 11, 26, "Homs"),
        ("Jets struck west Mosul at dawn.", 12, 22, "Mosul"),
        ("Fighting near Al-Tabqa went on.", 17, 22, "Al-Tabqa"),
        ("Rockets hit Mazar-e-Sharif again.", 12, 17, "Mazar-e-Sharif"),
        ("Troops entered Deir ez-Zor city.", 15, 31, "Deir ez-Zor"),
        ("Troops entered Idlib Governorate.", 15, 32, "Idlib Governorate"),
    ],
)
def test_name_bounds_follow_the_name_as_written(text: str, start: int, end: int, expected: str) -> None:
    from sitrep.geo.eventloc import name_bounds

    a, b = name_bounds(text, start, end)
    assert text[a:b] == expected


def test_place_as_possessor_of_a_location_noun(locate: Any) -> None:
    text = "Rebels launched an offensive in the Hama Governorate's northern countryside."
    assert locate(text, "launched") == "Hama Governorate"


def test_part_of_a_place(locate: Any) -> None:
    text = "Government troops captured nearly a third of Bosnia during the war."
    assert locate(text, "captured") == "Bosnia"


def test_place_in_the_events_own_phrase_wins(locate: Any) -> None:
    text = ("The army launched an assault in the countryside of Homs, "
            "targeting rebel positions around the village of Tiyas.")
    assert locate(text, "targeting") == "Tiyas"
    assert locate(text, "launched") == "Homs"


def test_between_names_parties_not_a_place(locate: Any) -> None:
    assert locate("Fighting between Armenia and Azerbaijan killed four soldiers.", "killed") is None


def test_misread_name_as_subject_is_no_place(locate: Any) -> None:
    text = "Aguilar Marroquin was arrested on Monday after a bus attack."
    assert locate(text, "arrested") is None


def test_continent_is_no_event_place(locate: Any) -> None:
    assert locate("Farmers protested across Europe on Tuesday.", "protested") is None


def test_unit_of_a_city(locate: Any) -> None:
    text = "Two civilians were killed in a car bomb attack in the Zubaydiyah district of Baghdad."
    assert locate(text, "killed") == "Zubaydiyah"
    text = "A car bomb exploded in Baghdad's northern neighbourhood of Zubaydiyah, killing five."
    assert locate(text, "killing") == "Zubaydiyah"


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Clashes in Palmyra (Tadmur) went on.", 11, 26, "Palmyra"),
        ("Rallies in Lyon Saturday ended.", 11, 24, "Lyon"),
        ("Rallies in Jordan's capital ended.", 11, 19, "Jordan"),
    ],
)
def test_name_bounds_trims(text: str, start: int, end: int, expected: str) -> None:
    from sitrep.geo.eventloc import name_bounds

    a, b = name_bounds(text, start, end)
    assert text[a:b] == expected


def test_capitalised_facility_word_joins_the_name(locate: Any) -> None:
    text = "Jets struck the Tiyas Military Airport on Friday."
    assert locate(text, "struck") == "Tiyas Military Airport"


def test_lowercased_or_capitals_name_is_no_gazetteer_candidate(nlp: Any) -> None:
    from spacy.tokens import Span

    from sitrep.geo.eventloc import _known_place

    for text in ("Rebels fought in vina del mar today.", "REBELS FOUGHT IN VINA DEL MAR TODAY."):
        doc = nlp(text)
        assert not _known_place(Span(doc, 3, 6, label="ORG"))


def test_place_after_a_landform_noun(locate: Any) -> None:
    text = "The rebel leader was captured in the jungles of Colombia last year."
    assert locate(text, "captured") == "Colombia"


def test_object_place_outranks_a_scene_setting_locative(locate: Any) -> None:
    text = "In the province of Idlib, rebels shelled the settlement of Kafr Tal on Monday."
    assert locate(text, "shelled") == "Kafr Tal"


def test_name_after_a_settlement_noun_is_a_candidate(locate: Any) -> None:
    text = "In the province of Hama, militants shelled the settlement of Kornaz twice."
    assert locate(text, "shelled") == "Kornaz"


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        ("A bus carrying pilgrims was hit by a roadside bomb as it drove through the centre of Kirkuk.",
         "hit", "Kirkuk"),
        ("Two soldiers were wounded when a drone exploded above the village of Karma.", "wounded", "Karma"),
    ],
)
def test_through_and_above_are_locative(locate: Any, text: str, trigger: str, expected: str) -> None:
    assert locate(text, trigger) == expected


@pytest.mark.parametrize("text, trigger", [("Ankara says its jets bombed militant camps.", "bombed"),
                                           ("Tehran launched missiles at the base.", "launched")])
def test_capital_as_subject_is_no_event_place(locate: Any, text: str, trigger: str) -> None:
    assert locate(text, trigger) is None


def test_country_after_on_is_a_target(locate: Any) -> None:
    assert locate("The United States imposed new sanctions on Iran last week.", "imposed") is None
    assert locate("Gunmen opened fire on a bus in Kenya on Sunday.", "opened") == "Kenya"


def test_an_armed_group_or_a_short_word_is_no_unlisted_place(locate: Any) -> None:
    # "Wagner" is tagged as a name here, but it is the mercenary group, not a place.
    assert locate("Rebels ambushed Wagner in the forest on Monday.", "ambushed") != "Wagner"
    assert locate("Rebels ambushed Wagner fighters near Zorvani on Monday.", "ambushed") == "Zorvani"
