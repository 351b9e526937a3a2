"""Sorted, id-free dumps of a graph database, to compare two databases row for row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, text

from chipmap.store import database_url

#: Columns compared per table (autoincrement ids left out: they differ between equal graphs).
COLUMNS: dict[str, str] = {
    "articles": "id, title, text, published, ingested, seen, external_id, extractor_version",
    "sources": "article_id, location, url, duplicate",
    "entities": "id, type, kind, name, name_zh, atlas_id, from_atlas, search_text",
    "aliases": "entity_id, alias, norm, origin, ambiguous",
    "mentions": "article_id, entity_id, surface, reason, detail, score, start_char, end_char",
    "relations": "id, type, head_id, tail_id, title, round(confidence, 9), evidence_count, first_seen, "
                 "last_seen, from_atlas",
    "attributes": "id, entity_id, key, value, round(confidence, 9), evidence_count, first_seen, last_seen",
    "evidence": "relation_id, attribute_id, article_id, origin, rule, sentence, start_char, end_char, "
                "round(confidence, 9), extractor_version, seen",
    "events": "entity_id, article_id, name, date, place_name, place_id, sentence, start_char, end_char",
}


def _plain(value: Any) -> Any:
    """One representation per value whatever the backend (dates, decimals, booleans differ)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return value


def dump(db: str, *, tables: tuple[str, ...] = tuple(COLUMNS)) -> dict[str, list[tuple[Any, ...]]]:
    """Every compared row of every table, sorted."""
    url = database_url(db)
    engine = create_engine(url)
    result: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for table in tables:
                columns = COLUMNS[table]
                if url.startswith("postgresql"):
                    columns = columns.replace("round(confidence, 9)", "round(confidence::numeric, 9)")
                rows = conn.execute(text(f"SELECT {columns} FROM {table}"))
                result[table] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    finally:
        engine.dispose()
    return result


def counts(db: str) -> dict[str, int]:
    """Rows per table."""
    return {table: len(rows) for table, rows in dump(db).items()}
