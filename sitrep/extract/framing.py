"""Loaded terms and framing (placeholder until the framing work lands)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from sitrep.model import AnalyzedArticle, Article, FramingMark
from sitrep.registry import register


@register("framing.v1", assigns="framing", requires=("quotes",))
def extract_framing(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[FramingMark]:
    return []


def framing_profile(analysis: AnalyzedArticle) -> dict[str, Any]:
    return {}


def technique_of(mark: FramingMark) -> str:
    """The SemEval-2020 Task 11 technique name a framing category corresponds to."""
    return "Loaded_Language"
