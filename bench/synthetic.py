"""Synthetic knowledge bases and corpora with invented names, for scale benchmarks."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from factionmap import edtf
from factionmap.model import RELATIONS, SYMMETRIC
from factionmap.store import Store, fact_key

SYLLABLES = ["kar", "zan", "dal", "mir", "sol", "vek", "tar", "nul", "bas", "rin", "gor", "hal", "fen", "qas", "lum"]
ORG_WORDS = ["Front", "Movement", "Brigade", "Network", "Army", "Council", "Party", "Battalion"]
TITLES = ["Mullah", "Qari", "Hafiz", "Sheikh", "Commander"]


def word(rng: random.Random, n: int = 2) -> str:
    """An invented capitalised word."""
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def build_kb(path: Path, n_facts: int, n_entities: int | None = None, seed: int = 7) -> Store:
    """A database of ``n_facts`` random facts between invented entities, written in bulk."""
    rng = random.Random(seed)
    n_entities = n_entities or max(100, n_facts // 20)
    store = Store(path)
    c = store.conn
    c.execute("BEGIN")
    text = "Synthetic evidence sentence. " * 200
    c.execute(
        "INSERT INTO documents (name, sha256, encoding, text, ingested_at) VALUES (?,?,?,?,?)",
        ("synthetic.txt", f"synthetic-{seed}-{n_facts}", "utf-8", text, "2026-01-01"),
    )
    ents = []
    for i in range(1, n_entities + 1):
        kind = "ORG" if i % 10 < 6 else "PERSON" if i % 10 < 9 else "PLACE"
        if kind == "ORG":
            name = f"{word(rng)} {word(rng)} {rng.choice(ORG_WORDS)} {i}"
        elif kind == "PERSON":
            name = f"{rng.choice(TITLES)} {word(rng)} {word(rng)} {i}"
        else:
            name = f"{word(rng, 3)} Province {i}"
        ents.append((i, f"{kind}:{name.lower()}", name, kind))
    c.executemany("INSERT INTO entities (id, key, name, type) VALUES (?,?,?,?)", ents)
    c.executemany(
        "INSERT INTO aliases (entity_id, alias, norm) VALUES (?,?,?)",
        [(i, name, name.lower()) for i, _k, name, _t in ents],
    )
    rels = [r for r in RELATIONS if r not in ("founded_on", "membership", "killed")]
    facts, evidence = [], []
    for fid in range(1, n_facts + 1):
        rel = rng.choice(rels)
        s = rng.randrange(1, n_entities + 1)
        o = rng.randrange(1, n_entities + 1)
        year = rng.randrange(1990, 2024)
        date = f"{year}" if rng.random() < 0.5 else f"{year}-{rng.randrange(1, 13):02d}"
        lo, hi = edtf.bounds(date)
        key = fact_key(ents[s - 1][1], rel, ents[o - 1][1], None, date, None, None) + f"-{fid}"
        facts.append((fid, key, s, rel, o, date, lo, hi, rng.choice(["asserted", "reported", "possible"])))
        evidence.append((fid, 1, (fid * 7) % 5000, (fid * 7) % 5000 + 28))
    c.executemany(
        "INSERT INTO facts (id, key, subject_id, relation, object_id, date, earliest, latest, certainty,"
        " component) VALUES (?,?,?,?,?,?,?,?,?,'synthetic')",
        facts,
    )
    c.executemany('INSERT INTO evidence (fact_id, doc_id, start, "end") VALUES (?,?,?,?)', evidence)
    c.execute("COMMIT")
    c.execute("ANALYZE")
    assert not SYMMETRIC & {"founded_on"}
    return store


def write_corpus(folder: Path, n_docs: int, seed: int = 11) -> list[Path]:
    """``n_docs`` short invented articles, one a file, from templates (for ingest benchmarks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    # names of three syllables: 3,375 words, so that a name's words stay rare as the corpus grows, as real
    # names do (two syllables give 225 words, which every thousandth document repeats)
    groups = [f"{word(rng, 3)} {word(rng, 3)} {rng.choice(ORG_WORDS)}" for _ in range(max(50, n_docs // 4))]
    people = [f"{rng.choice(TITLES)} {word(rng, 3)} {word(rng, 3)}" for _ in range(max(50, n_docs // 4))]
    places = [f"{word(rng, 3)} Province" for _ in range(200)]
    months = ["January", "March", "May", "July", "September", "November"]
    paths = []
    for i in range(n_docs):
        g, h, k = rng.sample(groups, 3)
        p, q = rng.sample(people, 2)
        y = rng.randrange(1995, 2022)
        acr = "".join(w[0] for w in g.split()).upper()
        sentences = [
            f"The {g} ({acr}) is an armed group based in {rng.choice(places)}.",
            f"It was founded in {y} by {p}.",
            f"In {rng.choice(months)} {y + 1}, the {h} joined the {acr}.",
            f"The {acr} clashed with the {k} in {rng.choice(['early', 'mid', 'late'])} {y + 2}.",
            f"Reports indicated that the {acr} had around {rng.randrange(100, 5000):,} fighters in {y + 3}.",
            f"{p} was killed in {y + 4}. He was succeeded by {q}.",
            f"The {h} received funding from the {k}, which provided {rng.randrange(5, 90)}% of its funding.",
        ]
        rng.shuffle(sentences[2:])
        path = folder / f"doc{i:06d}.txt"
        path.write_text(" ".join(sentences) + "\n" + " ".join(rng.sample(sentences, 3)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection, for size and counting."""
    return sqlite3.connect(path)
