"""Score the facts stored for one document against a gold annotation (``shared/gold/SCHEMA.md``).

Triples (subject, relation, object) after mapping names through the gold names and aliases (case,
accents, dashes and quotes ignored); symmetric relations in either order; ``membership`` carries its
number. Precision, recall and F1 overall and per relation; entity recall; date and certainty accuracy
over matched triples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factionmap import edtf
from factionmap.errors import GoldError
from factionmap.model import RELATIONS, SYMMETRIC, Extraction, norm
from factionmap.store import Store

Triple = tuple[str, str, str | None]


@dataclass
class Gold:
    """A gold annotation: entities by id and their facts."""

    doc: str
    entities: dict[str, dict[str, Any]]
    facts: list[dict[str, Any]]
    by_name: dict[str, str] = field(default_factory=dict)


def load_gold(prefix: str | Path) -> Gold:
    """Read ``PREFIX.entities.json`` and ``PREFIX.facts.jsonl``; errors name the file and line."""
    p = Path(prefix)
    ent_path, fact_path = Path(f"{p}.entities.json"), Path(f"{p}.facts.jsonl")
    for f in (ent_path, fact_path):
        if not f.is_file():
            raise GoldError(f"{f}: gold file not found (expected PREFIX.entities.json and PREFIX.facts.jsonl)")
    try:
        raw = json.loads(ent_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{ent_path}: not valid JSON ({exc})") from None
    if not isinstance(raw, list):
        raise GoldError(f"{ent_path}: expected a JSON list of entities")
    entities: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(raw):
        if not isinstance(e, dict) or "id" not in e or "name" not in e:
            raise GoldError(f"{ent_path}: entity {i} lacks 'id' or 'name'")
        entities[e["id"]] = e
    facts = []
    for n, line in enumerate(fact_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            f = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{fact_path}: line {n}: not valid JSON ({exc.msg})") from None
        if not isinstance(f, dict) or "s" not in f or "r" not in f:
            raise GoldError(f"{fact_path}: line {n}: a fact needs 's' and 'r'")
        if f["r"] not in RELATIONS:
            raise GoldError(f"{fact_path}: line {n}: unknown relation {f['r']!r}")
        for side in ("s", "o"):
            if f.get(side) is not None and f[side] not in entities:
                raise GoldError(f"{fact_path}: line {n}: entity id {f[side]!r} is not in {ent_path.name}")
        facts.append(f)
    return make_gold(p.name, entities, facts)


def make_gold(doc: str, entities: dict[str, dict[str, Any]], facts: list[dict[str, Any]]) -> Gold:
    """A gold annotation from its entities and facts, every name and alias indexed for matching."""
    gold = Gold(doc, entities, facts)
    for eid, e in entities.items():
        for name in [e["name"], *e.get("aliases", [])]:
            gold.by_name.setdefault(norm(name), eid)
    return gold


def _key(s: str, r: str, o: str | None) -> Triple:
    if r in SYMMETRIC and o is not None and o < s:
        return (o, r, s)
    return (s, r, o)


def _value(v: Any) -> str | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return str(int(f)) if f.is_integer() else str(f)


def _gold_triple(f: dict[str, Any]) -> Triple:
    obj = f.get("o")
    if f["r"] == "membership":
        obj = f"#{_value(f.get('value'))}"
    return _key(f["s"], f["r"], obj)


def gold_id(gold: Gold, name: str, aliases: list[str]) -> str:
    """The gold id a system entity denotes (by name first, then aliases), or a system-only key.

    >>> gold = make_gold("d", {"a": {"id": "a", "name": "Dorn Front", "aliases": ["DF"]}}, [])
    >>> gold_id(gold, "the DF", ["DF"]), gold_id(gold, "Vale Army", [])
    ('a', 'sys:vale army')
    """
    for n in [name, *aliases]:
        eid = gold.by_name.get(norm(n))
        if eid is not None:
            return eid
    return f"sys:{norm(name)}"


def score(store: Store, gold: Gold, doc_name: str | None = None) -> dict[str, Any]:
    """Score the facts evidenced in the gold's document; return every figure as a dict."""
    doc = doc_name or f"{gold.doc}.txt"
    if store.document(doc) is None:
        raise GoldError(f"document {doc!r} is not in the database: ingest it first (factionmap ingest .../{doc})")
    return score_facts(store.export_facts(doc=doc), gold, doc)


def extraction_facts(ext: Extraction) -> Iterator[dict[str, Any]]:
    """The facts of one extraction in the shape of ``Store.export_facts`` (names, aliases, dates)."""
    for f in ext.facts:
        s = ext.entities[f.subject]
        o = ext.entities[f.object] if f.object is not None else None
        yield {
            "subject": s.name,
            "subject_aliases": sorted(s.aliases),
            "relation": f.relation,
            "object": o.name if o else None,
            "object_aliases": sorted(o.aliases) if o else [],
            "value": f.value,
            "date": f.date,
            "start": f.start,
            "end": f.end,
            "certainty": f.certainty,
            "component": f.component,
            "confidence": f.confidence,
        }


def _system_triples(facts: Iterable[dict[str, Any]], gold: Gold) -> tuple[dict[Triple, list[dict[str, Any]]], set[str]]:
    """The facts by the triple each states, in the gold's ids, and every entity they name."""
    system: dict[Triple, list[dict[str, Any]]] = {}
    named: set[str] = set()
    for f in facts:
        s = gold_id(gold, f["subject"], f["subject_aliases"])
        o = gold_id(gold, f["object"], f["object_aliases"]) if f["object"] is not None else None
        named.add(s)
        if o is not None:
            named.add(o)
        if f["relation"] == "membership":
            o = f"#{_value(f['value'])}"
        system.setdefault(_key(s, f["relation"], o), []).append(f)
    return system, named


def _gold_triples(gold: Gold) -> dict[Triple, list[dict[str, Any]]]:
    golden: dict[Triple, list[dict[str, Any]]] = {}
    for f in gold.facts:
        golden.setdefault(_gold_triple(f), []).append(f)
    return golden


def confident_triples(facts: Iterable[dict[str, Any]], gold: Gold) -> list[tuple[float, bool]]:
    """Each triple the facts state: the confidence of its surest fact, and whether the gold states it.

    >>> gold = make_gold("d", {"a": {"id": "a", "name": "Dorn Front"}, "b": {"id": "b", "name": "Vale"}},
    ...                  [{"s": "a", "r": "based_in", "o": "b"}])
    >>> fact = {"subject": "Dorn Front", "subject_aliases": [], "object": "Vale", "object_aliases": [], "value": None}
    >>> confident_triples([{**fact, "relation": "based_in", "confidence": 0.4},
    ...                    {**fact, "relation": "based_in", "confidence": 0.9},
    ...                    {**fact, "relation": "founded", "confidence": 0.7}], gold)
    [(0.9, True), (0.7, False)]
    """
    system, _named = _system_triples(facts, gold)
    golden = _gold_triples(gold)
    return [(max(float(f["confidence"]) for f in fs), t in golden) for t, fs in system.items()]


def score_facts(facts: Iterable[dict[str, Any]], gold: Gold, doc: str) -> dict[str, Any]:
    """Score facts shaped as ``Store.export_facts`` gives them against a gold annotation."""
    system, named = _system_triples(facts, gold)
    golden = _gold_triples(gold)
    matched = set(system) & set(golden)
    result: dict[str, Any] = {"document": doc, **_prf(len(matched), len(system), len(golden))}
    per: dict[str, dict[str, float]] = {}
    for rel in RELATIONS:
        s_r = {t for t in system if t[1] == rel}
        g_r = {t for t in golden if t[1] == rel}
        if s_r or g_r:
            per[rel] = _prf(len(s_r & g_r), len(s_r), len(g_r))
    result["per_relation"] = per
    gold_ids = set(gold.entities)
    result["entity_recall"] = round(len(gold_ids & named) / len(gold_ids), 4) if gold_ids else 0.0
    result["entities_found"], result["entities_gold"] = len(gold_ids & named), len(gold_ids)
    dated = right_date = 0
    right_cert = 0
    for t in matched:
        g_dates: list[str] = [d for g in golden[t] if (d := g.get("date") or g.get("start"))]
        s_dates = [s["date"] or s["start"] or s["end"] for s in system[t]]
        if g_dates:
            dated += 1
            if any(sd and edtf.same_date(gd, sd) for gd in g_dates for sd in s_dates):
                right_date += 1
        if {g.get("certainty", "asserted") for g in golden[t]} & {s["certainty"] for s in system[t]}:
            right_cert += 1
    result["date_accuracy"] = round(right_date / dated, 4) if dated else None
    result["dated_matches"] = dated
    result["certainty_accuracy"] = round(right_cert / len(matched), 4) if matched else None
    result["false_positives"] = sorted(" ".join(str(x) for x in t) for t in set(system) - matched)
    result["missed"] = sorted(" ".join(str(x) for x in t) for t in set(golden) - matched)
    return result


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp,
        "system": n_sys,
        "gold": n_gold,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
    }
