"""Batched writes: several articles per transaction give exactly the graph of one per transaction,
and writing a batch that is already stored (a retried commit that had gone through) changes nothing."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bench.api import synthetic_articles
from chipmap.atlas import Atlas
from chipmap.ingest.dedup import content_id, signature
from chipmap.pipeline.direct import write_extractions
from chipmap.resolve import resolve_article
from chipmap.store import SourceEntry, article_rows, open_database, seed_atlas
from chipmap.store.state import graph_version, load_index
from chipmap.store.writer import write_batch

from .conftest import INGESTED
from .dumps import dump


def _write(url: str, atlas: Atlas, batch: int) -> None:
    with open_database(url) as database:
        seed_atlas(database, atlas)
        write_extractions(database, synthetic_articles(120, seed=3), atlas=atlas, extractor_version="t",
                          ingested=INGESTED, batch_size=batch)


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory: pytest.TempPathFactory, atlas: Atlas) -> dict[str, Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'g.db'}"
    _write(url, atlas, 1)
    return dump(url)


def test_batches_write_the_same_graph_as_single_articles(db_url: str, atlas: Atlas,
                                                         one_by_one: dict[str, Any]) -> None:
    _write(db_url, atlas, 50)
    assert dump(db_url) == one_by_one


def test_a_stored_batch_written_again_changes_nothing(db_url: str, atlas: Atlas) -> None:
    with open_database(db_url) as database:
        seed_atlas(database, atlas)
        index = load_index(database)
        batch = []
        for article, extraction in synthetic_articles(5, seed=4):
            article_id = content_id(article.text)
            stored = dataclasses.replace(article, id=article_id)
            extraction = extraction.model_copy(update={"id": article_id})
            resolution = resolve_article(extraction, index, atlas=atlas)
            rows = article_rows(stored, extraction, resolution, ingested=INGESTED, extractor_version="t",
                                sources=[SourceEntry(location=article.id)], signature=signature(article.text))
            batch.append(rows)
        first = write_batch(database, batch)
        version = graph_version(database)
        before = dump(db_url)
        again = write_batch(database, batch)
        assert [r.article_id for r in again] == [r.article_id for r in first]
        assert dump(db_url) == before and graph_version(database) == version
