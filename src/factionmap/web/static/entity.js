// A profile: names, leaders over time, a membership chart, lineage, and every relation with its evidence.
"use strict";
const svgNS = "http://www.w3.org/2000/svg";

function row(cells, tag = "td") { const tr = fm.el("tr"); for (const c of cells) { const td = fm.el(tag); td.append(c ?? ""); tr.append(td); } return tr; }

function chart(members) {
  const svg = document.getElementById("members");
  const pts = members.filter(m => typeof m.value === "number");
  if (!pts.length) { svg.replaceWith(fm.el("p", "No membership figures.")); return; }
  const w = 600, h = 160, max = Math.max(...pts.map(m => m.value_high || m.value));
  svg.setAttribute("viewBox", `0 -14 ${w} ${h + 44}`);
  const rect = (x, y, bw, bh, cls) => {
    const r = document.createElementNS(svgNS, "rect");
    r.setAttribute("x", x); r.setAttribute("y", y); r.setAttribute("width", bw); r.setAttribute("height", bh);
    r.setAttribute("class", cls);
    return r;
  };
  const text = (x, y, cls, content) => {
    const t = document.createElementNS(svgNS, "text");
    t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("class", cls); t.textContent = content;
    return t;
  };
  pts.forEach((m, i) => {
    // one figure is a bar, not the whole width; a range's upper bound is drawn lighter behind its lower one
    const x = 20 + i * ((w - 40) / pts.length), bw = Math.min(80, Math.max(8, (w - 40) / pts.length - 10));
    const bh = (m.value / max) * h, top = ((m.value_high || m.value) / max) * h;
    const figure = `${m.value.toLocaleString("en")}${m.value_high ? "–" + m.value_high.toLocaleString("en") : ""}`;
    if (m.value_high) svg.append(rect(x, h - top, bw, top, "range"));
    const r = rect(x, h - bh, bw, bh, "bar " + m.certainty);
    const t = document.createElementNS(svgNS, "title"); t.textContent = `${figure} (${m.certainty})`; r.append(t);
    svg.append(r, text(x, h - top - 3, "axis value", figure), text(x, h + 15, "axis", fm.when(m)));
  });
}

function confidence(f) {
  // the fact's confidence, two decimals; what produced it (a model, a rule, an analyst) on hover
  const span = fm.el("span", fm.confidence(f.confidence), "confidence");
  if (f.produced_by) span.title = f.produced_by;
  return span;
}

function tree(items, into) {
  for (const n of items) {
    const li = fm.el("li", n.kind + ": ");
    li.append(fm.link("/entity/" + n.entity.id, n.entity.name));
    if (n.when_text) li.append(" (" + n.when_text + ")");
    li.append(" ", fm.badge(n.certainty));
    if (n.children && n.children.length) { const ul = fm.el("ul"); tree(n.children, ul); li.append(ul); }
    into.append(li);
  }
}

async function main() {
  const id = location.pathname.split("/").pop();
  let p;
  try { p = await fm.get("/api/entities/" + encodeURIComponent(id)); }
  catch (e) { document.getElementById("name").textContent = "No such entity"; return; }
  document.title = p.name + " — factionmap";
  document.getElementById("name").textContent = p.name;
  document.getElementById("onmap").href = "/?focus=" + p.id;
  const founded = p.facts.filter(f => f.relation === "founded_on").map(fm.when).join(", ");
  const ended = p.lifecycle.map(e => e.ended_text + (e.certainty === "asserted" ? "" : " (" + e.certainty + ")")).join(", ");
  document.getElementById("meta").textContent = p.type + (p.aliases.length ? " · also: " + p.aliases.join(", ") : "") + (founded ? " · founded " + founded : "") + (ended ? " · " + ended : "");
  const ids = document.getElementById("ids");
  for (const i of p.ids) {
    const [scheme, value] = [i.slice(0, i.indexOf(":")), i.slice(i.indexOf(":") + 1)];
    ids.append(fm.el("li", (scheme === "un" ? "UN sanctions list: " : scheme === "wikidata" ? "Wikidata: " : scheme + ": ") + value));
  }
  const periods = document.getElementById("periods");
  for (const n of p.names_over_time) {
    periods.append(fm.el("li", "“" + n.name + "” — " + n.text + " (" + (n.doc || "analyst") + ")"));
  }
  document.getElementById("periods-head").hidden = !p.names_over_time.length;
  const names = document.getElementById("sources");
  for (const s of p.sources) {
    const item = fm.el("li");
    item.append(s.doc_id ? fm.link("/document/" + s.doc_id, s.doc) : "analyst", ": “" + s.name + "”",
      s.joined_by ? " — joined by “" + s.joined_by + "”" : " — the first text to name it");
    names.append(item);
  }
  const leaders = document.getElementById("leaders");
  leaders.append(row(["leader", "role", "stated for", "held", "ended by", "certainty"], "th"));
  for (const l of p.leaders) leaders.append(row([fm.link("/entity/" + l.subject_id, l.subject), l.value, l.when_text, l.holds_text,
    l.ended_by ? l.ended_by.text : "", fm.badge(l.certainty)]));
  chart(p.members);
  const figs = document.getElementById("figures");
  figs.append("timeline ", fm.link(`/api/figures/timeline/${p.id}.svg`, "SVG"), " ", fm.link(`/api/figures/timeline/${p.id}.png`, "PNG"));
  if (p.members.length) figs.append(" · membership ", fm.link(`/api/figures/members/${p.id}.svg`, "SVG"), " ", fm.link(`/api/figures/members/${p.id}.png`, "PNG"));
  tree(p.lineage, document.getElementById("lineage"));
  const facts = document.getElementById("facts");
  facts.append(row(["relation", "other side", "date", "certainty", "confidence", "evidence"], "th"));
  for (const f of p.facts) {
    const otherId = f.subject_id === p.id ? f.object_id : f.subject_id;
    const other = f.subject_id === p.id ? (f.object ?? f.value) : f.subject;
    const ev = fm.el("div");
    for (const e of f.evidence) { const q = fm.el("p", e.text, "quote"); q.append(" ", fm.link(`/document/${e.doc_id}#${e.start}-${e.end}`, e.doc)); ev.append(q); }
    // the relation read from this entity: "was killed by" on the victim's page, "killed" on the killer's
    const tr = row([f.subject_id === p.id ? f.phrase : f.phrase_back, otherId ? fm.link("/entity/" + otherId, other) : String(other ?? ""), fm.when(f), fm.badge(f.certainty),
      confidence(f), ev]);
    tr.dataset.key = f.id; facts.append(tr);
  }
  document.body.dataset.ready = "1";
}
main();
