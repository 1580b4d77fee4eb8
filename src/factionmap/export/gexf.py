"""GEXF 1.3, dynamic: facts as edges with start/end so Gephi's timeline plays the network through time.

Written directly (ElementTree) to the GEXF 1.3 schema (namespace http://gexf.net/1.3): ``mode="dynamic"``,
``timeformat="date"``, edges with ``start``/``end`` from the fact's holding interval, nodes spanning
their edges; edges carry relation, certainty, status, confidence (a double), produced_by, date, value,
document, evidence and the fact's key; attribute facts (founding, membership) become node attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any, TextIO

from factionmap import query
from factionmap.store import Store

NS = "http://gexf.net/1.3"
EDGE_ATTRS = [
    ("relation", "string"),
    ("certainty", "string"),
    ("status", "string"),
    ("confidence", "double"),
    ("produced_by", "string"),
    ("date", "string"),
    ("value", "string"),
    ("doc", "string"),
    ("evidence", "string"),
    ("fact", "string"),
]
NODE_ATTRS = [("type", "string"), ("aliases", "string"), ("founded_on", "string"), ("membership", "string")]


def write(store: Store, out: TextIO) -> int:
    """Write the dynamic GEXF document; return the number of facts."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "factionmap"
    ET.SubElement(meta, f"{{{NS}}}description").text = "Relations between armed groups, people and places, dated"
    graph = ET.SubElement(
        root, f"{{{NS}}}graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
    )
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        el = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": cls})
        for name, typ in attrs:
            ET.SubElement(el, f"{{{NS}}}attribute", {"id": name, "title": name, "type": typ})
    facts = query.all_facts(store)
    nodes: dict[int, dict[str, Any]] = {}

    def node(eid: int, name: str, etype: str) -> dict[str, Any]:
        return nodes.setdefault(eid, {"name": name, "type": etype, "founded_on": [], "membership": [], "spans": []})

    edges = []
    for f in facts:
        s = node(f["subject_id"], f["subject"], f["subject_type"])
        if f["object_id"] is None:
            item = f"{f['value'] if f['value'] is not None else ''} @ {f['date'] or f['start'] or ''}".strip(" @")
            s[f["relation"] if f["relation"] in ("founded_on", "membership") else "membership"].append(item)
            continue
        o = node(f["object_id"], f["object"], f["object_type"])
        span = (f["holds_from"], f["holds_until"])
        s["spans"].append(span)
        o["spans"].append(span)
        edges.append(f)
    nodes_el = ET.SubElement(graph, f"{{{NS}}}nodes")
    for eid, n in sorted(nodes.items()):
        node_attrs = {"id": str(eid), "label": str(n["name"])}
        spans = n["spans"]
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        if spans and all(starts):
            node_attrs["start"] = min(starts)
        if spans and all(ends):
            node_attrs["end"] = max(ends)
        el = ET.SubElement(nodes_el, f"{{{NS}}}node", node_attrs)
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        aliases = "; ".join(store.aliases_of(eid))
        for name, _t in NODE_ATTRS:
            v = {
                "type": n["type"],
                "aliases": aliases,
                "founded_on": "; ".join(n["founded_on"]),
                "membership": "; ".join(n["membership"]),
            }[name]
            if v:
                ET.SubElement(values, f"{{{NS}}}attvalue", {"for": name, "value": str(v)})
    edges_el = ET.SubElement(graph, f"{{{NS}}}edges")
    for f in edges:
        edge_attrs = {
            "id": f["key"],
            "source": str(f["subject_id"]),
            "target": str(f["object_id"]),
            "label": f["relation"],
        }
        if f["holds_from"]:
            edge_attrs["start"] = f["holds_from"]
        if f["holds_until"]:
            edge_attrs["end"] = f["holds_until"]
        el = ET.SubElement(edges_el, f"{{{NS}}}edge", edge_attrs)
        ev = query.evidence(store, f["id"])
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        data = {
            "relation": f["relation"],
            "certainty": f["certainty"],
            "status": f["status"],
            "confidence": repr(float(f["confidence"])),
            "produced_by": f["produced_by"] or "",
            "date": f["date"] or "/".join(x or ".." for x in (f["start"], f["end"]))
            if (f["date"] or f["start"] or f["end"])
            else "",
            "value": "" if f["value"] is None else str(f["value"]),
            "doc": ev[0]["doc"] if ev else "",
            "evidence": ev[0]["text"] if ev else "",
            "fact": f["key"],
        }
        for name, _t in EDGE_ATTRS:
            if data[name]:
                ET.SubElement(values, f"{{{NS}}}attvalue", {"for": name, "value": data[name]})
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(facts)
