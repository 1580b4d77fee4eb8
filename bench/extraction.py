"""Extraction quality on the validation split: the rule pipeline and the learned pipeline side by side.

    python bench/extraction.py                 # the shipped model
    python bench/extraction.py --train         # train on the training split first (not written anywhere)

Prints triple precision, recall and F1 (micro-averaged over the validation documents) overall and per
relation, with date and certainty accuracy over matched triples.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from factionmap.annotations import ANNOTATIONS, all_prefixes, read
from factionmap.evaluate import extraction_facts, load_gold, score_facts
from factionmap.learn import linear
from factionmap.model import RELATIONS
from factionmap.pipeline import extract, extract_rules
from factionmap.reader import normalise


def _add(acc: dict[str, Any], r: dict[str, Any]) -> None:
    for k in ("tp", "system", "gold"):
        acc[k] = acc.get(k, 0) + r[k]
    for rel, x in r["per_relation"].items():
        per = acc.setdefault("per", {}).setdefault(rel, {"tp": 0, "system": 0, "gold": 0})
        for k in ("tp", "system", "gold"):
            per[k] += x[k]
    dated = r.get("dated_matches") or 0
    acc["dated"] = acc.get("dated", 0) + dated
    acc["right_date"] = acc.get("right_date", 0) + round((r["date_accuracy"] or 0) * dated)
    acc["right_cert"] = acc.get("right_cert", 0) + round((r["certainty_accuracy"] or 0) * r["tp"])


def _prf(x: dict[str, int]) -> tuple[float, float, float]:
    p = x["tp"] / x["system"] if x["system"] else 0.0
    r = x["tp"] / x["gold"] if x["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(extractor: linear.Extractor | None, split: str = "validation") -> dict[str, dict[str, Any]]:
    """Micro-averaged scores of the rule and the learned pipeline over one split's documents."""
    totals: dict[str, dict[str, Any]] = {"rules": {}, "learned": {}}
    for prefix in all_prefixes(ANNOTATIONS):
        ad = read(prefix)
        if ad.split != split:
            continue
        gold = load_gold(prefix)
        rules = extract_rules(ad.text)
        _add(totals["rules"], score_facts(extraction_facts(rules), gold, ad.doc))
        if extractor is not None:
            learned = extract(ad.text, normalise(ad.text), extractor=extractor)
            _add(totals["learned"], score_facts(extraction_facts(learned), gold, ad.doc))
    return totals


def report(totals: dict[str, dict[str, Any]]) -> None:
    """Print overall and per-relation figures, rules and learned side by side."""
    print(f"{'':16} {'rules P':>8} {'R':>5} {'F1':>5}   {'learned P':>9} {'R':>5} {'F1':>5}   gold")
    for name in ("overall", *RELATIONS):
        row = []
        for system in ("rules", "learned"):
            acc = totals[system]
            x = acc if name == "overall" else acc.get("per", {}).get(name)
            row.append(_prf(x) if x else None)
        gold = (totals["rules"] if name == "overall" else totals["rules"].get("per", {}).get(name, {})).get("gold", 0)
        if not gold and not any(row):
            continue
        cells = ["   --    --    --" if x is None else f"{x[0]:8.2f} {x[1]:5.2f} {x[2]:5.2f}" for x in row]
        print(f"{name:16} {cells[0]}   {cells[1]:>21}   {gold}")
    for system in ("rules", "learned"):
        acc = totals[system]
        if acc.get("tp"):
            da = acc["right_date"] / acc["dated"] if acc["dated"] else 0.0
            print(f"{system}: date accuracy {da:.2f} over {acc['dated']} dated matches; "
                  f"certainty accuracy {acc['right_cert'] / acc['tp']:.2f}")


def main() -> None:
    if "--train" in sys.argv:
        from factionmap.learn.train import load_corpus, train

        t0 = time.perf_counter()
        spec = train(load_corpus())
        print(f"trained in {time.perf_counter() - t0:.1f} s")
        extractor: linear.Extractor | None = linear.Extractor(spec)
        if "--save" in sys.argv:
            linear.write(spec, Path(sys.argv[sys.argv.index("--save") + 1]))
    else:
        extractor = linear.shipped()
    report(evaluate(extractor))


if __name__ == "__main__":
    main()
