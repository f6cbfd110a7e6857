"""Running the pipeline over gold records: batching, an optional progress bar on stderr, and
(for the tasks that need the parse itself) the spaCy ``Doc`` next to the analysis."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from spacy.tokens import Doc

from sitrep import nlp, registry
from sitrep.model import AnalyzedArticle, Article
from sitrep.pipeline import analyze_many

T = TypeVar("T")


def make_article(text: str, published: str | None = None) -> Article:
    return Article.create(text, published=published, language="en")


@contextmanager
def _progress(total: int, description: str, enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    ) as bar:
        yield (bar, bar.add_task(description, total=total))


def tracked(items: Iterable[T], total: int, description: str, enabled: bool) -> Iterator[T]:
    """``items`` unchanged, advancing a rich progress bar on stderr when ``enabled``."""
    with _progress(total, description, enabled) as handle:
        for item in items:
            yield item
            if handle is not None:
                bar, task = handle
                bar.advance(task)


def analyze_articles(
    articles: Sequence[Article], extractors: Sequence[str], *, progress: bool = False,
    description: str = "analysing",
) -> Iterator[AnalyzedArticle]:
    """The full pipeline (``analyze_many``, batched) over ``articles``, in order."""
    yield from tracked(analyze_many(articles, extractors), len(articles), description, progress)


def parse_and_extract(
    articles: Sequence[Article], extractors: Sequence[str], *, progress: bool = False,
    description: str = "analysing",
) -> Iterator[tuple[Doc, AnalyzedArticle]]:
    """Like ``analyze_articles`` but also yields the ``Doc``, for tasks that call helper
    functions of an extractor (``resolve_spans``, ``event_location_span``) on the parse. Texts
    here are gold records (sentences, short articles), parsed whole, one ``nlp.pipe`` stream."""
    steps = [registry.get(name) for name in extractors]
    docs = nlp.pipe(a.text for a in articles)
    for article, doc in tracked(zip(articles, docs, strict=True), len(articles), description, progress):
        analysis = AnalyzedArticle(article=article)
        for step in steps:
            setattr(analysis, step.assigns, step.fn(doc, article, analysis))
        yield doc, analysis
