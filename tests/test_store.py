from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_store_fixtures import TOWN_FAR, TOWN_NEAR, check_spans, make_analysis

from sitrep.errors import Code, StoreError
from sitrep.model import to_dict
from sitrep.store import LATEST_VERSION, Store
from sitrep.store import db as db_module


def test_schema_version_and_pragmas(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_version")]
        assert versions == list(range(1, LATEST_VERSION + 1))
    # Re-opening does not re-apply migrations.
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST_VERSION


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, ?)", (LATEST_VERSION + 5, "future"))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code is Code.E030


def test_save_roundtrip_and_children(tmp_path: Path) -> None:
    analysis = make_analysis()
    with Store(tmp_path / "s.db") as store:
        assert store.save([analysis]) == 1
        assert store.has_article(analysis.article.id)
        assert store.article_ids() == {analysis.article.id}
        counts = store.counts()
        assert counts["articles"] == 1
        assert counts["places"] == 1 and counts["mentions"] == 1
        assert counts["quotes"] == 1 and counts["framing_marks"] == 2
        (back,) = list(store.analyses())
        assert to_dict(back) == to_dict(analysis)
        check_spans(back)
        assert to_dict(store.article(analysis.article.id)) == to_dict(analysis)
        assert store.article("nope") is None
        # Flat rows keep the evidence too.
        row = store.conn.execute("SELECT span_start, span_end, span_text FROM framing_marks").fetchone()
        assert analysis.article.text[row[0] : row[1]] == row[2]


def test_save_is_idempotent(tmp_path: Path) -> None:
    analysis = make_analysis()
    with Store(tmp_path / "s.db") as store:
        store.save([analysis])
        before = store.counts()
        assert store.save([analysis, make_analysis()]) == 0
        assert store.counts() == before


def test_failed_batch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, bad = make_analysis(outlet="One"), make_analysis(outlet="Two", town=TOWN_FAR)
    calls = {"n": 0}
    real = db_module.Store._insert_children

    def flaky(conn: sqlite3.Connection, analysis: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        real(conn, analysis)  # type: ignore[arg-type]

    with Store(tmp_path / "s.db") as store:
        monkeypatch.setattr(db_module.Store, "_insert_children", staticmethod(flaky))
        with pytest.raises(RuntimeError):
            store.save([good, bad])
        assert all(v == 0 for v in store.counts().values())
        monkeypatch.setattr(db_module.Store, "_insert_children", staticmethod(real))
        assert store.save([good, bad]) == 2


def test_sql_looking_strings_are_stored_verbatim(tmp_path: Path) -> None:
    nasty = "Robert'); DROP TABLE articles;-- \"quoted\" 100% _x_"
    analysis = make_analysis(extra=nasty, title=nasty)
    with Store(tmp_path / "s.db") as store:
        store.save([analysis])
        back = store.article(analysis.article.id)
        assert back is not None and back.article.title == nasty
        assert nasty in back.article.text
        assert store.counts()["articles"] == 1
        # Search treats % and _ literally and quotes as data.
        assert [a["id"] for a in store.list_articles(query="100% _x_")] == [analysis.article.id]
        assert store.list_articles(query="100%_") == []
        assert store.search_events(country="SY' OR '1'='1") == []


def test_skipped_article_is_stored_but_has_no_children(tmp_path: Path) -> None:
    analysis = make_analysis()
    analysis.skipped = "[W001] not English"
    analysis.places, analysis.mentions, analysis.events = [], [], []
    analysis.quotes, analysis.framing = [], []
    with Store(tmp_path / "s.db") as store:
        store.save([analysis])
        assert store.counts()["skipped"] == 1
        assert store.rebuild_events() == 0


def test_rebuild_events_merges_across_articles(tmp_path: Path) -> None:
    a = make_analysis(outlet="Alpha", dead=3)
    b = make_analysis(outlet="Beta", dead=4, town=TOWN_NEAR, attacker="the army")
    c = make_analysis(outlet="Gamma", dead=1, town=TOWN_FAR, attacker="rebel fighters",
                      event_type="Battles", sub_event_type="Armed clash")
    with Store(tmp_path / "s.db") as store:
        store.save([a, b, c])
        assert store.rebuild_events() == 2
        events = store.events()
        assert len(events) == 2
        merged = next(e for e in events if len(e.sources) == 2)
        assert {s.outlet for s in merged.sources} == {"Alpha", "Beta"}
        assert merged.contested["fatalities"] == [3, 4]
        assert merged.fatalities.low == 3 and merged.fatalities.high == 4
        srcs = store.event_sources(merged.id)
        assert [s["mention_indexes"] for s in srcs] == [[0], [0]]
        ids = [e.id for e in events]
        # Deterministic ids: rebuilding gives the same ids and the same counts.
        store.rebuild_events()
        assert [e.id for e in store.events()] == ids
        assert store.counts()["event_sources"] == 3
        # Filters.
        assert [e.id for e in store.search_events(event_type="Battles")] == [
            e.id for e in events if e.event_type == "Battles"
        ]
        assert len(store.search_events(country="SY", date_from="2022-08-24", date_to="2022-08-24")) == 2
        assert store.search_events(date_from="2022-08-25") == []
        assert len(store.search_events(article_id=c.article.id)) == 1
        assert store.event(merged.id) is not None
        facets = store.facets()
        assert dict(facets["outlet"]) == {"Alpha": 1, "Beta": 1, "Gamma": 1}


def test_deleting_an_article_cascades(tmp_path: Path) -> None:
    a = make_analysis()
    with Store(tmp_path / "s.db") as store:
        store.save([a])
        store.rebuild_events()
        store.conn.execute("DELETE FROM articles WHERE id = ?", (a.article.id,))
        counts = store.counts()
        assert counts["mentions"] == counts["quotes"] == counts["event_sources"] == 0


def test_list_articles_filters(tmp_path: Path) -> None:
    a = make_analysis(outlet="Alpha", day="2022-08-01")
    b = make_analysis(outlet="Beta", day="2022-09-01", town=TOWN_FAR)
    with Store(tmp_path / "s.db") as store:
        store.save([a, b])
        assert [r["outlet"] for r in store.list_articles()] == ["Beta", "Alpha"]
        assert [r["outlet"] for r in store.list_articles(outlet="Alpha")] == ["Alpha"]
        assert [r["outlet"] for r in store.list_articles(published_from="2022-08-15")] == ["Beta"]
        assert [r["outlet"] for r in store.list_articles(query="HILLCREST")] == ["Beta"]
        row = store.list_articles(limit=1)[0]
        assert row["n_quotes"] == 1 and row["n_framing"] == 2 and row["n_mentions"] == 1


def test_unopenable_path_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "missing-dir" / "x.db")
    assert info.value.code is Code.E031


def test_open_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    import time

    path = tmp_path / "s.db"
    Store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.perf_counter()
        with Store(path) as store:
            assert store.counts()["articles"] == 0
        assert time.perf_counter() - t0 < 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_upgrade_from_version_1(tmp_path: Path) -> None:
    """A store written by schema 1 is migrated in place, its data kept."""
    from sitrep.store import rows
    from sitrep.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for sql in MIGRATIONS[0][1]:
        conn.execute(sql)
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    analysis = make_analysis()
    conn.execute(rows.INSERT_ARTICLE, rows.article_row(analysis, "then"))
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == LATEST_VERSION >= 2
        assert store.article_ids() == {analysis.article.id}
        assert store.events_stale()  # built before the flag existed: rebuild to be safe


def test_events_stale_flag(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert not store.events_stale()
        store.save([make_analysis()])
        assert store.events_stale()
        store.rebuild_events()
        assert not store.events_stale()
        store.save([make_analysis()])  # already present: nothing added
        assert not store.events_stale()


def test_fast_json_paths_agree_with_model_helpers() -> None:
    import json

    from test_store_fixtures import make_event

    from sitrep.model import AnalyzedArticle, Event, from_dict
    from sitrep.resolve.across import merge_events
    from sitrep.store import rows

    analysis = make_analysis()
    expected = to_dict(analysis)
    expected["article"]["text"] = None
    assert json.loads(rows.analysis_json(analysis)) == expected
    back = rows.analysis_from_json(rows.analysis_json(analysis), analysis.article.text)
    assert to_dict(back) == to_dict(from_dict(AnalyzedArticle, to_dict(analysis)))
    events = [*analysis.events, *merge_events([make_event("a", dead=1), make_event("b", dead=2)])]
    for event in events:
        assert json.loads(rows.event_json(event)) == to_dict(event)
        assert rows.event_from_dict(to_dict(event)) == from_dict(Event, to_dict(event))
