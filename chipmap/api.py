"""The facade the CLI and scripts call: read files, extract articles, open a graph.

``chipmap.open`` is ``open_graph`` here and ``chipmap.build`` is the pipeline's build;
both are edges that read the settings when values are not passed. Heavy packages
(spaCy, SQLAlchemy) are imported inside the functions that need them, so that
``chipmap extract`` never loads the database layer and ``chipmap.open`` never loads
spaCy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from chipmap.errors import InputError
from chipmap.ingest import read_article, walk
from chipmap.records import Article, ArticleExtraction

if TYPE_CHECKING:
    from chipmap.config import Settings
    from chipmap.extract import ExtractionFailed, Extractor
    from chipmap.store import Graph


def reading_database(db: str | Path | None, settings: Settings) -> tuple[str, bool]:
    """The database a read uses, and whether it is the demo graph found by default.

    ``db`` when given; else the ``db`` setting when it was set explicitly or its SQLite
    file exists; else the demo graph, when ``chipmap demo`` has built it (so the README's
    queries work right after ``make demo``); else the ``db`` setting (which then fails
    with ``MissingDatabase``, saying how to build one).
    """
    if db is not None:
        return str(db), False
    if "db" in settings.model_fields_set:
        return settings.db, False
    from chipmap.store.db import database_url, sqlite_path

    default = sqlite_path(database_url(settings.db))
    if default is not None and not default.is_file():
        from chipmap.demo import default_demo_db

        demo = default_demo_db()
        if demo.is_file():
            return f"sqlite:///{demo}", True
    return settings.db, False


def open_graph(db: str | Path | None = None, *, settings: Settings | None = None) -> Graph:
    """The graph in ``db`` (URL or SQLite path) for reading; unset, the database
    ``reading_database`` picks (the ``db`` setting, or the demo graph after ``chipmap demo``).

    A database that holds no graph raises ``MissingDatabase``: reading never creates one.
    """
    from chipmap.store import open_graph as open_store

    if db is None:
        from chipmap.config import get_settings

        db, _demo = reading_database(None, settings or get_settings())
    return open_store(db)


def read_paths(
    paths: Iterable[Path], *, published: dt.date | None = None, max_bytes: int = 5_000_000
) -> tuple[list[Article], list[InputError]]:
    """Articles from files and folders, and the files that could not be read."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for path in walk(list(paths)):
        try:
            article = read_article(path, max_bytes=max_bytes)
        except InputError as exc:
            errors.append(exc)
            continue
        if published and article.published is None:
            article = dataclasses.replace(article, published=published)
        articles.append(article)
    return articles, errors


def extract_articles(
    articles: Iterable[Article],
    extractor: Extractor,
    *,
    n_process: int = 1,
    batch_size: int = 32,
    on_article: Callable[[Article], None] | None = None,
    on_failure: Callable[[Article, ExtractionFailed], None] | None = None,
) -> Iterator[ArticleExtraction]:
    """What each article yields, in input order; failures go to ``on_failure``."""
    from chipmap.extract import ExtractionFailed

    for article, outcome in extractor.read_many(articles, batch_size=batch_size, n_process=n_process):
        if on_article:
            on_article(article)
        if isinstance(outcome, ExtractionFailed):
            if on_failure:
                on_failure(article, outcome)
            continue
        yield outcome
