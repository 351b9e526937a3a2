"""The FastAPI app factory: one Analyst per app, routes per resource, errors mapped to 4xx.

``create_app(graph=...)`` serves a graph you already hold (tests pass an
in-memory one); ``create_app(db=...)`` opens the store at start-up and closes
it at shutdown; ``serve_app()`` is the factory uvicorn's worker processes import
(``chipmap serve`` with several workers), reading the settings from the environment.
Answers are cached per graph version with ETags (chipmap.server.cache). The API is
read-only except endpoints guarded by the bearer token in ``settings.api_token``;
browsers on other origins are refused (no CORS headers) unless ``cors_origins`` lists them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from chipmap.analyze.ports import GraphPort, close_graph
from chipmap.analyze.service import Analyst
from chipmap.config import Settings, get_settings
from chipmap.server import errors, pages
from chipmap.server.cache import AnswerCache, VersionWatch
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
        app.state.watch = _watch(held, app.state.analyst, settings)
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
        app.state.watch = _watch(graph, app.state.analyst, settings)
    else:
        app.state.watch = None
    app.state.templates = pages.templates
    errors.install(app)
    for module in (entities, clusters, projects, reports, network, search, articles, export, review, admin):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"],
                           allow_headers=["If-None-Match"], expose_headers=["ETag"])
    app.add_middleware(AnswerCache, watch=lambda: getattr(app.state, "watch", None),
                       max_entries=settings.serve_cache_entries)
    return app


def _watch(graph: GraphPort, analyst: Analyst, settings: Settings) -> VersionWatch | None:
    """Follows the graph's version stamp (graphs not in a chipmap store have none: no cache)."""
    database = getattr(graph, "database", None)
    if database is None:
        return None
    from chipmap.store.state import graph_version

    return VersionWatch(read=lambda: graph_version(database), check_seconds=settings.serve_version_seconds,
                        on_change=analyst.refresh)


def serve_app() -> FastAPI:
    """The app over the database named by the settings (``CHIPMAP_DB``): the factory each
    worker process of ``chipmap serve --workers N`` imports."""
    return create_app()
