"""Store: the graph in SQLite or PostgreSQL — the only package that imports SQLAlchemy."""

from chipmap.store.db import Database, database_url, open_database
from chipmap.store.graph import Graph, open_graph
from chipmap.store.remove import RemoveResult, remove_article
from chipmap.store.rows import ArticleRows, SourceEntry, article_rows
from chipmap.store.seed import SeedResult, seed_atlas
from chipmap.store.writer import WriteResult, add_sources, write_article

__all__ = [
    "ArticleRows",
    "Database",
    "Graph",
    "RemoveResult",
    "SeedResult",
    "SourceEntry",
    "WriteResult",
    "add_sources",
    "article_rows",
    "database_url",
    "open_database",
    "open_graph",
    "remove_article",
    "seed_atlas",
    "write_article",
]
