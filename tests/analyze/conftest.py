"""Snapshots for the analytics: a tiny hand-made one and the toy graph (atlas plus five articles)."""

from __future__ import annotations

import datetime as dt

import pytest

from chipmap.analyze import GraphIndex
from chipmap.demo.toy import toy_graph
from chipmap.graph_records import ArticleRecord, EntityRecord, RelationRecord, Snapshot
from chipmap.store import Graph


def _org(oid: str, name: str, *segments: str, kind: str = "company", articles: int = 0) -> EntityRecord:
    return EntityRecord(oid, "org", name, kind=kind, segments=segments, atlas_id=oid, article_count=articles)


def _rel(rid: str, kind: str, head: str, tail: str, *, evidence: int = 1, atlas: bool = False,
         articles: tuple[str, ...] = (), day: str | None = None, title: str | None = None) -> RelationRecord:
    date = dt.date.fromisoformat(day) if day else None
    return RelationRecord(rid, kind, head, tail, title=title, evidence_count=evidence, article_ids=articles,
                          first_seen=date, last_seen=date, from_atlas=atlas)


@pytest.fixture()
def tiny() -> Snapshot:
    """Two cities in one country; Alpha City has a zone with a foundry and a packager."""
    entities = {
        "place:land": EntityRecord("place:land", "place", "Land", kind="country"),
        "place:alpha": EntityRecord("place:alpha", "place", "Alpha City", kind="city"),
        "place:alpha-zone": EntityRecord("place:alpha-zone", "place", "Alpha Zone", kind="district"),
        "place:beta": EntityRecord("place:beta", "place", "Beta City", kind="city"),
        "org:fab": _org("org:fab", "Fab Co", "manufacturing", articles=3),
        "org:pack": _org("org:pack", "Pack Co", "packaging_testing"),
        "org:tool": _org("org:tool", "Tool Co", "equipment", articles=2),
        "org:eda": _org("org:eda", "EDA Co", "eda_ip"),
        "org:chip": _org("org:chip", "Chip Design Co", "design"),
        "org:uni": _org("org:uni", "Beta University", kind="academic"),
        "person:ann": EntityRecord("person:ann", "person", "Ann Li"),
        "event:expo": EntityRecord("event:expo", "event", "Alpha Fab Opening", date=dt.date(2022, 5, 1)),
    }
    relations = [
        _rel("r1", "part_of", "place:alpha-zone", "place:alpha", atlas=True),
        _rel("r2", "located_in", "org:fab", "place:alpha-zone", evidence=3, articles=("a1", "a2"), day="2022-05-01"),
        _rel("r3", "located_in", "org:pack", "place:alpha", atlas=True),
        _rel("r4", "located_in", "org:tool", "place:beta", evidence=2, articles=("a3",), day="2023-01-01"),
        _rel("r5", "located_in", "org:eda", "place:beta", atlas=True),
        _rel("r6", "located_in", "org:chip", "place:beta", atlas=True),
        _rel("r7", "located_in", "org:uni", "place:beta", atlas=True),
        _rel("r8", "holds_position", "person:ann", "org:fab", articles=("a1",), day="2022-05-01", title="CEO"),
        _rel("r9", "holds_position", "person:ann", "org:uni", articles=("a3",), day="2023-01-01", title="professor"),
        _rel("r10", "located_in", "event:expo", "place:alpha-zone", articles=("a1",), day="2022-05-01"),
        _rel("r11", "operates_in", "org:fab", "segment:manufacturing", atlas=True),
    ]
    articles = {
        "a1": ArticleRecord("a1", "Fab opens in Alpha Zone", dt.date(2022, 5, 1), ("https://example.org/a1",)),
        "a2": ArticleRecord("a2", "Fab expands", dt.date(2023, 6, 1)),
        "a3": ArticleRecord("a3", "Tool Co grows in Beta", dt.date(2023, 1, 1)),
    }
    return Snapshot(entities, relations, articles, {"place:alpha": "place:land", "place:beta": "place:land"})


@pytest.fixture()
def tiny_index(tiny: Snapshot) -> GraphIndex:
    return GraphIndex.build(tiny)


@pytest.fixture(scope="session")
def toy() -> Graph:
    return toy_graph()


@pytest.fixture(scope="session")
def toy_index(toy: Graph) -> GraphIndex:
    return GraphIndex.build(toy.snapshot())
