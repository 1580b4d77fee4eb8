"""JSON-LD aligned with Wikidata properties where they exist.

Entities are ``schema:Organization`` / ``schema:Person`` / ``schema:Place`` with ``rdfs:label`` and
``skos:altLabel``; the identifiers texts gave them are ``schema:identifier`` values (``propertyID`` ``un``
for a UN sanctions reference, ``wikidata`` for a Wikidata id), a Wikidata id also ``owl:sameAs`` its item.
The names texts say an entity had before or took after are ``fm:namesOverTime``: each an official name P1448
with its status (``former`` or ``current``) and start/end time qualifiers P580/P582 where dated.
Relations with a Wikidata counterpart are also written as direct claims:
parent organization P749 / subsidiary P355 (component_of), founded by P112, replaced by P1366 /
replaces P1365 (merged_into), inception P571 (founded_on), member count P2124 (membership).
Every fact is a statement node carrying its relation, start/end time qualifiers P580/P582, EDTF
date, certainty, confidence (``fm:confidence``, a number), what produced it (``fm:producedBy``), status
and its evidence: reference URL P854 (the document's source URL) and
quotation P1683 (the evidence text) with document name and character span.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from factionmap import query
from factionmap.store import Store

BASE = "urn:factionmap:"
CONTEXT = {
    "wdt": "http://www.wikidata.org/prop/direct/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "schema": "http://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "fm": "https://w3id.org/factionmap/ns#",
    "edtf": "http://id.loc.gov/datatypes/edtf/EDTF",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
}
TYPES = {"ORG": "schema:Organization", "PERSON": "schema:Person", "PLACE": "schema:Place"}


def _edtf(value: str | None) -> dict[str, str] | None:
    return {"@value": value, "@type": "edtf"} if value else None


def document(store: Store) -> dict[str, Any]:
    """The JSON-LD document as a Python dict."""
    facts = query.all_facts(store)
    nodes: dict[int, dict[str, Any]] = {}

    def node(eid: int, name: str, etype: str) -> dict[str, Any]:
        if eid not in nodes:
            nodes[eid] = {
                "@id": f"{BASE}entity:{eid}",
                "@type": TYPES[etype],
                "rdfs:label": name,
                "skos:altLabel": store.aliases_of(eid),
            }
            ids = store.ids_of(eid)
            same = [{"@id": f"wd:{i.split(':', 1)[1]}"} for i in ids if i.startswith("wikidata:")]
            if same:
                nodes[eid]["owl:sameAs"] = same
            if ids:
                nodes[eid]["schema:identifier"] = [
                    {
                        "@type": "schema:PropertyValue",
                        "schema:propertyID": i.split(":", 1)[0],
                        "schema:value": i.split(":", 1)[1],
                    }
                    for i in ids
                ]
            periods = store.names_over_time(eid)
            if periods:  # official name P1448, with start and end time qualifiers where the texts date them
                nodes[eid]["fm:namesOverTime"] = [
                    {
                        "wdt:P1448": p["name"],
                        "fm:status": p["status"],
                        **{k: _edtf(v) for k, v in (("pq:P580", p["since"]), ("pq:P582", p["until"])) if v},
                    }
                    for p in periods
                ]
        return nodes[eid]

    urls = query.source_urls(store)
    statements = []
    for f in facts:
        s = node(f["subject_id"], f["subject"], f["subject_type"])
        o = node(f["object_id"], f["object"], f["object_type"]) if f["object_id"] is not None else None
        rel = f["relation"]
        if rel == "component_of" and o is not None:
            s.setdefault("wdt:P749", []).append({"@id": o["@id"]})
            o.setdefault("wdt:P355", []).append({"@id": s["@id"]})
        elif rel == "founded" and o is not None:
            o.setdefault("wdt:P112", []).append({"@id": s["@id"]})
        elif rel == "merged_into" and o is not None:
            s.setdefault("wdt:P1366", []).append({"@id": o["@id"]})
            o.setdefault("wdt:P1365", []).append({"@id": s["@id"]})
        elif rel == "founded_on" and (f["date"] or f["start"]):
            s.setdefault("wdt:P571", []).append(_edtf(f["date"] or f["start"]))
        elif rel == "membership" and f["value"] is not None:
            s.setdefault("wdt:P2124", []).append({"@value": f["value"], "@type": "xsd:decimal"})
        evidence = []
        for e in query.evidence(store, f["id"]):
            url = urls.get(e["doc_id"])
            item = {
                "@id": f"{BASE}evidence:{f['key']}:{e['doc_id']}:{e['start']}",
                "fm:document": e["doc"],
                "fm:start": e["start"],
                "fm:end": e["end"],
                "wdt:P1683": e["text"],
            }
            if url:
                item["wdt:P854"] = {"@id": url}
            evidence.append(item)
        st: dict[str, Any] = {
            "@id": f"{BASE}fact:{f['key']}",
            "@type": "fm:Statement",
            "fm:subject": {"@id": s["@id"]},
            "fm:relation": rel,
            "fm:certainty": f["certainty"],
            "fm:confidence": float(f["confidence"]),
            "fm:producedBy": f["produced_by"],
            "fm:status": f["status"],
            "fm:evidence": evidence,
        }
        if o is not None:
            st["fm:object"] = {"@id": o["@id"]}
        if f["value"] is not None:
            st["fm:value"] = f["value"]
        for key, value in (("fm:date", f["date"]), ("pq:P580", f["start"]), ("pq:P582", f["end"])):
            if value:
                st[key] = _edtf(value)
        statements.append(st)
    return {"@context": CONTEXT, "@graph": [*nodes.values(), *statements]}


def write(store: Store, out: TextIO) -> int:
    """Write the JSON-LD document; return the number of facts."""
    doc = document(store)
    json.dump(doc, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return sum(1 for n in doc["@graph"] if n.get("@type") == "fm:Statement")
