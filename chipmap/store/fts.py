"""Full-text search over article text and entity names, on SQLite and PostgreSQL.

Words (English and other space-separated text):
SQLite: two FTS5 tables (``articles_fts``, ``entities_fts``) that the writer keeps in step
with ``articles`` and ``entities``, ranked by bm25. PostgreSQL: generated ``tsvector`` columns
with GIN indexes (made by the migration, so nothing to keep in step), ranked by ``ts_rank``.
Article text uses the ``english`` configuration (stemming); entity names use ``simple``
(names are not English words to stem).

Chinese (and Japanese, Korean) text has no spaces between words, so a query with such
characters ("12英寸", "长电") is matched as substrings instead (migration 0003):
SQLite: two more FTS5 tables with the ``trigram`` tokenizer (``articles_cjk``,
``entities_cjk``), kept in step here; PostgreSQL: ``pg_trgm`` GIN indexes on the columns
themselves, queried with ``ILIKE``. Each space-separated part of the query must occur.

User text never reaches the query syntax: it is cut into word tokens, each quoted, and the
last one matches as a prefix ("hua ho" finds Hua Hong); substrings are bound parameters with
LIKE's wildcards escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from chipmap.graph_records import SearchHit

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Han, kana and hangul: scripts written without spaces between words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: Column weights: a match in a name or title counts more than one in the body.
_ENTITY_WEIGHTS = "0, 10.0, 2.0"
_ARTICLE_WEIGHTS = "0, 5.0, 1.0"
#: The trigram tokenizer matches only terms of three characters or more; shorter ones use LIKE.
_TRIGRAM = 3


def tokens(query: str) -> list[str]:
    """The word tokens of a user's query."""
    return _TOKEN.findall(query.lower())[:20]


def is_cjk(query: str) -> bool:
    """True when a query holds Chinese, Japanese or Korean characters (search by substring)."""
    return bool(_CJK.search(query))


def substrings(query: str) -> list[str]:
    """The space-separated parts of a CJK query, each to be found as a substring."""
    parts = [p.strip("\"'“”‘’,，。、;；:：!！?？()（）") for p in query.split()]
    return [p for p in parts if p][:8]


def index_article(conn: Connection, article_id: str, title: str, body: str) -> None:
    """Make an article searchable (SQLite; PostgreSQL's columns are indexed as they are)."""
    if conn.dialect.name == "sqlite":
        values = {"i": article_id, "t": title or "", "b": body}
        conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:i, :t, :b)"), values)
        conn.execute(text("INSERT INTO articles_cjk (article_id, title, text) VALUES (:i, :t, :b)"), values)


def unindex_article(conn: Connection, article_id: str) -> None:
    """Forget an article's text."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :i"), {"i": article_id})
        conn.execute(text("DELETE FROM articles_cjk WHERE article_id = :i"), {"i": article_id})


def index_entities(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Refresh the search rows of entities from their ``name`` and ``search_text``."""
    ids = sorted(set(entity_ids))
    if conn.dialect.name != "sqlite" or not ids:
        return
    unindex_entities(conn, ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for table in ("entities_fts", "entities_cjk"):
            conn.execute(
                text(f"INSERT INTO {table} (entity_id, name, names) "
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
        for table in ("entities_fts", "entities_cjk"):
            conn.execute(text(f"DELETE FROM {table} WHERE entity_id IN ({_params(chunk)})"), _bind(chunk))


def _params(values: list[str]) -> str:
    return ", ".join(f":p{i}" for i in range(len(values)))


def _bind(values: list[str]) -> dict[str, str]:
    return {f"p{i}": v for i, v in enumerate(values)}


def search(conn: Connection, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Entities whose names match, best first, then articles whose text matches."""
    if limit <= 0:
        return []
    sqlite = conn.dialect.name == "sqlite"
    if is_cjk(query):
        parts = substrings(query)
        if not parts:
            return []
        if sqlite:
            hits = _sqlite_cjk(conn, parts, "entities_cjk", limit) + _sqlite_cjk(conn, parts, "articles_cjk", limit)
        else:
            hits = _pg_cjk_entities(conn, parts, limit) + _pg_cjk_articles(conn, parts, limit)
        return hits[:limit]
    words = tokens(query)
    if not words:
        return []
    if sqlite:
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


def _like(part: str) -> str:
    """A LIKE pattern finding ``part`` anywhere, its own wildcards escaped (with ``\\``)."""
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(body: str, part: str, width: int = 40) -> str:
    at = body.find(part)
    if at < 0:
        return body[: width * 2]
    start = max(0, at - width // 2)
    return ("…" if start else "") + body[start : at + len(part) + width] + "…"


def _sqlite_cjk(conn: Connection, parts: list[str], table: str, limit: int) -> list[SearchHit]:
    """Rows of a trigram table holding every part; MATCH for parts of three characters or
    more (indexed), LIKE for shorter ones (the tokenizer cannot index them)."""
    entity = table == "entities_cjk"
    key, first, second = (f"{table}.{c}" for c in (("entity_id", "name", "names") if entity
                                                    else ("article_id", "title", "text")))
    long = [p for p in parts if len(p) >= _TRIGRAM]
    clauses: list[str] = []
    params: dict[str, object] = {"n": limit}
    if long:
        clauses.append(f"{table} MATCH :q")
        params["q"] = " ".join('"' + p.replace('"', '""') + '"' for p in long)
    for k, part in enumerate(p for p in parts if len(p) < _TRIGRAM):
        clauses.append(f"({first} LIKE :l{k} ESCAPE '\\' OR {second} LIKE :l{k} ESCAPE '\\')")
        params[f"l{k}"] = _like(part)
    weights = _ENTITY_WEIGHTS if entity else _ARTICLE_WEIGHTS
    rank = f"bm25({table}, {weights})" if long else f"(CASE WHEN {first} LIKE :r ESCAPE '\\' THEN -2.0 ELSE -1.0 END)"
    params["r"] = _like(parts[0])
    if entity:
        sql = (f"SELECT e.id, e.name, e.kind, e.type, {rank} AS rank FROM {table} "
               f"JOIN entities e ON e.id = {table}.entity_id WHERE {' AND '.join(clauses)} "
               "ORDER BY rank, e.id LIMIT :n")
        rows = conn.execute(text(sql), params)
        return [SearchHit("entity", r.id, r.name, r.kind or r.type, round(-float(r.rank), 4)) for r in rows]
    sql = (f"SELECT {key} AS article_id, {first} AS title, {second} AS text, {rank} AS rank FROM {table} "
           f"WHERE {' AND '.join(clauses)} ORDER BY rank, {key} LIMIT :n")
    rows = conn.execute(text(sql), params)
    return [SearchHit("article", r.article_id, r.title, _snippet(r.text, parts[0]), round(-float(r.rank), 4))
            for r in rows]


def _pg_cjk_where(columns: tuple[str, str], parts: list[str]) -> tuple[str, dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {}
    for k, part in enumerate(parts):
        clauses.append(f"({columns[0]} ILIKE :l{k} OR {columns[1]} ILIKE :l{k})")
        params[f"l{k}"] = _like(part)
    return " AND ".join(clauses), params


def _pg_cjk_entities(conn: Connection, parts: list[str], limit: int) -> list[SearchHit]:
    where, params = _pg_cjk_where(("name", "search_text"), parts)
    rows = conn.execute(
        text("SELECT id, name, kind, type, (CASE WHEN name ILIKE :l0 THEN 2.0 ELSE 1.0 END) "
             "+ similarity(name, :whole) AS rank "
             f"FROM entities WHERE {where} ORDER BY rank DESC, id LIMIT :n"),
        {**params, "whole": " ".join(parts), "n": limit},
    )
    return [SearchHit("entity", r.id, r.name, r.kind or r.type, round(float(r.rank), 4)) for r in rows]


def _pg_cjk_articles(conn: Connection, parts: list[str], limit: int) -> list[SearchHit]:
    where, params = _pg_cjk_where(("coalesce(title, '')", "text"), parts)
    rows = conn.execute(
        text("SELECT id, title, text, (CASE WHEN coalesce(title, '') ILIKE :l0 THEN 2.0 ELSE 1.0 END) AS rank "
             f"FROM articles WHERE {where} ORDER BY rank DESC, id LIMIT :n"),
        {**params, "n": limit},
    )
    return [SearchHit("article", r.id, r.title, _snippet(r.text, parts[0]), round(float(r.rank), 4))
            for r in rows]


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
