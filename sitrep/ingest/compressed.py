"""Compressed single files (``articles.jsonl.gz``, ``page.html.bz2``, ``feed.xml.xz``): the
file is decompressed in memory, never past the input size limit (so a small "zip bomb" is E004,
not an exhausted machine), and the inner file is read by the reader its own name or its first
bytes call for. WARC needs none of this: warcio reads ``.warc.gz`` itself."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sitrep.errors import Code, InputError
from sitrep.ingest.base import max_bytes

# Extension -> opener, and the magic bytes that identify each format without an extension.
_OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_MAGIC = ((b"\x1f\x8b", ".gz"), (b"BZh", ".bz2"), (b"\xfd7zXZ\x00", ".xz"))
_CHUNK = 1 << 20


def compression(path: Path, head: bytes = b"") -> str | None:
    """".gz", ".bz2" or ".xz" when ``path`` is a compressed file (by its extension, else by its
    first bytes ``head``), else ``None``."""
    suffix = path.suffix.lower()
    if suffix in _OPENERS:
        return suffix
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def inner_path(path: Path) -> Path:
    """``a/articles.jsonl.gz`` -> ``a/articles.jsonl`` (the name the reader dispatches on)."""
    return path.with_suffix("") if path.suffix.lower() in _OPENERS else path


def decompress(path: Path, kind: str) -> bytes:
    """The decompressed content; E004 once it passes the size limit, E013 when damaged."""
    limit = max_bytes()
    chunks: list[bytes] = []
    size = 0
    try:
        with _OPENERS[kind](path, "rb") as f:
            stream: IO[bytes] = f
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        Code.E004, path=str(path), limit_mb=round(limit / (1024 * 1024), 1)
                    )
                chunks.append(chunk)
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise InputError(Code.E013, path=str(path), detail=f"cannot decompress: {exc}") from exc
    if size == 0:
        raise InputError(Code.E001, path=str(path))
    return b"".join(chunks)
