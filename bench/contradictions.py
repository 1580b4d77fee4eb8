"""Contradictions on a corpus: how many `query contradictions` finds, and how many of them a reader judged
real or false (bench/contradictions-read.tsv, one line per disagreement read: kind, what it is about,
true/false, why).

    python bench/contradictions.py [--corpus DIR] [--extractor rules|model]
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = Path(__file__).resolve().parent / "contradictions-read.tsv"


def verdicts() -> dict[tuple[str, str, str], str]:
    """(extractor, kind, about) → "true" or "false", as read by hand."""
    with READ.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--extractor", choices=("rules", "model"), action="append")
    args = parser.parse_args()
    read = verdicts()
    for extractor in args.extractor or ["rules", "model"]:
        os.environ["FACTIONMAP_EXTRACTOR"] = extractor
        from factionmap import query
        from factionmap.ingest import ingest_paths
        from factionmap.store import Store

        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "c.db")
            ingest_paths(store, [Path(args.corpus)])
            found = query.contradictions(store)
            store.close()
        judged = Counter(read.get((extractor, c["kind"], " / ".join(c["about"])), "not read") for c in found)
        print(
            f"contradictions on {args.corpus} ({extractor} extractor): {len(found)} found — "
            f"{judged['true']} real, {judged['false']} false (read by hand), {judged['not read']} not read yet"
        )
        for c in found:
            about = " / ".join(c["about"])
            print(f"  {read.get((extractor, c['kind'], about), 'not read'):8} {c['kind']}: {about}")


if __name__ == "__main__":
    main()
