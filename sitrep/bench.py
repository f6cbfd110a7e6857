"""``sitrep bench``: throughput of the full pipeline against spaCy alone, on a fixed corpus.

The corpus is the project's example articles (``examples/*.txt`` at the repository root). Both
measurements run in this process on the same texts with the same batch size, after a warm-up
(model loaded, lexicons and matchers built), so ``ratio = words_per_s / parse_only_words_per_s``
is the share of time left to spaCy: 1.0 means the extractors cost nothing.

The examples are a few thousand words, under a second of parsing, which is too short to time
on a shared machine; the corpus is therefore run in several passes (at least ``repeat``, and
enough to reach ``MIN_WORDS``), each pass timed on its own, and the fastest pass of each
kind is reported (as ``timeit`` does: slower passes measure other processes, not ours).
"""

from __future__ import annotations

import math
import os
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitrep import nlp
from sitrep.errors import Code, InputError
from sitrep.model import Article
from sitrep.pipeline import DEFAULT_EXTRACTORS, analyze_many

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# ~15k words is 2-3 s of parsing per kind here (en_core_web_sm at 5-10k words/s on this
# machine), long enough that timer resolution and start-up noise stay under a few percent.
MIN_WORDS = 15_000
_HEADER = re.compile(r"(date|published|outlet|url|title|author|language)[ \t]*:?[ \t]+(\S.*)", re.I)
_WORDS = re.compile(r"\S+")


def _fallback_read(path: Path) -> Article:
    """Minimal reader for a text file with an optional ``key value`` header block, used only
    when ``sitrep.ingest`` offers no ``read_paths``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and (m := _HEADER.fullmatch(lines[i].strip())):
        meta[m.group(1).lower()] = m.group(2)
        i += 1
    text = "\n".join(lines[i:]).strip()
    return Article.create(text, published=meta.get("date") or meta.get("published"),
                          title=meta.get("title"), outlet=meta.get("outlet"), url=meta.get("url"),
                          language="en", source_path=str(path))


def load_corpus(corpus_dir: Path) -> list[Article]:
    if not corpus_dir.is_dir():
        raise InputError(Code.E011, path=str(corpus_dir))
    paths = sorted(p for p in corpus_dir.iterdir() if p.suffix == ".txt" and p.is_file())
    if not paths:
        raise InputError(Code.E001, path=str(corpus_dir))
    reader: Callable[..., Any] | None = None
    try:
        from sitrep import ingest

        reader = getattr(ingest, "read_paths", None)
    except ImportError:  # pragma: no cover - ingest is part of the package
        reader = None
    if reader is not None:
        # read_paths yields Articles, or results wrapping one (``.article``), or errors.
        articles = []
        for item in reader(paths):
            art = item if isinstance(item, Article) else getattr(item, "article", None)
            if isinstance(art, Article):
                articles.append(art)
        if articles:
            return articles
    return [_fallback_read(p) for p in paths]


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _time_parse(texts: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for spaCy alone."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=nlp.BATCH_SIZE):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def _time_pipeline(articles: list[Article]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for the full pipeline."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in analyze_many(articles, DEFAULT_EXTRACTORS):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def _per_s(amount: float, seconds: float) -> float:
    return amount / seconds if seconds > 0 else 0.0


def extractor_costs(articles: list[Article]) -> dict[str, float]:
    """CPU seconds per extractor (and the pipeline's final merge step) over one pass, with the
    parse done beforehand and not counted: where the time above spaCy goes."""
    from sitrep import pipeline, registry
    from sitrep.model import AnalyzedArticle

    steps = [registry.get(name) for name in DEFAULT_EXTRACTORS]
    costs = dict.fromkeys([*DEFAULT_EXTRACTORS, "finish"], 0.0)
    docs = list(nlp.pipe([a.text for a in articles], batch_size=nlp.BATCH_SIZE))
    finish = getattr(pipeline, "_finish", None)
    for article, doc in zip(articles, docs, strict=True):
        analysis = AnalyzedArticle(article=article)
        for step in steps:
            start = time.process_time()
            setattr(analysis, step.assigns, step.fn(doc, article, analysis))
            costs[step.name] += time.process_time() - start
        if callable(finish):
            start = time.process_time()
            finish(analysis)
            costs["finish"] += time.process_time() - start
    return {k: round(v, 3) for k, v in costs.items()}


def run(corpus_dir: Path | None = None, repeat: int = 1, min_words: int = MIN_WORDS) -> dict[str, Any]:
    """Time the pipeline and spaCy alone over the corpus; see the module docstring."""
    # Only articles the pipeline will analyse: a skipped one (not English) would add words
    # to the count but no work to the timing.
    articles = [a for a in load_corpus(corpus_dir or EXAMPLES) if a.language in (None, "en")]
    if not articles:
        raise InputError(Code.E001, path=str(corpus_dir or EXAMPLES))
    texts = [a.text for a in articles]
    words = sum(count_words(t) for t in texts)
    passes = max(repeat, 1, math.ceil(min_words / max(words, 1)))

    # Warm-up: loads the model and lets every extractor build its cached tables/matchers.
    for _ in analyze_many(articles[:2], DEFAULT_EXTRACTORS):
        pass
    _time_parse(texts[:2])

    parse_times: list[tuple[float, float]] = []
    pipe_times: list[tuple[float, float]] = []
    for i in range(passes):
        # Alternate the order so that neither kind always runs first (cache, CPU boost).
        if i % 2 == 0:
            parse_times.append(_time_parse(texts))
            pipe_times.append(_time_pipeline(articles))
        else:
            pipe_times.append(_time_pipeline(articles))
            parse_times.append(_time_parse(texts))

    pipe_best = min(t[0] for t in pipe_times)
    parse_best = min(t[0] for t in parse_times)
    pipe_cpu = min(t[1] for t in pipe_times)
    parse_cpu = min(t[1] for t in parse_times)
    words_per_s, parse_wps = _per_s(words, pipe_best), _per_s(words, parse_best)
    cpu_wps, cpu_parse_wps = _per_s(words, pipe_cpu), _per_s(words, parse_cpu)
    info = nlp.model_info()
    return {
        "articles": len(articles),
        "words": words,
        "passes": passes,
        "articles_per_s": round(_per_s(len(articles), pipe_best), 2),
        "words_per_s": round(words_per_s, 1),
        "parse_only_words_per_s": round(parse_wps, 1),
        "ratio": round(_per_s(words_per_s, parse_wps), 3),
        # The same measured in CPU seconds of this process: on a machine shared with other
        # jobs, wall time also counts their time slices, so this ratio is the steadier one.
        "cpu_words_per_s": round(cpu_wps, 1),
        "cpu_parse_only_words_per_s": round(cpu_parse_wps, 1),
        "cpu_ratio": round(_per_s(cpu_wps, cpu_parse_wps), 3),
        "pipeline_s_mean": round(sum(t[0] for t in pipe_times) / passes, 3),
        "parse_only_s_mean": round(sum(t[0] for t in parse_times) / passes, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "cpus": os.cpu_count(),
        "extractor_cpu_s": extractor_costs(articles),
        "parse_only_cpu_s": round(parse_cpu, 3),
        "model": f"{info['name']} {info['version']}",
        "extractors": list(DEFAULT_EXTRACTORS),
        "corpus": str(corpus_dir or EXAMPLES),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
