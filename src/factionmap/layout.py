"""The map's layout of a large network, computed once by the server: a force layout with a cut-off
repulsion (pairs closer than one cell push apart), springs with a rest length along every fact, and a
pull to the centre, seeded deterministically, so the same network always gives the same picture. It is
the map page's own layout (``layout`` in static/map.js) with numpy and a k-d tree, so a page showing
a large network draws at once instead of laying it out first.

>>> pos = map_layout([1, 2, 3], [(1, 2), (2, 3)])
>>> sorted(pos) == [1, 2, 3] and all(len(p) == 2 for p in pos.values())
True
>>> map_layout([1, 2, 3], [(1, 2), (2, 3)]) == pos   # the same network, the same picture
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

CELL = 120.0  # repulsion reaches this far
NODE_SIDE = 70.0  # the canvas grows by about this much per node along a side


def map_layout(
    nodes: Sequence[int], edges: Iterable[tuple[int, int]], aspect: float = 0.7
) -> dict[int, tuple[float, float]]:
    """Positions of ``nodes`` (ids) joined by ``edges`` (id pairs, one per fact), on a canvas
    ``sqrt(n) * 70`` units wide and ``aspect`` times as high, rounded to a tenth."""
    import numpy as np  # numpy and scipy load here, not with the module: the command line never lays out a map
    from scipy.spatial import cKDTree

    n = len(nodes)
    if n == 0:
        return {}
    w = max(1.0, math.sqrt(n) * NODE_SIDE)
    h = w * aspect
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in edges if a in index and b in index], dtype=np.int64)
    src, dst = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (pairs, pairs)
    k = np.arange(n)
    x = w / 2 + (w / 3) * np.cos(k * 2.4)
    y = h / 2 + (h / 3) * np.sin(k * 2.4)
    vx, vy = np.zeros(n), np.zeros(n)
    for _ in range(80 if n > 1500 else 120 if n > 600 else 200):
        close = cKDTree(np.column_stack((x, y))).query_pairs(CELL, output_type="ndarray")
        if len(close):
            i, j = close[:, 0], close[:, 1]
            dx, dy = x[i] - x[j], y[i] - y[j]
            d2 = dx * dx + dy * dy + 0.01
            f = np.where(d2 > CELL * CELL, 0.0, 150.0 / d2)
            np.add.at(vx, i, dx * f)
            np.add.at(vy, i, dy * f)
            np.add.at(vx, j, -dx * f)
            np.add.at(vy, j, -dy * f)
        if len(src):
            dx, dy = x[dst] - x[src], y[dst] - y[src]
            d = np.sqrt(dx * dx + dy * dy) + 0.01
            f = 0.03 * (d - 50) / d  # springs with a rest length: linked names settle near, not on, each other
            np.add.at(vx, src, dx * f)
            np.add.at(vy, src, dy * f)
            np.add.at(vx, dst, -dx * f)
            np.add.at(vy, dst, -dy * f)
        vx += (w / 2 - x) * 0.002
        vy += (h / 2 - y) * 0.002
        x = np.clip(x + np.clip(vx, -8, 8), 10, w - 10)
        y = np.clip(y + np.clip(vy, -8, 8), 10, h - 10)
        vx *= 0.5
        vy *= 0.5
    return {node: (round(float(x[i]), 1), round(float(y[i]), 1)) for node, i in index.items()}
