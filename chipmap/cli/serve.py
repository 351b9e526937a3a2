"""``chipmap serve`` and ``chipmap demo``: the dashboard and REST API over a graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipmap.cli.common import DbOption, cli_errors, open_for_reading, out, print_json

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


def _run(app: object, host: str, port: int) -> None:
    import uvicorn

    out.print(f"chipmap dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)",
              highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")  # type: ignore[arg-type]


def serve(host: Host = "127.0.0.1", port: Port = 8000,
          db: DbOption = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print the address as JSON before serving.")] = False,
          ) -> None:
    """Serve the web dashboard and the read-only REST API.

    Example: chipmap serve --db sqlite:///chipmap.db --port 8000
    """
    from chipmap.config import get_settings
    from chipmap.server import create_app

    settings = get_settings()
    with cli_errors():
        graph = open_for_reading(db, settings)
    try:
        if as_json:
            print_json({"url": f"http://{host}:{port}/", "db": graph.url})
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
        serve(host=host, port=port, db=url, as_json=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(demo)
