"""Paths -> articles: expand directories, pick a reader by extension (then by sniffing the first
bytes), and turn every failure into a ``ReadResult`` with ``error`` set, so one bad file never
stops a run over a corpus."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.errors import Code, InputError, SitrepError
from sitrep.ingest import feed, html, jsonl, text, warc
from sitrep.ingest.base import Reader, ReadResult, check_size

log = logging.getLogger(__name__)

ReaderFn = Callable[[Path], Reader]

SNIFF_BYTES = 4096

_BY_EXTENSION: dict[str, ReaderFn] = {}
for _module in (html, jsonl, feed, warc):
    for _ext in _module.EXTENSIONS:
        _BY_EXTENSION[_ext] = _module.read
for _ext in text.EXTENSIONS - {""}:
    _BY_EXTENSION[_ext] = text.read


def _extension(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def _looks_like_jsonl(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].rstrip()
    return first.startswith(b"{") and (first.endswith(b"}") or len(first) >= len(head) - 1)


def sniff(head: bytes) -> ReaderFn | None:
    """The reader for a file whose first bytes are ``head``, when they name a format."""
    if warc.looks_like_warc(head):
        return warc.read
    if feed.looks_like_feed(head):
        return feed.read
    if html.looks_like_html(head):
        return html.read
    if _looks_like_jsonl(head):
        return jsonl.read
    return None


def reader_for(path: Path) -> ReaderFn:
    """Dispatch by extension, then by content; E009 for anything else."""
    ext = _extension(path)
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    if ext in feed.SNIFF_EXTENSIONS:
        if feed.looks_like_feed(head):
            return feed.read
        raise InputError(Code.E009, path=str(path))
    found = sniff(head)
    if found is not None:
        return found
    if ext in text.EXTENSIONS:  # no extension and no recognisable format: plain text
        return text.read
    raise InputError(Code.E009, path=str(path))


def read_file(path: Path) -> Iterator[ReadResult]:
    """Every article (or error) in one file."""
    name = str(path)
    try:
        check_size(path)
        reader = reader_for(path)
        for item in reader(path):
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
