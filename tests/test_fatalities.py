from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.fatalities import find_counts


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("At least 12 people were killed in the attack.", 12),
        ("Gunmen raided the village, killing five.", 5),
        ("Two soldiers and a child died when the bomb exploded.", 3),
        ("The blast left 3 dead and 7 wounded.", 3),
        ("The death toll rose to 40 on Monday.", 40),
        ("The number of people killed in Sunday's raid on the market has risen to 17.", 17),
        ("The toll has risen to 23, the governor said.", 23),
        ("The death toll from the 2019 bombing stood at 31.", 31),
        ("A dozen civilians were shot dead.", 12),
        ("The army said no one was hurt.", 0),
        ("The strike killed 1,200 people.", 1200),
        ("Two hundred people died.", 200),
        ("GUERRILLAS KILLED A PEASANT IN THE TOWN.", 1),
    ],
)
def test_killed(nlp: Any, text: str, killed: int) -> None:
    counts = [c for c in find_counts(nlp(text)) if c.kind == "killed"]
    assert [c.value for c in counts] == [killed]
    for c in counts:
        assert text[c.span.start : c.span.end] == c.span.text


def test_vague_amounts_stay_unknown(nlp: Any) -> None:
    assert [c for c in find_counts(nlp("Dozens were killed in the fighting.")) if c.kind == "killed"] == []
    assert find_counts(nlp("Soldiers and several civilians were killed.")) == []


def test_injured(nlp: Any) -> None:
    counts = find_counts(nlp("Five people were killed and 12 injured."))
    assert {(c.kind, c.value) for c in counts} == {("killed", 5), ("injured", 12)}


def test_zero_from_negated_result(nlp: Any) -> None:
    counts = find_counts(nlp("Officials said the attack did not result in any casualties."))
    assert [(c.kind, c.value) for c in counts] == [("killed", 0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nord : 3 villageois tués par des hommes armés", {("killed", 3)}),
        ("Région Est : 12 morts et 4 blessés dans des combats", {("killed", 12), ("injured", 4)}),
        ("Au moins sept personnes ont été tuées près de la frontière", {("killed", 7)}),
        ("Deux blessés et 9 morts dans une attaque", {("killed", 9), ("injured", 2)}),
    ],
)
def test_french_headline_counts(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    counts = find_counts(nlp(text))
    assert {(c.kind, c.value) for c in counts} == expected
    for c in counts:
        assert text[c.span.start : c.span.end] == c.span.text


def test_count_under_a_report_verb(nlp: Any) -> None:
    text = "14 reported killed in fighting near the border"
    counts = find_counts(nlp(text))
    assert [(c.kind, c.value) for c in counts] == [("killed", 14)]
    assert text[counts[0].span.start : counts[0].span.end] == counts[0].span.text


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("THE FOUR FARMERS AND TWO MORE PERSONS WERE KILLED AT DAWN.", 6),
        ("Relatives buried the five miners who were killed in the raid.", 5),
        ("The death of the mayor shocked the province.", 1),
    ],
)
def test_compound_numbers_relatives_and_death_of(nlp: Any, text: str, killed: int) -> None:
    counts = [c for c in find_counts(nlp(text)) if c.kind == "killed"]
    assert [c.value for c in counts] == [killed]
    assert text[counts[0].span.start : counts[0].span.end] == counts[0].span.text


def test_coordinated_wounded_tally_is_not_added_to_the_dead(nlp: Any) -> None:
    doc = nlp("The truck bomb destroyed the building, leaving 31 dead and about 200 wounded.")
    killed = [c.value for c in find_counts(doc) if c.kind == "killed"]
    assert killed == [31]
