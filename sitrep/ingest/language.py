"""Cheap language identification: the writing system first, then the share of each Latin-script
language's stop words. Good enough to keep non-English articles away from an English model; not
a general language identifier.

The stop-word lists live in ``sitrep/data/ingest_languages.tsv`` (one row per language).
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest_languages.tsv"

UNDETERMINED = "und"

# Language is constant across a news article: the first 20k characters (some 3k words) decide,
# so detection costs the same on a 20 MB file as on a 2 kB one.
SAMPLE_CHARS = 20_000

# The decision is asymmetric on purpose: calling an English text anything else drops it from
# analysis, while calling a foreign text English only costs a poor analysis. So another language
# needs positive evidence, English only needs the absence of it.
#
# Another Latin-script language wins when its stop words outnumber English ones and make at
# least this share of the tokens (and at least two). Calibrated on the sentences written for
# tests/test_ingest_language.py: each language scores 0.20-0.35 with its own list, and at most
# 0.05 with the English list (shared words such as "in", "is", "de"); 0.12 sits between.
MIN_STOPWORD_RATIO = 0.12
# A text of at least LONG_TOKENS words with fewer English stop words than this share is not
# English ("und": Finnish, Polish, Vietnamese, ... or not prose at all). English news prose
# scores 0.25-0.30 (sentences above). The 0.05 floor and the 30-word minimum were checked on
# all gold files in ../shared/eval (19.6k English news texts): with them none is called "und"
# and the only non-"en" calls are the French source titles in ucdp_car_dev.jsonl (fr). Shorter
# texts (headlines, one-line event reports such as "Near X, an airstrike destroyed two
# vehicles.") are too short to tell and count as English.
MIN_ENGLISH_RATIO = 0.05
LONG_TOKENS = 30
# A writing system owns the text when it has more than half of its letters: an English article
# quoting an Arabic slogan stays English.
SCRIPT_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# (language, letters of its script, letters that single out a sibling language, sibling)
_SCRIPTS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None, str], ...] = (
    ("ar", re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"), re.compile(r"[پچژگ]"), "fa"),
    ("ru", re.compile(r"[\u0400-\u04FF]"), re.compile(r"[іїєґІЇЄҐ]"), "uk"),
    ("el", re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"), None, ""),
    ("he", re.compile(r"[\u0590-\u05FF]"), None, ""),
    ("zh", re.compile(r"[\u4E00-\u9FFF\u3040-\u30FF]"), re.compile(r"[\u3040-\u30FF]"), "ja"),
    ("ko", re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF]"), None, ""),
    ("hi", re.compile(r"[\u0900-\u097F]"), None, ""),
    ("th", re.compile(r"[\u0E00-\u0E7F]"), None, ""),
)


@dataclass(frozen=True)
class _Table:
    stopwords: dict[str, frozenset[str]]  # language -> its stop words (Latin-script languages)
    index: dict[str, tuple[str, ...]]  # word -> languages that list it
    names: dict[str, str]  # "english" -> "en", and every code -> itself


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    stopwords: dict[str, frozenset[str]] = {}
    names: dict[str, str] = {}
    with DATA.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = row["code"].strip()
            names[code] = code
            names[row["name"].strip().lower()] = code
            words = frozenset(row["stopwords"].split())
            if words:
                stopwords[code] = words
    index: dict[str, list[str]] = {}
    for code, words in stopwords.items():
        for word in words:
            index.setdefault(word, []).append(code)
    return _Table(stopwords, {w: tuple(c) for w, c in index.items()}, names)


def normalize_language_tag(tag: str | None) -> str | None:
    """"en-US", "EN", "en_GB", "English" -> "en"; an unknown but well-formed BCP 47 primary
    subtag is kept as is; anything else -> ``None`` (so the caller detects instead)."""
    if not tag:
        return None
    value = tag.strip().lower().replace("_", "-")
    names = _table().names
    if value in names:
        return names[value]
    primary = value.split("-", 1)[0]
    if primary in names:
        return names[primary]
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
        return primary
    return None


def _script_language(sample: str) -> str | None:
    """The language of the dominant non-Latin writing system, ``UNDETERMINED`` for text with no
    letters at all, ``None`` when Latin letters dominate."""
    latin = len(_LATIN.findall(sample))
    counts = [(len(p.findall(sample)), lang, sib, sib_lang) for lang, p, sib, sib_lang in _SCRIPTS]
    total = latin + sum(c[0] for c in counts)
    if total == 0:
        return UNDETERMINED
    n, lang, sibling, sibling_lang = max(counts, key=lambda c: c[0])
    if n <= total * SCRIPT_SHARE:
        return None
    if sibling is not None and sibling.search(sample):
        return sibling_lang
    return lang


def stopword_scores(text: str) -> tuple[int, dict[str, int]]:
    """(number of word tokens, stop-word hits per language) over the sample of ``text``."""
    table = _table()
    tokens = Counter(_WORD.findall(text[:SAMPLE_CHARS].lower()))
    hits: dict[str, int] = dict.fromkeys(table.stopwords, 0)
    for word, n in tokens.items():
        for lang in table.index.get(word, ()):
            hits[lang] += n
    return sum(tokens.values()), hits


def detect_language(text: str) -> str:
    """An ISO 639-1 code: "en", another language's best guess, or "und"."""
    sample = text[:SAMPLE_CHARS]
    by_script = _script_language(sample)
    if by_script is not None:
        return by_script
    n_tokens, hits = stopword_scores(sample)
    english = hits.pop("en", 0)
    if hits:
        other = max(hits, key=lambda lang: hits[lang])
        n = hits[other]
        if n > english and n >= 2 and n >= n_tokens * MIN_STOPWORD_RATIO:
            return other
    if n_tokens >= LONG_TOKENS and english < n_tokens * MIN_ENGLISH_RATIO:
        return UNDETERMINED
    return "en"
