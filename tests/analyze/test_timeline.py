from __future__ import annotations

import datetime as dt

from chipmap.analyze import GraphIndex, as_of, cluster_profile, timeline
from chipmap.analyze.timeline import event_kind
from chipmap.graph_records import EntityRecord, Snapshot


def test_event_kind_reads_the_name() -> None:
    assert event_kind("Fab 9 groundbreaking") == "project"
    assert event_kind("Production base opening") == "opening"
    assert event_kind("World Conference on Integrated Circuits") == "event"


def test_cluster_timeline_is_dated_and_sourced(tiny_index: GraphIndex) -> None:
    result = timeline(tiny_index, "place:alpha")
    kinds = [(i.date.isoformat(), i.kind) for i in result.items]
    assert ("2022-05-01", "opening") in kinds and ("2022-05-01", "appointment") in kinds
    assert ("2022-05-01", "site") in kinds and ("2023-06-01", "article") in kinds
    assert [i.date for i in result.items] == sorted(i.date for i in result.items)
    appointment = next(i for i in result.items if i.kind == "appointment")
    assert appointment.sources[0].url == "https://example.org/a1"


def test_timeline_since_filters(tiny_index: GraphIndex) -> None:
    result = timeline(tiny_index, "place:alpha", since=dt.date(2023, 1, 1))
    assert [i.kind for i in result.items] == ["article"]


def test_as_of_drops_later_news_but_keeps_the_atlas(tiny: Snapshot) -> None:
    before = GraphIndex.build(as_of(tiny, dt.date(2021, 1, 1)))
    profile = cluster_profile(before, "place:alpha")
    assert {o.id for o in profile.organizations} == {"org:pack"}
    assert "a2" not in before.snapshot.articles


def test_events_placed_by_attribute_join_the_place_timeline(tiny: Snapshot) -> None:
    """The store records an event's place as an attribute, not a relation."""
    import dataclasses

    event = EntityRecord("event:summit", "event", "Beta Chip Summit", date=dt.date(2024, 3, 1),
                         attributes={"place": ["place:beta"]})
    snapshot = dataclasses.replace(tiny, entities={**tiny.entities, event.id: event})
    index = GraphIndex.build(snapshot)
    assert ("event", "Beta Chip Summit") in [(i.kind, i.title) for i in timeline(index, "place:beta").items]
    assert [e.name for e in cluster_profile(index, "place:beta").events] == ["Beta Chip Summit"]
