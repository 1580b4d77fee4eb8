// A document with its mentions and evidence highlighted; #START-END marks and scrolls to a span.
"use strict";
async function main() {
  const id = location.pathname.split("/").pop();
  let d;
  try { d = await fm.get("/api/documents/" + encodeURIComponent(id)); }
  catch (e) { document.getElementById("name").textContent = "No such document"; return; }
  document.getElementById("name").textContent = d.title || d.name;
  const published = d.published_by ? "published " + (d.published_text || d.published) : "publication date unknown";
  document.getElementById("meta").textContent = [d.name, published, d.source_url, (d.reliability || "") + (d.credibility || "")].filter(Boolean).join(" · ");
  const m = /^#(\d+)-(\d+)$/.exec(location.hash);
  const target = m ? [Number(m[1]), Number(m[2])] : null;
  const cuts = new Set([0, d.text.length]);
  const spans = [...d.evidence.map(e => ({ ...e, kind: "evidence" })), ...d.mentions.map(x => ({ ...x, kind: "mention" }))];
  if (target) spans.push({ start: target[0], end: target[1], kind: "target" });
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter(x => x >= 0 && x <= d.text.length).sort((a, b) => a - b);
  const box = document.getElementById("text");
  let first = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = d.text.slice(a, b);
    const cover = spans.filter(s => s.start <= a && b <= s.end);
    if (!cover.length) { box.append(document.createTextNode(piece)); continue; }
    const span = fm.el("span", piece, cover.map(s => s.kind + (s.type ? " " + s.type : "")).join(" "));
    if (cover.some(s => s.kind === "target")) { span.classList.add("target"); first = first || span; }
    box.append(span);
  }
  if (first) first.scrollIntoView({ block: "center" });
  document.body.dataset.ready = "1";
}
main();
