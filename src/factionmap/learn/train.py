"""Train the entity-type and relation models from the annotated corpus (scikit-learn, on the CPU).

Deterministic: documents in path order, features in sorted order, solvers without randomness (or
with a fixed seed), weights rounded before they are written; the same annotations and seed give
the same file. Thresholds are chosen by cross-validation over the training documents (folds by
document), never on the validation split.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factionmap.annotations import (
    ANNOTATIONS,
    SHARED,
    AnnotatedDoc,
    all_prefixes,
    annotations_hash,
    find_mentions,
    read,
)
from factionmap.errors import GoldError
from factionmap.learn.examples import PAIR_RELATIONS, STAND_INS, DocExamples, doc_examples, summary
from factionmap.pipeline import extract_rules

MIN_FEATURE_COUNT = 2
MIN_POSITIVES = 4
FOLDS = 4
C_RELATION = 0.5
C_TYPES = 1.0
TYPE_CLASSES = ("NONE", "ORG", "PERSON", "PLACE")


REVIEW_WEIGHT = 5.0  # an analyst's decision counts as much as five annotated examples


@dataclass
class Corpus:
    """The documents a model learns from: annotated (complete entity lists), extra (facts only) and an
    analyst's reviews (only the reviewed sentences)."""

    annotated: list[AnnotatedDoc]
    extra: list[AnnotatedDoc]
    reviews: list[AnnotatedDoc] = field(default_factory=list)
    root: Path = ANNOTATIONS


def gold_docs(gold_dir: Path, corpus_dir: Path) -> list[AnnotatedDoc]:
    """``../shared/gold`` as training documents (their entity lists hold only what facts use)."""
    import json

    out = []
    for fact_path in sorted(gold_dir.glob("*.facts.jsonl")):
        stem = fact_path.name[: -len(".facts.jsonl")]
        text_path = corpus_dir / f"{stem}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        ents = {e["id"]: e for e in json.loads((gold_dir / f"{stem}.entities.json").read_text(encoding="utf-8"))}
        facts = [json.loads(x) for x in fact_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        out.append(AnnotatedDoc(f"gold/{stem}.txt", text, ents, facts, find_mentions(text, ents)))
    return out


def load_corpus(
    root: Path = ANNOTATIONS, shared: Path = SHARED, split: str = "train", with_gold: bool = True
) -> Corpus:
    """The annotated documents of one split, and (for training) the shared gold documents."""
    try:
        annotated = [ad for ad in (read(p, shared, root) for p in all_prefixes(root)) if ad.split == split]
    except (ValueError, OSError) as exc:
        raise GoldError(f"cannot read the annotations: {exc}") from None
    extra = gold_docs(shared / "gold", shared / "corpus") if with_gold and (shared / "gold").is_dir() else []
    return Corpus(annotated, extra, root=root)


class _Vocab:
    def __init__(self, rows: Iterable[list[str]], min_count: int) -> None:
        counts: dict[str, int] = {}
        for feats in rows:
            for f in set(feats):
                counts[f] = counts.get(f, 0) + 1
        self.names = sorted(f for f, n in counts.items() if n >= min_count)
        self.index = {f: i for i, f in enumerate(self.names)}

    def matrix(self, rows: list[list[str]]) -> Any:
        from scipy.sparse import csr_matrix

        indptr, indices = [0], []
        for feats in rows:
            cols = sorted({self.index[f] for f in feats if f in self.index})
            indices.extend(cols)
            indptr.append(len(indices))
        return csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(self.names)))


def _logistic(c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=200)


def _best_threshold(probs: list[float], gold: list[bool]) -> tuple[float, float]:
    """The threshold (0.05–0.80) that maximises F1 over out-of-fold predictions, and that F1."""
    best = (0.5, -1.0)
    n_gold = sum(gold)
    for step in range(5, 81, 5):
        t = step / 100
        tp = sum(1 for p, g in zip(probs, gold, strict=True) if p >= t and g)
        n_sys = sum(1 for p in probs if p >= t)
        f1 = 2 * tp / (n_sys + n_gold) if n_sys + n_gold else 0.0
        if f1 > best[1] + 1e-9:
            best = (t, f1)
    return best


def _relation_rows(
    examples: list[DocExamples], rel: str
) -> tuple[list[list[str]], list[bool], list[int], list[float], list[tuple[int, int, int]]]:
    x, y, doc, weight, group = [], [], [], [], []
    for k, d in enumerate(examples):
        for feats, labels, skip, (ei, ej) in zip(d.pair_x, d.pair_y, d.pair_skip, d.pair_ents, strict=True):
            if rel in skip:
                continue
            x.append(feats)
            y.append(rel in labels)
            doc.append(k)
            weight.append(d.weight)
            group.append((k, ei, ej))
    return x, y, doc, weight, group


def _by_group(
    probs: list[float], gold: list[bool], group: list[tuple[int, int, int]]
) -> tuple[list[float], list[bool]]:
    """One row per (document, subject, object): the most probable of its pairs, true when one of them is — what a
    document's triples are made of.

    >>> _by_group([0.2, 0.7, 0.4], [False, True, False], [(0, 1, 2), (0, 1, 2), (0, 3, 4)])
    ([0.7, 0.4], [True, False])
    """
    best: dict[tuple[int, int, int], tuple[float, bool]] = {}
    for p, g, key in zip(probs, gold, group, strict=True):
        old = best.get(key, (0.0, False))
        best[key] = (max(old[0], p), old[1] or g)
    return [p for p, _ in best.values()], [g for _, g in best.values()]


def _weights(vocab: _Vocab, coef: Any, digits: int = 4) -> dict[str, float]:
    out = {}
    for i, w in enumerate(coef):
        w = round(float(w), digits)
        if w != 0.0:
            out[vocab.names[i]] = w
    return out


def _binary(
    vocab: _Vocab,
    x: list[list[str]],
    y: list[bool],
    fold: list[int],
    weight: list[float] | None,
    seed: int,
    group: list[tuple[int, int, int]] | None = None,
    c: float = C_RELATION,
) -> dict[str, Any]:
    """One logistic model over ``x``: its threshold by cross-validation over ``fold`` (by document), then
    fitted on every row; the spec ``linear.RelationModel`` reads, with its cross-validated F1. With ``group``
    (the triple each row speaks of), the threshold is the one that is best for the triples, not for the rows."""
    matrix = vocab.matrix(x)
    probs = [0.0] * len(y)
    for k in range(FOLDS):
        test = [i for i, f in enumerate(fold) if f == k]
        train = [i for i, f in enumerate(fold) if f != k]
        if not test or sum(y[i] for i in train) < 2:
            continue
        model = _logistic(c, seed).fit(
            matrix[train], [y[i] for i in train], sample_weight=[weight[i] for i in train] if weight else None
        )
        for i, p in zip(test, model.predict_proba(matrix[test])[:, 1], strict=True):
            probs[i] = float(p)
    threshold, f1 = _best_threshold(*_by_group(probs, y, group)) if group else _best_threshold(probs, y)
    model = _logistic(c, seed).fit(matrix, y, sample_weight=weight)
    return {
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "weights": _weights(vocab, model.coef_[0]),
        "positives": int(sum(y)),
        "cv_f1": round(f1, 4),
    }


def train_relations(
    examples: list[DocExamples], seed: int = 0, log: Callable[[str], None] = lambda s: None, c: float = C_RELATION
) -> dict[str, dict[str, Any]]:
    """One logistic model per relation with enough positives (``c``: their inverse regularisation); thresholds by
    cross-validation."""
    vocab = _Vocab((f for d in examples for f in d.pair_x), MIN_FEATURE_COUNT)
    out: dict[str, dict[str, Any]] = {}
    for rel in PAIR_RELATIONS:
        x, y, doc, weight, group = _relation_rows(examples, rel)
        if sum(y) < MIN_POSITIVES:
            continue
        rank = {d: r for r, d in enumerate(sorted(set(doc)))}  # folds by the documents that have rows
        out[rel] = spec = _binary(vocab, x, y, [rank[d] % FOLDS for d in doc], weight, seed, group, c)
        log(
            f"  {rel:15} {sum(y):5} positives of {len(y):6} pairs  cv F1 {spec['cv_f1']:.2f} at {spec['threshold']:.2f}"
        )
    return out


def train_mentions(
    examples: list[DocExamples], what: str, seed: int = 0, log: Callable[[str], None] = lambda s: None
) -> dict[str, Any] | None:
    """A logistic model over single mentions: ``death`` (does the text say here this person died?) or
    ``trim`` (is this leading word of a name a title, not part of it?)."""
    rows = [
        (k, f, v)
        for k, d in enumerate(examples)
        for f, v in zip(*((d.death_x, d.death_y) if what == "death" else (d.trim_x, d.trim_y)), strict=True)
    ]
    y = [v for _, _, v in rows]
    if sum(y) < MIN_POSITIVES:
        return None
    x = [f for _, f, _ in rows]
    spec = _binary(_Vocab(x, MIN_FEATURE_COUNT), x, y, [k % FOLDS for k, _, _ in rows], None, seed)
    label = "killed (unary)" if what == "death" else "name titles"
    log(
        f"  {label:15} {sum(y):5} positives of {len(y):6} mentions cv F1 {spec['cv_f1']:.2f} at {spec['threshold']:.2f}"
    )
    return spec


def train_types(examples: list[DocExamples], seed: int = 0) -> dict[str, Any] | None:
    """A multinomial logistic model over the proposed mentions' types."""
    from sklearn.linear_model import LogisticRegression

    rows = [f for d in examples for f in d.type_x]
    labels = [y for d in examples for y in d.type_y]
    vocab = _Vocab(rows, MIN_FEATURE_COUNT)
    if not vocab.names or len(set(labels)) < 2:
        return None  # too little to learn a type from: the rules' types stay
    model = LogisticRegression(C=C_TYPES, max_iter=400, random_state=seed).fit(vocab.matrix(rows), labels)
    classes = [str(c) for c in model.classes_]
    weights: dict[str, list[float]] = {}
    for i, name in enumerate(vocab.names):
        ws = [round(float(model.coef_[k][i]), 4) for k in range(len(classes))]
        if any(ws):
            weights[name] = ws
    return {"classes": classes, "bias": [round(float(b), 4) for b in model.intercept_], "weights": weights}


def train(corpus: Corpus, seed: int = 0, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Learn both models from a corpus; the returned dict is what ``learn.linear.write`` stores."""
    annotated = [doc_examples(ad, extract_rules(ad.text)) for ad in corpus.annotated]
    extra = [doc_examples(ad, extract_rules(ad.text), with_types=False) for ad in corpus.extra]
    reviewed = [doc_examples(ad, extract_rules(ad.text), with_types=False) for ad in corpus.reviews]
    for d in reviewed:
        d.weight = REVIEW_WEIGHT
    info = summary(annotated + extra + reviewed)
    info["reviewed_pairs"] = sum(len(d.pair_y) for d in reviewed)
    log(
        f"{info['documents']} documents, {info['mentions']} proposed mentions, {info['pairs']} mention pairs"
        + (f" ({info['reviewed_pairs']} from reviews)" if reviewed else "")
    )
    relations = train_relations(annotated + extra + reviewed, seed, log)
    types = train_types(annotated, seed) if any(d.type_y for d in annotated) else None
    deaths = train_mentions(annotated + extra, "death", seed, log)
    titles = train_mentions(annotated, "trim", seed, log)
    h = hashlib.sha256()
    for ad in corpus.annotated + corpus.extra:
        h.update(ad.doc.encode())
        h.update(hashlib.sha256(ad.text.encode()).digest())
    return {
        "format": 1,
        "stand_ins": STAND_INS,
        "adjectives": True,
        "word_classes": True,
        "types": types,
        "relations": relations,
        "deaths": deaths,
        "titles": titles,
        "modes": {},
        "rule_confidence": {},
        "record": {
            "seed": seed,
            "documents": [ad.doc for ad in corpus.annotated + corpus.extra + corpus.reviews],
            "texts_sha256": h.hexdigest(),
            "annotations_sha256": annotations_hash(corpus.root),
            "examples": info,
        },
    }
