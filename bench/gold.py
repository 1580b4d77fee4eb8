"""Score extraction on every gold set in ../shared/gold (a development and reporting aid).

python bench/gold.py [--details DOC]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from factionmap.evaluate import load_gold, score
from factionmap.ingest import ingest_paths
from factionmap.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    details = sys.argv[sys.argv.index("--details") + 1] if "--details" in sys.argv else None
    gold_dir, corpus = SHARED / "gold", SHARED / "corpus"
    prefixes = sorted({p.name.split(".")[0] for p in gold_dir.glob("*.facts.jsonl")})
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "gold.db")
        ingest_paths(store, [corpus / f"{p}.txt" for p in prefixes])
        print(f"{'document':50} {'P':>5} {'R':>5} {'F1':>5} {'ent':>5} {'date':>5} {'cert':>5}  tp/system/gold")
        for p in prefixes:
            r = score(store, load_gold(gold_dir / p))
            da = "n/a" if r["date_accuracy"] is None else f"{r['date_accuracy']:.2f}"
            ca = "n/a" if r["certainty_accuracy"] is None else f"{r['certainty_accuracy']:.2f}"
            print(
                f"{p:50} {r['precision']:5.2f} {r['recall']:5.2f} {r['f1']:5.2f} {r['entity_recall']:5.2f} "
                f"{da:>5} {ca:>5}  {r['tp']}/{r['system']}/{r['gold']}"
            )
            if details == p:
                for rel, x in r["per_relation"].items():
                    print(
                        f"   {rel:16} P {x['precision']:.2f} R {x['recall']:.2f} F1 {x['f1']:.2f} "
                        f"({x['tp']}/{x['system']}/{x['gold']})"
                    )
                for t in r["false_positives"]:
                    print("   FP", t)
                for t in r["missed"]:
                    print("   MISS", t)


if __name__ == "__main__":
    main()
