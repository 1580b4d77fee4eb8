// The network map, drawn by Cytoscape.js (installed from the npm registry into /static/vendor at set-up).
// A stable layout over every entity is computed once; the month slider asks the query API which facts held
// then and only shows or hides elements, so nothing moves. Filters by relation, certainty, minimum confidence
// and document; hover an edge for its evidence, click a node for its profile. Document text only ever goes through
// textContent (fm.el), never HTML.
"use strict";
const state = { cy: null, graph: null, months: [], held: new Set(), relations: new Set(), certainties: new Set(), minConfidence: 0, doc: null };
const COLOURS = { ORG: "#1e88e5", PERSON: "#e53935", PLACE: "#43a047" };
const RELATION_COLOURS = {
  component_of: "#1565c0", joined: "#1565c0", merged_into: "#1565c0", splinter_of: "#0277bd",
  allied_with: "#2e7d32", rival_of: "#c62828", ceasefire_with: "#f9a825", funded_by: "#6a1b9a",
  supported_by: "#6a1b9a", allegiance_to: "#00838f", leader_of: "#5d4037", member_of: "#5d4037",
  based_in: "#558b2f", founded_by: "#455a64", successor_of: "#455a64", killed: "#424242",
};
const LINE_STYLE = { reported: "dashed", claimed: "dashed", possible: "dotted", unclear: "dotted" };

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
  const iters = n > 1500 ? 80 : 200;
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

function months(edges) {
  const years = edges.map(e => (e.date || e.start || e.end || "").slice(0, 4)).filter(y => /^\d{4}$/.test(y)).map(Number);
  if (!years.length) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

function nodeSize(n) {
  // sized by the group's latest membership figure
  return n.members ? 10 + 5 * Math.log10(n.members + 1) : 10;
}

function mapStyle(big) {
  const style = [
    { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "data(colour)",
      label: "data(name)", "font-size": 9, color: "#333", "text-valign": "center", "text-halign": "right",
      "text-margin-x": 3, "border-width": 1, "border-color": "#fff", "min-zoomed-font-size": big ? 7 : 2 } },
    { selector: "edge", style: { width: 1.5, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
      "line-style": "data(lineStyle)", "curve-style": big ? "haystack" : "bezier",
      "target-arrow-shape": big ? "none" : "triangle", "arrow-scale": 0.6 } },
    { selector: "edge.denied", style: { opacity: 0.35 } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "edge.hover", style: { width: 4 } },
    { selector: "node.found", style: { "border-width": 3, "border-color": "#ef6c00" } },
  ];
  return style;
}

function visibleKeys() {
  return state.graph.edges.filter(e => state.held.has(e.key) && state.relations.has(e.relation) && state.certainties.has(e.certainty)
    && (e.confidence ?? 1) >= state.minConfidence && (state.doc === null || e.docs.includes(state.doc))).map(e => e.key);
}

function draw() {
  // Cytoscape holds exactly the elements on show: a slider step removes what ended and adds what began,
  // at the positions computed once, so nothing else moves.
  const shown = new Set(visibleKeys());
  const cy = state.cy, used = new Set();
  for (const key of shown) { const d = state.edgeDefs.get(key).data; used.add(d.source); used.add(d.target); }
  cy.batch(() => {
    cy.edges().filter(e => !shown.has(e.id())).remove();
    cy.nodes().filter(n => !used.has(n.id())).remove();
    const add = [];
    for (const id of used) if (cy.getElementById(id).empty()) add.push(state.nodeDefs.get(id));
    for (const key of shown) if (cy.getElementById(key).empty()) add.push(state.edgeDefs.get(key));
    if (add.length) cy.add(add);
  });
  // data-pending / data-drawn tell a watcher (a test, a benchmark) when this state has reached the screen
  const box = document.getElementById("network");
  state.version = (state.version || 0) + 1;
  const version = String(state.version);
  box.dataset.pending = version;
  cy.one("render", () => { box.dataset.drawn = version; box.dataset.edges = String(shown.size); });
  cy.forceRender();  // a frame even when nothing changed, so data-drawn always follows
}

async function showEvidence(e) {
  const names = state.names;
  const box = document.getElementById("evidence");
  box.replaceChildren(fm.el("strong", `${names.get(e.source).name} ${e.relation} ${names.get(e.target).name}`), fm.el("span", " " + fm.when(e) + " "), fm.badge(e.certainty));
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

function asof(month) { return fm.get("/api/asof?date=" + encodeURIComponent(month)); }

async function setMonth(i, prefetched) {
  const month = state.months[i];
  document.getElementById("date").textContent = month || "undated";
  const slider = document.getElementById("slider");
  slider.dataset.month = month || "";
  if (!month) { state.held = new Set(state.graph.edges.map(e => e.key)); draw(); return; }
  const data = await (prefetched || asof(month));
  if (slider.dataset.month !== month) return;
  state.held = new Set(data.facts.filter(f => f.object_id !== null).map(f => f.key));
  draw();
  document.getElementById("network").dataset.month = month;
}

function checkboxes(id, values, set, key) {
  // one checkbox per value, each with its legend: the relation's colour or the certainty's line style
  const box = document.getElementById(id);
  for (const v of [...values].sort()) {
    set.add(v);
    const label = fm.el("label"); const input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.value = v;
    input.addEventListener("change", () => { input.checked ? set.add(v) : set.delete(v); draw(); });
    const swatch = fm.el("span", "", "swatch");
    if (key === "colour") swatch.style.borderTopColor = RELATION_COLOURS[v] || "#90a4ae";
    else swatch.style.borderTopStyle = LINE_STYLE[v] || "solid";
    label.append(input, " ", swatch, " " + v); box.append(label);
  }
}

function escapeXml(s) {
  return String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

function mapSvg() {
  // The map as it stands (visible elements, current pan and zoom) as a standalone SVG for reports.
  const cy = state.cy, w = cy.width(), h = cy.height();
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`];
  const dash = { dashed: ' stroke-dasharray="6 3"', dotted: ' stroke-dasharray="1 3"', solid: "" };
  cy.edges(":visible").forEach(e => {
    const a = e.source().renderedPosition(), b = e.target().renderedPosition();
    out.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${e.data("colour")}"` +
      ` stroke-width="1.5"${dash[e.data("lineStyle")]}${e.hasClass("denied") ? ' stroke-opacity="0.35"' : ""}><title>${escapeXml(e.data("relation"))}</title></line>`);
  });
  const zoom = cy.zoom();
  cy.nodes(":visible").forEach(n => {
    const p = n.renderedPosition(), r = (n.data("size") * zoom) / 2;
    out.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${n.data("colour")}" stroke="#fff"/>`);
    out.push(`<text x="${(p.x + r + 3).toFixed(1)}" y="${(p.y + 3).toFixed(1)}" font-family="sans-serif" font-size="${(9 * zoom).toFixed(1)}" fill="#333">${escapeXml(n.data("name"))}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

function saveMap(kind) {
  const month = document.getElementById("date").textContent || "map";
  const link = document.createElement("a");
  link.download = `factionmap-${month}.${kind}`;
  link.href = kind === "svg" ? "data:image/svg+xml;charset=utf-8," + encodeURIComponent(mapSvg())
    : state.cy.png({ full: false, bg: "#ffffff", scale: 2 });
  link.click();
}

function buildMap(graph) {
  const container = document.getElementById("network");
  // a canvas that grows with the network (about 70 px per node side), fitted into view once
  const scale = Math.max(1, Math.sqrt(graph.nodes.length) * 70 / (container.clientWidth || 900));
  const w = (container.clientWidth || 900) * scale, h = (container.clientHeight || 600) * scale;
  const pos = layout(graph.nodes, graph.edges, w, h);
  state.nodeDefs = new Map(graph.nodes.map(n => [String(n.id), { group: "nodes", data: { id: String(n.id), name: n.name,
    type: n.type, size: nodeSize(n), colour: COLOURS[n.type] || "#757575" }, position: pos.get(n.id), classes: n.type }]));
  state.edgeDefs = new Map();
  for (const e of graph.edges) {
    if (!state.nodeDefs.has(String(e.source)) || !state.nodeDefs.has(String(e.target))) continue;
    state.edgeDefs.set(e.key, { group: "edges", data: { id: e.key, source: String(e.source), target: String(e.target),
      relation: e.relation, colour: RELATION_COLOURS[e.relation] || "#90a4ae", lineStyle: LINE_STYLE[e.certainty] || "solid" },
      classes: `${e.relation} ${e.certainty}` });
  }
  const big = graph.edges.length > 3000;
  const cy = cytoscape({ container, style: mapStyle(big), minZoom: 0.1, maxZoom: 6, boxSelectionEnabled: false,
    autoungrabify: true, textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto" });
  const byKey = new Map(graph.edges.map(e => [e.key, e]));
  cy.on("tap", "node", ev => { location.href = "/entity/" + ev.target.id(); });
  cy.on("mouseover", "edge", ev => { ev.target.addClass("hover"); showEvidence(byKey.get(ev.target.id())); });
  cy.on("mouseout", "edge", ev => ev.target.removeClass("hover"));
  cy.on("mouseover", "node", () => { container.style.cursor = "pointer"; });
  cy.on("mouseout", "node", () => { container.style.cursor = ""; });
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
  const [stats, graph, entities] = await Promise.all([fm.get("/api/stats"), fm.get("/api/graph"), fm.get("/api/entities")]);
  document.getElementById("stats").textContent = `${stats.documents} documents · ${stats.facts} facts`;
  state.graph = graph;
  state.names = new Map(graph.nodes.map(n => [n.id, n]));
  state.months = months(graph.edges);
  // ask for the last month's network while the layout runs
  const first = state.months.length ? asof(state.months[state.months.length - 1]) : null;
  state.cy = buildMap(graph);
  window.fmMap = state.cy;  // for tests and for the curious: the live Cytoscape instance
  checkboxes("relations", new Set(graph.edges.map(e => e.relation)), state.relations, "colour");
  checkboxes("certainties", new Set(graph.edges.map(e => e.certainty)), state.certainties, "line");
  const docs = document.getElementById("docfilter");
  for (const d of graph.documents) { const o = fm.el("option", d.title || d.name); o.value = String(d.id); docs.append(o); }
  docs.addEventListener("change", () => { state.doc = docs.value ? Number(docs.value) : null; draw(); });
  const minConf = document.getElementById("minconf");
  minConf.addEventListener("input", () => {
    state.minConfidence = Number(minConf.value);
    document.getElementById("minconf-value").textContent = fm.confidence(state.minConfidence);
    draw();
  });
  const slider = document.getElementById("slider");
  slider.max = String(Math.max(0, state.months.length - 1));
  slider.value = slider.max;
  slider.addEventListener("input", () => setMonth(Number(slider.value)));
  let timer = null;
  const play = document.getElementById("play");
  play.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
    play.textContent = "❚❚";
    timer = setInterval(() => {
      const next = (Number(slider.value) + 1) % state.months.length;
      slider.value = String(next); setMonth(next);
    }, 400);
  });
  const results = document.getElementById("results");
  document.getElementById("search").addEventListener("input", ev => {
    const q = ev.target.value.toLowerCase(); results.replaceChildren();
    state.cy.nodes().removeClass("found");
    if (!q) return;
    for (const e of entities.filter(e => e.name.toLowerCase().includes(q)).slice(0, 20)) {
      const li = fm.el("li"); li.append(fm.link("/entity/" + e.id, e.name), fm.el("span", " " + e.type, "type")); results.append(li);
      state.cy.getElementById(String(e.id)).addClass("found");
    }
  });
  const exp = document.getElementById("exports");
  for (const f of ["jsonl", "csv", "graphml", "gexf", "jsonld", "cypher"]) { exp.append(fm.link("/api/export/" + f, f), " "); }
  await setMonth(Number(slider.value), first);
  if (graph.nodes.length <= 800) {
    // a network of this size gets Cytoscape's CoSE layout over every name (not only those shown now),
    // computed once, so positions stay put while the slider moves
    const all = cytoscape({ headless: true, elements: [...state.nodeDefs.values(), ...state.edgeDefs.values()] });
    all.layout({ name: "cose", animate: false, randomize: false, numIter: 250, nodeRepulsion: () => 8000,
                 idealEdgeLength: () => 60, fit: false }).run();
    all.nodes().forEach(n => { const d = state.nodeDefs.get(n.id()); d.position = { ...n.position() }; });
    state.cy.nodes().forEach(n => n.position(state.nodeDefs.get(n.id()).position));
    all.destroy();
  }
  state.cy.fit(undefined, 20);  // once: the view then stays put while the slider moves
  document.body.dataset.ready = "1";
}
main();
