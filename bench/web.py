"""Web benchmark: API latency and the map's first draw in Chromium, on 2,000 entities and 10,000 facts; then the
analyst's map on the three shared corpora together (412 documents): first draw, a slider step, labels that
meet, the names drawn of those held (every year too, and with "show all"), the grouped view's boxes,
screenshots into test-artifacts/; and the document view of a 20 MB document.

    python bench/web.py [--corpus-db PATH]   (a database of the three corpora to reuse; built when missing)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_kb  # noqa: E402

from factionmap.crossdoc import resolve_entities  # noqa: E402
from factionmap.ingest import ingest_paths  # noqa: E402
from factionmap.model import Extraction  # noqa: E402
from factionmap.reader import read_bytes  # noqa: E402
from factionmap.store import Store  # noqa: E402
from factionmap.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
LABEL_OVERLAPS = """() => { const bs = window.fmMap.nodes('.labelled').map(n => n.boundingBox(
    { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false }));
  let c = 0; for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const a = bs[i], b = bs[j]; if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) c++; }
  return [c, bs.length]; }"""

# each name drawn and its place on screen
POSITIONS = """() => Object.fromEntries(window.fmMap.nodes(':childless').not('.coalition').map(n =>
  [n.id(), [n.renderedPosition('x'), n.renderedPosition('y')]]))"""
BOX_OVERLAPS = """() => { const bs = window.fmMap.nodes('.coalition').map(g => g.boundingBox(
    { includeLabels: true, includeOverlays: false }));
  let c = 0; for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const a = bs[i], b = bs[j]; if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) c++; }
  return [bs.length, c]; }"""
DRAWN = "() => { const n = document.getElementById('network'); return n.dataset.drawn === n.dataset.pending; }"
# the note over the map: names drawn, names the state holds
NOTE = (
    "() => { const n = document.getElementById('shown-note'); "
    "return [Number(n.dataset.drawn), Number(n.dataset.total)]; }"
)
# facts drawn across a coalition box that neither of their ends belongs to (a segment meeting the box)
CROSSINGS = """() => { const cy = window.fmMap;
  const boxes = cy.nodes('.coalition').map(g => [g, g.boundingBox({ includeLabels: false, includeOverlays: false })]);
  const meets = (p, q, b) => { let t0 = 0, t1 = 1; const dx = q.x - p.x, dy = q.y - p.y;
    for (const [k, d] of [[-dx, p.x - b.x1], [dx, b.x2 - p.x], [-dy, p.y - b.y1], [dy, b.y2 - p.y]]) {
      if (k === 0) { if (d < 0) return false; continue; }
      const r = d / k; if (k < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
      else { if (r < t0) return false; if (r < t1) t1 = r; } }
    return true; };
  let c = 0;
  cy.edges().forEach(e => { for (const [g, b] of boxes) {
    if (e.source().parent().same(g) || e.target().parent().same(g)) continue;
    if (meets(e.source().position(), e.target().position(), b)) c++; } });
  return c; }"""
# boxes and names not wholly inside the frame
OUTSIDE = """() => { const cy = window.fmMap, w = cy.width(), h = cy.height();
  return cy.nodes().filter(n => { const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
    return b.x1 < 0 || b.y1 < 0 || b.x2 > w || b.y2 > h; }).length; }"""


def serve(db: Path) -> tuple[uvicorn.Server, str]:
    """The app over ``db`` on a free port, in a thread."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db), "t"), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def open_drawn(page: Any, url: str) -> None:
    """Open the map and wait until its first state is on the screen (one wait: each round trip to the browser
    would count in the first draw)."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "() => { const n = document.getElementById('network'); return document.body.dataset.ready === '1' "
        "&& n !== null && n.dataset.drawn === n.dataset.pending; }",
        timeout=60000,
    )


def step_to_year(page: Any, year: int) -> None:
    """Move the map's year range to one year (both ends) and wait until that range is drawn (one wait: each
    round trip to the browser would count in the step)."""
    page.evaluate(
        "y => { for (const id of ['to', 'from']) { const s = document.getElementById(id); "
        "s.value = String(y); s.dispatchEvent(new Event('input')); } }",
        year,
    )
    page.wait_for_function(
        "r => { const n = document.getElementById('network'); return n.dataset.range === r "
        "&& n.dataset.drawn === n.dataset.pending; }",
        arg=str(year),
        timeout=60000,
    )


def corpus_map(db: Path, runs: int = 5, steps: int = 10) -> None:
    """The map on the three shared corpora: first draw and slider step (medians), labels that meet."""
    if not db.exists():
        os.environ["FACTIONMAP_EXTRACTOR"] = os.environ.get("FACTIONMAP_EXTRACTOR", "rules")
        t = time.perf_counter()
        report = ingest_paths(Store(db), [SHARED / "corpus", SHARED / "corpus-wiki", SHARED / "corpus-un"])
        print(
            f"built {db}: {report.summary()} in {time.perf_counter() - t:.0f} s "
            f"({os.environ['FACTIONMAP_EXTRACTOR']} extractor)"
        )
    store = Store(db)
    stats = store.stats()
    server, base = serve(db)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 950})
        loads, parts = [], []
        for _ in range(runs):
            t = time.perf_counter()
            open_drawn(page, base + "/")
            loads.append(time.perf_counter() - t)
            parts.append(
                page.evaluate(
                    "() => { const t = window.fmTimings; return [t.fetched - t.start, "
                    "t.layout - t.fetched, t.labelled - t.layout]; }"
                )
            )
        overlaps, labelled = page.evaluate(LABEL_OVERLAPS)
        nodes, edges = page.evaluate("() => [window.fmMap.nodes().length, window.fmMap.edges().length]")
        shown, total = page.evaluate(NOTE)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map-412-documents.png"))
        lo, hi = (int(page.get_attribute("#from", a)) for a in ("min", "max"))
        # every year: the most important names, then every name ("show all")
        views = {}
        for name, query in (
            ("all-years", f"?from={lo}&to={hi}"),
            ("all-years-every-name", f"?from={lo}&to={hi}&all=1"),
        ):
            t = time.perf_counter()
            open_drawn(page, f"{base}/{query}")
            views[name] = (time.perf_counter() - t, *page.evaluate(NOTE), *page.evaluate(LABEL_OVERLAPS))
            page.screenshot(path=str(ARTIFACTS / f"map-412-documents-{name}.png"))
        open_drawn(page, base + "/")
        times, inpage, moved, common = [], [], 0, 0
        before = page.evaluate(POSITIONS)
        for i in range(steps):
            year = hi - 1 - i % max(1, hi - lo)
            t0 = page.evaluate("() => performance.now()")
            t = time.perf_counter()
            step_to_year(page, year)
            times.append(time.perf_counter() - t)
            # in the page, from the step's start: its draws (Cytoscape's add and remove, labels) and its frame
            inpage.append(
                page.evaluate(
                    "t0 => { const t = window.fmTimings; if (!t.steps || t.rendered === undefined) return null;"
                    " const s = t.steps.filter(x => x.draw >= t0);"
                    " return [s.reduce((a, x) => a + x.labels - x.draw, 0), t.rendered - t0]; }",
                    t0,
                )
            )
            # names drawn both before and after the step: none may move
            now = page.evaluate(POSITIONS)
            both = set(now) & set(before)
            common += len(both)
            moved += sum(now[n] != before[n] for n in both)
            before = now
        page.goto(f"{base}/?from={lo}&to={hi}&group=1")  # every year, coalitions grouped
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        page.wait_for_function(DRAWN, timeout=60000)
        boxes, meeting = page.evaluate(BOX_OVERLAPS)
        outside = page.evaluate(OUTSIDE)
        crossings = page.evaluate(CROSSINGS)
        page.screenshot(path=str(ARTIFACTS / "map-412-documents-coalitions.png"))
        b.close()
    server.should_exit = True
    fetch, lay, label = (statistics.median(x[i] for x in parts) for i in range(3))
    print(
        f"the map on {stats['documents']} documents ({stats['facts']} facts): first draw {loads[0]:.2f} s on a "
        f"first visit (a fresh browser, nothing cached), median {statistics.median(loads[1:]):.2f} s over "
        f"{runs - 1} later visits (the browser's caches warm); median of all {statistics.median(loads):.2f} s "
        f"(page load to drawn; in the page: data {fetch:.0f} ms, layout {lay:.0f} ms, labels and draw "
        f"{label:.0f} ms); slider step median {statistics.median(times) * 1000:.0f} ms over {steps} steps "
        f"(max {max(times) * 1000:.0f} ms)"
    )
    if all(x is not None for x in inpage):
        print(
            f"  slider step in the page: drawing (elements and labels) median "
            f"{statistics.median(x[0] for x in inpage):.0f} ms; input to the frame on screen median "
            f"{statistics.median(x[1] for x in inpage):.0f} ms (max {max(x[1] for x in inpage):.0f} ms; the rest of a "
            "step is the benchmark's own round trips to the browser)"
        )
    print(f"  slider steps: {moved} of {common} names drawn on both sides of a step moved")
    print(
        f"  first draw: {nodes} nodes ({shown} of {total} names shown), {edges} edges, {labelled} labels, "
        f"{overlaps} pairs of labels meeting; screenshot {ARTIFACTS / 'map-412-documents.png'}"
    )
    for name, (took, drawn, held, meet, labels) in views.items():
        print(
            f"  {name} ({lo}-{hi}): {drawn} of {held} names drawn in {took:.2f} s, {labels} labels, {meet} pairs "
            f"meeting; screenshot {ARTIFACTS / f'map-412-documents-{name}.png'}"
        )
    print(
        f"  coalitions grouped ({lo}-{hi}): {boxes} boxes, {meeting} pairs of boxes meeting, {outside} boxes or "
        f"names not wholly in the frame, {crossings} facts drawn across a box neither end is in; screenshot "
        f"{ARTIFACTS / 'map-412-documents-coalitions.png'}"
    )


def big_document(mb: int = 20) -> None:
    """The document view on a ``mb`` MB document: page load to a marked span in the middle, on screen."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "doc.db"
        line = "Nothing of note happened in the valley that year, according to the villagers who spoke.\n"
        text = line * (mb * 1_000_000 // len(line))
        Store(db).add_document(read_bytes(text.encode(), "big.txt"), Extraction(text="", analysis=""), resolve_entities)
        server, base = serve(db)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1400, "height": 950})
            mid = len(text) // 2
            times = []
            for _ in range(3):
                t = time.perf_counter()
                page.goto(f"{base}/document/1#{mid}-{mid + 40}")
                page.wait_for_selector("body[data-ready='1']", timeout=60000)
                times.append(time.perf_counter() - t)
            held = page.evaluate("() => document.getElementById('text').textContent.length")
            t = time.perf_counter()
            page.click("#next")
            page.wait_for_function(
                "() => document.getElementById('text').dataset.start !== undefined && "
                f"Number(document.getElementById('text').dataset.start) > {mid}"
            )
            step = time.perf_counter() - t
            b.close()
        server.should_exit = True
        print(
            f"document view of a {len(text) / 1e6:.0f} MB document: opened at a span in the middle in median "
            f"{statistics.median(times):.2f} s; the page holds {held:,} characters; next page {step * 1000:.0f} ms"
        )


def main(n_facts: int = 10_000, n_entities: int = 2_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        build_kb(db, n_facts, n_entities)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        server = uvicorn.Server(
            uvicorn.Config(create_app(str(db), "t"), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        rng = random.Random(5)
        calls = {
            "GET /api/asof (month, whole map)": lambda: f"/api/asof?date={rng.randrange(1990, 2024)}-06",
            "GET /api/asof?around= (depth 2)": lambda: (
                f"/api/asof?date={rng.randrange(1990, 2024)}&around={rng.randrange(1, n_entities)}&depth=2"
            ),
            "GET /api/entities/{id} (profile)": lambda: f"/api/entities/{rng.randrange(1, n_entities)}",
            "GET /api/graph": lambda: "/api/graph",
            "GET /api/holds (the map's time data)": lambda: "/api/holds",
            "GET /api/review": lambda: "/api/review",
        }
        print(f"web API on {n_entities:,} entities and {n_facts:,} facts (30 calls each)")
        print(f"  {'call':36} {'median ms':>10} {'p95 ms':>8} {'parse ms':>10} {'MB':>8}")
        for name, url in calls.items():
            times, parse = [], []
            for _ in range(30):
                t = time.perf_counter()
                with urllib.request.urlopen(base + url(), timeout=30) as r:
                    body = r.read()
                times.append((time.perf_counter() - t) * 1000)  # request sent to the last byte received
                t = time.perf_counter()
                json.loads(body)
                parse.append((time.perf_counter() - t) * 1000)  # the client's own work, reported apart
            times.sort()
            print(
                f"  {name:36} {statistics.median(times):10.1f} {times[int(len(times) * 0.95) - 1]:8.1f}"
                f" {statistics.median(parse):10.1f} {len(body) / 1e6:8.2f}"
            )
        chromium = Path("/usr/bin/chromium")
        if not chromium.exists():
            print("  (no /usr/bin/chromium: map load time not measured)")
            return
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1400, "height": 950})
            loads = []
            for _ in range(3):
                t = time.perf_counter()
                open_drawn(page, base + "/")
                loads.append(time.perf_counter() - t)
            edges = page.eval_on_selector("#network", "s => s.dataset.edges")
            lo, hi = (int(page.get_attribute("#from", a)) for a in ("min", "max"))
            year = (lo + hi) // 2
            t = time.perf_counter()
            step_to_year(page, year)
            slide = time.perf_counter() - t
            b.close()
        print(
            f"  map first draw (page load to drawn, {edges} edges): median {statistics.median(loads):.2f} s; "
            f"slider step redraw {slide * 1000:.0f} ms"
        )
        server.should_exit = True


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus-db", type=Path, default=None, help="database of the three shared corpora to reuse")
    ap.add_argument("--only-corpus", action="store_true", help="skip the synthetic network")
    args = ap.parse_args()
    if not args.only_corpus:
        main()
    if Path("/usr/bin/chromium").exists():
        if args.corpus_db is not None:
            corpus_map(args.corpus_db)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                corpus_map(Path(tmp) / "corpus.db")
        big_document()
