// The network map, drawn by Cytoscape.js (installed from the npm registry into /static/vendor at set-up).
// A stable layout over every entity is computed once; the year range reads which facts held then from the days
// each fact holds (the query API's answer, fetched once) and only shows or hides elements, so nothing moves. Filters by relation, certainty, minimum confidence and
// document; focus on an entity and its neighbourhood; a data tab lists the facts drawn. Every part of the view
// lives in the URL (back, forward and a copied link restore it). Labels are placed by importance and never
// overlap; more appear on zoom. A state holding more names than the frame holds readably draws the most
// important of them, spread over the frame, with a note ("showing N of M names — show all"); that spread is laid
// out once over the names drawn at every year of the slider (for the frame, the filters and the focus), so the
// slider moves no name there either. Document text only ever goes through textContent (fm.el), never HTML.
"use strict";
const state = {
  cy: null, graph: null, names: new Map(), entities: [], years: null, from: null, to: null, held: new Set(),
  relations: new Set(), certainties: new Set(), allRelations: [], allCertainties: [], minConfidence: 0, doc: null,
  focus: null, depth: 1, sizeBy: "connections", tab: "map", evidence: null, holds: [], sort: ["date", 1],
  importance: new Map(), widths: new Map(), shownKeys: [], group: false, fcose: false, all: false, degree: new Map(),
  total: 0, drawnNames: 0, spread: null, anchor: null, groupZoom: 1, undated: false, undatedKeys: new Set(),
};
// how many names the map draws by default: one for every NAME_AREA square pixels of its frame (a circle and a
// label of a dozen letters, with room around them), at least MIN_NAMES; "show all" draws every name
const NAME_AREA = 9000, MIN_NAMES = 20;
// the grouped view lays out every name drawn together (fCoSE): "show all" there draws this many at most
const GROUP_MAX = 300;
// a coalition and its components are drawn inside one box when "group coalitions" is on: X component_of or
// joined Y, both groups, with Y drawn with two components or more
const GROUPING = new Set(["component_of", "joined"]);
// fCoSE, the compound-aware layout (from /static/vendor, with the two libraries it is built on), is loaded only
// when a view needs it (the grouped view, a network small enough for the page to lay out): the map of a large
// network draws without parsing it. It registers itself with Cytoscape when its script runs.
const FCOSE_SCRIPTS = ["layout-base", "cose-base", "cytoscape-fcose"];
let fcoseLoaded = null;

function loadFcose() {
  // resolves once the scripts ran (or failed: without fCoSE the grouped view falls back to a grid in each box)
  if (!fcoseLoaded) {
    document.getElementById("network").dataset.pending = "scripts";  // a watcher waits for the draw that follows
    fcoseLoaded = FCOSE_SCRIPTS.reduce((ready, name) => ready.then(() => new Promise(done => {
      const s = document.createElement("script");
      s.src = `/static/vendor/${name}.js`; s.onload = done; s.onerror = done;
      document.head.append(s);
    })), Promise.resolve()).then(() => { state.fcose = typeof cytoscapeFcose !== "undefined"; });
  }
  return fcoseLoaded;
}
const COLOURS = { ORG: "#1e88e5", PERSON: "#e53935", PLACE: "#43a047" };
const TYPE_NAMES = { ORG: "group (organisation)", PERSON: "person", PLACE: "place" };
const RELATION_COLOURS = {
  component_of: "#1565c0", joined: "#1565c0", merged_into: "#1565c0", splinter_of: "#0277bd",
  allied_with: "#2e7d32", rival_of: "#c62828", ceasefire_with: "#f9a825", funded_by: "#6a1b9a",
  supported_by: "#6a1b9a", allegiance_to: "#00838f", leader_of: "#5d4037", member_of: "#5d4037",
  based_in: "#558b2f", founded_by: "#455a64", successor_of: "#455a64", killed: "#424242",
};
// Six certainty levels, six line styles: a dash pattern (none: solid), a width and an opacity each.
const CERTAINTY = {
  asserted: { dash: null, width: 2, opacity: 1, words: "stated as fact" },
  reported: { dash: [6, 3], width: 2, opacity: 1, words: "reported by a source" },
  claimed: { dash: [10, 3, 2, 3], width: 2, opacity: 1, words: "claimed by a party" },
  possible: { dash: [2, 3], width: 2, opacity: 1, words: "possible, suspected" },
  unclear: { dash: [2, 3, 2, 10], width: 1.5, opacity: 0.9, words: "unclear" },
  denied: { dash: [12, 5], width: 1.5, opacity: 0.35, words: "denied" },
};
const CERTAINTY_ORDER = Object.keys(CERTAINTY);
const LABEL_PX = 12;  // labels are this many screen pixels high at any zoom
const LABEL_CHARS = 34;

function layout(nodes, edges, w, h) {
  // A force layout with a spatial hash (each step linear in the nodes), seeded deterministically so the
  // same knowledge base always gives the same picture; Cytoscape then draws it as a preset layout.
  const n = nodes.length, index = new Map(nodes.map((node, i) => [node.id, i]));
  const x = new Float64Array(n), y = new Float64Array(n), vx = new Float64Array(n), vy = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = w / 2 + (w / 3) * Math.cos(i * 2.4); y[i] = h / 2 + (h / 3) * Math.sin(i * 2.4); }
  const src = [], dst = [];
  for (const e of edges) { const a = index.get(e.source), b = index.get(e.target); if (a !== undefined && b !== undefined) { src.push(a); dst.push(b); } }
  const cell = 120, cols = Math.ceil(w / cell) + 2, rows = Math.ceil(h / cell) + 2;
  const head = new Int32Array(cols * rows), next = new Int32Array(n);
  const iters = n > 1500 ? 80 : n > 600 ? 120 : 200;
  for (let it = 0; it < iters; it++) {
    head.fill(-1);
    for (let i = 0; i < n; i++) { const c = (Math.floor(x[i] / cell) + 1) * rows + Math.floor(y[i] / cell) + 1; next[i] = head[c]; head[c] = i; }
    for (let i = 0; i < n; i++) {
      const cx = Math.floor(x[i] / cell) + 1, cy = Math.floor(y[i] / cell) + 1;
      for (let gx = cx - 1; gx <= cx + 1; gx++) for (let gy = cy - 1; gy <= cy + 1; gy++) {
        if (gx < 0 || gy < 0 || gx >= cols || gy >= rows) continue;
        for (let j = head[gx * rows + gy]; j !== -1; j = next[j]) {
          if (j === i) continue;
          const dx = x[i] - x[j], dy = y[i] - y[j], d2 = dx * dx + dy * dy + 0.01;
          if (d2 > cell * cell) continue;
          const f = 150 / d2; vx[i] += dx * f; vy[i] += dy * f;
        }
      }
    }
    for (let k = 0; k < src.length; k++) {
      // springs with a rest length: linked names settle near each other, not on top of each other
      const a = src[k], b = dst[k], dx = x[b] - x[a], dy = y[b] - y[a], d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = 0.03 * (d - 50) / d;
      vx[a] += dx * f; vy[a] += dy * f; vx[b] -= dx * f; vy[b] -= dy * f;
    }
    for (let i = 0; i < n; i++) {
      vx[i] += (w / 2 - x[i]) * 0.002; vy[i] += (h / 2 - y[i]) * 0.002;
      x[i] = Math.max(10, Math.min(w - 10, x[i] + Math.max(-8, Math.min(8, vx[i]))));
      y[i] = Math.max(10, Math.min(h - 10, y[i] + Math.max(-8, Math.min(8, vy[i]))));
      vx[i] *= 0.5; vy[i] *= 0.5;
    }
  }
  return new Map(nodes.map((node, i) => [node.id, { x: x[i], y: y[i] }]));
}

function yearOf(s) { const m = /^(\d{4})/.exec(s || ""); return m ? Number(m[1]) : null; }

function edgeYear(e) { return yearOf(e.date) ?? yearOf(e.start) ?? yearOf(e.end); }

function yearSpan(edges) {
  // the years the dated facts cover; a few stray early dates (a founding long ago) are gathered into the
  // first year rather than stretching the slider over empty centuries
  const years = edges.map(edgeYear).filter(y => y !== null).sort((a, b) => a - b);
  if (!years.length) return null;
  const lo = years[Math.floor(years.length * 0.01)], hi = years[years.length - 1];
  const counts = new Map();
  for (const y of years) { const k = Math.max(y, lo); counts.set(k, (counts.get(k) || 0) + 1); }
  return { lo, hi, counts, first: years[0] };
}

function norm(s) {
  // the server's name folding (model.norm): case, accents, dashes, quotes and spacing ignored
  return String(s).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[\u2010-\u2015\u2212\-_/]/g, " ").replace(/["'`\u2018\u2019\u201c\u201d\u02bc.,()[\]]/g, "")
    .replace(/\s+/g, " ").trim();
}

function phrase(e) { return e.phrase || e.relation; }
function whenText(e) { return e.when_text || fm.when(e); }

function nodeSize(n) {
  const v = state.importance.get(n.id) || 0;
  return 10 + 40 * Math.sqrt(v);
}

function computeImportance() {
  // 0..1 per node by the measure the user picked: connections (facts), PageRank, or the latest membership figure
  const out = new Map(), g = state.graph;
  if (state.sizeBy === "pagerank") {
    const cy = cytoscape({ headless: true, elements: [...state.nodeDefs.values(), ...state.edgeDefs.values()] });
    const pr = cy.elements().pageRank({ dampingFactor: 0.85, precision: 0.0001 });
    let max = 0; cy.nodes().forEach(n => { max = Math.max(max, pr.rank(n)); });
    cy.nodes().forEach(n => out.set(Number(n.id()), max ? pr.rank(n) / max : 0));
    cy.destroy();
  } else if (state.sizeBy === "members") {
    const max = Math.max(1, ...g.nodes.map(n => n.members || 0));
    for (const n of g.nodes) out.set(n.id, n.members ? Math.log10(n.members + 1) / Math.log10(max + 1) : 0);
  } else {
    const deg = new Map();
    for (const e of g.edges) { deg.set(e.source, (deg.get(e.source) || 0) + 1); deg.set(e.target, (deg.get(e.target) || 0) + 1); }
    const max = Math.max(1, ...deg.values());
    for (const n of g.nodes) out.set(n.id, Math.log2(1 + (deg.get(n.id) || 0)) / Math.log2(1 + max));
  }
  state.importance = out;
  const deg = new Map();
  for (const e of g.edges) { deg.set(e.source, (deg.get(e.source) || 0) + 1); deg.set(e.target, (deg.get(e.target) || 0) + 1); }
  state.degree = deg;
  for (const n of g.nodes) {
    const def = state.nodeDefs.get(String(n.id)); def.data.size = nodeSize(n);
    const live = state.cy && state.cy.getElementById(String(n.id));
    if (live && live.nonempty()) live.data("size", def.data.size);
  }
}

function mapStyle(big, zoom = 1) {
  // labels are LABEL_PX screen pixels high at ``zoom``
  const style = [
    { selector: "node[size]", style: { width: "data(size)", height: "data(size)", "background-color": "data(colour)" } },
    { selector: "node", style: { label: "", "font-size": LABEL_PX / zoom, "font-family": "sans-serif", color: "#222", "text-valign": "bottom",
      "text-halign": "center", "text-margin-y": 2 / zoom, "text-outline-color": "#fff", "text-outline-width": 0,
      "border-width": 1, "border-color": "#fff" } },
    { selector: "node.labelled", style: { label: "data(label)", "text-background-color": "#fafafa",
      "text-background-opacity": 0.75, "text-background-shape": "roundrectangle" } },
    { selector: "edge", style: { width: 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
      "curve-style": big ? "haystack" : "bezier", "target-arrow-shape": big ? "none" : "triangle", "arrow-scale": 0.6 } },
  ];
  for (const [c, s] of Object.entries(CERTAINTY)) {
    const st = { width: s.width, opacity: s.opacity };
    if (s.dash) { st["line-style"] = "dashed"; st["line-dash-pattern"] = s.dash; }
    style.push({ selector: "edge." + c, style: st });
  }
  style.push(
    { selector: "edge.aside", style: { opacity: 0.15 } },
    { selector: "edge.hover", style: { width: 4 } },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: "node.found", style: { "border-width": 3, "border-color": "#ef6c00" } },
    { selector: "node.focus", style: { "border-width": 4, "border-color": "#212121" } },
    { selector: "node.coalition", style: { shape: "round-rectangle", "background-color": "#e3f2fd", "background-opacity": 0.5,
      "border-width": 1, "border-color": "#90caf9", label: "data(label)", "text-valign": "top", "text-halign": "center",
      "font-size": "data(fs)", color: "#0d47a1", padding: 8, "compound-sizing-wrt-labels": "exclude" } },
  );
  return style;
}

// ---- labels: by importance, never overlapping, more on zoom ---------------------------------------------

const measure = document.createElement("canvas").getContext("2d");

function labelWidth(id, label) {
  // the label's width in screen pixels at LABEL_PX (measured once per name)
  if (!state.widths.has(id)) { measure.font = `${LABEL_PX}px sans-serif`; state.widths.set(id, measure.measureText(label).width); }
  return state.widths.get(id);
}

function titleSize(g, z) {
  // a box's title: the page's text size on screen, but with fCoSE, whose boxes grow and shrink with the zoom
  // like the rest of the map, never larger than the room the boxes keep for it (the text size at the zoom the
  // view was fitted to)
  if (!state.fcose) return LABEL_PX / z;
  return LABEL_PX / Math.max(z, titleZoom());
}

function titleZoom() {
  // the zoom the grouped view was fitted to (1 at most: the picture's own scale), for which its titles have room
  return Math.min(1, state.groupZoom || 1);
}

function placeLabels() {
  // Greedy: the most important names first (the focus and search hits before all), each label kept only where
  // its box, padded, meets no label already kept. Font size is constant on screen, so zooming in spreads the
  // names apart and more of them fit. Only the labels that change are touched, and the style only when the zoom
  // changed: Cytoscape then redraws from its caches instead of restyling every node.
  const cy = state.cy, z = cy.zoom(), fs = LABEL_PX / z, pad = Math.max(3, 4 / z);
  if (state.labelZoom !== z) {
    state.labelZoom = z;
    cy.style(mapStyle(state.big, z));
    cy.nodes(".coalition").forEach(g => g.data("fs", titleSize(g, z)));
  }
  const nodes = cy.nodes(":childless").toArray();
  const rank = n => (n.hasClass("focus") ? 10 : 0) + (n.hasClass("found") ? 5 : 0) + (state.importance.get(Number(n.id())) || 0);
  nodes.sort((a, b) => rank(b) - rank(a) || (a.id() < b.id() ? -1 : 1));
  const cell = 150 / z, grid = new Map(), keep = new Set();
  const cellsOf = (b, add) => {
    const out = [];
    for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++)
      for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++) {
        const k = gx + "," + gy; if (add) { if (!grid.has(k)) grid.set(k, []); grid.get(k).push(b); } else out.push(grid.get(k) || []);
      }
    return out;
  };
  for (const n of nodes) {
    const p = n.position(), size = n.data("size"), w = labelWidth(n.id(), n.data("label")) / z;
    const box = { x1: p.x - w / 2 - pad, x2: p.x + w / 2 + pad, y1: p.y + size / 2 - pad, y2: p.y + size / 2 + 2 / z + 1.3 * fs + pad };
    let free = true;
    for (const bucket of cellsOf(box, false)) {
      for (const o of bucket) if (box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2) { free = false; break; }
      if (!free) break;
    }
    if (free) { cellsOf(box, true); keep.add(n); }
  }
  cy.batch(() => {
    for (const n of nodes) {
      const want = keep.has(n);
      if (want !== n.hasClass("labelled")) { if (want) n.addClass("labelled"); else n.removeClass("labelled"); }
    }
  });
}

// ---- what is drawn ---------------------------------------------------------------------------------------

function filteredEdges(held = state.held) {
  return state.graph.edges.filter(e => held.has(e.key) && state.relations.has(e.relation) && state.certainties.has(e.certainty)
    && (e.confidence ?? 1) >= state.minConfidence && (state.doc === null || e.docs.includes(state.doc)));
}

function visibleEdges(held = state.held) {
  // the filtered edges (of the facts held: those of the range by default), or, with a focus, those within
  // `depth` steps of the focused entity
  const edges = filteredEdges(held);
  if (state.focus === null) return edges;
  const adj = new Map();
  for (const e of edges) for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
    if (!adj.has(a)) adj.set(a, []); adj.get(a).push(b);
  }
  const dist = new Map([[state.focus, 0]]);
  let frontier = [state.focus];
  for (let d = 1; d <= state.depth; d++) {
    const next = [];
    for (const a of frontier) for (const b of adj.get(a) || []) if (!dist.has(b)) { dist.set(b, d); next.push(b); }
    frontier = next;
  }
  return edges.filter(e => dist.has(e.source) && dist.has(e.target) && Math.min(dist.get(e.source), dist.get(e.target)) < state.depth);
}

function capacity() {
  // the number of names the frame holds readably
  const cy = state.cy, w = (cy && cy.width()) || 900, h = (cy && cy.height()) || 600;
  return Math.max(MIN_NAMES, Math.floor((w * h) / NAME_AREA));
}

function limit() {
  // how many names this state draws at most
  return state.all ? (state.group ? GROUP_MAX : Infinity) : capacity();
}

function drawnEdges() {
  // the visible edges among the names this state draws; sets state.total (the names it would draw without the limit)
  const { edges, total } = chosen(state.held);
  state.total = total;
  return edges;
}

function chosen(held) {
  // The visible edges among the names drawn of the facts `held`: every name with "show all", else the most
  // important ones (by the measure that sizes the nodes, then by facts, then by id: the same state always draws
  // the same names), as many as the frame holds, the focus first. A name among them linked to none of the
  // others would stand alone: it gives its place to the next most important name linked to those kept.
  // { edges, total }: total is the number of names the facts held would draw without the limit.
  const edges = visibleEdges(held), names = new Set();
  for (const e of edges) { names.add(e.source); names.add(e.target); }
  if (state.focus !== null) names.add(state.focus);
  const total = names.size, cap = limit();
  if (names.size <= cap) return { edges, total };
  const imp = state.importance, deg = state.degree, focus = state.focus;
  const ranked = [...names].sort((a, b) => (b === focus) - (a === focus) || (imp.get(b) || 0) - (imp.get(a) || 0)
    || (deg.get(b) || 0) - (deg.get(a) || 0) || a - b);
  const adj = new Map();
  for (const e of edges) if (e.source !== e.target) for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
    if (!adj.has(a)) adj.set(a, []); adj.get(a).push(b);
  }
  const keep = new Set(ranked.slice(0, cap));
  for (const id of ranked.slice(0, cap)) if (id !== focus && !(adj.get(id) || []).some(b => keep.has(b))) keep.delete(id);
  for (const id of ranked.slice(cap)) {
    if (keep.size >= cap) break;
    if ((adj.get(id) || []).some(b => keep.has(b))) keep.add(id);
  }
  return { edges: edges.filter(e => keep.has(e.source) && keep.has(e.target)), total };
}

function freeFrame(w, h) {
  // the part of the map's frame that the legend (on the right, unless folded) and the note (above) leave free
  const legend = document.getElementById("legend");
  const right = legend && !legend.classList.contains("collapsed") ? legend.offsetWidth + 12 : 0;
  const top = 30;
  return { x: 0, y: top, w: Math.max(200, w - right), h: Math.max(150, h - top) };
}

function basePos(id) {
  // where the state's layout puts a name: the spread of the names drawn when only some are, else the layout of
  // every name (computed once)
  return (state.spread && state.spread.get(String(id))) || state.nodeDefs.get(String(id)).position;
}

function spreadFor(edges) {
  // Where the names drawn go when only the most important are (null: at the layout of every name). The slider
  // moves no name: one spread (the anchor) is laid out for the frame, the filters and the focus over every name
  // drawn at some year of the slider (or over its whole range), and each step draws its names at their places
  // in it. A name drawn now outside it (rare: a range can draw a name no single year draws) is placed near the
  // names it is linked to, apart from every name of the anchor, by itself: the same place in every state.
  if (state.all) { state.anchor = null; return null; }
  const anchor = state.anchor = anchorFor();
  if (!anchor) return null;  // no year of the slider holds more names than the frame: the layout of every name
  let out = anchor;
  const add = id => {
    if (out.has(String(id))) return;
    if (out === anchor) out = new Map(anchor);
    out.set(String(id), aside(id, anchor));
  };
  for (const e of edges) { add(e.source); add(e.target); }
  if (state.focus !== null && state.nodeDefs.has(String(state.focus))) add(state.focus);
  return out;
}

function anchorFor() {
  // the anchor spread (id -> position) of the frame, the filters other than time and the focus, or null when
  // no state of the slider holds more names than the frame shows (every name is then drawn where the layout of
  // every name puts it); kept for the frame, the filters and the focus (the same state gives the same picture,
  // whatever came before)
  const cy = state.cy, free = freeFrame(cy.width(), cy.height()), span = state.years;
  const key = [free.w, free.h, capacity(), [...state.relations].sort().join(","), [...state.certainties].sort().join(","),
    state.minConfidence, state.doc, state.focus, state.depth, state.sizeBy, state.undated].join("|");
  const cache = state.anchors || (state.anchors = new Map());
  if (cache.has(key)) return cache.get(key);
  // the states of the slider: each year, and the whole range (without dates, every fact)
  const helds = span ? [heldIn(span.lo, span.hi)] : [new Set(state.graph.edges.map(e => e.key))];
  if (span) for (let y = span.lo; y <= span.hi; y++) helds.push(heldIn(y, y));
  const cap = capacity(), ids = new Set(), union = new Map(), sets = [];
  const focus = state.focus !== null && state.nodeDefs.has(String(state.focus)) ? state.focus : null;
  let shortened = false;
  for (const held of helds) {
    const { edges, total } = chosen(held), drawn = new Set(focus === null ? [] : [focus]);
    if (total > cap) shortened = true;
    for (const e of edges) { drawn.add(e.source); drawn.add(e.target); union.set(e.key, e); }
    for (const id of drawn) ids.add(id);
    sets.push(drawn);
  }
  let anchor = null;
  if (shortened) {
    const list = [...ids].sort((a, b) => a - b), n = list.length, index = new Map(list.map((id, i) => [id, i]));
    const edges = [...union.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // the pairs of names drawn together in some state of the slider: they keep apart; two names never drawn
    // together may share the same part of the frame
    const together = new Uint8Array(n * n);
    let most = 1;
    for (const drawn of new Set(sets.map(d => [...d].sort((a, b) => a - b).join(",")))) {
      const at = drawn.split(",").map(id => index.get(Number(id)));
      most = Math.max(most, at.length);
      for (const i of at) for (const j of at) together[i * n + j] = 1;
    }
    anchor = spreadLayout(list, edges, cy.width(), cy.height(), { together, most });
  }
  if (cache.size >= 16) cache.delete(cache.keys().next().value);
  cache.set(key, anchor);
  return anchor;
}

function aside(id, anchor) {
  // a name outside the anchor: from the middle of the anchor's names it has facts with (any facts: the place
  // is the name's own, whatever the state), outwards on a spiral to the first place meeting none of them
  const r = state.nodeDefs.get(String(id)).data.size / 2, room = 1.6 * LABEL_PX;
  let sx = 0, sy = 0, k = 0;
  for (const e of state.graph.edges) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    const p = other === null ? null : anchor.get(String(other));
    if (p) { sx += p.x; sy += p.y; k++; }
  }
  if (!k) for (const p of anchor.values()) { sx += p.x; sy += p.y; k++; }
  const cx = k ? sx / k : 0, cy = k ? sy / k : 0, others = [...anchor.entries()].map(([o, p]) =>
    [p, state.nodeDefs.get(o).data.size / 2]);
  for (let t = 0; ; t++) {
    const rad = 6 * Math.sqrt(t), x = cx + rad * Math.cos(t * 2.4), y = cy + rad * Math.sin(t * 2.4);
    if (t > 20000 || others.every(([p, ro]) => Math.hypot(p.x - x, p.y - y) >= r + ro + room)) return { x, y };
  }
}

function spreadLayout(ids, edges, w, h, apart = null) {
  // The few names drawn spread over the frame's proportions (w by h, in the map's units at zoom 1): from where
  // the layout of every name puts them, stretched to the frame, a force layout (Fruchterman–Reingold: every
  // pair repels, each linked pair attracts, the steps cooling) places linked names near each other (a leaf near
  // its hub) and the rest apart, the unlinked parts side by side within the frame; then no two circles, with
  // room for a label under each, meet. With `apart` ({ together: n×n flags, most: the most names drawn at
  // once }), only the names drawn together repel fully and keep from meeting, and the spacing is that of `most`
  // names: the names of each state spread over the frame. No randomness: the same names give the same picture.
  // id -> position.
  const n = ids.length, x = new Float64Array(n), y = new Float64Array(n), r = new Float64Array(n);
  const free = freeFrame(w, h), W = Math.max(200, free.w - 40), H = Math.max(150, free.h - 40 - 2 * LABEL_PX);
  let x1 = Infinity, x2 = -Infinity, y1 = Infinity, y2 = -Infinity;
  ids.forEach((id, i) => {
    const d = state.nodeDefs.get(String(id));
    x[i] = d.position.x; y[i] = d.position.y; r[i] = d.data.size / 2;
    x1 = Math.min(x1, x[i]); x2 = Math.max(x2, x[i]); y1 = Math.min(y1, y[i]); y2 = Math.max(y2, y[i]);
  });
  for (let i = 0; i < n; i++) {
    x[i] = x2 > x1 ? ((x[i] - x1) / (x2 - x1)) * W : W / 2 + i;
    y[i] = y2 > y1 ? ((y[i] - y1) / (y2 - y1)) * H : H / 2 + i;
  }
  const index = new Map(ids.map((id, i) => [id, i])), seen = new Set(), src = [], dst = [];
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const pair = a < b ? a * n + b : b * n + a;
    if (seen.has(pair)) continue;  // several facts between two names pull no harder than one
    seen.add(pair); src.push(a); dst.push(b);
  }
  const together = apart && apart.together, WEAK = 0.05;
  const k = 0.75 * Math.sqrt((W * H) / Math.max(1, apart ? apart.most : n)), fx = new Float64Array(n), fy = new Float64Array(n);
  // each step costs n² pairs: many names (an anchor over every year) get fewer, faster cooling steps
  let t = Math.min(W, H) / 6;
  const iters = n > 200 ? 120 : 220, cool = n > 200 ? 0.955 : 0.975;
  for (let it = 0; it < iters; it++) {
    fx.fill(0); fy.fill(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = x[i] - x[j], dy = y[i] - y[j], d2 = dx * dx + dy * dy + 0.01;
      const f = ((k * k) / d2) * (!together || together[i * n + j] ? 1 : WEAK);
      fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
    }
    for (let m = 0; m < src.length; m++) {
      const a = src[m], b = dst[m], dx = x[b] - x[a], dy = y[b] - y[a], f = Math.sqrt(dx * dx + dy * dy) / k;
      fx[a] += dx * f; fy[a] += dy * f; fx[b] -= dx * f; fy[b] -= dy * f;
    }
    for (let i = 0; i < n; i++) {
      fx[i] += (W / 2 - x[i]) * 0.1; fy[i] += (H / 2 - y[i]) * 0.1;  // a little gravity: no part drifts to the rim
      const d = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]) + 1e-9, step = Math.min(d, t) / d;
      x[i] = Math.max(0, Math.min(W, x[i] + fx[i] * step)); y[i] = Math.max(0, Math.min(H, y[i] + fy[i] * step));
    }
    t = Math.max(0.5, t * cool);
  }
  // circles never meet: each with room for its label under it
  const room = 1.6 * LABEL_PX;
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      if (together && !together[i * n + j]) continue;
      const dx = x[j] - x[i], dy = y[j] - y[i], d = Math.sqrt(dx * dx + dy * dy), need = r[i] + r[j] + room;
      if (d >= need) continue;
      moved = true;
      const ux = d > 1e-6 ? dx / d : 1, uy = d > 1e-6 ? dy / d : 0, push = (need - d) / 2 + 0.01;
      x[i] -= ux * push; y[i] -= uy * push; x[j] += ux * push; y[j] += uy * push;
    }
    if (!moved) break;
  }
  return new Map(ids.map((id, i) => [String(id), { x: x[i], y: y[i] }]));
}

function showNote(drawn) {
  // "showing N of M names — show all" while names are left out; "show the N most important" after show all
  const note = document.getElementById("shown-note"), cap = capacity();
  state.drawnNames = drawn;
  note.hidden = state.total <= cap;
  note.dataset.drawn = String(drawn); note.dataset.total = String(state.total);
  document.getElementById("shown-text").textContent = state.all && drawn === state.total ? `showing all ${state.total} names —`
    : state.all ? `showing ${drawn} of ${state.total} names (grouped, ${GROUP_MAX} at most) —`
    : `showing ${drawn} of ${state.total} names —`;
  document.getElementById("shown-toggle").textContent = state.all ? `show the ${cap} most important` : "show all";
}

function draw() {
  // Cytoscape holds exactly the elements on show: a step removes what ended and adds what began, at the positions
  // computed once, so nothing else moves. A state that shows what is drawn already (the other end of the range
  // moved to the same range, a filter that removes nothing) changes nothing on screen.
  const t = { draw: performance.now() };  // for the benchmark: where a step's time goes
  const edges = drawnEdges();
  state.spread = spreadFor(edges);
  const shown = new Set(edges.map(e => e.key));
  state.shownKeys = edges.map(e => e.key);
  const box = document.getElementById("network");
  state.version = (state.version || 0) + 1;
  const version = String(state.version);
  const signature = [state.focus, state.group, state.fitted, state.shownKeys.join(" ")].join("|");
  {
    const drawn = new Set();
    for (const e of edges) { drawn.add(e.source); drawn.add(e.target); }
    if (state.focus !== null && state.nodeDefs.has(String(state.focus))) drawn.add(state.focus);
    showNote(drawn.size);
  }
  const same = signature === state.signature;
  state.signature = signature;
  if (!same) {
    const cy = state.cy, used = new Set();
    for (const e of edges) { used.add(String(e.source)); used.add(String(e.target)); }
    if (state.focus !== null && state.nodeDefs.has(String(state.focus))) used.add(String(state.focus));
    cy.batch(() => {
      cy.edges().filter(e => !shown.has(e.id())).remove();
      cy.nodes(":childless").filter(n => !used.has(n.id()) && !n.hasClass("coalition")).forEach(n => {
        if (n.parent().nonempty()) n.move({ parent: null });
      });
      cy.nodes().filter(n => !used.has(n.id()) && !n.hasClass("coalition")).remove();
      const add = [];
      for (const id of used) if (cy.getElementById(id).empty()) {
        const def = state.nodeDefs.get(id);  // its own position object: moving the node leaves the layout's intact
        add.push({ ...def, position: { ...basePos(id) } });
      }
      for (const key of shown) if (cy.getElementById(key).empty()) add.push(state.edgeDefs.get(key));
      if (add.length) cy.add(add);
      // the names already drawn go where this state's layout puts them (the spread of the names drawn, or the
      // layout of every name); regroup then moves the coalitions' members
      if (state.spread || state.spreadBefore) cy.nodes(":childless").forEach(n => {
        if (n.hasClass("coalition") || (state.moved && state.moved.has(n.id()))) return;
        const p = n.position(), b = basePos(n.id());
        if (p.x !== b.x || p.y !== b.y) n.position({ ...b });
      });
      state.spreadBefore = state.spread !== null;
      cy.nodes(".focus").removeClass("focus");
      if (state.focus !== null) cy.getElementById(String(state.focus)).addClass("focus");
      regroup(edges);
    });
  }
  t.batch = performance.now();
  if (state.fitted && !same) placeLabels();
  t.labels = performance.now();
  if (state.tab === "data") fillTable();
  // data-pending / data-drawn tell a watcher (a test, a benchmark) when this state has reached the screen
  box.dataset.pending = version;
  box.dataset.focus = state.focus === null ? "" : String(state.focus);
  if (window.fmTimings) { const steps = window.fmTimings.steps || (window.fmTimings.steps = []); steps.push(t); if (steps.length > 50) steps.shift(); }
  if (same && !state.rendering) { t.rendered = t.labels; box.dataset.drawn = version; return; }
  state.rendering = true;
  state.cy.one("render", () => {
    // the frame shows the latest state: every draw before it is on screen
    state.rendering = false; t.rendered = performance.now();
    if (window.fmTimings) window.fmTimings.rendered = t.rendered;
    box.dataset.drawn = String(state.version); box.dataset.edges = String(state.shownKeys.length);
  });
  state.cy.forceRender();  // a frame even when nothing changed, so data-drawn always follows
}

function coalitions(edges) {
  // child id -> coalition id, for the edges drawn: each group joins the coalition with the most components
  const members = new Map();
  for (const e of edges) {
    if (!GROUPING.has(e.relation)) continue;
    const a = state.names.get(e.source), b = state.names.get(e.target);
    if (a.type !== "ORG" || b.type !== "ORG" || a.id === b.id) continue;
    if (!members.has(b.id)) members.set(b.id, new Set());
    members.get(b.id).add(a.id);
  }
  const big = [...members].filter(([, m]) => m.size >= 2).sort((x, y) => y[1].size - x[1].size || x[0] - y[0]);
  const heads = new Set(big.map(([c]) => c)), parent = new Map();
  for (const [c, m] of big) {
    if (parent.has(c)) continue;
    for (const child of m) if (!heads.has(child) && !parent.has(child)) parent.set(child, c);
    parent.set(c, c);
  }
  return parent;
}

function regroup(edges) {
  // compound boxes for coalitions (inside cy.batch): the members of the coalitions laid out together by fCoSE
  // (compound-aware), their boxes pushed apart where they still meet, and the other names moved out of the
  // boxes, so no two boxes overlap and a box holds only its members; without grouping every name is back where
  // the layout put it
  const cy = state.cy, want = state.group ? coalitions(edges) : new Map();
  const boxes = new Set([...want.values()].map(c => "g" + c));
  for (const id of boxes) if (cy.getElementById(id).empty()) {
    const c = state.names.get(Number(id.slice(1)));
    cy.add({ group: "nodes", data: { id, label: c.name, fs: LABEL_PX / cy.zoom() }, classes: "coalition" });
  }
  cy.nodes(":childless").forEach(n => {
    if (n.hasClass("coalition")) return;
    const target = want.has(Number(n.id())) ? "g" + want.get(Number(n.id())) : null;
    const now = n.parent().nonempty() ? n.parent().id() : null;
    if (target !== now) n.move({ parent: target });
  });
  cy.nodes(".coalition").filter(g => !boxes.has(g.id()) || g.children().empty()).remove();
  // every name starts from the layout's position
  for (const id of state.moved || []) {
    const n = cy.getElementById(id);
    if (n.nonempty()) n.position({ ...basePos(id) });
  }
  state.moved = new Set();
  // with boxes drawn, the facts between names in no box stay in the background
  if (state.aside) { cy.edges(".aside").removeClass("aside"); state.aside = false; }
  if (!boxes.size) return;
  cy.edges().filter(e => e.source().isOrphan() && e.target().isOrphan()).addClass("aside");
  state.aside = true;
  if (state.fcose) {
    // the grouped view's picture (computed once for these names and boxes), in the map's units, centred where
    // the names drawn are in their layout
    const { pos } = groupedLayout(want, edges);
    let x1 = Infinity, x2 = -Infinity, y1 = Infinity, y2 = -Infinity;
    for (const id of pos.keys()) { const p = basePos(id); x1 = Math.min(x1, p.x); x2 = Math.max(x2, p.x); y1 = Math.min(y1, p.y); y2 = Math.max(y2, p.y); }
    const cx = (x1 + x2) / 2, cy_ = (y1 + y2) / 2;
    for (const [id, p] of pos) {
      const n = cy.getElementById(id);
      if (n.nonempty()) { n.position({ x: cx + p.x, y: cy_ + p.y }); state.moved.add(id); }
    }
  }
  arrangeGroups(cy.nodes(".coalition").toArray());
  cy.nodes(".coalition").forEach(g => g.data("fs", titleSize(g, cy.zoom())));
}

function seeded(run) {
  // ``run()`` with Math.random replaced by a generator of fixed seed (mulberry32): fCoSE samples at random,
  // and the same network must always give the same picture
  const random = Math.random;
  let s = 20260101;
  Math.random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try { return run(); } finally { Math.random = random; }
}

function groupedLayout(want, edges) {
  // The grouped view's picture: the names drawn (``edges``' ends), the members of the coalitions of ``want``
  // (member id -> coalition id) in their coalition's box, laid out together by fCoSE, a compound-aware force
  // layout (a spectral start, then forces that keep a box's members together, the boxes apart and the other
  // names out of them, each name near the names it has facts with, so lines into a box come from its side),
  // seeded, so the same names always give the same picture: id -> position relative to the picture's centre,
  // in screen pixels at zoom 1 (``pos``; it is put in the map's units as it is), and the picture's size (``w``,
  // ``h``). Each name is as wide as its label and as high as its label and circle, so
  // members' names fit in their box at zoom 1. Computed once for each set of names and boxes (the year range
  // changes which are drawn).
  const ids = new Set();
  for (const e of edges) { ids.add(String(e.source)); ids.add(String(e.target)); }
  for (const m of want.keys()) ids.add(String(m));
  const pairs = new Set();
  for (const e of edges) {
    const a = String(e.source), b = String(e.target);
    if (a !== b) pairs.add(a < b ? a + "-" + b : b + "-" + a);  // one edge a pair: several facts pull no harder than one
  }
  const key = [...want].map(([m, c]) => m + ">" + c).sort().join(" ") + "|" + [...ids].sort().join(" ") + "|"
    + [...pairs].sort().join(" ") + "|" + state.cy.width() + "x" + state.cy.height();
  const cache = state.groupLayouts || (state.groupLayouts = new Map());
  if (cache.has(key)) return cache.get(key);
  const els = [];
  for (const c of new Set(want.values())) els.push({ group: "nodes", data: { id: "g" + c } });
  for (const id of [...ids].sort((a, b) => a - b)) {
    const def = state.nodeDefs.get(id), size = def.data.size, c = want.get(Number(id));
    els.push({ group: "nodes", data: { id, parent: c === undefined ? undefined : "g" + c,
      w: Math.max(size, labelWidth(id, def.data.label)) + 12, h: size + 1.6 * LABEL_PX + 8 } });
  }
  for (const pair of [...pairs].sort()) {
    const [a, b] = pair.split("-");
    els.push({ group: "edges", data: { id: "e" + pair, source: a, target: b } });
  }
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: els,
    style: [{ selector: "node[w]", style: { width: "data(w)", height: "data(h)", shape: "rectangle" } },
            { selector: ":parent", style: { padding: 20 } }] });  // as arrangeGroups pads a box
  seeded(() => cy.layout({ name: "fcose", animate: false, fit: false, randomize: true,
    quality: "default", nodeSeparation: 20, nodeRepulsion: n => (n.data("parent") ? 150 : 3000),
    idealEdgeLength: e => (e.source().data("parent") && e.source().data("parent") === e.target().data("parent") ? 10 : 50),
    nestingFactor: 0.1, gravity: 0.25, numIter: 2500 }).run());
  const pos = new Map();
  cy.nodes(":childless").forEach(n => { const p = n.position(); pos.set(n.id(), { x: p.x, y: p.y }); });
  // fCoSE leaves the unlinked parts of the picture (names and boxes with no fact between them) far apart: they
  // are packed in rows, the tallest first, into a rectangle of the map's own proportions
  const root = new Map(), find = a => { while (root.get(a) !== a) { root.set(a, root.get(root.get(a))); a = root.get(a); } return a; };
  cy.nodes().forEach(n => root.set(n.id(), n.id()));
  const join = (a, b) => { const ra = find(a), rb = find(b); if (ra !== rb) root.set(ra < rb ? rb : ra, ra < rb ? ra : rb); };
  cy.nodes(":childless").forEach(n => { if (n.data("parent")) join(n.id(), n.data("parent")); });
  cy.edges().forEach(e => join(e.data("source"), e.data("target")));
  const parts = new Map();
  cy.nodes().orphans().forEach(g => { const r = find(g.id()); if (!parts.has(r)) parts.set(r, []); parts.get(r).push(g); });
  const gap = 30, blocks = [...parts.values()].map(gs => {
    // a part's rectangle: its names and boxes, each box at least as wide as its title, with the title above
    const b = cy.collection(gs).boundingBox({ includeLabels: false });
    const title = Math.max(0, ...gs.filter(g => g.isParent()).map(g => labelWidth(g.id(), state.names.get(Number(g.id().slice(1))).name) + 40));
    const w = Math.max(b.w, title);
    return { ids: gs.flatMap(g => (g.isParent() ? g.children().map(c => c.id()) : [g.id()])), x1: b.x1 - (w - b.w) / 2,
             y1: b.y1 - 1.6 * LABEL_PX, w: w + gap, h: b.h + 1.6 * LABEL_PX + gap };
  }).sort((a, b) => b.h - a.h || b.w - a.w || (a.ids[0] < b.ids[0] ? -1 : 1));
  const shelves = width => {
    // each block's corner in rows at most ``width`` wide, and the size of the whole
    let x = 0, y = 0, row = 0, w = 0;
    const at = blocks.map(b => {
      if (x > 0 && x + b.w > width) { x = 0; y += row; row = 0; }
      const corner = [x, y];
      x += b.w; row = Math.max(row, b.h); w = Math.max(w, x);
      return corner;
    });
    return { at, w, h: y + row };
  };
  // the row width that needs the least shrinking to fit the map's own frame
  const vw = Math.max(1, state.cy.width()), vh = Math.max(1, state.cy.height());
  let best = null, sum = 0;
  for (const b of blocks) {
    sum += b.w;
    const s = shelves(sum), need = Math.max(s.w / vw, s.h / vh);
    if (!best || need < best.need) best = { ...s, need };
  }
  blocks.forEach((b, i) => {
    const [x, y] = best.at[i];
    for (const id of b.ids) { const p = pos.get(id); p.x += x - b.x1; p.y += y - b.y1; }
  });
  // centred on the middle of the packed rectangle (so that a view fitted to the boxes stays fitted when the
  // picture is scaled for another zoom)
  for (const p of pos.values()) { p.x -= best.w / 2; p.y -= best.h / 2; }
  cy.destroy();
  if (cache.size >= 8) cache.delete(cache.keys().next().value);
  cache.set(key, { pos, w: best.w, h: best.h });
  return cache.get(key);
}

function arrangeGroups(groups) {
  // Each box measured around its members (their circles and labels, with its title above): with fCoSE the
  // members stay where it put them, without it they go on a small grid around the coalition's own position. The
  // boxes are then pushed apart pairwise until none meets another, and the other names moved out of the boxes.
  const cy = state.cy, z = state.fcose ? 1 : cy.zoom(), gap = 12 / z, moved = state.moved, lh = 1.6 * LABEL_PX / z;
  const place = (n, x, y) => { n.position({ x, y }); moved.add(n.id()); };
  const rects = groups.map(g => {
    const kids = g.children().toArray().sort((a, b) => (b.id() === g.id().slice(1)) - (a.id() === g.id().slice(1)) || a.id() - b.id());
    if (!state.fcose) {
      const head = basePos(g.id().slice(1));
      const cols = Math.ceil(Math.sqrt(kids.length)), rows = Math.ceil(kids.length / cols);
      const big = Math.max(...kids.map(k => k.data("size")));
      const cw = Math.max(big, Math.max(...kids.map(k => labelWidth(k.id(), k.data("label")))) / z) + gap;
      const ch = big + lh + gap;
      kids.forEach((k, i) => place(k, head.x + ((i % cols) - (cols - 1) / 2) * cw, head.y + (Math.floor(i / cols) - (rows - 1) / 2) * ch));
    }
    let x1 = Infinity, x2 = -Infinity, y1 = Infinity, y2 = -Infinity;
    for (const k of kids) {
      const p = k.position(), r = k.data("size") / 2, half = Math.max(r, labelWidth(k.id(), k.data("label")) / z / 2);
      x1 = Math.min(x1, p.x - half); x2 = Math.max(x2, p.x + half); y1 = Math.min(y1, p.y - r); y2 = Math.max(y2, p.y + r + lh);
    }
    // the title's room: at the zoom the view was fitted to (with fCoSE: the titles keep the page's text size
    // there, and only shrink when zoomed out further)
    const tz = state.fcose ? titleZoom() : z, title = labelWidth(g.id(), g.data("label")) / tz, tlh = 1.6 * LABEL_PX / tz;
    const w = Math.max(x2 - x1, title) + 2 * (8 + gap), h = y2 - y1 + 2 * (8 + gap) + tlh;
    const x = (x1 + x2) / 2, y = (y1 + y2) / 2 - tlh / 2;
    return { g, kids, x, y, w, h };
  });
  const shift = (r, dx, dy) => {
    r.x += dx; r.y += dy;
    for (const k of r.kids) { const p = k.position(); place(k, p.x + dx, p.y + dy); }
  };
  const separate = () => {
    // pairwise separation along the axis of least overlap, a few rounds (coalitions are few)
    for (let round = 0; round < 200; round++) {
      let clash = false;
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i], b = rects[j];
        const ox = (a.w + b.w) / 2 - Math.abs(a.x - b.x), oy = (a.h + b.h) / 2 - Math.abs(a.y - b.y);
        if (ox <= 0 || oy <= 0) continue;
        clash = true;
        if (ox < oy) { const d = (ox / 2 + gap) * (a.x <= b.x ? 1 : -1); shift(a, -d, 0); shift(b, d, 0); }
        else { const d = (oy / 2 + gap) * (a.y <= b.y ? 1 : -1); shift(a, 0, -d); shift(b, 0, d); }
      }
      if (!clash) break;
    }
  };
  const box = new Map();
  rects.forEach(r => { for (const k of r.kids) box.set(k.id(), r); });
  const others = cy.nodes(":childless").filter(n => !n.hasClass("coalition") && !box.has(n.id()));
  const strays = () => {
    // a name that is no member of a box it lies in goes just outside the nearest side (twice: a name moved out
    // of one box may have landed in another)
    for (let pass = 0; pass < 2; pass++) others.forEach(n => {
      for (const r of rects) {
        const p = n.position(), m = n.data("size") / 2 + gap;
        const x1 = r.x - r.w / 2 - m, x2 = r.x + r.w / 2 + m, y1 = r.y - r.h / 2 - m, y2 = r.y + r.h / 2 + m;
        if (p.x <= x1 || p.x >= x2 || p.y <= y1 || p.y >= y2) continue;
        const out = [[p.x - x1, x1, p.y], [x2 - p.x, x2, p.y], [p.y - y1, p.x, y1], [y2 - p.y, p.x, y2]].sort((u, v) => u[0] - v[0])[0];
        place(n, out[1], out[2]);
      }
    });
  };
  const crossed = late => {
    // each box a fact is drawn across that neither of its ends belongs to moves off that line, to the side its
    // middle is on; in the later rounds (a box pushed back and forth between lines) a name in no box at one end
    // of the fact turns about the other end instead, to the nearest angle at which it lies in no box and its
    // line meets none. True when something moved.
    let any = false;
    cy.edges().forEach(e => {
      const a = e.source(), b = e.target(), ra = box.get(a.id()), rb = box.get(b.id());
      for (const r of rects) {
        if (r === ra || r === rb) continue;
        const p = a.position(), q = b.position(), dx = q.x - p.x, dy = q.y - p.y, len = Math.hypot(dx, dy);
        const x1 = r.x - r.w / 2, y1 = r.y - r.h / 2, x2 = r.x + r.w / 2, y2 = r.y + r.h / 2;
        if (!(len > 0) || !segmentMeets(p, q, x1, y1, x2, y2)) continue;
        any = true;
        const loose = late ? [[a, q], [b, p]].filter(([n, o]) => !box.has(n.id()) && !(o.x > x1 && o.x < x2 && o.y > y1 && o.y < y2))
          .sort(([m], [n]) => m.degree() - n.degree()) : [];
        if (loose.length) {
          const [n, o] = loose[0], at = n.position(), dist = Math.hypot(at.x - o.x, at.y - o.y);
          const t = Math.atan2(at.y - o.y, at.x - o.x), own = box.get(n === a ? b.id() : a.id()), m = n.data("size") / 2 + gap;
          const clear = c => rects.every(k => !(c.x > k.x - k.w / 2 - m && c.x < k.x + k.w / 2 + m && c.y > k.y - k.h / 2 - m
            && c.y < k.y + k.h / 2 + m) && (k === own || !segmentMeets(c, o, k.x - k.w / 2, k.y - k.h / 2, k.x + k.w / 2, k.y + k.h / 2)));
          let spot = null;
          for (let i = 1; i <= 90 && !spot; i++) for (const sign of [1, -1]) {
            const to = t + sign * i * Math.PI / 90, c = { x: o.x + dist * Math.cos(to), y: o.y + dist * Math.sin(to) };
            if (clear(c)) { spot = c; break; }
          }
          if (spot) { place(n, spot.x, spot.y); continue; }
        }
        const nx = -dy / len, ny = dx / len, s = (r.x - p.x) * nx + (r.y - p.y) * ny, side = s >= 0 ? 1 : -1;
        const need = Math.abs(nx) * r.w / 2 + Math.abs(ny) * r.h / 2 + gap - side * s;
        shift(r, side * nx * need, side * ny * need);
      }
    });
    return any;
  };
  separate();
  strays();
  // no fact drawn across a box neither of its ends belongs to: boxes (later names in no box) move off the lines
  // that cross them, then the boxes apart and the names out of them again, until no line crosses a box (40
  // rounds at most; the boxes never meet and hold only their members whatever the count)
  for (let round = 0; round < 40 && crossed(round >= 10); round++) { separate(); strays(); }
}

function segmentMeets(p, q, x1, y1, x2, y2) {
  // whether the segment from p to q meets the rectangle x1..x2 × y1..y2 (Liang–Barsky clipping)
  let t0 = 0, t1 = 1;
  const dx = q.x - p.x, dy = q.y - p.y;
  for (const [k, d] of [[-dx, p.x - x1], [dx, x2 - p.x], [-dy, p.y - y1], [dy, y2 - p.y]]) {
    if (k === 0) { if (d < 0) return false; continue; }
    const r = d / k;
    if (k < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return true;
}

async function showEvidence(e) {
  const names = state.names;
  const box = document.getElementById("evidence");
  box.replaceChildren(fm.el("strong", `${names.get(e.source).name} ${phrase(e)} ${names.get(e.target).name}`),
    fm.el("span", " " + whenText(e) + " "), fm.badge(e.certainty));
  if (e.confidence !== undefined) box.append(fm.el("span", ` confidence ${fm.confidence(e.confidence)}` + (e.produced_by ? ` · ${e.produced_by}` : ""), "confidence"));
  box.dataset.key = e.key;
  const profile = await fm.get("/api/entities/" + e.source);
  const fact = profile.facts.find(f => f.id === e.key);
  if (fact && box.dataset.key === e.key) for (const ev of fact.evidence) {
    const p = fm.el("p", ev.text, "quote");
    p.append(" ", fm.link(`/document/${ev.doc_id}#${ev.start}-${ev.end}`, ev.doc));
    box.append(p);
  }
}

// ---- time: a year range over the years the data covers ---------------------------------------------------

function rangeText() {
  if (state.from === null) return "";
  return state.from === state.to ? String(state.from) : `${state.from}/${state.to}`;
}

function heldIn(from, to) {
  // the keys of the facts that held at some time in the years from..to (the first year of the slider gathers
  // the stray earlier ones): the query API's own answer, from the days each fact holds (/api/holds), so a step
  // asks the server nothing
  const first = state.years && from === state.years.lo ? state.years.first : from;
  const pad = y => (y < 0 ? "-" + String(-y).padStart(4, "0") : String(y).padStart(4, "0"));
  const lo = pad(first) + "-01-01", hi = pad(to) + "-12-31", out = new Set();
  for (const [key, [a, b]] of state.holds) if ((a === null || a <= hi) && (b === null || b >= lo)) out.add(key);
  if (state.undated) for (const key of state.undatedKeys) out.add(key);  // placed in no year: drawn in every one
  return out;
}

function heldNow() {
  return rangeText() ? heldIn(state.from, state.to) : new Set(state.graph.edges.map(e => e.key));
}

function fitView() {
  // the view fitted to what the state shows, from the positions computed once (Cytoscape's own fit would
  // first style every element to measure it), and the labels' style set for that zoom before the first draw
  const cy = state.cy, ids = new Set(), edges = drawnEdges();
  state.spread = spreadFor(edges);
  for (const e of edges) { ids.add(String(e.source)); ids.add(String(e.target)); }
  if (state.focus !== null) ids.add(String(state.focus));
  // with the most important names drawn, every name of the anchor: the names of any step of the slider lie in view
  if (state.spread) for (const id of state.spread.keys()) ids.add(id);
  // the largest zoom at which every name drawn, with room for its label (the labels keep their size on screen),
  // lies in the frame the legend and the note leave free (by bisection: what is drawn spans more of the screen
  // the larger the zoom)
  const items = [];
  for (const id of ids) {
    const d = state.nodeDefs.get(id);
    if (d) items.push({ p: basePos(id), r: d.data.size / 2, half: labelWidth(id, d.data.label) / 2 });
  }
  if (!items.length) return;
  const pad = 20, f = freeFrame(cy.width(), cy.height());
  const bounds = z => {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (const { p, r, half } of items) {
      const hw = Math.max(r, half / z);
      x1 = Math.min(x1, p.x - hw); x2 = Math.max(x2, p.x + hw); y1 = Math.min(y1, p.y - r); y2 = Math.max(y2, p.y + r + (1.6 * LABEL_PX) / z);
    }
    return { x1, y1, x2, y2, fits: (x2 - x1) * z <= f.w - 2 * pad && (y2 - y1) * z <= f.h - 2 * pad };
  };
  let lo = cy.minZoom(), hi = cy.maxZoom();
  if (bounds(hi).fits) lo = hi;
  else for (let round = 0; round < 30 && hi - lo > 1e-4; round++) { const mid = (lo + hi) / 2; if (bounds(mid).fits) lo = mid; else hi = mid; }
  const zoom = lo, { x1, y1, x2, y2 } = bounds(zoom);
  cy.viewport({ zoom, pan: { x: f.x + (f.w - zoom * (x1 + x2)) / 2, y: f.y + (f.h - zoom * (y1 + y2)) / 2 } });
  state.labelZoom = zoom;
  cy.style(mapStyle(state.big, zoom));
}

function fitGroups() {
  // the grouped view fitted to the frame the legend and the note leave free: every box (title included) and
  // every name, at zoom 1 at most (the picture's own scale, at which every member's label fits in its box);
  // the boxes then keep room for their titles at the page's text size at that zoom, and the fit is made again
  const cy = state.cy, f = freeFrame(cy.width(), cy.height()), pad = 12;
  const fit = () => {
    const b = cy.nodes().boundingBox({ includeLabels: true, includeOverlays: false });
    if (!(b.w > 0 && b.h > 0)) return null;
    const zoom = Math.min(1, cy.maxZoom(), Math.max(cy.minZoom(), Math.min((f.w - 2 * pad) / b.w, (f.h - 2 * pad) / b.h)));
    cy.viewport({ zoom, pan: { x: f.x + (f.w - zoom * (b.x1 + b.x2)) / 2, y: f.y + (f.h - zoom * (b.y1 + b.y2)) / 2 } });
    state.labelZoom = null;
    placeLabels();
    return zoom;
  };
  state.groupZoom = 1;
  cy.batch(() => regroup(drawnEdges()));
  const zoom = fit();
  if (zoom !== null && zoom < 1) {
    state.groupZoom = zoom;
    cy.batch(() => regroup(drawnEdges()));
    fit();
    // the titles' size follows the zoom: once more, for their bounds at the final one
    fit();
  }
  document.getElementById("network").dataset.zoom = String(cy.zoom());
}

async function loadRange() {
  // the facts that held at some time in the range, then draw
  const range = rangeText();
  document.getElementById("date").textContent = state.from === state.to ? String(state.from) : `${state.from}–${state.to}`;
  const box = document.getElementById("network");
  state.held = heldNow();
  draw();
  box.dataset.range = range;
}

function histogram(span) {
  const svg = document.getElementById("histogram"), ns = "http://www.w3.org/2000/svg";
  const n = span.hi - span.lo + 1, max = Math.max(...span.counts.values());
  svg.setAttribute("viewBox", `0 0 ${n} 100`);
  svg.replaceChildren();
  for (let y = span.lo; y <= span.hi; y++) {
    const c = span.counts.get(y) || 0;
    const r = document.createElementNS(ns, "rect");
    const h = c ? Math.max(3, 100 * c / max) : 0;
    r.setAttribute("x", String(y - span.lo + 0.1)); r.setAttribute("width", "0.8");
    r.setAttribute("y", String(100 - h)); r.setAttribute("height", String(h));
    r.setAttribute("class", "bar"); r.dataset.year = String(y); r.dataset.count = String(c);
    const t = document.createElementNS(ns, "title");
    t.textContent = `${y === span.lo && span.first < span.lo ? span.first + "–" : ""}${y}: ${c} dated facts`;
    r.append(t); svg.append(r);
  }
}

function markRange() {
  document.querySelectorAll("#histogram rect.bar").forEach(r => {
    const y = Number(r.dataset.year); r.classList.toggle("in", y >= state.from && y <= state.to);
  });
}

// ---- the URL holds the view --------------------------------------------------------------------------------

function urlOf() {
  const p = new URLSearchParams();
  if (state.from !== null && state.years && !(state.from === state.years.hi && state.to === state.years.hi)) {
    p.set("from", String(state.from)); p.set("to", String(state.to));
  }
  if (state.focus !== null) { p.set("focus", String(state.focus)); if (state.depth !== 1) p.set("depth", String(state.depth)); }
  if (state.relations.size !== state.allRelations.length) p.set("rel", [...state.relations].sort().join(","));
  if (state.certainties.size !== state.allCertainties.length) p.set("cert", [...state.certainties].join(","));
  if (state.minConfidence > 0) p.set("minconf", String(state.minConfidence));
  if (state.doc !== null) p.set("doc", String(state.doc));
  if (state.sizeBy !== "connections") p.set("size", state.sizeBy);
  if (state.group) p.set("group", "1");
  if (state.all) p.set("all", "1");
  if (state.undated) p.set("undated", "1");
  if (state.tab !== "map") p.set("tab", state.tab);
  const q = p.toString();
  return location.pathname + (q ? "?" + q : "");
}

function remember(sliding) {
  // a user's change becomes a history entry; while a slider is dragged its moves after the first one
  // replace that entry, so back returns to where the drag began
  const url = urlOf();
  if (url === location.pathname + location.search) return;
  if (sliding && state.sliding) { history.replaceState(null, "", url); return; }
  state.sliding = Boolean(sliding);
  history.pushState(null, "", url);
}

function slideEnds() { state.sliding = false; }

function readUrl() {
  const p = new URLSearchParams(location.search), span = state.years;
  const num = (k, d) => (p.has(k) && p.get(k) !== "" && Number.isFinite(Number(p.get(k))) ? Number(p.get(k)) : d);
  if (span) {
    const clamp = y => Math.min(span.hi, Math.max(span.lo, y));
    state.to = clamp(num("to", span.hi)); state.from = Math.min(state.to, clamp(num("from", state.to)));
  }
  const focus = num("focus", null);
  state.focus = focus !== null && state.nodeDefs.has(String(focus)) ? focus : null;
  state.depth = Math.min(3, Math.max(1, num("depth", 1)));
  const list = (k, all) => new Set(p.has(k) ? p.get(k).split(",").filter(v => all.includes(v)) : all);
  state.relations = list("rel", state.allRelations);
  state.certainties = list("cert", state.allCertainties);
  state.minConfidence = Math.min(1, Math.max(0, num("minconf", 0)));
  state.doc = num("doc", null);
  state.sizeBy = ["connections", "pagerank", "members"].includes(p.get("size")) ? p.get("size") : "connections";
  state.tab = p.get("tab") === "data" ? "data" : "map";
  state.group = p.get("group") === "1";
  state.all = p.get("all") === "1";
  state.undated = p.get("undated") === "1";
}

function syncControls() {
  // the controls show the state (after a load, back or forward)
  const set = (id, v) => { document.getElementById(id).value = String(v); };
  if (state.years) { set("from", state.from); set("to", state.to); markRange(); }
  document.querySelectorAll("#relations input").forEach(i => { i.checked = state.relations.has(i.value); });
  document.querySelectorAll("#certainties input").forEach(i => { i.checked = state.certainties.has(i.value); });
  set("minconf", state.minConfidence);
  document.getElementById("minconf-value").textContent = fm.confidence(state.minConfidence);
  set("docfilter", state.doc === null ? "" : state.doc);
  set("depth", state.depth);
  set("sizeby", state.sizeBy);
  document.getElementById("group").checked = state.group;
  document.getElementById("undated").checked = state.undated;
  const bar = document.getElementById("focusbar");
  bar.hidden = state.focus === null;
  if (state.focus !== null) {
    document.getElementById("focus-name").textContent = state.names.get(state.focus).name;
    document.getElementById("focus-profile").href = "/entity/" + state.focus;
  }
  for (const t of ["map", "data"]) {
    document.getElementById("tab-" + t).setAttribute("aria-selected", String(state.tab === t));
    document.getElementById(t + "-panel").hidden = state.tab !== t;
  }
  document.body.dataset.tab = state.tab;
}

async function apply(sizeChanged, refit) {
  if (state.group) await loadFcose();
  syncControls();
  if (sizeChanged) { computeImportance(); }
  if (state.tab === "data") await loadEvidence();
  if (refit && state.fitted) { state.held = heldNow(); fitView(); }
  await loadRange();
  if (refit && state.fitted && state.group) fitGroups();
  if (state.tab === "map" && state.fitted) state.cy.resize();
}

// ---- the data tab ------------------------------------------------------------------------------------------

async function loadEvidence() {
  if (!state.evidence) state.evidence = await fm.get("/api/evidence");
  return state.evidence;
}

const COLUMNS = [
  ["subject", "subject"], ["relation", "relation"], ["object", "object"], ["date", "date"],
  ["certainty", "certainty"], ["confidence", "confidence"], ["document", "document"], ["sentence", "sentence"],
];

function rowOf(e) {
  const ev = (state.evidence || {})[e.key] || {};
  return { key: e.key, subject: state.names.get(e.source).name, relation: phrase(e), relation_id: e.relation,
    object: state.names.get(e.target).name, date: whenText(e), sort_date: e.date || e.start || e.end || "",
    certainty: e.certainty, confidence: e.confidence ?? 1, document: ev.doc || "", doc_id: ev.doc_id,
    start: ev.start, end: ev.end, sentence: ev.text || "" };
}

function tableRows() {
  // the facts drawn, through the data tab's own filters, in the chosen order
  const byKey = state.byKey, rel = document.getElementById("df-relation").value;
  const cert = document.getElementById("df-certainty").value, conf = Number(document.getElementById("df-confidence").value) || 0;
  const date = document.getElementById("df-date").value.trim(), doc = document.getElementById("df-doc").value;
  let rows = state.shownKeys.map(k => rowOf(byKey.get(k)));
  rows = rows.filter(r => (!rel || r.relation_id === rel) && (!cert || r.certainty === cert) && r.confidence >= conf
    && (!date || r.date.includes(date) || r.sort_date.includes(date)) && (!doc || r.document === doc));
  const [col, dir] = state.sort, key = col === "date" ? "sort_date" : col;
  rows.sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : a.key < b.key ? -1 : 1));
  return rows;
}

function fillTable() {
  const table = document.getElementById("datatable"), head = table.tHead, body = table.tBodies[0];
  if (!head.rows.length) {
    const tr = fm.el("tr");
    for (const [id, label] of COLUMNS) {
      const th = fm.el("th", label); th.dataset.col = id; th.tabIndex = 0;
      th.addEventListener("click", () => { state.sort = [id, state.sort[0] === id ? -state.sort[1] : 1]; fillTable(); });
      tr.append(th);
    }
    head.append(tr);
  }
  head.querySelectorAll("th").forEach(th => { th.dataset.sorted = th.dataset.col === state.sort[0] ? (state.sort[1] > 0 ? "asc" : "desc") : ""; });
  const rows = tableRows();
  body.replaceChildren(...rows.map(r => {
    const tr = fm.el("tr"); tr.dataset.key = r.key;
    const sentence = fm.el("td", r.sentence, "quote");
    if (r.doc_id !== undefined) sentence.append(" ", fm.link(`/document/${r.doc_id}#${r.start}-${r.end}`, "open"));
    tr.append(fm.el("td", r.subject), fm.el("td", r.relation), fm.el("td", r.object), fm.el("td", r.date),
      fm.el("td", r.certainty), fm.el("td", fm.confidence(r.confidence), "confidence"), fm.el("td", r.document), sentence);
    return tr;
  }));
  document.getElementById("rowcount").textContent = `${rows.length} facts`;
  state.tableRows = rows;
}

function csvCell(v) { const s = v === undefined || v === null ? "" : String(v); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

function downloadCsv() {
  const cols = ["key", "subject", "relation", "object", "date", "certainty", "confidence", "document", "start", "end", "sentence"];
  const lines = [cols.join(",")];
  for (const r of state.tableRows || []) lines.push(cols.map(c => csvCell(c === "relation" ? r.relation_id : c === "confidence" ? fm.confidence(r.confidence) : r[c])).join(","));
  const link = document.createElement("a");
  link.download = `factionmap-facts-${rangeText().replace("/", "-") || "all"}.csv`;
  link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(lines.join("\r\n") + "\r\n");
  link.click();
}

// ---- legend, filters, search -------------------------------------------------------------------------------

function lineSwatch(colour, c) {
  const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), line = document.createElementNS(ns, "line");
  svg.setAttribute("width", "34"); svg.setAttribute("height", "8"); svg.setAttribute("class", "swatch");
  line.setAttribute("x1", "1"); line.setAttribute("x2", "33"); line.setAttribute("y1", "4"); line.setAttribute("y2", "4");
  line.setAttribute("stroke", colour);
  const s = CERTAINTY[c] || CERTAINTY.asserted;
  line.setAttribute("stroke-width", String(s.width)); line.setAttribute("stroke-opacity", String(s.opacity));
  if (s.dash) line.setAttribute("stroke-dasharray", s.dash.join(" "));
  svg.append(line);
  return svg;
}

function legend(relations, certainties) {
  const box = document.getElementById("legend");
  const toggle = fm.el("button", "Legend", "legend-toggle"); toggle.type = "button";
  toggle.setAttribute("aria-expanded", "true");
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(box.classList.toggle("collapsed") === false));
  });
  box.append(toggle);
  const section = (title, cls) => { const d = fm.el("div", null, "legend-section " + cls); d.append(fm.el("strong", title)); box.append(d); return d; };
  const types = section("Nodes", "types");
  for (const [t, colour] of Object.entries(COLOURS)) {
    const item = fm.el("div", null, "item"); item.dataset.type = t;
    const dot = fm.el("span", "", "dot"); dot.style.background = colour;
    item.append(dot, " " + TYPE_NAMES[t]); types.append(item);
  }
  types.append(fm.el("div", "size: " + document.querySelector(`#sizeby option[value=${state.sizeBy}]`).textContent, "item sizenote"));
  const rels = section("Relations", "relations");
  for (const r of relations) {
    const item = fm.el("div", null, "item"); item.dataset.relation = r;
    item.append(lineSwatch(RELATION_COLOURS[r] || "#90a4ae", "asserted"), " " + r.replace(/_/g, " ")); rels.append(item);
  }
  const certs = section("Certainty", "certainty");
  for (const c of CERTAINTY_ORDER) {
    const item = fm.el("div", null, "item"); item.dataset.certainty = c; item.title = CERTAINTY[c].words;
    if (!certainties.includes(c)) item.classList.add("absent");
    item.append(lineSwatch("#455a64", c), " " + c); certs.append(item);
  }
}

function checkboxes(id, values, set, key) {
  // one checkbox per value, with its swatch: the relation's colour or the certainty's line style
  const box = document.getElementById(id);
  for (const v of values) {
    const label = fm.el("label"); const input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.value = v;
    input.addEventListener("change", () => { input.checked ? set().add(v) : set().delete(v); remember(); draw(); });
    const swatch = key === "colour" ? lineSwatch(RELATION_COLOURS[v] || "#90a4ae", "asserted") : lineSwatch("#455a64", v);
    label.append(input, " ", swatch, " " + v); box.append(label);
  }
}

function setFocus(id) {
  state.focus = id; remember(); syncControls(); draw();
  if (id !== null && state.cy.getElementById(String(id)).nonempty()) {
    // the neighbourhood fills the view (labels are placed again once the zoom settles)
    state.cy.animate({ fit: { eles: state.cy.elements(), padding: 40 }, duration: 200 });
  }
}

function search() {
  // typeahead over every name and alias, folded like the server folds them (ISIS-K finds ISIS–K); the names
  // are fetched when the box is first used, so they never delay the map
  const input = document.getElementById("search"), results = document.getElementById("results");
  let index = null, entities = [], loading = null, active = -1;
  const load = () => loading || (loading = fm.get("/api/names").then(list => {
    entities = list; index = list.map(e => ({ e, keys: [e.name, ...e.aliases].map(a => [a, norm(a)]) }));
  }));
  input.addEventListener("focus", load);
  const choose = e => { results.replaceChildren(); input.setAttribute("aria-expanded", "false"); input.value = e.name; setFocus(e.id); };
  const highlight = () => results.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
  input.addEventListener("input", async () => {
    await load();
    const q = norm(input.value); results.replaceChildren(); active = -1;
    state.cy.nodes().removeClass("found");
    if (!q) { input.setAttribute("aria-expanded", "false"); return; }
    const hits = [];
    for (const { e, keys } of index) {
      let best = null;
      for (const [raw, k] of keys) {
        const at = k.indexOf(q);
        if (at < 0) continue;
        const score = (k === q ? 0 : at === 0 ? 1 : 2);
        if (!best || score < best.score) best = { score, raw };
      }
      if (best) hits.push({ e, ...best });
    }
    hits.sort((a, b) => a.score - b.score || b.e.facts - a.e.facts || (a.e.name < b.e.name ? -1 : 1));
    for (const h of hits.slice(0, 12)) {
      const li = fm.el("li"); li.setAttribute("role", "option"); li.dataset.id = String(h.e.id);
      li.append(fm.el("span", h.e.name, "name"));
      if (h.raw !== h.e.name) li.append(fm.el("span", " · " + h.raw, "alias"));
      li.append(fm.el("span", " " + h.e.type, "type"));
      li.addEventListener("mousedown", ev => { ev.preventDefault(); choose(h.e); });
      results.append(li);
      state.cy.getElementById(String(h.e.id)).addClass("found");
    }
    input.setAttribute("aria-expanded", String(hits.length > 0));
    results.dataset.count = String(hits.length);
    results.dataset.query = input.value;
  });
  input.addEventListener("keydown", ev => {
    const items = results.querySelectorAll("li");
    if (ev.key === "ArrowDown") { active = Math.min(items.length - 1, active + 1); highlight(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(0, active - 1); highlight(); ev.preventDefault(); }
    else if (ev.key === "Enter" && items.length) {
      const id = Number(items[Math.max(0, active)].dataset.id);
      choose(entities.find(e => e.id === id));
    } else if (ev.key === "Escape") { results.replaceChildren(); }
  });
}

// ---- saving the map ----------------------------------------------------------------------------------------

function escapeXml(s) {
  return String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

function mapSvg() {
  // The map as it stands (visible elements, current pan and zoom, the labels shown) as a standalone SVG for reports.
  const cy = state.cy, w = cy.width(), h = cy.height();
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`];
  cy.edges(":visible").forEach(e => {
    const a = e.source().renderedPosition(), b = e.target().renderedPosition(), s = CERTAINTY[e.data("certainty")] || CERTAINTY.asserted;
    out.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${e.data("colour")}"` +
      ` stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash.join(" ")}"` : ""}${s.opacity < 1 ? ` stroke-opacity="${s.opacity}"` : ""}><title>${escapeXml(e.data("relation"))}</title></line>`);
  });
  const zoom = cy.zoom();
  cy.nodes(":visible").not(".coalition").forEach(n => {
    const p = n.renderedPosition(), r = (n.data("size") * zoom) / 2;
    out.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${n.data("colour")}" stroke="#fff"/>`);
    if (n.hasClass("labelled")) out.push(`<text x="${p.x.toFixed(1)}" y="${(p.y + r + LABEL_PX).toFixed(1)}" text-anchor="middle" font-family="sans-serif" font-size="${LABEL_PX}" fill="#222">${escapeXml(n.data("label"))}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

function saveMap(kind) {
  const link = document.createElement("a");
  link.download = `factionmap-${rangeText().replace("/", "-") || "map"}.${kind}`;
  link.href = kind === "svg" ? "data:image/svg+xml;charset=utf-8," + encodeURIComponent(mapSvg())
    : state.cy.png({ full: false, bg: "#ffffff", scale: 2 });
  link.click();
}

function layoutKey(graph) {
  // a fingerprint of the network (its nodes and edges): a saved layout is reused only for the same network
  let h = 2166136261;
  const mix = str => { for (let i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; } };
  for (const n of graph.nodes) mix(String(n.id) + ",");
  for (const e of graph.edges) mix(e.key);
  return `fm-layout:${graph.nodes.length}:${graph.edges.length}:${h.toString(36)}`;
}

function savedLayout(key) {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const data = JSON.parse(raw);
    return new Map(Object.entries(data).map(([id, [x, y]]) => [Number(id), { x, y }]));
  } catch (e) { return null; }
}

function saveLayout() {
  const out = {};
  for (const [id, d] of state.nodeDefs) out[id] = [Math.round(d.position.x * 10) / 10, Math.round(d.position.y * 10) / 10];
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i); if (k && k.startsWith("fm-layout:") && k !== state.layoutKey) localStorage.removeItem(k);
    }
    localStorage.setItem(state.layoutKey, JSON.stringify(out));
  } catch (e) { /* storage full or refused: the next visit lays out again */ }
}

function buildMap(graph) {
  const container = document.getElementById("network");
  // a canvas that grows with the network (about 70 px per node side), fitted into view once
  const scale = Math.max(1, Math.sqrt(graph.nodes.length) * 70 / (container.clientWidth || 900));
  const w = (container.clientWidth || 900) * scale, h = (container.clientHeight || 600) * scale;
  // the positions of the last visit to this same network (kept in the browser), or a new layout
  state.layoutKey = layoutKey(graph);
  // a large network comes laid out by the server (once for each state of the database)
  const saved = graph.positions ? new Map(Object.entries(graph.positions).map(([id, [x, y]]) => [Number(id), { x, y }]))
    : savedLayout(state.layoutKey);
  state.layoutSaved = saved !== null;
  const pos = saved || layout(graph.nodes, graph.edges, w, h);
  state.nodeDefs = new Map(graph.nodes.map(n => [String(n.id), { group: "nodes", data: { id: String(n.id), name: n.name,
    label: n.name.length > LABEL_CHARS ? n.name.slice(0, LABEL_CHARS - 1) + "…" : n.name,
    type: n.type, size: 10, colour: COLOURS[n.type] || "#757575" }, position: pos.get(n.id), classes: n.type }]));
  state.edgeDefs = new Map();
  for (const e of graph.edges) {
    if (!state.nodeDefs.has(String(e.source)) || !state.nodeDefs.has(String(e.target))) continue;
    state.edgeDefs.set(e.key, { group: "edges", data: { id: e.key, source: String(e.source), target: String(e.target),
      relation: e.relation, certainty: e.certainty, colour: RELATION_COLOURS[e.relation] || "#90a4ae" },
      classes: `${e.relation} ${CERTAINTY[e.certainty] ? e.certainty : "asserted"}` });
  }
  const big = state.big = graph.edges.length > 3000;
  const cy = cytoscape({ container, style: mapStyle(big), minZoom: 0.05, maxZoom: 6, boxSelectionEnabled: false,
    autoungrabify: true, textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto" });
  state.byKey = new Map(graph.edges.map(e => [e.key, e]));
  cy.on("tap", "node", ev => setFocus(Number(ev.target.id().replace(/^g/, ""))));
  cy.on("mouseover", "edge", ev => { ev.target.addClass("hover"); showEvidence(state.byKey.get(ev.target.id())); });
  cy.on("mouseout", "edge", ev => ev.target.removeClass("hover"));
  cy.on("mouseover", "node", ev => {
    container.style.cursor = "pointer";
    cy.batch(() => { cy.elements().addClass("faded"); ev.target.closedNeighborhood().removeClass("faded"); });
  });
  cy.on("mouseout", "node", () => { container.style.cursor = ""; cy.elements().removeClass("faded"); });
  let timer = null;
  cy.on("zoom", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // labels keep their size on screen, so boxes sized around them are arranged again for the new zoom
      if (state.group && state.fitted && !state.fcose) { state.labelZoom = null; placeLabels(); cy.batch(() => regroup(drawnEdges())); }
      placeLabels(); cy.forceRender();
      container.dataset.zoom = String(cy.zoom());  // a watcher (a test) knows the view is arranged for this zoom
    }, 120);
  });
  return cy;
}

async function main() {
  if (typeof cytoscape === "undefined") {
    document.getElementById("evidence").textContent =
      "The map library is missing: run `make install` (it installs Cytoscape.js from the npm registry into static/vendor).";
    return;
  }
  document.getElementById("save-svg").addEventListener("click", () => saveMap("svg"));
  document.getElementById("save-png").addEventListener("click", () => saveMap("png"));
  const timings = window.fmTimings = { start: performance.now() };  // for the benchmark: where the first draw's time goes
  const [stats, graph, holds] = await Promise.all([fm.get("/api/stats"), fm.get("/api/graph"), fm.get("/api/holds")]);
  timings.fetched = performance.now();
  state.holds = Object.entries(holds.holds);
  // the facts with no date at all: never held in a year, drawn in every one when "undated facts too" is on
  state.undatedKeys = new Set(graph.edges.filter(e => !e.date && !e.start && !e.end).map(e => e.key));
  document.getElementById("stats").textContent = `${stats.documents} documents · ${stats.facts} facts`;
  state.graph = graph;
  state.names = new Map(graph.nodes.map(n => [n.id, n]));
  state.years = yearSpan(graph.edges);
  state.cy = buildMap(graph);
  timings.layout = performance.now();
  window.fmMap = state.cy;  // for tests and for the curious: the live Cytoscape instance
  state.allRelations = [...new Set(graph.edges.map(e => e.relation))].sort();
  state.allCertainties = CERTAINTY_ORDER.filter(c => graph.edges.some(e => e.certainty === c));
  readUrl();
  computeImportance();
  legend(state.allRelations, state.allCertainties);
  checkboxes("relations", state.allRelations, () => state.relations, "colour");
  checkboxes("certainties", state.allCertainties, () => state.certainties, "line");
  const docs = document.getElementById("docfilter"), dfDoc = document.getElementById("df-doc");
  for (const d of graph.documents) {
    const o = fm.el("option", d.title || d.name); o.value = String(d.id); docs.append(o);
    const o2 = fm.el("option", d.name); o2.value = d.name; dfDoc.append(o2);
  }
  for (const r of state.allRelations) { const o = fm.el("option", r); o.value = r; document.getElementById("df-relation").append(o); }
  for (const c of state.allCertainties) { const o = fm.el("option", c); o.value = c; document.getElementById("df-certainty").append(o); }
  for (const id of ["df-relation", "df-certainty", "df-confidence", "df-date", "df-doc"]) {
    document.getElementById(id).addEventListener("input", fillTable);
  }
  document.getElementById("csv").addEventListener("click", downloadCsv);
  docs.addEventListener("change", () => { state.doc = docs.value ? Number(docs.value) : null; remember(); draw(); });
  const minConf = document.getElementById("minconf");
  minConf.addEventListener("input", () => {
    state.minConfidence = Number(minConf.value);
    document.getElementById("minconf-value").textContent = fm.confidence(state.minConfidence);
    remember(true); draw();
  });
  document.getElementById("group").addEventListener("change", async ev => {
    state.group = ev.target.checked; remember();
    if (state.group) await loadFcose();
    draw();
    // the view fitted to the boxes and the names around them, or, without them, to the names
    if (state.group) fitGroups(); else { fitView(); placeLabels(); }
  });
  document.getElementById("undated-count").textContent = `(${state.undatedKeys.size})`;
  document.getElementById("undated").addEventListener("change", ev => {
    state.undated = ev.target.checked; remember(); state.held = heldNow(); draw();
  });
  document.getElementById("shown-toggle").addEventListener("click", async () => {
    // every name, or the most important again: the view fitted to what is drawn
    state.all = !state.all; remember();
    if (state.group) await loadFcose();
    fitView(); draw(); if (state.group) fitGroups();
  });
  document.getElementById("depth").addEventListener("change", ev => { state.depth = Number(ev.target.value); remember(); draw(); });
  document.getElementById("show-all").addEventListener("click", () => { setFocus(null); state.cy.fit(undefined, 20); placeLabels(); });
  document.getElementById("sizeby").addEventListener("change", ev => {
    state.sizeBy = ev.target.value; remember(); computeImportance(); draw(); placeLabels();
    document.querySelector("#legend .sizenote").textContent = "size: " + ev.target.selectedOptions[0].textContent;
  });
  for (const t of ["map", "data"]) document.getElementById("tab-" + t).addEventListener("click", async () => {
    state.tab = t; remember(); syncControls();
    if (t === "data") { await loadEvidence(); fillTable(); } else { state.cy.resize(); placeLabels(); }
    document.body.dataset.tab = t;
  });
  const from = document.getElementById("from"), to = document.getElementById("to");
  if (state.years) {
    for (const s of [from, to]) { s.min = String(state.years.lo); s.max = String(state.years.hi); }
    histogram(state.years);
  } else {
    document.querySelector(".timebar").hidden = true;
  }
  const moved = which => {
    let a = Number(from.value), b = Number(to.value);
    if (a > b) { if (which === "from") b = a; else a = b; }
    state.from = a; state.to = b; from.value = String(a); to.value = String(b); markRange();
    remember(true); loadRange();
  };
  from.addEventListener("input", () => moved("from"));
  to.addEventListener("input", () => moved("to"));
  for (const s of [from, to, minConf]) s.addEventListener("change", slideEnds);
  let timer = null;
  const play = document.getElementById("play");
  play.addEventListener("click", () => {
    // play moves the range (its width kept) a year at a time through the years covered
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
    play.textContent = "❚❚";
    slideEnds();  // the play run is one history entry
    timer = setInterval(() => {
      const width = state.to - state.from;
      if (state.to >= state.years.hi) { state.from = state.years.lo; state.to = state.years.lo + width; }
      else { state.from += 1; state.to += 1; }
      from.value = String(state.from); to.value = String(state.to); markRange();
      remember(true); loadRange();
    }, 700);
  });
  search();
  const exp = document.getElementById("export-links");  // not "exports": an element id is a global, and the vendor scripts test `typeof exports`
  for (const f of ["jsonl", "csv", "graphml", "gexf", "jsonld", "cypher"]) { exp.append(fm.link("/api/export/" + f, f), " "); }
  window.addEventListener("popstate", () => {
    // back or forward to another choice of names (every name or the most important, grouped or not) fits the view again
    const size = state.sizeBy, all = state.all, group = state.group;
    readUrl(); apply(size !== state.sizeBy, all !== state.all || group !== state.group);
  });
  const tab = state.tab;
  state.tab = "map";  // the map is laid out and fitted in view first, whichever tab the URL opens
  syncControls();
  const small = graph.nodes.length <= 300 && !state.layoutSaved;
  if (small || state.group) await loadFcose();
  if (small) {
    // a network of this size gets fCoSE's layout (Cytoscape's CoSE when fCoSE is missing) over every name (not
    // only those shown now), each as large as it is drawn, computed once, so positions stay put while the time
    // range moves; seeded, so the same network always gives the same picture
    const all = cytoscape({ headless: true, styleEnabled: true, elements: [...state.nodeDefs.values(), ...state.edgeDefs.values()],
      style: [{ selector: "node", style: { width: "data(size)", height: "data(size)" } }] });
    seeded(() => all.layout(state.fcose
      ? { name: "fcose", animate: false, fit: false, randomize: true, quality: "default", nodeRepulsion: () => 8000, idealEdgeLength: () => 60 }
      : { name: "cose", animate: false, randomize: false, numIter: 250, nodeRepulsion: () => 8000, idealEdgeLength: () => 60, fit: false }).run());
    all.nodes().forEach(n => { const d = state.nodeDefs.get(n.id()); d.position = { ...n.position() }; });
    all.destroy();
  }
  if (!state.layoutSaved) saveLayout();
  state.held = heldNow();
  fitView();  // once, before anything is drawn: the view then stays put while the range moves
  state.fitted = true;
  state.tab = tab;
  syncControls();
  if (tab === "data") await loadEvidence();
  await loadRange();  // the first draw, labels placed
  // the boxes gathered their members: the view is fitted, once, to the boxes and the names around them
  if (state.group) fitGroups();
  document.body.dataset.tab = state.tab;
  timings.labelled = performance.now();
  document.body.dataset.ready = "1";
}
main();
