"""Compound epithets and the framing word lists, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from sitrep.extract.labels import compound_epithets, word_lists


def texts(nlp: Any, text: str) -> list[str]:
    doc = nlp(text)
    return [doc[s:e].text for s, e in compound_epithets(doc)]


def test_word_lists_are_read_from_the_table() -> None:
    lists = word_lists()
    assert {"hating", "toting", "lover"} <= lists["epithet_suffix"]
    assert "the" in lists["label_det"]


def test_hatred_epithet_takes_its_noun(nlp: Any) -> None:
    assert texts(nlp, "The tax-hating councillors voted again.") == ["The tax-hating councillors"]


def test_devotion_epithet_is_an_epithet_too(nlp: Any) -> None:
    assert texts(nlp, "A crowd of gun-toting ranchers blocked the road.") == ["gun-toting ranchers"]


def test_an_ordinary_hyphenated_word_is_no_epithet(nlp: Any) -> None:
    assert texts(nlp, "The well-known author signed a long-term deal.") == []
