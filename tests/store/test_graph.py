"""Writing articles and reading the graph back, on SQLite and PostgreSQL, without a model.

Extractions are written by hand, so each number below follows from the
confidence rule (noisy-or) and the resolution rules alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from chipmap.atlas import Atlas
from chipmap.errors import NotFound
from chipmap.graph_records import Snapshot
from chipmap.records import ArticleExtraction, Event, Evidence, Organization, Person, Place, Relation
from chipmap.store import Graph, open_database

from .conftest import INGESTED, Writer

TEXT_1 = (
    "Starblaze Technology, a Beijing chip designer, named Zhou Zixue chairman. "
    "Starblaze designs SSD controllers in Beijing."
)
TEXT_2 = "Starblaze opened a new office in Beijing on Monday before the Beijing IC Forum on January 2."
TEXT_3 = "A short note on Starblaze without a date."


def ev(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence))


def extraction_1() -> ArticleExtraction:
    s1, s2 = "Starblaze Technology, a Beijing chip designer, named Zhou Zixue chairman.", \
        "Starblaze designs SSD controllers in Beijing."
    return ArticleExtraction(
        id="one",
        people=[Person(name="Zhou Zixue", titles=["chairman"], evidence=[ev(TEXT_1, s1)])],
        organizations=[Organization(name="Starblaze Technology", aliases=["Starblaze"], segments=["design"],
                                    evidence=[ev(TEXT_1, s1), ev(TEXT_1, s2)])],
        places=[Place(name="Beijing", kind="city", atlas_id="place:beijing", evidence=[ev(TEXT_1, s1)])],
        relations=[
            Relation(type="holds_position", head="Zhou Zixue", tail="Starblaze Technology", title="Chairman",
                     evidence=[ev(TEXT_1, s1)], confidence=0.8),
            Relation(type="located_in", head="Starblaze Technology", tail="Beijing", evidence=[ev(TEXT_1, s2)],
                     confidence=0.6),
            Relation(type="operates_in", head="Starblaze Technology", tail="design", evidence=[ev(TEXT_1, s2)],
                     confidence=0.7),
            Relation(type="located_in", head="Nobody Named", tail="Beijing", evidence=[ev(TEXT_1, s2)]),
        ],
    )


def extraction_2() -> ArticleExtraction:
    return ArticleExtraction(
        id="two",
        organizations=[Organization(name="Starblaze", evidence=[ev(TEXT_2, TEXT_2)])],
        places=[Place(name="Beijing", kind="city", atlas_id="place:beijing", evidence=[ev(TEXT_2, TEXT_2)])],
        events=[Event(name="Beijing IC Forum", date="2022-01-02", place="Beijing", evidence=[ev(TEXT_2, TEXT_2)])],
        relations=[Relation(type="located_in", head="Starblaze", tail="Beijing", evidence=[ev(TEXT_2, TEXT_2)],
                            confidence=0.5)],
    )


def extraction_3() -> ArticleExtraction:
    return ArticleExtraction(id="three", organizations=[Organization(name="Starblaze", evidence=[ev(TEXT_3, TEXT_3)])])


@pytest.fixture(scope="module")
def graph(module_db_url: str, atlas: Atlas) -> Iterator[Graph]:
    """Three hand-made articles, written once per backend; the tests only read."""
    with open_database(module_db_url) as database:
        writer = Writer(database, atlas)
        writer.put(TEXT_1, extraction_1(), title="Starblaze names chairman", published=dt.date(2021, 7, 16),
                   url="https://news.test/starblaze")
        writer.put(TEXT_2, extraction_2(), title="Starblaze office", published=dt.date(2022, 1, 1))
        writer.put(TEXT_3, extraction_3(), title="Undated note")
        yield Graph(database)


def test_relation_confidence_is_the_noisy_or_of_its_evidence(graph: Graph) -> None:
    (located,) = graph.relations(head="Starblaze", type="located_in")
    assert located.tail_id == "place:beijing" and located.tail_name == "Beijing"
    assert located.confidence == pytest.approx(1 - (1 - 0.6) * (1 - 0.5))
    assert located.evidence_count == 2 and len(located.article_ids) == 2
    assert (located.first_seen, located.last_seen) == (dt.date(2021, 7, 16), dt.date(2022, 1, 1))
    assert not located.from_atlas


def test_every_relation_has_evidence_with_offsets(graph: Graph) -> None:
    for relation in graph.relations():
        records = graph.evidence(relation.id)
        assert len(records) == relation.evidence_count > 0
        for record in records:
            body = graph.article(record.article_id or "").text
            assert body[record.start:record.end] == record.sentence
            assert record.extractor_version == "test" and record.origin == "news"
    (first, second) = graph.evidence(graph.relations(head="Starblaze", type="located_in")[0].id)
    assert (first.published, second.published) == (dt.date(2022, 1, 1), dt.date(2021, 7, 16))
    assert second.url == "https://news.test/starblaze" and second.article_title == "Starblaze names chairman"


def test_relation_endpoints_must_be_named_in_the_article(graph: Graph) -> None:
    assert not any(r.head_name == "Nobody Named" for r in graph.relations())


def test_filters_on_unknown_names_match_nothing(graph: Graph) -> None:
    assert graph.relations(head="Nobody Named") == []
    assert graph.relations(tail="org:x-nothing") == []
    assert graph.articles(entity="Nobody Named") == []
    assert graph.events(place="Atlantis") == []
    assert [r.tail_id for r in graph.relations(tail="design")] == ["segment:design"]


def test_entity_by_id_name_or_alias(graph: Graph) -> None:
    starblaze = graph.entity("Starblaze")
    assert starblaze.id == "org:x-starblaze-technology" and starblaze.name == "Starblaze Technology"
    assert graph.entity("starblaze technology co., ltd.").id == starblaze.id
    assert starblaze.segments == ("design",) and starblaze.aliases == ("Starblaze",)
    assert (starblaze.article_count, starblaze.first_seen, starblaze.last_seen) == (3, dt.date(2021, 7, 16), INGESTED)
    zhou = graph.entity("person:zhou-zixue")
    assert zhou.titles == ("chairman",)
    assert graph.entity("place:beijing").atlas_id == "place:beijing"


def test_unknown_entity_raises_not_found_with_suggestions(graph: Graph) -> None:
    with pytest.raises(NotFound) as caught:
        graph.entity("Starblaz Technolgy")
    assert "Starblaze Technology" in caught.value.suggestions


def test_surface_forms_list_the_articles_that_used_them(graph: Graph) -> None:
    forms = graph.surface_forms("org:x-starblaze-technology")
    ids = {a.title: a.id for a in graph.articles()}
    assert forms == {
        "Starblaze Technology": [ids["Starblaze names chairman"]],
        "Starblaze": sorted(ids.values()),
    }


def test_entities_filter_by_type_kind_and_segment(graph: Graph) -> None:
    assert [e.id for e in graph.entities(type="org", segment="design")] == ["org:x-starblaze-technology"]
    assert [e.id for e in graph.entities(type="place", kind="city")] == ["place:beijing"]
    names = [e.name for e in graph.entities()]
    assert names == sorted(names, key=str.lower)
    assert [e.id for e in graph.entities(limit=1, offset=1)] == [graph.entities()[1].id]


def test_search_finds_entities_then_articles(graph: Graph) -> None:
    hits = graph.search("starblaze")
    assert hits[0].kind == "entity" and hits[0].id == "org:x-starblaze-technology"
    assert {h.id for h in hits if h.kind == "article"} == {a.id for a in graph.articles()}
    (controller,) = graph.search("SSD controllers")
    assert controller.kind == "article" and "controllers" in controller.snippet
    assert graph.search("zhou zix")[0].id == "person:zhou-zixue"  # prefix of the last word
    assert graph.search('"; DROP TABLE articles; --') == []


def test_articles_newest_first_and_by_entity(graph: Graph) -> None:
    titles = [a.title for a in graph.articles()]
    assert titles == ["Undated note", "Starblaze office", "Starblaze names chairman"]  # undated: ingest date
    assert [a.title for a in graph.articles(entity="Zhou Zixue")] == ["Starblaze names chairman"]
    assert [a.title for a in graph.articles(since=dt.date(2021, 12, 1), limit=1)] == ["Undated note"]
    first = graph.articles(entity="Zhou Zixue")[0]
    assert first.text == "" and first.urls == ("https://news.test/starblaze",)
    assert graph.article(first.id[:6]).text == TEXT_1
    with pytest.raises(NotFound):
        graph.article("no-such-article")


def test_events_carry_date_and_place(graph: Graph) -> None:
    (forum,) = graph.events()
    assert (forum.id, forum.date) == ("event:beijing-ic-forum", dt.date(2022, 1, 2))
    assert forum.attributes == {"date": ["2022-01-02"], "place": ["place:beijing"]}
    assert graph.events(place="Beijing") == [forum]
    assert graph.events(since=dt.date(2023, 1, 1)) == []


def test_counts_and_snapshot(graph: Graph) -> None:
    counts = graph.counts()
    assert (counts["articles"], counts["org"], counts["person"], counts["place"], counts["event"]) == (3, 1, 1, 1, 1)
    assert counts["relations"] == 3 and counts["evidence"] == 4 + 3  # relations + attributes (title, date, place)
    snapshot = graph.snapshot()
    assert isinstance(snapshot, Snapshot)
    assert set(snapshot.entities) == {"org:x-starblaze-technology", "person:zhou-zixue", "place:beijing",
                                      "event:beijing-ic-forum"}
    assert len(snapshot.relations) == 3 and all(a.text == "" for a in snapshot.articles.values())
    by_id = {r.id: r for r in graph.relations()}
    assert all(dataclasses.asdict(r) == dataclasses.asdict(by_id[r.id]) for r in snapshot.relations)


def test_snapshot_reads_the_same_records_as_the_queries_and_shares_repeated_values(graph: Graph) -> None:
    # The snapshot streams whole tables (store.read, whole=True); the filtered queries list
    # their rows first. Both must give the same records, and the snapshot one object per day.
    snapshot = graph.snapshot()
    listed = {a.id: a for a in graph.articles(limit=100)}
    assert snapshot.articles == listed and len(listed) == 3
    days = [d for r in snapshot.relations for d in (r.first_seen, r.last_seen) if d is not None]
    assert days and len({id(d) for d in days}) == len(set(days))
