"""Complete cluster membership: every organisation in a city or any place inside it, with its names, paged.

The graph is built by hand from real operating facilities (each fact as the
atlas states it, with the atlas's sources): memory and logic fabs and packaging
plants in Wuxi, Hefei and Shanghai, placed by headquarters, by site or by news,
in districts, zones and county-level cities below the city.
"""

from __future__ import annotations

import itertools

import pytest

from chipmap.analyze import GraphIndex
from chipmap.analyze.members import chinese_name, member_page
from chipmap.analyze.profile import cluster_profile
from chipmap.atlas import Atlas
from chipmap.graph_records import EntityRecord, RelationRecord, Snapshot

_ids = itertools.count(1)

PLACES = {  # id: (name, kind, parent)
    "place:china": ("China", "country", None),
    "place:south-korea": ("South Korea", "country", None),
    "place:jiangsu": ("Jiangsu", "province", "place:china"),
    "place:anhui": ("Anhui", "province", "place:china"),
    "place:hubei": ("Hubei", "province", "place:china"),
    "place:wuxi": ("Wuxi", "city", "place:jiangsu"),
    "place:wuxi-xinwu": ("Xinwu District", "district", "place:wuxi"),
    "place:jiangyin": ("Jiangyin", "city", "place:wuxi"),  # a county-level city under Wuxi
    "place:hefei": ("Hefei", "city", "place:anhui"),
    "place:hefei-xinzhan": ("Xinzhan Hi-tech Zone", "district", "place:hefei"),
    "place:hefei-etdz": ("Hefei Economic and Technological Development Area", "district", "place:hefei"),
    "place:shanghai": ("Shanghai", "city", "place:china"),
    "place:shanghai-pudong": ("Pudong New Area", "district", "place:shanghai"),
    "place:shanghai-zhangjiang": ("Zhangjiang Hi-Tech Park", "district", "place:shanghai-pudong"),
    "place:shanghai-lingang": ("Lingang Special Area", "district", "place:shanghai-pudong"),
    "place:shanghai-songjiang": ("Songjiang District", "district", "place:shanghai"),
    "place:wuhan": ("Wuhan", "city", "place:hubei"),
    "place:icheon": ("Icheon", "city", "place:south-korea"),
}

#: (id, name, Chinese name, aliases, segments, [(place, "atlas" | "news")])
ORGS = [
    ("org:sk-hynix", "SK hynix", "SK海力士", ("Hynix",), ("manufacturing",),
     [("place:icheon", "atlas"), ("place:wuxi-xinwu", "atlas")]),
    ("org:hua-hong-wuxi", "Hua Hong Semiconductor (Wuxi)", "华虹半导体（无锡）有限公司", ("Hua Hong Wuxi", "Fab 7"),
     ("manufacturing",), [("place:wuxi-xinwu", "atlas")]),
    ("org:jcet", "JCET Group", "长电科技", ("JCET", "Jiangsu Changjiang Electronics Technology"),
     ("packaging_testing",), [("place:jiangyin", "atlas"), ("place:shanghai-lingang", "atlas")]),
    ("org:cxmt", "ChangXin Memory Technologies", "长鑫存储", ("CXMT",), ("manufacturing",),
     [("place:hefei", "atlas")]),
    ("org:nexchip", "Nexchip Semiconductor", "晶合集成", ("Nexchip",), ("manufacturing",),
     [("place:hefei-xinzhan", "atlas")]),
    ("org:tongfu", "Tongfu Microelectronics", "通富微电", ("TFME",), ("packaging_testing",),
     [("place:hefei-etdz", "atlas")]),
    ("org:smic", "Semiconductor Manufacturing International Corporation", "中芯国际", ("SMIC",),
     ("manufacturing",), [("place:shanghai", "atlas"), ("place:shanghai-zhangjiang", "atlas"),
                          ("place:shanghai-lingang", "news")]),
    ("org:tsmc-china", "TSMC China", "台积电（中国）有限公司", ("TSMC Songjiang",), ("manufacturing",),
     [("place:shanghai-songjiang", "atlas")]),
    ("org:amkor", "Amkor Technology", None, ("Amkor", "安靠"), ("packaging_testing",),
     [("place:shanghai-pudong", "atlas")]),
    ("org:x-wuxi-newco", "Wuxi Newco Microelectronics", None, ("Newco",), ("design",),
     [("place:wuxi-xinwu", "news")]),
    ("org:ymtc", "Yangtze Memory Technologies", "长江存储", ("YMTC",), ("manufacturing",),
     [("place:wuhan", "atlas")]),
]

#: Who each city cluster must list: every org placed in the city or a place inside it, nobody else.
TRUTH = {
    "place:wuxi": {"org:sk-hynix", "org:hua-hong-wuxi", "org:jcet", "org:x-wuxi-newco"},
    "place:hefei": {"org:cxmt", "org:nexchip", "org:tongfu"},
    "place:jiangyin": {"org:jcet"},
}
#: Shanghai gets this many more design houses, so that its member list is longer than any summary.
FILLER = 130
SHANGHAI = {"org:smic", "org:tsmc-china", "org:amkor", "org:jcet"} | {f"org:x-filler-{n:03d}" for n in range(FILLER)}


def _located(org_id: str, place: str, origin: str) -> RelationRecord:
    news = origin == "news"
    return RelationRecord(f"r{next(_ids)}", "located_in", org_id, place, tail_name=PLACES[place][0],
                          evidence_count=2 if news else 1, article_ids=("a1",) if news else (),
                          from_atlas=not news)


@pytest.fixture(scope="module")
def index() -> GraphIndex:
    entities: dict[str, EntityRecord] = {}
    relations: list[RelationRecord] = []
    for place_id, (name, kind, parent) in PLACES.items():
        entities[place_id] = EntityRecord(place_id, "place", name, kind=kind, atlas_id=place_id)
        if parent:
            relations.append(RelationRecord(f"r{next(_ids)}", "part_of", place_id, parent, from_atlas=True))
    for org_id, name, zh, aliases, segments, where in ORGS:
        news_only = org_id.startswith("org:x-")
        entities[org_id] = EntityRecord(org_id, "org", name, kind="company", segments=segments, aliases=aliases,
                                        name_zh=zh, atlas_id=None if news_only else org_id,
                                        article_count=1 if news_only else 0)
        relations.extend(_located(org_id, place, origin) for place, origin in where)
        relations.extend(RelationRecord(f"r{next(_ids)}", "operates_in", org_id, f"segment:{s}", from_atlas=True)
                         for s in segments)
    for n in range(FILLER):
        org_id = f"org:x-filler-{n:03d}"
        entities[org_id] = EntityRecord(org_id, "org", f"Filler Design {n:03d}", kind="company",
                                        segments=("design",), aliases=(f"FD{n:03d}",))
        relations.append(_located(org_id, "place:shanghai-zhangjiang" if n % 2 else "place:shanghai", "news"))
    parents = {p: parent for p, (_, _, parent) in PLACES.items() if parent}
    return GraphIndex.build(Snapshot(entities, relations, {}, parents))


@pytest.mark.parametrize("city", sorted(TRUTH))
def test_city_cluster_lists_exactly_the_facilities_in_it_or_below_it(index: GraphIndex, city: str) -> None:
    page = member_page(index, city)
    assert {m.id for m in page.members} == TRUTH[city]
    assert page.total == len(TRUTH[city])


def test_a_large_cluster_lists_every_member_beyond_the_profile_summary(index: GraphIndex) -> None:
    profile = cluster_profile(index, "place:shanghai", limit=20)
    page = member_page(index, "place:shanghai")
    assert profile.organization_total == len(SHANGHAI) > len(profile.organizations)
    assert {m.id for m in page.members} == SHANGHAI
    assert page.total == len(SHANGHAI) and page.limit is None
    # the list opens with the profile's leaders, in the same order
    assert [m.id for m in page.members[:len(profile.leaders)]] == list(profile.leaders)


def test_members_carry_their_chinese_name_aliases_and_places(index: GraphIndex) -> None:
    members = {m.id: m for m in member_page(index, "place:shanghai").members}
    smic = members["org:smic"]
    assert (smic.name_zh, smic.aliases) == ("中芯国际", ("SMIC",))
    assert {p.id for p in smic.places} == {"place:shanghai", "place:shanghai-zhangjiang", "place:shanghai-lingang"}
    assert smic.origin == "atlas+news" and smic.places[0].from_atlas
    amkor = members["org:amkor"]  # no recorded Chinese name: the Chinese alias stands in, and is not repeated
    assert (amkor.name_zh, amkor.aliases) == ("安靠", ("Amkor",))
    assert members["org:jcet"].places[0].id == "place:shanghai-lingang"  # only the places inside the cluster
    assert members["org:x-filler-001"].origin == "news"


def test_pages_cover_every_member_once_with_totals(index: GraphIndex) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = member_page(index, "place:shanghai", limit=25, offset=offset)
        assert page.total == len(SHANGHAI) and page.offset == offset and page.limit == 25
        if not page.members:
            break
        assert len(page.members) <= 25
        seen.extend(m.id for m in page.members)
        offset += 25
    assert len(seen) == len(set(seen)) == len(SHANGHAI)
    assert [m.id for m in member_page(index, "place:shanghai").members] == seen


def test_members_by_segment_and_by_name(index: GraphIndex) -> None:
    page = member_page(index, "place:shanghai", segment="packaging_testing", order="name")
    assert [m.name for m in page.members] == ["Amkor Technology", "JCET Group"]
    assert page.total == 2 and page.segment == "packaging_testing"
    with pytest.raises(ValueError, match="segment"):
        member_page(index, "place:shanghai", segment="baking")


def test_chinese_name_prefers_the_recorded_one() -> None:
    assert chinese_name(EntityRecord("org:a", "org", "A", name_zh="甲", aliases=("乙",))) == "甲"
    assert chinese_name(EntityRecord("org:a", "org", "A", aliases=("Alpha", "乙"))) == "乙"
    assert chinese_name(None) is None


def _atlas_members(atlas: Atlas, city: str) -> set[str]:
    """Organisations the atlas places in ``city`` or a place inside it (headquarters or any site)."""
    found = set()
    for org in atlas.orgs.values():
        spots = [org.headquarters, *(site.place for site in org.sites)]
        if any(spot and atlas.is_within(spot, city) for spot in spots):
            found.add(org.id)
    return found


def test_every_facility_the_atlas_places_in_a_city_is_a_member_of_its_cluster(atlas: Atlas,
                                                                             toy_index: GraphIndex) -> None:
    cities = [p.id for p in atlas.places.values() if p.kind == "city"]
    checked = 0
    for city in cities:
        expected = _atlas_members(atlas, city)
        if not expected:
            continue
        listed = {m.id for m in member_page(toy_index, city).members}
        assert expected <= listed, (city, sorted(expected - listed)[:5])
        checked += len(expected)
    assert checked > 1000
    wuxi = {m.id: m for m in member_page(toy_index, "place:wuxi").members}
    assert {"org:sk-hynix", "org:hua-hong-wuxi", "org:jcet", "org:china-resources-microelectronics"} <= set(wuxi)
    assert all(m.places for m in wuxi.values())
