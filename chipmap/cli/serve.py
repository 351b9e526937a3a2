"""``chipmap serve`` and ``chipmap demo``: the dashboard and REST API over a graph."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from chipmap.cli.common import TOY_DB, DbOption, cli_errors, open_for_reading, out, print_json

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


def _run(app: object, host: str, port: int, *, workers: int = 1) -> None:
    """Serve until SIGINT/SIGTERM; in-flight requests are answered before the server stops."""
    import uvicorn

    out.print(f"chipmap dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)",
              highlight=False)
    common: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "timeout_graceful_shutdown": 30}
    if workers > 1:
        # uvicorn kills a worker that misses its health check (default 5 s); a worker reading a large
        # graph for its first answer can be that busy, so give it a minute.
        common["timeout_worker_healthcheck"] = 60
    if workers > 1:
        uvicorn.run("chipmap.server.app:serve_app", factory=True, workers=workers, **common)
    else:
        uvicorn.run(app, **common)  # type: ignore[arg-type]


def serve(host: Host = "127.0.0.1", port: Port = 8000,
          db: DbOption = None,
          workers: Annotated[int, typer.Option(
              min=0, help="Worker processes (default: CHIPMAP_SERVE_WORKERS, else one per CPU core).")] = 0,
          as_json: Annotated[bool, typer.Option("--json", help="Print the address as JSON before serving.")] = False,
          ) -> None:
    """Serve the web dashboard and the read-only REST API.

    Example: chipmap serve --db sqlite:///chipmap.db --port 8000 --workers 4

    Several worker processes share the port; each reads the graph itself and follows
    new builds on its own (answers are cached per graph version). SIGTERM lets
    in-flight requests finish before the server exits.
    """
    from chipmap.config import get_settings
    from chipmap.server import create_app

    settings = get_settings()
    with cli_errors():
        graph = open_for_reading(db, settings)
    count = workers or settings.serve_workers or os.cpu_count() or 1
    if db == TOY_DB:
        count = 1  # an in-memory graph lives in this process only
    try:
        if as_json:
            print_json({"url": f"http://{host}:{port}/", "db": graph.url, "workers": count})
        if count > 1:
            url = graph.database.engine.url.render_as_string(hide_password=False)
            graph.close()
            os.environ["CHIPMAP_DB"] = url  # what each worker's serve_app() opens
            _run(None, host, port, workers=count)
        else:
            _run(create_app(graph, settings=settings), host, port)
    finally:
        graph.close()


def demo(host: Host = "127.0.0.1", port: Port = 8000,
         db: Annotated[Path | None, typer.Option("--db", help="SQLite file for the demo "
                                                 "(default: ~/.cache/chipmap/demo.db).")] = None,
         rebuild: Annotated[bool, typer.Option(help="Build the demo database again from scratch.")] = False,
         no_serve: Annotated[bool, typer.Option("--no-serve", help="Build only.")] = False,
         as_json: Annotated[bool, typer.Option("--json", help="Print the database URL and address as JSON.")] = False,
         ) -> None:
    """Build the sample corpus and the atlas into a demo database, then serve the dashboard.

    Example: chipmap demo   (then open http://127.0.0.1:8000)
    """
    from chipmap.demo import build_demo

    with cli_errors():
        url = build_demo(db, rebuild=rebuild)
    if as_json:
        print_json({"db": url, "url": None if no_serve else f"http://{host}:{port}/"})
    else:
        out.print(f"demo database: {url}", highlight=False)
        out.print("query it: chipmap cluster Shaoxing   (the query commands read it when there is no "
                  f"chipmap.db here; or pass --db {url})", highlight=False)
    if not no_serve:
        serve(host=host, port=port, db=url, workers=0, as_json=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(demo)
