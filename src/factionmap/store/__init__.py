"""The SQLite store: one file, WAL, foreign keys, one transaction per document."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from factionmap import edtf, wording
from factionmap.components.mentions import is_acronym
from factionmap.errors import DateError, DuplicateDocument, StoreError
from factionmap.model import SYMMETRIC, Extraction, norm
from factionmap.reader import Source
from factionmap.store.schema import LATEST, current_version, migrate

T = TypeVar("T")

__all__ = ["Store"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fact_key(subject_key: str, relation: str, object_key: str | None, value: str | None,
             date: str | None, start: str | None, end: str | None, denied: bool = False) -> str:
    """A stable key for a fact, independent of row ids, so reviews survive re-extraction.

    A denial is a statement of its own: it never shares a key with the claim it denies.
    """
    if relation in SYMMETRIC and object_key is not None and object_key < subject_key:
        subject_key, object_key = object_key, subject_key
    parts: list[object] = [subject_key, relation, object_key, value, date, start, end]
    if denied:
        parts.append("denied")
    raw = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha1(raw.encode()).hexdigest()


def published_by(value: str | None) -> str | None:
    """The last day (ISO) by which a document dated ``value`` was published: its day, or the last day of its
    month or year; None when the date is missing or not an ISO date (the document is of unknown date).

    >>> published_by("2016-05"), published_by("2016-05-03T10:00:00Z"), published_by("May 2016")
    ('2016-05-31', '2016-05-03', None)
    """
    m = re.match(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ].*)?\s*$", value or "")
    if not m:
        return None
    try:
        return edtf.bounds(m.group(1))[1]
    except DateError:
        return None


def _expansion_words(names: Iterable[str]) -> set[str]:
    return {w for n in names if not is_acronym(n) for w in re.split(r"[\s'’-]+", norm(n)) if len(w) >= 3}


def _other_expansion(shared: set[str], ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """True when two entities share only an acronym and spell it out differently: "KZF" for the Karzan
    Dalmir Front in one text and for the Kolvek Dalsol Front in another are two groups. Spelling variants
    of one expansion ("Tehrik-e Zarin Pakistan", "Tehreek-i-Zarin Pakistan") share half their words."""
    ours, theirs = list(ours), list(theirs)
    acronyms = {norm(a) for a in [*ours, *theirs] if is_acronym(a)}
    if not shared or not shared <= acronyms:
        return False
    a, b = _expansion_words(ours), _expansion_words(theirs)
    if not a or not b:
        return False
    return len(a & b) / len(a | b) < 0.5


class _KnownEntities:
    """What the store holds of the entities a document's names could denote, read in a few queries and
    kept current as the document's own entities are written: each entity then sees the database as it
    would by querying it, without a query per entity."""

    def __init__(self, conn: sqlite3.Connection, norms: set[str]) -> None:
        self.by_norm: dict[str, dict[int, tuple[str, str]]] = {}  # name → {entity: (key, type)}
        self.stored: dict[int, set[tuple[str, str]]] = {}  # entity → its (alias, norm) pairs
        self.blocked: dict[int, set[str]] = {}  # entity → names a text set apart from it
        self.types: dict[int, str] = {}
        wanted = sorted(norms)
        for k in range(0, len(wanted), 500):
            chunk = wanted[k:k + 500]
            for n, eid, key, typ in conn.execute(
                    "SELECT a.norm, e.id, e.key, e.type FROM aliases a JOIN entities e ON e.id = a.entity_id"
                    f" WHERE a.norm IN ({','.join('?' * len(chunk))})", chunk):
                self.by_norm.setdefault(n, {})[eid] = (key, typ)
                self.types[eid] = typ
        ids = sorted({eid for found in self.by_norm.values() for eid in found})
        for k in range(0, len(ids), 500):
            id_chunk = ids[k:k + 500]
            marks = ",".join("?" * len(id_chunk))
            for eid, alias, n in conn.execute(
                    f"SELECT entity_id, alias, norm FROM aliases WHERE entity_id IN ({marks})", id_chunk):
                self.stored.setdefault(eid, set()).add((alias, n))
            for eid, other in conn.execute(
                    f"SELECT entity_id, other_norm FROM distinct_from WHERE entity_id IN ({marks})", id_chunk):
                self.blocked.setdefault(eid, set()).add(other)

    def add(self, eid: int, key: str, etype: str, names: list[tuple[str, str]], distinct: list[str]) -> None:
        """Record what was just written for an entity."""
        typ = self.types.setdefault(eid, etype)
        for alias, n in names:
            self.stored.setdefault(eid, set()).add((alias, n))
            self.by_norm.setdefault(n, {}).setdefault(eid, (key, typ))
        if distinct:
            self.blocked.setdefault(eid, set()).update(distinct)


class Store:
    """A factionmap database file.

    >>> import tempfile, os
    >>> s = Store(os.path.join(tempfile.mkdtemp(), "x.db"))
    >>> s.stats()["documents"]
    0
    """

    def __init__(self, path: str | Path, timeout: float = 60.0) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # reads through a memory map and a 16 MB page cache: query time stays flat as the file grows
            self.conn.execute("PRAGMA mmap_size = 1073741824")
            self.conn.execute("PRAGMA cache_size = -16384")
            version = current_version(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a factionmap database ({exc})") from None
        if version > LATEST:
            raise StoreError(f"{self.path}: schema version {version} is newer than this factionmap "
                             f"({LATEST}); upgrade factionmap")
        self._retry(lambda: migrate(self.conn))

    @staticmethod
    def _retry(action: Any, attempts: int = 50) -> Any:
        delay = 0.02
        for attempt in range(attempts):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        return None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): committed on success, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def write(self, action: Callable[[], T]) -> T:
        """Run ``action`` (which opens its own transaction), again while another writer holds the database."""
        return cast(T, self._retry(action))

    def add_entity(self, name: str, etype: str) -> tuple[int, str]:
        """Create an entity known by ``name`` alone, inside the caller's transaction; return its id and key."""
        key = f"{etype}:{norm(name)}"
        n = 1
        while self.conn.execute("SELECT 1 FROM entities WHERE key = ?", (key,)).fetchone():
            n += 1
            key = f"{etype}:{norm(name)}#{n}"
        eid = int(self.conn.execute("INSERT INTO entities (key, name, type) VALUES (?,?,?)",
                                    (key, name, etype)).lastrowid or 0)
        self.conn.execute("INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)",
                          (eid, name, norm(name)))
        return eid, key

    def doc_text(self, doc_id: int) -> str:
        """A document's text, from a small cache (documents never change once stored)."""
        cache: dict[int, str] = self.__dict__.setdefault("_texts", {})
        if doc_id not in cache:
            if len(cache) >= 16:
                cache.pop(next(iter(cache)))
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
            cache[doc_id] = row[0] if row else ""
        return cache[doc_id]

    def optimize_search(self) -> None:
        """Merge the full-text indexes into one segment each, after a batch: every search then reads one
        b-tree per index instead of one per batch of inserts (0.1 s for 10,000 documents here)."""
        def run() -> None:
            with self.transaction() as c:
                c.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
                c.execute("INSERT INTO aliases_fts(aliases_fts) VALUES ('optimize')")
        self._retry(run)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- documents -----------------------------------------------------------------------------
    def document_by_sha(self, sha256: str) -> sqlite3.Row | None:
        """The stored document with this content hash, if any."""
        return self.conn.execute("SELECT id, name FROM documents WHERE sha256 = ?", (sha256,)).fetchone()

    def document(self, name_or_id: str | int) -> sqlite3.Row | None:
        """A document by id or by file name."""
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            return self.conn.execute("SELECT * FROM documents WHERE id = ?", (int(name_or_id),)).fetchone()
        return self.conn.execute("SELECT * FROM documents WHERE name = ? ORDER BY id LIMIT 1",
                                 (name_or_id,)).fetchone()

    def add_document(self, source: Source, ext: Extraction) -> int:
        """Store a document and everything extracted from it in one transaction; return its id."""
        def write() -> int:
            with self.transaction():
                doc_id = self._write_document(source, ext)
            return doc_id
        return int(self._retry(write))

    def add_document_chunks(self, source: Source, pieces: Iterable[Extraction]) -> tuple[int, int]:
        """Store a huge document extracted piece by piece, all in one transaction; return (id, facts)."""
        def write() -> tuple[int, int]:
            with self.transaction():
                doc_id = self._write_document(source, Extraction(text="", analysis=""))
                facts = 0
                for ext in pieces:
                    self._write_extraction(doc_id, ext)
                    facts += len(ext.facts)
            return doc_id, facts
        return self._retry(write)

    def _write_document(self, source: Source, ext: Extraction) -> int:
        c = self.conn
        meta = source.meta
        # checked again inside the write transaction: another process may have stored the same content
        # since the caller looked (two ingests of one folder at once)
        same = c.execute("SELECT name FROM documents WHERE sha256 = ?", (source.sha256,)).fetchone()
        if same is not None:
            raise DuplicateDocument(same[0])
        published = meta.get("published") or meta.get("date")
        cur = c.execute(
            "INSERT INTO documents (name, path, sha256, title, source_url, published, published_by, reliability,"
            " credibility, encoding, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,CAST(? AS TEXT),?)",
            (source.name, source.path, source.sha256, meta.get("title"), meta.get("url") or meta.get("source_url"),
             published, published_by(published), meta.get("reliability"), meta.get("credibility"),
             # bound as UTF-8 bytes: binding the str would leave a UTF-8 copy cached on it for its lifetime
             source.encoding, source.text.encode("utf-8"), _now()),
        )
        doc_id = int(cur.lastrowid or 0)
        return self._write_extraction(doc_id, ext)

    def _write_extraction(self, doc_id: int, ext: Extraction) -> int:
        c = self.conn
        first = c.execute("SELECT COALESCE(MAX(idx) + 1, 0) FROM sentences WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        c.executemany(
            'INSERT INTO sentences (doc_id, idx, paragraph, start, "end") VALUES (?,?,?,?,?)',
            [(doc_id, first + i, s.paragraph, s.start, s.end) for i, s in enumerate(ext.sentences)],
        )
        ids: list[int] = []
        keys: list[str] = []
        known = _KnownEntities(c, {norm(a) for ent in ext.entities for a in ent.aliases | {ent.name}} - {""})
        for ent in ext.entities:
            eid, key = self._resolve_entity(ent.name, ent.type, ent.aliases, ent.distinct, known)
            ids.append(eid)
            keys.append(key)
            names = [(alias, norm(alias)) for alias in sorted(ent.aliases | {ent.name})]
            c.executemany("INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)",
                          [(eid, alias, n) for alias, n in names])
            distinct = [norm(other) for other in sorted(ent.distinct)]
            if distinct:
                c.executemany("INSERT OR IGNORE INTO distinct_from (entity_id, other_norm, doc_id) VALUES (?,?,?)",
                              [(eid, n, doc_id) for n in distinct])
            known.add(eid, key, ent.type, names, distinct)
        c.executemany(
            'INSERT OR IGNORE INTO mentions (doc_id, entity_id, start, "end") VALUES (?,?,?,?)',
            [(doc_id, ids[m.entity], m.start, m.end) for m in ext.mentions if m.entity >= 0],
        )
        reviewed = c.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is not None
        for f in ext.facts:
            obj_key = keys[f.object] if f.object is not None else None
            key = fact_key(keys[f.subject], f.relation, obj_key, f.value, f.date, f.start, f.end,
                           f.certainty == "denied")
            lo, hi = edtf.bounds(f.date) if f.date else (
                edtf.bounds(f.start)[0] if f.start else None, edtf.bounds(f.end)[1] if f.end else None)
            fid = c.execute(
                'INSERT INTO facts (key, subject_id, relation, object_id, value, value_high, date, start, "end",'
                " earliest, latest, certainty, component, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET confidence = MAX(confidence, excluded.confidence)"
                " RETURNING id",  # the id, new or stored; a second statement can only raise the confidence
                (key, ids[f.subject], f.relation, ids[f.object] if f.object is not None else None, f.value,
                 f.value_high, f.date, f.start, f.end, lo, hi, f.certainty, f.component, f.confidence),
            ).fetchone()[0]
            c.execute('INSERT OR IGNORE INTO evidence (fact_id, doc_id, start, "end") VALUES (?,?,?,?)',
                      (fid, doc_id, f.evidence[0], f.evidence[1]))
            if reviewed:
                self.apply_review(fid, key)
        return doc_id

    def apply_review(self, fact_id: int, key: str) -> None:
        """Give a fact the latest analyst decision recorded for its key (decisions survive re-extraction)."""
        row = self.conn.execute("SELECT decision, changes FROM reviews WHERE fact_key = ? ORDER BY id DESC LIMIT 1",
                                (key,)).fetchone()
        if row is None:
            return
        changes = json.loads(row["changes"]) if row["changes"] else {}
        sets = {"status": row["decision"]}
        for field in ("relation", "value", "date", "start", "end", "certainty"):
            if field in changes:
                sets[field] = changes[field]
        if "object_id" in changes:
            sets["object_id"] = changes["object_id"]
        if any(k in changes for k in ("date", "start", "end")):
            date, start, end = (changes.get(k, None) for k in ("date", "start", "end"))
            lo, hi = edtf.bounds(date) if date else (
                edtf.bounds(start)[0] if start else None, edtf.bounds(end)[1] if end else None)
            sets["earliest"], sets["latest"] = lo, hi
        cols = ", ".join(f'"{k}" = ?' for k in sets)
        self.conn.execute(f"UPDATE facts SET {cols} WHERE id = ?", (*sets.values(), fact_id))

    def reextract_document(self, doc_id: int, source: Source, ext: Extraction) -> int:
        """Replace what was extracted from a stored document, in one transaction; reviews are re-applied."""
        def write() -> int:
            c = self.conn
            with self.transaction():
                c.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM facts WHERE NOT EXISTS (SELECT 1 FROM evidence ev WHERE ev.fact_id = facts.id)")
                c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM distinct_from WHERE doc_id = ?", (doc_id,))
                self._write_extraction(doc_id, ext)
            return doc_id
        return int(self._retry(write))

    def _resolve_entity(self, name: str, etype: str, aliases: set[str], distinct: set[str],
                        known: _KnownEntities) -> tuple[int, str]:
        """Find the stored entity these names denote, or create it; never one a text set apart."""
        norms = {norm(a) for a in aliases | {name}} - {""}
        apart = {norm(d) for d in distinct}
        best: tuple[int, int, str] | None = None
        found: dict[int, tuple[int, str]] = {}  # entity → (the first of our names it holds, its key)
        for rank, n in enumerate(sorted(norms)):
            for eid, (key, typ) in known.by_norm.get(n, {}).items():
                if typ != etype and not {typ, etype} <= {"ORG", "PLACE"}:
                    continue
                if eid not in found or rank < found[eid][0]:
                    found[eid] = (rank, key)
        for eid in sorted(found, key=lambda i: (found[i][0], i)):
            stored = known.stored.get(eid, set())
            names = {n for _a, n in stored}
            if names & apart or known.blocked.get(eid, set()) & norms:
                continue
            if _other_expansion(names & norms, aliases | {name}, [a for a, _n in stored]):
                continue
            score = len(names & norms)
            if best is None or score > best[1]:
                best = (eid, score, found[eid][1])
        if best is not None:
            return best[0], best[2]
        key = f"{etype}:{norm(name)}"
        suffix = 1
        while self.conn.execute("SELECT 1 FROM entities WHERE key = ?", (key,)).fetchone():
            suffix += 1
            key = f"{etype}:{norm(name)}#{suffix}"
        cur = self.conn.execute("INSERT INTO entities (key, name, type) VALUES (?,?,?)", (key, name, etype))
        return int(cur.lastrowid or 0), key

    # -- reading -------------------------------------------------------------------------------
    def aliases_of(self, entity_id: int) -> list[str]:
        """Every surface form of an entity except its name, sorted."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE a.entity_id = ? AND a.alias != e.name ORDER BY a.alias", (entity_id,))]

    def export_facts(self, doc: str | None = None) -> Iterator[dict[str, Any]]:
        """Every fact in the exchange shape (see README), optionally only those evidenced in ``doc``."""
        alias_cache: dict[int, list[str]] = {}

        def aliases(eid: int | None) -> list[str]:
            if eid is None:
                return []
            if eid not in alias_cache:
                alias_cache[eid] = self.aliases_of(eid)
            return alias_cache[eid]

        where = ""
        params: tuple[str, ...] = ()
        if doc is not None:
            where = ("WHERE f.id IN (SELECT ev.fact_id FROM evidence ev JOIN documents d ON d.id = ev.doc_id"
                     " WHERE d.name = ?)")
            params = (doc,)
        rows = self.conn.execute(
            "SELECT f.*, s.name AS s_name, s.type AS s_type, o.name AS o_name, o.type AS o_type FROM facts f"
            f" JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id {where}"
            " ORDER BY f.id", params).fetchall()
        for r in rows:
            evidence = [
                {"doc": e["name"], "start": e["start"], "end": e["end"],
                 "text": self.doc_text(e["doc_id"])[e["start"]:e["end"]]}
                for e in self.conn.execute(
                    'SELECT d.name, ev.doc_id, ev.start, ev."end" FROM evidence ev JOIN documents d ON d.id = ev.doc_id'
                    " WHERE ev.fact_id = ? ORDER BY d.name, ev.start", (r["id"],))
            ]
            yield {
                "subject": r["s_name"], "subject_type": r["s_type"], "subject_aliases": aliases(r["subject_id"]),
                "relation": r["relation"],
                "object": r["o_name"], "object_type": r["o_type"], "object_aliases": aliases(r["object_id"]),
                "value": _number(r["value"]), "value_high": _number(r["value_high"]),
                "date": r["date"], "start": r["start"], "end": r["end"],
                "certainty": r["certainty"], "status": r["status"], "evidence": evidence,
                "produced_by": r["component"], "confidence": r["confidence"], "id": r["key"],
            }

    def stats(self) -> dict[str, Any]:
        """Counts of documents, entities by type, and facts by relation and by certainty."""
        c = self.conn
        return {
            "documents": c.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "sentences": c.execute("SELECT COUNT(*) FROM sentences").fetchone()[0],
            "entities": dict(c.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type").fetchall()),
            "facts": c.execute("SELECT COUNT(*) FROM facts").fetchone()[0],
            "relations": dict(c.execute(
                "SELECT relation, COUNT(*) FROM facts GROUP BY relation ORDER BY COUNT(*) DESC, relation").fetchall()),
            "certainty": dict(c.execute(
                "SELECT certainty, COUNT(*) FROM facts GROUP BY certainty ORDER BY COUNT(*) DESC").fetchall()),
        }

    def entities(self, limit: int = 10000) -> list[dict[str, Any]]:
        """Entities with their fact counts, most connected first."""
        rows = self.conn.execute(
            "SELECT e.id, e.name, e.type, (SELECT COUNT(*) FROM facts f WHERE f.subject_id = e.id"
            " OR f.object_id = e.id) AS facts FROM entities e ORDER BY facts DESC, e.name LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    def names(self) -> list[dict[str, Any]]:
        """Every entity with its other names (aliases) and its number of facts, most connected first: what a
        search box needs to find an entity by any of its names."""
        aliases: dict[int, list[str]] = {}
        for eid, alias in self.conn.execute("SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias"):
            aliases.setdefault(eid, []).append(alias)
        return [{**e, "aliases": [a for a in aliases.get(e["id"], []) if a != e["name"]]} for e in self.entities()]

    def edge_evidence(self) -> dict[str, dict[str, Any]]:
        """For every fact between two entities, its first evidence span (by document name, then offset): the
        document, the span and the quoted sentence, by fact key."""
        out: dict[str, dict[str, Any]] = {}
        cur = self.conn.cursor()
        cur.row_factory = None
        rows = cur.execute(
            'SELECT f.key, ev.doc_id, d.name, ev.start, ev."end" FROM facts f JOIN evidence ev ON ev.fact_id = f.id'
            " JOIN documents d ON d.id = ev.doc_id WHERE f.object_id IS NOT NULL ORDER BY ev.doc_id, ev.start")
        firsts: dict[str, tuple[str, int, int, int]] = {}
        for key, doc_id, name, start, end in rows.fetchall():
            if key not in firsts or (name, start) < (firsts[key][0], firsts[key][2]):
                firsts[key] = (name, doc_id, start, end)
        for key, (name, doc_id, start, end) in sorted(firsts.items(), key=lambda kv: kv[1][1]):
            out[key] = {"doc": name, "doc_id": doc_id, "start": start, "end": end,
                        "text": self.doc_text(doc_id)[start:end]}
        return out

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        """One entity with its aliases and every fact that names it, each with its evidence."""
        row = self.conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        facts = []
        for r in self.conn.execute(
            "SELECT f.*, s.name AS s_name, o.name AS o_name FROM facts f JOIN entities s ON s.id = f.subject_id"
            " LEFT JOIN entities o ON o.id = f.object_id WHERE f.subject_id = ? OR f.object_id = ?"
            " ORDER BY COALESCE(f.earliest, '9999'), f.id", (entity_id, entity_id)):
            ev = [{"doc": e["name"], "doc_id": e["doc_id"], "start": e["start"], "end": e["end"],
                   "text": self.doc_text(e["doc_id"])[e["start"]:e["end"]]}
                  for e in self.conn.execute(
                      'SELECT d.name, ev.doc_id, ev.start, ev."end" FROM evidence ev'
                      " JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id = ?", (r["id"],))]
            has_object = r["object_id"] is not None
            facts.append({"id": r["key"], "subject": r["s_name"], "subject_id": r["subject_id"],
                          "relation": r["relation"], "object": r["o_name"], "object_id": r["object_id"],
                          "value": _number(r["value"]), "date": r["date"], "start": r["start"], "end": r["end"],
                          "certainty": r["certainty"], "status": r["status"], "confidence": r["confidence"],
                          "produced_by": r["component"], "evidence": ev,
                          "when_text": wording.when_text(dict(r)),
                          "phrase": wording.phrase(r["relation"], has_object=has_object),
                          "phrase_back": wording.phrase(r["relation"], backward=True, has_object=has_object)})
        return {"id": row["id"], "name": row["name"], "type": row["type"], "aliases": self.aliases_of(row["id"]),
                "facts": facts}

    def graph(self) -> dict[str, Any]:
        """Nodes and edges (facts between two entities) for drawing the network; an edge's fact key, ends,
        relation, certainty, confidence, what produced it, date or interval (only those it has) and the documents
        that state it."""
        cols = ("key", "source", "target", "relation", "certainty", "confidence", "produced_by", "date", "start", "end",
                "docs")
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: this answer is the map's whole network, kept lean
        edges = [{k: v for k, v in zip(cols, r, strict=True) if v is not None or k == "docs"} for r in cur.execute(
            "SELECT f.key, f.subject_id, f.object_id, f.relation, f.certainty, f.confidence, f.component, f.date,"
            ' f.start, f."end", (SELECT GROUP_CONCAT(DISTINCT ev.doc_id) FROM evidence ev'
            " WHERE ev.fact_id = f.id) FROM facts f WHERE f.object_id IS NOT NULL ORDER BY f.id")]
        for e in edges:
            e["phrase"] = wording.phrase(e["relation"])
            when = wording.when_text(e)
            if when:
                e["when_text"] = when
            docs = e["docs"]
            e["docs"] = [int(docs)] if docs and "," not in docs else [int(d) for d in (docs or "").split(",") if d]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        members: dict[int, float] = {}
        for eid, value in self.conn.execute(
                "SELECT subject_id, value FROM facts WHERE relation = 'membership' AND value IS NOT NULL"
                " ORDER BY COALESCE(earliest, ''), id"):
            num = _number(value)
            if isinstance(num, int | float):
                members[eid] = float(num)  # the latest figure wins
        nodes = [{"id": i, "name": name, "type": etype, "members": members.get(i)}
                 for i, name, etype in cur.execute("SELECT id, name, type FROM entities ORDER BY id") if i in used]
        documents = [dict(r) for r in self.conn.execute("SELECT id, name, title FROM documents ORDER BY name")]
        return {"nodes": nodes, "edges": edges, "documents": documents}

    def content_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every content row of every table (not timestamps), for comparing two databases."""
        tables = {
            "documents": "SELECT id, name, sha256, title, source_url, published, encoding, text FROM documents",
            "sentences": "SELECT * FROM sentences", "entities": "SELECT * FROM entities",
            "aliases": "SELECT * FROM aliases", "distinct_from": "SELECT * FROM distinct_from",
            "mentions": "SELECT * FROM mentions", "facts": "SELECT * FROM facts",
            "evidence": "SELECT * FROM evidence", "reviews": "SELECT id, fact_key, decision, changes FROM reviews",
        }
        return {t: [tuple(r) for r in self.conn.execute(q + " ORDER BY 1, 2")] for t, q in tables.items()}


def _number(value: str | None) -> int | float | str | None:
    if value is None:
        return None
    try:
        f = float(value)
    except ValueError:
        return value
    return int(f) if f.is_integer() else f

