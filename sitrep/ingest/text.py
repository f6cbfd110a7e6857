"""Plain text (.txt, .md, no extension), with an optional leading header block of metadata.

A header block is a run of ``key value`` or ``key: value`` lines at the top of the file, ended
by a blank line or directly by the body (Markdown front matter between ``---`` lines is read
too)::

    date 2022-08-24
    outlet Example Wire

    The body starts here.

Lines count as header only when the key is a known one *and* its value validates (a date must
parse, a url must look like one, ...), and the block as a whole is accepted only with at least
one line that could not be ordinary prose (a parsed date, a url, a language tag, or the
``key:`` form). So a body that happens to begin "Title IX funding was cut" stays body.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.ingest.base import Reader, make_article, normalize_date, normalize_newlines, read_bytes
from sitrep.ingest.decode import decode_bytes
from sitrep.ingest.language import normalize_language_tag

EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ""})

# Header key (lower case) -> Article field.
_KEYS = {
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "published_at": "published",
    "publication_date": "published",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "title": "title",
    "headline": "title",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "language": "language",
    "lang": "language",
}
# Fields whose validated value cannot be mistaken for a line of prose.
_STRONG = frozenset({"published", "url", "language"})
# A header block is short; never look further than this into a (possibly huge) file.
MAX_HEADER_LINES = 20

_LINE = re.compile(
    r"[ \t]*(?P<key>" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")"
    r"(?P<sep>[ \t]*:[ \t]*|[ \t]+)(?P<value>\S.*?)[ \t]*",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# An ISO date (optionally with a time) at the start of a longer value: scraped dumps often put
# the date key in front of the first line of the page ("date 2022-08-24 Posted by ...").
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?=\s)")
# A blog engine's byline left on the first line by a scrape: "Posted on by NAME", "Posted on
# 24 August 2022 by NAME" (the date may be missing when the scrape drops it).
_BYLINE = re.compile(r"[ \t]*(?:Posted|Published)(?:[ \t]+on)?(?:[ \t]+[\w ,]{0,30}?)?[ \t]+by[ \t]+"
                     r"(?P<name>[^\s.,;:!?][^\n.;!?]{0,79}?)[ \t]*")
# A free-text value that ends like a sentence is prose, not a title or byline.
_SENTENCE_END = re.compile(r"[.!][\"”’]?$")
_FREE_TEXT_MAX = {"title": 300, "author": 200, "outlet": 200}


def _validate(field: str, value: str, prose_check: bool = True) -> str | None:
    """The normalised value when it is a plausible value for ``field``, else ``None``.
    ``prose_check``: refuse free text that ends like a sentence (it is the body's first line)."""
    if field == "published":
        return normalize_date(value)
    if field == "url":
        return value if _URL.fullmatch(value) else None
    if field == "language":
        return normalize_language_tag(value) if len(value) <= 20 else None
    if len(value) > _FREE_TEXT_MAX[field]:
        return None
    if prose_check and _SENTENCE_END.search(value):
        return None
    return value


def split_header(text: str) -> tuple[dict[str, str], int]:
    """(metadata, offset where the body starts) for ``text`` with ``\\n`` newlines; offset 0
    and no metadata when there is no header block. Looks at the first lines only."""
    meta: dict[str, str] = {}
    strong = False
    body_start = 0
    pos = 0
    for _ in range(MAX_HEADER_LINES):
        if pos >= len(text):
            break
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line_start, line = pos, text[pos:end]
        pos = end + 1
        if not line.strip():
            if meta:
                body_start = min(pos, len(text))
                break
            continue  # blank lines before the header
        m = _LINE.fullmatch(line)
        if m is None:
            break
        field = _KEYS[m["key"].lower()]
        colon = ":" in m["sep"]
        prefix = _ISO_PREFIX.match(m["value"]) if field == "published" else None
        if prefix is not None:
            date = normalize_date(prefix.group())
            if date is None or field in meta:
                break
            # The header ends inside this line: the rest of it is the first line of the body,
            # unless it is a blog byline ("Posted on by NAME"), which is metadata too.
            meta[field] = date
            strong = True
            body_start = line_start + m.start("value") + prefix.end()
            byline = _BYLINE.fullmatch(line, body_start - line_start)
            if byline is not None:
                meta["author"] = byline["name"]
                body_start = min(pos, len(text))
            break
        value = _validate(field, m["value"])
        if value is None:
            break
        meta.setdefault(field, value)
        strong = strong or colon or field in _STRONG
        body_start = min(pos, len(text))
    if not meta or not strong:
        return {}, 0
    return meta, body_start


_FRONT_MATTER = re.compile(
    rf"---[ \t]*\n(?P<block>(?:.*\n){{0,{MAX_HEADER_LINES}}}?)---[ \t]*(?:\n|$)"
)
_FRONT_LINE = re.compile(r"[ \t]*(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")


def split_front_matter(text: str) -> tuple[dict[str, str], int] | None:
    """Markdown/YAML front matter (``---`` lines around ``key: value`` lines): the delimiters
    make it unambiguous, so known keys are taken (if they validate) and other keys ignored.
    ``None`` when the text does not start with a front-matter block."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return None
    meta: dict[str, str] = {}
    for line in m["block"].splitlines():
        fm = _FRONT_LINE.fullmatch(line)
        if fm is None or fm["key"].lower() not in _KEYS:
            continue
        field = _KEYS[fm["key"].lower()]
        value = fm["value"].strip("'\"").strip()
        checked = _validate(field, value, prose_check=False) if value else None
        if checked is not None:
            meta.setdefault(field, checked)
    # Without one known key it is not metadata (two horizontal rules around a paragraph).
    return (meta, m.end()) if meta else None


def parse_text(text: str) -> tuple[dict[str, str], str]:
    """(header metadata, body) of already decoded text: front matter, else a header block."""
    text = normalize_newlines(text)
    front = split_front_matter(text)
    meta, start = front if front is not None else split_header(text)
    return meta, text[start:]


def from_bytes(data: bytes, source_path: str | Path) -> Reader:
    meta, body = parse_text(decode_bytes(data, str(source_path)))
    yield make_article(body, source_path, **meta)


def read(path: Path) -> Reader:
    return from_bytes(read_bytes(path), path)
