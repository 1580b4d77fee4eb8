"""Exporters: one module a format, all reading the store through ``Store.export_facts``."""

from __future__ import annotations

from typing import TextIO

from factionmap.errors import UnknownFormatError
from factionmap.export import csv_export, cypher, gexf, graphml, jsonl, jsonld
from factionmap.store import Store

WRITERS = {
    "jsonl": jsonl.write,
    "csv": csv_export.write,
    "graphml": graphml.write,
    "gexf": gexf.write,
    "jsonld": jsonld.write,
    "cypher": cypher.write,
    "csv-nodes": csv_export.write_nodes,
    "csv-edges": csv_export.write_edges,
}


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store in ``fmt`` to ``out``; return the number of facts written."""
    if fmt not in WRITERS:
        raise UnknownFormatError(fmt, sorted(WRITERS))
    return WRITERS[fmt](store, out)
