"""WARC web archives (.warc, .warc.gz) via warcio: each successful HTML ``response`` (or
``resource``) record goes through the HTML reader, with the url from ``WARC-Target-URI`` and
``WARC-Date`` as the date when the page states none. Other records (requests, metadata, images,
redirects, revisits) are skipped with a logged reason. Damage to the archive is E007, raised
after the articles read before it have been yielded."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import Code, InputError
from sitrep.ingest.base import Reader, check_size
from sitrep.ingest.html import html_to_article, looks_like_html

log = logging.getLogger(__name__)

EXTENSIONS = frozenset({".warc", ".warc.gz"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(head: bytes) -> bool:
    """True for an uncompressed WARC, or a gzip file whose first member starts like one."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
        return inflated.startswith(b"WARC/")
    return False


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article page, or ``None`` when it should be read."""
    if record.rec_type not in ("response", "resource"):
        return f"record type {record.rec_type}"
    if record.rec_type == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP status {status}"
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type and not any(t in content_type.lower() for t in _HTML_TYPES):
        return f"content type {content_type}"
    return None


def _iterator(stream: Any) -> Any:
    """warcio's ArchiveIterator, minus its habit of writing a warning straight to stderr when a
    record's Content-Length is wrong: it still counts them (``err_count``), and ``read`` turns
    the count into E007."""
    from warcio.archiveiterator import ArchiveIterator

    class _QuietIterator(ArchiveIterator):
        INC_RECORD = ""

    return _QuietIterator(stream)


def _records(archive: Any, path: str) -> Iterator[Any]:
    """The archive's records; warcio's errors on a damaged file become E007."""
    try:
        yield from archive
    except Exception as exc:  # ArchiveLoadFailed, zlib/EOF errors on truncated gzip, ...
        raise InputError(Code.E007, path=path, detail=str(exc) or type(exc).__name__) from exc


def from_stream(stream: BinaryIO, source_path: str | Path) -> Reader:
    """Articles from a seekable binary stream holding a WARC (gzipped or not)."""
    name = str(source_path)
    pages = 0
    if not looks_like_warc(stream.read(4096)):
        raise InputError(Code.E007, path=name, detail="does not start with a WARC record")
    stream.seek(0)
    archive = _iterator(stream)
    for record in _records(archive, name):
        if not record.rec_type:
            raise InputError(Code.E007, path=name, detail="record without a WARC-Type")
        uri = record.rec_headers.get_header("WARC-Target-URI")
        reason = _skip_reason(record)
        if reason is not None:
            log.info("%s: skipped %s (%s)", name, uri or "record", reason)
            continue
        try:
            payload = record.content_stream().read()
        except Exception as exc:
            # One record's payload that cannot be decoded (an HTTP content-encoding warcio
            # cannot undo) costs that record only; real damage shows at the next record.
            log.info("%s: cannot read %s: %r", name, uri, exc)
            yield InputError(Code.E013, path=f"{name} ({uri})", detail=repr(exc))
            continue
        # warcio stops quietly at the end of a cut file: a record whose declared length was
        # not all there is the sign of a truncated archive.
        missing = getattr(record.raw_stream, "limit", 0)
        if isinstance(missing, int) and missing > 0:
            raise InputError(Code.E007, path=name, detail=f"{uri}: record truncated ({missing} bytes missing)")
        content_type = (
            record.http_headers.get_header("Content-Type")
            if record.http_headers is not None
            else record.rec_headers.get_header("Content-Type")
        )
        if not content_type and not looks_like_html(payload):
            log.info("%s: skipped %s (no content type, does not look like HTML)", name, uri)
            continue
        pages += 1
        try:
            yield html_to_article(
                payload, name, url=uri, published=record.rec_headers.get_header("WARC-Date")
            )
        except InputError as err:
            yield InputError(err.code, **{**err.details, "path": f"{name} ({uri})"})
    bad_lengths = getattr(archive, "err_count", 0)
    if bad_lengths:
        detail = f"{bad_lengths} record(s) with a wrong Content-Length"
        raise InputError(Code.E007, path=name, detail=detail)
    if pages == 0:
        raise InputError(Code.E012, path=name)


def from_bytes(data: bytes, source_path: str | Path) -> Reader:
    return from_stream(io.BytesIO(data), source_path)


def read(path: Path) -> Reader:
    check_size(path)
    with path.open("rb") as stream:
        yield from from_stream(stream, path)
