"""Exporters: one module a format, all reading the store through ``Store.export_facts``."""

from __future__ import annotations

from typing import TextIO

from factionmap.errors import UnknownFormatError
from factionmap.export import csv_export, graphml, jsonl
from factionmap.store import Store

WRITERS = {"jsonl": jsonl.write, "csv": csv_export.write, "graphml": graphml.write}


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store in ``fmt`` to ``out``; return the number of facts written."""
    if fmt not in WRITERS:
        raise UnknownFormatError(fmt, sorted(WRITERS))
    return WRITERS[fmt](store, out)
