// Shared helpers. Every piece of document text goes through textContent, never innerHTML.
"use strict";
const fm = {
  async get(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  },
  el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  },
  link(href, text) { const a = fm.el("a", text); a.href = href; return a; },
  // the date as a person reads it ("autumn 2016"), which the server writes next to the EDTF it keeps
  when(f) { return f.when_text ?? (f.date || [f.start, f.end].filter(Boolean).join(" – ") || ""); },
  badge(c) { return fm.el("span", c, "badge " + c); },
  confidence(c) { return typeof c === "number" ? c.toFixed(2) : ""; },
};
