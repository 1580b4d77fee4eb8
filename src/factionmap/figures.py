"""Figures for reports, as standalone SVG or PNG: an entity's timeline and its membership over time."""

from __future__ import annotations

import html
import math

from factionmap import edtf, query, wording
from factionmap.errors import FactionmapError
from factionmap.store import Store

FIGURES = ("timeline", "members")


def escape(text: str) -> str:
    """``text`` with &, < and > escaped for SVG, as ``xml.sax.saxutils.escape`` does (which would load urllib
    and http.client along with it, into every command).

    >>> escape('<b> & "c"')
    '&lt;b&gt; &amp; "c"'
    """
    return html.escape(text, quote=False)


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">\n'
        f"<title>{escape(title)}</title>\n" + "\n".join(body) + "\n</svg>\n"
    )


def _day(iso: str) -> float:
    y, m, d = (int(x) for x in iso.split("-"))
    return y + (m - 1) / 12 + (d - 1) / 365


def timeline(store: Store, name: str | int) -> str:
    """Every dated fact about an entity on a time axis, one labelled row each."""
    data = query.timeline(store, name)
    facts = data["facts"]
    if not facts:
        raise FactionmapError(f"{data['entity']['name']!r} has no dated facts to draw")
    days = [(_day(f["earliest"] or edtf.bounds(f["end"])[0] or "1900-01-01"), f) for f in facts]
    lo = math.floor(min(d for d, _ in days))
    hi = math.ceil(max(d for d, _ in days)) + 1
    width, left, row = 1000, 380, 18
    height = 60 + row * len(days)

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (width - left - 20)

    body = [f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(data["entity"]["name"])}: timeline</text>']
    for year in range(lo, hi + 1):
        body.append(f'<line x1="{x(year):.1f}" y1="30" x2="{x(year):.1f}" y2="{height - 10}" stroke="#ddd"/>')
        body.append(f'<text x="{x(year) + 2:.1f}" y="40" fill="#666">{year}</text>')
    for i, (d, f) in enumerate(days):
        y = 55 + i * row
        label = wording.sentence(f)
        body.append(f'<text x="10" y="{y + 4}" class="fact">{escape(label[:60])}</text>')
        colour = {"asserted": "#1e88e5", "denied": "#c62828"}.get(f["certainty"], "#f9a825")
        body.append(
            f'<circle cx="{x(d):.1f}" cy="{y}" r="4" fill="{colour}"><title>'
            f"{escape(label)} ({escape(wording.when_text(f))}, {f['certainty']})</title></circle>"
        )
    return _svg(width, height, body, f"timeline of {data['entity']['name']}")


def members(store: Store, name: str | int) -> str:
    """Membership figures over time as bars (ranges drawn to their upper bound, lighter)."""
    data = query.members(store, name)
    rows = [m for m in data["members"] if isinstance(m["value"], int | float)]
    if not rows:
        raise FactionmapError(f"{data['entity']['name']!r} has no membership figures to draw")
    width, height, base = 640, 260, 220
    top = max(m["value_high"] or m["value"] for m in rows)
    bar = min(120.0, (width - 80) / len(rows))  # one figure is a bar, not the whole width
    body = [
        f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(data["entity"]["name"])}: membership</text>',
        f'<line x1="55" y1="40" x2="55" y2="{base}" stroke="#999"/>',
        f'<text x="50" y="44" text-anchor="end" fill="#666">{top:,}</text>',
        f'<text x="50" y="{base}" text-anchor="end" fill="#666">0</text>',
    ]
    for i, m in enumerate(rows):
        x0 = 60 + i * bar
        for value, opacity in ((m["value_high"], 0.35), (m["value"], 1.0)):
            if value:
                h = value / top * (base - 40)
                body.append(
                    f'<rect class="bar" x="{x0:.1f}" y="{base - h:.1f}" width="{bar * 0.7:.1f}" '
                    f'height="{h:.1f}" fill="#1e88e5" fill-opacity="{opacity}"/>'
                )
        body.append(f'<text x="{x0:.1f}" y="{base + 14}">{escape(wording.when_text(m) or "undated")}</text>')
        shown = f"{m['value']:,}" + (f"–{m['value_high']:,}" if m["value_high"] else "")
        body.append(f'<text x="{x0:.1f}" y="{base + 28}" fill="#666">{escape(shown)} ({m["certainty"]})</text>')
    return _svg(width, height + 20, body, f"membership of {data['entity']['name']}")


def figure(store: Store, kind: str, name: str | int) -> str:
    """One figure by name: timeline or members."""
    if kind == "timeline":
        return timeline(store, name)
    if kind == "members":
        return members(store, name)
    raise FactionmapError(f"unknown figure {kind!r}: one of {', '.join(FIGURES)}")


def to_png(svg: str, scale: float = 2.0) -> bytes:
    """Render an SVG figure to PNG with CairoSVG (needs the Cairo library, Debian's libcairo2)."""
    try:
        import cairosvg
    except OSError as exc:  # cairocffi could not load libcairo
        raise FactionmapError(
            f"PNG figures need the Cairo library (Debian: apt-get install libcairo2): {exc}"
        ) from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, background_color="white")


def render(store: Store, kind: str, name: str | int, fmt: str = "svg") -> bytes:
    """One figure as file content: ``fmt`` is ``svg`` or ``png``."""
    if fmt not in ("svg", "png"):
        raise FactionmapError(f"unknown figure format {fmt!r}: svg or png")
    svg = figure(store, kind, name)
    return svg.encode("utf-8") if fmt == "svg" else to_png(svg)
