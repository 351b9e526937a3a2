"""The atlas seeded into the graph: entities with atlas ids, facts as relations with atlas evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chipmap.atlas import Atlas, load_atlas
from chipmap.store import Database, Graph, seed_atlas
from chipmap.store.seed import ATLAS_CONFIDENCE

from .dumps import dump

PLACES = [
    {"id": "place:china", "name": "China", "kind": "country", "source": "test"},
    {"id": "place:zhejiang", "name": "Zhejiang", "kind": "province", "part_of": "place:china", "source": "test"},
    {"id": "place:shaoxing", "name": "Shaoxing", "kind": "city", "part_of": "place:zhejiang",
     "source": "NBS division codes"},
]
ORGS = [
    {"id": "org:smic", "name": "Semiconductor Manufacturing International Corporation", "aliases": ["SMIC"],
     "ambiguous": ["Zhongxin"], "kind": "company", "segments": ["manufacturing"], "headquarters": "place:shaoxing",
     "source": "annual report"},
    {"id": "org:smec", "name": "SMEC", "kind": "company", "segments": ["manufacturing", "packaging_testing"],
     "parent": "org:smic", "sites": [{"place": "place:zhejiang", "what": "fab"}], "source": "prospectus"},
]


def small_atlas(root: Path, orgs: list[dict[str, object]] = ORGS) -> Atlas:
    root.mkdir(parents=True, exist_ok=True)
    (root / "places.yaml").write_text(yaml.safe_dump(PLACES), encoding="utf-8")
    (root / "organizations.yaml").write_text(yaml.safe_dump(orgs), encoding="utf-8")
    return load_atlas(data_dir=root)


def test_seed_turns_atlas_facts_into_relations_with_atlas_evidence(database: Database, tmp_path: Path) -> None:
    result = seed_atlas(database, small_atlas(tmp_path / "atlas"))
    assert (result.seeded, result.entities) == (True, 5)
    graph = Graph(database)
    facts = {(r.type, r.head_id, r.tail_id) for r in graph.relations()}
    assert facts == {
        ("part_of", "place:zhejiang", "place:china"), ("part_of", "place:shaoxing", "place:zhejiang"),
        ("located_in", "org:smic", "place:shaoxing"), ("located_in", "org:smec", "place:zhejiang"),
        ("subsidiary_of", "org:smec", "org:smic"), ("operates_in", "org:smic", "segment:manufacturing"),
        ("operates_in", "org:smec", "segment:manufacturing"),
        ("operates_in", "org:smec", "segment:packaging_testing"),
    }
    (hq,) = graph.relations(head="SMIC", type="located_in")
    assert hq.from_atlas and hq.confidence == pytest.approx(ATLAS_CONFIDENCE) and hq.article_ids == ()
    (evidence,) = graph.evidence(hq.id)
    assert (evidence.origin, evidence.article_id, evidence.sentence) == ("atlas", None, "annual report")
    assert evidence.rule == "atlas.headquarters"
    smic = graph.entity("org:smic")
    assert smic.atlas_id == "org:smic" and smic.segments == ("manufacturing",) and "SMIC" in smic.aliases
    assert graph.snapshot().place_parent == {"place:zhejiang": "place:china", "place:shaoxing": "place:zhejiang"}


def test_seeding_the_same_atlas_again_changes_nothing(database: Database, tmp_path: Path, db_url: str) -> None:
    atlas = small_atlas(tmp_path / "atlas")
    seed_atlas(database, atlas)
    before = dump(db_url)
    assert not seed_atlas(database, atlas).seeded
    assert dump(db_url) == before


def test_a_changed_atlas_replaces_atlas_facts(database: Database, tmp_path: Path) -> None:
    seed_atlas(database, small_atlas(tmp_path / "v1"))
    moved = [dict(ORGS[0], headquarters="place:zhejiang", segments=[]), ORGS[1]]
    assert seed_atlas(database, small_atlas(tmp_path / "v2", moved)).seeded
    graph = Graph(database)
    assert [r.tail_id for r in graph.relations(head="org:smic")] == ["place:zhejiang"]
    only_smec = [{k: v for k, v in ORGS[1].items() if k != "parent"}]
    seed_atlas(database, small_atlas(tmp_path / "v3", only_smec))
    assert "org:smic" not in graph.snapshot().entities
    assert not graph.relations(type="subsidiary_of")


def test_the_bundled_atlas_seeds_every_org_and_place(database: Database, atlas: Atlas) -> None:
    seed_atlas(database, atlas)
    graph = Graph(database)
    snapshot = graph.snapshot()
    assert {e for e, r in snapshot.entities.items() if r.atlas_id == e} == set(atlas.orgs) | set(atlas.places)
    assert all(r.from_atlas for r in snapshot.relations)
    place = next(p for p in atlas.places.values() if p.part_of)
    assert snapshot.place_parent[place.id] == place.part_of
    org = next(o for o in atlas.orgs.values() if o.parent and o.parent in atlas.orgs)
    assert any(r.tail_id == org.parent for r in graph.relations(head=org.id, type="subsidiary_of"))
