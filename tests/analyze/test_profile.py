from __future__ import annotations

from chipmap.analyze import GraphIndex, cluster_profile
from chipmap.graph_records import Snapshot


def test_profile_includes_sub_places_and_their_orgs(tiny_index: GraphIndex) -> None:
    profile = cluster_profile(tiny_index, "place:alpha")
    assert {o.id for o in profile.organizations} == {"org:fab", "org:pack"}
    assert [p.id for p in profile.places] == ["place:alpha-zone"]
    fab = next(o for o in profile.organizations if o.id == "org:fab")
    assert [r.id for r in fab.located] == ["r2"] and fab.segment_relations == ("r11",)


def test_profile_ranks_news_backed_orgs_first(tiny_index: GraphIndex) -> None:
    profile = cluster_profile(tiny_index, "place:alpha")
    assert profile.leaders[0] == "org:fab"


def test_profile_lists_people_events_and_recent_articles(tiny_index: GraphIndex) -> None:
    profile = cluster_profile(tiny_index, "place:alpha")
    assert [(p.name, p.title) for p in profile.people] == [("Ann Li", "CEO")]
    assert [e.name for e in profile.events] == ["Alpha Fab Opening"]
    assert [a.id for a in profile.recent_articles] == ["a2", "a1"]


def test_profile_coverage_counts_segments(tiny_index: GraphIndex) -> None:
    coverage = cluster_profile(tiny_index, "place:alpha").coverage.counts()
    assert coverage["manufacturing"] == 1 and coverage["packaging_testing"] == 1 and coverage["design"] == 0


def test_shaoxing_on_toy_graph_has_three_segments_with_evidence(toy_index: GraphIndex) -> None:
    profile = cluster_profile(toy_index, "place:shaoxing")
    segments = [g.segment for g in profile.by_segment if g.org_ids]
    assert len(segments) >= 3
    assert all(o.located for o in profile.organizations)
    assert "org:jcet-shaoxing" in {o.id for o in profile.organizations}  # via Binhai New Area


def test_a_park_organisation_covers_its_place_and_its_member_orgs(tiny: Snapshot) -> None:
    import dataclasses

    from chipmap.graph_records import EntityRecord, RelationRecord

    park = EntityRecord("org:park", "org", "Alpha IC Park", kind="park")
    member = EntityRecord("org:member", "org", "Member Co", kind="company", segments=("design",))
    snapshot = dataclasses.replace(
        tiny, entities={**tiny.entities, park.id: park, member.id: member},
        relations=[*tiny.relations, RelationRecord("p1", "located_in", "org:park", "place:alpha-zone"),
                   RelationRecord("p2", "part_of", "org:member", "org:park")])
    profile = cluster_profile(GraphIndex.build(snapshot), "org:park")
    assert {o.id for o in profile.organizations} == {"org:fab", "org:member"}
    assert profile.coverage.counts()["design"] == 1
