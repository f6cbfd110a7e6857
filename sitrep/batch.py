"""Batch ingest: read -> skip what is stored -> analyse in chunks -> store each chunk in one
transaction -> resolve events across articles.

Scale-out is the same picklable per-chunk function, ``analyze_chunk``, run three ways: in
process (``workers=1``), in a ``ProcessPoolExecutor`` (``workers=N``, spawn-safe, spaCy loaded
once per worker), or on a Dask cluster (``run_dask``: each partition becomes a Parquet shard that
is then merged into the store). Dask holds no logic; the store makes every path idempotent
(an article already stored is skipped before analysis, so an interrupted run resumes).

Run as ``python -m sitrep.batch PATH... --db DB [--workers N]`` (what ``sitrep ingest`` does).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.ingest import ReadResult, read_paths
from sitrep.model import AnalyzedArticle, Article, from_dict
from sitrep.store import Store

log = logging.getLogger(__name__)

# Articles per chunk (and per store transaction). Small, so that with N workers the last
# chunk leaves the others idle only briefly; large enough that pickling and the per-chunk
# commit are noise: on /tmp corpora of ~400-word articles one chunk of 8 takes ~1.2 s to
# analyse and ~0.1 s to store (measured with workers=1, 100 articles, this machine).
CHUNK_SIZE = 8
# Chunks in flight per worker: one being parsed, one queued, so no worker waits for the parent.
IN_FLIGHT_PER_WORKER = 2
# Articles per Dask partition (one Parquet shard each), at most; fewer for small corpora.
PARTITION_SIZE = 64
# Partitions per Dask worker thread, at least: two, so a worker never idles waiting while
# the other finishes the last, and shards stay large enough to be worth a file.
PARTITIONS_PER_THREAD = 2
# Limit BLAS/OpenMP threads in worker processes: N processes x M threads on N cores thrash.
_WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class IngestReport:
    stored: int = 0  # new articles analysed and stored
    already_present: int = 0  # in the store before this run, or twice in this run's input
    skipped: int = 0  # new articles stored but not analysed (non-English, empty, ...)
    skip_reasons: list[tuple[str, str]] = field(default_factory=list)  # (path or id, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    events: int = 0  # events in the store after across-article resolution
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


# --- the per-chunk work (runs in workers) -------------------------------------------------------

def analyze_chunk(articles: list[Article]) -> list[AnalyzedArticle]:
    """Analyse a chunk of articles (picklable: used by processes and by Dask)."""
    from sitrep import pipeline

    return list(pipeline.analyze_many(articles))


def _analyze_chunk_safe(articles: list[Article]) -> tuple[list[AnalyzedArticle], list[tuple[str, str]]]:
    """``analyze_chunk``, but one article that breaks an extractor costs only that article: on
    an error the chunk is redone article by article and the culprit is reported."""
    try:
        return analyze_chunk(articles), []
    except Exception:
        log.debug("chunk failed; retrying article by article", exc_info=True)
    done: list[AnalyzedArticle] = []
    failed: list[tuple[str, str]] = []
    for article in articles:
        try:
            done.extend(analyze_chunk([article]))
        except Exception as exc:
            failed.append((article.source_path or article.id, f"{type(exc).__name__}: {exc}"))
    return done, failed


def _init_worker() -> None:
    for key, value in _WORKER_ENV.items():
        os.environ.setdefault(key, value)
    from sitrep import nlp, registry

    nlp.load()  # once per worker, before the first chunk arrives
    registry.names()


# --- reading -----------------------------------------------------------------------------------

def read(paths: Sequence[str | Path]) -> Iterator[ReadResult]:
    """Every readable article under ``paths`` (files or directories, any supported format);
    unreadable inputs come back with ``error`` set and are reported, not fatal."""
    return iter(read_paths([str(p) for p in paths]))


def _new_articles(
    results: Iterable[ReadResult], known: set[str], report: IngestReport
) -> Iterator[Article]:
    """Articles not yet stored (nor seen earlier in this run); errors go to ``report.failed``."""
    seen: set[str] = set()
    for r in results:
        if r.article is None:
            report.failed.append((r.path, str(r.error) if r.error else "unreadable"))
            continue
        aid = r.article.id
        if aid in known or aid in seen:
            report.already_present += 1
            continue
        seen.add(aid)
        if r.article.source_path is None:
            r.article.source_path = r.path
        yield r.article


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _record(store: Store, report: IngestReport, done: list[AnalyzedArticle]) -> None:
    """Store one chunk in one transaction. If the chunk cannot be stored (an article whose
    text SQLite cannot encode, say), the transaction rolls back and the chunk is stored article
    by article, so only the culprit is lost and reported."""
    try:
        store.save(done)
        saved = done
    except (SitrepError, ValueError) as exc:
        log.debug("chunk not stored (%s); storing article by article", exc)
        saved = []
        for a in done:
            try:
                store.save([a])
                saved.append(a)
            except (SitrepError, ValueError) as one:
                report.failed.append((a.article.source_path or a.article.id, f"not stored: {one}"))
    for a in saved:
        if a.skipped:
            report.skipped += 1
            report.skip_reasons.append((a.article.source_path or a.article.id, a.skipped))
        else:
            report.stored += 1


# --- ingest ------------------------------------------------------------------------------------

def ingest(
    paths: Sequence[str | Path],
    db_path: str | Path,
    workers: int = 1,
    progress: bool = True,
    chunk_size: int = CHUNK_SIZE,
) -> IngestReport:
    """Read, analyse and store ``paths``; then rebuild the cross-article events."""
    started = time.perf_counter()
    report = IngestReport()
    with Store(db_path) as store, _Progress(progress) as bar:
        articles = _new_articles(read(paths), store.article_ids(), report)
        chunks = _chunks(articles, chunk_size)
        if workers <= 1:
            for chunk in chunks:
                done, failed = _analyze_chunk_safe(chunk)
                _record(store, report, done)
                report.failed.extend(failed)
                bar.advance(len(chunk))
        else:
            _run_pool(chunks, workers, store, report, bar)
        report.events = _resolve(store, bar)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run_pool(
    chunks: Iterator[list[Article]], workers: int, store: Store, report: IngestReport, bar: _Progress
) -> None:
    ctx = multiprocessing.get_context("spawn")  # fork + spaCy/BLAS threads is not safe
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)
    pending: dict[Future[Any], list[Article]] = {}
    exhausted = False
    try:
        while pending or not exhausted:
            while not exhausted and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending[pool.submit(_analyze_chunk_safe, chunk)] = chunk
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = pending.pop(future)
                try:
                    done, failed = future.result()
                except BrokenProcessPool as exc:
                    # A worker died (out of memory, killed): this chunk is lost for this run
                    # and reported; a fresh pool carries on with the rest.
                    report.failed.extend((a.source_path or a.id, f"worker died: {exc}") for a in chunk)
                    pool.shutdown(wait=False, cancel_futures=True)
                    for other in list(pending):
                        lost = pending.pop(other)
                        report.failed.extend((a.source_path or a.id, "worker pool restarted") for a in lost)
                    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)
                    break
                _record(store, report, done)
                report.failed.extend(failed)
                bar.advance(len(chunk))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _resolve(store: Store, bar: _Progress) -> int:
    """Rebuild the cross-article events when articles were added since the last rebuild
    (in this run, or in an earlier run killed before it got there); else leave them."""
    if not store.events_stale():
        return store.counts()["events"]
    bar.status("resolving events across articles")
    return store.rebuild_events()


# --- Dask --------------------------------------------------------------------------------------

def shard_name(articles: Sequence[Article]) -> str:
    digest = hashlib.sha1("|".join(sorted(a.id for a in articles)).encode()).hexdigest()[:16]
    return f"shard-{digest}.parquet"


def write_shard(articles: list[Article], out_dir: str) -> tuple[str, list[tuple[str, str]]]:
    """Dask task: analyse one partition and write it as a Parquet shard (article_id,
    analysis_json). A shard that already exists (an earlier, interrupted run) is reused."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(out_dir) / shard_name(articles)
    if path.is_file():
        return str(path), []
    done, failed = _analyze_chunk_safe(articles)
    table = pa.table({
        "article_id": pa.array([a.article.id for a in done], pa.string()),
        "analysis_json": pa.array(
            [json.dumps(a, default=vars, ensure_ascii=False) for a in done], pa.string()
        ),
    })
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: a shard is complete or absent
    return str(path), failed


def read_shard(path: str | Path) -> list[AnalyzedArticle]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["article_id", "analysis_json"])
    return [from_dict(AnalyzedArticle, json.loads(s)) for s in table.column("analysis_json").to_pylist()]


def run_dask(
    paths: Sequence[str | Path],
    db_path: str | Path,
    scheduler: str | None = None,
    out_dir: str | Path = "sitrep-shards",
    *,
    partition_size: int = PARTITION_SIZE,
    n_workers: int | None = None,
    processes: bool = True,
    progress: bool = False,
) -> IngestReport:
    """Analyse on a Dask cluster (``tcp://HOST:8786``, or a LocalCluster for None/"local"),
    one Parquet shard per partition in ``out_dir`` (which remote workers must be able to write
    and this process to read: a shared filesystem), then merge the shards into the store."""
    started = time.perf_counter()
    report = IngestReport()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with Store(db_path) as store, _Progress(progress) as bar:
        articles = list(_new_articles(read(paths), store.article_ids(), report))
        if articles:  # nothing new: no cluster to start
            _dask_analyse(articles, scheduler, out, store, report, bar,
                          partition_size=partition_size, n_workers=n_workers, processes=processes)
        report.events = _resolve(store, bar)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _dask_analyse(
    articles: list[Article],
    scheduler: str | None,
    out: Path,
    store: Store,
    report: IngestReport,
    bar: _Progress,
    *,
    partition_size: int,
    n_workers: int | None,
    processes: bool,
) -> None:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler in (None, "", "local"):
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
            processes=processes, dashboard_address=None, silence_logs=logging.WARNING,
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        # At least PARTITIONS_PER_THREAD partitions per worker thread, so that a small corpus
        # still keeps every worker busy; at most partition_size articles per shard.
        threads = max(1, sum(client.nthreads().values()))
        size = max(1, min(partition_size, -(-len(articles) // (threads * PARTITIONS_PER_THREAD))))
        partitions = list(_chunks(articles, size))
        sizes = {shard_name(p): len(p) for p in partitions}
        futures = client.map(
            write_shard, partitions, out_dir=str(out.resolve()),
            key=[f"sitrep-{name}" for name in sizes],
        )
        for future in as_completed(futures):
            shard, failed = future.result()
            _record(store, report, read_shard(shard))
            report.failed.extend(failed)
            bar.advance(sizes.get(Path(shard).name, 0))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- progress ----------------------------------------------------------------------------------

class _Progress:
    """A rich progress bar on stderr (articles analysed), or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

            self._bar = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
                TextColumn("{task.elapsed:.0f}s"), console=Console(stderr=True), transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("analysing articles", total=None)
        return self

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def status(self, text: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=text)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.batch", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", default="sitrep.db")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    report = ingest(args.paths, args.db, workers=args.workers, progress=not args.no_progress,
                    chunk_size=args.chunk_size)
    print(report.to_json())
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
