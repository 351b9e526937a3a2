"""Review on SQLite and PostgreSQL: candidates stored with their article, verdicts merging entities now
and surviving every rebuild — re-reading, removing every article, a fresh database via export and import.

Articles go through the real resolution and writer (``tests.review_graph``), so every stored row is one
a build would write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from chipmap.errors import InputError, NotFound, ReviewError
from chipmap.ingest.dedup import content_id
from chipmap.records import Article
from chipmap.resolve import resolve_article
from chipmap.store import Graph, SourceEntry, article_rows, open_database, write_article
from chipmap.store.review import ReviewStore, load_verdicts, parse_verdicts
from chipmap.store.state import graph_version, load_index
from tests.review_graph import ATLAS, article, build, entity_id

from .conftest import empty_database


@pytest.fixture()
def second_db_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend (a fresh machine)."""
    yield from empty_database(request, sqlite=tmp_path / "fresh.db" if db_url.startswith("sqlite") else None)


def test_uncertain_pairs_are_stored_as_candidates_with_score_and_reason(db_url: str) -> None:
    build(db_url)
    with open_database(db_url) as db:
        page = ReviewStore(db).candidates()
    assert page.total == 2
    pairs = {(i.entity.name, i.other.name): i for i in page.items}
    optics = pairs[("Jinghong Optical", "Jinghong Optics")]
    assert optics.reason == "fuzzy" and 0.8 <= optics.score < 0.92 and len(optics.articles) == 1
    assert ("Ruixin Semiconductors Suzhou", "Ruixin Semiconductor") in pairs
    assert [i.score for i in page.items] == sorted((i.score for i in page.items), reverse=True)


def test_accepting_merges_now_and_rejecting_keeps_apart(db_url: str) -> None:
    build(db_url)
    with open_database(db_url) as db:
        store = ReviewStore(db)
        items = {i.entity.name: i for i in store.candidates().items}
        judged = store.accept(items["Jinghong Optical"].id, note="one lens maker")
        assert judged.merge is not None and judged.merge.kept == items["Jinghong Optical"].other.id
        store.reject(items["Ruixin Semiconductors Suzhou"].id)
        assert store.candidates().total == 0
        with pytest.raises(NotFound):
            store.accept(items["Jinghong Optical"].id)
        graph = Graph(db)
        merged = graph.entity("Jinghong Optical")
        assert merged.id == entity_id(db_url, "Jinghong Optics")
        assert "Jinghong Optical" in merged.aliases
        located = graph.relations(head=merged.id, type="located_in")
        assert len(located) == 1 and located[0].evidence_count == 2  # the two articles' facts are one now
        assert len(graph.evidence(located[0].id)) == 2
        assert [r.tail_id for r in graph.relations(head=merged.id, type="operates_in")] == ["segment:design"]
        assert entity_id(db_url, "Ruixin Semiconductor") != entity_id(db_url, "Ruixin Semiconductors Suzhou")
        assert [v.verdict for v in store.verdicts()] == ["same", "different"]


def _judge_both(db_url: str) -> None:
    with open_database(db_url) as db:
        store = ReviewStore(db)
        items = {i.entity.name: i for i in store.candidates().items}
        store.accept(items["Jinghong Optical"].id)
        store.reject(items["Ruixin Semiconductors Suzhou"].id)


def _assert_judged(db_url: str) -> None:
    assert entity_id(db_url, "Jinghong Optical") == entity_id(db_url, "Jinghong Optics")
    assert entity_id(db_url, "Ruixin Semiconductor") != entity_id(db_url, "Ruixin Semiconductors Suzhou")
    with open_database(db_url) as db:
        assert ReviewStore(db).candidates().total == 0


def test_verdicts_survive_removing_every_article_and_building_again(db_url: str) -> None:
    written = build(db_url)
    _judge_both(db_url)
    with Graph(open_database(db_url)) as graph:
        for article_id in written:
            graph.remove(article_id)
        assert graph.counts()["mentions"] == 0
    with open_database(db_url) as db:
        assert len(ReviewStore(db).verdicts()) == 2
    build(db_url, order=(1, 0))  # from scratch, and the other way round
    _assert_judged(db_url)


def test_verdicts_survive_a_rereading_by_another_extractor(db_url: str) -> None:
    build(db_url)
    _judge_both(db_url)
    with open_database(db_url) as db:  # what the write stage does for an article read by a newer extractor
        for news, extraction in (article(0), article(1)):
            stored = Article(id=content_id(news.text), text=news.text, published=news.published)
            resolution = resolve_article(extraction, load_index(db), atlas=ATLAS, verdicts=load_verdicts(db))
            rows = article_rows(stored, extraction, resolution, ingested=dt.date(2024, 4, 1),
                                extractor_version="test-2", sources=[SourceEntry(news.id)])
            write_article(db, rows, replace=True)
    _assert_judged(db_url)


def test_verdicts_travel_to_a_fresh_database_as_a_file(db_url: str, second_db_url: str, tmp_path: Path) -> None:
    build(db_url)
    _judge_both(db_url)
    with open_database(db_url) as db:
        exported = ReviewStore(db).export_verdicts()
    assert len(exported.splitlines()) == 2 and len(parse_verdicts(exported)) == 2
    with open_database(second_db_url) as db:
        result = ReviewStore(db).import_verdicts(exported)
    assert (result.added, result.updated, result.merges) == (2, 0, [])
    build(second_db_url)
    _assert_judged(second_db_url)


def test_importing_only_keep_apart_verdicts_renews_the_graph_version(db_url: str, second_db_url: str) -> None:
    build(db_url)
    _judge_both(db_url)
    with open_database(db_url) as db:
        apart = "".join(line + "\n" for line in ReviewStore(db).export_verdicts().splitlines()
                        if '"different"' in line)
    assert apart
    build(second_db_url)
    with open_database(second_db_url) as db:
        store = ReviewStore(db)
        before, open_pairs = graph_version(db), store.candidates().total
        result = store.import_verdicts(apart)
        assert (result.added, result.merges) == (1, [])
        assert graph_version(db) != before and store.candidates().total == open_pairs - 1


def test_importing_into_a_built_graph_merges_what_it_holds_apart(db_url: str, second_db_url: str) -> None:
    build(db_url)
    _judge_both(db_url)
    with open_database(db_url) as db:
        exported = ReviewStore(db).export_verdicts()
    build(second_db_url)
    assert entity_id(second_db_url, "Jinghong Optical") != entity_id(second_db_url, "Jinghong Optics")
    with open_database(second_db_url) as db:
        store = ReviewStore(db)
        before = graph_version(db)
        result = store.import_verdicts(exported)
        assert len(result.merges) == 1
        assert graph_version(db) != before  # servers drop the answers they cached
        assert store.import_verdicts(exported).updated == 2  # importing twice changes nothing
    _assert_judged(second_db_url)


def test_judging_any_two_entities_and_what_cannot_be_judged(db_url: str) -> None:
    build(db_url)
    with open_database(db_url) as db:
        store = ReviewStore(db)
        gov = store.judge(entity_id(db_url, "Ruixin Semiconductor"), "org:hefei-gov", "same")
        assert gov.merge is not None and gov.merge.kept == "org:hefei-gov"  # the atlas entity stays
        with pytest.raises(ReviewError, match="one type"):
            store.judge("org:hefei-gov", "place:wuxi", "same")
        with pytest.raises(ReviewError, match="atlas"):
            store.judge("place:hefei", "place:wuxi", "same")
        with pytest.raises(ReviewError, match="verdict"):
            store.judge("place:hefei", "place:wuxi", "perhaps")
        assert len(store.verdicts()) == 1  # failed verdicts leave nothing behind


def test_a_bad_verdicts_file_names_its_line() -> None:
    with pytest.raises(InputError, match=r"verdicts\.jsonl:2"):
        parse_verdicts('{"type": "org", "verdict": "same", "first": {"id": "a", "name": "A"}, '
                       '"second": {"id": "b", "name": "B"}}\n{"type": "org"}\n', source="verdicts.jsonl")
