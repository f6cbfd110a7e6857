from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep import batch
from sitrep.ingest import ReadResult
from sitrep.model import AnalyzedArticle, Article
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
TOWNS = ("Northbridge", "Riverside", "Hillcrest", "Lakeview", "Stonegate")


def write_corpus(folder: Path, n: int, sentences: int = 4) -> Path:
    """``n`` small invented news articles, one .txt each, all with distinct text."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        lines = [
            f"Police in {town} said on Monday that {i + 2} people were killed when gunmen "
            f"attacked a bus station, and {i % 7 + 1} suspects were arrested (report {i}, part {k})."
            for k in range(sentences)
        ]
        (folder / f"article_{i:03d}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
    return folder


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 6)
    db = tmp_path / "s.db"
    first = batch.ingest([corpus], db, progress=False, chunk_size=4)
    assert (first.stored, first.already_present, first.failed) == (6, 0, [])
    with Store(db) as store:
        counts = store.counts()
    second = batch.ingest([corpus], db, progress=False)
    assert (second.stored, second.already_present) == (0, 6)
    with Store(db) as store:
        assert store.counts() == counts
        assert counts["articles"] == 6


def test_same_text_twice_in_one_run_is_one_row(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 2)
    (corpus / "copy.txt").write_text((corpus / "article_000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = batch.ingest([corpus], tmp_path / "s.db", progress=False)
    assert (report.stored, report.already_present) == (2, 1)


def test_bad_file_is_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    report = batch.ingest([corpus, tmp_path / "missing.txt"], tmp_path / "s.db", progress=False)
    assert report.stored == 3
    failed_paths = {Path(p).name for p, _ in report.failed}
    assert {"empty.txt", "missing.txt"} <= failed_paths


def test_one_failing_article_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep import pipeline

    real = pipeline.analyze_many

    def picky(articles, *args, **kwargs):  # type: ignore[no-untyped-def]
        articles = list(articles)
        if any("report 1," in a.text for a in articles):
            raise ValueError("extractor bug")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze_many", picky)
    corpus = write_corpus(tmp_path / "in", 4)
    report = batch.ingest([corpus], tmp_path / "s.db", progress=False, chunk_size=4)
    assert report.stored == 3
    assert len(report.failed) == 1 and "extractor bug" in report.failed[0][1]
    assert report.failed[0][0].endswith("article_001.txt")


def test_non_english_is_stored_as_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Article.create("Die Polizei meldete am Montag zwei Festnahmen.", language="de")
    english = Article.create("Police reported two arrests in Northbridge on Monday.", language="en")

    def fake_read(paths):  # type: ignore[no-untyped-def]
        return iter([ReadResult("x.txt", other, None), ReadResult("y.txt", english, None)])

    monkeypatch.setattr(batch, "read", fake_read)
    report = batch.ingest(["ignored"], tmp_path / "s.db", progress=False)
    assert (report.stored, report.skipped) == (1, 1)
    assert len(report.skip_reasons) == 1 and "'de'" in report.skip_reasons[0][1]
    with Store(tmp_path / "s.db") as store:
        assert store.counts()["skipped"] == 1


def test_workers_pool_gives_same_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 8)
    one = batch.ingest([corpus], tmp_path / "one.db", progress=False, chunk_size=2)
    two = batch.ingest([corpus], tmp_path / "two.db", workers=2, progress=False, chunk_size=2)
    assert (one.stored, two.stored) == (8, 8)
    with Store(tmp_path / "one.db") as a, Store(tmp_path / "two.db") as b:
        assert a.counts() == b.counts()
        assert a.article_ids() == b.article_ids()
        assert [e.id for e in a.events()] == [e.id for e in b.events()]


def _count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_is_safe_and_resumable(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 40, sentences=3)
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "sitrep.batch", str(corpus), "--db", str(db),
           "--chunk-size", "1", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        n = _count_articles(db)
        if n >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = n
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    assert killed_at is not None, "ingest finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    orphans = conn.execute(
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    conn.close()
    assert 3 <= partial < 40 and orphans == 0

    resumed = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    fresh_db = tmp_path / "fresh.db"
    batch.ingest([corpus], fresh_db, progress=False)
    with Store(db) as a, Store(fresh_db) as b:
        assert a.counts() == b.counts()
        assert a.counts()["articles"] == 40
        assert [e.id for e in a.events()] == [e.id for e in b.events()]


def test_run_dask_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", 5)
    db, shards = tmp_path / "d.db", tmp_path / "shards"
    report = batch.run_dask([corpus], db, scheduler=None, out_dir=shards, partition_size=2,
                            n_workers=1, processes=False)
    assert (report.stored, report.failed) == (5, [])
    assert len(list(shards.glob("shard-*.parquet"))) == 3
    again = batch.run_dask([corpus], db, scheduler="local", out_dir=shards, partition_size=2,
                           n_workers=1, processes=False)
    assert (again.stored, again.already_present) == (0, 5)
    # Same store as the in-process path.
    batch.ingest([corpus], tmp_path / "i.db", progress=False)
    with Store(db) as a, Store(tmp_path / "i.db") as b:
        assert a.counts() == b.counts()


def test_shard_roundtrip(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    articles = [Article.create(f"Gunmen attacked a convoy near Lakeview, officials said ({i}).")
                for i in range(3)]
    path, failed = batch.write_shard(articles, str(tmp_path))
    assert failed == []
    back = batch.read_shard(path)
    assert [a.article.id for a in back] == [a.id for a in articles]
    assert [a.article.text for a in back] == [a.text for a in articles]
    # An existing shard is reused, not recomputed.
    assert batch.write_shard(articles, str(tmp_path))[0] == path


def test_run_dask_with_scheduler_address(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", 3)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        report = batch.run_dask([corpus], tmp_path / "d.db", scheduler=cluster.scheduler_address,
                                out_dir=tmp_path / "shards")
    assert (report.stored, report.failed) == (3, [])
    # One worker thread -> PARTITIONS_PER_THREAD partitions.
    assert len(list((tmp_path / "shards").glob("*.parquet"))) == batch.PARTITIONS_PER_THREAD


def test_unstorable_article_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = Article.create("Police reported two arrests in Northbridge on Monday.")
    # A lone surrogate: SQLite cannot encode it (readers never produce one; a plugin might).
    bad = Article(id="badbadbad", text="Gunmen attacked a convoy near Lakeview \udc80 on Friday.")

    def fake_read(paths):  # type: ignore[no-untyped-def]
        return iter([ReadResult("good.txt", good, None), ReadResult("bad.txt", bad, None)])

    monkeypatch.setattr(batch, "read", fake_read)
    # Analysis is beside the point here (it would refuse the surrogate itself).
    monkeypatch.setattr(batch, "_analyze_chunk_safe",
                        lambda chunk: ([AnalyzedArticle(article=a) for a in chunk], []))
    report = batch.ingest(["ignored"], tmp_path / "s.db", progress=False)
    assert report.stored == 1
    assert [p for p, _ in report.failed] == ["bad.txt"]
    assert report.failed[0][1].startswith("not stored")
    with Store(tmp_path / "s.db") as store:
        assert store.article_ids() == {good.id}


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "in", 2)
    report = batch.ingest([corpus], tmp_path / "s.db", progress=True)
    assert report.stored == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2/?" in captured.err
