"""Web benchmark: API latency and the map's first draw in Chromium, on 2,000 entities and 10,000 facts."""

from __future__ import annotations

import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_kb  # noqa: E402

from factionmap.web.app import create_app  # noqa: E402

DRAWN = "() => { const n = document.getElementById('network'); return n.dataset.drawn === n.dataset.pending; }"


def main(n_facts: int = 10_000, n_entities: int = 2_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        build_kb(db, n_facts, n_entities)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        server = uvicorn.Server(uvicorn.Config(create_app(str(db), "t"), host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        rng = random.Random(5)
        calls = {
            "GET /api/asof (month, whole map)": lambda: f"/api/asof?date={rng.randrange(1990, 2024)}-06",
            "GET /api/asof?around= (depth 2)": lambda: f"/api/asof?date={rng.randrange(1990, 2024)}&around="
                                                       f"{rng.randrange(1, n_entities)}&depth=2",
            "GET /api/entities/{id} (profile)": lambda: f"/api/entities/{rng.randrange(1, n_entities)}",
            "GET /api/graph": lambda: "/api/graph",
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
            print(f"  {name:36} {statistics.median(times):10.1f} {times[int(len(times) * 0.95) - 1]:8.1f}"
                  f" {statistics.median(parse):10.1f} {len(body) / 1e6:8.2f}")
        chromium = Path("/usr/bin/chromium")
        if not chromium.exists():
            print("  (no /usr/bin/chromium: map load time not measured)")
            return
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(chromium), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"])
            page = b.new_page(viewport={"width": 1400, "height": 950})
            loads = []
            for _ in range(3):
                t = time.perf_counter()
                page.goto(base + "/")
                page.wait_for_selector("body[data-ready='1']", timeout=60000)
                page.wait_for_function(DRAWN, timeout=60000)
                loads.append(time.perf_counter() - t)
            edges = page.eval_on_selector("#network", "s => s.dataset.edges")
            t = time.perf_counter()
            page.evaluate("""() => { const s = document.getElementById('slider');
                s.value = String(Math.floor(Number(s.max) / 2)); s.dispatchEvent(new Event('input')); }""")
            page.wait_for_function("() => document.getElementById('network').dataset.month === "
                                   "document.getElementById('date').textContent")
            page.wait_for_function(DRAWN, timeout=60000)
            slide = time.perf_counter() - t
            b.close()
        print(f"  map first draw (page load to drawn, {edges} edges): median {statistics.median(loads):.2f} s; "
              f"slider step redraw {slide * 1000:.0f} ms")
        server.should_exit = True


if __name__ == "__main__":
    main()
