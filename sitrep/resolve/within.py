"""Within-article merging of event mentions (placeholder until the events work lands)."""

from __future__ import annotations

from sitrep.model import Article, Event, EventMention


def merge_mentions(mentions: list[EventMention], article: Article) -> list[Event]:
    return []
