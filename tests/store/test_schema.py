"""Opening a database: URL rules, migrations on open, models in step with migrations, clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from chipmap.errors import StoreError
from chipmap.store import Database, database_url, open_database
from chipmap.store.models import TABLES, Base


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_routes_postgres_urls_to_psycopg(given: str, expected: str) -> None:
    assert database_url(given) == expected


def test_a_bare_path_is_an_sqlite_file(tmp_path: Path) -> None:
    assert database_url(tmp_path / "g.db") == f"sqlite:///{tmp_path / 'g.db'}"


def test_open_migrates_to_every_table(database: Database) -> None:
    names = set(inspect(database.engine).get_table_names())
    assert set(TABLES) | {"meta", "alembic_version"} <= names


def test_models_agree_with_migrations(database: Database) -> None:
    inspector = inspect(database.engine)
    for table in Base.metadata.sorted_tables:
        migrated = {c["name"] for c in inspector.get_columns(table.name)} - {"tsv"}
        assert migrated == {c.name for c in table.columns}, table.name


def test_reopening_is_a_no_op(db_url: str) -> None:
    with open_database(db_url):
        pass
    with open_database(db_url) as database, database.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == "0006"


def test_full_text_search_structures_exist(database: Database) -> None:
    inspector = inspect(database.engine)
    if database.dialect == "sqlite":
        assert {"articles_fts", "entities_fts", "articles_cjk", "entities_cjk"} <= set(inspector.get_table_names())
    else:
        indexes = {i["name"] for t in ("articles", "entities") for i in inspector.get_indexes(t)}
        assert {"ix_articles_tsv", "ix_entities_tsv", "ix_articles_text_trgm", "ix_entities_name_trgm"} <= indexes


@pytest.mark.parametrize(
    "db",
    ["{tmp}/not-a-db.db", "{tmp}/missing-dir/g.db", "postgresql://nobody@127.0.0.1:1/none", "mysql+nodriver://x/y"],
    ids=["not a database", "missing folder", "server down", "unknown driver"],
)
def test_unusable_database_is_a_store_error(tmp_path: Path, db: str) -> None:
    (tmp_path / "not-a-db.db").write_text("these are notes, not SQLite", encoding="utf-8")
    with pytest.raises(StoreError, match="database"):
        open_database(db.format(tmp=tmp_path))
