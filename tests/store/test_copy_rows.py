"""The writer's COPY path on PostgreSQL: a lost connection surfaces as SQLAlchemy's error,
flagged so ``Database.transact`` retries it (the driver's own error would slip past it)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chipmap.store import open_database
from chipmap.store.db import _is_disconnect
from chipmap.store.models import MentionRow
from chipmap.store.writer import insert_rows

from .conftest import PostgresServer


@pytest.mark.postgres
def test_a_connection_lost_during_copy_is_a_retryable_sqlalchemy_error(postgres: PostgresServer) -> None:
    name = postgres.create_database()
    try:
        with open_database(postgres.url(name)) as database:
            with pytest.raises(DBAPIError) as caught, database.engine.begin() as conn:
                pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
                with database.engine.connect() as other:
                    other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                insert_rows(conn, MentionRow, [{"article_id": "a", "entity_id": "e", "surface": "s",
                                                "reason": "exact", "start_char": 0, "end_char": 1}])
            assert caught.value.connection_invalidated or _is_disconnect(caught.value)
    finally:
        postgres.drop_database(name)
