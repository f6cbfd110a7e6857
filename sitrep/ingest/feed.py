"""RSS / Atom feeds (.rss, .atom, and .xml files that sniff as a feed) via feedparser: one
article per entry, from its full content when the feed carries it, else its summary. The feed's
own title is the outlet."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from sitrep.errors import Code, InputError
from sitrep.ingest.base import Reader, make_article, read_bytes
from sitrep.ingest.html import fragment_to_text
from sitrep.model import Article

log = logging.getLogger(__name__)

EXTENSIONS = frozenset({".rss", ".atom"})
SNIFF_EXTENSIONS = frozenset({".xml", ".rdf"})

# The root element of RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, near the top of the file.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
SNIFF_BYTES = 4096


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file hold a feed's root element (and no HTML root
    before it)."""
    head = head[:SNIFF_BYTES]
    m = _FEED_ROOT.search(head)
    if m is None:
        return False
    html = re.search(rb"<html[\s>]", head, re.IGNORECASE)
    return html is None or html.start() > m.start()


def _entry_text(entry: Any) -> str:
    """The entry's body as plain text: the longest full content, else the summary."""
    candidates = [c for c in entry.get("content") or [] if c.get("value")]
    if candidates:
        best = max(candidates, key=lambda c: len(c["value"]))
        value, kind = best["value"], best.get("type", "")
    else:
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "")
    if "html" in kind or "<" in value:
        return fragment_to_text(value)
    return str(value)


def _title(entry: Any) -> str | None:
    title = entry.get("title")
    if not title:
        return None
    kind = (entry.get("title_detail") or {}).get("type", "")
    return fragment_to_text(title) if "html" in kind else str(title)


def _published(entry: Any) -> Any:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return entry[key]
    return entry.get("published") or entry.get("updated")


def parse_feed(data: bytes, source_path: str | Path) -> list[Article | InputError]:
    """Every entry of a feed as an ``Article`` (or an ``InputError`` for an entry with no text).
    Raises E006 when ``data`` is not a feed or has no entries."""
    import feedparser

    path = str(source_path)
    # Always bytes: given a str, feedparser would treat a url or file name as something to open.
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            log.info("%s: %r", path, parsed.get("bozo_exception"))
        raise InputError(Code.E006, path=path)
    feed = parsed.get("feed") or {}
    outlet = feed.get("title")
    language = feed.get("language")
    out: list[Article | InputError] = []
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            out.append(
                make_article(
                    _entry_text(entry),
                    path,
                    url=entry.get("link"),
                    outlet=outlet,
                    title=_title(entry),
                    author=entry.get("author"),
                    published=_published(entry),
                    language=language,
                )
            )
        except InputError:
            out.append(InputError(Code.E010, path=f"{path} (entry {index})"))
    return out


def from_bytes(data: bytes, source_path: str | Path) -> Reader:
    yield from parse_feed(data, source_path)


def read(path: Path) -> Reader:
    return from_bytes(read_bytes(path), path)
