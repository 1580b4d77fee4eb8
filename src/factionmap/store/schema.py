"""Schema migrations, applied in order and recorded in ``schema_migrations``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT,
    source_url TEXT,
    published TEXT,
    reliability TEXT,
    credibility TEXT,
    encoding TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('ORG', 'PERSON', 'PLACE'))
);
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (entity_id, norm)
);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE TABLE distinct_from (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    other_norm TEXT NOT NULL,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, other_norm)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    UNIQUE (doc_id, start, "end", entity_id)
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    subject_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    object_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
    value TEXT,
    value_high TEXT,
    date TEXT,
    start TEXT,
    "end" TEXT,
    earliest TEXT,
    latest TEXT,
    certainty TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'machine',
    component TEXT NOT NULL
);
CREATE INDEX facts_subject ON facts(subject_id, relation);
CREATE INDEX facts_object ON facts(object_id, relation);
CREATE INDEX facts_time ON facts(earliest, latest);
CREATE TABLE evidence (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (fact_id, doc_id, start, "end")
);
CREATE INDEX evidence_doc ON evidence(doc_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    fact_key TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'edited')),
    changes TEXT,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX reviews_fact ON reviews(fact_key);
""",
    ),
    (
        2,
        "full-text search and curation log",
        """
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE VIRTUAL TABLE aliases_fts USING fts5(alias, entity_id UNINDEXED);
CREATE TRIGGER aliases_fts_ai AFTER INSERT ON aliases BEGIN
    INSERT INTO aliases_fts(alias, entity_id) VALUES (new.alias, new.entity_id);
END;
CREATE TRIGGER aliases_fts_ad AFTER DELETE ON aliases BEGIN
    DELETE FROM aliases_fts WHERE entity_id = old.entity_id AND alias = old.alias;
END;
CREATE TRIGGER aliases_fts_au AFTER UPDATE ON aliases BEGIN
    UPDATE aliases_fts SET entity_id = new.entity_id, alias = new.alias
    WHERE entity_id = old.entity_id AND alias = old.alias;
END;
INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents;
INSERT INTO aliases_fts(alias, entity_id) SELECT alias, entity_id FROM aliases;
CREATE TABLE curation_log (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
)
""",
    ),
    (
        3,
        "what produced a fact and how confident it is",
        """
ALTER TABLE facts ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
CREATE INDEX facts_confidence ON facts(confidence);
""",
    ),
    (
        4,
        "report time: the last day by which each document was published (NULL: of unknown date)",
        """
ALTER TABLE documents ADD COLUMN published_by TEXT;
UPDATE documents SET published_by = CASE
    WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN date(substr(published, 1, 10))
    WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(published || '-01', '+1 month', '-1 day')
    WHEN published GLOB '[0-9][0-9][0-9][0-9]' THEN published || '-12-31'
END;
CREATE INDEX documents_published_by ON documents(published_by);
""",
    ),
    (
        5,
        "cross-document resolution: what each text said of an entity, identifiers, redirects",
        """
CREATE TABLE entity_sources (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    names TEXT NOT NULL DEFAULT '[]',
    apart TEXT NOT NULL DEFAULT '[]',
    ids TEXT NOT NULL DEFAULT '[]',
    weak INTEGER NOT NULL DEFAULT 0,
    joined_by TEXT
);
CREATE INDEX entity_sources_entity ON entity_sources(entity_id);
CREATE INDEX entity_sources_doc ON entity_sources(doc_id);
CREATE INDEX entity_sources_weak ON entity_sources(weak) WHERE weak = 1;
CREATE TABLE source_keys (
    source_id INTEGER NOT NULL REFERENCES entity_sources(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    PRIMARY KEY (source_id, key)
) WITHOUT ROWID;
CREATE INDEX source_keys_key ON source_keys(key);
CREATE TABLE entity_ids (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    scheme TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (entity_id, scheme, value)
);
CREATE INDEX entity_ids_value ON entity_ids(scheme, value);
CREATE TABLE entity_redirects (
    old_key TEXT PRIMARY KEY,
    old_id INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
CREATE INDEX entity_redirects_old_id ON entity_redirects(old_id);
INSERT INTO entity_sources (entity_id, doc_id, name, type, names)
    SELECT e.id, m.doc_id, e.name, e.type, (SELECT json_group_array(a.alias) FROM aliases a WHERE a.entity_id = e.id)
    FROM entities e LEFT JOIN (SELECT DISTINCT entity_id, doc_id FROM mentions) m ON m.entity_id = e.id;
INSERT OR IGNORE INTO source_keys (source_id, key)
    SELECT s.id, a.norm FROM entity_sources s JOIN aliases a ON a.entity_id = s.entity_id;
""",
    ),
    (
        6,
        "names over time: the period of each name a text gives an entity",
        """
ALTER TABLE entity_sources ADD COLUMN periods TEXT NOT NULL DEFAULT '{}';
""",
    ),
    (
        7,
        "group lifecycle: a group dissolved, defeated, fractured or absorbed, with its sentence, date and certainty",
        """
CREATE TABLE group_events (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('dissolved', 'defeated', 'fractured', 'absorbed')),
    into_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    date TEXT,
    start TEXT,
    "end" TEXT,
    earliest TEXT,
    latest TEXT,
    certainty TEXT NOT NULL,
    component TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    UNIQUE (entity_id, kind, doc_id, span_start)
);
CREATE INDEX group_events_entity ON group_events(entity_id);
CREATE INDEX group_events_doc ON group_events(doc_id);
""",
    ),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to this database (0 for a new one)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def statements(sql: str) -> list[str]:
    """Split a script into complete SQL statements (trigger bodies keep their inner semicolons)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    applied = []
    version = current_version(conn)
    for number, name, sql in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]) >= number:
                conn.execute("COMMIT")
                continue
            for statement in statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied
