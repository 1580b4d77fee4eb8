"""The web app: a JSON API over ``factionmap.query`` and ``factionmap.curation``, and the pages.

Binds to 127.0.0.1 by default. Every error has one JSON shape ``{"error": {"status", "message"}}``;
unknown ids give 404, never a stack trace. Writes (review) need the token printed at start-up, sent
as ``Authorization: Bearer TOKEN`` (the page asks for it once and keeps it for the session).
Documents are sent as JSON and drawn with ``textContent``: their text is never parsed as HTML.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from factionmap import api
from factionmap.api import WRITERS, FactionmapError, Store, export

STATIC = resources.files("factionmap.web").joinpath("static")
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
# Cytoscape.js adds one fixed rule to the page (its container is position: relative); the hash allows exactly it.
CYTOSCAPE_RULE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (
    f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_RULE}; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
VENDOR_HINT = "run `make install` (npm ci in web/, then copied into static/vendor)"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NEEDS_TOKEN = "this action needs the write token printed when the server started"


def invalid_request(errors: Any) -> str:
    """One line naming what is wrong with a request, from the validator's error list.

    >>> invalid_request([{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error"}])
    'the request body is not valid JSON'
    >>> invalid_request([{"type": "string_type", "loc": ("body", "decision"), "msg": "Input should be a valid string"}])
    'body field decision: input should be a valid string'
    >>> invalid_request([{"type": "missing", "loc": ("body", "decision"), "msg": "Field required"}])
    'body field decision: field required'
    >>> invalid_request([{"type": "int_parsing", "loc": ("query", "limit"), "msg": "Input should be a valid integer"}])
    'query parameter limit: input should be a valid integer'
    """
    first = dict(list(errors)[0]) if errors else {}
    if first.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    where, *path = [str(p) for p in first.get("loc", ())] or ["request"]
    place = {"body": "body field", "query": "query parameter", "path": "path parameter"}.get(where, where)
    name = ".".join(path)
    msg = str(first.get("msg", "is not valid"))
    msg = msg[:1].lower() + msg[1:]
    return f"{place} {name}: {msg}" if name else f"the request body: {msg}"


class ReviewIn(BaseModel):
    """A review decision sent by the page."""

    decision: str
    changes: dict[str, Any] | None = None
    reviewer: str | None = None


def _json(data: Any) -> Response:
    """A large JSON answer serialised once, straight from plain Python values (the map's whole network
    would spend most of its time in FastAPI's generic encoder otherwise)."""
    return Response(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str), media_type="application/json"
    )


LAID_OUT = 1000  # a network of more names comes with its layout (computed once); the page lays out smaller ones


def _file_version(db: str) -> tuple[int, ...]:
    """The state of a database file and its write-ahead log (modification time and size of each): two equal
    versions mean nothing was written in between.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.db")
    >>> _file_version(path)
    (0, 0, 0, 0)
    >>> open(path, "w").write("x")
    1
    >>> _file_version(path)[1]
    1
    """
    out: list[int] = []
    for path in (db, db + "-wal"):
        try:
            st = os.stat(path)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


def create_app(db: str, token: str | None = None, laid_out: int = LAID_OUT) -> FastAPI:
    """Build the app over the database file ``db``; a network of more than ``laid_out`` entities comes to the
    map laid out."""
    # /docs is the app's own page over /openapi.json (FastAPI's would load Swagger UI from a CDN, which
    # the content-security policy and an offline machine both refuse)
    app = FastAPI(
        title="factionmap",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        description="Time-aware knowledge graph of armed-group networks, every fact with its evidence.",
    )
    app.state.db = db
    app.state.token = token or secrets.token_urlsafe(24)

    def store() -> Store:
        return api.open_kb(app.state.db)

    answers: dict[str, tuple[tuple[int, ...], Response]] = {}
    computing = threading.Lock()

    def cached(name: str, answer: Callable[[], Any]) -> Response:
        """A whole-network answer (the map's network and the days its facts hold), computed once for each state
        of the database file: any write changes the file or its write-ahead log, and the answer is computed
        again."""
        with computing:  # one computation at a time: a request that comes meanwhile waits for it, not redoes it
            version = _file_version(app.state.db)
            hit = answers.get(name)
            if hit is None or hit[0] != version:
                hit = answers[name] = (version, _json(answer()))
        return Response(hit[1].body, media_type="application/json")

    def run(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except api.UnknownEntity as exc:
            raise HTTPException(404, str(exc)) from None
        except FactionmapError as exc:
            raise HTTPException(400, str(exc)) from None

    def _token_ok(authorization: str | None) -> bool:
        expected = f"Bearer {app.state.token}"
        return authorization is not None and secrets.compare_digest(authorization.encode(), expected.encode())

    def require_token(authorization: str | None) -> None:
        if not _token_ok(authorization):
            raise HTTPException(401, NEEDS_TOKEN)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": {"status": exc.status_code, "message": str(exc.detail)}}, status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": {"status": 422, "message": invalid_request(exc.errors())}}, status_code=422)

    @app.exception_handler(Exception)
    async def any_error(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse({"error": {"status": 500, "message": "internal error"}}, status_code=500)

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        # every write needs the token, checked before routing, so a write without it is 401 whatever its body
        if request.method not in READ_METHODS and not _token_ok(request.headers.get("authorization")):
            response: Response = JSONResponse({"error": {"status": 401, "message": NEEDS_TOKEN}}, status_code=401)
        else:
            response = await call_next(request)
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

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return page("docs.html")

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
        return Response(
            folder.joinpath(name).read_bytes(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/api/stats")
    def stats() -> dict[str, Any]:
        """Counts of documents, entities and facts."""
        return store().stats()

    @app.get("/api/entities")
    def entities(limit: int = 2000) -> list[dict[str, Any]]:
        """Entities, most connected first."""
        return store().entities(limit)

    def network() -> dict[str, Any]:
        graph = store().graph()
        if len(graph["nodes"]) > laid_out:
            # a large network comes laid out: the page draws at once instead of laying it out first
            ids = [n["id"] for n in graph["nodes"]]
            laid = api.map_layout(ids, [(e["source"], e["target"]) for e in graph["edges"]])
            graph["positions"] = {str(k): v for k, v in laid.items()}
        return graph

    @app.get("/api/graph", response_model=dict[str, Any])
    def graph() -> Response:
        """Every entity-to-entity fact, for the map; a large network (over 1,000 entities) comes with its
        layout (``positions``: entity id → [x, y])."""
        return cached("graph", network)

    @app.get("/api/asof", response_model=dict[str, Any])
    def asof(
        date: str,
        around: str | None = None,
        depth: int = 1,
        undated: bool = False,
        min_confidence: float = 0.0,
        known_by: str | None = None,
    ) -> Response:
        """The network as it stood on DATE (the same answer as ``factionmap query asof``); facts the
        extractor is less than ``min_confidence`` sure of are left out; ``known_by`` keeps what documents
        published by then state. Each fact carries ``phrase`` (its relation read from subject to object)
        and ``when_text`` (its date in words) next to its EDTF and certainty."""
        s = store()
        grade = api.Grade(confidence=min_confidence) if min_confidence > 0 else None
        return _json(
            run(lambda: api.asof(s, date, around, depth, include_undated=undated, grade=grade, known_by=known_by))
        )

    @app.get("/api/held", response_model=dict[str, Any])
    def held(date: str, min_confidence: float = 0.0) -> Response:
        """The keys of the entity-to-entity facts that held on DATE (the facts of ``/api/asof`` that join two
        entities, keys only): what the map asks at each step of its time slider."""
        s = store()
        grade = api.Grade(confidence=min_confidence) if min_confidence > 0 else None
        facts = run(lambda: api.asof(s, date, grade=grade))["facts"]
        return _json({"date": date, "keys": [f["key"] for f in facts if f["object_id"] is not None]})

    @app.get("/api/holds", response_model=dict[str, Any])
    def holds() -> Response:
        """Every entity-to-entity fact that holds at some time, by key: ``[first day, last day]`` (null: open)
        of the days over which ``/api/asof`` gives it. A fact held at some time in a date or range exactly
        when its days meet the range's, so the map's year range is answered in the browser from this one
        answer, with no request per step."""
        return cached("holds", lambda: {"holds": run(lambda: api.holding_intervals(store()))})

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
        found["leaders"] = api.leaders(s, found["id"])["leaders"]
        found["members"] = api.members(s, found["id"])["members"]
        found["lineage"] = api.lineage(s, found["id"])["lineage"]
        return found

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: int, start: int = 0, size: int | None = None) -> Response:
        """A document's text with its mentions and evidence spans (offsets into the whole text).

        With ``size``, only the characters ``start`` to ``start + size`` are sent, with the spans that
        overlap them, and ``length`` gives the whole text's length: the page reads a large document a
        piece at a time."""
        if start < 0 or (size is not None and size < 1):
            raise HTTPException(400, "start must be 0 or more and size 1 or more")
        found = api.document(store(), doc_id, start, size)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id}")
        return _json(found)

    @app.get("/api/names")
    def names() -> Response:
        """Every entity with its names and aliases and its number of facts, for the map's search."""
        return _json(store().names())

    @app.get("/api/evidence")
    def edge_evidence() -> Response:
        """The first evidence span of every entity-to-entity fact, by fact key: the map's data tab."""
        return _json(store().edge_evidence())

    @app.get("/api/review")
    def review_queue(status: str = "machine", limit: int = 100) -> list[dict[str, Any]]:
        """Facts waiting for review."""
        return api.review_queue(store(), status, limit=limit)

    @app.post("/api/facts/{key}/review")
    def review(key: str, body: ReviewIn, authorization: str | None = Header(default=None)) -> dict[str, Any]:
        """Accept, reject or edit a fact (needs the write token)."""
        require_token(authorization)
        s = store()
        if not api.has_fact(s, key):
            raise HTTPException(404, f"no fact with key {key!r}")
        return run(lambda: api.review(s, key, body.decision, body.changes, body.reviewer))

    @app.get("/api/figures/{kind}/{entity_id}.{fmt}")
    def figure_file(kind: str, entity_id: int, fmt: str) -> Response:
        """A report figure (timeline or members) of an entity, as SVG or PNG."""
        if kind not in api.FIGURES:
            raise HTTPException(404, f"unknown figure {kind!r}: one of {', '.join(api.FIGURES)}")
        if fmt not in ("svg", "png"):
            raise HTTPException(404, f"unknown figure format {fmt!r}: svg or png")
        data = run(lambda: api.render(store(), kind, entity_id, fmt))
        return Response(
            data,
            media_type="image/svg+xml" if fmt == "svg" else "image/png",
            headers={"Content-Disposition": f'attachment; filename="{kind}-{entity_id}.{fmt}"'},
        )

    @app.get("/api/export/{fmt}")
    def download(fmt: str) -> Response:
        """The knowledge base in one of the export formats, as a download."""
        if fmt not in WRITERS:
            raise HTTPException(404, f"unknown format {fmt!r}: one of {', '.join(sorted(WRITERS))}")
        import io

        buf = io.StringIO()
        export(store(), fmt, buf)
        suffix = {"csv-nodes": "nodes.csv", "csv-edges": "edges.csv"}.get(fmt, fmt)
        return Response(
            buf.getvalue(),
            media_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="factionmap.{suffix}"'},
        )

    def warm() -> None:
        # the map's whole-network answers computed as the app starts, so a first visit finds them ready
        if not os.path.isfile(app.state.db):
            return
        try:
            graph()
            holds()
        except Exception:  # noqa: BLE001 — a failure here shows again, to the page, when it asks
            pass

    threading.Thread(target=warm, name="factionmap-warm", daemon=True).start()
    return app


def run_server(db: str, host: str = "127.0.0.1", port: int = 8000, echo: Callable[[str], None] = print) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db)
    echo(f"factionmap serving {db} on http://{host}:{port}/  (write token: {app.state.token})")
    if not STATIC.joinpath("vendor", "cytoscape.min.js").is_file():
        echo(f"warning: the map library (Cytoscape.js) is not installed, the map page cannot draw: {VENDOR_HINT}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
