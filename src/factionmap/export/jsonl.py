"""JSONL: one fact a line, in the exchange shape other tools read (see README)."""

from __future__ import annotations

import json
from typing import TextIO

from factionmap.store import Store


def write(store: Store, out: TextIO) -> int:
    """Write every fact as one JSON object a line; return how many."""
    n = 0
    for fact in store.export_facts():
        out.write(json.dumps(fact, ensure_ascii=False) + "\n")
        n += 1
    return n
