"""A development split for modelling choices, inside the training split: never the validation split.

Holds out every other article of the training split (Wikipedia and corpus articles: the hard, varied text;
UN summaries stay in training), trains the relation, type, death and title models on the rest of the training
split and ``../shared/gold``, and scores the whole pipeline on the held-out articles. The rule stages' output of
every document is cached, so a change to features or training costs one run (about 5 minutes on this machine).

    python bench/devsplit.py                 # train, score, print overall and per relation
    python bench/devsplit.py --rebuild       # recompute the cached examples and rule output (after any change)
    python bench/devsplit.py --errors 30     # also print a sample of false and missed triples
    python bench/devsplit.py --un-weight 0.5 --c 1.0   # UN summaries weighted, the relation model's C
    python bench/devsplit.py --save base.json          # keep each held-out document's counts ...
    python bench/devsplit.py --against base.json       # ... and print a variant's gain over them, with its interval
    python bench/devsplit.py --breakdown               # also say where the missed triples were lost
    python bench/devsplit.py --fraction 0.5            # train on the first half of the training articles only

The validation split decides what ships (``factionmap train``); this split decides what to try.
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from factionmap.components import learned
from factionmap.evaluate import Gold, extraction_facts, gold_id, score_facts
from factionmap.learn import validate
from factionmap.learn.examples import STAND_INS, DocExamples, doc_examples, sentence_index, sentence_starts
from factionmap.learn.linear import Extractor
from factionmap.learn.linear import read as read_model
from factionmap.learn.train import C_RELATION, load_corpus, train_mentions, train_relations, train_types
from factionmap.model import Extraction
from factionmap.pipeline import STAGES, extract_rules, run
from factionmap.reader import normalise

CACHE = Path(tempfile.gettempdir()) / "factionmap-devsplit"
LEARNED = [s.name for s in STAGES].index("learned")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="recompute the cached training examples")
    parser.add_argument("--errors", type=int, default=0, help="print this many false and missed triples")
    parser.add_argument("--mode", default="both", help="who states every relation: model, rule or both")
    parser.add_argument("--modes-of", type=Path, help="state each relation as this model file does (its modes)")
    parser.add_argument("--un-weight", type=float, default=1.0, help="weight of the UN summaries' examples")
    parser.add_argument("--c", type=float, default=C_RELATION, help=f"the relation model's C (default {C_RELATION})")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"where the cached examples go (default {CACHE})")
    parser.add_argument("--save", type=Path, help="write each held-out document's counts to this JSON file")
    parser.add_argument("--against", type=Path, help="a --save file: print the gain over it, with its 95 %% interval")
    parser.add_argument("--breakdown", action="store_true", help="say where the missed triples were lost")
    parser.add_argument(
        "--fraction", type=float, default=1.0, help="train on this fraction of the training articles (a learning curve)"
    )
    args = parser.parse_args()
    if not 0.0 < args.fraction <= 1.0:
        sys.exit(f"error: --fraction {args.fraction}: give a number above 0 and at most 1")
    if args.against and not args.against.is_file():
        sys.exit(f"error: {args.against}: no such file (write one with --save)")
    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(split="train")
    articles = [ad for ad in corpus.annotated if not ad.doc.startswith("corpus-un/")]
    held = {ad.doc for ad in articles[::2]}
    dev = [ad for ad in corpus.annotated if ad.doc in held]
    train = [ad for ad in corpus.annotated if ad.doc not in held]
    if args.fraction < 1.0:  # the UN summaries all stay: the curve is the articles'
        kept = [ad.doc for ad in train if not ad.doc.startswith("corpus-un/")]
        kept = kept[: max(1, round(len(kept) * args.fraction))]
        train = [ad for ad in train if ad.doc.startswith("corpus-un/") or ad.doc in kept]
        print(f"training articles: {len(kept)} ({args.fraction:.0%})")
    t0 = time.perf_counter()
    examples_path = cache / "examples.pkl"
    if examples_path.exists() and not args.rebuild:
        annotated, extra = pickle.loads(examples_path.read_bytes())
    else:
        annotated = {ad.doc: doc_examples(ad, extract_rules(ad.text)) for ad in corpus.annotated}
        extra = [doc_examples(ad, extract_rules(ad.text), with_types=False) for ad in corpus.extra]
        examples_path.write_bytes(pickle.dumps((annotated, extra)))
    before_path = cache / "before-learned.pkl"
    if before_path.exists() and not args.rebuild:
        before: dict[str, Extraction] = pickle.loads(before_path.read_bytes())
    else:
        before = {ad.doc: run(Extraction(text=ad.text, analysis=normalise(ad.text)), STAGES[:LEARNED]) for ad in dev}
        before_path.write_bytes(pickle.dumps(before))
    for ad in train:
        annotated[ad.doc].weight = args.un_weight if ad.doc.startswith("corpus-un/") else 1.0
    rows: list[DocExamples] = [annotated[ad.doc] for ad in train] + extra
    spec: dict[str, Any] = {
        "format": 1,
        "stand_ins": STAND_INS,
        "adjectives": True,
        "word_classes": True,
        "relations": train_relations(rows, 0, c=args.c),
        "types": train_types([annotated[ad.doc] for ad in train], 0),
        "deaths": train_mentions(rows, "death", 0),
        "titles": train_mentions([annotated[ad.doc] for ad in train], "trim", 0),
        "modes": {},
        "rule_confidence": {},
        "record": {},
    }
    spec["modes"] = dict.fromkeys(spec["relations"], args.mode)
    if args.modes_of:
        spec["modes"].update(read_model(args.modes_of).modes)
    model = Extractor(spec)
    if model.types is not None:
        right = total = 0
        for ad in dev:
            for x, y in zip(annotated[ad.doc].type_x, annotated[ad.doc].type_y, strict=True):
                probs = model.types.probabilities(x)
                right += max(probs, key=lambda c: probs[c]) == y
                total += 1
        print(f"type model on the held-out articles' proposed mentions: {right / total:.3f} ({right} of {total})")
    totals = validate.Totals()
    false, missed = [], []
    lost: Counter[str] = Counter()
    for ad in dev:
        ext = run(learned.learned(copy.deepcopy(before[ad.doc]), model), STAGES[LEARNED + 1 :])
        gold = validate.gold_of(ad)
        scored = score_facts(list(extraction_facts(ext)), gold, ad.doc)
        totals.add(scored)
        if args.breakdown:
            lost.update(where_lost(ext, gold, scored["missed"]))
        false += [(ad.doc, t) for t in scored["false_positives"]]
        missed += [(ad.doc, t) for t in scored["missed"]]
    p, r, f = totals.overall()
    print(
        f"development split: {len(dev)} held-out training articles, {totals.gold} annotated triples; "
        f"trained on {len(train)} documents and {len(extra)} gold ones ({time.perf_counter() - t0:.0f} s)"
    )
    lo, hi = validate.interval(totals)
    print(
        f"  overall          P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({totals.tp} of {totals.system} right; "
        f"95 % interval over the documents {lo:.3f}-{hi:.3f})"
    )
    d = totals.as_dict()
    print(f"  date accuracy {d['date_accuracy']}, certainty accuracy {d['certainty_accuracy']} over the right triples")
    names = [ad.doc for ad in dev]
    if args.save:
        args.save.write_text(json.dumps({"documents": names, "counts": totals.docs}), encoding="utf-8")
    if args.against:
        saved = json.loads(args.against.read_text(encoding="utf-8"))
        if saved["documents"] != names:
            sys.exit(f"error: {args.against}: counted on other documents")
        base = validate.Totals.of_documents(saved["counts"])
        gain = f - base.overall()[2]
        lo, hi = validate.difference_interval(base, totals)
        print(f"  gain over {args.against.name}: F1 {gain:+.3f}, 95 % interval {lo:+.3f} to {hi:+.3f}")
    for rel in sorted(totals.per):
        p, r, f = totals.relation(rel)
        tp, system, gold = totals.per[rel]
        print(f"  {rel:16} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  ({tp}/{system}/{gold})")
    if args.breakdown:
        print(f"where the {sum(lost.values())} missed triples were lost:")
        for why, n in lost.most_common():
            print(f"  {n:5}  {why}")
    if args.errors:
        for label, items in (("false", false), ("missed", missed)):
            random.Random(0).shuffle(items)
            print(f"{label}:")
            for doc, triple in items[: args.errors]:
                print(f"  {doc}: {triple}")


def where_lost(ext: Extraction, gold: Gold, missed: list[str]) -> Counter[str]:
    """Why each missed triple ("subject relation object" in the gold's ids) was missed, as far as the output shows:
    an entity never named, two entities never named in one sentence, a pair stated with another relation, or a pair
    named together and not stated."""
    ids = [gold_id(gold, e.name, sorted(e.aliases)) for e in ext.entities]
    starts = sentence_starts(ext)
    sentences: dict[str, set[int]] = {}
    for m in ext.mentions:
        if m.entity >= 0:
            sentences.setdefault(ids[m.entity], set()).add(sentence_index(starts, m.start))
    paired = {
        frozenset((ids[f.subject], ids[f.object])) for f in ext.facts if f.object is not None and f.subject != f.object
    }
    out: Counter[str] = Counter()
    for triple in missed:
        s, _rel, o = triple.split(" ", 2)
        if o == "None" or o.startswith("#"):
            named = "named" if s in sentences else "never named"
            out[f"no object (a death, a founding, a size): subject {named}"] += 1
        elif s not in sentences or o not in sentences:
            out["an entity never named" if (s in sentences) != (o in sentences) else "both entities never named"] += 1
        elif not sentences[s] & sentences[o]:
            out["both named, never in one sentence"] += 1
        elif frozenset((s, o)) in paired:
            out["named in one sentence, the pair stated with another relation"] += 1
        else:
            out["named in one sentence, no relation stated"] += 1
    return out


if __name__ == "__main__":
    sys.exit(main())
