"""A Cypher script that loads the graph into Neo4j: entities as nodes, facts as relationships.

Run it with ``cypher-shell -f export.cypher``. Nodes are ``:Entity`` with a second label by type
(``:Org``, ``:Person``, ``:Place``); relationships are typed by relation in upper case (``:JOINED``)
and carry key, date, start, end, certainty, confidence, produced_by (what produced the fact), status,
value, document and evidence. Attribute facts (founding dates, membership figures) become list properties
of their node.
"""

from __future__ import annotations

import json
from typing import TextIO

from factionmap import query
from factionmap.store import Store

LABELS = {"ORG": "Org", "PERSON": "Person", "PLACE": "Place"}


def _lit(value: object) -> str:
    """A Cypher literal: strings in double quotes with JSON escapes (which Cypher reads the same)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("\\/", "/")


def write(store: Store, out: TextIO) -> int:
    """Write the script, one statement a line; return the number of facts."""
    facts = query.all_facts(store)
    out.write("// factionmap export: load with cypher-shell -f FILE\n")
    out.write("CREATE CONSTRAINT factionmap_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;\n")
    seen: set[int] = set()
    attrs: dict[int, dict[str, list[str]]] = {}
    for f in facts:
        for eid, name, etype in (
            (f["subject_id"], f["subject"], f["subject_type"]),
            (f["object_id"], f["object"], f["object_type"]),
        ):
            if eid is None or eid in seen:
                continue
            seen.add(eid)
            out.write(
                f"MERGE (n:Entity {{id: {eid}}}) SET n:{LABELS[etype]}, n.name = {_lit(name)}, "
                f"n.type = {_lit(etype)}, n.aliases = {_lit(store.aliases_of(eid))};\n"
            )
        if f["object_id"] is None:
            item = f"{'' if f['value'] is None else f['value']} @ {f['date'] or f['start'] or ''}".strip(" @")
            attrs.setdefault(f["subject_id"], {}).setdefault(f["relation"], []).append(item)
            continue
        ev = query.evidence(store, f["id"])
        props = {
            "date": f["date"],
            "start": f["start"],
            "end": f["end"],
            "holds_from": f["holds_from"],
            "holds_until": f["holds_until"],
            "certainty": f["certainty"],
            "confidence": float(f["confidence"]),
            "produced_by": f["produced_by"],
            "status": f["status"],
            "value": f["value"],
            "doc": ev[0]["doc"] if ev else None,
            "evidence": ev[0]["text"] if ev else None,
        }
        sets = ", ".join(f"r.{k} = {_lit(v)}" for k, v in props.items() if v is not None)
        out.write(
            f"MATCH (a:Entity {{id: {f['subject_id']}}}), (b:Entity {{id: {f['object_id']}}}) "
            f"MERGE (a)-[r:{f['relation'].upper()} {{key: {_lit(f['key'])}}}]->(b)"
            f"{' SET ' + sets if sets else ''};\n"
        )
    for eid, fields in sorted(attrs.items()):
        sets = ", ".join(f"n.{k} = {_lit(v)}" for k, v in sorted(fields.items()))
        out.write(f"MATCH (n:Entity {{id: {eid}}}) SET {sets};\n")
    return len(facts)
