"""Score extraction on annotated documents, and choose per relation who states it: model, rules or both.

The choice is made on the validation split, as the project's rule says ("a rule stays only where it
beats the model on the validation split"); thresholds and weights never see it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

from factionmap.annotations import AnnotatedDoc
from factionmap.evaluate import Gold, confident_triples, extraction_facts, make_gold, score_facts
from factionmap.learn.linear import Extractor
from factionmap.model import RELATIONS
from factionmap.pipeline import extract, extract_rules
from factionmap.reader import normalise

MODES = ("rule", "model", "both")


def gold_of(ad: AnnotatedDoc) -> Gold:
    """An annotated document as the scorer's gold."""
    return make_gold(ad.doc, ad.entities, ad.facts)


class Totals:
    """Micro-averaged counts over documents: overall, per relation, dates and certainty."""

    def __init__(self) -> None:
        self.tp = self.system = self.gold = 0
        self.per: dict[str, list[int]] = {}
        self.dated = self.right_date = self.right_cert = 0
        self.docs: list[tuple[int, int, int]] = []  # each document's (right, stated, annotated) triples, in order
        self.confident: list[tuple[float, bool]] = []  # each stated triple's confidence, and whether it is right

    @classmethod
    def of_documents(cls, counts: Iterable[Iterable[int]]) -> Totals:
        """Totals of documents known only by their (right, stated, annotated) triples, e.g. read back from a file.

        >>> Totals.of_documents([(3, 5, 7), (2, 3, 5)]).overall()[2]
        0.5
        """
        t = cls()
        for tp, system, gold in counts:
            t.tp, t.system, t.gold = t.tp + tp, t.system + system, t.gold + gold
            t.docs.append((tp, system, gold))
        return t

    def add(self, r: dict[str, Any]) -> None:
        """Add one document's score (``evaluate.score_facts``)."""
        self.tp += r["tp"]
        self.system += r["system"]
        self.gold += r["gold"]
        self.docs.append((r["tp"], r["system"], r["gold"]))
        for rel, x in r["per_relation"].items():
            acc = self.per.setdefault(rel, [0, 0, 0])
            acc[0] += x["tp"]
            acc[1] += x["system"]
            acc[2] += x["gold"]
        dated = r.get("dated_matches") or 0
        self.dated += dated
        self.right_date += round((r["date_accuracy"] or 0) * dated)
        self.right_cert += round((r["certainty_accuracy"] or 0) * r["tp"])

    @staticmethod
    def prf(tp: int, system: int, gold: int) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        p = tp / system if system else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def overall(self) -> tuple[float, float, float]:
        """Precision, recall and F1 over every relation."""
        return self.prf(self.tp, self.system, self.gold)

    def relation(self, rel: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of one relation."""
        return self.prf(*self.per.get(rel, [0, 0, 0]))

    def bands(self, edges: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)) -> list[tuple[float, int, float, float]]:
        """The stated triples by confidence band (the last one closed): each band's lower edge, how many triples,
        their mean confidence and the share that is right — how far a fact's confidence can be taken at its word.

        >>> t = Totals()
        >>> t.confident = [(0.1, False), (0.3, True), (0.35, False), (0.9, True), (1.0, True)]
        >>> t.bands()
        [(0.0, 1, 0.1, 0.0), (0.2, 2, 0.325, 0.5), (0.8, 2, 0.95, 1.0)]
        """
        out = []
        for lo, hi in zip(edges, edges[1:], strict=False):
            band = [(c, r) for c, r in self.confident if lo <= c < hi or (hi == edges[-1] and c == hi)]
            if band:
                n = len(band)
                out.append((lo, n, round(sum(c for c, _ in band) / n, 4), round(sum(r for _, r in band) / n, 4)))
        return out

    def at_least(self, threshold: float) -> tuple[int, float, float]:
        """What a reader who keeps only facts of at least ``threshold`` confidence gets: the triples kept, their
        precision, and the recall of the annotated triples.

        >>> t = Totals()
        >>> t.gold, t.confident = 4, [(0.3, True), (0.6, False), (0.9, True)]
        >>> t.at_least(0.5)
        (2, 0.5, 0.25)
        """
        kept = [r for c, r in self.confident if c >= threshold]
        right = sum(kept)
        return len(kept), (right / len(kept) if kept else 0.0), (right / self.gold if self.gold else 0.0)

    def as_dict(self) -> dict[str, Any]:
        """Every figure, rounded, for a report."""
        p, r, f = self.overall()
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "system": self.system,
            "gold": self.gold,
            "date_accuracy": round(self.right_date / self.dated, 4) if self.dated else None,
            "certainty_accuracy": round(self.right_cert / self.tp, 4) if self.tp else None,
            "per_relation": {
                rel: {
                    "precision": round(p_, 4),
                    "recall": round(r_, 4),
                    "f1": round(f_, 4),
                    "tp": x[0],
                    "system": x[1],
                    "gold": x[2],
                }
                for rel, x in sorted(self.per.items())
                for p_, r_, f_ in [self.relation(rel)]
            },
        }


def _resampled_f1(docs: list[tuple[int, int, int]], picks: list[int]) -> float:
    tp = sum(docs[k][0] for k in picks)
    system = sum(docs[k][1] for k in picks)
    gold = sum(docs[k][2] for k in picks)
    return 2 * tp / (system + gold) if system + gold else 0.0


def _draws(n: int, reps: int, seed: int) -> Iterator[list[int]]:
    """``reps`` draws of ``n`` document indices with replacement, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(reps):
        yield [rng.randrange(n) for _ in range(n)]


def _bounds(values: list[float], level: float) -> tuple[float, float]:
    values = sorted(values)
    cut = int(round((1 - level) / 2 * len(values)))
    return round(values[cut], 4), round(values[len(values) - 1 - cut], 4)


def interval(totals: Totals, reps: int = 2000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """How far the micro F1 could move with other documents of the same kind: the ``level`` bootstrap interval,
    the documents drawn with replacement ``reps`` times (a fixed ``seed``: the same figures every run).

    >>> t = Totals()
    >>> for tp, system, gold in [(8, 10, 12), (3, 9, 6), (5, 6, 9), (1, 4, 5)]:
    ...     t.docs.append((tp, system, gold))
    >>> interval(t)
    (0.3333, 0.7027)
    """
    if not totals.docs:
        return 0.0, 0.0
    return _bounds([_resampled_f1(totals.docs, picks) for picks in _draws(len(totals.docs), reps, seed)], level)


def difference_interval(
    base: Totals, other: Totals, reps: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """The bootstrap interval of ``other``'s F1 minus ``base``'s on the same documents, both drawn together: the
    gain one pipeline has over another, and how sure it is.

    >>> a, b = Totals(), Totals()
    >>> a.docs, b.docs = [(2, 10, 10), (1, 5, 8)], [(6, 10, 10), (4, 6, 8)]
    >>> difference_interval(a, b)
    (0.4, 0.4176)
    """
    if len(base.docs) != len(other.docs):
        raise ValueError("the two totals must score the same documents")
    if not base.docs:
        return 0.0, 0.0
    diffs = [
        _resampled_f1(other.docs, picks) - _resampled_f1(base.docs, picks)
        for picks in _draws(len(base.docs), reps, seed)
    ]
    return _bounds(diffs, level)


def is_model(f: dict[str, Any]) -> bool:
    """True for a fact the relation model stated."""
    return str(f.get("component", "")).startswith("model")


def evaluate(docs: Iterable[AnnotatedDoc], extractor: Extractor | None) -> Totals:
    """Score one pipeline on annotated documents: the rules alone when ``extractor`` is None."""
    totals = Totals()
    for ad in docs:
        ext = extract_rules(ad.text) if extractor is None else extract(ad.text, normalise(ad.text), extractor=extractor)
        facts = list(extraction_facts(ext))
        gold = gold_of(ad)
        totals.add(score_facts(facts, gold, ad.doc))
        totals.confident += confident_triples(facts, gold)
    return totals


def choose_modes(docs: list[AnnotatedDoc], spec: dict[str, Any]) -> dict[str, str]:
    """For every relation the model states, keep model, rules or both — whichever scores best."""
    trial = Extractor({**spec, "modes": {}})  # every relation stated by both
    by_mode = {mode: Totals() for mode in MODES}
    for ad in docs:
        ext = extract(ad.text, normalise(ad.text), extractor=trial)
        facts = list(extraction_facts(ext))
        gold = gold_of(ad)
        by_mode["rule"].add(score_facts([f for f in facts if not is_model(f)], gold, ad.doc))
        by_mode["model"].add(score_facts([f for f in facts if is_model(f)], gold, ad.doc))
        by_mode["both"].add(score_facts(facts, gold, ad.doc))
    modes = {}
    for rel in RELATIONS:
        if rel not in spec["relations"]:
            continue
        f1 = {mode: by_mode[mode].relation(rel)[2] for mode in MODES}
        modes[rel] = max(MODES, key=lambda m: (round(f1[m], 4), m == "rule", m == "both"))
    return modes


def rule_confidence(docs: list[AnnotatedDoc]) -> dict[str, float]:
    """Each relation's rule precision on annotated (training) documents: the confidence of a rule's fact."""
    totals = evaluate(docs, None)
    out = {}
    for rel, (tp, system, _gold) in totals.per.items():
        if system:
            out[rel] = round((tp + 1) / (system + 2), 3)  # Laplace: few facts say little
    return out
