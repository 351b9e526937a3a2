"""Small key/value facts about the database in the ``meta`` table (the watcher's state lives here).

The table exists since the first migration; values are text (JSON by the caller's choice),
so storing a little state needs no schema change and works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import select, update

from chipmap.store.db import Database
from chipmap.store.models import Meta
from chipmap.store.writer import insert_ignore


def read_meta(database: Database, key: str) -> str | None:
    """The value stored under ``key``, or None."""
    with database.connect() as conn:
        value: str | None = conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
        return value


def write_meta(database: Database, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (insert or replace) in one transaction."""
    with database.begin() as conn:
        insert_ignore(conn, Meta, [{"key": key, "value": value}])
        conn.execute(update(Meta).where(Meta.key == key).values(value=value))
