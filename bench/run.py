"""Benchmarks: extraction throughput against a bare spaCy tokenizer, and ingest into SQLite.

    make bench        (or: python bench/run.py [--corpus DIR ...])

Prints figures and ratios; asserts nothing. Single process, one core.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factionmap.components.mentions import classify
from factionmap.ingest import ingest_paths
from factionmap.learn import linear
from factionmap.pipeline import extract
from factionmap.reader import find_documents, read_file
from factionmap.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def peak_mb() -> float:
    """Peak resident memory of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extraction(folders: list[Path], repeat: int = 3) -> None:
    files, _ = find_documents(folders)
    sources = [read_file(f) for f in files]
    try:
        import spacy
    except ImportError:
        sys.exit("spaCy is needed for the baseline: pip install -e '.[bench]'")
    nlp = spacy.blank("en")
    tokens = sum(len(nlp.tokenizer(s.text)) for s in sources)
    chars = sum(len(s.text) for s in sources)
    t = time.perf_counter()
    model = linear.shipped()
    load = time.perf_counter() - t
    base_times: list[float] = []
    ext_times: dict[str, list[float]] = {"rules": [], "learned": []}
    facts = {"rules": 0, "learned": 0}
    for _ in range(repeat):
        t = time.perf_counter()
        for s in sources:
            nlp.tokenizer(s.text)
        base_times.append(time.perf_counter() - t)
        for name in ext_times:
            classify.cache_clear()  # every timed pass starts cold: only a document's own repeated names are cached
            t = time.perf_counter()
            facts[name] = 0
            for s in sources:
                facts[name] += len(extract(s.text, s.analysis, rules_only=name == "rules").facts)
            ext_times[name].append(time.perf_counter() - t)
    base = min(base_times)
    names = ", ".join(str(f) for f in folders)
    print(f"extraction on {names}: {len(sources)} documents, {chars:,} characters, {tokens:,} spaCy tokens")
    print(f"  blank spaCy tokenizer : {tokens / base:12,.0f} tokens/s  ({base:.3f} s, best of {repeat})")
    for name, times in ext_times.items():
        ext = min(times)
        print(
            f"  {name + ' pipeline':22}: {tokens / ext:12,.0f} tokens/s  ({ext:.3f} s, best of {repeat}; "
            f"{len(sources) / ext:,.1f} documents/s; {facts[name]} facts); ratio to the tokenizer {base / ext:.3f}"
            f"; median {statistics.median(times):.3f} s"
        )
    print("  (targets: learned pipeline >= 10,000 tokens/s on one core; rules >= 0.25 of the tokenizer)")
    if model is not None:
        size = linear.shipped_path().stat().st_size
        print(
            f"  shipped model: {size / 1e6:.1f} MB, loaded in {load:.2f} s "
            f"(trained on {len(model.record.get('documents', []))} documents)"
        )
    else:
        print("  no shipped model: the learned pipeline ran the rules alone (make train)")


def bench_ingest(folders: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store(db)
        t = time.perf_counter()
        report = ingest_paths(store, folders)
        took = time.perf_counter() - t
        size = db.stat().st_size + (Path(str(db) + "-wal").stat().st_size if Path(str(db) + "-wal").exists() else 0)
        print(
            f"ingest into SQLite: {report.summary()} in {took:.2f} s "
            f"({len(report.added) / took:,.1f} documents/s), database {size / 1e6:.1f} MB"
        )


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")] or [SHARED / "corpus"]
    for f in folders:
        if not f.is_dir():
            sys.exit(f"no corpus at {f}")
    bench_extraction(folders)
    bench_ingest(folders)
    print(f"peak resident memory: {peak_mb():.0f} MiB")
    print()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import queries

    queries.main(100_000 if "--quick" in sys.argv else 1_000_000)


if __name__ == "__main__":
    main()
