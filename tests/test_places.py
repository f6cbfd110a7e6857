"""Toponym recognition + resolution on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.places import extract_places, resolve_spans
from sitrep.model import AnalyzedArticle, Article, Place


@pytest.fixture(scope="module")
def run(nlp: Any) -> Any:
    def _run(text: str) -> list[Place]:
        article = Article.create(text)
        return extract_places(nlp(text), article, AnalyzedArticle(article=article))

    return _run


def _check_spans(text: str, places: list[Place]) -> None:
    for p in places:
        assert p.span is not None
        assert text[p.span.start : p.span.end] == p.span.text


def test_places_found_resolved_and_spans_valid(run: Any) -> None:
    text = ("Rockets struck a market in Aleppo on Sunday, and Turkish drones hit a village "
            "near Qamishli in Al-Hasakah province, according to a monitor based in Britain.")
    places = run(text)
    _check_spans(text, places)
    by_text = {p.span.text: p for p in places if p.span}
    assert by_text["Aleppo"].country == "SY" and by_text["Aleppo"].precision == 1
    assert by_text["Qamishli"].country == "SY"
    assert by_text["Al-Hasakah"].feature == "ADM1" and by_text["Al-Hasakah"].precision == 3
    assert by_text["Turkish"].country == "TR" and by_text["Turkish"].source == "demonym"
    assert by_text["Britain"].country == "GB"


def test_facility_names_are_extended(run: Any) -> None:
    text = "Explosions were heard near Damascus airport late on Tuesday."
    places = run(text)
    _check_spans(text, places)
    airport = [p for p in places if p.feature == "AIRP"]
    assert airport and airport[0].span is not None
    assert airport[0].span.text == "Damascus airport"
    assert airport[0].precision == 1


def test_acronyms_and_common_words_are_not_places(run: Any) -> None:
    text = "Police said the UN envoy met the IRGC commander on Monday."
    names = {p.span.text for p in run(text) if p.span}
    assert "Police" not in names
    assert "IRGC" not in names
    assert "Monday" not in names


def test_armed_group_named_like_a_town_is_not_a_place(run: Any) -> None:
    # "Hamas" is an alternate name of the German city of Hamm in GeoNames.
    text = "The army said its aircraft had struck a Hamas commander in Gaza on Tuesday."
    names = {p.span.text: p for p in run(text) if p.span}
    assert "Hamas" not in names
    assert names["Gaza"].country == "PS"


def test_the_outlet_s_own_name_is_not_a_place(nlp: Any) -> None:
    text = "Gunmen attacked a market near Kaya on Sunday, residents told the Sahel Observer on Wednesday."
    article = Article.create(text, outlet="Sahel Observer")
    places = extract_places(nlp(text), article, AnalyzedArticle(article=article))
    names = [p.span.text for p in places if p.span]
    assert "Sahel Observer" not in names
    assert "Kaya" in names


def test_resolve_spans_keeps_order_and_nones(nlp: Any) -> None:
    text = "Convoys moved from Homs to Qxzvwk and on to Palmyra."
    article = Article.create(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Homs", "Qxzvwk", "Palmyra")]
    out = resolve_spans(nlp(text), article, spans)
    # The unknown name is placed by the others: its own name, no id, a coarser precision.
    assert out[1] is not None and out[1].source == "context" and out[1].name == "Qxzvwk"
    assert out[1].geonameid is None and out[1].country == "SY" and out[1].precision == 2
    assert resolve_spans(nlp(text), article, spans[1:2]) == [None]
    assert out[0] is not None and out[0].country == "SY"
    assert out[2] is not None and out[2].country == "SY"
    _check_spans(text, [p for p in out if p is not None])


@pytest.mark.parametrize(
    "text,name,country",
    [
        ("Near Tal Afar, two airstrikes hit a convoy of militants.", "Tal Afar", "IQ"),
        ("Outside Ar Raqqah, a drone struck a checkpoint overnight.", "Ar Raqqah", "SY"),
        ("Near Kobani, fighters shelled the road to the border.", "Kobani", "SY"),
    ],
)
def test_sentence_initial_preposition_is_a_cue_not_part_of_the_name(
        run: Any, text: str, name: str, country: str) -> None:
    places = run(text)
    _check_spans(text, places)
    by_text = {p.span.text: p for p in places if p.span}
    assert name in by_text, [p.span.text for p in places if p.span]
    assert by_text[name].country == country


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five villagers in the Central African Republic on Monday.",
        "Centrafrique : des hommes armés attaquent un convoi près de la frontière.",
        "ARMY CLASHES WITH REBELS IN CENTRAL AFRICAN REPUBLIC - RADIO.",
        "Rebels seize a town in C.African Republic, officials say.",
    ],
)
def test_country_names_found_when_the_model_splits_them(run: Any, text: str) -> None:
    places = run(text)
    _check_spans(text, places)
    assert "CF" in {p.country for p in places}, [(p.span.text, p.country) for p in places if p.span]


def test_country_name_inside_a_person_name_is_not_a_place(run: Any) -> None:
    text = "Chad Johnson scored twice for the visitors on Saturday."
    assert "TD" not in {p.country for p in run(text)}


def test_french_locative_preposition_is_a_cue(run: Any) -> None:
    text = "RCA : trois civils tués à Bambari par des hommes armés."
    places = run(text)
    _check_spans(text, places)
    assert "Bambari" in {p.span.text for p in places if p.span and p.country == "CF"}


def test_lower_case_admin_word_is_left_out_of_the_span(run: Any) -> None:
    text = "A bomb went off in Khost city, and shelling hit Idlib Governorate and Hama province."
    names = {p.span.text for p in run(text) if p.span}
    assert "Khost" in names and "Khost city" not in names
    assert "Hama" in names and "Hama province" not in names
    # A capitalised suffix is part of the name.
    assert "Idlib Governorate" in names
