from __future__ import annotations

from chipmap.analyze import GraphIndex, central_actors, communities, connection, neighbourhood


def test_connection_lists_each_hop_with_its_relation(tiny_index: GraphIndex) -> None:
    found = connection(tiny_index, "org:fab", "org:uni")
    assert found.found
    assert [(h.source.id, h.target.id, h.relation.id) for h in found.hops] == [
        ("org:fab", "person:ann", "r8"), ("person:ann", "org:uni", "r9")]


def test_no_connection_between_unlinked_entities(tiny_index: GraphIndex) -> None:
    assert not connection(tiny_index, "org:fab", "place:nowhere").found


def test_neighbourhood_leaves_segments_out(tiny_index: GraphIndex) -> None:
    around = neighbourhood(tiny_index, "org:fab")
    ids = {n.id for n in around.nodes}
    assert {"org:fab", "person:ann", "place:alpha-zone"} <= ids
    assert not any(i.startswith("segment:") for i in ids)


def test_path_avoids_hubs_on_the_toy_graph(toy_index: GraphIndex) -> None:
    found = connection(toy_index, "person:zhu-yiming", "org:gigadevice")
    assert len(found.hops) == 1 and found.hops[0].relation.type == "holds_position"


def test_central_actors_and_communities(tiny_index: GraphIndex) -> None:
    members = {"org:fab", "person:ann", "org:uni", "place:alpha-zone", "place:beta"}
    actors = central_actors(tiny_index, members)
    assert actors[0].entity.id == "person:ann"  # she links the fab and the university
    assert {a.entity.id for a in actors} >= {"org:fab", "org:uni"}
    groups = communities(tiny_index, members)
    assert groups and all(len(g) >= 2 for g in groups)
