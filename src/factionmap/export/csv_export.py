"""CSV: one fact a row with its first evidence, for spreadsheets."""

from __future__ import annotations

import csv
from typing import TextIO

from factionmap.store import Store

COLUMNS = ["id", "subject", "subject_type", "relation", "object", "object_type", "value", "value_high", "date",
           "start", "end", "certainty", "status", "doc", "evidence_start", "evidence_end", "evidence"]


def write(store: Store, out: TextIO) -> int:
    """Write every fact as a CSV row (header first); return how many."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    for f in store.export_facts():
        ev = f["evidence"][0] if f["evidence"] else {"doc": None, "start": None, "end": None, "text": None}
        w.writerow([f["id"], f["subject"], f["subject_type"], f["relation"], f["object"], f["object_type"],
                    f["value"], f["value_high"], f["date"], f["start"], f["end"], f["certainty"], f["status"],
                    ev["doc"], ev["start"], ev["end"], ev["text"]])
        n += 1
    return n
