"""Readers: files in any supported format -> ``sitrep.model.Article``.

    for result in read_paths(["corpus/", "feed.rss"]):
        if result.error:
            print(result.error)       # an InputError with its E0xx code; the run goes on
        else:
            analyze(result.article)

Formats: plain text with an optional metadata header (``text``), HTML (``html``), JSON Lines
(``jsonl``), RSS/Atom (``feed``), WARC (``warc``); each module has ``read(path)`` and
``from_bytes(data, path)``. Any of them may come gzip/bzip2/xz-compressed (``compressed``).
"""

from sitrep.ingest.base import MAX_BYTES, ReadResult, make_article, max_bytes, normalize_date
from sitrep.ingest.language import detect_language
from sitrep.ingest.paths import read_file, read_path, read_paths, reader_for, sniff

__all__ = [
    "MAX_BYTES",
    "ReadResult",
    "detect_language",
    "make_article",
    "max_bytes",
    "normalize_date",
    "read_file",
    "read_path",
    "read_paths",
    "reader_for",
    "sniff",
]
