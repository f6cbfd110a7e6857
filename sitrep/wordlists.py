"""Word lists kept as data: ``sitrep/data/*_words.tsv`` files with the columns word, list and
note (one word a row; lines starting with # are comments). Each extractor names its file."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def load(filename: str) -> dict[str, frozenset[str]]:
    """List name -> its words (lower-cased) from ``data/<filename>``."""
    out: dict[str, set[str]] = {}
    with open(DATA / filename, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        for row in rows:
            out.setdefault(row["list"], set()).add(row["word"].strip().lower())
    return {name: frozenset(words) for name, words in out.items()}
