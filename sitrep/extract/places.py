"""Toponyms -> gazetteer entries (placeholder until the geo work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, Place
from sitrep.registry import register


@register("places.v1", assigns="places")
def extract_places(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Place]:
    return []
