"""The seed article (../shared/seed): claims, speakers, stances and framing, through the same
path as ``sitrep analyze`` (reader -> pipeline). Skips when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.model import AnalyzedArticle, Quote


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> AnalyzedArticle:
    from sitrep import pipeline
    from sitrep.ingest import read_paths

    results = list(read_paths([str(seed_path)]))
    assert results and results[0].article is not None
    analysis = pipeline.analyze(results[0].article)
    text = analysis.article.text
    for q in analysis.quotes:
        for span in (q.content, q.speaker, q.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for m in analysis.framing:
        assert text[m.span.start : m.span.end] == m.span.text
    return analysis


def by_cue(analysis: AnalyzedArticle, cue: str) -> list[Quote]:
    """Quotes whose cue verb group ("announced Tuesday", "has accused") holds the verb ``cue``."""
    return [q for q in analysis.quotes if q.cue is not None and cue in q.cue.text.lower().rstrip(":").split()]


def test_buccino_direct_quote_is_distanced_and_resolved(seed: AnalyzedArticle) -> None:
    (q,) = [q for q in by_cue(seed, "claimed") if q.kind == "direct"]
    assert q.stance == "distancing"
    assert q.speaker_resolved is not None
    assert "Joe Buccino" in q.speaker_resolved and "CENTCOM" in q.speaker_resolved


def test_statement_quotes_go_to_centcom(seed: AnalyzedArticle) -> None:
    (read,) = by_cue(seed, "read")
    (added,) = by_cue(seed, "added")
    assert read.speaker is not None and read.speaker.text == "the statement"
    assert added.speaker is not None and added.speaker.text == "it"
    assert read.kind == added.kind == "direct"
    assert read.speaker_resolved == added.speaker_resolved == "CENTCOM"


def test_oil_ministry_is_endorsed(seed: AnalyzedArticle) -> None:
    (q,) = by_cue(seed, "revealed")
    assert q.stance == "endorsing"
    assert q.speaker is not None and "Syrian Oil Ministry" in q.speaker.text


def test_iranian_media_announcement(seed: AnalyzedArticle) -> None:
    (q,) = by_cue(seed, "announced")
    assert q.speaker is not None and q.speaker.text == "Iranian media"
    assert "martyrdom" in q.content.text


def test_framing_marks(seed: AnalyzedArticle) -> None:
    text = seed.article.text
    terms = [(m.term, m.category, m.span.text) for m in seed.framing]
    occupation = [t for t in terms if t[0] is not None and t[0].startswith("occupation force")]
    assert len(occupation) == text.count("US occupation forces")  # every occurrence
    assert all(t[1] == "occupation" for t in occupation)
    found = {t[0] for t in terms}
    for term in ("martyrdom", "martyr", "loot", "state piracy", "plunder", "so-called"):
        assert any(f is not None and f.startswith(term) for f in found), term
    alt = {m.term: m.neutral_alternative for m in seed.framing}
    assert all(alt[t[0]] == "forces" for t in occupation)  # "US occupation forces" -> "US forces"
    assert alt["martyrdom"] == "death"


def test_stance_asymmetry_between_us_and_syrian_sources(seed: AnalyzedArticle) -> None:
    stance = seed.framing_profile["stance"]
    assert "US" in stance["distanced"]
    assert "SY" in stance["endorsed"]
    assert "SY" not in stance["distanced"]
    assert stance["asymmetric"] is True
