"""What the browser tests share: serving an app on a free port, screenshots, and waiting for the map."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from factionmap.web.app import create_app

from .conftest import HERE, free_port

ARTIFACTS = HERE.parent / "test-artifacts"
TOKEN = "test-token-123"
VISIBLE_EDGES = "() => window.fmMap.edges(':visible').map(e => e.id())"
DRAWN = "() => { const n = document.getElementById('network'); return n.dataset.drawn === n.dataset.pending; }"
# label boxes as the renderer itself places them, and how many pairs of them meet
LABEL_OVERLAPS = """() => { const bs = window.fmMap.nodes('.labelled').map(n => n.boundingBox(
    { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false }));
  let c = 0; for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const a = bs[i], b = bs[j]; if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) c++; }
  return [c, bs.length]; }"""


@contextmanager
def serving(db: Path, **options: Any) -> Iterator[str]:
    """The app over ``db`` on a free port (``options`` go to ``create_app``), for as long as the block runs."""
    port = free_port()
    app = create_app(str(db), TOKEN, **options)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def shot(page: Any, name: str) -> None:
    """A screenshot into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def set_range(page: Any, start: int, end: int | None = None) -> None:
    """Move the two year sliders, as a user would, and wait until that range is on the screen."""
    end = start if end is None else end
    page.evaluate(
        """([a, b]) => { const f = document.getElementById('from'), t = document.getElementById('to');
        t.value = String(b); t.dispatchEvent(new Event('input'));
        f.value = String(a); f.dispatchEvent(new Event('input'));
        f.dispatchEvent(new Event('change')); }""",
        [start, end],
    )
    want = str(start) if start == end else f"{start}/{end}"
    page.wait_for_function("r => document.getElementById('network').dataset.range === r", arg=want)
    page.wait_for_function(DRAWN)


def open_map(page: Any, url: str) -> None:
    """Open the map page and wait until it is drawn."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=60000)
    page.wait_for_function(DRAWN)


def screen_point(page: Any, js_position: str) -> tuple[float, float]:
    """Where on the screen a Cytoscape element is drawn (``js_position`` evaluates to a rendered point)."""
    box = page.locator("#network").bounding_box()
    # an element just shown has no geometry until the renderer's next frame: wait for a finite point
    p = page.wait_for_function(
        f"() => {{ const p = ({js_position})(); return Number.isFinite(p.x) && Number.isFinite(p.y) ? p : null; }}"
    ).json_value()
    return box["x"] + p["x"], box["y"] + p["y"]
