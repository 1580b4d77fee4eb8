"""An analyst's decisions as training examples: accepted, edited and added facts teach what is
right, rejected ones what is wrong — each only for the sentence it was decided on.

>>> from factionmap.store import Store
>>> review_docs(Store(":memory:"))
[]
"""

from __future__ import annotations

import re
from typing import Any

from factionmap.annotations import AnnotatedDoc, find_mentions
from factionmap.learn.examples import PAIR_RELATIONS
from factionmap.store import Store

RIGHT = ("accepted", "edited", "analyst")
WRONG = ("rejected",)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "x"


def review_docs(store: Store) -> list[AnnotatedDoc]:
    """One partial annotation per document that holds reviewed or analyst-added pair facts."""
    by_doc: dict[str, tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for f in store.export_facts():
        if f["status"] not in RIGHT + WRONG or f["object"] is None or f["relation"] not in PAIR_RELATIONS:
            continue
        for ev in f["evidence"]:
            entities, right, wrong = by_doc.setdefault(ev["doc"], ({}, [], []))
            ids = []
            for side in ("subject", "object"):
                eid = _slug(f[side])
                entities.setdefault(eid, {"id": eid, "name": f[side], "type": f[f"{side}_type"], "aliases": []})
                known = entities[eid]["aliases"]
                known.extend(a for a in f[f"{side}_aliases"] if a != f[side] and a not in known)
                ids.append(eid)
            fact = {"s": ids[0], "r": f["relation"], "o": ids[1], "evidence": ev["text"], "certainty": f["certainty"]}
            (right if f["status"] in RIGHT else wrong).append(fact)
    out = []
    for doc, (entities, right, wrong) in sorted(by_doc.items()):
        row = store.document(doc)
        if row is None:
            continue
        text = store.doc_text(row["id"])
        _one_owner(entities)
        out.append(
            AnnotatedDoc(
                f"review/{doc}",
                text,
                entities,
                right,
                find_mentions(text, entities),
                split="review",
                partial=True,
                rejected=wrong,
            )
        )
    return out


def _one_owner(entities: dict[str, dict[str, Any]]) -> None:
    """A surface form shared by two reviewed entities is nobody's (mentions must be unambiguous)."""
    owners: dict[str, set[str]] = {}
    for eid, e in entities.items():
        for form in [e["name"], *e["aliases"]]:
            owners.setdefault(form, set()).add(eid)
    for e in entities.values():
        e["aliases"] = [a for a in e["aliases"] if len(owners[a]) == 1]
