"""Curation: analysts accept, reject or correct machine facts, add their own, merge and split entities.

Every decision records who and when. Reviews are keyed on the fact's key (its subject, relation,
object, value and date as the machine found them), not on row ids, so they survive re-extraction.
"""

from __future__ import annotations

import csv
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from factionmap import edtf, wording
from factionmap.errors import FactionmapError, InputError
from factionmap.model import CERTAINTIES, RELATIONS, norm
from factionmap.query import find_entity
from factionmap.store import Store, fact_key

EDITABLE = ("relation", "object", "value", "date", "start", "end", "certainty")


def reviewer_name(name: str | None = None) -> str:
    """The analyst's name: given, or $FACTIONMAP_REVIEWER, or the login name."""
    return name or os.environ.get("FACTIONMAP_REVIEWER") or os.environ.get("USER") or "analyst"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fact(store: Store, key_or_id: str) -> dict[str, Any]:
    row = store.conn.execute(
        "SELECT * FROM facts WHERE key = ? OR key LIKE ? OR CAST(id AS TEXT) = ?",
        (key_or_id, f"{key_or_id}%" if len(key_or_id) >= 6 else key_or_id, key_or_id),
    ).fetchall()
    if not row:
        raise FactionmapError(f"no fact {key_or_id!r}: use the id or key shown by 'factionmap review list'")
    if len(row) > 1:
        raise FactionmapError(f"fact prefix {key_or_id!r} matches {len(row)} facts: give more of the key")
    return dict(row[0])


def _validate(changes: dict[str, Any]) -> None:
    if "relation" in changes and changes["relation"] not in RELATIONS:
        raise FactionmapError(f"unknown relation {changes['relation']!r}: one of {', '.join(RELATIONS)}")
    if "certainty" in changes and changes["certainty"] not in CERTAINTIES:
        raise FactionmapError(f"unknown certainty {changes['certainty']!r}: one of {', '.join(CERTAINTIES)}")
    for k in ("date", "start", "end"):
        if changes.get(k) and not edtf.is_valid(changes[k]):
            raise FactionmapError(f"{k} {changes[k]!r} is not an EDTF date such as 2015, 2015-03 or 2015-03-06")


def review(
    store: Store, key_or_id: str, decision: str, changes: dict[str, Any] | None = None, reviewer: str | None = None
) -> dict[str, Any]:
    """Record an analyst's decision (accepted, rejected, edited) on a fact and apply it now."""
    if decision not in ("accepted", "rejected", "edited"):
        raise FactionmapError(f"decision {decision!r}: accepted, rejected or edited")
    fact = _fact(store, key_or_id)
    stored: dict[str, Any] = {}
    for k, v in (changes or {}).items():
        if k not in EDITABLE:
            raise FactionmapError(f"cannot edit {k!r}: editable fields are {', '.join(EDITABLE)}")
        if k == "object":
            stored["object_id"] = find_entity(store, v)["id"] if v else None
        else:
            stored[k] = v
    _validate(stored)
    who = reviewer_name(reviewer)

    def write() -> None:
        with store.transaction():
            store.conn.execute(
                "INSERT INTO reviews (fact_key, decision, changes, reviewer, at) VALUES (?,?,?,?,?)",
                (fact["key"], decision, json.dumps(stored) if stored else None, who, _now()),
            )
            store.apply_review(fact["id"], fact["key"])

    store.write(write)
    return {**_fact(store, fact["key"]), "reviewer": who}


def review_queue(
    store: Store, status: str = "machine", relation: str | None = None, doc: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Facts waiting for review (by status), least confident first, with their first evidence."""
    where, params = ["f.status = ?"], [status]
    if relation:
        where.append("f.relation = ?")
        params.append(relation)
    if doc:
        where.append(
            "f.id IN (SELECT ev.fact_id FROM evidence ev JOIN documents d ON d.id = ev.doc_id WHERE d.name = ?)"
        )
        params.append(doc)
    rows = store.conn.execute(
        'SELECT f.id, f.key, s.name AS subject, f.relation, o.name AS object, f.value, f.date, f.start, f."end",'
        " f.certainty, f.status, f.component AS produced_by, f.confidence,"
        ' (SELECT substr(d.text, ev.start + 1, ev."end" - ev.start) FROM evidence ev'
        " JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id = f.id ORDER BY ev.doc_id, ev.start LIMIT 1)"
        " AS evidence FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id"
        f" WHERE {' AND '.join(where)} ORDER BY f.confidence, f.id LIMIT ?",
        (*params, limit),
    )
    out = [dict(r) for r in rows]
    for r in out:
        r["when_text"] = wording.when_text(r)
        r["phrase"] = wording.phrase(r["relation"], has_object=r["object"] is not None)
    return out


def add_fact(
    store: Store,
    subject: str,
    relation: str,
    obj: str | None,
    doc: str,
    quote: str,
    date: str | None = None,
    start: str | None = None,
    end: str | None = None,
    certainty: str = "asserted",
    value: str | None = None,
    reviewer: str | None = None,
    subject_type: str = "ORG",
    object_type: str = "ORG",
) -> dict[str, Any]:
    """An analyst's own fact, sourced by a quotation that must occur in a stored document."""
    _validate({"relation": relation, "certainty": certainty, "date": date, "start": start, "end": end})
    document = store.document(doc)
    if document is None:
        raise FactionmapError(f"no document {doc!r}: ingest the source first")
    at = document["text"].find(quote)
    if not quote or at < 0:
        raise FactionmapError(f"the quotation does not occur in {doc!r}: copy it exactly from the document")
    who = reviewer_name(reviewer)

    def entity(name: str, etype: str) -> tuple[int, str]:
        try:
            found = find_entity(store, name)
            key = store.conn.execute("SELECT key FROM entities WHERE id = ?", (found["id"],)).fetchone()[0]
            return found["id"], key
        except FactionmapError:
            return store.add_entity(name, etype)

    def write() -> dict[str, Any]:
        c = store.conn
        with store.transaction():
            sid, skey = entity(subject, subject_type)
            oid, okey = entity(obj, object_type) if obj else (None, None)
            key = fact_key(skey, relation, okey, value, date, start, end)
            lo, hi = (
                edtf.bounds(date)
                if date
                else (edtf.bounds(start)[0] if start else None, edtf.bounds(end)[1] if end else None)
            )
            c.execute(
                'INSERT INTO facts (key, subject_id, relation, object_id, value, date, start, "end", earliest,'
                " latest, certainty, status, component) VALUES (?,?,?,?,?,?,?,?,?,?,?,'analyst','analyst')"
                " ON CONFLICT(key) DO NOTHING",
                (key, sid, relation, oid, value, date, start, end, lo, hi, certainty),
            )
            fid = c.execute("SELECT id FROM facts WHERE key = ?", (key,)).fetchone()[0]
            c.execute(
                'INSERT OR IGNORE INTO evidence (fact_id, doc_id, start, "end") VALUES (?,?,?,?)',
                (fid, document["id"], at, at + len(quote)),
            )
            c.execute(
                "INSERT INTO curation_log (action, detail, reviewer, at) VALUES ('add', ?, ?, ?)",
                (json.dumps({"fact": key}), who, _now()),
            )
        return {"id": fid, "key": key}

    return dict(store.write(write))


def import_csv(store: Store, path: str | Path, reviewer: str | None = None) -> int:
    """Import analysts' facts: columns subject, relation, object, doc, quote and optional date, start, end,
    certainty, value, subject_type, object_type. Every row is checked before any is written."""
    p = Path(path)
    try:
        rows = list(csv.DictReader(p.open(newline="", encoding="utf-8-sig")))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(p), f"cannot read CSV: {exc}") from None
    need = {"subject", "relation", "doc", "quote"}
    if rows and not need <= set(rows[0]):
        raise InputError(str(p), f"missing columns: {', '.join(sorted(need - set(rows[0])))}")
    for n, r in enumerate(rows, 2):
        try:
            _validate({k: r[k] for k in ("relation", "certainty", "date", "start", "end") if r.get(k)})
        except FactionmapError as exc:
            raise InputError(str(p), f"line {n}: {exc}") from None
    for n, r in enumerate(rows, 2):
        try:
            add_fact(
                store,
                r["subject"],
                r["relation"],
                r.get("object") or None,
                r["doc"],
                r["quote"],
                r.get("date") or None,
                r.get("start") or None,
                r.get("end") or None,
                r.get("certainty") or "asserted",
                r.get("value") or None,
                reviewer,
                r.get("subject_type") or "ORG",
                r.get("object_type") or "ORG",
            )
        except FactionmapError as exc:
            raise InputError(str(p), f"line {n}: {exc}") from None
    return len(rows)


def merge(store: Store, keep: str, other: str, reviewer: str | None = None) -> dict[str, Any]:
    """Merge entity ``other`` into ``keep``: names, mentions and facts move; later ingests resolve to it."""
    a, b = find_entity(store, keep), find_entity(store, other)
    if a["id"] == b["id"]:
        raise FactionmapError(f"{keep!r} and {other!r} are already one entity")
    who = reviewer_name(reviewer)

    def write() -> dict[str, Any]:
        c = store.conn
        with store.transaction():
            c.execute("UPDATE OR IGNORE aliases SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE OR IGNORE mentions SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE OR IGNORE entity_ids SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE entity_sources SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE entity_redirects SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE facts SET subject_id = ? WHERE subject_id = ?", (a["id"], b["id"]))
            c.execute("UPDATE facts SET object_id = ? WHERE object_id = ?", (a["id"], b["id"]))
            c.execute(
                "DELETE FROM distinct_from WHERE entity_id = ? AND other_norm IN"
                " (SELECT norm FROM aliases WHERE entity_id = ?)",
                (a["id"], a["id"]),
            )
            c.execute("UPDATE OR IGNORE distinct_from SET entity_id = ? WHERE entity_id = ?", (a["id"], b["id"]))
            old_key = c.execute("SELECT key FROM entities WHERE id = ?", (b["id"],)).fetchone()[0]
            c.execute("DELETE FROM entities WHERE id = ?", (b["id"],))
            c.execute(
                "INSERT OR REPLACE INTO entity_redirects (old_key, old_id, entity_id) VALUES (?,?,?)",
                (old_key, b["id"], a["id"]),
            )
            c.execute(
                "INSERT INTO curation_log (action, detail, reviewer, at) VALUES ('merge', ?, ?, ?)",
                (json.dumps({"keep": a, "merged": b}), who, _now()),
            )
        return {"kept": a, "merged": b, "reviewer": who}

    return dict(store.write(write))


def split(store: Store, entity: str, alias: str, reviewer: str | None = None) -> dict[str, Any]:
    """Split the name ``alias`` off ``entity`` into an entity of its own, with its mentions and facts."""
    ent = find_entity(store, entity)
    key = norm(alias)
    row = store.conn.execute("SELECT alias FROM aliases WHERE entity_id = ? AND norm = ?", (ent["id"], key)).fetchone()
    if row is None:
        raise FactionmapError(f"{alias!r} is not a name of {ent['name']!r}")
    if norm(ent["name"]) == key:
        raise FactionmapError(f"{alias!r} is the entity's own name: split another name off it")
    who = reviewer_name(reviewer)

    def write() -> dict[str, Any]:
        c = store.conn
        with store.transaction():
            etype = ent["type"]
            new_key = f"{etype}:{key}"
            n = 1
            while c.execute("SELECT 1 FROM entities WHERE key = ?", (new_key,)).fetchone():
                n += 1
                new_key = f"{etype}:{key}#{n}"
            new_id = int(
                c.execute(
                    "INSERT INTO entities (key, name, type) VALUES (?,?,?)", (new_key, row["alias"], etype)
                ).lastrowid
                or 0
            )
            c.execute("UPDATE aliases SET entity_id = ? WHERE entity_id = ? AND norm = ?", (new_id, ent["id"], key))
            moved = [
                m["id"]
                for m in c.execute(
                    'SELECT m.id, substr(d.text, m.start + 1, m."end" - m.start) AS surface FROM mentions m'
                    " JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ?",
                    (ent["id"],),
                )
                if norm(m["surface"]) == key
            ]
            c.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", [(new_id, i) for i in moved])
            # facts whose evidence names the split-off name and none of the entity's other names move with it
            others = [r[0] for r in c.execute("SELECT norm FROM aliases WHERE entity_id = ?", (ent["id"],))]
            for f in c.execute(
                "SELECT id, subject_id, object_id FROM facts WHERE subject_id = ? OR object_id = ?",
                (ent["id"], ent["id"]),
            ).fetchall():
                texts = [
                    norm(r[0])
                    for r in c.execute(
                        'SELECT substr(d.text, ev.start + 1, ev."end" - ev.start) FROM evidence ev'
                        " JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id = ?",
                        (f["id"],),
                    )
                ]
                if texts and all(
                    f" {key} " in f" {t} " and not any(f" {o} " in f" {t} " for o in others) for t in texts
                ):
                    col = "subject_id" if f["subject_id"] == ent["id"] else "object_id"
                    c.execute(f"UPDATE facts SET {col} = ? WHERE id = ?", (new_id, f["id"]))
            c.execute(
                "INSERT OR IGNORE INTO distinct_from (entity_id, other_norm) VALUES (?, ?)", (new_id, norm(ent["name"]))
            )
            c.execute("INSERT OR IGNORE INTO distinct_from (entity_id, other_norm) VALUES (?, ?)", (ent["id"], key))
            c.execute(
                "INSERT INTO curation_log (action, detail, reviewer, at) VALUES ('split', ?, ?, ?)",
                (json.dumps({"entity": ent, "alias": row["alias"], "new_id": new_id}), who, _now()),
            )
        return {"entity": ent, "new": {"id": new_id, "name": row["alias"], "type": ent["type"]}, "reviewer": who}

    return dict(store.write(write))


def grade(store: Store, doc: str, reliability: str | None = None, credibility: str | None = None) -> dict[str, Any]:
    """Grade a source on the Admiralty scale: reliability A-F, credibility 1-6."""
    document = store.document(doc)
    if document is None:
        raise FactionmapError(f"no document {doc!r}")
    if reliability and reliability.upper() not in list("ABCDEF"):
        raise FactionmapError(f"reliability {reliability!r}: one of A, B, C, D, E, F")
    if credibility and credibility not in list("123456"):
        raise FactionmapError(f"credibility {credibility!r}: one of 1, 2, 3, 4, 5, 6")
    store.conn.execute(
        "UPDATE documents SET reliability = COALESCE(?, reliability),"
        " credibility = COALESCE(?, credibility) WHERE id = ?",
        (reliability.upper() if reliability else None, credibility, document["id"]),
    )
    return dict(
        store.conn.execute(
            "SELECT id, name, reliability, credibility FROM documents WHERE id = ?", (document["id"],)
        ).fetchone()
    )
