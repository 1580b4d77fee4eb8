"""The web app: a JSON API over the store and one page that lists entities and draws the network.

Binds to 127.0.0.1 by default; every error is one JSON shape ``{"error": {"status", "message"}}``;
writes (none yet in this first page) need the token printed at start-up.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from factionmap.store import Store

STATIC = resources.files("factionmap.web").joinpath("static")
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


def create_app(db: str, token: str | None = None) -> FastAPI:
    """Build the app over the database file ``db``."""
    app = FastAPI(title="factionmap", version="0.1.0")
    app.state.db = db
    app.state.token = token or secrets.token_urlsafe(24)

    def store() -> Store:
        return Store(app.state.db)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": {"status": exc.status_code, "message": str(exc.detail)}},
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def any_error(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse({"error": {"status": 500, "message": "internal error"}}, status_code=500)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return HTMLResponse(STATIC.joinpath("index.html").read_text(encoding="utf-8"),
                            headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'"})

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        item = STATIC.joinpath(name)
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if "/" in name or ".." in name or suffix not in TYPES or not item.is_file():
            raise HTTPException(404, f"no static file {name!r}")
        return Response(item.read_bytes(), media_type=TYPES[suffix])

    @app.get("/api/stats")
    def stats() -> dict[str, Any]:
        return store().stats()

    @app.get("/api/entities")
    def entities(limit: int = 2000) -> list[dict[str, Any]]:
        return store().entities(limit)

    @app.get("/api/graph")
    def graph() -> dict[str, Any]:
        return store().graph()

    @app.get("/api/entities/{entity_id}")
    def entity(entity_id: int) -> dict[str, Any]:
        found = store().entity(entity_id)
        if found is None:
            raise HTTPException(404, f"no entity with id {entity_id}")
        return found

    return app


def run_server(db: str, host: str = "127.0.0.1", port: int = 8000,
               echo: Callable[[str], None] = print) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db)
    echo(f"factionmap serving {db} on http://{host}:{port}/  (write token: {app.state.token})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
