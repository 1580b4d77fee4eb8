// The review queue, least confident first (the server's order): accept / reject / edit in place, with keyboard
// shortcuts; writes send the token.
"use strict";
let rows = [], cur = 0;

function token() { return document.getElementById("token").value || sessionStorage.getItem("fm-token") || ""; }

async function decide(i, decision, changes) {
  const f = rows[i]; if (!f) return;
  sessionStorage.setItem("fm-token", token());
  const r = await fetch(`/api/facts/${encodeURIComponent(f.key)}/review`, {
    method: "POST", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token() },
    body: JSON.stringify({ decision, changes: changes || null }),
  });
  const status = document.getElementById("status");
  if (!r.ok) { const body = await r.json(); status.textContent = body.error.message; return; }
  const done = await r.json();
  status.textContent = `${decision} ${f.subject} ${f.phrase || f.relation} ${f.object || f.value || ""}`;
  const tr = document.querySelectorAll("#queue tr[data-key]")[i];
  tr.dataset.status = done.status; tr.querySelector(".status").textContent = done.status;
}

function select(i) {
  cur = Math.max(0, Math.min(rows.length - 1, i));
  document.querySelectorAll("#queue tr[data-key]").forEach((tr, j) => tr.classList.toggle("current", j === cur));
}

async function main() {
  const saved = sessionStorage.getItem("fm-token"); if (saved) document.getElementById("token").value = saved;
  rows = await fm.get("/api/review?status=machine&limit=200");
  const table = document.getElementById("queue");
  const head = fm.el("tr"); for (const h of ["fact", "date", "certainty", "confidence", "produced by", "evidence", "status", ""]) head.append(fm.el("th", h)); table.append(head);
  rows.forEach((f, i) => {
    const tr = fm.el("tr"); tr.dataset.key = f.key;
    const actions = fm.el("td");
    for (const [label, d] of [["accept", "accepted"], ["reject", "rejected"]]) {
      const b = fm.el("button", label); b.type = "button"; b.className = label; b.addEventListener("click", () => decide(i, d)); actions.append(b);
    }
    tr.append(fm.el("td", `${f.subject} ${f.phrase || f.relation} ${f.object || f.value || ""}`), fm.el("td", fm.when(f)), fm.el("td", f.certainty),
      fm.el("td", fm.confidence(f.confidence), "confidence"), fm.el("td", f.produced_by, "produced-by"), fm.el("td", f.evidence, "quote"), fm.el("td", f.status, "status"), actions);
    tr.addEventListener("click", () => select(i));
    table.append(tr);
  });
  select(0);
  document.addEventListener("keydown", ev => {
    if (ev.target.tagName === "INPUT") return;
    if (ev.key === "j") select(cur + 1);
    else if (ev.key === "k") select(cur - 1);
    else if (ev.key === "a") decide(cur, "accepted");
    else if (ev.key === "r") decide(cur, "rejected");
    else if (ev.key === "e") {
      const date = prompt("Date (EDTF)", rows[cur].date || ""); if (date === null) return;
      const certainty = prompt("Certainty", rows[cur].certainty); if (certainty === null) return;
      decide(cur, "edited", { date, certainty });
    }
  });
  document.body.dataset.ready = "1";
}
main();
