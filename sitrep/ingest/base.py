"""What every reader shares: the result type, the size limit, date normalisation and the one
way to build an ``Article`` (content-hash id, normalised newlines, detected language).

A reader is ``read(path) -> Iterator[Article | InputError]``: it *yields* an ``InputError`` for
one bad record of a multi-record file (a JSON line, a feed entry, a WARC record) and carries on;
it *raises* ``InputError`` when the file as a whole cannot be read (after yielding whatever it
could read before the damage).
"""

from __future__ import annotations

import email.utils
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import Code, InputError, SitrepError
from sitrep.ingest.language import detect_language, normalize_language_tag
from sitrep.model import Article

log = logging.getLogger(__name__)

# 64 MB: an order of magnitude above the largest news page or feed we expect, small enough
# that reading a file whole (which every reader does) cannot exhaust a laptop's memory.
MAX_BYTES = 64 * 1024 * 1024
ENV_MAX_MB = "SITREP_MAX_INPUT_MB"

Record = Article | InputError
Reader = Iterator[Record]


@dataclass
class ReadResult:
    """One article read from ``path``, or the reason one could not be read."""

    path: str
    article: Article | None
    error: SitrepError | None

    @property
    def ok(self) -> bool:
        return self.article is not None


def max_bytes() -> int:
    """The input size limit in bytes: ``SITREP_MAX_INPUT_MB`` (read at call time, so a caller
    may change it between runs) wins over ``MAX_BYTES``."""
    raw = os.environ.get(ENV_MAX_MB, "").strip()
    if raw:
        try:
            return int(float(raw) * 1024 * 1024)
        except ValueError:
            log.warning("ignoring %s=%r: not a number", ENV_MAX_MB, raw)
    return MAX_BYTES


def check_size(path: Path) -> int:
    """The file's size in bytes; E004 above the limit, E001 when empty (checked with ``stat``
    so that an oversized file is never read)."""
    size = path.stat().st_size
    limit = max_bytes()
    if size > limit:
        raise InputError(Code.E004, path=str(path), limit_mb=round(limit / (1024 * 1024), 1))
    if size == 0:
        raise InputError(Code.E001, path=str(path))
    return size


def read_bytes(path: Path) -> bytes:
    check_size(path)
    return path.read_bytes()


# --- dates -------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_SLASH_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{6}Z?)?")  # WARC/ARC 14-digit and 8-digit dates


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` for a date given in any common form (ISO date or datetime, RFC 2822
    as in RSS and e-mail, "24 August 2022", "August 24, 2022", a ``datetime``/``date`` or a
    ``time.struct_time``), else ``None``. Values that need "now" to mean anything ("yesterday")
    are rejected: a publication date must be stated, not guessed."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Unix seconds (JSON exports): only the range 1973-2286, so that a stray small number
        # (a count, a year) is never read as a date.
        if 1e8 <= value < 1e10:
            return datetime.fromtimestamp(value, tz=UTC).date().isoformat()
        return None
    if isinstance(value, tuple) and len(value) >= 3:  # time.struct_time (feedparser)
        try:
            return _iso(int(value[0]), int(value[1]), int(value[2]))
        except (TypeError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64 or not any(c.isdigit() for c in text):
        return None
    for pattern in (_ISO_DATE, _SLASH_YMD, _COMPACT):
        m = pattern.fullmatch(text)
        if m:
            return _iso(int(m[1]), int(m[2]), int(m[3]))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
        return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


# Month names in these languages are understood. Letting dateparser guess among all its ~200
# locales costs 3-4 s on the first call (measured on the dev box); these seven cost 0.3 s and
# cover the languages ``language.py`` recognises in Latin script, bar the rarest.
_DATE_LANGUAGES = ["en", "fr", "es", "de", "it", "pt", "nl"]


def _dateparser(text: str) -> str | None:
    import dateparser  # slow to load its language data: only when the fast paths fail

    try:
        parsed = dateparser.parse(
            text,
            languages=_DATE_LANGUAGES,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # dateparser raises assorted errors on odd input; a bad date is just None
        return None
    return parsed.date().isoformat() if parsed else None


# --- articles ----------------------------------------------------------------------------------


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_meta(value: Any, limit: int = 500) -> str | None:
    """A metadata string with whitespace collapsed, or ``None`` for empty / non-string values.
    A list (several authors) is joined with ", "."""
    if isinstance(value, list | tuple):
        parts = [clean_meta(v, limit) for v in value]
        value = ", ".join(p for p in parts if p)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:limit] or None


def make_article(
    text: str,
    source_path: str | Path,
    *,
    url: Any = None,
    outlet: Any = None,
    title: Any = None,
    author: Any = None,
    published: Any = None,
    language: Any = None,
) -> Article:
    """The one constructor readers use. Raises E010 when no text is left.

    ``published`` is normalised to ISO (an unparseable value is dropped, not kept raw); a given
    ``language`` wins over detection."""
    body = normalize_newlines(text).strip()
    if not body:
        raise InputError(Code.E010, path=str(source_path))
    lang = normalize_language_tag(language) if isinstance(language, str) else None
    return Article(
        id=Article.make_id(body),
        text=body,
        url=clean_meta(url, 2000),
        outlet=clean_meta(outlet),
        title=clean_meta(title),
        author=clean_meta(author),
        published=normalize_date(published),
        language=lang or detect_language(body),
        source_path=str(source_path),
    )
