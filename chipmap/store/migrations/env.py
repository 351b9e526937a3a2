"""Alembic environment: migrate the connection chipmap hands over, or a URL.

chipmap runs migrations itself when it opens a database
(``chipmap.store.db.open_database``), passing its connection in
``config.attributes["connection"]``. The ``sqlalchemy.url`` branch serves
developers who run ``alembic`` by hand.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from chipmap.store.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,  # SQLite too: chipmap opens the transaction (see chipmap.store.db)
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///chipmap.db")
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


run()
