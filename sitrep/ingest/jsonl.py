"""JSON Lines (.jsonl, .ndjson): one article per line, ``{"text": ..., "title": ..., ...}``.

A bad line (not JSON, not an object, no non-empty ``text``) is an E008 error for that record
only; the rest of the file is read. A given ``id`` is ignored: an article's id is always the
hash of its text, so the same article from two sources is one article.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import Code, InputError
from sitrep.ingest.base import Reader, check_size, make_article
from sitrep.model import Article

log = logging.getLogger(__name__)

EXTENSIONS = frozenset({".jsonl", ".ndjson", ".jsonlines"})

# Article field -> accepted keys, first present wins.
_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher", "sitename"),
    "published": ("published", "date", "published_at", "pubdate"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # JSON Lines is UTF-8 by definition, but files written by hand on Windows are not.
        return raw.decode("cp1252", errors="replace")


def parse_record(record: Any, path: str, line: int) -> Article | InputError:
    """An ``Article`` for one decoded JSON value, or the ``InputError`` that says why not."""
    if not isinstance(record, dict):
        return InputError(Code.E008, path=path, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(Code.E008, path=path, line=line)
    meta: dict[str, Any] = {}
    for field, keys in _FIELDS.items():
        meta[field] = next((record[k] for k in keys if record.get(k) not in (None, "")), None)
    try:
        return make_article(text, path, **meta)
    except InputError as err:
        return err


def from_stream(stream: BinaryIO, source_path: str | Path) -> Reader:
    """Records from a binary stream of JSON lines (a file, or decompressed bytes)."""
    path = str(source_path)
    if b"\x00" in stream.read(65_536):
        raise InputError(Code.E002, path=path)
    stream.seek(0)
    records = 0
    for line_no, raw in enumerate(stream, start=1):
        if line_no == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        line = _decode_line(raw).strip()
        if not line:
            continue
        records += 1
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            log.info("%s line %d: %s", path, line_no, exc)
            yield InputError(Code.E008, path=path, line=line_no)
            continue
        yield parse_record(value, path, line_no)
    if records == 0:
        raise InputError(Code.E001, path=path)


def from_bytes(data: bytes, source_path: str | Path) -> Reader:
    return from_stream(io.BytesIO(data), source_path)


def read(path: Path) -> Reader:
    check_size(path)
    with path.open("rb") as f:
        yield from from_stream(f, path)
