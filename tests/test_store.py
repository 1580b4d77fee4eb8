import sqlite3

from factionmap.ingest import ingest_paths
from factionmap.store import Store
from factionmap.store.schema import LATEST

from .conftest import CORPUS


def test_schema_is_versioned_with_wal_and_foreign_keys(fresh_db):
    c = fresh_db.conn
    assert c.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == LATEST
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "sentences", "entities", "aliases", "mentions", "facts", "evidence", "reviews"} <= tables


def test_ingesting_twice_changes_no_row(tmp_path):
    store = Store(tmp_path / "a.db")
    first = ingest_paths(store, [CORPUS])
    assert [p.split("/")[-1] for p, _ in first.added] == ["badr.html", "crescent-state.md", "northern-front.txt"]
    before = store.content_rows()
    again = ingest_paths(store, [CORPUS])
    assert again.added == []
    assert [(p.split("/")[-1], why) for p, why in again.skipped] == [
        ("badr.html", "same content as badr.html (already ingested)"),
        ("crescent-state.md", "same content as crescent-state.md (already ingested)"),
        ("northern-front.txt", "same content as northern-front.txt (already ingested)"),
    ]
    assert store.content_rows() == before
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_same_group_in_two_documents_is_one_entity(corpus_db):
    rows = corpus_db.conn.execute(
        "SELECT e.name, COUNT(DISTINCT m.doc_id) FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " WHERE e.name IN ('Sabil Brigade', 'Crescent State', 'Harakat al-Badr') GROUP BY e.id ORDER BY e.name"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("Crescent State", 2), ("Harakat al-Badr", 2), ("Sabil Brigade", 2)]


def test_texts_set_apart_stay_apart(corpus_db):
    names = [r[0] for r in corpus_db.conn.execute("SELECT name FROM entities WHERE name LIKE 'Lion %' ORDER BY name")]
    assert names == ["Lion Battalion", "Lion Brigade"]
    apart = corpus_db.conn.execute(
        "SELECT e.name, d.other_norm FROM distinct_from d JOIN entities e ON e.id = d.entity_id ORDER BY e.name"
    ).fetchall()
    assert ("Lion Battalion", "crescent state") not in [tuple(r) for r in apart]
    assert ("Crescent State", "lion battalion") not in [tuple(r) for r in apart]
    assert ("Lion Brigade", "lion battalion") in [tuple(r) for r in apart]


def test_fact_time_is_edtf_with_day_bounds(corpus_db):
    row = corpus_db.conn.execute(
        "SELECT f.date, f.earliest, f.latest FROM facts f JOIN entities s ON s.id = f.subject_id"
        " WHERE f.relation = 'allegiance_to' AND s.name = 'Northern Valley Front'"
    ).fetchone()
    assert tuple(row) == ("2014-37", "2014-01-01", "2014-04-30")


def test_a_failed_document_leaves_no_partial_rows(tmp_path, monkeypatch):
    store = Store(tmp_path / "a.db")
    from factionmap import store as store_mod

    def broken(self, source, ext, resolve):
        self.conn.execute("INSERT INTO entities (key, name, type) VALUES ('ORG:x', 'X', 'ORG')")
        raise sqlite3.IntegrityError("simulated failure after a partial write")

    monkeypatch.setattr(store_mod.Store, "_write_document", broken)
    try:
        ingest_paths(store, [CORPUS / "northern-front.txt"])
    except sqlite3.IntegrityError:
        pass
    assert store.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_one_acronym_spelled_out_differently_is_two_groups(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "The Karzan Dalmir Front (KDF) is based in Dovran Province. The KDF clashed with the Salt Brigade in 2014.\n",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        "The Kolvek Dalsol Front (KDF) is based in Zarin Province. The KDF joined the Iron Council in 2016.\n",
        encoding="utf-8",
    )
    (docs / "c.txt").write_text(
        "The Tehreek-i-Karzan Dalmir Front (KDF) was founded in 2012. In 2015 the KDF allied with the Iron Council.\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "a.db")
    ingest_paths(store, [docs])
    rows = store.conn.execute(
        "SELECT e.name, COUNT(DISTINCT m.doc_id) FROM entities e JOIN aliases a ON a.entity_id = e.id"
        " JOIN mentions m ON m.entity_id = e.id WHERE a.alias = 'KDF' GROUP BY e.id ORDER BY e.name"
    ).fetchall()
    # a spelling variant of one expansion is the same group; another expansion is another group
    assert [tuple(r) for r in rows] == [("Karzan Dalmir Front", 2), ("Kolvek Dalsol Front", 1)]
