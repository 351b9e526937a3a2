"""Cross-article entity resolution, against a hand-built in-memory index (no database)."""

from __future__ import annotations

import pytest

from chipmap.atlas import Atlas
from chipmap.records import ArticleExtraction, Event, Organization, Person, Place
from chipmap.resolve import (
    EntityIndex,
    IndexView,
    KnownEntity,
    Mention,
    acronyms,
    resolve_article,
    resolve_mention,
    slug,
)


@pytest.fixture()
def index() -> EntityIndex:
    index = EntityIndex()
    index.add(KnownEntity("org:smic", "org", "company", "Semiconductor Manufacturing International Corporation",
                          "org:smic"), ["SMIC", "中芯国际"])
    index.add(KnownEntity("org:arm-china", "org", "company", "Arm China", "org:arm-china"), ["Anmou"],
              ambiguous=["Arm"])
    index.add(KnownEntity("org:acme-arm", "org", "company", "Acme Arm Technologies", "org:acme-arm"), [],
              ambiguous=["Arm"])
    index.add(KnownEntity("org:x-shengyang-group", "org", "company", "Shengyang Group"), [])
    index.add(KnownEntity("org:x-semiconductor-manufacturing-electronics", "org", "company",
                          "Semiconductor Manufacturing Electronics Corporation"), [])
    index.add(KnownEntity("org:x-hefei-fab-7", "org", "company", "Hefei Fab 7"), [])
    index.add(KnownEntity("person:zhou-zixue", "person", "", "Zhou Zixue"), ["Zhou"])
    index.add(KnownEntity("place:x-gaobu", "place", "district", "Gaobu"), ["Gaobu town"])
    index.add(KnownEntity("event:world-semiconductor-conference", "event", "", "World Semiconductor Conference"))
    return index


@pytest.mark.parametrize(
    ("mention", "entity_id", "reason"),
    [
        (Mention("org", "SMIC Beijing", atlas_id="org:smic"), "org:smic", "atlas_id"),
        (Mention("org", "Semiconductor Manufacturing International Corp."), "org:smic", "name"),
        (Mention("org", "the Semiconductor Manufacturing International Co., Ltd."), "org:smic", "name"),
        (Mention("org", "S.M.I.C. Group", aliases=("SMIC",)), "org:smic", "alias"),
        (Mention("org", "中芯国际"), "org:smic", "alias"),
        (Mention("org", "SMEC"), "org:x-semiconductor-manufacturing-electronics", "acronym"),
        (Mention("org", "Shenyang Group", kind="company"), "org:x-shengyang-group", "fuzzy"),
        (Mention("place", "Gaobu Town", kind="district"), "place:x-gaobu", "alias"),
        (Mention("person", "Zhou Zixue"), "person:zhou-zixue", "name"),
        (Mention("event", "World Semiconductor Conference 2023"), "event:world-semiconductor-conference-2023",
         "new"),
    ],
    ids=["atlas id", "legal suffix", "the and co ltd", "alias", "chinese alias", "acronym", "fuzzy",
         "place alias", "person", "event year differs"],
)
def test_resolve_mention(index: EntityIndex, mention: Mention, entity_id: str, reason: str) -> None:
    decision = resolve_mention(mention, IndexView(index))
    assert (decision.entity_id, decision.reason) == (entity_id, reason)


@pytest.mark.parametrize(
    ("mention", "entity_id"),
    [
        (Mention("org", "Arm"), "org:x-arm"),  # shared atlas name: identifies neither
        (Mention("org", "Hefei Fab 8"), "org:x-hefei-fab-8"),  # digits differ: no fuzzy merge
        (Mention("person", "Zhou"), "person:zhou"),  # a one-word person alias identifies nobody
        (Mention("person", "Zhou Zixun"), "person:zhou-zixun"),  # no fuzzy matching of people
        (Mention("place", "Shengyang Group", kind="district"), "place:x-shengyang"),  # other type
        (Mention("org", "Shenyang Group", kind="government"), "org:x-shenyang"),  # fuzzy needs the same kind
    ],
)
def test_resolve_does_not_merge_what_it_cannot_tell_apart(index: EntityIndex, mention: Mention,
                                                          entity_id: str) -> None:
    decision = resolve_mention(mention, IndexView(index))
    assert (decision.entity_id, decision.reason) == (entity_id, "new")


def test_resolve_never_merges_two_atlas_entities(index: EntityIndex) -> None:
    # "Arm China" with another atlas id: the atlas id wins, names do not pull it to org:arm-china.
    decision = resolve_mention(Mention("org", "Arm China", atlas_id="org:acme-arm"), IndexView(index))
    assert decision.entity_id == "org:acme-arm"
    # A news-only org is never merged into an atlas org by acronym or fuzz.
    assert resolve_mention(Mention("org", "Semiconductor Manufacturing International Corporatio"),
                           IndexView(index)).reason == "new"


def test_new_ids_are_made_unique(index: EntityIndex) -> None:
    stem = "Jiangsu Province Integrated Circuit Industry Investment Fund Phase"
    first = Mention("org", stem + " One Partnership", kind="investor")
    index.add(KnownEntity(resolve_mention(first, IndexView(index)).entity_id, "org", "investor", first.name))
    second = resolve_mention(Mention("org", stem + " Two Partnership", kind="investor"), IndexView(index))
    assert second.reason == "new"
    assert second.entity_id == "org:x-" + slug(stem + " One") + "-2"


def test_resolve_article_is_pure_and_consistent_within_the_article(index: EntityIndex, atlas: Atlas) -> None:
    extraction = ArticleExtraction(
        id="a1",
        people=[Person(name="Ma Weiguang", titles=["party secretary"])],
        organizations=[
            Organization(name="Semiconductor Manufacturing International Corporation", aliases=["SMIC"],
                         atlas_id="org:smic"),
            Organization(name="Starblaze Technology", aliases=["Starblaze"]),
            Organization(name="Starblaze"),
        ],
        places=[Place(name="Shaoxing", kind="city", atlas_id="place:shaoxing")],
        events=[Event(name="Fourth China (Shaoxing) IC Industry Conference", date="2023-06-17")],
    )
    before = len(index)
    result = resolve_article(extraction, index, atlas=atlas)
    assert len(index) == before  # the shared index is only changed after a commit
    ids = [d.entity_id for _, d in result.decisions]
    assert ids == ["person:ma-weiguang", "org:smic", "org:x-starblaze-technology", "org:x-starblaze-technology",
                   "place:shaoxing", "event:fourth-china-shaoxing-ic-industry-conference"]
    assert [e.id for e in result.new_entities] == ["person:ma-weiguang", "org:x-starblaze-technology",
                                                   "place:shaoxing",
                                                   "event:fourth-china-shaoxing-ic-industry-conference"]
    shaoxing = next(e for e in result.new_entities if e.id == "place:shaoxing")
    assert (shaoxing.name, shaoxing.kind, shaoxing.atlas_id) == ("Shaoxing", "city", "place:shaoxing")
    assert result.entity_for("SMIC", ("person", "org")) == "org:smic"
    assert result.entity_for("starblaze", ("org",)) == "org:x-starblaze-technology"
    assert result.entity_for("Shaoxing", ("org",)) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Semiconductor Manufacturing International Corporation", {"smic", "smi"}),
        ("Bank of China", set()),
        ("China Merchants Bank", {"cmb"}),
        ("Hua Hong Semiconductor (Wuxi) Co., Ltd.", {"hhs"}),
        ("Huawei", set()),
    ],
)
def test_acronyms(name: str, expected: set[str]) -> None:
    assert acronyms(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Starblaze Technology Co., Ltd.", "starblaze-technology"), ("中芯国际", "中芯国际"), ("!!!", "")],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected or (not expected and len(slug(name)) == 10)
