"""Full-text search over article text and entity names, on SQLite and PostgreSQL.

SQLite: two FTS5 tables (``articles_fts``, ``entities_fts``) that the writer
keeps in step with ``articles`` and ``entities``, ranked by bm25.
PostgreSQL: generated ``tsvector`` columns with GIN indexes (made by the
migration, so nothing to keep in step), ranked by ``ts_rank``. Article text
uses the ``english`` configuration (stemming); entity names use ``simple``
(names are not English words to stem).

User text never reaches the query syntax: it is cut into word tokens, each
quoted, and the last one matches as a prefix ("hua ho" finds Hua Hong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from chipmap.graph_records import SearchHit

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Column weights: a match in a name or title counts more than one in the body.
_ENTITY_WEIGHTS = "0, 10.0, 2.0"
_ARTICLE_WEIGHTS = "0, 5.0, 1.0"


def tokens(query: str) -> list[str]:
    """The word tokens of a user's query."""
    return _TOKEN.findall(query.lower())[:20]


def index_article(conn: Connection, article_id: str, title: str, body: str) -> None:
    """Make an article searchable (SQLite; PostgreSQL's column is generated)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:i, :t, :b)"),
                     {"i": article_id, "t": title, "b": body})


def unindex_article(conn: Connection, article_id: str) -> None:
    """Forget an article's text."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :i"), {"i": article_id})


def index_entities(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Refresh the search rows of entities from their ``name`` and ``search_text``."""
    ids = sorted(set(entity_ids))
    if conn.dialect.name != "sqlite" or not ids:
        return
    unindex_entities(conn, ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(
            text("INSERT INTO entities_fts (entity_id, name, names) "
                 f"SELECT id, name, search_text FROM entities WHERE id IN ({_params(chunk)})"),
            _bind(chunk),
        )


def unindex_entities(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Forget entities' search rows."""
    ids = sorted(set(entity_ids))
    if conn.dialect.name != "sqlite" or not ids:
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(text(f"DELETE FROM entities_fts WHERE entity_id IN ({_params(chunk)})"), _bind(chunk))


def _params(values: list[str]) -> str:
    return ", ".join(f":p{i}" for i in range(len(values)))


def _bind(values: list[str]) -> dict[str, str]:
    return {f"p{i}": v for i, v in enumerate(values)}


def search(conn: Connection, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Entities whose names match, best first, then articles whose text matches."""
    words = tokens(query)
    if not words or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        hits = _sqlite_entities(conn, words, limit) + _sqlite_articles(conn, words, limit)
    else:
        hits = _pg_entities(conn, words, limit) + _pg_articles(conn, words, limit)
    return hits[:limit]


def _fts5_query(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _sqlite_entities(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    rows = conn.execute(
        text(f"SELECT e.id, e.name, e.kind, e.type, bm25(entities_fts, {_ENTITY_WEIGHTS}) AS rank "
             "FROM entities_fts JOIN entities e ON e.id = entities_fts.entity_id "
             "WHERE entities_fts MATCH :q ORDER BY rank, e.id LIMIT :n"),
        {"q": _fts5_query(words), "n": limit},
    )
    return [SearchHit("entity", r.id, r.name, r.kind or r.type, round(-float(r.rank), 4)) for r in rows]


def _sqlite_articles(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    rows = conn.execute(
        text(f"SELECT article_id, title, bm25(articles_fts, {_ARTICLE_WEIGHTS}) AS rank, "
             "snippet(articles_fts, 2, '', '', '…', 16) AS snip "
             "FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank, article_id LIMIT :n"),
        {"q": _fts5_query(words), "n": limit},
    )
    return [SearchHit("article", r.article_id, r.title, r.snip, round(-float(r.rank), 4)) for r in rows]


def _pg_entities(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    query = " & ".join([*words[:-1], words[-1] + ":*"])
    rows = conn.execute(
        text("SELECT id, name, kind, type, ts_rank(tsv, q) AS rank "
             "FROM entities, to_tsquery('simple', :q) q WHERE tsv @@ q "
             "ORDER BY rank DESC, id LIMIT :n"),
        {"q": query, "n": limit},
    )
    return [SearchHit("entity", r.id, r.name, r.kind or r.type, round(float(r.rank), 4)) for r in rows]


def _pg_articles(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    rows = conn.execute(
        text("SELECT id, title, ts_rank(tsv, q) AS rank, "
             "ts_headline('english', text, q, 'MaxWords=24, MinWords=8, StartSel=\"\", StopSel=\"\"') AS snip "
             "FROM articles, plainto_tsquery('english', :q) q WHERE tsv @@ q "
             "ORDER BY rank DESC, id LIMIT :n"),
        {"q": " ".join(words), "n": limit},
    )
    return [SearchHit("article", r.id, r.title, r.snip, round(float(r.rank), 4)) for r in rows]
