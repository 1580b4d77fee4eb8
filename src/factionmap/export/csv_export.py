"""CSV: one fact a row with its first evidence, for spreadsheets."""

from __future__ import annotations

import csv
from typing import TextIO

from factionmap.store import Store

COLUMNS = [
    "id",
    "subject",
    "subject_type",
    "relation",
    "object",
    "object_type",
    "value",
    "value_high",
    "date",
    "start",
    "end",
    "certainty",
    "status",
    "confidence",
    "produced_by",
    "doc",
    "evidence_start",
    "evidence_end",
    "evidence",
    "subject_ids",
    "object_ids",
]


def write(store: Store, out: TextIO) -> int:
    """Write every fact as a CSV row (header first); return how many."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    for f in store.export_facts(with_ids=True):
        ev = f["evidence"][0] if f["evidence"] else {"doc": None, "start": None, "end": None, "text": None}
        w.writerow(
            [
                f["id"],
                f["subject"],
                f["subject_type"],
                f["relation"],
                f["object"],
                f["object_type"],
                f["value"],
                f["value_high"],
                f["date"],
                f["start"],
                f["end"],
                f["certainty"],
                f["status"],
                f["confidence"],
                f["produced_by"],
                ev["doc"],
                ev["start"],
                ev["end"],
                ev["text"],
                "; ".join(f["subject_ids"]),
                "; ".join(f["object_ids"]),
            ]
        )
        n += 1
    return n


def write_nodes(store: Store, out: TextIO) -> int:
    """Gephi's node table: Id, Label, type, aliases, founded_on, membership, ids (identifiers, "scheme:value")."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Id", "Label", "type", "aliases", "founded_on", "membership", "ids"])
    attrs: dict[str, dict[str, list[str]]] = {}
    nodes: dict[str, tuple[str, str, list[str], list[str]]] = {}
    for f in store.export_facts(with_ids=True):
        nodes.setdefault(f["subject"], (f["subject"], f["subject_type"], f["subject_aliases"], f["subject_ids"]))
        if f["object"] is not None:
            nodes.setdefault(f["object"], (f["object"], f["object_type"], f["object_aliases"], f["object_ids"]))
        else:
            item = f"{'' if f['value'] is None else f['value']} @ {f['date'] or f['start'] or ''}".strip(" @")
            attrs.setdefault(f["subject"], {}).setdefault(f["relation"], []).append(item)
    for name, (label, etype, aliases, ids) in sorted(nodes.items()):
        extra = attrs.get(name, {})
        w.writerow(
            [
                name,
                label,
                etype,
                "; ".join(aliases),
                "; ".join(extra.get("founded_on", [])),
                "; ".join(extra.get("membership", [])),
                "; ".join(ids),
            ]
        )
    return len(nodes)


def write_edges(store: Store, out: TextIO) -> int:
    """Gephi's edge table: Source, Target, Type, Id, Label (the relation), dates, certainty, status,
    confidence, produced_by, evidence."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "Source",
            "Target",
            "Type",
            "Id",
            "Label",
            "date",
            "start",
            "end",
            "certainty",
            "status",
            "confidence",
            "produced_by",
            "doc",
            "evidence",
        ]
    )
    n = 0
    for f in store.export_facts(with_ids=True):
        if f["object"] is None:
            continue
        ev = f["evidence"][0] if f["evidence"] else {"doc": "", "text": ""}
        kind = "Undirected" if f["relation"] in ("allied_with", "rival_of", "ceasefire_with") else "Directed"
        w.writerow(
            [
                f["subject"],
                f["object"],
                kind,
                f["id"],
                f["relation"],
                f["date"],
                f["start"],
                f["end"],
                f["certainty"],
                f["status"],
                f["confidence"],
                f["produced_by"],
                ev["doc"],
                ev["text"],
            ]
        )
        n += 1
    return n
