"""Toponyms -> gazetteer entries (placeholder until the geo work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, Place
from sitrep.registry import register


@register("places.v1", assigns="places")
def extract_places(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Place]:
    return []


def resolve_spans(doc: Doc, article: Article, spans: list[tuple[int, int]]) -> list[Place | None]:
    """Resolve given toponym spans (``sitrep eval toponyms --given-toponyms``)."""
    return [None for _ in spans]


def event_location_span(doc: Doc, trigger: tuple[int, int], places: list[Place]) -> Place | None:
    """The place (among ``places`` found in ``doc``) where the event whose trigger word
    sits at character offsets ``trigger`` happened, or None when the text does not say."""
    return None
