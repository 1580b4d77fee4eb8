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
from factionmap.errors import DatabaseLocked, DateError, DuplicateDocument, StoreError
from factionmap.model import SYMMETRIC, Entity, Extraction, norm
from factionmap.reader import Source
from factionmap.store.schema import LATEST, current_version, migrate

T = TypeVar("T")

__all__ = ["Resolver", "Store", "fact_key", "published_by"]

# Cross-document resolution, given by the caller (``factionmap.crossdoc.resolve_entities``): the stored
# entity (id, key) each of a document's entities denotes, written through the store's entity methods.
Resolver = Callable[["Store", int, list[Entity]], list[tuple[int, str]]]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fact_key(
    subject_key: str,
    relation: str,
    object_key: str | None,
    value: str | None,
    date: str | None,
    start: str | None,
    end: str | None,
    denied: bool = False,
) -> str:
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


class Store:
    """A factionmap database file.

    >>> import tempfile, os
    >>> s = Store(os.path.join(tempfile.mkdtemp(), "x.db"))
    >>> s.stats()["documents"]
    0
    """

    def __init__(self, path: str | Path, timeout: float = 60.0) -> None:
        self.path = str(path)
        self.timeout = timeout
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # reads through a memory map and a 16 MB page cache: query time stays flat as the file grows
            self.conn.execute("PRAGMA mmap_size = 1073741824")
            self.conn.execute("PRAGMA cache_size = -16384")
            version = self._retry(lambda: current_version(self.conn))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a factionmap database ({exc})") from None
        if version > LATEST:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this factionmap ({LATEST}); upgrade factionmap"
            )
        self._retry(lambda: migrate(self.conn))

    def _retry(self, action: Any) -> Any:
        """Run ``action``, again while another process holds the database's lock (SQLite itself waits up to
        the busy timeout at each try), for at most ``timeout`` seconds in all; then a one-line
        :class:`DatabaseLocked`. A failed try rolled back its own transaction, so nothing is half-written."""
        delay, deadline = 0.02, time.monotonic() + self.timeout
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseLocked(self.path, self.timeout) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

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

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same state of the file, whatever a writer
        commits meanwhile (resolution may merge entities while a reader draws the network)."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def write(self, action: Callable[[], T]) -> T:
        """Run ``action`` (which opens its own transaction), again while another writer holds the database."""
        return cast(T, self._retry(action))

    def add_entity(self, name: str, etype: str) -> tuple[int, str]:
        """Create an entity an analyst names (no text named it), inside the caller's transaction, with its name
        as an alias and an analyst's source for resolution; return its id and key."""
        eid, key = self.new_entity(name, etype)
        self.add_source(eid, None, name, etype, [name], [], [], [norm(name)], "analyst")
        self.conn.execute(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)", (eid, name, norm(name))
        )
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
        return self.conn.execute("SELECT * FROM documents WHERE name = ? ORDER BY id LIMIT 1", (name_or_id,)).fetchone()

    def add_document(self, source: Source, ext: Extraction, resolve: Resolver) -> int:
        """Store a document and everything extracted from it in one transaction; return its id. ``resolve``
        finds the stored entity each of its entities denotes."""

        def write() -> int:
            with self.transaction():
                doc_id = self._write_document(source, ext, resolve)
            return doc_id

        return int(self._retry(write))

    def add_document_chunks(self, source: Source, pieces: Iterable[Extraction], resolve: Resolver) -> tuple[int, int]:
        """Store a huge document extracted piece by piece, all in one transaction; return (id, facts)."""

        def write() -> tuple[int, int]:
            with self.transaction():
                doc_id = self._write_document(source, Extraction(text="", analysis=""), resolve)
                facts = 0
                for ext in pieces:
                    self._write_extraction(doc_id, ext, resolve)
                    facts += len(ext.facts)
            return doc_id, facts

        return self._retry(write)

    def _write_document(self, source: Source, ext: Extraction, resolve: Resolver) -> int:
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
            (
                source.name,
                source.path,
                source.sha256,
                meta.get("title"),
                meta.get("url") or meta.get("source_url"),
                published,
                published_by(published),
                meta.get("reliability"),
                meta.get("credibility"),
                # bound as UTF-8 bytes: binding the str would leave a UTF-8 copy cached on it for its lifetime
                source.encoding,
                source.text.encode("utf-8"),
                _now(),
            ),
        )
        doc_id = int(cur.lastrowid or 0)
        return self._write_extraction(doc_id, ext, resolve)

    def _write_extraction(self, doc_id: int, ext: Extraction, resolve: Resolver) -> int:
        c = self.conn
        first = c.execute("SELECT COALESCE(MAX(idx) + 1, 0) FROM sentences WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        c.executemany(
            'INSERT INTO sentences (doc_id, idx, paragraph, start, "end") VALUES (?,?,?,?,?)',
            [(doc_id, first + i, s.paragraph, s.start, s.end) for i, s in enumerate(ext.sentences)],
        )
        resolved = resolve(self, doc_id, ext.entities) if ext.entities else []
        ids = [eid for eid, _key in resolved]
        keys = [key for _eid, key in resolved]
        for ent, eid in zip(ext.entities, ids, strict=True):
            c.executemany(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)",
                [(eid, alias, norm(alias)) for alias in sorted(ent.aliases | {ent.name})],
            )
            distinct = [norm(other) for other in sorted(ent.distinct)]
            if distinct:
                c.executemany(
                    "INSERT OR IGNORE INTO distinct_from (entity_id, other_norm, doc_id) VALUES (?,?,?)",
                    [(eid, n, doc_id) for n in distinct],
                )
        c.executemany(
            'INSERT OR IGNORE INTO mentions (doc_id, entity_id, start, "end") VALUES (?,?,?,?)',
            [(doc_id, ids[m.entity], m.start, m.end) for m in ext.mentions if m.entity >= 0],
        )
        reviewed = c.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is not None
        for f in ext.facts:
            if f.relation in SYMMETRIC and f.object is not None and ids[f.object] == ids[f.subject]:
                continue  # two of the text's names that resolve to one entity: not a relation (as on a merge)
            obj_key = keys[f.object] if f.object is not None else None
            key = fact_key(
                keys[f.subject], f.relation, obj_key, f.value, f.date, f.start, f.end, f.certainty == "denied"
            )
            lo, hi = (
                edtf.bounds(f.date)
                if f.date
                else (edtf.bounds(f.start)[0] if f.start else None, edtf.bounds(f.end)[1] if f.end else None)
            )
            fid = c.execute(
                'INSERT INTO facts (key, subject_id, relation, object_id, value, value_high, date, start, "end",'
                " earliest, latest, certainty, component, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET confidence = MAX(confidence, excluded.confidence)"
                " RETURNING id",  # the id, new or stored; a second statement can only raise the confidence
                (
                    key,
                    ids[f.subject],
                    f.relation,
                    ids[f.object] if f.object is not None else None,
                    f.value,
                    f.value_high,
                    f.date,
                    f.start,
                    f.end,
                    lo,
                    hi,
                    f.certainty,
                    f.component,
                    f.confidence,
                ),
            ).fetchone()[0]
            c.execute(
                'INSERT OR IGNORE INTO evidence (fact_id, doc_id, start, "end") VALUES (?,?,?,?)',
                (fid, doc_id, f.evidence[0], f.evidence[1]),
            )
            if reviewed:
                self.apply_review(fid, key)
        for ev in ext.events:
            lo, hi = (
                edtf.bounds(ev.date)
                if ev.date
                else (edtf.bounds(ev.start)[0] if ev.start else None, edtf.bounds(ev.end)[1] if ev.end else None)
            )
            c.execute(
                'INSERT OR IGNORE INTO group_events (entity_id, kind, into_id, date, start, "end", earliest, latest,'
                " certainty, component, doc_id, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    ids[ev.entity],
                    ev.kind,
                    ids[ev.into] if ev.into is not None else None,
                    ev.date,
                    ev.start,
                    ev.end,
                    lo,
                    hi,
                    ev.certainty,
                    ev.component,
                    doc_id,
                    ev.evidence[0],
                    ev.evidence[1],
                ),
            )
        return doc_id

    def apply_review(self, fact_id: int, key: str) -> None:
        """Give a fact the latest analyst decision recorded for its key (decisions survive re-extraction)."""
        row = self.conn.execute(
            "SELECT decision, changes FROM reviews WHERE fact_key = ? ORDER BY id DESC LIMIT 1", (key,)
        ).fetchone()
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
            lo, hi = (
                edtf.bounds(date)
                if date
                else (edtf.bounds(start)[0] if start else None, edtf.bounds(end)[1] if end else None)
            )
            sets["earliest"], sets["latest"] = lo, hi
        cols = ", ".join(f'"{k}" = ?' for k in sets)
        self.conn.execute(f"UPDATE facts SET {cols} WHERE id = ?", (*sets.values(), fact_id))

    def reextract_document(self, doc_id: int, source: Source, ext: Extraction, resolve: Resolver) -> int:
        """Replace what was extracted from a stored document, in one transaction; reviews are re-applied."""

        def write() -> int:
            c = self.conn
            with self.transaction():
                c.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM group_events WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM facts WHERE NOT EXISTS (SELECT 1 FROM evidence ev WHERE ev.fact_id = facts.id)")
                c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
                c.execute("DELETE FROM distinct_from WHERE doc_id = ?", (doc_id,))
                named = [
                    r[0] for r in c.execute("SELECT DISTINCT entity_id FROM entity_sources WHERE doc_id = ?", (doc_id,))
                ]
                c.execute("DELETE FROM entity_sources WHERE doc_id = ?", (doc_id,))
                # an entity only this text named goes with it (its key is free for the text's new reading)
                c.executemany(
                    "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM entity_sources s"
                    " WHERE s.entity_id = entities.id) AND NOT EXISTS (SELECT 1 FROM mentions m WHERE"
                    " m.entity_id = entities.id) AND NOT EXISTS (SELECT 1 FROM facts f WHERE"
                    " f.subject_id = entities.id OR f.object_id = entities.id)",
                    [(e,) for e in named],
                )
                self._write_extraction(doc_id, ext, resolve)
            return doc_id

        return int(self._retry(write))

    # -- entities (written by cross-document resolution, see factionmap.crossdoc) -------------------
    def _unique_key(self, name: str, etype: str, keep: int | None = None) -> str:
        key = base = f"{etype}:{norm(name)}"
        n = 1
        while True:
            row = self.conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
            if row is None or row[0] == keep:
                return key
            n += 1
            key = f"{base}#{n}"

    def new_entity(self, name: str, etype: str) -> tuple[int, str]:
        """Create an entity; return its (id, key)."""
        key = self._unique_key(name, etype)
        cur = self.conn.execute("INSERT INTO entities (key, name, type) VALUES (?,?,?)", (key, name, etype))
        return int(cur.lastrowid or 0), key

    def add_source(
        self,
        entity_id: int,
        doc_id: int | None,
        name: str,
        etype: str,
        names: list[str],
        apart: list[str],
        ids: list[str],
        keys: list[str],
        joined_by: str | None,
        weak: bool = False,
        periods: dict[str, tuple[str, str | None, str | None]] | None = None,
    ) -> int:
        """Record what one text said of an entity (its names, the names it set apart, its identifiers, the keys
        resolution finds it under, whether its name is too weak to join others and what joined it to the entity);
        return the source's id. ``periods`` gives the names it says the entity had before or took after: name →
        (status "former" or "current", since, until)."""
        cur = self.conn.execute(
            "INSERT INTO entity_sources (entity_id, doc_id, name, type, names, apart, ids, weak, joined_by, periods)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                entity_id,
                doc_id,
                name,
                etype,
                json.dumps(names, ensure_ascii=False),
                json.dumps(apart, ensure_ascii=False),
                json.dumps(ids),
                int(weak),
                joined_by,
                json.dumps(periods or {}, ensure_ascii=False, sort_keys=True),
            ),
        )
        sid = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT OR IGNORE INTO source_keys (source_id, key) VALUES (?,?)", [(sid, k) for k in keys]
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO entity_ids (entity_id, scheme, value) VALUES (?,?,?)",
            [(entity_id, *i.split(":", 1)) for i in ids if ":" in i],
        )
        return sid

    def sources_matching(self, keys: Iterable[str], ids: Iterable[str] = ()) -> list[dict[str, Any]]:
        """The sources found under one of these keys or holding one of these identifiers ("scheme:value"), those
        of one entity that say the same merged into one row: ``id`` the oldest, ``n`` how many, ``min_doc`` and
        ``max_doc`` their documents' range, ``no_doc`` how many have none (an analyst's); ``names``, ``apart``
        and ``ids`` are JSON lists."""
        wanted = sorted(set(keys))
        queries: list[tuple[str, list[str]]] = []
        for k in range(0, len(wanted), 500):
            chunk = wanted[k : k + 500]
            queries.append((f"SELECT source_id FROM source_keys WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        for ident in sorted(set(ids)):
            queries.append(
                (
                    "SELECT s.id FROM entity_sources s JOIN entity_ids i ON i.entity_id = s.entity_id"
                    " WHERE i.scheme || ':' || i.value = ?",
                    [ident],
                )
            )
        groups: dict[tuple[Any, ...], dict[str, Any]] = {}
        for found, params in queries:
            for r in self.conn.execute(
                "SELECT MIN(id) AS id, COUNT(*) AS n, MIN(doc_id) AS min_doc, MAX(doc_id) AS max_doc,"
                " SUM(doc_id IS NULL) AS no_doc, entity_id, name, type, names, apart, ids, weak FROM entity_sources"
                f" WHERE id IN ({found}) GROUP BY entity_id, name, type, names, apart, ids, weak",
                params,
            ):
                group = (r["entity_id"], r["name"], r["type"], r["names"], r["apart"], r["ids"], r["weak"])
                row = _source_row(r)
                if group in groups:  # the same sources found under two chunks of keys
                    row = groups[group] if groups[group]["n"] >= row["n"] else row
                groups[group] = row
        rows = list(groups.values())
        return sorted(rows, key=lambda r: r["id"])

    def weak_sources(self) -> list[dict[str, Any]]:
        """Every source whose name is too weak to join others (an acronym, a person's single name); ``names``,
        ``apart`` and ``ids`` are JSON lists."""
        return [
            _source_row(r)
            for r in self.conn.execute(
                "SELECT id, entity_id, doc_id, name, type, names, apart, ids, weak, joined_by FROM entity_sources"
                " WHERE weak = 1 ORDER BY id"
            )
        ]

    def has_strong_source(self, entity_id: int) -> bool:
        """True when one of an entity's sources has a name strong enough to join others."""
        return (
            self.conn.execute(
                "SELECT 1 FROM entity_sources WHERE entity_id = ? AND weak = 0 LIMIT 1", (entity_id,)
            ).fetchone()
            is not None
        )

    def move_source(self, source_id: int, to_entity: int | None, joined_by: str | None) -> int:
        """Move what one text said of an entity to another entity (a new one when ``to_entity`` is None): the
        source, its mentions in that text and the facts only that text states (a fact other texts state too is
        copied, the text's evidence moving with the copy). Return the entity it now belongs to."""
        c = self.conn
        src = c.execute(
            "SELECT entity_id, doc_id, name, type, names, ids FROM entity_sources WHERE id = ?", (source_id,)
        ).fetchone()
        old, doc = int(src["entity_id"]), src["doc_id"]
        new = to_entity if to_entity is not None else self.new_entity(src["name"], src["type"])[0]
        if new == old:
            return old
        c.execute("UPDATE entity_sources SET entity_id = ?, joined_by = ? WHERE id = ?", (new, joined_by, source_id))
        names = json.loads(src["names"])
        c.executemany(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)", [(new, n, norm(n)) for n in names]
        )
        shared = (
            c.execute("SELECT 1 FROM entity_sources WHERE entity_id = ? AND doc_id IS ? LIMIT 1", (old, doc)).fetchone()
            is not None
        )
        if doc is not None and shared:  # another of the text's entities stays: only the mentions of names it lacks
            others = {
                norm(n)
                for (names_json,) in c.execute(
                    "SELECT names FROM entity_sources WHERE entity_id = ? AND doc_id = ?", (old, doc)
                )
                for n in json.loads(names_json)
            }
            mine = {norm(n) for n in json.loads(src["names"])} - others
            text = self.doc_text(doc)
            moving = [
                (new, mid)
                for mid, start, end in c.execute(
                    'SELECT id, start, "end" FROM mentions WHERE entity_id = ? AND doc_id = ?', (old, doc)
                ).fetchall()
                if norm(text[start:end]) in mine
            ]
            c.executemany("UPDATE OR IGNORE mentions SET entity_id = ? WHERE id = ?", moving)
        if doc is not None and not shared:  # the text's mentions and facts are the source's alone
            c.execute("UPDATE OR IGNORE mentions SET entity_id = ? WHERE entity_id = ? AND doc_id = ?", (new, old, doc))
            c.execute("DELETE FROM mentions WHERE entity_id = ? AND doc_id = ?", (old, doc))
            c.execute("UPDATE group_events SET entity_id = ? WHERE entity_id = ? AND doc_id = ?", (new, old, doc))
            c.execute("UPDATE group_events SET into_id = ? WHERE into_id = ? AND doc_id = ?", (new, old, doc))
            c.execute(
                "UPDATE OR IGNORE distinct_from SET entity_id = ? WHERE entity_id = ? AND doc_id = ?", (new, old, doc)
            )
            facts = c.execute(
                "SELECT f.id, EXISTS (SELECT 1 FROM evidence e WHERE e.fact_id = f.id AND e.doc_id != ?)"
                " AS elsewhere FROM facts f WHERE (f.subject_id = ? OR f.object_id = ?) AND EXISTS"
                " (SELECT 1 FROM evidence e WHERE e.fact_id = f.id AND e.doc_id = ?) ORDER BY f.id",
                (doc, old, old, doc),
            ).fetchall()
            for f in facts:
                fid = f["id"]
                if f["elsewhere"]:
                    fid = int(
                        c.execute(
                            "INSERT INTO facts (key, subject_id, relation, object_id, value, value_high, date, start,"
                            ' "end", earliest, latest, certainty, status, component, confidence) SELECT key || ? ||'
                            ' ?, subject_id, relation, object_id, value, value_high, date, start, "end", earliest,'
                            " latest, certainty, status, component, confidence FROM facts WHERE id = ?",
                            (":", source_id, fid),
                        ).lastrowid
                        or 0
                    )
                    c.execute("UPDATE evidence SET fact_id = ? WHERE fact_id = ? AND doc_id = ?", (fid, f["id"], doc))
                c.execute("UPDATE facts SET subject_id = ? WHERE id = ? AND subject_id = ?", (new, fid, old))
                c.execute("UPDATE facts SET object_id = ? WHERE id = ? AND object_id = ?", (new, fid, old))
        marks = ",".join("?" * len(SYMMETRIC))
        c.execute(  # a symmetric fact between the source and the entity it joins goes, as on a merge
            f"DELETE FROM facts WHERE subject_id = ? AND object_id = ? AND relation IN ({marks})",
            (new, new, *sorted(SYMMETRIC)),
        )
        # what stays: the names and identifiers the entity's other sources give it
        kept = {
            norm(n)
            for (names_json,) in c.execute("SELECT names FROM entity_sources WHERE entity_id = ?", (old,))
            for n in json.loads(names_json)
        }
        c.executemany(
            "DELETE FROM aliases WHERE entity_id = ? AND norm = ?",
            [(old, norm(n)) for n in names if norm(n) not in kept],
        )
        ids = json.loads(src["ids"])
        c.executemany(
            "INSERT OR IGNORE INTO entity_ids (entity_id, scheme, value) VALUES (?,?,?)",
            [(new, *i.split(":", 1)) for i in ids if ":" in i],
        )
        kept_ids = {
            i
            for (ids_json,) in c.execute("SELECT ids FROM entity_sources WHERE entity_id = ?", (old,))
            for i in json.loads(ids_json)
        }
        c.executemany(
            "DELETE FROM entity_ids WHERE entity_id = ? AND scheme || ':' || value = ?",
            [(old, i) for i in ids if i not in kept_ids],
        )
        self._rekey_facts(new)
        self._rekey_facts(old)
        if c.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM entity_sources WHERE entity_id = ?) AND NOT EXISTS"
            " (SELECT 1 FROM mentions WHERE entity_id = ?) AND NOT EXISTS (SELECT 1 FROM facts"
            " WHERE subject_id = ? OR object_id = ?)",
            (old, old, old, old),
        ).fetchone()[0]:
            key = c.execute("SELECT key FROM entities WHERE id = ?", (old,)).fetchone()[0]
            c.execute("DELETE FROM entities WHERE id = ?", (old,))
            c.execute("UPDATE entity_redirects SET entity_id = ? WHERE entity_id = ?", (new, old))
            c.execute(
                "INSERT OR REPLACE INTO entity_redirects (old_key, old_id, entity_id) VALUES (?,?,?)", (key, old, new)
            )
        return new

    def sources_of(self, entity_id: int) -> list[dict[str, Any]]:
        """What each text said of an entity: its name there, every name, what joined it (oldest first)."""
        return [
            {
                **dict(r),
                "names": json.loads(r["names"]),
                "ids": json.loads(r["ids"]),
                "periods": json.loads(r["periods"]),
            }
            for r in self.conn.execute(
                "SELECT s.id, s.doc_id, d.name AS doc, s.name, s.type, s.names, s.ids, s.joined_by, s.periods"
                " FROM entity_sources s LEFT JOIN documents d ON d.id = s.doc_id WHERE s.entity_id = ? ORDER BY s.id",
                (entity_id,),
            )
        ]

    def names_over_time(self, entity_id: int) -> list[dict[str, Any]]:
        """The names texts say an entity had before or took after, each with its status ("former" or
        "current"), since and until (EDTF or None) and the document that says so; in the texts' order."""
        return [
            {
                "name": name,
                "status": status,
                "since": since,
                "until": until,
                "text": wording.name_period_text(status, since, until),
                "doc": src["doc"],
            }
            for src in self.sources_of(entity_id)
            for name, (status, since, until) in sorted(
                src["periods"].items(), key=lambda kv: (kv[1][0] != "former", kv[1][1] or "", kv[0])
            )
        ]

    def source_names_of(self, entity_id: int) -> list[tuple[str, int]]:
        """The main names an entity's sources give it, each with how many give it."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT name, COUNT(*) FROM entity_sources WHERE entity_id = ? GROUP BY name ORDER BY name",
                (entity_id,),
            )
        ]

    def former_names_of(self, entity_id: int) -> set[str]:
        """The names some source of an entity says it no longer goes by (renamed, "formerly")."""
        out: set[str] = set()
        for (periods,) in self.conn.execute("SELECT periods FROM entity_sources WHERE entity_id = ?", (entity_id,)):
            out.update(name for name, (status, *_dates) in json.loads(periods or "{}").items() if status == "former")
        return out

    def entities_of_sources(self, source_ids: list[int]) -> dict[int, tuple[int, str]]:
        """The entity (id, key) each source belongs to now."""
        out: dict[int, tuple[int, str]] = {}
        for k in range(0, len(source_ids), 500):
            chunk = source_ids[k : k + 500]
            for sid, eid, key in self.conn.execute(
                "SELECT s.id, e.id, e.key FROM entity_sources s JOIN entities e ON e.id = s.entity_id"
                f" WHERE s.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[sid] = (eid, key)
        return out

    def ids_of(self, entity_id: int) -> list[str]:
        """An entity's identifiers, "scheme:value", sorted."""
        return [
            f"{s}:{v}"
            for s, v in self.conn.execute(
                "SELECT scheme, value FROM entity_ids WHERE entity_id = ? ORDER BY scheme, value", (entity_id,)
            )
        ]

    def redirect(self, key_or_id: str | int) -> int | None:
        """The entity a former key or id (of a renamed or merged entity) now denotes."""
        sql = "SELECT entity_id FROM entity_redirects WHERE " + ("old_id" if isinstance(key_or_id, int) else "old_key")
        row = self.conn.execute(sql + " = ? ORDER BY rowid DESC LIMIT 1", (key_or_id,)).fetchone()
        return int(row[0]) if row else None

    def rename_entity(self, entity_id: int, name: str) -> None:
        """Give an entity a new main name (and the key it makes); its old key redirects to it and the keys of
        its facts follow, with their reviews."""
        row = self.conn.execute("SELECT key, name, type FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None or row["name"] == name:
            return
        key = row["key"] if norm(name) == norm(row["name"]) else self._unique_key(name, row["type"], entity_id)
        self.conn.execute("UPDATE entities SET name = ?, key = ? WHERE id = ?", (name, key, entity_id))
        if key != row["key"]:
            self.conn.execute(
                "INSERT OR REPLACE INTO entity_redirects (old_key, old_id, entity_id) VALUES (?,?,?)",
                (row["key"], entity_id, entity_id),
            )
            self._rekey_facts(entity_id)

    def merge_entities(self, entity_ids: list[int]) -> int:
        """Merge entities into the oldest of them: names, sources, identifiers, mentions and facts move (facts
        that become one are one, a symmetric fact between two of them goes); the others' keys redirect to it.
        Return the kept entity's id."""
        keep, *others = sorted(set(entity_ids))
        c = self.conn
        for other in others:
            for table in ("aliases", "mentions", "distinct_from", "entity_ids"):
                c.execute(f"UPDATE OR IGNORE {table} SET entity_id = ? WHERE entity_id = ?", (keep, other))
            c.execute("UPDATE entity_sources SET entity_id = ? WHERE entity_id = ?", (keep, other))
            c.execute("UPDATE entity_redirects SET entity_id = ? WHERE entity_id = ?", (keep, other))
            c.execute("UPDATE facts SET subject_id = ? WHERE subject_id = ?", (keep, other))
            c.execute("UPDATE facts SET object_id = ? WHERE object_id = ?", (keep, other))
            c.execute("UPDATE OR IGNORE group_events SET entity_id = ? WHERE entity_id = ?", (keep, other))
            c.execute("UPDATE group_events SET into_id = ? WHERE into_id = ?", (keep, other))
            old_key = c.execute("SELECT key FROM entities WHERE id = ?", (other,)).fetchone()[0]
            c.execute("DELETE FROM entities WHERE id = ?", (other,))
            c.execute(
                "INSERT OR REPLACE INTO entity_redirects (old_key, old_id, entity_id) VALUES (?,?,?)",
                (old_key, other, keep),
            )
        c.execute(
            "DELETE FROM distinct_from WHERE entity_id = ? AND other_norm IN"
            " (SELECT norm FROM aliases WHERE entity_id = ?)",
            (keep, keep),
        )
        marks = ",".join("?" * len(SYMMETRIC))
        c.execute(
            f"DELETE FROM facts WHERE subject_id = ? AND object_id = ? AND relation IN ({marks})",
            (keep, keep, *sorted(SYMMETRIC)),
        )
        self._rekey_facts(keep)
        return keep

    def _rekey_facts(self, entity_id: int) -> None:
        """Recompute the keys of an entity's facts from its ends' keys: facts that now share a key become one
        (evidence joined, the higher confidence kept) and reviews follow their fact."""
        c = self.conn
        rows = c.execute(
            'SELECT f.id, f.key, f.relation, f.value, f.date, f.start, f."end", f.certainty, f.confidence,'
            " s.key AS skey, o.key AS okey FROM facts f JOIN entities s ON s.id = f.subject_id"
            " LEFT JOIN entities o ON o.id = f.object_id WHERE f.subject_id = ? OR f.object_id = ? ORDER BY f.id",
            (entity_id, entity_id),
        ).fetchall()
        for r in rows:
            key = fact_key(
                r["skey"],
                r["relation"],
                r["okey"],
                r["value"],
                r["date"],
                r["start"],
                r["end"],
                r["certainty"] == "denied",
            )
            if key == r["key"]:
                continue
            same = c.execute("SELECT id FROM facts WHERE key = ?", (key,)).fetchone()
            if same is None:
                c.execute("UPDATE facts SET key = ? WHERE id = ?", (key, r["id"]))
            else:
                c.execute("UPDATE OR IGNORE evidence SET fact_id = ? WHERE fact_id = ?", (same[0], r["id"]))
                c.execute("UPDATE facts SET confidence = MAX(confidence, ?) WHERE id = ?", (r["confidence"], same[0]))
                c.execute("DELETE FROM facts WHERE id = ?", (r["id"],))
            c.execute("UPDATE reviews SET fact_key = ? WHERE fact_key = ?", (key, r["key"]))

    # -- reading -------------------------------------------------------------------------------
    def aliases_of(self, entity_id: int) -> list[str]:
        """Every surface form of an entity except its name, sorted."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id"
                " WHERE a.entity_id = ? AND a.alias != e.name ORDER BY a.alias",
                (entity_id,),
            )
        ]

    def export_facts(self, doc: str | None = None, with_ids: bool = False) -> Iterator[dict[str, Any]]:
        """Every fact in the exchange shape (see README), optionally only those evidenced in ``doc``; with
        ``with_ids``, also ``subject_ids`` and ``object_ids``: the identifiers of its ends ("scheme:value")."""
        alias_cache: dict[int, list[str]] = {}
        id_cache: dict[int, list[str]] = {}

        def aliases(eid: int | None) -> list[str]:
            if eid is None:
                return []
            if eid not in alias_cache:
                alias_cache[eid] = self.aliases_of(eid)
            return alias_cache[eid]

        def ids(eid: int | None) -> list[str]:
            if eid is None:
                return []
            if eid not in id_cache:
                id_cache[eid] = self.ids_of(eid)
            return id_cache[eid]

        where = ""
        params: tuple[str, ...] = ()
        if doc is not None:
            where = (
                "WHERE f.id IN (SELECT ev.fact_id FROM evidence ev JOIN documents d ON d.id = ev.doc_id"
                " WHERE d.name = ?)"
            )
            params = (doc,)
        rows = self.conn.execute(
            "SELECT f.*, s.name AS s_name, s.type AS s_type, o.name AS o_name, o.type AS o_type FROM facts f"
            f" JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id {where}"
            " ORDER BY f.id",
            params,
        ).fetchall()
        for r in rows:
            evidence = [
                {
                    "doc": e["name"],
                    "start": e["start"],
                    "end": e["end"],
                    "text": self.doc_text(e["doc_id"])[e["start"] : e["end"]],
                }
                for e in self.conn.execute(
                    'SELECT d.name, ev.doc_id, ev.start, ev."end" FROM evidence ev JOIN documents d ON d.id = ev.doc_id'
                    " WHERE ev.fact_id = ? ORDER BY d.name, ev.start",
                    (r["id"],),
                )
            ]
            fact = {
                "subject": r["s_name"],
                "subject_type": r["s_type"],
                "subject_aliases": aliases(r["subject_id"]),
                "relation": r["relation"],
                "object": r["o_name"],
                "object_type": r["o_type"],
                "object_aliases": aliases(r["object_id"]),
                "value": _number(r["value"]),
                "value_high": _number(r["value_high"]),
                "date": r["date"],
                "start": r["start"],
                "end": r["end"],
                "certainty": r["certainty"],
                "status": r["status"],
                "evidence": evidence,
                "produced_by": r["component"],
                "confidence": r["confidence"],
                "id": r["key"],
            }
            if with_ids:
                fact["subject_ids"], fact["object_ids"] = ids(r["subject_id"]), ids(r["object_id"])
            yield fact

    def stats(self) -> dict[str, Any]:
        """Counts of documents, entities by type, and facts by relation and by certainty."""
        c = self.conn
        return {
            "documents": c.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "sentences": c.execute("SELECT COUNT(*) FROM sentences").fetchone()[0],
            "entities": dict(c.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type").fetchall()),
            "facts": c.execute("SELECT COUNT(*) FROM facts").fetchone()[0],
            "relations": dict(
                c.execute(
                    "SELECT relation, COUNT(*) FROM facts GROUP BY relation ORDER BY COUNT(*) DESC, relation"
                ).fetchall()
            ),
            "certainty": dict(
                c.execute("SELECT certainty, COUNT(*) FROM facts GROUP BY certainty ORDER BY COUNT(*) DESC").fetchall()
            ),
        }

    def entities(self, limit: int = 10000) -> list[dict[str, Any]]:
        """Entities with their fact counts, most connected first."""
        rows = self.conn.execute(
            "SELECT e.id, e.name, e.type, (SELECT COUNT(*) FROM facts f WHERE f.subject_id = e.id"
            " OR f.object_id = e.id) AS facts FROM entities e ORDER BY facts DESC, e.name LIMIT ?",
            (limit,),
        )
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
            " JOIN documents d ON d.id = ev.doc_id WHERE f.object_id IS NOT NULL ORDER BY ev.doc_id, ev.start"
        )
        firsts: dict[str, tuple[str, int, int, int]] = {}
        for key, doc_id, name, start, end in rows.fetchall():
            if key not in firsts or (name, start) < (firsts[key][0], firsts[key][2]):
                firsts[key] = (name, doc_id, start, end)
        for key, (name, doc_id, start, end) in sorted(firsts.items(), key=lambda kv: kv[1][1]):
            out[key] = {
                "doc": name,
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "text": self.doc_text(doc_id)[start:end],
            }
        return out

    def group_events(
        self, entity_ids: Iterable[int] | None = None, known_by: str | None = None
    ) -> list[dict[str, Any]]:
        """Groups' ends (dissolved, defeated, fractured, absorbed) of these entities (every one for None), oldest
        first: each with its group's and absorbing group's names, date, certainty and sentence. ``known_by`` (a
        day) keeps those of documents published by then."""
        sql = (
            "SELECT g.id, g.entity_id, e.name AS entity, g.kind, g.into_id, i.name AS into_name, g.date, g.start,"
            ' g."end", g.earliest, g.latest, g.certainty, g.component, g.doc_id, d.name AS doc, d.published_by,'
            " g.span_start, g.span_end FROM group_events g JOIN entities e ON e.id = g.entity_id"
            " LEFT JOIN entities i ON i.id = g.into_id JOIN documents d ON d.id = g.doc_id"
        )
        where: list[str] = []
        params: list[Any] = []
        if known_by is not None:
            where.append("d.published_by IS NOT NULL AND d.published_by <= ?")
            params.append(known_by)
        out: list[dict[str, Any]] = []
        ids = None if entity_ids is None else sorted(set(entity_ids))
        chunks = [None] if ids is None else [ids[k : k + 400] for k in range(0, len(ids), 400)]
        for chunk in chunks:
            conds = list(where)
            args: list[Any] = list(params)
            if chunk is not None:
                conds.append(f"g.entity_id IN ({','.join('?' * len(chunk))})")
                args.extend(chunk)
            cond = f" WHERE {' AND '.join(conds)}" if conds else ""
            for r in self.conn.execute(f"{sql}{cond} ORDER BY COALESCE(g.earliest, g.latest), g.id", args):
                row = dict(r)
                row["text"] = self.doc_text(row["doc_id"])[row["span_start"] : row["span_end"]]
                row["when_text"] = wording.when_text(row)
                row["phrase"] = wording.event_phrase(row["kind"])
                row["ended_text"] = wording.event_text(row["kind"], row["into_name"], row["when_text"])
                out.append(row)
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
            " ORDER BY COALESCE(f.earliest, '9999'), f.id",
            (entity_id, entity_id),
        ):
            ev = [
                {
                    "doc": e["name"],
                    "doc_id": e["doc_id"],
                    "start": e["start"],
                    "end": e["end"],
                    "text": self.doc_text(e["doc_id"])[e["start"] : e["end"]],
                }
                for e in self.conn.execute(
                    'SELECT d.name, ev.doc_id, ev.start, ev."end" FROM evidence ev'
                    " JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id = ?",
                    (r["id"],),
                )
            ]
            has_object = r["object_id"] is not None
            facts.append(
                {
                    "id": r["key"],
                    "subject": r["s_name"],
                    "subject_id": r["subject_id"],
                    "relation": r["relation"],
                    "object": r["o_name"],
                    "object_id": r["object_id"],
                    "value": _number(r["value"]),
                    "date": r["date"],
                    "start": r["start"],
                    "end": r["end"],
                    "certainty": r["certainty"],
                    "status": r["status"],
                    "confidence": r["confidence"],
                    "produced_by": r["component"],
                    "evidence": ev,
                    "when_text": wording.when_text(dict(r)),
                    "phrase": wording.phrase(r["relation"], has_object=has_object),
                    "phrase_back": wording.phrase(r["relation"], backward=True, has_object=has_object),
                }
            )
        return {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "aliases": self.aliases_of(row["id"]),
            "ids": self.ids_of(row["id"]),
            "sources": [
                {"doc": r["doc"], "doc_id": r["doc_id"], "name": r["name"], "joined_by": r["joined_by"]}
                for r in self.sources_of(row["id"])
            ],
            "names_over_time": self.names_over_time(row["id"]),
            "facts": facts,
            "lifecycle": self.group_events([row["id"]]),
        }

    def graph(self) -> dict[str, Any]:
        """Nodes and edges (facts between two entities) for drawing the network; an edge's fact key, ends,
        relation, certainty, confidence, what produced it, date or interval (only those it has) and the documents
        that state it. Read in one snapshot."""
        with self.snapshot():
            return self._graph()

    def _graph(self) -> dict[str, Any]:
        cols = (
            "key",
            "source",
            "target",
            "relation",
            "certainty",
            "confidence",
            "produced_by",
            "date",
            "start",
            "end",
            "docs",
        )
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: this answer is the map's whole network, kept lean
        edges = [
            {k: v for k, v in zip(cols, r, strict=True) if v is not None or k == "docs"}
            for r in cur.execute(
                "SELECT f.key, f.subject_id, f.object_id, f.relation, f.certainty, f.confidence, f.component, f.date,"
                ' f.start, f."end", (SELECT GROUP_CONCAT(DISTINCT ev.doc_id) FROM evidence ev'
                " WHERE ev.fact_id = f.id) FROM facts f WHERE f.object_id IS NOT NULL ORDER BY f.id"
            )
        ]
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
            " ORDER BY COALESCE(earliest, ''), id"
        ):
            num = _number(value)
            if isinstance(num, int | float):
                members[eid] = float(num)  # the latest figure wins
        nodes = [
            {"id": i, "name": name, "type": etype, "members": members.get(i)}
            for i, name, etype in cur.execute("SELECT id, name, type FROM entities ORDER BY id")
            if i in used
        ]
        documents = [dict(r) for r in self.conn.execute("SELECT id, name, title FROM documents ORDER BY name")]
        return {"nodes": nodes, "edges": edges, "documents": documents}

    def content_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every content row of every table (not timestamps), for comparing two databases."""
        tables = {
            "documents": "SELECT id, name, sha256, title, source_url, published, encoding, text FROM documents",
            "sentences": "SELECT * FROM sentences",
            "entities": "SELECT * FROM entities",
            "aliases": "SELECT * FROM aliases",
            "distinct_from": "SELECT * FROM distinct_from",
            "mentions": "SELECT * FROM mentions",
            "facts": "SELECT * FROM facts",
            "evidence": "SELECT * FROM evidence",
            "reviews": "SELECT id, fact_key, decision, changes FROM reviews",
            "group_events": "SELECT * FROM group_events",
        }
        return {t: [tuple(r) for r in self.conn.execute(q + " ORDER BY 1, 2")] for t, q in tables.items()}


def _source_row(r: sqlite3.Row) -> dict[str, Any]:
    """A source row; its names, names set apart and identifiers left as JSON lists, read when needed."""
    return {**dict(r), "weak": bool(r["weak"])}


def _number(value: str | None) -> int | float | str | None:
    if value is None:
        return None
    try:
        f = float(value)
    except ValueError:
        return value
    return int(f) if f.is_integer() else f
