"""Time-aware questions over the store; the CLI and the web app both call these functions.

Interval semantics (see docs/queries.md):

* ``joined``, ``allegiance_to``, ``component_of``, ``member_of``, ``merged_into`` and ``leader_of`` are
  *states*: each holds from the start of its date until a later fact ends it — the subject splinters
  from or turns rival to the same group, merges into another, is killed, ends (dissolved, defeated,
  fractured, absorbed: ``group_events``), or (for ``leader_of``) another person is recorded as leader of
  the same group — or until its own ``end``. A group that merged into another stays part of it.
* Every other relation is an *event or observation*: a fact dated ``2015`` holds over 2015 (its
  earliest to latest day); ``start``/``end`` give a span, an open end holds on.
* Undated facts are not placed in time; ``asof`` leaves them out unless asked.
* Approximate, uncertain and coarse dates (``2015~``, ``2016-23``) keep their EDTF and are flagged
  ``uncertain_date`` so a reader sees how firm the placement is.
"""

from __future__ import annotations

import bisect
import sqlite3
from dataclasses import dataclass
from typing import Any

from factionmap import descent, edtf, wording
from factionmap.errors import FactionmapError
from factionmap.model import LIFECYCLE, norm
from factionmap.store import Store

STATES = frozenset(
    {
        "joined",
        "allegiance_to",
        "component_of",
        "member_of",
        "merged_into",
        "leader_of",
        "allied_with",
        "rival_of",
        "ceasefire_with",
    }
)
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
        return (
            RELIABILITY.index(r if r in RELIABILITY else "F") <= RELIABILITY.index(self.reliability)
            and c <= self.credibility
        )


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
        " ORDER BY e.id",
        (key,),
    ).fetchall()
    if not rows:  # an identifier a text gave it: "QDe.004", "un:QDe.004", "Q83150"
        ident = str(name).strip()
        rows = store.conn.execute(
            "SELECT DISTINCT e.id, e.name, e.type FROM entity_ids i JOIN entities e ON e.id = i.entity_id"
            " WHERE lower(i.value) = lower(?) OR lower(i.scheme || ':' || i.value) = lower(?) ORDER BY e.id",
            (ident, ident),
        ).fetchall()
        if len(rows) == 1:
            return dict(rows[0])
    if not rows:
        raise UnknownEntity(str(name))
    exact = [r for r in rows if norm(r["name"]) == key]
    if len(rows) > 1 and len(exact) != 1:
        raise AmbiguousName(str(name), [dict(r) for r in rows])
    return dict(exact[0] if len(rows) > 1 else rows[0])


def why(store: Store, name: str | int) -> dict[str, Any]:
    """How an entity came together: its identifiers, each text's name for it with the name or identifier
    that joined it to the entity (none for the first text to name it), and the names texts say it had before
    or took after, with their periods."""
    ent = find_entity(store, name)
    return {
        "entity": ent,
        "ids": store.ids_of(ent["id"]),
        "sources": [
            {"doc": s["doc"], "name": s["name"], "names": s["names"], "joined_by": s["joined_by"]}
            for s in store.sources_of(ent["id"])
        ],
        "names_over_time": store.names_over_time(ent["id"]),
    }


_FACT_SQL = (
    "SELECT f.id, f.key, f.subject_id, s.name AS subject, s.type AS subject_type, f.relation, f.object_id,"
    ' o.name AS object, o.type AS object_type, f.value, f.value_high, f.date, f.start, f."end", f.earliest,'
    " f.latest, f.certainty, f.status, f.component AS produced_by, f.confidence,"
    " (SELECT MIN(pd.published_by) FROM evidence pv JOIN documents pd ON pd.id = pv.doc_id"
    "  WHERE pv.fact_id = f.id) AS first_published"
    " FROM facts f JOIN entities s ON s.id = f.subject_id"
    " LEFT JOIN entities o ON o.id = f.object_id"
)


def _facts(store: Store, where: str, params: tuple[Any, ...], grade: Grade | None = None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in store.conn.execute(f"{_FACT_SQL} WHERE {where} ORDER BY f.id", params)]
    if grade is not None:
        rows = [
            r
            for r in rows
            if r["confidence"] >= grade.confidence
            and (grade.reliability == "F" and grade.credibility == 6 or _graded(store, r["id"], grade))
        ]
    for r in rows:
        r["value"] = _num(r["value"])
        r["value_high"] = _num(r["value_high"])
        r["uncertain_date"] = _uncertain(r)
    return rows


def _graded(store: Store, fact_id: int, grade: Grade) -> bool:
    return any(
        grade.admits(r[0], r[1])
        for r in store.conn.execute(
            "SELECT d.reliability, d.credibility FROM evidence ev JOIN documents d ON d.id = ev.doc_id"
            " WHERE ev.fact_id = ?",
            (fact_id,),
        )
    )


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
        if v and (v[-1] in "~?%]" or "X" in v or (len(v) >= 7 and v[5:7].isdigit() and int(v[5:7]) > 12)):
            return True
    return False


def evidence(store: Store, fact_id: int) -> list[dict[str, Any]]:
    """The evidence of a fact: document, span, the quoted text and the source's grade."""
    return evidence_of(store, [fact_id]).get(fact_id, [])


def evidence_of(store: Store, fact_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The evidence of many facts at once (one query per 500 facts), by fact id."""
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(fact_ids), 500):
        chunk = fact_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for fid, doc_id, name, start, end, rel, cred, published in store.conn.execute(
            f'SELECT ev.fact_id, d.id, d.name, ev.start, ev."end", d.reliability, d.credibility, d.published_by'
            f" FROM evidence ev JOIN documents d ON d.id = ev.doc_id WHERE ev.fact_id IN ({marks})"
            f" ORDER BY d.name, ev.start",
            chunk,
        ):
            out.setdefault(fid, []).append(
                {
                    "doc": name,
                    "doc_id": doc_id,
                    "start": start,
                    "end": end,
                    "text": store.doc_text(doc_id)[start:end],
                    "grade": f"{rel or ''}{cred or ''}" or None,
                    "published_by": published,
                }
            )
    return out


PAIRS = frozenset({"allied_with", "rival_of", "ceasefire_with"})
# states of a member in a group: they end when the member leaves (splinters, turns rival, joins a rival)
BELONGING = frozenset({"joined", "allegiance_to", "component_of", "member_of", "leader_of"})
# what can end a state, read from the side of the entity the rules look at
_AS_SUBJECT = (
    "killed",
    "merged_into",
    "splinter_of",
    "rival_of",
    "allied_with",
    "ceasefire_with",
    "joined",
    "component_of",
    "allegiance_to",
    "member_of",
)
_AS_OBJECT = ("rival_of", "allied_with", "ceasefire_with", "leader_of", "successor_of")
_ENDER_SQL = (
    "SELECT f.id, f.key, f.subject_id, s.name AS subject, f.relation, f.object_id, o.name AS object,"
    ' f.value, f.value_high, f.date, f.start, f."end", f.earliest, f.latest FROM facts f'
    " JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id"
)
RULES = {
    "death": "a person's roles and memberships end at their death",
    "successor": "a leadership ends when a successor takes the role",
    "left": "a membership or component ends when the member splits off from or turns rival to the group",
    "joined a rival": "a membership or component ends when the member joins a rival of the group",
    "merged": "a group's relations end when it merges into another (the merger itself holds on)",
    "group merged": "a leadership, membership or component ends when its group merges into another",
    "new connection": "an alliance or ceasefire ends at a later rivalry between the same two, and the other way round",
    "dissolved": "a group's ties end when it is dissolved, defeated, fractured or absorbed (its absorption holds on)",
    "group dissolved": "a leadership, membership, component or alliance of a group ends when the group is dissolved,"
    " defeated, fractured or absorbed",
}


def _ender_sql(known_by: str | None) -> tuple[str, tuple[Any, ...]]:
    """Facts that may end a state: dated (a day, or only a last day: "by 1985"), neither denied nor rejected,
    and (``known_by``) published by then."""
    sql = "(f.earliest IS NOT NULL OR f.latest IS NOT NULL) AND f.certainty != 'denied' AND f.status != 'rejected'"
    params: tuple[Any, ...] = ()
    if known_by:
        sql += f" AND {_KNOWN_SQL}"
        params += (known_by,)
    return sql, params


_KNOWN_SQL = (
    "EXISTS (SELECT 1 FROM evidence kv JOIN documents kd ON kd.id = kv.doc_id"
    " WHERE kv.fact_id = f.id AND kd.published_by IS NOT NULL AND kd.published_by <= ?)"
)


_JOINS = ("joined", "component_of", "allegiance_to", "member_of", "merged_into")


class _Enders:
    """The facts that can end the states of a set of entities, indexed for the rules above: by subject and
    relation, by subject, relation and object, leaders by group and role in date order, rivalries by pair."""

    def __init__(self, store: Store, entities: set[int], known_by: str | None = None) -> None:
        self.sr: dict[tuple[int, str], list[sqlite3.Row]] = {}
        self.sro: dict[tuple[int, str, int], list[sqlite3.Row]] = {}
        self.joins: dict[int, list[sqlite3.Row]] = {}
        self.leaders: dict[tuple[int, str], list[sqlite3.Row]] = {}
        self.led: dict[int, set[int]] = {}
        self.succeeded: dict[int, list[sqlite3.Row]] = {}
        self.rivalry: dict[frozenset[int], str] = {}  # pair → the first day the text gives them as rivals
        where, params = _ender_sql(known_by)
        ids = sorted(entities)
        seen: set[int] = set()
        every = tuple(sorted(set(_AS_SUBJECT) | set(_AS_OBJECT)))
        # a few entities: their facts by index, one look-up per side (an OR of the two would scan the table);
        # many (the whole network): every ending fact in one pass
        scopes: list[tuple[str, tuple[Any, ...]]] = [(f" AND f.relation IN ({','.join('?' * len(every))})", every)]
        if len(ids) <= 2000:
            scopes = [
                (
                    f" AND f.{side} IN ({','.join('?' * len(chunk))}) AND f.relation IN ({','.join('?' * len(rels))})",
                    (*chunk, *rels),
                )
                for chunk in (ids[i : i + 400] for i in range(0, len(ids), 400))
                for side, rels in (("subject_id", _AS_SUBJECT), ("object_id", _AS_OBJECT))
            ]
        for scope, args in scopes:
            for t in store.conn.execute(f"{_ENDER_SQL} WHERE {where}{scope}", (*params, *args)):
                if t["id"] in seen:
                    continue
                seen.add(t["id"])
                s, rel, o = t["subject_id"], t["relation"], t["object_id"]
                self.sr.setdefault((s, rel), []).append(t)
                if o is None:
                    continue
                self.sro.setdefault((s, rel, o), []).append(t)
                if rel in _JOINS:
                    self.joins.setdefault(s, []).append(t)
                elif rel == "leader_of":
                    self.leaders.setdefault((o, t["value"] or ""), []).append(t)
                    self.led.setdefault(o, set()).add(s)
                elif rel == "successor_of":
                    self.succeeded.setdefault(o, []).append(t)
                elif rel == "rival_of":
                    pair, first = frozenset((s, o)), t["earliest"] or t["latest"]
                    self.rivalry[pair] = min(self.rivalry.get(pair, first), first)
        # groups' ends (group_events), shaped as ending facts: dated, not denied, known by then
        self.ended: dict[int, list[dict[str, Any]]] = {}
        for g in store.group_events(ids if len(ids) <= 2000 else None, known_by):
            if g["certainty"] == "denied" or (g["earliest"] is None and g["latest"] is None):
                continue
            self.ended.setdefault(g["entity_id"], []).append(
                {
                    "id": -g["id"],
                    "key": f"event:{g['id']}",
                    "subject_id": g["entity_id"],
                    "subject": g["entity"],
                    "relation": g["kind"],
                    "object_id": g["into_id"],
                    "object": g["into_name"],
                    "value": None,
                    "value_high": None,
                    **{k: g[k] for k in ("date", "start", "end", "earliest", "latest")},
                }
            )
        self.leader_days: dict[tuple[int, str], list[str]] = {}
        for key, rows in self.leaders.items():
            rows.sort(key=lambda t: t["earliest"] or "")
            self.leader_days[key] = [t["earliest"] or "" for t in rows]

    def rival_pair(self, a: int, b: int, by: str) -> bool:
        """True when the text gives a and b as rivals at a date not after ``by`` (the ender's last day)."""
        first = self.rivalry.get(frozenset((a, b)))
        return first is not None and first <= by

    def successor(self, f: dict[str, Any]) -> sqlite3.Row | None:
        """The first later leader of ``f``'s group in ``f``'s role who is not ``f``'s subject."""
        key = (f["object_id"], f["value"] or "")
        rows = self.leaders.get(key, [])
        i = bisect.bisect_right(self.leader_days.get(key, []), f["earliest"])
        return next((t for t in rows[i:] if t["subject_id"] != f["subject_id"]), None)


def _cite(rule: str, row: Any) -> dict[str, Any]:
    """What ended a state: the rule and the fact that ends it, with that fact's key, words and date."""
    f = dict(row)
    when = wording.when_text(f)
    said = (
        f"{f['subject']} {wording.event_phrase(f['relation'])} {f['object'] or ''}".strip()
        if f["relation"] in LIFECYCLE
        else wording.sentence(f)
    )
    return {
        "rule": rule,
        "why": RULES[rule],
        "fact": f["key"],
        "relation": f["relation"],
        "subject": f["subject"],
        "object": f["object"],
        "date": f["date"] or f["start"],
        "text": said + (f" ({when})" if when else ""),
    }


def _endings(f: dict[str, Any], enders: _Enders) -> list[tuple[str, str, Any]]:
    """Every (first day, rule, fact) that ends state ``f`` by the rules of docs/queries.md."""
    begin = f["earliest"]
    s, o, rel = f["subject_id"], f["object_id"], f["relation"]
    found: list[tuple[str, str, Any]] = []

    def at(rows: list[Any] | None, rule: str, overlap: bool) -> None:
        """Record these facts as ends: ``overlap`` rules end a state whose start the ender's date can cover,
        the others only a state that began before the ender."""
        for t in rows or ():
            if t["id"] == f["id"]:
                continue
            if t["earliest"] is None:  # only a last day ("until 1985"): it happened by then
                if overlap and t["latest"] >= begin:
                    found.append((t["latest"], rule, t))
            elif overlap and (t["latest"] or "9999") >= begin:  # an open end ("since 2014") runs on
                found.append((max(t["earliest"], begin), rule, t))
            elif not overlap and t["earliest"] > begin:
                found.append((t["earliest"], rule, t))

    sr, sro = enders.sr, enders.sro
    if f["subject_type"] == "PERSON":
        at(sr.get((s, "killed")), "death", True)
    at(
        [
            t
            for t in sr.get((s, "merged_into"), ())
            if not (rel in ("merged_into", "component_of", "joined", "allegiance_to") and t["object_id"] == o)
        ],
        "merged",
        True,
    )
    # a group's end: its own ties end, but not its absorption into (or being part of) the group that absorbed it
    at(
        [
            t
            for t in enders.ended.get(s, ())
            if not (rel in _JOINS and t["object_id"] is not None and t["object_id"] == o)
        ],
        "dissolved",
        True,
    )
    if o is None:
        return found
    if rel in BELONGING or rel in PAIRS:
        at(enders.ended.get(o), "group dissolved", True)
    if rel in BELONGING:
        at(sro.get((s, "splinter_of", o)), "left", False)
        at(sro.get((s, "rival_of", o)), "left", False)
        at(sro.get((o, "rival_of", s)), "left", False)
        at(sr.get((o, "merged_into")), "group merged", True)
        if rel != "leader_of":
            at(
                [
                    t
                    for t in enders.joins.get(s, ())
                    if t["object_id"] != o and enders.rival_pair(t["object_id"], o, t["latest"] or "9999")
                ],
                "joined a rival",
                False,
            )
    if rel in PAIRS:
        at(sr.get((o, "merged_into")), "merged", True)
        others = ("allied_with", "ceasefire_with") if rel == "rival_of" else ("rival_of",)
        for other in others:
            at(sro.get((s, other, o)), "new connection", False)
            at(sro.get((o, other, s)), "new connection", False)
    if rel == "leader_of":
        nxt = enders.successor(f)
        at([nxt] if nxt is not None else None, "successor", False)
        at([t for t in enders.succeeded.get(s, ()) if t["subject_id"] in enders.led.get(o, set())], "successor", False)
    return found


def holding_interval(
    f: dict[str, Any], enders: _Enders | None = None
) -> tuple[str | None, str | None, tuple[str, Any] | None]:
    """The days over which a fact holds, by the semantics above (None is an open end), and, when the end
    was inferred, the rule and the fact that ended it (``_cite`` words them)."""
    start = f["earliest"]
    if f["start"] is None and f["date"] is None and f["end"] is not None:
        start = None
    if f["relation"] not in STATES or f["certainty"] == "denied":
        return start, f["latest"], None
    if f["end"]:
        return start, edtf.bounds(f["end"])[1], None  # an explicit end always wins
    if not f["earliest"] or enders is None:
        return start, None, None
    ends = _endings(f, enders)
    if not ends:
        return start, None, None
    day, rule, t = min(ends, key=lambda e: (e[0], e[2]["id"]))
    return start, day, (rule, t)


def _place(
    store: Store, facts: list[dict[str, Any]], known_by: str | None = None, cite: bool = True
) -> list[dict[str, Any]]:
    """Set each fact's ``holds_from``/``holds_until`` and ``ended_by`` (the citation of what ended it, or
    None); with ``cite`` False the citation is left raw for ``_cited`` to word once a caller has kept it."""
    states = [f for f in facts if f["relation"] in STATES and f["earliest"] and not f["end"]]
    enders = _Enders(store, {e for f in states for e in (f["subject_id"], f["object_id"]) if e is not None}, known_by)
    for f in facts:
        f["holds_from"], f["holds_until"], f["ended_by"] = holding_interval(f, enders)
        if cite:
            _cited(f)
    return facts


def _cited(f: dict[str, Any]) -> dict[str, Any]:
    """Word a fact's raw ending (rule, fact) as its citation."""
    if isinstance(f["ended_by"], tuple):
        f["ended_by"] = _cite(*f["ended_by"])
    return f


def _holds(f: dict[str, Any], lo: str, hi: str) -> bool:
    if f["holds_from"] is None and f["holds_until"] is None:
        return False
    return (f["holds_from"] is None or f["holds_from"] <= hi) and (f["holds_until"] is None or f["holds_until"] >= lo)


def _day_bounds(date: str, what: str) -> tuple[str, str]:
    try:
        lo, hi = edtf.bounds(date)
    except FactionmapError:
        lo = hi = None
    if lo is None or hi is None:
        raise FactionmapError(f"{what} {date!r}: give a day, month or year, e.g. 2016-06")
    return lo, hi


def asof(
    store: Store,
    date: str,
    around: str | int | None = None,
    depth: int = 1,
    relations: set[str] | None = None,
    include_undated: bool = False,
    grade: Grade | None = None,
    known_by: str | None = None,
) -> dict[str, Any]:
    """The network as it stood on ``date`` (EDTF: a day, month, year…), optionally around one entity.

    ``known_by`` (EDTF) answers from what documents published by then state: facts and the facts that
    end them alike; documents of unknown date are left out.
    """
    lo, hi = _day_bounds(date, "date")
    known = _day_bounds(known_by, "known-by date")[1] if known_by else None
    rel_sql = ""
    params: tuple[Any, ...] = ()
    if relations:
        rel_sql = f" AND f.relation IN ({','.join('?' * len(relations))})"
        params = tuple(sorted(relations))
    if known:
        rel_sql += f" AND {_KNOWN_SQL}"
        params += (known,)
    time_sql = '(f.earliest IS NULL AND f."end" IS NULL)' if include_undated else "0"
    time_sql = f'(({time_sql}) OR (f.earliest <= ? OR (f.earliest IS NULL AND f."end" IS NOT NULL)))'
    facts: dict[int, dict[str, Any]] = {}
    center = None
    if around is not None:
        center = find_entity(store, around)
        frontier, seen = {center["id"]}, {center["id"]}
        for _ in range(max(1, depth)):
            if not frontier:
                break
            marks = ",".join("?" * len(frontier))
            rows = _facts(
                store,
                f"(f.subject_id IN ({marks}) OR f.object_id IN ({marks})) AND {time_sql}{rel_sql}",
                (*frontier, *frontier, hi, *params),
                grade,
            )
            nxt: set[int] = set()
            for f in _place(store, rows, known, cite=False):
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
        for f in _place(store, rows, known, cite=False):
            if _holds(f, lo, hi) or (include_undated and f["earliest"] is None and f["end"] is None):
                facts[f["id"]] = f
    ordered = sorted(facts.values(), key=lambda f: (f["holds_from"] or "", f["id"]))
    for f in ordered:
        _cited(f)
        f["phrase"] = wording.phrase(f["relation"], has_object=f["object_id"] is not None)
        f["when_text"] = wording.when_text(f)
    return {"date": date, "from": lo, "to": hi, "around": center, "known_by": known_by, "facts": ordered}


def holding_intervals(store: Store, grade: Grade | None = None) -> dict[str, tuple[str | None, str | None]]:
    """Every entity-to-entity fact that holds at some time, by key: the first and last day (None: open) of
    the days over which :func:`asof` gives it. A fact is in ``asof(store, D)`` exactly when its interval
    meets D's days (``start <= D's last day`` and ``end >= D's first day``), so a client that holds these
    answers any date or range itself, with no further query (the map's time slider does).

    >>> import os, tempfile
    >>> from factionmap.api import ingest_text, open_kb
    >>> kb = open_kb(os.path.join(tempfile.mkdtemp(), "kb.db"))
    >>> _ = ingest_text(kb, "The Qorvan Brigade joined the Tessaly Alliance in March 2015.", name="q.txt")
    >>> list(holding_intervals(kb).values())
    [('2015-03-01', None)]
    """
    rows = _facts(store, '(f.earliest IS NOT NULL OR f."end" IS NOT NULL) AND f.object_id IS NOT NULL', (), grade)
    out: dict[str, tuple[str | None, str | None]] = {}
    for f in _place(store, rows, cite=False):
        start, until = f["holds_from"], f["holds_until"]
        if start is None and until is None:
            continue  # asof never gives it
        if f["earliest"] is not None and (start is None or f["earliest"] > start):
            start = f["earliest"]  # asof reads only the facts begun by the range's last day
        out[f["key"]] = (start, until)
    return out


def timeline(store: Store, name: str | int, grade: Grade | None = None) -> dict[str, Any]:
    """Every dated fact about an entity in order, each with its evidence; and the group's ends (``ends``: dissolved,
    defeated, fractured, absorbed), each with its sentence."""
    ent = find_entity(store, name)
    rows = _facts(
        store,
        '(f.subject_id = ? OR f.object_id = ?) AND (f.earliest IS NOT NULL OR f."end" IS NOT NULL)',
        (ent["id"], ent["id"]),
        grade,
    )
    rows.sort(key=lambda f: (f["earliest"] or edtf.bounds(f["end"])[0] or "", f["id"]))
    found = evidence_of(store, [f["id"] for f in rows])
    for f in rows:
        f["evidence"] = found.get(f["id"], [])
        f["when_text"] = wording.when_text(f)
    return {"entity": ent, "facts": rows, "ends": store.group_events([ent["id"]])}


def lineage(store: Store, name: str | int, max_depth: int = 4, max_nodes: int = 300) -> dict[str, Any]:
    """Predecessors, components, mergers and splinters of a group, as a tree with dates.

    Children are what merged into, joined, split from or is a component of a group (followed down
    ``max_depth`` levels); the group's own outgoing links (part of, merged into, split from) are leaves.
    """
    ent = find_entity(store, name)
    kinds = {
        ("merged_into", True): "merged in",
        ("component_of", True): "component",
        ("joined", True): "joined by",
        ("splinter_of", True): "splinter",
        ("merged_into", False): "merged into",
        ("component_of", False): "part of",
        ("joined", False): "joined",
        ("splinter_of", False): "split from",
    }
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
                node = {
                    "kind": kinds[(f["relation"], incoming)],
                    "entity": {"id": other, "name": f["subject"] if incoming else f["object"]},
                    "date": f["date"] or f["start"],
                    "when_text": wording.when_text(f),
                    "certainty": f["certainty"],
                    "fact": f["key"],
                    "children": [],
                }
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
        f["when_text"] = wording.when_text(f)
        f["holds_text"] = wording.holds_text(f["holds_from"], f["holds_until"])
    return {"entity": ent, "leaders": rows}


def members(store: Store, name: str | int) -> dict[str, Any]:
    """Membership figures over time: value, range, date, certainty and source."""
    ent = find_entity(store, name)
    rows = _facts(store, "f.subject_id = ? AND f.relation = 'membership'", (ent["id"],))
    rows.sort(key=lambda f: (f["earliest"] or "9999", f["id"]))
    for f in rows:
        f["evidence"] = evidence(store, f["id"])
        f["when_text"] = wording.when_text(f)
    return {"entity": ent, "members": rows}


def funding(store: Store, name: str | int) -> dict[str, Any]:
    """Money in (who funds it) and out (whom it funds), with shares where the text gives them."""
    ent = find_entity(store, name)
    inflow = _facts(store, "f.subject_id = ? AND f.relation = 'funded_by'", (ent["id"],))
    outflow = _facts(store, "f.object_id = ? AND f.relation = 'funded_by'", (ent["id"],))
    for f in inflow + outflow:
        f["evidence"] = evidence(store, f["id"])
    return {"entity": ent, "in": inflow, "out": outflow}


def path(
    store: Store, a: str | int, b: str | int, date: str | None = None, limit: int = 5, max_depth: int = 4
) -> dict[str, Any]:
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
            chunk = ids[i : i + 900]
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT f.id, f.subject_id, f.object_id FROM facts f WHERE {base} AND"
                f" (f.subject_id IN ({marks}) OR f.object_id IN ({marks}))"
            )
            edges += [tuple(r) for r in store.conn.execute(sql, (*chunk, *chunk))]
        if date:
            keep = (
                {
                    f["id"]
                    for f in _place(store, _facts(store, f"f.id IN ({','.join(str(e[0]) for e in edges)})", ()))
                    if _holds(f, lo or "", hi or "")
                }
                if edges
                else set()
            )
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
    facts = (
        {f["id"]: f for f in _facts(store, f"f.id IN ({','.join(str(i) for r in routes for i in r)})", ())}
        if routes
        else {}
    )
    paths = []
    for r in routes:
        steps = [facts[i] for i in r]
        paths.append(steps)
    return {"from": src, "to": dst, "date": date, "paths": paths}


# roles one person holds at a time in a group; other roles ("commander", "leader") may be shared
SINGLE_HOLDER = frozenset(
    {
        "emir",
        "amir",
        "wali",
        "governor",
        "deputy governor",
        "deputy emir",
        "chief",
        "president",
        "chairman",
        "supreme leader",
        "head",
        "spokesperson",
    }
)
# relations that state the same kind of tie, for a denial: denying support contradicts an alliance
_FAMILIES = (
    {"allied_with", "supported_by", "funded_by", "allegiance_to"},
    {"joined", "member_of", "component_of", "merged_into"},
)


def _event_key(f: dict[str, Any]) -> tuple[Any, ...] | None:
    """Which single event a fact dates: a person's death, a group's founding, a group's move into another."""
    rel = f["relation"]
    if rel == "killed":
        return ("a person killed twice", f["subject_id"])
    if rel == "founded_on":
        return ("different dates for the same event", "founding", f["subject_id"])
    if rel == "founded" and f["object_id"] is not None:
        return ("different dates for the same event", "founding", f["object_id"])
    if rel in ("joined", "merged_into") and f["object_id"] is not None:
        return ("different dates for the same event", "move", f["subject_id"], f["object_id"])
    return None


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two dated facts' own days can overlap (an open end runs on)."""
    if not a["earliest"] or not b["earliest"]:
        return False
    return a["earliest"] <= (b["latest"] or "9999") and b["earliest"] <= (a["latest"] or "9999")


def _short(f: dict[str, Any]) -> bool:
    """A date a month long or shorter (a day, a month): precise enough to say two things were at once."""
    return bool(f["earliest"] and f["latest"]) and f["earliest"][:7] == f["latest"][:7]


def _names(facts: list[dict[str, Any]], ids: list[int]) -> list[str]:
    """The names of the entities ``ids`` as the facts give them, in that order."""
    names = {f["subject_id"]: f["subject"] for f in facts} | {
        f["object_id"]: f["object"] for f in facts if f["object_id"] is not None
    }
    return [names[i] for i in ids if i in names]


def contradictions(store: Store) -> list[dict[str, Any]]:
    """Facts that cannot all be true, each kind with the facts involved and their evidence (docs/queries.md):

    * the same event dated differently, also within one document: a death, a founding (``founded_on``
      and ``founded``), a group's move into another (``joined`` and ``merged_into``), at dates that
      cannot overlap; a death at two such dates is "a person killed twice";
    * a fact stated and denied: the same tie between the same two (in either direction, by family: an
      alliance, support, funding or allegiance; a joining, membership, component or merger);
    * membership figures that disagree for the same date;
    * two holders of a single-holder role (emir, wali, …) of one group at the same day or month;
    * allied and rivals at the same time: both dated to the same day or month (an alliance and a rivalry
      in one year may follow each other, which ends the first, see above);
    * different descents given for one person: two sentences that give one person different tribes, clans or
      peoples (``descent``); these come with ``statements`` (the sentences and the words that say it), not
      facts: either the text disagrees or two people of one name were taken for one.

    Two facts disagree only when they come from different statements: facts read from the same sentence
    (one sentence read two ways) are never set against each other.
    """
    out: list[dict[str, Any]] = []
    said: dict[int, set[tuple[int, int, int]]] = {}
    for fid, doc, a, b in store.conn.execute('SELECT fact_id, doc_id, start, "end" FROM evidence'):
        said.setdefault(fid, set()).add((doc, a, b))

    def apart(x: dict[str, Any], y: dict[str, Any]) -> bool:
        """Two statements, not one sentence read two ways: no evidence span in common."""
        return not said.get(x["id"], set()) & said.get(y["id"], set())

    live = "f.certainty != 'denied' AND f.status != 'rejected'"
    events: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in _facts(
        store,
        f"{live} AND f.earliest IS NOT NULL AND f.relation IN"
        " ('killed', 'founded_on', 'founded', 'joined', 'merged_into')",
        (),
    ):
        key = _event_key(f)
        if key is not None:
            events.setdefault(key, []).append(f)
    for key, facts in events.items():
        if any(not _overlap(x, y) and apart(x, y) for i, x in enumerate(facts) for y in facts[i + 1 :]):
            ids = list(key[1:] if key[0] == "a person killed twice" else key[2:])  # the event's entities
            out.append({"kind": key[0], "about": _names(facts, ids), "facts": facts})
    every = _facts(store, "f.status != 'rejected'", ())
    ties: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in every:
        if f["object_id"] is None:
            continue
        family = next((i for i, fam in enumerate(_FAMILIES) if f["relation"] in fam), f["relation"])
        pair = tuple(sorted((f["subject_id"], f["object_id"])))
        ties.setdefault((family, pair), []).append(f)
    for facts in ties.values():
        denied = [f for f in facts if f["certainty"] == "denied"]
        stated = [
            f
            for f in facts
            if f["certainty"] != "denied"
            and any((not f["earliest"] or not d["earliest"] or _overlap(f, d)) and apart(f, d) for d in denied)
        ]
        if denied and stated:
            out.append(
                {
                    "kind": "a claim and its denial",
                    "about": _names(facts, [denied[0]["subject_id"], denied[0]["object_id"]]),
                    "facts": stated + denied,
                }
            )
    figures: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in every:
        if f["relation"] == "membership" and f["earliest"] and f["certainty"] != "denied":
            figures.setdefault((f["subject_id"], f["earliest"], f["latest"]), []).append(f)
    for facts in figures.values():
        if any(
            (x["value"], x["value_high"]) != (y["value"], y["value_high"]) and apart(x, y)
            for i, x in enumerate(facts)
            for y in facts[i + 1 :]
        ):
            out.append({"kind": "membership figures that disagree", "about": [facts[0]["subject"]], "facts": facts})
    roles: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in every:
        if (
            f["relation"] == "leader_of"
            and f["certainty"] != "denied"
            and _short(f)
            and norm(str(f["value"] or "")) in SINGLE_HOLDER
        ):
            roles.setdefault((f["object_id"], norm(str(f["value"]))), []).append(f)
    for facts in roles.values():
        clash = {
            f["id"]: f
            for i, x in enumerate(facts)
            for y in facts[i + 1 :]
            if x["subject_id"] != y["subject_id"] and _overlap(x, y) and apart(x, y)
            for f in (x, y)
        }
        if clash:
            out.append(
                {
                    "kind": "two holders of a single-holder role at once",
                    "about": [facts[0]["object"]],
                    "facts": list(clash.values()),
                }
            )
    pairs: dict[tuple[int, int], dict[str, list[dict[str, Any]]]] = {}
    for f in every:
        if f["relation"] in ("allied_with", "rival_of") and f["certainty"] != "denied":
            s, o = sorted((f["subject_id"], f["object_id"]))
            pairs.setdefault((s, o), {}).setdefault(f["relation"], []).append(f)
    for rels in pairs.values():
        if any(
            _overlap(a, b) and _short(a) and _short(b) and apart(a, b)
            for a in rels.get("allied_with", [])
            for b in rels.get("rival_of", [])
        ):
            facts = rels["allied_with"] + rels["rival_of"]
            out.append(
                {
                    "kind": "allied and rivals at the same time",
                    "about": _names(facts, [facts[0]["subject_id"], facts[0]["object_id"]]),
                    "facts": facts,
                }
            )
    found = evidence_of(store, [f["id"] for item in out for f in item["facts"]])
    for item in out:
        for f in item["facts"]:
            f["evidence"] = found.get(f["id"], [])
        item["statements"] = []
    return out + _descents_that_disagree(store)


def _descents_that_disagree(store: Store) -> list[dict[str, Any]]:
    """People given two different tribes, clans or peoples by two sentences (``descent``): each with the
    statements, in the shape of evidence plus the words that say the descent (``said``)."""
    said: dict[int, list[tuple[descent.Descent, dict[str, Any]]]] = {}
    names: dict[int, str] = {}
    rows = store.conn.execute(
        'SELECT m.doc_id, m.entity_id, m."end", e.name, d.name FROM mentions m JOIN entities e ON e.id = m.entity_id'
        " JOIN documents d ON d.id = m.doc_id WHERE e.type = 'PERSON' ORDER BY m.doc_id, m.start"
    ).fetchall()
    hopeful: dict[int, bool] = {}
    for doc_id, entity_id, end, name, doc in rows:
        if doc_id not in hopeful:
            hopeful[doc_id] = descent.possible(store.doc_text(doc_id))
        if not hopeful[doc_id]:
            continue
        text = store.doc_text(doc_id)
        d = descent.read(text, end)
        if d is None:
            continue
        start, stop = store.conn.execute(
            'SELECT start, "end" FROM sentences WHERE doc_id = ? AND start <= ? AND "end" >= ?', (doc_id, end, end)
        ).fetchone() or (end, end)
        names[entity_id] = name
        statement = {
            "doc": doc,
            "doc_id": doc_id,
            "start": start,
            "end": stop,
            "text": text[start:stop],
            "said": d.said,
        }
        said.setdefault(entity_id, []).append((d, statement))
    out = []
    for entity_id, found in said.items():
        clash = {
            (s["doc_id"], s["start"]): s
            for i, (a, x) in enumerate(found)
            for b, y in found[i + 1 :]
            if descent.disagree(a, b) and (x["doc_id"], x["start"]) != (y["doc_id"], y["start"])
            for s in (x, y)
        }
        if clash:
            out.append(
                {
                    "kind": "different descents given for one person",
                    "about": [names[entity_id]],
                    "facts": [],
                    "statements": list(clash.values()),
                }
            )
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
    names = (
        "SELECT e.id, e.name, e.type, min(hit.score) AS score FROM"
        " (SELECT entity_id, bm25(aliases_fts) AS score FROM aliases_fts WHERE aliases_fts MATCH ?"
        "  ORDER BY score LIMIT ?) AS hit JOIN entities e ON e.id = hit.entity_id"
        " GROUP BY e.id ORDER BY score, e.name LIMIT ?"
    )
    entities = [dict(r) for r in store.conn.execute(names, (phrase, limit * 4, limit))]
    if not entities and len(words) > 1:
        entities = [dict(r) for r in store.conn.execute(names, (every, limit * 4, limit))]
    sql = (
        "SELECT f.rowid, snippet(documents_fts, 1, '[', ']', ' … ', 12), bm25(documents_fts), d.name, d.title"
        " FROM documents_fts f JOIN documents d ON d.id = f.rowid"
        " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?"
    )
    hits = store.conn.execute(sql, (phrase, limit)).fetchall()
    if not hits and len(words) > 1:
        hits = store.conn.execute(sql, (every, limit)).fetchall()
    documents = [
        {"id": rowid, "name": name, "title": title, "snippet": snippet, "score": score}
        for rowid, snippet, score, name, title in hits
    ]
    return {"query": text, "entities": entities, "documents": documents}


def all_facts(store: Store) -> list[dict[str, Any]]:
    """Every stored fact in id order, each placed in time (``holds_from``, ``holds_until``): what the
    graph exporters write."""
    return _place(store, _facts(store, "1", ()))


def source_urls(store: Store) -> dict[int, str | None]:
    """The source address of every document, by document id."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT id, source_url FROM documents")}


def document(store: Store, doc_id: int, start: int = 0, size: int | None = None) -> dict[str, Any] | None:
    """A document's text and metadata with its mentions and evidence spans (offsets into the whole text), or
    None when there is no such document. With ``size``, only the characters ``start`` to ``start + size``
    and the spans that overlap them; ``length`` is the whole text's length. ``published_by`` is the last day
    by which it was published and ``published_text`` its publication date in words (both None for a
    document of unknown date)."""
    row = store.conn.execute(
        "SELECT id, name, title, source_url, published, published_by, reliability,"
        " credibility, length(text) AS length FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    end = row["length"] if size is None else min(row["length"], start + size)
    text = store.conn.execute(
        "SELECT substr(text, ?, ?) FROM documents WHERE id = ?", (start + 1, max(0, end - start), doc_id)
    ).fetchone()[0]
    mentions = [
        dict(r)
        for r in store.conn.execute(
            'SELECT m.start, m."end", m.entity_id, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id'
            ' WHERE m.doc_id = ? AND m."end" > ? AND m.start < ? ORDER BY m.start',
            (doc_id, start, end),
        )
    ]
    evidence = [
        dict(r)
        for r in store.conn.execute(
            'SELECT ev.start, ev."end", f.key, f.relation, f.certainty FROM evidence ev JOIN facts f'
            ' ON f.id = ev.fact_id WHERE ev.doc_id = ? AND ev."end" > ? AND ev.start < ? ORDER BY ev.start',
            (doc_id, start, end),
        )
    ]
    published = row["published"][:10] if row["published_by"] else None  # None: of unknown date
    return {
        **dict(row),
        "published_text": wording.date_text(published) if published else None,
        "start": start,
        "end": end,
        "text": text,
        "mentions": mentions,
        "evidence": evidence,
    }


def has_fact(store: Store, key: str) -> bool:
    """True when a fact with exactly this key is stored."""
    return store.conn.execute("SELECT 1 FROM facts WHERE key = ?", (key,)).fetchone() is not None
