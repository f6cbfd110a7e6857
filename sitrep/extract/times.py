"""Time expressions -> TimeML values (placeholder until the time work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, TimeRef
from sitrep.registry import register


@register("times.v1", assigns="times")
def extract_times(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[TimeRef]:
    return []
