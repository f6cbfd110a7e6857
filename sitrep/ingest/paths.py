"""Paths -> articles: expand directories, unpack compressed files, pick a reader by extension
(then by sniffing the first bytes), and turn every failure into a ``ReadResult`` with ``error``
set, so one bad file never stops a run over a corpus."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import Code, InputError, SitrepError
from sitrep.ingest import feed, html, jsonl, text, warc
from sitrep.ingest.base import Reader, ReadResult, check_size
from sitrep.ingest.compressed import compression, decompress, inner_path

log = logging.getLogger(__name__)

ReaderFn = Callable[[Path], Reader]
BytesReaderFn = Callable[[bytes, Path], Reader]

SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Format:
    """One input format: its reader for a file, and for bytes already in memory."""

    name: str
    read: ReaderFn
    from_bytes: BytesReaderFn


TEXT = Format("text", text.read, text.from_bytes)
HTML = Format("html", html.read, html.from_bytes)
JSONL = Format("jsonl", jsonl.read, jsonl.from_bytes)
FEED = Format("feed", feed.read, feed.from_bytes)
WARC = Format("warc", warc.read, warc.from_bytes)

_BY_EXTENSION: dict[str, Format] = {}
for _fmt, _exts in (
    (HTML, html.EXTENSIONS), (JSONL, jsonl.EXTENSIONS), (FEED, feed.EXTENSIONS),
    (WARC, warc.EXTENSIONS), (TEXT, text.EXTENSIONS - {""}),
):
    for _ext in _exts:
        _BY_EXTENSION[_ext] = _fmt


def _extension(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def _looks_like_jsonl(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].rstrip()
    return first.startswith(b"{") and (first.endswith(b"}") or len(first) >= len(head) - 1)


def sniff_format(head: bytes) -> Format | None:
    """The format of a file whose first bytes are ``head``, when they name one."""
    if warc.looks_like_warc(head):
        return WARC
    if feed.looks_like_feed(head):
        return FEED
    if html.looks_like_html(head):
        return HTML
    if _looks_like_jsonl(head):
        return JSONL
    return None


def sniff(head: bytes) -> ReaderFn | None:
    """The reader for a file whose first bytes are ``head``, when they name a format."""
    fmt = sniff_format(head)
    return fmt.read if fmt is not None else None


def choose_format(path: Path, head: bytes) -> Format:
    """Dispatch by the name's extension, then by the first bytes; E009 for anything else."""
    ext = _extension(path)
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if ext in feed.SNIFF_EXTENSIONS:
        if feed.looks_like_feed(head):
            return FEED
        raise InputError(Code.E009, path=str(path))
    found = sniff_format(head)
    if found is not None:
        return found
    if ext in text.EXTENSIONS:  # no extension and no recognisable format: plain text
        return TEXT
    raise InputError(Code.E009, path=str(path))


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(SNIFF_BYTES)


def reader_for(path: Path) -> ReaderFn:
    """The reader for an (uncompressed) file: by extension, then by content; else E009."""
    return choose_format(path, _head(path)).read


def _items(path: Path) -> Reader:
    head = _head(path)
    # Magic bytes decide only for names that do not already name a format: a .txt file that
    # happens to begin "BZh" is text.
    kind = compression(path, b"" if _extension(path) in _BY_EXTENSION else head)
    if kind is None or _extension(path) == ".warc.gz" or warc.looks_like_warc(head):
        return choose_format(path, head).read(path)
    data = decompress(path, kind)
    return choose_format(inner_path(path), data[:SNIFF_BYTES]).from_bytes(data, path)


def read_file(path: Path) -> Iterator[ReadResult]:
    """Every article (or error) in one file."""
    name = str(path)
    try:
        check_size(path)
        for item in _items(path):
            if isinstance(item, SitrepError):
                yield ReadResult(name, None, item)
            else:
                yield ReadResult(name, item, None)
    except SitrepError as err:
        yield ReadResult(name, None, err)
    except OSError as exc:
        yield ReadResult(name, None, InputError(Code.E013, path=name, detail=exc.strerror or repr(exc)))
    except Exception as exc:  # a library bug on one hostile file must not end the whole run
        log.exception("unexpected error reading %s", name)
        yield ReadResult(name, None, InputError(Code.E013, path=name, detail=repr(exc)))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def expand(directory: Path) -> list[Path]:
    """Every non-hidden file under ``directory`` (hidden directories are not entered), sorted by
    path components so the order is the same on every machine."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        found.extend(Path(root) / f for f in files if not _hidden(f))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def read_path(path: str | Path) -> Iterator[ReadResult]:
    """Every article (or error) from one file or directory; E011 when it does not exist."""
    p = Path(path)
    if p.is_dir():
        for file in expand(p):
            yield from read_file(file)
    elif p.exists():
        yield from read_file(p)
    else:
        yield ReadResult(str(p), None, InputError(Code.E011, path=str(p)))


def read_paths(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Every article (or error) from each path in turn, directories expanded recursively."""
    if isinstance(paths, str | Path):  # one path given bare: not its characters one by one
        paths = [paths]
    for path in paths:
        yield from read_path(path)
