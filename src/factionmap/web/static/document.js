// A document with its mentions and evidence highlighted; #START-END marks and scrolls to a span. A large
// document is read a page at a time (the API sends the characters asked for and the spans over them), so a
// 20 MB text never lands in the page at once.
"use strict";
const PAGE = 100000;  // characters per page

function render(d, target) {
  const box = document.getElementById("text");
  box.replaceChildren();
  const base = d.start, text = d.text, cuts = new Set([0, text.length]);
  const spans = [...d.evidence.map(e => ({ ...e, kind: "evidence" })), ...d.mentions.map(x => ({ ...x, kind: "mention" }))];
  if (target) spans.push({ start: target[0], end: target[1], kind: "target" });
  const local = spans.map(s => ({ ...s, a: Math.max(0, s.start - base), b: Math.min(text.length, s.end - base) })).filter(s => s.a < s.b);
  for (const s of local) { cuts.add(s.a); cuts.add(s.b); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  let first = null, j = 0;
  local.sort((x, y) => x.a - y.a);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    while (j < local.length && local[j].b <= a) j++;  // spans wholly before this piece are done
    const cover = [];
    for (let k = j; k < local.length && local[k].a <= a; k++) if (local[k].b >= b) cover.push(local[k]);
    if (!cover.length) { frag.append(document.createTextNode(piece)); continue; }
    const span = fm.el("span", piece, cover.map(s => s.kind + (s.type ? " " + s.type : "")).join(" "));
    if (cover.some(s => s.kind === "target")) { span.classList.add("target"); first = first || span; }
    frag.append(span);
  }
  box.append(frag);
  box.dataset.start = String(d.start); box.dataset.end = String(d.end);
  const pager = document.getElementById("pager");
  pager.hidden = d.start === 0 && d.end >= d.length;
  document.getElementById("where").textContent =
    `characters ${d.start.toLocaleString("en")}–${d.end.toLocaleString("en")} of ${d.length.toLocaleString("en")}`;
  document.getElementById("prev").disabled = d.start === 0;
  document.getElementById("next").disabled = d.end >= d.length;
  if (first) first.scrollIntoView({ block: "center" });
}

async function load(id, start, size, target) {
  return fm.get(`/api/documents/${encodeURIComponent(id)}?start=${start}&size=${size}`).then(d => { render(d, target); return d; });
}

async function main() {
  const id = location.pathname.split("/").pop();
  const m = /^#(\d+)-(\d+)$/.exec(location.hash);
  const target = m ? [Number(m[1]), Number(m[2])] : null;
  const start = target ? Math.floor(target[0] / PAGE) * PAGE : 0;
  let d;
  try { d = await load(id, start, target ? Math.max(PAGE, target[1] - start) : PAGE, target); }
  catch (e) { document.getElementById("name").textContent = "No such document"; return; }
  document.getElementById("name").textContent = d.title || d.name;
  const published = d.published_by ? "published " + (d.published_text || d.published) : "publication date unknown";
  document.getElementById("meta").textContent = [d.name, published, d.source_url, (d.reliability || "") + (d.credibility || "")].filter(Boolean).join(" · ");
  let at = d;
  document.getElementById("prev").addEventListener("click", async () => { at = await load(id, Math.max(0, at.start - PAGE), PAGE, target); window.scrollTo(0, 0); });
  document.getElementById("next").addEventListener("click", async () => { at = await load(id, at.end, PAGE, target); window.scrollTo(0, 0); });
  document.body.dataset.ready = "1";
}
main();
