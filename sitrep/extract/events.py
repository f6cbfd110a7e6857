"""Event mentions (placeholder until the events work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, EventMention
from sitrep.registry import register


@register("events.v1", assigns="mentions", requires=("places", "times", "quotes"))
def extract_events(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[EventMention]:
    return []
