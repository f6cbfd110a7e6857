"""Quotations and attributions on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.claims import cue_lexicon, extract_quotes, link_quotes_to_events, quote_segments
from sitrep.model import AnalyzedArticle, Article, Event, EventMention, Quote, Span


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    article = Article.create(text)
    doc = nlp(text)
    quotes = extract_quotes(doc, article, AnalyzedArticle(article=article))
    for q in quotes:
        for span in (q.content, q.speaker, q.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return quotes


def one(quotes: list[Quote], cue: str) -> Quote:
    found = [q for q in quotes if q.cue is not None and q.cue.text.startswith(cue)]
    assert len(found) == 1, [(q.cue.text if q.cue else None, q.content.text) for q in quotes]
    return found[0]


def test_lexicon_classes() -> None:
    lex = cue_lexicon()
    assert lex.verbs["say"].stance == "neutral"
    assert lex.verbs["claim"].stance == "distancing"
    assert lex.verbs["reveal"].stance == "endorsing"
    assert lex.verbs["accuse"].stance == "accusing"
    assert lex.particles[("point", "out")].stance == "endorsing"
    assert lex.hedges["allegedly"].stance == "distancing"


def test_direct_quote_with_cue_after(nlp: Any) -> None:
    text = 'The bridge will be rebuilt. "We will not abandon the valley," the mayor said on Friday.'
    q = one(quotes_of(nlp, text), "said")
    assert q.content.text == '"We will not abandon the valley,"'
    assert q.speaker is not None and q.speaker.text == "the mayor"
    assert q.kind == "direct" and q.stance == "neutral"


def test_direct_quote_with_colon_cue(nlp: Any) -> None:
    text = "The minister told reporters: “The talks have failed and we are leaving.”"
    q = one(quotes_of(nlp, text), "told")
    assert q.content.text == "“The talks have failed and we are leaving.”"
    assert q.cue is not None and q.cue.text == "told"
    assert q.speaker is not None and q.speaker.text == "The minister"


def test_colon_glued_to_cue_belongs_to_cue(nlp: Any) -> None:
    text = "The governor said: “Roads to the north are closed.”"
    q = one(quotes_of(nlp, text), "said")
    assert q.cue is not None and q.cue.text == "said:"


def test_split_quote_is_one_covering_span(nlp: Any) -> None:
    text = '"The shelling stopped at dawn," said Maria Lopez, a nurse. "Then the trucks came."'
    quotes = quotes_of(nlp, text)
    q = one(quotes, "said")
    assert q.content.start == 0 and q.content.end == len(text)
    assert q.speaker is not None and q.speaker.text == "Maria Lopez, a nurse"


def test_indirect_that_clause_keeps_that_drops_full_stop(nlp: Any) -> None:
    text = "Local officials said that the convoy was attacked near the border crossing."
    q = one(quotes_of(nlp, text), "said")
    assert q.content.text == "that the convoy was attacked near the border crossing"
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "Local officials"


def test_according_to(nlp: Any) -> None:
    text = "According to the health ministry, twelve people were wounded in the blast."
    q = one(quotes_of(nlp, text), "According")
    assert q.cue is not None and q.cue.text == "According to"
    assert q.speaker is not None and q.speaker.text == "the health ministry"
    assert q.content.text == "twelve people were wounded in the blast"


def test_mixed_quote(nlp: Any) -> None:
    text = "The envoy said the ceasefire was “holding but fragile” after a week of talks."
    q = one(quotes_of(nlp, text), "said")
    assert q.kind == "mixed"
    assert "“holding but fragile”" in q.content.text


def test_nested_cue_inside_content_is_not_a_second_quote(nlp: Any) -> None:
    text = "The senator said he believes the bill will pass next week."
    quotes = quotes_of(nlp, text)
    assert [q.cue.text for q in quotes if q.cue] == ["said"]


def test_stances(nlp: Any) -> None:
    text = (
        "The army claimed that the village was empty. "
        "The ministry revealed that the oil had been sold abroad. "
        "The governor accused the rebels of shelling the market. "
        "The spokesman said the depot was allegedly used by fighters."
    )
    quotes = quotes_of(nlp, text)
    assert one(quotes, "claimed").stance == "distancing"
    assert one(quotes, "revealed").stance == "endorsing"
    assert one(quotes, "accused").stance == "accusing"
    assert one(quotes, "said").stance == "distancing"  # "allegedly" in the content


def test_quote_segments_handle_unbalanced_and_multi_paragraph_marks() -> None:
    text = (
        "He wrote: “The first part runs on\n\n"
        "“and the second part ends here.”\n\n"
        "A stray closing mark” and an opening one “never closed\n\n"
        "Straight \"quoted words\" too, and NYT ''double singles'' as well."
    )
    segs = quote_segments(text)
    spans = [text[s.start : s.end] for s in segs]
    assert spans[0] == "“The first part runs on" and not segs[0].closed
    assert spans[1] == "“and the second part ends here.”"
    assert "“never closed" in spans
    assert '"quoted words"' in spans
    assert "''double singles''" in spans


def test_multi_paragraph_quote_is_one_content(nlp: Any) -> None:
    text = (
        "The commander said: “We held the line for three days\n\n"
        "“and we will hold it again if they come back.”\n\n"
        "The town was quiet on Sunday."
    )
    q = one(quotes_of(nlp, text), "said")
    assert q.content.text.startswith("“We held")
    assert q.content.text.endswith("come back.”")


def test_unbalanced_marks_do_not_drop_the_document(nlp: Any) -> None:
    text = 'He said the talks "failed. Officials said that aid would resume on Monday.'
    quotes = quotes_of(nlp, text)
    assert any(q.content.text.startswith("that aid would resume") for q in quotes)


def test_nyt_double_single_quotes(nlp: Any) -> None:
    text = "''The water is gone,'' said Omar Haddad, a farmer."
    q = one(quotes_of(nlp, text), "said")
    assert q.content.text == "''The water is gone,''"
    assert q.kind == "direct"


def test_participle_cue_borrows_subject(nlp: Any) -> None:
    text = "The mayor defended the curfew, saying that the streets were unsafe at night."
    q = one(quotes_of(nlp, text), "saying")
    assert q.speaker is not None and q.speaker.text == "The mayor"


def _event(trigger: Span, sentence: Span) -> Event:
    mention = EventMention(trigger=trigger, sentence=sentence, event_type="Battles",
                           sub_event_type="Armed clash")
    return Event(id="e", event_type="Battles", sub_event_type="Armed clash", mentions=[mention])


def test_link_quotes_to_events() -> None:
    text = "Police said the clash killed two. Later the governor said roads were open."
    article = Article.create(text)
    analysis = AnalyzedArticle(article=article)
    first = Quote(content=Span.of(text, 12, 32))
    second = Quote(content=Span.of(text, 57, 73))
    analysis.quotes = [first, second]
    clash = text.index("clash")
    analysis.events = [_event(Span.of(text, clash, clash + 5), Span.of(text, 0, 33))]
    link_quotes_to_events(analysis)
    assert first.event_index == 0
    assert second.event_index is None


@pytest.mark.parametrize("text", ["", "   ", '"', "“”", "'' ''", "Said."])
def test_degenerate_texts(nlp: Any, text: str) -> None:
    assert isinstance(quotes_of(nlp, text), list)


def test_passive_agent_is_the_speaker(nlp: Any) -> None:
    text = "The ceasefire plan was rejected by the rebel council on Sunday."
    q = one(quotes_of(nlp, text), "was rejected")  # PolNeAR: the verb group
    assert q.speaker is not None and q.speaker.text == "the rebel council"
    assert q.content.text == "The ceasefire plan"


def test_as_reported_clause(nlp: Any) -> None:
    text = "As the local radio reported, the bridge was closed after the shelling."
    q = one(quotes_of(nlp, text), "reported")
    assert q.speaker is not None and q.speaker.text == "the local radio"
    assert q.content.text == "the bridge was closed after the shelling"


def test_colon_attribution_in_a_headline(nlp: Any) -> None:
    text = "Governor Lena Park: Relief convoys will reach the valley this week\n\nBody text follows."
    q = one(quotes_of(nlp, text), ":")
    assert q.speaker is not None and q.speaker.text == "Governor Lena Park"
    assert q.content.text == "Relief convoys will reach the valley this week"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator has also said that the vote will be delayed.", "has also said"),
        ("The ministry did not deny that the convoy was hit.", "did not deny"),
        ("The mayor seems to think that the budget is too small.", "seems to think"),
        ("The governor said Friday that the roads would reopen.", "said Friday"),
        ("How the general said the war would end is unclear, reporters wrote.", "wrote"),
    ],
)
def test_cue_is_the_verb_group(nlp: Any, text: str, cue: str) -> None:
    """Auxiliaries, negation, adverbs, a raising verb and a bare date belong to the cue."""
    cues = [q.cue.text for q in quotes_of(nlp, text) if q.cue is not None]
    assert cue in cues


def test_gerund_after_preposition_borrows_the_main_subject(nlp: Any) -> None:
    text = "The senator closed the rally by saying that the border would stay open."
    q = one(quotes_of(nlp, text), "saying")
    assert q.speaker is not None and q.speaker.text == "The senator"
    assert q.content.text == "that the border would stay open"


def test_lemma_without_final_e_still_finds_the_cue(nlp: Any) -> None:
    """spaCy lemmatises "hoping" as "hop"; the cue "hope" is still found."""
    from sitrep.extract.cues import cue_entry

    doc = nlp("The mayor is hoping that the bridge reopens soon.")
    tok = next(t for t in doc if t.lower_ == "hoping")
    assert cue_entry(tok, cue_lexicon()) is not None


def test_attitude_adjective_with_that_clause(nlp: Any) -> None:
    text = "The harbour master is confident that the new wall will hold."
    q = one(quotes_of(nlp, text), "is confident")
    assert q.speaker is not None and q.speaker.text == "The harbour master"
    assert q.content.text == "that the new wall will hold"


def test_attitude_adjective_with_a_prepositional_object(nlp: Any) -> None:
    text = "The fishermen's union is critical of the new quota system."
    q = one(quotes_of(nlp, text), "is critical of")
    assert q.speaker is not None and q.speaker.text == "The fishermen's union"
    assert q.content.text == "the new quota system"


def test_stance_noun_after_a_copula(nlp: Any) -> None:
    text = "The port director is a fierce critic of the dredging plan."
    q = one(quotes_of(nlp, text), "is a fierce critic of")
    assert q.speaker is not None and q.speaker.text == "The port director"
    assert q.content.text == "the dredging plan"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The governor made the case that the levee needs repair.", "made the case", "that the levee needs repair"),
        ("The senator made a sharp attack on the budget deal.", "made a sharp attack on", "the budget deal"),
        ("The minister made clear that the talks would resume.", "made clear", "that the talks would resume"),
    ],
)
def test_make_with_a_noun_of_saying(nlp: Any, text: str, cue: str, content: str) -> None:
    q = one(quotes_of(nlp, text), cue)
    assert q.content.text == content and q.speaker is not None


def test_quote_only_cue_frames_a_direct_quote_but_nothing_else(nlp: Any) -> None:
    text = "The pier was closed. “We will rebuild it by spring,” the mayor continued. Prices continued to rise."
    quotes = quotes_of(nlp, text)
    q = one(quotes, "continued")
    assert q.speaker is not None and q.speaker.text == "the mayor" and q.kind == "direct"
