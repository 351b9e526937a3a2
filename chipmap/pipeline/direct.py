"""Write extractions you already hold: resolution and the store's writer, no spaCy.

The toy graph (hand-written extractions) and the benchmarks (generated ones) use it, so
their graphs are made by exactly the code a build runs after extraction — the ``resolve``
and ``write`` stages' pure functions — not by a second implementation of the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from chipmap.atlas import Atlas
from chipmap.ingest.dedup import content_id, signature
from chipmap.records import Article, ArticleExtraction
from chipmap.resolve import resolve_article
from chipmap.store import ArticleRows, Database, SourceEntry, WriteResult, article_rows
from chipmap.store.review import ReviewStore, load_verdicts
from chipmap.store.state import load_index
from chipmap.store.writer import write_batch


def write_extractions(database: Database, items: Iterable[tuple[Article, ArticleExtraction]], *,
                      atlas: Atlas, extractor_version: str, ingested: dt.date | None = None,
                      batch_size: int = 1) -> list[str]:
    """Resolve and write the (article, extraction) pairs, ``batch_size`` articles per
    transaction as a build does (``write_batch``); the graph ids (content ids, as a build
    gives them) of the articles written, in order. Review verdicts are replayed as a build
    replays them."""
    ReviewStore(database).apply()
    index = load_index(database)
    verdicts = load_verdicts(database)
    written: list[str] = []
    batch: list[ArticleRows] = []

    def flush() -> None:
        for result in write_batch(database, batch):
            written.append(result.article_id)
        batch.clear()

    for article, extraction in items:
        article_id = content_id(article.text)
        stored = dataclasses.replace(article, id=article_id)
        extraction = extraction.model_copy(update={"id": article_id})
        resolution = resolve_article(extraction, index, atlas=atlas, verdicts=verdicts)
        location = article.source or article.url or article.id
        rows = article_rows(stored, extraction, resolution,
                            ingested=ingested or article.published or dt.date.today(),
                            extractor_version=extractor_version,
                            sources=[SourceEntry(location=location, url=article.url)],
                            external_id=article.id, signature=signature(article.text))
        WriteResult(article_id=article_id, new_entities=list(rows.new_entities), forms=rows.forms,
                    renamed=list(rows.renamed)).apply_to(index)
        batch.append(rows)
        if len(batch) >= batch_size:
            flush()
    flush()
    return written
