"""The FastAPI app factory: one Analyst per app, routes per resource, errors mapped to 4xx.

``create_app(graph=...)`` serves a graph you already hold (tests pass an
in-memory one); ``create_app(db=...)`` opens the store at start-up and closes
it at shutdown. The API is read-only except endpoints guarded by the bearer
token in ``settings.api_token``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from chipmap.analyze.ports import GraphPort, close_graph
from chipmap.analyze.service import Analyst
from chipmap.config import Settings, get_settings
from chipmap.server import errors, pages
from chipmap.server.routes import (
    admin,
    articles,
    clusters,
    entities,
    export,
    network,
    projects,
    reports,
    review,
    search,
)

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """
Questions cluster builders ask of chipmap's knowledge graph of China's IC clusters:
which segments a cluster covers and with which firms (`/clusters/{name}`), what it
lacks and whom to attract (`/clusters/{name}/gaps`), where a firm fits best
(`/locate`), clusters side by side (`/compare`), what happened when
(`/clusters/{name}/timeline`), which projects it signed, started and switched on
(`/clusters/{name}/projects`), and how two entities are connected (`/path`).
Every fact links to the sentences that support it (`/relations/{id}/evidence`).
Pairs of entities resolution was unsure of wait for review (`/review`).
Names may be ids (`place:shaoxing`), names or aliases; unknown names answer 404
with suggestions. Lists take `limit` and `offset`.
"""


def create_app(graph: GraphPort | None = None, *, db: str | None = None,
               settings: Settings | None = None) -> FastAPI:
    """The API and dashboard over ``graph``, or over the database ``db`` (default: settings)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if graph is not None:  # the caller owns it and closes it
            yield
            return
        from chipmap.store import open_graph

        held = open_graph(db or settings.db)
        app.state.analyst = Analyst(held)
        try:
            yield
        finally:
            close_graph(held)

    app = FastAPI(title="chipmap", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  openapi_url="/api/v1/openapi.json", docs_url="/api/docs", redoc_url=None)
    app.state.settings = settings
    if graph is not None:
        # Set now, not at start-up, so clients that skip the lifespan (schemathesis) work too.
        app.state.analyst = Analyst(graph)
    app.state.templates = pages.templates
    errors.install(app)
    for module in (entities, clusters, projects, reports, network, search, articles, export, review, admin):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
