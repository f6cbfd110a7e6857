"""Article -> AnalyzedArticle: parse with spaCy, run the registered extractors in order,
merge event mentions into events. The per-article function is picklable (Dask, processes)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sitrep import nlp, registry
from sitrep.errors import Code
from sitrep.model import AnalyzedArticle, Article, Span

log = logging.getLogger(__name__)

# Order matters: each extractor may read what the ones before it assigned.
DEFAULT_EXTRACTORS: tuple[str, ...] = (
    "places.v1",
    "times.v1",
    "claims.v1",
    "events.v1",
    "framing.v1",
)


def analyze(article: Article, extractors: Sequence[str] = DEFAULT_EXTRACTORS) -> AnalyzedArticle:
    return next(analyze_many([article], extractors))


def analyze_many(
    articles: Iterable[Article], extractors: Sequence[str] = DEFAULT_EXTRACTORS
) -> Iterator[AnalyzedArticle]:
    """Analyse articles in order, parsing them in ``nlp.pipe`` batches. Articles that are not
    English or have no text come back with ``skipped`` set and nothing extracted."""
    steps = [registry.get(name) for name in extractors]
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= nlp.BATCH_SIZE:
            yield from _analyze_batch(batch, steps)
            batch = []
    if batch:
        yield from _analyze_batch(batch, steps)


def _analyze_batch(batch: list[Article], steps: list[registry.Extractor]) -> Iterator[AnalyzedArticle]:
    results: list[AnalyzedArticle] = []
    jobs: list[tuple[int, int, int]] = []  # (result index, chunk start, chunk end)
    for article in batch:
        result = AnalyzedArticle(article=article)
        reason = skip_reason(article)
        if reason:
            result.skipped = reason
            log.info("article %s skipped: %s", article.id, reason)
        else:
            for start, end in nlp.chunk_offsets(article.text):
                jobs.append((len(results), start, end))
        results.append(result)
    texts = (results[i].article.text[s:e] for i, s, e in jobs)
    for (index, start, end), doc in zip(jobs, nlp.pipe(texts), strict=True):
        result = results[index]
        if start == 0 and end == len(result.article.text):
            _run_steps(doc, result.article, result, steps)
        else:
            # A chunk of a very long article: extract on the chunk as its own article, then
            # move every span back to article offsets.
            part_article = dataclasses.replace(result.article, text=result.article.text[start:end])
            part = AnalyzedArticle(article=part_article)
            _run_steps(doc, part_article, part, steps)
            for step in steps:
                items = getattr(part, step.assigns)
                getattr(result, step.assigns).extend(shift_spans(x, start) for x in items)
    for result in results:
        if not result.skipped:
            _finish(result)
        yield result


def _run_steps(doc: Any, article: Article, analysis: AnalyzedArticle, steps: list[registry.Extractor]) -> None:
    for step in steps:
        setattr(analysis, step.assigns, step.fn(doc, article, analysis))


def _finish(result: AnalyzedArticle) -> None:
    from sitrep.extract.claims import link_quotes_to_events
    from sitrep.extract.framing import framing_profile
    from sitrep.resolve.within import merge_mentions

    result.events = merge_mentions(result.mentions, result.article)
    link_quotes_to_events(result)
    result.framing_profile = framing_profile(result)


def skip_reason(article: Article) -> str | None:
    if not article.text.strip():
        return Code.E010.format(path=article.source_path or article.id)
    if article.language and article.language != "en":
        return Code.W001.format(id=article.id, language=article.language)
    return None


def shift_spans(obj: Any, offset: int) -> Any:
    """A copy of ``obj`` with every ``Span`` inside it moved by ``offset`` characters."""
    if isinstance(obj, Span):
        return Span(obj.start + offset, obj.end + offset, obj.text)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: shift_spans(getattr(obj, f.name), offset) for f in dataclasses.fields(obj)}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, list):
        return [shift_spans(x, offset) for x in obj]
    return obj
