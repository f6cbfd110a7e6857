"""The store's schema as an ordered list of migrations (version -> SQL statements).

Each migration is a tuple of single statements (not one script) so that ``Store`` can run a
whole migration inside one explicit transaction: ``sqlite3.Connection.executescript`` would
commit first. Never edit a released migration; append a new version instead.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (
        1,
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,            -- content hash (Article.make_id)
                url TEXT,
                outlet TEXT,
                title TEXT,
                author TEXT,
                published TEXT,                 -- ISO date
                language TEXT,
                source_path TEXT,
                text TEXT NOT NULL,
                skipped TEXT,                   -- why it was stored but not analysed
                analysis TEXT NOT NULL,         -- AnalyzedArticle JSON without the article text
                ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_published ON articles(published)",
            "CREATE INDEX articles_outlet ON articles(outlet)",
            """CREATE TABLE places (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                name TEXT NOT NULL,
                geonameid INTEGER,
                lat REAL,
                lon REAL,
                admin1 TEXT,
                country TEXT,
                feature TEXT,
                precision INTEGER,
                span_start INTEGER,
                span_end INTEGER,
                span_text TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX places_geonameid ON places(geonameid)",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL,
                modality TEXT NOT NULL,
                confidence REAL,
                trigger_start INTEGER NOT NULL,
                trigger_end INTEGER NOT NULL,
                trigger_text TEXT NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                sentence_text TEXT NOT NULL,
                actor1 TEXT,
                actor1_kind TEXT,
                actor2 TEXT,
                actor2_kind TEXT,
                place_name TEXT,
                geonameid INTEGER,
                country TEXT,
                date TEXT,
                fatalities INTEGER,
                injuries INTEGER,
                attributed_to TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX mentions_type ON mentions(event_type, sub_event_type)",
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                kind TEXT NOT NULL,
                stance TEXT NOT NULL,
                content_start INTEGER NOT NULL,
                content_end INTEGER NOT NULL,
                content_text TEXT NOT NULL,
                speaker_start INTEGER,
                speaker_end INTEGER,
                speaker_text TEXT,
                speaker_resolved TEXT,
                cue_start INTEGER,
                cue_end INTEGER,
                cue_text TEXT,
                event_index INTEGER,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX quotes_speaker ON quotes(speaker_resolved)",
            """CREATE TABLE framing_marks (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                category TEXT NOT NULL,
                term TEXT,
                neutral_alternative TEXT,
                span_start INTEGER NOT NULL,
                span_end INTEGER NOT NULL,
                span_text TEXT NOT NULL,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX framing_category ON framing_marks(category)",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY,            -- hash of the sorted source mention keys
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL,
                date TEXT,
                date_precision TEXT,
                place_name TEXT,
                lat REAL,
                lon REAL,
                geonameid INTEGER,
                admin1 TEXT,
                country TEXT,
                geo_precision INTEGER,
                actor1 TEXT,
                actor1_kind TEXT,
                actor2 TEXT,
                actor2_kind TEXT,
                fatalities_best INTEGER,
                fatalities_low INTEGER,
                fatalities_high INTEGER,
                modality TEXT NOT NULL,
                contested TEXT NOT NULL,        -- JSON {field: [values]}
                confidence REAL,
                n_sources INTEGER NOT NULL,
                data TEXT NOT NULL              -- the whole Event as JSON (mentions included)
            )""",
            "CREATE INDEX events_type ON events(event_type, sub_event_type)",
            "CREATE INDEX events_country ON events(country)",
            "CREATE INDEX events_date ON events(date)",
            """CREATE TABLE event_sources (
                event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                outlet TEXT,
                url TEXT,
                published TEXT,
                mention_indexes TEXT NOT NULL,  -- JSON list of mentions.idx of that article
                PRIMARY KEY (event_id, article_id)
            )""",
            "CREATE INDEX event_sources_article ON event_sources(article_id)",
        ),
    ),
    (
        2,
        (
            # Small key/value state. ``events_stale`` = "1" from the moment a save adds an
            # article until ``rebuild_events`` commits: an ingest killed between the two is
            # detected on the next run, which then rebuilds even if it adds nothing new.
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO meta (key, value) SELECT 'events_stale', '1' WHERE EXISTS (SELECT 1 FROM articles)",
        ),
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]
