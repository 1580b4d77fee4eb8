"""Query latency on a database of synthetic facts (default 1,000,000): median and p95 per query."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_kb  # noqa: E402

from factionmap import query  # noqa: E402


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main(n_facts: int = 1_000_000, runs: int = 50) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        store = build_kb(Path(tmp) / "synthetic.db", n_facts)
        n_ent = store.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
        print(
            f"query latency on {n_facts:,} synthetic facts, {n_ent:,} entities "
            f"(built in {time.perf_counter() - t:.1f} s); {runs} runs each"
        )
        rng = random.Random(3)
        orgs = [r[0] for r in store.conn.execute("SELECT id FROM entities WHERE type = 'ORG' LIMIT 5000")]
        names = [r[0] for r in store.conn.execute("SELECT name FROM entities WHERE type = 'ORG' LIMIT 5000")]
        queries: dict[str, Callable[[], object]] = {
            "asof --around (depth 1)": lambda: query.asof(
                store, f"{rng.randrange(1990, 2024)}-06", around=rng.choice(orgs)
            ),
            "timeline": lambda: query.timeline(store, rng.choice(orgs)),
            "lineage": lambda: query.lineage(store, rng.choice(orgs)),
            "leaders": lambda: query.leaders(store, rng.choice(orgs)),
            "members": lambda: query.members(store, rng.choice(orgs)),
            "funding": lambda: query.funding(store, rng.choice(orgs)),
            "path (max 3 steps)": lambda: query.path(store, rng.choice(orgs), rng.choice(orgs), max_depth=3),
            "entity by name": lambda: query.find_entity(store, rng.choice(names).upper()),
            "search": lambda: query.search(store, rng.choice(names).split()[0]),
        }
        print(f"  {'query':28} {'median ms':>10} {'p95 ms':>10}")
        for name, fn in queries.items():
            med, p95 = measure(fn, runs)
            flag = "" if p95 < 100 else "  (over 100 ms)"
            print(f"  {name:28} {med:10.1f} {p95:10.1f}{flag}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
