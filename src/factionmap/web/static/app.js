// factionmap first page: entity list, a force-directed network, and a profile with evidence.
// All document text is inserted with textContent, never as HTML.
"use strict";
const svgNS = "http://www.w3.org/2000/svg";

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function showProfile(id) {
  const p = await getJSON("/api/entities/" + id);
  const box = document.getElementById("profile");
  box.replaceChildren();
  box.append(el("h2", p.name), el("p", p.type + (p.aliases.length ? " · also: " + p.aliases.join(", ") : "")));
  const table = el("table");
  const head = el("tr");
  ["subject", "relation", "object / value", "date", "certainty", "evidence"].forEach(h => head.append(el("th", h)));
  table.append(head);
  for (const f of p.facts) {
    const tr = el("tr");
    const when = f.date || [f.start, f.end].filter(Boolean).join(" – ");
    tr.append(el("td", f.subject), el("td", f.relation), el("td", f.object ?? f.value), el("td", when));
    const c = el("td"); c.append(el("span", f.certainty, "badge")); tr.append(c);
    tr.append(el("td", f.evidence.map(e => e.text + " [" + e.doc + "]").join(" | ")));
    table.append(tr);
  }
  box.append(table);
}

function drawNetwork(graph) {
  const svg = document.getElementById("network");
  const w = svg.clientWidth || 800, h = svg.clientHeight || 500;
  const nodes = graph.nodes.map((n, i) => ({...n, x: w / 2 + 200 * Math.cos(i), y: h / 2 + 200 * Math.sin(i), vx: 0, vy: 0}));
  const byId = new Map(nodes.map(n => [n.id, n]));
  const edges = graph.edges.filter(e => byId.has(e.source) && byId.has(e.target));
  for (let step = 0; step < 250; step++) {
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      const f = 400 / d2;
      a.vx += dx * f; a.vy += dy * f;
    }
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      a.vx += dx * 0.01; a.vy += dy * 0.01; b.vx -= dx * 0.01; b.vy -= dy * 0.01;
    }
    for (const n of nodes) {
      n.vx += (w / 2 - n.x) * 0.005; n.vy += (h / 2 - n.y) * 0.005;
      n.x += Math.max(-10, Math.min(10, n.vx)); n.y += Math.max(-10, Math.min(10, n.vy));
      n.vx *= 0.5; n.vy *= 0.5;
    }
  }
  svg.replaceChildren();
  for (const e of edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    const line = document.createElementNS(svgNS, "line");
    line.setAttribute("x1", a.x); line.setAttribute("y1", a.y); line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
    line.setAttribute("class", "edge " + e.certainty);
    const title = document.createElementNS(svgNS, "title");
    title.textContent = e.relation + (e.date ? " (" + e.date + ")" : "");
    line.append(title);
    svg.append(line);
  }
  for (const n of nodes) {
    const c = document.createElementNS(svgNS, "circle");
    c.setAttribute("cx", n.x); c.setAttribute("cy", n.y); c.setAttribute("r", 5);
    c.setAttribute("class", n.type); c.dataset.id = n.id;
    c.addEventListener("click", () => showProfile(n.id));
    const t = document.createElementNS(svgNS, "title"); t.textContent = n.name; c.append(t);
    const label = document.createElementNS(svgNS, "text");
    label.setAttribute("x", n.x + 6); label.setAttribute("y", n.y + 3); label.setAttribute("class", "label");
    label.textContent = n.name;
    svg.append(c, label);
  }
}

async function main() {
  const [stats, entities, graph] = await Promise.all([getJSON("/api/stats"), getJSON("/api/entities"), getJSON("/api/graph")]);
  document.getElementById("stats").textContent =
    stats.documents + " documents · " + stats.facts + " facts";
  const list = document.getElementById("entities");
  const render = (q) => {
    list.replaceChildren();
    for (const e of entities.filter(e => e.name.toLowerCase().includes(q.toLowerCase())).slice(0, 500)) {
      const li = el("li", e.name);
      li.append(el("span", e.type + " · " + e.facts, "type"));
      li.dataset.id = e.id;
      li.addEventListener("click", () => showProfile(e.id));
      list.append(li);
    }
  };
  document.getElementById("filter").addEventListener("input", ev => render(ev.target.value));
  render("");
  drawNetwork(graph);
}
main();
