"""The web app: a JSON API over ``factionmap.query`` and ``factionmap.curation``, and the pages.

Binds to 127.0.0.1 by default. Every error has one JSON shape ``{"error": {"status", "message"}}``;
unknown ids give 404, never a stack trace. Writes (review) need the token printed at start-up, sent
as ``Authorization: Bearer TOKEN`` (the page asks for it once and keeps it for the session).
Documents are sent as JSON and drawn with ``textContent``: their text is never parsed as HTML.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from factionmap import curation, query
from factionmap.errors import FactionmapError
from factionmap.export import WRITERS, export
from factionmap.store import Store

STATIC = resources.files("factionmap.web").joinpath("static")
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
# Cytoscape.js adds one fixed rule to the page (its container is position: relative); the hash allows exactly it.
CYTOSCAPE_RULE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_RULE}; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
VENDOR_HINT = "run `make install` (npm ci in web/, then copied into static/vendor)"
PAGES = ("index.html", "entity.html", "document.html", "review.html")


class ReviewIn(BaseModel):
    """A review decision sent by the page."""

    decision: str
    changes: dict[str, Any] | None = None
    reviewer: str | None = None


def _json(data: Any) -> Response:
    """A large JSON answer serialised once, straight from plain Python values (the map's whole network
    would spend most of its time in FastAPI's generic encoder otherwise)."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str),
                    media_type="application/json")


def create_app(db: str, token: str | None = None) -> FastAPI:
    """Build the app over the database file ``db``."""
    app = FastAPI(title="factionmap", version="0.1.0",
                  description="Time-aware knowledge graph of armed-group networks, every fact with its evidence.")
    app.state.db = db
    app.state.token = token or secrets.token_urlsafe(24)

    def store() -> Store:
        return Store(app.state.db)

    def run(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except query.UnknownEntity as exc:
            raise HTTPException(404, str(exc)) from None
        except FactionmapError as exc:
            raise HTTPException(400, str(exc)) from None

    def require_token(authorization: str | None) -> None:
        expected = f"Bearer {app.state.token}"
        if authorization is None or not secrets.compare_digest(authorization, expected):
            raise HTTPException(401, "this action needs the write token printed when the server started")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": {"status": exc.status_code, "message": str(exc.detail)}},
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def any_error(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse({"error": {"status": 500, "message": "internal error"}}, status_code=500)

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def page(name: str) -> HTMLResponse:
        return HTMLResponse(STATIC.joinpath(name).read_text(encoding="utf-8"))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return page("index.html")

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: int) -> HTMLResponse:
        return page("entity.html")

    @app.get("/document/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: int) -> HTMLResponse:
        return page("document.html")

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review_page() -> HTMLResponse:
        return page("review.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if "/" in name or ".." in name or suffix not in TYPES or not STATIC.joinpath(name).is_file():
            raise HTTPException(404, f"no static file {name!r}")
        return Response(STATIC.joinpath(name).read_bytes(), media_type=TYPES[suffix])

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        folder = STATIC.joinpath("vendor")
        if "/" in name or ".." in name or not name.endswith(".js"):
            raise HTTPException(404, f"no static file {name!r}")
        if not folder.joinpath(name).is_file():
            raise HTTPException(404, f"third-party asset {name!r} is not installed: {VENDOR_HINT}")
        return Response(folder.joinpath(name).read_bytes(), media_type="text/javascript",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/api/stats")
    def stats() -> dict[str, Any]:
        """Counts of documents, entities and facts."""
        return store().stats()

    @app.get("/api/entities")
    def entities(limit: int = 2000) -> list[dict[str, Any]]:
        """Entities, most connected first."""
        return store().entities(limit)

    @app.get("/api/graph", response_model=dict[str, Any])
    def graph() -> Response:
        """Every entity-to-entity fact, for the map."""
        return _json(store().graph())

    @app.get("/api/asof", response_model=dict[str, Any])
    def asof(date: str, around: str | None = None, depth: int = 1, undated: bool = False,
             min_confidence: float = 0.0) -> Response:
        """The network as it stood on DATE (the same answer as ``factionmap query asof``); facts the
        extractor is less than ``min_confidence`` sure of are left out."""
        s = store()
        grade = query.Grade(confidence=min_confidence) if min_confidence > 0 else None
        return _json(run(lambda: query.asof(s, date, around, depth, include_undated=undated, grade=grade)))

    @app.get("/api/entities/{entity_id}")
    def entity(entity_id: int) -> dict[str, Any]:
        """An entity's profile: names, identifiers, each text's name for it, every fact with evidence, leaders,
        membership, lineage. The id of an entity merged into another since gives that one's profile."""
        s = store()
        found = s.entity(entity_id)
        moved = s.redirect(entity_id) if found is None else None
        if moved is not None:
            found = s.entity(moved)
        if found is None:
            raise HTTPException(404, f"no entity with id {entity_id}")
        found["leaders"] = query.leaders(s, found["id"])["leaders"]
        found["members"] = query.members(s, found["id"])["members"]
        found["lineage"] = query.lineage(s, found["id"])["lineage"]
        return found

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: int) -> dict[str, Any]:
        """A document's text with its mentions and evidence spans (offsets into the text)."""
        s = store()
        row = s.conn.execute("SELECT id, name, title, source_url, published, reliability, credibility, text"
                             " FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id}")
        mentions = [dict(r) for r in s.conn.execute(
            'SELECT m.start, m."end", m.entity_id, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id'
            " WHERE m.doc_id = ? ORDER BY m.start", (doc_id,))]
        evidence = [dict(r) for r in s.conn.execute(
            'SELECT ev.start, ev."end", f.key, f.relation, f.certainty FROM evidence ev JOIN facts f'
            " ON f.id = ev.fact_id WHERE ev.doc_id = ? ORDER BY ev.start", (doc_id,))]
        return {**dict(row), "mentions": mentions, "evidence": evidence}

    @app.get("/api/review")
    def review_queue(status: str = "machine", limit: int = 100) -> list[dict[str, Any]]:
        """Facts waiting for review."""
        return curation.review_queue(store(), status, limit=limit)

    @app.post("/api/facts/{key}/review")
    def review(key: str, body: ReviewIn, authorization: str | None = Header(default=None)) -> dict[str, Any]:
        """Accept, reject or edit a fact (needs the write token)."""
        require_token(authorization)
        s = store()
        if s.conn.execute("SELECT 1 FROM facts WHERE key = ?", (key,)).fetchone() is None:
            raise HTTPException(404, f"no fact with key {key!r}")
        return run(lambda: curation.review(s, key, body.decision, body.changes, body.reviewer))

    @app.get("/api/figures/{kind}/{entity_id}.{fmt}")
    def figure_file(kind: str, entity_id: int, fmt: str) -> Response:
        """A report figure (timeline or members) of an entity, as SVG or PNG."""
        from factionmap.figures import FIGURES, render

        if kind not in FIGURES:
            raise HTTPException(404, f"unknown figure {kind!r}: one of {', '.join(FIGURES)}")
        if fmt not in ("svg", "png"):
            raise HTTPException(404, f"unknown figure format {fmt!r}: svg or png")
        data = run(lambda: render(store(), kind, entity_id, fmt))
        return Response(data, media_type="image/svg+xml" if fmt == "svg" else "image/png",
                        headers={"Content-Disposition": f'attachment; filename="{kind}-{entity_id}.{fmt}"'})

    @app.get("/api/export/{fmt}")
    def download(fmt: str) -> Response:
        """The knowledge base in one of the export formats, as a download."""
        if fmt not in WRITERS:
            raise HTTPException(404, f"unknown format {fmt!r}: one of {', '.join(sorted(WRITERS))}")
        import io

        buf = io.StringIO()
        export(store(), fmt, buf)
        suffix = {"csv-nodes": "nodes.csv", "csv-edges": "edges.csv"}.get(fmt, fmt)
        return Response(buf.getvalue(), media_type="application/octet-stream",
                        headers={"Content-Disposition": f'attachment; filename="factionmap.{suffix}"'})

    return app


def run_server(db: str, host: str = "127.0.0.1", port: int = 8000,
               echo: Callable[[str], None] = print) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db)
    echo(f"factionmap serving {db} on http://{host}:{port}/  (write token: {app.state.token})")
    if not STATIC.joinpath("vendor", "cytoscape.min.js").is_file():
        echo(f"warning: the map library (Cytoscape.js) is not installed, the map page cannot draw: {VENDOR_HINT}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
