"""Quotations and attributions (placeholder until the claims work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, Quote
from sitrep.registry import register


@register("claims.v1", assigns="quotes")
def extract_quotes(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Quote]:
    return []


def link_quotes_to_events(analysis: AnalyzedArticle) -> None:
    """Set ``Quote.event_index`` for quotes that are claims about one of ``analysis.events``."""
