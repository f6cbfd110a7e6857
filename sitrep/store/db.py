"""The SQLite store: articles with their analyses, and the cross-article event ledger.

SQLite in WAL mode (readers never block the one writer), foreign keys on, schema versioned by
``migrations.py``. Writes are explicit transactions (the connection runs in autocommit mode and
``_tx`` issues ``BEGIN IMMEDIATE``/``COMMIT``/``ROLLBACK``), so a batch is stored whole or not at
all, and a process killed mid-batch leaves the previous batches intact. Every value goes through
``?`` parameters: article text or a title that looks like SQL is stored verbatim.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sitrep.errors import Code, StoreError
from sitrep.model import AnalyzedArticle, Event
from sitrep.resolve.across import article_events, merge_groups
from sitrep.store import rows
from sitrep.store.migrations import LATEST_VERSION, MIGRATIONS

# Several writers (ingest workers' parent, a web server reading) may touch one file; wait up to
# 30 s for a lock rather than failing at once (SQLite's default is 5 s).
BUSY_TIMEOUT_MS = 30_000
_SET_META = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
COUNTED_TABLES = (
    "articles", "places", "mentions", "quotes", "framing_marks", "events", "event_sources",
)


class Store:
    """``with Store("sitrep.db") as store: store.save(analyses)``."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across application crashes in WAL mode (only an OS crash or power
            # loss can lose the last commits), and much faster than FULL.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            self._close_quietly()
            raise StoreError(Code.E031, detail=f"{self.path}: {exc}") from exc
        except StoreError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    # --- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; any exception rolls the whole of it back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _stored_version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        return self.schema_version() if exists else 0

    def _migrate(self) -> None:
        # Check with a plain read first: opening an up-to-date store (a web server thread while
        # an ingest is writing) must not wait for the write lock.
        current = self._stored_version()
        if current > LATEST_VERSION:
            raise StoreError(Code.E030, found=current, supported=LATEST_VERSION)
        if current == LATEST_VERSION:
            return
        with self._tx() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = self.schema_version()
            if current > LATEST_VERSION:
                raise StoreError(Code.E030, found=current, supported=LATEST_VERSION)
            for version, statements in MIGRATIONS:
                if version <= current:
                    continue
                for sql in statements:
                    conn.execute(sql)
                conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, _now())
                )

    # --- articles ------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM articles")}

    def save(self, analyses: Sequence[AnalyzedArticle]) -> int:
        """Store a batch in one transaction; returns how many articles were new. An article
        already stored (same content hash) is left as it is, with its children untouched."""
        stamp = _now()
        added = 0
        try:
            with self._tx() as conn:
                for analysis in analyses:
                    cur = conn.execute(rows.INSERT_ARTICLE, rows.article_row(analysis, stamp))
                    if cur.rowcount != 1:
                        continue
                    added += 1
                    self._insert_children(conn, analysis)
                if added:
                    conn.execute(_SET_META, ("events_stale", "1"))
        except sqlite3.Error as exc:
            raise StoreError(Code.E031, detail=str(exc)) from exc
        return added

    @staticmethod
    def _insert_children(conn: sqlite3.Connection, analysis: AnalyzedArticle) -> None:
        aid = analysis.article.id
        conn.executemany(rows.INSERT_PLACE, [rows.place_row(aid, i, p) for i, p in enumerate(analysis.places)])
        conn.executemany(
            rows.INSERT_MENTION, [rows.mention_row(aid, i, m) for i, m in enumerate(analysis.mentions)]
        )
        conn.executemany(rows.INSERT_QUOTE, [rows.quote_row(aid, i, q) for i, q in enumerate(analysis.quotes)])
        conn.executemany(
            rows.INSERT_FRAMING, [rows.framing_row(aid, i, f) for i, f in enumerate(analysis.framing)]
        )

    def counts(self) -> dict[str, int]:
        out = {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}
        out["skipped"] = int(
            self.conn.execute("SELECT count(*) FROM articles WHERE skipped IS NOT NULL").fetchone()[0]
        )
        return out

    def analyses(self) -> Iterator[AnalyzedArticle]:
        """Every stored analysis, rebuilt from its JSON, in ingest order."""
        cur = self.conn.execute("SELECT analysis, text FROM articles ORDER BY rowid")
        for row in cur:
            yield rows.analysis_from_json(row["analysis"], row["text"])

    def article(self, article_id: str) -> AnalyzedArticle | None:
        row = self.conn.execute(
            "SELECT analysis, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return rows.analysis_from_json(row["analysis"], row["text"]) if row else None

    def list_articles(
        self,
        *,
        query: str | None = None,
        outlet: str | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Article summaries, newest first. ``query`` matches title or text, case-insensitive
        (``instr`` rather than LIKE, so ``%`` and ``_`` in the query are literal)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if query:
            where.append("(instr(lower(coalesce(title, '')), lower(?)) > 0 OR instr(lower(text), lower(?)) > 0)")
            params += [query, query]
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if published_from:
            where.append("published >= ?")
            params.append(published_from)
        if published_to:
            where.append("published <= ?")
            params.append(published_to)
        sql = (
            "SELECT a.id, a.url, a.outlet, a.title, a.author, a.published, a.language, a.skipped, "
            "length(a.text) AS chars, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS n_mentions, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes, "
            "(SELECT count(*) FROM framing_marks f WHERE f.article_id = a.id) AS n_framing, "
            "(SELECT count(*) FROM event_sources s WHERE s.article_id = a.id) AS n_events "
            f"FROM articles a WHERE {' AND '.join(where)} "
            "ORDER BY coalesce(a.published, '') DESC, a.rowid DESC LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.conn.execute(sql, [*params, int(limit), int(offset)])]

    # --- events --------------------------------------------------------------------------------

    def rebuild_events(self) -> int:
        """Re-run across-article resolution over every stored article's events and rewrite the
        events and event_sources tables in one transaction. Returns the number of events."""
        try:
            # Read and write under one write lock: an article saved by another process while
            # we cluster would otherwise be missing from the events yet marked as resolved.
            with self._tx() as conn:
                per_article: list[Event] = []
                mentions_of: dict[str, dict[rows.MentionKey, int]] = {}
                for row in conn.execute(
                    "SELECT analysis FROM articles WHERE skipped IS NULL ORDER BY rowid"
                ):
                    analysis, keys, skipped = rows.events_from_json(row["analysis"])
                    if skipped:
                        continue
                    mentions_of[analysis.article.id] = keys
                    per_article.extend(article_events(analysis))
                merged = merge_groups(per_article)
                conn.execute("DELETE FROM event_sources")
                conn.execute("DELETE FROM events")
                conn.execute(_SET_META, ("events_stale", "0"))
                for event, group in merged:
                    conn.execute(rows.INSERT_EVENT, rows.event_row(event))
                    indexes: dict[str, set[int]] = {}
                    for i in group:
                        member = per_article[i]
                        aid = member.sources[0].article_id
                        found = rows.mention_indexes(member, mentions_of.get(aid, {}))
                        indexes.setdefault(aid, set()).update(found)
                    conn.executemany(
                        rows.INSERT_EVENT_SOURCE,
                        [
                            (event.id, s.article_id, s.outlet, s.url, s.published,
                             json.dumps(sorted(indexes.get(s.article_id, set()))))
                            for s in event.sources
                            if s.article_id in mentions_of
                        ],
                    )
        except sqlite3.Error as exc:
            raise StoreError(Code.E031, detail=str(exc)) from exc
        return len(merged)

    def events_stale(self) -> bool:
        """True when articles were added after the last ``rebuild_events``."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'events_stale'").fetchone()
        return bool(row and row[0] == "1")

    def events(self) -> list[Event]:
        return self.search_events(limit=None)

    def search_events(
        self,
        *,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        country: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        article_id: str | None = None,
        limit: int | None = 200,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Event]:
        """Events filtered by type, country (ISO alpha-2), date range (ISO strings compare in
        date order) or source article; ordered by date then id (``newest_first``: latest date
        first, undated last, as a situation view lists them)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        for column, value in (
            ("event_type", event_type), ("sub_event_type", sub_event_type), ("country", country),
        ):
            if value:
                where.append(f"e.{column} = ?")
                params.append(value)
        if date_from:
            where.append("e.date >= ?")
            params.append(date_from)
        if date_to:
            # "2022-08-31" must include a date stored as "2022-08-31" and exclude "2022-09".
            where.append("e.date <= ?")
            params.append(date_to)
        if article_id:
            where.append("EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.article_id = ?)")
            params.append(article_id)
        order = "e.date IS NULL, e.date DESC, e.id" if newest_first else "coalesce(e.date, ''), e.id"
        sql = f"SELECT e.data FROM events e WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return [rows.event_from_json(r["data"]) for r in self.conn.execute(sql, params)]

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return rows.event_from_json(row["data"]) if row else None

    def event_sources(self, event_id: str) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT article_id, outlet, url, published, mention_indexes FROM event_sources "
            "WHERE event_id = ? ORDER BY coalesce(published, ''), article_id",
            (event_id,),
        )
        return [{**dict(r), "mention_indexes": json.loads(r["mention_indexes"])} for r in cur]

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Distinct values with counts, for filter menus: event types, countries, outlets."""
        def grouped(sql: str) -> list[tuple[str, int]]:
            return [(str(r[0]), int(r[1])) for r in self.conn.execute(sql) if r[0] is not None]

        return {
            "event_type": grouped("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
            "country": grouped("SELECT country, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
            "outlet": grouped("SELECT outlet, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
