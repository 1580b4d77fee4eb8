// The API's reference, drawn from the app's own /openapi.json: no third-party asset, nothing from the network.
"use strict";
function typeOf(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter(t => t !== "null").join(" or ");
  return schema.type || "";
}

async function main() {
  const api = await fm.get("/openapi.json");
  document.getElementById("title").textContent = `${api.info.title} ${api.info.version} — API`;
  document.getElementById("description").textContent = api.info.description || "";
  const box = document.getElementById("endpoints");
  for (const [path, methods] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = fm.el("section", null, "endpoint");
      section.dataset.path = path; section.dataset.method = method.toUpperCase();
      const h = fm.el("h2"); h.append(fm.el("span", method.toUpperCase(), "method " + method), " ", fm.el("code", path));
      section.append(h);
      if (op.description || op.summary) section.append(fm.el("p", op.description || op.summary));
      const params = op.parameters || [];
      if (params.length) {
        const table = fm.el("table", null, "params");
        const head = fm.el("tr"); for (const c of ["parameter", "in", "type", "required", "default"]) head.append(fm.el("th", c));
        table.append(head);
        for (const p of params) {
          const tr = fm.el("tr");
          const dflt = p.schema && p.schema.default !== undefined ? JSON.stringify(p.schema.default) : "";
          for (const c of [p.name, p.in, typeOf(p.schema), p.required ? "yes" : "no", dflt]) tr.append(fm.el("td", c));
          table.append(tr);
        }
        section.append(table);
      }
      if (op.requestBody) {
        const schema = op.requestBody.content && op.requestBody.content["application/json"];
        section.append(fm.el("p", "JSON body: " + typeOf(schema && schema.schema)));
      }
      section.append(fm.el("p", "Answers: " + Object.keys(op.responses || {}).join(", "), "responses"));
      box.append(section);
    }
  }
  document.body.dataset.ready = "1";
}
main();
