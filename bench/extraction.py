"""Extraction quality on the validation split: the rule pipeline and the learned pipeline side by side.

    python bench/extraction.py [--model FILE]      # the shipped model unless FILE is given

Prints triple precision, recall and F1 (micro-averaged over the validation documents) overall and per
relation, with date and certainty accuracy over matched triples. The validation split is never trained on.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from factionmap.annotations import AnnotatedDoc, text_kind
from factionmap.ingest import ingest_paths
from factionmap.learn import linear
from factionmap.learn.train import load_corpus
from factionmap.learn.validate import Totals, difference_interval, evaluate, interval
from factionmap.model import RELATIONS
from factionmap.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def report(rules: Totals, learned: Totals) -> dict[str, Any]:
    """Print overall and per-relation figures, rules and learned side by side; return them."""
    print(f"{'':16} {'rules P':>8} {'R':>5} {'F1':>5}   {'learned P':>9} {'R':>5} {'F1':>5}   gold")
    for name in ("overall", *RELATIONS):
        if name == "overall":
            a, b, gold = rules.overall(), learned.overall(), rules.gold
        else:
            a, b, gold = rules.relation(name), learned.relation(name), rules.per.get(name, [0, 0, 0])[2]
        if not gold and name not in rules.per and name not in learned.per:
            continue
        print(f"{name:16} {a[0]:8.2f} {a[1]:5.2f} {a[2]:5.2f}   {b[0]:9.2f} {b[1]:5.2f} {b[2]:5.2f}   {gold}")
    for label, t in (("rules", rules), ("learned", learned)):
        d = t.as_dict()
        lo, hi = interval(t)
        print(
            f"{label}: F1 {d['f1']:.3f}, 95 % interval over the documents {lo:.3f}–{hi:.3f}; date accuracy "
            f"{d['date_accuracy']} over {t.dated} dated matches; certainty accuracy {d['certainty_accuracy']}"
        )
    print("how sure: the learned pipeline's stated triples by the confidence of their surest fact")
    for lo_, n, mean, right in learned.bands():
        print(f"  confidence {lo_:.1f}-{lo_ + 0.2:.1f}: {n:4} triples, mean confidence {mean:.2f}, right {right:.2f}")
    pairs = learned.confident
    tenths = [[(c, r) for c, r in pairs if min(int(c * 10), 9) == k] for k in range(10)]
    ece = sum(abs(sum(c for c, _ in b) - sum(r for _, r in b)) for b in tenths) / len(pairs) if pairs else 0.0
    brier = sum((c - r) ** 2 for c, r in pairs) / len(pairs) if pairs else 0.0
    print(f"  calibration error over tenths {ece:.3f}; Brier score {brier:.3f} (0 for confidences that say it exactly)")
    for cut in (0.2, 0.4, 0.6, 0.8):
        n, p, r = learned.at_least(cut)
        print(f"  keeping confidence >= {cut:.1f}: {n:4} triples, precision {p:.2f}, recall {r:.2f}")
    lo, hi = difference_interval(rules, learned)
    gain = learned.overall()[2] - rules.overall()[2]
    print(f"learned minus rules: F1 {gain:+.3f}, 95 % interval {lo:+.3f} to {hi:+.3f} (documents drawn together)")
    return {"rules": rules.as_dict(), "learned": learned.as_dict(), "gain_interval": [lo, hi]}


def by_kind(docs: list[AnnotatedDoc], rules: Totals, learned: Totals) -> None:
    """Print overall F1 by kind of text (``annotations.text_kind``), rules and learned side by side."""
    print("by kind of text (the same documents):")
    kinds: dict[str, list[int]] = {}
    for k, ad in enumerate(docs):
        kinds.setdefault(text_kind(ad), []).append(k)
    for name, picks in sorted(kinds.items()):
        a, b = (Totals.of_documents([t.docs[k] for k in picks]) for t in (rules, learned))
        p, r, f = b.overall()
        print(
            f"  {name:26} {len(picks):3} documents, {b.gold:4} triples: rules F1 {a.overall()[2]:.3f}, "
            f"learned P {p:.2f} R {r:.2f} F1 {f:.3f}"
        )


def ingest_shared() -> None:
    """Ingest the three shared corpora with the learned pipeline; time and peak memory of this process."""
    folders = [SHARED / d for d in ("corpus", "corpus-wiki", "corpus-un") if (SHARED / d).is_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "all.db")
        t = time.perf_counter()
        report = ingest_paths(store, folders)
        took = time.perf_counter() - t
        by_model = store.conn.execute("SELECT COUNT(*) FROM facts WHERE component LIKE 'model:%'").fetchone()[0]
        total = store.conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"ingest of the three shared corpora (learned pipeline, one process): {report.summary()} in {took:.1f} s; "
        f"{total} facts stored, {by_model} stated by the model; peak resident memory {peak:.0f} MiB (limit 1 GiB)"
    )


def main() -> None:
    path = linear.shipped_path()
    if "--model" in sys.argv:
        given = sys.argv[sys.argv.index("--model") + 1 :]
        if not given or not Path(given[0]).is_file():
            sys.exit(f"error: --model {given[0] if given else ''}: no such model file (one factionmap train wrote)")
        path = Path(given[0])
    t = time.perf_counter()
    extractor = linear.read(path)
    print(f"model {path.name}: {path.stat().st_size / 1e6:.1f} MB, read in {time.perf_counter() - t:.2f} s")
    docs = load_corpus(split="validation", with_gold=False).annotated
    print(
        f"validation split: {len(docs)} documents, {sum(len(d.facts) for d in docs)} annotated facts; model {path.name}"
    )
    rules, learned = evaluate(docs, None), evaluate(docs, extractor)
    report(rules, learned)
    by_kind(docs, rules, learned)
    if "--no-ingest" not in sys.argv:
        ingest_shared()


if __name__ == "__main__":
    main()
