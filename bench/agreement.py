"""Agreement between the two independent annotations of the documents in ``annotations/agreement/``.

    python bench/agreement.py

Triple F1 of one annotation against the other (names mapped through each side's names and aliases,
as the extractor is scored): the ceiling any extractor can be held to.
"""

from __future__ import annotations

from typing import Any

from factionmap.annotations import ANNOTATIONS, AnnotatedDoc, all_prefixes, read, text_kind
from factionmap.evaluate import score_facts
from factionmap.learn.validate import Totals, gold_of


def as_export(ad: AnnotatedDoc) -> list[dict[str, Any]]:
    """An annotation's facts in the shape the scorer reads for a system's facts."""
    out = []
    for f in ad.facts:
        s, o = ad.entities[f["s"]], ad.entities.get(f.get("o") or "")
        out.append(
            {
                "subject": s["name"],
                "subject_aliases": s.get("aliases", []),
                "relation": f["r"],
                "object": o["name"] if o else None,
                "object_aliases": o.get("aliases", []) if o else [],
                "value": f.get("value"),
                "date": f.get("date"),
                "start": f.get("start"),
                "end": f.get("end"),
                "certainty": f.get("certainty", "asserted"),
            }
        )
    return out


def main() -> None:
    root = ANNOTATIONS / "agreement"
    totals = Totals()
    kinds: dict[str, Totals] = {}
    for prefix in all_prefixes(root):
        second = read(prefix, root=root)
        first = read(ANNOTATIONS / prefix.relative_to(root))
        r = score_facts(as_export(second), gold_of(first), first.doc)
        totals.add(r)
        kinds.setdefault(text_kind(first), Totals()).add(r)
        size = len(first.text.encode("utf-8")) / 1000
        print(
            f"{first.doc:55} {size:5.1f} KB  F1 {r['f1']:.2f}  ({r['tp']} shared, {r['system']} and {r['gold']} facts)"
        )
    for name, sub in sorted(kinds.items()):
        p, r_, f = sub.overall()
        print(f"  {name:52} triple F1 {f:.2f} (P {p:.2f} R {r_:.2f}) over {len(sub.docs)} documents")
    p, r_, f = totals.overall()
    d = totals.as_dict()
    print(
        f"agreement over {len(all_prefixes(root))} documents: triple F1 {f:.2f} (P {p:.2f} R {r_:.2f}); "
        f"dates agree on {d['date_accuracy']} of shared dated triples, certainty on {d['certainty_accuracy']}"
    )


if __name__ == "__main__":
    main()
