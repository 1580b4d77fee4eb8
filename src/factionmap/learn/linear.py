"""The shipped extraction model: linear weights over string features, read from a JSON file.

The file is written by ``factionmap train`` (``learn/train.py``) and read here with the standard
library only, so the pipeline needs no learning library at run time. Scoring is a sparse dot
product: a logistic probability per relation, a softmax over the entity types.

>>> m = RelationModel({"joined": {"bias": -2.0, "threshold": 0.5, "weights": {"bw=joined|f": 4.0}}})
>>> round(m.scores(["bw=joined|f", "dir=f"])["joined"], 3)
0.881
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_FILE = "extractor.json.gz"


class RelationModel:
    """One logistic model per relation over the features of an ordered mention pair."""

    def __init__(self, relations: dict[str, dict[str, Any]]) -> None:
        import numpy as np

        self.names = sorted(relations)
        self.threshold = {r: float(relations[r]["threshold"]) for r in self.names}
        feats = sorted({f for r in self.names for f in relations[r]["weights"]})
        self.index = {f: i for i, f in enumerate(feats)}
        self.weights = np.zeros((len(feats) + 1, len(self.names)), dtype=np.float64)
        self.weights[-1] = [float(relations[r]["bias"]) for r in self.names]  # the last row: the biases
        for k, r in enumerate(self.names):
            for feat, w in relations[r]["weights"].items():
                self.weights[self.index[feat], k] = float(w)

    def scores(self, feats: list[str]) -> dict[str, float]:
        """The probability of each relation for one pair."""
        import numpy as np

        rows = [self.index[f] for f in feats if f in self.index]
        rows.append(len(self.weights) - 1)
        total = self.weights[rows].sum(axis=0)
        probs = 1.0 / (1.0 + np.exp(-total))
        return dict(zip(self.names, probs.tolist(), strict=True))


class TypeModel:
    """A softmax over entity types (ORG, PERSON, PLACE, NONE) from a mention's features."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.classes: list[str] = list(spec["classes"])
        self.bias: list[float] = [float(b) for b in spec["bias"]]
        self.weights: dict[str, list[float]] = spec["weights"]

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        """The probability of each type for one mention."""
        total = list(self.bias)
        for f in feats:
            ws = self.weights.get(f)
            if ws:
                for k, w in enumerate(ws):
                    total[k] += w
        top = max(total)
        exp = [math.exp(t - top) for t in total]
        z = sum(exp)
        return {c: e / z for c, e in zip(self.classes, exp, strict=True)}


class Extractor:
    """The whole shipped model: entity types, relations, how each relation combines with the rules."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.types = TypeModel(spec["types"]) if spec.get("types") else None
        self.relations = RelationModel(spec["relations"])
        self.deaths = RelationModel({"killed": spec["deaths"]}) if spec.get("deaths") else None
        self.titles = RelationModel({"title": spec["titles"]}) if spec.get("titles") else None
        self.modes: dict[str, str] = spec.get("modes", {})
        self.rule_confidence: dict[str, float] = spec.get("rule_confidence", {})
        self.record: dict[str, Any] = spec.get("record", {})
        self.stand_ins: int = int(spec.get("stand_ins", 1))  # the stand-ins it learned from (examples.stand_ins)
        self.adjectives: bool = bool(spec.get("adjectives", False))  # learned what a name inside an adjective says
        self.word_classes: bool = bool(spec.get("word_classes", False))  # its types learned from the words' classes

    def mode(self, relation: str) -> str:
        """``model``, ``rule`` or ``both``: who states a relation (``rule`` when the model has none)."""
        if relation not in self.relations.threshold:
            return "rule"
        return self.modes.get(relation, "both")


def read(path: str | Path) -> Extractor:
    """Read a model file written by ``factionmap train``."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return Extractor(json.load(fh))


def write(spec: dict[str, Any], path: str | Path) -> None:
    """Write a model file, byte for byte the same for the same content (no timestamp in the gzip)."""
    data = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
        fh.write(data)


def shipped_path() -> Path:
    """Where the model shipped inside the package lives."""
    return Path(str(resources.files("factionmap.learn").joinpath(MODEL_FILE)))


@cache
def shipped() -> Extractor | None:
    """The model shipped with the package, read once per process (None when there is none)."""
    path = shipped_path()
    return read(path) if path.is_file() else None
