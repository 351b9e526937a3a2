"""Removing an article takes out exactly its contributions: the graph is as if it was never added."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chipmap.atlas import Atlas
from chipmap.errors import NotFound
from chipmap.ingest.dedup import content_id
from chipmap.store import Database, Graph, open_database, seed_atlas

from .conftest import Writer
from .dumps import dump
from .test_graph import TEXT_1, TEXT_2, TEXT_3, extraction_1, extraction_2, extraction_3

ARTICLES = [
    (TEXT_1, extraction_1, dt.date(2021, 7, 16)),
    (TEXT_2, extraction_2, dt.date(2022, 1, 1)),
    (TEXT_3, extraction_3, None),
]


def _write(database: Database, atlas: Atlas, keep: list[int]) -> None:
    writer = Writer(database, atlas)
    for i in keep:
        text, extraction, published = ARTICLES[i]
        writer.put(text, extraction(), published=published, title=f"article {i}")


# Removing article 0 is not in the list: the entity it created keeps its id
# (org:x-starblaze-technology) where a build without it would say org:x-starblaze;
# ids are stable on purpose (links and bookmarks keep working).
@pytest.mark.parametrize("removed", [1, 2])
def test_remove_equals_never_added(db_url: str, tmp_path: Path, atlas: Atlas, removed: int) -> None:
    with open_database(db_url) as database:
        _write(database, atlas, [0, 1, 2])
        result = Graph(database).remove(content_id(ARTICLES[removed][0])[:8])
    assert result.article_id == content_id(ARTICLES[removed][0])
    expected_url = f"sqlite:///{tmp_path / 'expected.db'}"
    with open_database(expected_url) as expected:
        _write(expected, atlas, [i for i in range(3) if i != removed])
    assert dump(db_url) == dump(expected_url)


def test_remove_the_article_that_named_an_entity_first(database: Database, atlas: Atlas) -> None:
    _write(database, atlas, [0, 1, 2])
    graph = Graph(database)
    graph.remove(content_id(TEXT_1))
    starblaze = graph.entity("Starblaze")
    assert (starblaze.id, starblaze.name, starblaze.aliases) == ("org:x-starblaze-technology", "Starblaze", ())
    assert starblaze.segments == () and graph.search("zhou") == []
    with pytest.raises(NotFound):
        graph.entity("Zhou Zixue")


def test_remove_keeps_facts_with_other_support(database: Database, atlas: Atlas) -> None:
    _write(database, atlas, [0, 1])
    graph = Graph(database)
    result = graph.remove(content_id(TEXT_2))
    (located,) = graph.relations(head="Starblaze", type="located_in")
    assert located.evidence_count == 1 and located.confidence == pytest.approx(0.6)
    assert located.last_seen == dt.date(2021, 7, 16)
    assert graph.events() == []
    assert result.facts_kept == 1 and result.facts_removed == 2 and result.entities_removed == 1
    assert graph.surface_forms("Starblaze")["Starblaze"] == [content_id(TEXT_1)]


def test_removing_the_last_article_leaves_the_atlas(database: Database, atlas: Atlas) -> None:
    seed_atlas(database, atlas)
    graph = Graph(database)
    before = graph.counts()
    _write(database, atlas, [0])
    graph.remove(content_id(TEXT_1))
    after = graph.counts()
    assert after == before
    beijing = graph.entity("place:beijing")
    assert beijing.article_count == 0 and "Starblaze" not in graph.surface_forms("place:beijing")


def test_remove_unknown_article_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound):
        Graph(database).remove("0000000000000000")
