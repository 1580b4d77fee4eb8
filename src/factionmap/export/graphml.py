"""GraphML: entities as nodes, facts between two entities as keyed edges (Gephi, yEd, networkx).

Edges carry relation, certainty, status, confidence (a double), produced_by, date, start, end, value,
document and evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from factionmap.store import Store

if TYPE_CHECKING:
    import networkx as nx


def to_graph(store: Store) -> nx.MultiDiGraph:
    """The knowledge base as a networkx multigraph; attribute facts stay on their node."""
    import networkx as nx  # loaded by the GraphML export alone, not by every command

    g = nx.MultiDiGraph()
    n = 0
    for f in store.export_facts():
        g.add_node(f["subject"], type=f["subject_type"], aliases="; ".join(f["subject_aliases"]))
        ev = f["evidence"][0] if f["evidence"] else {}
        attrs = {
            "relation": f["relation"],
            "certainty": f["certainty"],
            "status": f["status"],
            "confidence": float(f["confidence"]),
            "produced_by": f["produced_by"] or "",
            "date": f["date"] or "",
            "start": f["start"] or "",
            "end": f["end"] or "",
            "value": "" if f["value"] is None else str(f["value"]),
            "doc": ev.get("doc", ""),
            "evidence": ev.get("text", ""),
        }
        if f["object"] is None:
            when = attrs["date"] or attrs["start"]
            item = f"{attrs['value']} @ {when}".strip(" @") or f["relation"]
            node = g.nodes[f["subject"]]
            node[f["relation"]] = "; ".join(x for x in (node.get(f["relation"], ""), item) if x)
        else:
            g.add_node(f["object"], type=f["object_type"], aliases="; ".join(f["object_aliases"]))
            g.add_edge(f["subject"], f["object"], key=f["id"], **attrs)
        n += 1
    g.graph["facts"] = n
    return g


def write(store: Store, out: TextIO) -> int:
    """Write the GraphML document; return the number of facts."""
    import networkx as nx

    g = to_graph(store)
    for line in nx.generate_graphml(g, prettyprint=True):
        out.write(line + "\n")
    return int(g.graph["facts"])
