"""Versioned registry of extractors (the spaCy way: components are plain functions with
declared inputs and outputs, looked up by a versioned name such as ``events.v1``).

An extractor is ``fn(doc, article, analysis) -> list[...]``: ``doc`` is the spaCy ``Doc`` of
``article.text``; ``analysis`` is the ``AnalyzedArticle`` being built, from which it may read
the fields named in ``requires`` (filled by extractors that ran earlier). Its return value is
stored in the field named by ``assigns``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitrep.errors import Code, RegistryError
from sitrep.model import AnalyzedArticle, Article

ExtractorFn = Callable[[Doc, Article, AnalyzedArticle], list[Any]]


@dataclass(frozen=True)
class Extractor:
    name: str
    fn: ExtractorFn
    assigns: str
    requires: tuple[str, ...] = ()


_REGISTRY: dict[str, Extractor] = {}


def register(
    name: str, *, assigns: str, requires: tuple[str, ...] = ()
) -> Callable[[ExtractorFn], ExtractorFn]:
    def wrap(fn: ExtractorFn) -> ExtractorFn:
        _REGISTRY[name] = Extractor(name, fn, assigns, requires)
        return fn

    return wrap


def get(name: str) -> Extractor:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise RegistryError(Code.E050, name=name) from None


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def _load_builtin() -> None:
    # Importing the extract package registers its modules' functions.
    import sitrep.extract  # noqa: F401
