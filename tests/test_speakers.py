"""Speaker spans and rule-based speaker resolution, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.claims import extract_quotes
from sitrep.model import AnalyzedArticle, Article, Quote

TEXT = (
    "Northern Command spokesperson Major Ann Ortiz said the raid hit a weapons depot. "
    "“The operation was necessary,” Ortiz claimed in a statement. "
    "“No civilians were harmed,” the statement read. “We will continue,” it added. "
    "Hugh Hill, a doctor at the clinic, said three children were treated. "
    "He said supplies were running low."
)


@pytest.fixture(scope="module")
def quotes(nlp: Any) -> list[Quote]:
    article = Article.create(TEXT)
    out = extract_quotes(nlp(TEXT), article, AnalyzedArticle(article=article))
    for q in out:
        if q.speaker is not None:
            assert TEXT[q.speaker.start : q.speaker.end] == q.speaker.text
    return out


def speaker_of(quotes: list[Quote], cue: str) -> tuple[str | None, str | None]:
    (q,) = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    return (q.speaker.text if q.speaker else None), q.speaker_resolved


def test_full_mention_gets_title_and_role(quotes: list[Quote]) -> None:
    first = quotes[0]
    assert first.speaker is not None
    assert first.speaker.text == "Northern Command spokesperson Major Ann Ortiz"
    assert first.speaker_resolved == "Major Ann Ortiz, Northern Command spokesperson"


def test_surname_resolves_to_earliest_full_mention(quotes: list[Quote]) -> None:
    assert speaker_of(quotes, "claimed") == ("Ortiz", "Major Ann Ortiz, Northern Command spokesperson")


def test_statement_and_it_resolve_to_the_organisation(quotes: list[Quote]) -> None:
    assert speaker_of(quotes, "read") == ("the statement", "Northern Command")
    assert speaker_of(quotes, "added") == ("it", "Northern Command")


def test_apposition_kept_and_pronoun_follows_last_person(quotes: list[Quote]) -> None:
    hill = [q for q in quotes if q.speaker is not None and q.speaker.text.startswith("Hugh Hill")]
    assert hill and hill[0].speaker is not None
    assert hill[0].speaker.text == "Hugh Hill, a doctor at the clinic,"  # PolNeAR keeps the comma
    assert hill[0].speaker_resolved == "Hugh Hill, a doctor at the clinic"
    he = [q for q in quotes if q.speaker is not None and q.speaker.text == "He"]
    assert he and he[0].speaker_resolved == "Hugh Hill, a doctor at the clinic"


def test_speaker_never_crosses_a_paragraph(nlp: Any) -> None:
    text = "Talks resume today\n\nThe foreign minister said the border would reopen."
    article = Article.create(text)
    out = extract_quotes(nlp(text), article, AnalyzedArticle(article=article))
    assert out and out[0].speaker is not None and out[0].speaker.text == "The foreign minister"


def test_dateline_is_not_part_of_the_speaker(nlp: Any) -> None:
    text = "KYIV (Wire) — Regional governor Oleh Marchuk said the bridge was closed."
    article = Article.create(text)
    out = extract_quotes(nlp(text), article, AnalyzedArticle(article=article))
    assert out and out[0].speaker is not None
    assert out[0].speaker.text == "Regional governor Oleh Marchuk"


def _speakers(nlp: Any, text: str) -> list[str]:
    article = Article.create(text)
    out = extract_quotes(nlp(text), article, AnalyzedArticle(article=article))
    for q in out:
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return [q.speaker.text for q in out if q.speaker is not None]


def test_relative_clause_that_attributes_is_not_part_of_the_speaker(nlp: Any) -> None:
    # "who noted ..." is an attribution of its own; "who teaches law" describes the speaker
    found = _speakers(nlp, "Maria Lopez, who noted that turnout fell, said the count would take a week.")
    assert "Maria Lopez" in found and not any("noted" in s for s in found if s != "who")
    found = _speakers(nlp, "Tom Reed, who teaches law in Ohio, said the ruling was narrow.")
    assert "Tom Reed, who teaches law in Ohio," in found


def test_closing_dash_of_an_apposition_belongs_to_the_speaker(nlp: Any) -> None:
    found = _speakers(nlp, "The two rivals -- Ann Bell and Joe Park -- said the vote was fair.")
    assert "The two rivals -- Ann Bell and Joe Park --" in found


def test_a_date_attached_to_the_speaker_is_left_out(nlp: Any) -> None:
    found = _speakers(nlp, "The campaign on Monday said the rally would go ahead.")
    assert "The campaign" in found


def _speaker_by_cue(nlp: Any, text: str) -> dict[str, str]:
    article = Article.create(text)
    out = extract_quotes(nlp(text), article, AnalyzedArticle(article=article))
    return {q.cue.text: q.speaker.text for q in out if q.cue is not None and q.speaker is not None}


def test_speaker_starts_the_cue_paragraph_after_a_time_stamp(nlp: Any) -> None:
    found = _speaker_by_cue(nlp, "Live updates.\n\n4:15 p.m.\n\nGovernor Ana Ruiz says that the bridge will reopen.")
    assert found.get("says") == "Governor Ana Ruiz"


def test_object_of_a_causative_verb_is_the_speaker(nlp: Any) -> None:
    found = _speaker_by_cue(nlp, "The long delay led local officials to say that the project had failed.")
    assert found.get("say") == "local officials"


def test_subject_inside_the_quote_is_not_the_speaker(nlp: Any) -> None:
    from spacy.tokens import Doc

    from sitrep.extract.claims import speaker_outside_content

    # a parse where "Ruiz" (inside the quote) is the subject of "said"
    words = ["“", "Ruiz", "can", "win", ",", "”", "Lee", "said", "."]
    heads = [7, 7, 3, 7, 7, 7, 7, 7, 7]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "npadvmod", "ROOT", "punct"]
    pos = ["PUNCT", "PROPN", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert speaker_outside_content(doc[1], (0, 6), doc[7]).text == "Lee"
    assert speaker_outside_content(doc[6], (0, 6), doc[7]).text == "Lee"
