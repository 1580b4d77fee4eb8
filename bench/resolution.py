"""Cross-document resolution measured against the UN's own cross-references.

    python bench/resolution.py [--corpus DIR] [--rules] [--workers N] [--show K] [--orders]

Every summary in ``../shared/corpus-un`` is about one listed party (its file name, e.g. ``QDe.004``, and its
headline), and every "Name (QDe.NNN)" / "Name (QDi.NNN)" in the text names a listed party. Those references
are the truth: they are blanked out of copies of the texts (and the copies renamed) before ingesting, so
only names can join mentions. Each headline and each name right before a reference is one item; its entity
in the store is its system cluster. Prints B-cubed precision, recall and F1 (and the same for grouping by
exact spelling, as a baseline), the parties split over two or more entities, the entities holding two or
more parties, and the time taken. Asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from factionmap.ingest import ingest_paths
from factionmap.model import norm
from factionmap.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
_REF = re.compile(r"\((QD[ei]\.\d{3})\)")
_TRAILING_PAREN = re.compile(r"\s*\([^()]{1,80}\)\s*$")
_POSSESSIVE = re.compile(r"['’]s?$|(?<=[A-Za-z])[-‑][a-z]+$")


def blank(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with each reference's identifier blanked inside its parentheses ("Al-Qaida (        )", offsets
    kept, so the text around it stays apart), and where each reference begins (offset, party)."""
    refs = [(m.start(), m.group(1)) for m in _REF.finditer(text)]
    return _REF.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + " " * len(m.group(1)) + ")", text), refs


def bcubed(items: list[tuple[str, object]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of items given as (truth, system cluster)."""
    by_truth: Counter[str] = Counter(t for t, _s in items)
    by_sys: Counter[object] = Counter(s for _t, s in items)
    both: Counter[tuple[str, object]] = Counter(items)
    p = sum(both[(t, s)] / by_sys[s] for t, s in items) / len(items)
    r = sum(both[(t, s)] / by_truth[t] for t, s in items) / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _item_mention(mentions: list[tuple[int, int, int, str]], text: str, at: int) -> tuple[int, int, int, str] | None:
    """The mention naming the party whose reference begins at ``at``: the name right before it, else the name
    before a parenthesis that precedes it ("Jemaah Islamiyah (JI) (QDe.092)"), else the one inside. A
    possessive ending is not part of the name ("Abu Sayyaf Group’s (QDe.001) leader"), nor an adjective's
    ending ("Al-Qaida-related (QDe.004) groups")."""
    before = _POSSESSIVE.sub("", text[:at].rstrip())
    ends = [len(before)]
    paren = _TRAILING_PAREN.search(before)
    if paren:
        ends = [len(before[: paren.start()].rstrip()), len(before) - 1]
    for end in ends:
        found = [m for m in mentions if m[1] == end]
        if found:
            return max(found, key=lambda m: m[1] - m[0])
    return None


def partition(store: Store) -> set[frozenset[tuple[str, int, int]]]:
    """The entities as sets of mentions (document, start, end): comparable across databases."""
    groups: dict[int, set[tuple[str, int, int]]] = defaultdict(set)
    for eid, doc, start, end in store.conn.execute(
        'SELECT m.entity_id, d.name, m.start, m."end" FROM mentions m JOIN documents d ON d.id = m.doc_id'
    ):
        groups[eid].add((doc, start, end))
    return {frozenset(g) for g in groups.values()}


def orders() -> None:
    """Ingest the three shared corpora forwards, backwards and forwards on two workers: the same partition?"""
    from factionmap.reader import find_documents

    files, _ = find_documents([SHARED / d for d in ("corpus", "corpus-wiki", "corpus-un")])
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for name, order, workers in (
            ("forwards", files, 1),
            ("backwards", files[::-1], 1),
            ("forwards, 2 workers", files, 2),
        ):
            store = Store(Path(tmp) / f"{len(parts)}.db")
            t = time.perf_counter()
            ingest_paths(store, order, workers=workers)
            parts.append(partition(store))
            print(f"  {name}: {len(parts[-1])} entities with mentions, {time.perf_counter() - t:.1f} s")
        same = all(p == parts[0] for p in parts)
        print(
            f"three shared corpora ({len(files)} documents): the same partition in every order: {same}"
            + (
                ""
                if same
                else f" ({len(parts[0] ^ parts[1])} entities differ backwards, "
                f"{len(parts[0] ^ parts[2])} on two workers)"
            )
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(SHARED / "corpus-un"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rules", action="store_true", help="extract with the rule stages only")
    ap.add_argument("--show", type=int, default=0, help="list this many split parties and merged entities")
    ap.add_argument("--keep", help="keep the database at this path (and the blanked texts beside it)")
    ap.add_argument(
        "--orders",
        action="store_true",
        help="also ingest the three shared corpora in two orders and on two workers, and compare the partitions",
    )
    args = ap.parse_args()
    if args.rules:
        import os

        os.environ["FACTIONMAP_EXTRACTOR"] = "rules"
    corpus = sorted(Path(args.corpus).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = args.keep or tmp_dir
        Path(tmp).mkdir(parents=True, exist_ok=True)
        truth_refs: dict[str, list[tuple[int, str]]] = {}
        party_of: dict[str, str] = {}
        texts: dict[str, str] = {}
        for k, path in enumerate(corpus):
            name = f"summary-{k:04d}.txt"
            text, refs = blank(path.read_text(encoding="utf-8"))
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            truth_refs[name], party_of[name], texts[name] = refs, path.stem, text
        store = Store(Path(tmp) / "un.db")
        t = time.perf_counter()
        ingest_paths(store, [Path(tmp) / n for n in sorted(texts)], engine="local", workers=args.workers)
        took = time.perf_counter() - t
        rows = store.conn.execute(
            'SELECT d.name, m.start, m."end", m.entity_id, e.name FROM mentions m'
            " JOIN documents d ON d.id = m.doc_id JOIN entities e ON e.id = m.entity_id"
        )
        by_doc: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        for doc, start, end, eid, ename in rows:
            by_doc[doc].append((start, end, eid, ename))
        items: list[tuple[str, object]] = []
        spelled: list[tuple[str, object]] = []
        names: dict[object, str] = {}
        surfaces: dict[tuple[str, object], set[str]] = defaultdict(set)
        gaps: list[str] = []  # the items with no mention at their place, with the text before them
        missing = 0
        for doc, text in texts.items():
            headline_end = text.find("\n")
            marks = [(headline_end, party_of[doc], True)] + [(at, party, False) for at, party in truth_refs[doc]]
            for at, party, headline in marks:
                if headline:
                    inline = [m for m in by_doc[doc] if m[1] <= at]
                    m = max(inline, key=lambda x: (x[1] - x[0], -x[0])) if inline else None
                    surface = text[:at]
                else:
                    m = _item_mention(by_doc[doc], text, at)
                    surface = text[m[0] : m[1]] if m else ""
                if m is None:
                    missing += 1
                    items.append((party, ("missing", doc, at)))
                    gaps.append(f"{party}: …{text[max(0, at - 70) : at]}")
                else:
                    items.append((party, m[2]))
                    names[m[2]] = m[3]
                    surface = text[m[0] : m[1]]
                    surfaces[(party, m[2])].add(surface.split("\n")[-1] if headline else surface)
                spelled.append((party, norm(surface) or ("missing", doc, at)))
        p, r, f = bcubed(items)
        bp, br, bf = bcubed(spelled)
        clusters: dict[str, set[object]] = defaultdict(set)
        parties: dict[object, set[str]] = defaultdict(set)
        for party, sys_cluster in items:
            clusters[party].add(sys_cluster)
            parties[sys_cluster].add(party)
        split = {pt: cs for pt, cs in clusters.items() if len(cs) > 1}
        merged = {c: ps for c, ps in parties.items() if len(ps) > 1}
        print(
            f"resolution on {len(corpus)} UN summaries, references blanked ({len(items)} items, "
            f"{len(clusters)} parties; {missing} items with no mention at their place)"
        )
        print(f"  factionmap        B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        print(f"  exact spelling    B-cubed P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
        print(
            f"  parties split over 2+ entities: {len(split)}; entities holding 2+ parties: {len(merged)}"
            f" (largest holds {max((len(ps) for ps in merged.values()), default=0)})"
        )
        listed = set(party_of.values())
        typos = {c: ps for c, ps in merged.items() if len(ps & listed) <= 1}
        if typos:
            print(
                f"    of which {len(typos)} only through a reference to a party with no summary of its own (a typo"
                " in the reference, QDi for QDe?): " + "; ".join(", ".join(sorted(ps)) for ps in typos.values())
            )
        print(f"  ingest took {took:.1f} s ({args.workers} worker{'s' if args.workers != 1 else ''})")
        if args.show:
            types = dict(store.conn.execute("SELECT id, type FROM entities").fetchall())

            def why(party: str, c: object) -> str:
                """An entity as its name, type and the surface forms of this party's items in it."""
                forms = "; ".join(sorted(surfaces.get((party, c), set()))) or "-"
                return f"{names.get(c, str(c))} [{types.get(c, '?')}] <- {forms}"

            for party, cs in sorted(split.items(), key=lambda kv: -len(kv[1]))[: args.show]:
                print(f"  split {party}: " + " | ".join(sorted(why(party, c) for c in cs)))
            for gap in gaps[: args.show]:
                print("  no mention for " + gap.replace("\n", " "))
            for c, ps in sorted(merged.items(), key=lambda kv: -len(kv[1]))[: args.show]:
                print(
                    f"  merged {names.get(c, c)} [{types.get(c, '?')}]: "
                    + ", ".join(f"{pt} ({'; '.join(sorted(surfaces.get((pt, c), set())))})" for pt in sorted(ps))
                )
    if args.orders:
        orders()


if __name__ == "__main__":
    main()
