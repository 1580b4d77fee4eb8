"""Scale benchmark: ingest throughput per engine and worker count, database size, memory, and query
latency as the corpus grows. Every ingest runs as its own process so its peak memory is its own.

    python bench/scale.py [--docs 1000,10000] [--huge-mb 100] [--no-ray]
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from synthetic import write_corpus  # noqa: E402


def ingest(db: Path, folders: list[Path], *args: str) -> dict[str, float]:
    """Run one ingest in a child process (under GNU time): wall time, documents, the child's peak RSS."""
    t = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M", str(BIN / "factionmap"), "--db", str(db), "ingest", *args, *map(str, folders)],
        capture_output=True,
        text=True,
        check=True,
    )
    took = time.perf_counter() - t
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    added = int(out.stdout.splitlines()[-1].split()[0])
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {"seconds": took, "docs": added, "peak_mb": peak_kb / 1024, "db_mb": size / 1e6}


def fact_set(db: Path) -> set[tuple[object, ...]]:
    """Every fact of a database with its evidence, by document name and offsets (engine-independent)."""
    import sqlite3

    with sqlite3.connect(db) as c:
        return set(
            c.execute(
                'SELECT f.key, f.certainty, d.name, ev.start, ev."end" FROM facts f'
                " JOIN evidence ev ON ev.fact_id = f.id JOIN documents d ON d.id = ev.doc_id"
            )
        )


def latency(db: Path) -> dict[str, float]:
    """p95 latency (ms) of the interactive queries on a database: asof around a group, a group's timeline,
    search for a group's name, and search for one word that recurs across the corpus (its matches grow
    with the corpus, so its ranking cost does too)."""
    code = f"""
import json, random, statistics, time
from factionmap import query
from factionmap.store import Store
s = Store({str(db)!r}); rng = random.Random(1)
orgs = [r[0] for r in s.conn.execute("SELECT id FROM entities WHERE type = 'ORG' LIMIT 2000")]
names = [r[0] for r in s.conn.execute("SELECT name FROM entities WHERE type = 'ORG' LIMIT 2000")]
res = {{}}
for name, fn in (("asof", lambda: query.asof(s, "2005", around=rng.choice(orgs))),
                 ("timeline", lambda: query.timeline(s, rng.choice(orgs))),
                 ("search", lambda: query.search(s, rng.choice(names))),
                 ("word", lambda: query.search(s, rng.choice(names).split()[0]))):
    ts, per = [], []
    for _ in range(1000):  # enough draws that a sub-millisecond p95 is not noise
        t = time.perf_counter(); out = fn(); ts.append((time.perf_counter() - t) * 1000)
        if name in ("timeline", "asof") and out["facts"]:
            per.append(ts[-1] * 1000 / len(out["facts"]))
    ts.sort(); res[name] = ts[int(len(ts) * 0.95) - 1]
    if per:
        res[name + "_per_fact_us"] = statistics.median(per)
print(json.dumps(res))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    args = sys.argv[1:]
    sizes = [int(x) for x in (args[args.index("--docs") + 1] if "--docs" in args else "1000,10000").split(",")]
    huge_mb = int(args[args.index("--huge-mb") + 1]) if "--huge-mb" in args else 0
    real = [SHARED / "corpus", SHARED / "corpus-un", SHARED / "corpus-wiki"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("real corpora (corpus + corpus-un + corpus-wiki), ingest by engine:")
        print(
            f"  {'engine':18} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'speed-up':>8} {'peak MB':>8} "
            f"{'db MB':>6}  facts (against 1 worker)"
        )
        base = None
        runs = [("1 worker", []), ("2 workers", ["--workers", "2"])]
        if "--no-ray" not in args:
            runs.append(("ray (local)", ["--engine", "ray"]))
        reference = None
        for i, (name, extra) in enumerate(runs):
            r = ingest(root / f"real-{i}.db", real, *extra)
            base = base or r["seconds"]
            facts = fact_set(root / f"real-{i}.db")
            reference = reference if reference is not None else facts
            same = "same facts" if facts == reference else f"{len(facts ^ reference)} facts differ"
            print(
                f"  {name:18} {r['docs']:6.0f} {r['seconds']:8.2f} {r['docs'] / r['seconds']:8.1f} "
                f"{base / r['seconds']:8.2f} {r['peak_mb']:8.0f} {r['db_mb']:6.1f}  {len(facts)} facts, {same}"
            )
        print("synthetic corpora (invented names, templates), 2 workers:")
        print(
            f"  {'docs':>7} {'seconds':>8} {'docs/s':>8} {'peak MB':>8} {'db MB':>7} "
            f"{'asof p95':>9} {'timeline p95':>12} {'search p95':>10} {'one-word p95':>12}"
        )
        first = None
        for n in sizes:
            folder = root / f"syn-{n}"
            write_corpus(folder, n)
            db = root / f"syn-{n}.db"
            r = ingest(db, [folder], "--workers", "2")
            lat = latency(db)
            print(
                f"  {n:7d} {r['seconds']:8.1f} {r['docs'] / r['seconds']:8.1f} {r['peak_mb']:8.0f} "
                f"{r['db_mb']:7.1f} {lat['asof']:8.2f}ms {lat['timeline']:10.2f}ms {lat['search']:8.2f}ms "
                f"{lat['word']:10.2f}ms"
            )
            if first is None:
                first = (n, lat)
            else:
                n0, lat0 = first
                growth = ", ".join(f"{k} {lat[k] / lat0[k]:.2f}x" for k in ("asof", "timeline", "search", "word"))
                for k in ("asof", "timeline"):  # their answers grow with the corpus: the cost of each fact
                    a, b = lat0[k + "_per_fact_us"], lat[k + "_per_fact_us"]
                    growth += f"; {k} per returned fact {a:.0f} -> {b:.0f} us ({b / a:.2f}x)"
                print(
                    f"    growth {n0:,} -> {n:,} docs: {growth} "
                    f"(logarithmic would be {math.log(n) / math.log(n0):.2f}x, linear {n / n0:.0f}x)"
                )
        if huge_mb:
            text = (SHARED / "corpus" / "isis-k.txt").read_text(encoding="utf-8")
            big = root / "huge" / "huge.txt"
            big.parent.mkdir()
            with big.open("w", encoding="utf-8") as fh:
                while fh.tell() < huge_mb * 1_000_000:
                    fh.write(text)
            r = ingest(root / "huge.db", [big.parent])
            size = big.stat().st_size / 1e6
            print(
                f"one {size:.0f} MB file: {r['seconds']:.0f} s, peak {r['peak_mb']:.0f} MB "
                f"({r['peak_mb'] / size:.1f} x the file)"
            )


if __name__ == "__main__":
    main()
