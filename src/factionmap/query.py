"""Time-aware questions over the store; the CLI and the web app both call these functions.

Interval semantics (see docs/queries.md):

* ``joined``, ``allegiance_to``, ``component_of``, ``member_of``, ``merged_into`` and ``leader_of`` are
  *states*: each holds from the start of its date until a later fact ends it — the subject splinters
  from or turns rival to the same group, merges into another, is killed, or (for ``leader_of``) another
  person is recorded as leader of the same group — or until its own ``end``. A group that merged into
  another stays part of it.
* Every other relation is an *event or observation*: a fact dated ``2015`` holds over 2015 (its
  earliest to latest day); ``start``/``end`` give a span, an open end holds on.
* Undated facts are not placed in time; ``asof`` leaves them out unless asked.
* Approximate, uncertain and coarse dates (``2015~``, ``2016-23``) keep their EDTF and are flagged
  ``uncertain_date`` so a reader sees how firm the placement is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factionmap import edtf
from factionmap.errors import FactionmapError
from factionmap.model import SYMMETRIC, norm
from factionmap.store import Store

STATES = frozenset({"joined", "allegiance_to", "component_of", "member_of", "merged_into", "leader_of"})
LINEAGE = ("component_of", "merged_into", "splinter_of", "joined", "founded", "successor_of")
RELIABILITY = "ABCDEF"


class AmbiguousName(FactionmapError):
    """A name that denotes more than one entity; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[dict[str, Any]]) -> None:
        self.candidates = candidates
        listed = "; ".join(f"{c['name']} ({c['type']}, id {c['id']})" for c in candidates)
        super().__init__(f"{name!r} is ambiguous: {listed}. Name one by its full name or id.")


class UnknownEntity(FactionmapError):
    """No entity has this name or alias."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no entity named {name!r}: try 'factionmap query search {name}'")


@dataclass(frozen=True)
class Grade:
    """Which facts to admit: by source grade on the Admiralty scale (reliability A, the best, to F;
    credibility 1 to 6) and by the extractor's confidence in the fact (0 to 1)."""

    reliability: str = "F"
    credibility: int = 6
    confidence: float = 0.0  # the lowest confidence of a fact to admit (0 admits every fact)

    @classmethod
    def parse(cls, text: str) -> Grade:
        """Read "B2" (or "B", or "2") as the weakest grade to admit."""
        t = text.strip().upper()
        if not t or (t[0] not in RELIABILITY and not t[0].isdigit()) or len(t) > 2:
            raise FactionmapError(f"grade {text!r}: write a reliability A-F and/or credibility 1-6, e.g. B2")
        rel = t[0] if t[0] in RELIABILITY else "F"
        cred = int(t[-1]) if t[-1].isdigit() else 6
        if not 1 <= cred <= 6:
            raise FactionmapError(f"grade {text!r}: credibility runs from 1 to 6")
        return cls(rel, cred)

    def admits(self, reliability: str | None, credibility: str | None) -> bool:
        """True when a source of this grade is at least as good as the filter (ungraded sources are F6)."""
        r = (reliability or "F").upper()[:1]
        c = int(credibility) if credibility and str(credibility).isdigit() else 6
        return RELIABILITY.index(r if r in RELIABILITY else "F") <= RELIABILITY.index(self.reliability) and \
            c <= self.credibility


def find_entity(store: Store, name: str | int) -> dict[str, Any]:
    """The one entity a name, alias or id denotes (case and accents ignored)."""
    if isinstance(name, int) or str(name).isdigit():
        row = store.conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (int(name),)).fetchone()
        moved = store.redirect(int(name)) if row is None else None  # merged into another since
        if moved is not None:
            row = store.conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (moved,)).fetchone()
        if row is None:
            raise UnknownEntity(str(name))
        return dict(row)
    key = norm(str(name))
    rows = store.conn.execute(
        "SELECT DISTINCT e.id, e.name, e.type FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.norm = ?"
        " ORDER BY e.id", (key,)).fetchall()
    if not rows:  # an identifier a text gave it: "QDe.004", "un:QDe.004", "Q83150"
        ident = str(name).strip()
        rows = store.conn.execute(
            "SELECT DISTINCT e.id, e.name, e.type FROM entity_ids i JOIN entities e ON e.id = i.entity_id"
            " WHERE lower(i.value) = lower(?) OR lower(i.scheme || ':' || i.value) = lower(?) ORDER BY e.id",
            (ident, ident)).fetchall()
        if len(rows) == 1:
            return dict(rows[0])
    if not rows:
        raise UnknownEntity(str(name))
    exact = [r for r in rows if norm(r["name"]) == key]
    if len(rows) > 1 and len(exact) != 1:
        raise AmbiguousName(str(name), [dict(r) for r in rows])
    return dict(exact[0] if len(rows) > 1 else rows[0])


def why(store: Store, name: str | int) -> dict[str, Any]:
    """How an entity came together: its identifiers, and each text's name for it with the name or identifier
    that joined it to the entity (none for the first text to name it)."""
    ent = find_entity(store, name)
    return {"entity": ent, "ids": store.ids_of(ent["id"]),
            "sources": [{"doc": s["doc"], "name": s["name"], "names": s["names"], "joined_by": s["joined_by"]}
                        for s in store.sources_of(ent["id"])]}


_FACT_SQL = (
    "SELECT f.id, f.key, f.subject_id, s.name AS subject, s.type AS subject_type, f.relation, f.object_id,"
    ' o.name AS object, o.type AS object_type, f.value, f.value_high, f.date, f.start, f."end", f.earliest,'
    " f.latest, f.certainty, f.status, f.component AS produced_by, f.confidence"
    " FROM facts f JOIN entities s ON s.id = f.subject_id"
    " LEFT JOIN entities o ON o.id = f.object_id"
)


def _facts(store: Store, where: str, params: tuple[Any, ...], grade: Grade | None = None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in store.conn.execute(f"{_FACT_SQL} WHERE {where} ORDER BY f.id", params)]
    if grade is not None:
        rows = [r for r in rows if r["confidence"] >= grade.confidence and
                (grade.reliability == "F" and grade.credibility == 6 or _graded(store, r["id"], grade))]
    for r in rows:
        r["value"] = _num(r["value"])
        r["value_high"] = _num(r["value_high"])
        r["uncertain_date"] = _uncertain(r)
    return rows


def _graded(store: Store, fact_id: int, grade: Grade) -> bool:
    return any(grade.admits(r[0], r[1]) for r in store.conn.execute(
        "SELECT d.reliability, d.credibility FROM evidence ev JOIN documents d ON d.id = ev.doc_id"
        " WHERE ev.fact_id = ?", (fact_id,)))


def _num(v: str | None) -> int | float | str | None:
    if v is None:
        return None
    try:
        f = float(v)
    except ValueError:
        return v
    return int(f) if f.is_integer() else f


def _uncertain(f: dict[str, Any]) -> bool:
    for v in (f["date"], f["start"], f["end"]):
        if v and (v[-1] in "~?%" or "X" in v or (len(v) >= 7 and v[5:7].isdigit() and int(v[5:7]) > 12)):
            return True
    return False


def evidence(store: Store, fact_id: int) -> list[dict[str, Any]]:
    """The evidence of a fact: document, span, the quoted text and the source's grade."""
    return evidence_of(store, [fact_id]).get(fact_id, [])


def evidence_of(store: Store, fact_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The evidence of many facts at once (one query per 500 facts), by fact id."""
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(fact_ids), 500):
        chunk = fact_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for fid, doc_id, name, start, end, rel, cred in store.conn.execute(
                f'SELECT ev.fact_id, d.id, d.name, ev.start, ev."end", d.reliability, d.credibility FROM evidence ev'
                f" JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id IN ({marks}) ORDER BY d.name, ev.start",
                chunk):
            out.setdefault(fid, []).append({
                "doc": name, "doc_id": doc_id, "start": start, "end": end,
                "text": store.doc_text(doc_id)[start:end], "grade": f"{rel or ''}{cred or ''}" or None})
    return out


def _terminators(store: Store, subjects: set[int]) -> dict[int, list[dict[str, Any]]]:
    """Facts that can end a state of these subjects, by subject."""
    if not subjects:
        return {}
    out: dict[int, list[dict[str, Any]]] = {}
    ids = sorted(subjects)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
            f"SELECT subject_id, relation, object_id, value, earliest FROM facts WHERE subject_id IN ({marks})"
            " AND relation IN ('splinter_of', 'merged_into', 'rival_of', 'killed', 'leader_of')"
            " AND earliest IS NOT NULL", chunk):
            out.setdefault(r[0], []).append(dict(r))
    return out


def _successors(store: Store, orgs: set[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for org in orgs:
        out[org] = [dict(r) for r in store.conn.execute(
            "SELECT subject_id, value, earliest FROM facts WHERE object_id = ? AND relation = 'leader_of'"
            " AND earliest IS NOT NULL ORDER BY earliest", (org,))]
    return out


def holding_interval(f: dict[str, Any], ends: list[dict[str, Any]],
                     successors: list[dict[str, Any]] | None = None) -> tuple[str | None, str | None]:
    """The days over which a fact holds, by the semantics above; None is an open end."""
    start = f["earliest"]
    if f["start"] is None and f["date"] is None and f["end"] is not None:
        start = None
    if f["relation"] not in STATES:
        return start, f["latest"]
    until = edtf.bounds(f["end"])[1] if f["end"] else None
    begin = f["earliest"] or ""
    for t in ends:
        if not t["earliest"] or t["earliest"] <= begin:
            continue
        if t["relation"] == "killed" or t["relation"] == "merged_into" or (
                t["relation"] in ("splinter_of", "rival_of") and t["object_id"] == f["object_id"]):
            until = min(until, t["earliest"]) if until else t["earliest"]
    if f["relation"] == "leader_of":
        for t in successors or []:
            if t["subject_id"] != f["subject_id"] and t["earliest"] > begin and \
                    (t["value"] or "") == (f["value"] or ""):
                until = min(until, t["earliest"]) if until else t["earliest"]
                break
    return start, until


def _place(store: Store, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    states = [f for f in facts if f["relation"] in STATES]
    ends = _terminators(store, {f["subject_id"] for f in states})
    succ = _successors(store, {f["object_id"] for f in states if f["relation"] == "leader_of"})
    for f in facts:
        f["holds_from"], f["holds_until"] = holding_interval(
            f, ends.get(f["subject_id"], []), succ.get(f["object_id"]) if f["relation"] == "leader_of" else None)
    return facts


def _holds(f: dict[str, Any], lo: str, hi: str) -> bool:
    if f["holds_from"] is None and f["holds_until"] is None:
        return False
    return (f["holds_from"] is None or f["holds_from"] <= hi) and (f["holds_until"] is None or f["holds_until"] >= lo)


def asof(store: Store, date: str, around: str | int | None = None, depth: int = 1,
         relations: set[str] | None = None, include_undated: bool = False,
         grade: Grade | None = None) -> dict[str, Any]:
    """The network as it stood on ``date`` (EDTF: a day, month, year…), optionally around one entity."""
    lo, hi = edtf.bounds(date)
    if lo is None or hi is None:
        raise FactionmapError(f"date {date!r}: give a day, month or year, e.g. 2016-06")
    rel_sql = ""
    params: tuple[Any, ...] = ()
    if relations:
        rel_sql = f" AND f.relation IN ({','.join('?' * len(relations))})"
        params = tuple(sorted(relations))
    time_sql = "(f.earliest IS NULL AND f.\"end\" IS NULL)" if include_undated else "0"
    time_sql = (f"(({time_sql}) OR (f.earliest <= ? OR (f.earliest IS NULL AND f.\"end\" IS NOT NULL)))")
    facts: dict[int, dict[str, Any]] = {}
    center = None
    if around is not None:
        center = find_entity(store, around)
        frontier, seen = {center["id"]}, {center["id"]}
        for _ in range(max(1, depth)):
            if not frontier:
                break
            marks = ",".join("?" * len(frontier))
            rows = _facts(store, f"(f.subject_id IN ({marks}) OR f.object_id IN ({marks})) AND {time_sql}{rel_sql}",
                          (*frontier, *frontier, hi, *params), grade)
            nxt: set[int] = set()
            for f in _place(store, rows):
                undated = f["earliest"] is None and f["end"] is None
                if (undated and include_undated) or _holds(f, lo, hi):
                    facts[f["id"]] = f
                    for e in (f["subject_id"], f["object_id"]):
                        if e is not None and e not in seen:
                            nxt.add(e)
            seen |= nxt
            frontier = nxt
    else:
        rows = _facts(store, f"{time_sql}{rel_sql}", (hi, *params), grade)
        for f in _place(store, rows):
            if _holds(f, lo, hi) or (include_undated and f["earliest"] is None and f["end"] is None):
                facts[f["id"]] = f
    ordered = sorted(facts.values(), key=lambda f: (f["holds_from"] or "", f["id"]))
    return {"date": date, "from": lo, "to": hi, "around": center, "facts": ordered}


def timeline(store: Store, name: str | int, grade: Grade | None = None) -> dict[str, Any]:
    """Every dated fact about an entity in order, each with its evidence."""
    ent = find_entity(store, name)
    rows = _facts(store, "(f.subject_id = ? OR f.object_id = ?) AND (f.earliest IS NOT NULL OR f.\"end\" IS NOT NULL)",
                  (ent["id"], ent["id"]), grade)
    rows.sort(key=lambda f: (f["earliest"] or edtf.bounds(f["end"])[0] or "", f["id"]))
    found = evidence_of(store, [f["id"] for f in rows])
    for f in rows:
        f["evidence"] = found.get(f["id"], [])
    return {"entity": ent, "facts": rows}


def lineage(store: Store, name: str | int, max_depth: int = 4, max_nodes: int = 300) -> dict[str, Any]:
    """Predecessors, components, mergers and splinters of a group, as a tree with dates.

    Children are what merged into, joined, split from or is a component of a group (followed down
    ``max_depth`` levels); the group's own outgoing links (part of, merged into, split from) are leaves.
    """
    ent = find_entity(store, name)
    kinds = {("merged_into", True): "merged in", ("component_of", True): "component",
             ("joined", True): "joined by", ("splinter_of", True): "splinter",
             ("merged_into", False): "merged into", ("component_of", False): "part of",
             ("joined", False): "joined", ("splinter_of", False): "split from"}
    rel_sql = "f.relation IN ('component_of', 'merged_into', 'splinter_of', 'joined')"
    seen = {ent["id"]}
    count = 0

    def level(ids: list[int], depth: int) -> dict[int, list[dict[str, Any]]]:
        nonlocal count
        marks = ",".join("?" * len(ids))
        rows = _facts(store, f"(f.object_id IN ({marks}) OR f.subject_id IN ({marks})) AND {rel_sql}", (*ids, *ids))
        out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        recurse: list[int] = []
        before = set(seen)
        for f in rows:
            for eid in ids:
                incoming = f["object_id"] == eid
                if not incoming and f["subject_id"] != eid:
                    continue
                other = f["subject_id"] if incoming else f["object_id"]
                if other is None or other in before or count >= max_nodes:
                    continue
                count += 1
                node = {"kind": kinds[(f["relation"], incoming)],
                        "entity": {"id": other, "name": f["subject"] if incoming else f["object"]},
                        "date": f["date"] or f["start"], "certainty": f["certainty"], "fact": f["key"],
                        "children": []}
                out[eid].append(node)
                if incoming and other not in seen:
                    seen.add(other)
                    recurse.append(other)
        if recurse and depth + 1 < max_depth:
            below = level(recurse, depth + 1)
            for nodes in out.values():
                for node in nodes:
                    node["children"] = below.get(node["entity"]["id"], [])
        for nodes in out.values():
            nodes.sort(key=lambda n: (n["date"] or "9999", n["entity"]["name"]))
        return out

    return {"entity": ent, "lineage": level([ent["id"]], 0)[ent["id"]]}


def leaders(store: Store, name: str | int) -> dict[str, Any]:
    """Leadership succession of a group: who, which role, from when until when."""
    ent = find_entity(store, name)
    rows = _place(store, _facts(store, "f.object_id = ? AND f.relation = 'leader_of'", (ent["id"],)))
    rows.sort(key=lambda f: (f["holds_from"] or "9999", f["id"]))
    for f in rows:
        f["evidence"] = evidence(store, f["id"])
    return {"entity": ent, "leaders": rows}


def members(store: Store, name: str | int) -> dict[str, Any]:
    """Membership figures over time: value, range, date, certainty and source."""
    ent = find_entity(store, name)
    rows = _facts(store, "f.subject_id = ? AND f.relation = 'membership'", (ent["id"],))
    rows.sort(key=lambda f: (f["earliest"] or "9999", f["id"]))
    for f in rows:
        f["evidence"] = evidence(store, f["id"])
    return {"entity": ent, "members": rows}


def funding(store: Store, name: str | int) -> dict[str, Any]:
    """Money in (who funds it) and out (whom it funds), with shares where the text gives them."""
    ent = find_entity(store, name)
    inflow = _facts(store, "f.subject_id = ? AND f.relation = 'funded_by'", (ent["id"],))
    outflow = _facts(store, "f.object_id = ? AND f.relation = 'funded_by'", (ent["id"],))
    for f in inflow + outflow:
        f["evidence"] = evidence(store, f["id"])
    return {"entity": ent, "in": inflow, "out": outflow}


def path(store: Store, a: str | int, b: str | int, date: str | None = None, limit: int = 5,
         max_depth: int = 4) -> dict[str, Any]:
    """The shortest relation paths between two entities (optionally through facts holding on ``date``).

    A bidirectional breadth-first search over facts between entities (denied and rejected facts left
    out), one batched look-up per level and side; at most ``limit`` paths of the shortest length.
    """
    src, dst = find_entity(store, a), find_entity(store, b)
    lo, hi = edtf.bounds(date) if date else (None, None)
    base = "f.object_id IS NOT NULL AND f.certainty != 'denied' AND f.status != 'rejected'"

    def expand(frontier: set[int]) -> list[tuple[int, int, int]]:
        ids = sorted(frontier)
        edges: list[tuple[int, int, int]] = []
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT f.id, f.subject_id, f.object_id FROM facts f WHERE {base} AND"
                   f" (f.subject_id IN ({marks}) OR f.object_id IN ({marks}))")
            edges += [tuple(r) for r in store.conn.execute(sql, (*chunk, *chunk))]
        if date:
            keep = {f["id"] for f in _place(store, _facts(store, f"f.id IN ({','.join(str(e[0]) for e in edges)})",
                                                          ())) if _holds(f, lo or "", hi or "")} if edges else set()
            edges = [e for e in edges if e[0] in keep]
        return edges

    # parents[side][node] = [(previous node, fact id)]
    parents: list[dict[int, list[tuple[int, int]]]] = [{src["id"]: []}, {dst["id"]: []}]
    frontiers = [{src["id"]}, {dst["id"]}]
    meet: set[int] = {src["id"]} & {dst["id"]}
    depth = 0
    while not meet and depth < max_depth and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        nxt: dict[int, list[tuple[int, int]]] = {}
        for fid, s, o in expand(frontiers[side]):
            for here, there in ((s, o), (o, s)):
                if here in frontiers[side] and there not in parents[side]:
                    nxt.setdefault(there, []).append((here, fid))
        parents[side].update(nxt)
        frontiers[side] = set(nxt)
        depth += 1
        meet = set(parents[0]) & set(parents[1])

    def walk(side: int, node: int) -> list[list[int]]:
        if not parents[side][node]:
            return [[]]
        out = []
        for prev, fid in parents[side][node]:
            for rest in walk(side, prev):
                out.append(rest + [fid])
                if len(out) >= limit:
                    return out
        return out

    routes: list[list[int]] = []
    for node in sorted(meet):
        for left in walk(0, node):
            for right in walk(1, node):
                routes.append(left + list(reversed(right)))
    routes = sorted(routes, key=len)[:limit]
    facts = {f["id"]: f for f in _facts(store, f"f.id IN ({','.join(str(i) for r in routes for i in r)})", ())} \
        if routes else {}
    paths = []
    for r in routes:
        steps = [facts[i] for i in r]
        paths.append(steps)
    return {"from": src, "to": dst, "date": date, "paths": paths}


def contradictions(store: Store) -> list[dict[str, Any]]:
    """Facts that cannot all be true, each kind with the facts involved."""
    out: list[dict[str, Any]] = []
    once = ("founded_on", "killed", "merged_into", "founded")
    rows = _facts(store, f"f.relation IN ({','.join('?' * len(once))}) AND f.earliest IS NOT NULL", once)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in rows:
        groups.setdefault((f["subject_id"], f["relation"], f["object_id"]), []).append(f)
    for facts in groups.values():
        disjoint = [(x, y) for i, x in enumerate(facts) for y in facts[i + 1:]
                    if x["latest"] < y["earliest"] or y["latest"] < x["earliest"]]
        if disjoint:
            out.append({"kind": "different dates for the same event", "facts": facts})
    triples: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in _facts(store, "1", ()):
        s, o = f["subject_id"], f["object_id"]
        if f["relation"] in SYMMETRIC and o is not None and o < s:
            s, o = o, s
        triples.setdefault((s, f["relation"], o), []).append(f)
    for facts in triples.values():
        certs = {f["certainty"] for f in facts}
        if "denied" in certs and certs - {"denied"} and facts[0]["relation"] != "membership":
            out.append({"kind": "a claim and its denial", "facts": facts})
    pairs: dict[tuple[int, int], dict[str, list[dict[str, Any]]]] = {}
    for (s, rel, o), facts in triples.items():
        if rel in ("allied_with", "rival_of") and o is not None:
            pairs.setdefault((s, o), {}).setdefault(rel, []).extend(facts)
    for rels in pairs.values():
        if "allied_with" in rels and "rival_of" in rels:
            same_time = [(a, b) for a in rels["allied_with"] for b in rels["rival_of"]
                         if a["earliest"] and b["earliest"] and a["earliest"] <= b["latest"]
                         and b["earliest"] <= a["latest"]]
            if same_time:
                out.append({"kind": "allied and rivals at the same time",
                            "facts": rels["allied_with"] + rels["rival_of"]})
    members_by: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
    for f in _facts(store, "f.relation = 'membership' AND f.earliest IS NOT NULL", ()):
        members_by.setdefault((f["subject_id"], edtf.year_of(f["date"] or f["start"])), []).append(f)
    for facts in members_by.values():
        values = {(f["value"], f["value_high"]) for f in facts}
        if len(values) > 1:
            out.append({"kind": "membership figures that disagree", "facts": facts})
    for item in out:
        for f in item["facts"]:
            f["evidence"] = evidence(store, f["id"])
    return out


def search(store: Store, text: str, limit: int = 20) -> dict[str, Any]:
    """Full-text search over documents and entity names, best first (SQLite FTS5, bm25).

    Documents are matched on the words as one phrase (an analyst usually types a name); only when no
    document holds the phrase are documents holding every word anywhere returned. Ranking a phrase reads
    only the rows that hold the phrase, so a name query stays fast as the corpus grows.
    """
    words = [w for w in text.replace('"', " ").split() if w]
    if not words:
        raise FactionmapError("search needs at least one word")
    every = " ".join(f'"{w}"' for w in words)
    phrase = '"' + " ".join(words) + '"'
    names = ("SELECT e.id, e.name, e.type, min(hit.score) AS score FROM"
             " (SELECT entity_id, bm25(aliases_fts) AS score FROM aliases_fts WHERE aliases_fts MATCH ?"
             "  ORDER BY score LIMIT ?) AS hit JOIN entities e ON e.id = hit.entity_id"
             " GROUP BY e.id ORDER BY score, e.name LIMIT ?")
    entities = [dict(r) for r in store.conn.execute(names, (phrase, limit * 4, limit))]
    if not entities and len(words) > 1:
        entities = [dict(r) for r in store.conn.execute(names, (every, limit * 4, limit))]
    sql = ("SELECT f.rowid, snippet(documents_fts, 1, '[', ']', ' … ', 12), bm25(documents_fts), d.name, d.title"
           " FROM documents_fts f JOIN documents d ON d.id = f.rowid"
           " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?")
    hits = store.conn.execute(sql, (phrase, limit)).fetchall()
    if not hits and len(words) > 1:
        hits = store.conn.execute(sql, (every, limit)).fetchall()
    documents = [{"id": rowid, "name": name, "title": title, "snippet": snippet, "score": score}
                 for rowid, snippet, score, name, title in hits]
    return {"query": text, "entities": entities, "documents": documents}
