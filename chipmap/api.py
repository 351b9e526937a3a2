"""The facade the CLI and the server call: one function per user-facing job."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chipmap.config import get_settings
from chipmap.errors import InputError
from chipmap.ingest import read_article, walk
from chipmap.records import Article, ArticleExtraction


def read_paths(
    paths: Iterable[Path], *, published: dt.date | None = None
) -> tuple[list[Article], list[InputError]]:
    """Articles from files and folders, and the files that could not be read."""
    settings = get_settings()
    articles: list[Article] = []
    errors: list[InputError] = []
    for path in walk(list(paths)):
        try:
            article = read_article(path, max_bytes=settings.max_text_bytes)
        except InputError as exc:
            errors.append(exc)
            continue
        if published and article.published is None:
            article = dataclasses.replace(article, published=published)
        articles.append(article)
    return articles, errors


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    raw: bool = False,
    n_process: int | None = None,
    batch_size: int | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> Iterator[ArticleExtraction]:
    """What each article yields, in input order (``raw``: spaCy's NER alone)."""
    settings = get_settings()
    n_process = n_process or settings.n_process
    batch_size = batch_size or settings.batch_size
    if raw:
        from chipmap.extract.baseline import raw_read_doc
        from chipmap.extract.nlp import load_base

        nlp = load_base(model)
        pairs = ((a.text, a) for a in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            if on_article:
                on_article(article)
            yield raw_read_doc(doc, article)
        return
    from chipmap.extract import Extractor

    extractor = Extractor(model=model)
    for article, result in extractor.extract_many(articles, batch_size=batch_size, n_process=n_process):
        if on_article:
            on_article(article)
        yield result


def extract_paths(
    paths: Iterable[Path],
    *,
    published: dt.date | None = None,
    model: str | None = None,
    raw: bool = False,
    on_article: Callable[[Article], None] | None = None,
) -> tuple[Iterator[ArticleExtraction], list[InputError]]:
    """Read then extract files; unreadable files are returned, not raised."""
    articles, errors = read_paths(paths, published=published)
    return extract_articles(articles, model=model, raw=raw, on_article=on_article), errors
