// The network map: a stable force layout over every entity, a month slider that asks the query API
// which facts held then, filters by relation and certainty, hover for evidence, click for a profile.
"use strict";
const svgNS = "http://www.w3.org/2000/svg";
const state = { graph: null, pos: new Map(), months: [], held: new Set(), relations: new Set(), certainties: new Set(), doc: null };

function layout(nodes, edges, w, h) {
  const pos = new Map(nodes.map((n, i) => [n.id, { x: w / 2 + (w / 3) * Math.cos(i * 2.4), y: h / 2 + (h / 3) * Math.sin(i * 2.4), vx: 0, vy: 0 }]));
  const pts = [...pos.values()];
  const iters = nodes.length > 1500 ? 80 : 200;
  const cell = 120;  // repulsion reaches one cell: a spatial hash keeps each step linear in the nodes
  for (let it = 0; it < iters; it++) {
    const grid = new Map();
    for (const p of pts) {
      const k = Math.floor(p.x / cell) + "," + Math.floor(p.y / cell);
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push(p);
    }
    for (const a of pts) {
      const cx = Math.floor(a.x / cell), cy = Math.floor(a.y / cell);
      for (let gx = cx - 1; gx <= cx + 1; gx++) for (let gy = cy - 1; gy <= cy + 1; gy++) {
        for (const b of grid.get(gx + "," + gy) || []) {
          if (a === b) continue;
          const dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          if (d2 > cell * cell) continue;
          const f = 150 / d2; a.vx += dx * f; a.vy += dy * f;
        }
      }
    }
    for (const e of edges) {
      const a = pos.get(e.source), b = pos.get(e.target); if (!a || !b) continue;
      const dx = b.x - a.x, dy = b.y - a.y; a.vx += dx * 0.01; a.vy += dy * 0.01; b.vx -= dx * 0.01; b.vy -= dy * 0.01;
    }
    for (const p of pts) {
      p.vx += (w / 2 - p.x) * 0.004; p.vy += (h / 2 - p.y) * 0.004;
      p.x = Math.max(10, Math.min(w - 10, p.x + Math.max(-8, Math.min(8, p.vx))));
      p.y = Math.max(10, Math.min(h - 10, p.y + Math.max(-8, Math.min(8, p.vy))));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return pos;
}

function months(edges) {
  const years = edges.map(e => (e.date || e.start || e.end || "").slice(0, 4)).filter(y => /^\d{4}$/.test(y)).map(Number);
  if (!years.length) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

function draw() {
  const svg = document.getElementById("network");
  svg.replaceChildren();
  const g = state.graph;
  const shown = g.edges.filter(e => state.held.has(e.key) && state.relations.has(e.relation) && state.certainties.has(e.certainty)
    && (state.doc === null || e.docs.includes(state.doc)));
  const used = new Set(shown.flatMap(e => [e.source, e.target]));
  const names = new Map(g.nodes.map(n => [n.id, n]));
  for (const e of shown) {
    const a = state.pos.get(e.source), b = state.pos.get(e.target);
    const line = document.createElementNS(svgNS, "line");
    for (const [k, v] of [["x1", a.x], ["y1", a.y], ["x2", b.x], ["y2", b.y]]) line.setAttribute(k, v);
    line.setAttribute("class", `edge ${e.relation} ${e.certainty}`);
    line.dataset.key = e.key;
    line.addEventListener("mouseenter", () => showEvidence(e, names));
    svg.append(line);
  }
  for (const id of used) {
    const n = names.get(id), p = state.pos.get(id);
    const c = document.createElementNS(svgNS, "circle");
    // sized by the group's latest membership figure
    const r = n.members ? 5 + 2.5 * Math.log10(n.members + 1) : 5;
    c.setAttribute("cx", p.x); c.setAttribute("cy", p.y); c.setAttribute("r", r.toFixed(1));
    c.setAttribute("class", "node " + n.type); c.dataset.id = id;
    c.addEventListener("click", () => { location.href = "/entity/" + id; });
    const t = document.createElementNS(svgNS, "title"); t.textContent = n.name; c.append(t);
    const label = document.createElementNS(svgNS, "text");
    label.setAttribute("x", p.x + 8); label.setAttribute("y", p.y + 3); label.setAttribute("class", "label");
    label.textContent = n.name;
    svg.append(c, label);
  }
  svg.dataset.edges = String(shown.length);
}

async function showEvidence(e, names) {
  const box = document.getElementById("evidence");
  box.replaceChildren(fm.el("strong", `${names.get(e.source).name} ${e.relation} ${names.get(e.target).name}`), fm.el("span", " " + fm.when(e) + " "), fm.badge(e.certainty));
  const profile = await fm.get("/api/entities/" + e.source);
  const fact = profile.facts.find(f => f.id === e.key);
  if (fact) for (const ev of fact.evidence) {
    const p = fm.el("p", ev.text, "quote");
    p.append(" ", fm.link(`/document/${ev.doc_id}#${ev.start}-${ev.end}`, ev.doc));
    box.append(p);
  }
}

async function setMonth(i) {
  const month = state.months[i];
  document.getElementById("date").textContent = month || "undated";
  const slider = document.getElementById("slider");
  slider.dataset.month = month || "";
  if (!month) { state.held = new Set(state.graph.edges.map(e => e.key)); draw(); return; }
  const data = await fm.get("/api/asof?date=" + encodeURIComponent(month));
  if (slider.dataset.month !== month) return;
  state.held = new Set(data.facts.filter(f => f.object_id !== null).map(f => f.key));
  draw();
  document.getElementById("network").dataset.month = month;
}

function checkboxes(id, values, set) {
  const box = document.getElementById(id);
  for (const v of [...values].sort()) {
    set.add(v);
    const label = fm.el("label"); const input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.value = v;
    input.addEventListener("change", () => { input.checked ? set.add(v) : set.delete(v); draw(); });
    label.append(input, " " + v); box.append(label);
  }
}

function saveMap(kind) {
  // the map exactly as drawn at the slider's date, with the page's colours inlined
  const svg = document.getElementById("network").cloneNode(true);
  svg.setAttribute("xmlns", svgNS);
  const box = document.getElementById("network").getBoundingClientRect();
  svg.setAttribute("width", box.width); svg.setAttribute("height", box.height);
  const live = document.getElementById("network").querySelectorAll("line, circle, text");
  svg.querySelectorAll("line, circle, text").forEach((el, i) => {
    const cs = getComputedStyle(live[i]);
    for (const p of ["stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill", "font-size"]) el.style.setProperty(p, cs.getPropertyValue(p));
  });
  const text = new XMLSerializer().serializeToString(svg);
  const month = document.getElementById("date").textContent || "map";
  const link = document.createElement("a");
  if (kind === "svg") {
    link.href = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
    link.download = `factionmap-${month}.svg`; link.click(); return;
  }
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas"); canvas.width = box.width; canvas.height = box.height;
    const ctx = canvas.getContext("2d"); ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height); ctx.drawImage(img, 0, 0);
    link.href = canvas.toDataURL("image/png"); link.download = `factionmap-${month}.png`; link.click();
  };
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
}

async function main() {
  document.getElementById("save-svg").addEventListener("click", () => saveMap("svg"));
  document.getElementById("save-png").addEventListener("click", () => saveMap("png"));
  const [stats, graph] = await Promise.all([fm.get("/api/stats"), fm.get("/api/graph")]);
  document.getElementById("stats").textContent = `${stats.documents} documents · ${stats.facts} facts`;
  state.graph = graph;
  const svg = document.getElementById("network");
  state.pos = layout(graph.nodes, graph.edges, svg.clientWidth || 900, svg.clientHeight || 600);
  checkboxes("relations", new Set(graph.edges.map(e => e.relation)), state.relations);
  checkboxes("certainties", new Set(graph.edges.map(e => e.certainty)), state.certainties);
  const docs = document.getElementById("docfilter");
  for (const d of graph.documents) { const o = fm.el("option", d.title || d.name); o.value = String(d.id); docs.append(o); }
  docs.addEventListener("change", () => { state.doc = docs.value ? Number(docs.value) : null; draw(); });
  state.months = months(graph.edges);
  const slider = document.getElementById("slider");
  slider.max = String(Math.max(0, state.months.length - 1));
  slider.value = slider.max;
  slider.addEventListener("input", () => setMonth(Number(slider.value)));
  let timer = null;
  document.getElementById("play").addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; return; }
    timer = setInterval(() => {
      const next = (Number(slider.value) + 1) % state.months.length;
      slider.value = String(next); setMonth(next);
    }, 400);
  });
  const results = document.getElementById("results");
  const entities = await fm.get("/api/entities");
  document.getElementById("search").addEventListener("input", ev => {
    const q = ev.target.value.toLowerCase(); results.replaceChildren();
    if (!q) return;
    for (const e of entities.filter(e => e.name.toLowerCase().includes(q)).slice(0, 20)) {
      const li = fm.el("li"); li.append(fm.link("/entity/" + e.id, e.name), fm.el("span", " " + e.type, "type")); results.append(li);
    }
  });
  const exp = document.getElementById("exports");
  for (const f of ["jsonl", "csv", "graphml", "gexf", "jsonld", "cypher"]) { exp.append(fm.link("/api/export/" + f, f), " "); }
  await setMonth(Number(slider.value));
  document.body.dataset.ready = "1";
}
main();
