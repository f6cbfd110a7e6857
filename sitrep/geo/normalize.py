"""Place-name normalisation: the keys under which the gazetteer indexes names.

Three levels, from strict to loose:

* ``key``: casefolded, accents stripped, apostrophes and dots removed, hyphens/underscores and
  runs of spaces turned into one space ("Deir ez-Zor" -> "deir ez zor", "U.S." -> "us").
* ``variants``: ``key`` plus the forms without a leading Arabic article (al-/ar-/ash-/el-/...) or
  English "the", and without an administrative suffix ("Idlib Governorate" -> "idlib").
* ``skeleton``: a transliteration-blind consonant skeleton (spaces, vowels, w/y and internal
  articles removed, doubled letters collapsed): "Deir ez-Zor", "Deir Ezzor" and "Dayr az Zawr"
  all become "drzr". Lossy on purpose; only used as a last resort for spans already known to be
  place names, never for finding names in free text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic definite-article prefixes as romanised in news and in GeoNames (sun-letter
# assimilation gives ar-/ash-/as-/ad-/an-/at-/az-), plus French/Spanish-style el-.
ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "ez", "es", "en", "adh", "ath"})
# Leading articles that can be dropped for a variant key. "an"/"as"/"at"/"en"/"es" are also
# English/French words, but only as the *first word of a multi-word name* do we drop them.
_LEADING = ARTICLES | {"the"}

# Administrative words that news text and gazetteers add or omit freely.
ADMIN_SUFFIXES = (
    "governorate", "province", "district", "region", "county", "parish", "state", "oblast",
    "prefecture", "municipality", "department", "borough", "city", "township", "emirate",
    "muhafazat", "mintaqat",
)
_SUFFIX_RE = re.compile(r"\s+(?:" + "|".join(ADMIN_SUFFIXES) + r")$")
_PREFIX_RE = re.compile(r"^(?:(?:state|province|governorate|city|county|district|republic|kingdom) of)\s+")

# A lower-case admin or settlement word after a name is not part of it: "Khost city", "Betong
# district", "Idlib countryside" (the gold corpora agree: event_location_dev keeps 220 of 228
# capitalised "X Governorate"/"X City" suffixes in the span and leaves out 487 of 494 lower-case
# ones; gwn/lgl/trnews the same). The word stays in the text as the name's place cue.
TRAILING_ADMIN_WORD = re.compile(
    r"\s+(?:province|district|governorate|region|county|state|city|town|village|countryside|"
    r"area|neighbou?rhood|municipality|suburb|suburbs|outskirts)$"
)
_APOS = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u2032]")
_INNER_APOS = re.compile(r"\w[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u2032](?![sS]\b)\w")
_DASH = re.compile(r"[\-\u2010-\u2015\u2212_/]")
_DROP = re.compile(r"[.,()\"\u201c\u201d]")
_SPACES = re.compile(r"\s+")
# Letters that NFKD does not decompose.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"})


@functools.lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The strict lookup key of a name."""
    s = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOS.sub("", s)
    s = _DASH.sub(" ", s)
    s = _DROP.sub("", s)
    s = s.replace("&", " and ")
    return _SPACES.sub(" ", s).strip()


@functools.lru_cache(maxsize=65536)
def apos_key(name: str) -> str:
    """``key`` with apostrophes kept (all written as "'"), or "" when the name has none
    inside a word. Transliterations mark the Arabic ayn and hamza with one ("Mar'a",
    "Ma`arrat"): a name written with it is that name, not "Mara" in Tanzania."""
    if not _INNER_APOS.search(name):
        return ""
    return key(_APOS.sub("\u0000", name)).replace("\u0000", "'")


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (the only names we index: the articles
    we read are English)."""
    k = key(name)
    return bool(k) and all(c.isascii() for c in k)


def strip_article(k: str) -> str:
    """``k`` without a leading article word ("al qamishli" -> "qamishli"); ``k`` itself when
    dropping it would leave nothing."""
    parts = k.split(" ", 1)
    if len(parts) == 2 and parts[0] in _LEADING:
        return parts[1]
    return k


def strip_admin(k: str) -> str:
    """``k`` without an administrative suffix or prefix ("idlib governorate" -> "idlib")."""
    out = _SUFFIX_RE.sub("", k)
    out = _PREFIX_RE.sub("", out)
    return out if out else k


@functools.lru_cache(maxsize=65536)
def variants(name: str) -> tuple[str, ...]:
    """All keys a name is indexed (and looked up) under, strict key first."""
    k = key(name)
    out = [k]
    for v in (strip_article(k), strip_admin(k), strip_article(strip_admin(k))):
        if v and v not in out:
            out.append(v)
    return tuple(out)


_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")
# Common transliteration digraphs folded to one letter before dropping vowels.
_DIGRAPHS = (("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "s"), ("q", "k"), ("c", "k"), ("j", "g"), ("ph", "f"))


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Consonant skeleton of a name (see module docstring)."""
    words = [w for w in key(name).split(" ") if w]
    if len(words) > 1:
        words = [words[0]] + [w for w in words[1:] if w not in ARTICLES]
        if words[0] in _LEADING and len(words) > 1:
            words = words[1:]
    s = "".join(words)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if not s:
        return ""
    head, rest = s[0], _VOWELS.sub("", s[1:])
    return _DOUBLE.sub(r"\1", head + rest)
