from __future__ import annotations

import dataclasses

import pytest

from sitrep import nlp as nlp_module
from sitrep import pipeline
from sitrep.model import Article, Place, Span

TEXT = (
    "Gunmen attacked a police post in Maiduguri on Sunday, killing two officers, police said.\n\n"
    "Residents said the attackers fled towards the forest."
)


def _iter_spans(obj: object):  # type: ignore[no-untyped-def]
    if isinstance(obj, Span):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _iter_spans(getattr(obj, f.name))
    elif isinstance(obj, list | tuple):
        for x in obj:
            yield from _iter_spans(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _iter_spans(x)


def test_every_span_of_every_extractor_matches_the_text() -> None:
    article = Article.create(TEXT, published="2024-06-10", language="en")
    analysis = pipeline.analyze(article)
    assert analysis.skipped is None
    spans = list(_iter_spans([analysis.places, analysis.times, analysis.mentions, analysis.events,
                              analysis.quotes, analysis.framing]))
    for span in spans:
        assert TEXT[span.start : span.end] == span.text


def test_non_english_and_empty_articles_are_skipped_with_reason() -> None:
    french = Article.create("Des manifestants ont été dispersés.", language="fr")
    empty = Article.create("   ", language="en")
    fr, em = pipeline.analyze_many([french, empty])
    assert fr.skipped and "W001" in fr.skipped and fr.events == []
    assert em.skipped and "E010" in em.skipped


def test_long_articles_are_chunked_and_spans_moved_back(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (TEXT + "\n\n") * 30
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 400)
    assert len(nlp_module.chunk_offsets(text)) > 5
    whole = pipeline.analyze(Article.create(text, published="2024-06-10", language="en"))
    single = pipeline.analyze(Article.create(TEXT, published="2024-06-10", language="en"))
    # Each chunk holds whole paragraphs, so every chunk finds what the single article finds.
    assert len(whole.places) == 30 * len(single.places)
    assert len(whole.times) == 30 * len(single.times)
    for span in _iter_spans([whole.places, whole.times, whole.mentions, whole.quotes, whole.framing]):
        assert text[span.start : span.end] == span.text


def test_shift_spans_moves_nested_spans() -> None:
    place = Place(name="Goma", span=Span(3, 7, "Goma"))
    moved = pipeline.shift_spans([place], 10)[0]
    assert moved.span == Span(13, 17, "Goma") and place.span == Span(3, 7, "Goma")


def test_batches_keep_input_order() -> None:
    texts = [f"Protesters marched in city number {i} on Friday." for i in range(40)]
    arts = [Article.create(t, language="en") for t in texts]
    out = list(pipeline.analyze_many(arts))
    assert [a.article.text for a in out] == texts
