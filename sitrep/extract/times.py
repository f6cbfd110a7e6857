"""Time expressions -> TimeML values (placeholder until the time work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, TimeRef
from sitrep.registry import register


@register("times.v1", assigns="times")
def extract_times(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[TimeRef]:
    return []


def event_time(doc: Doc, trigger: tuple[int, int], times: list[TimeRef], article: Article) -> TimeRef | None:
    """The time of the event whose trigger sits at ``trigger`` (character offsets), or None."""
    return None
