"""What the recommendations know about organisations and clusters (chipmap.analyze.signals)."""

from __future__ import annotations

from chipmap.analyze.signals import signals, size_band
from chipmap.store import Graph
from tests.analyze.land import Land


def test_city_is_the_prefecture_level_city_and_a_municipality_is_its_own_province() -> None:
    known = signals(Land().index())
    assert known.city("place:alpha-zone") == "place:alpha"
    assert known.city("place:little") == "place:alpha"  # a county-level city belongs to its prefecture
    assert known.city("place:far") is None  # abroad
    assert known.province("place:little") == "place:east"
    assert known.province("place:metro") == "place:metro"


def test_origin_follows_the_headquarters_else_the_places() -> None:
    land = Land()
    land.org("org:home", "design", hq="place:beta")
    land.org("org:away", "design", hq="place:far", sites=("place:alpha",))
    land.org("org:seen-abroad", "design", sites=("place:far",))
    land.org("org:seen-here", "design", sites=("place:gamma",))
    land.org("org:nowhere", "design")
    known = signals(land.index())
    assert [known.origin(o) for o in ("org:home", "org:away", "org:seen-abroad", "org:seen-here", "org:nowhere")] \
        == ["domestic", "foreign", "foreign", "domestic", "unknown"]


def test_profile_has_footprint_size_recent_moves_and_partners() -> None:
    land = Land()
    land.org("org:big", "manufacturing", hq="place:alpha-zone", sites=("place:beta", "place:far"))
    move = land.news_site("org:big", "place:gamma", "2024-03-01")
    land.news_site("org:big", "place:metro", "2015-01-01")  # long before the newest news
    land.org("org:sub", "manufacturing", hq="place:beta")
    land.link("subsidiary_of", "org:sub", "org:big")
    land.org("org:customer", "applications", hq="place:metro")
    land.link("holds_position", "person:wu", "org:big", day="2024-01-01")
    land.link("holds_position", "person:wu", "org:customer", day="2024-01-01")
    profile = signals(land.index()).profile("org:big")
    assert profile.home_province == "place:east" and profile.origin == "domestic"
    assert profile.cities == {"place:alpha", "place:beta", "place:gamma", "place:metro"}
    assert profile.provinces == {"place:east", "place:west", "place:metro"}
    assert (profile.places, profile.subsidiaries, profile.size) == (5, 1, "mid")
    assert profile.recent_moves == (move.id,)
    assert profile.partners == {"org:customer"}  # the shared officer; the subsidiary is its own group


def test_size_bands() -> None:
    assert [size_band(n) for n in (0, 2, 3, 7, 8, 40)] == ["small", "small", "mid", "mid", "large", "large"]


def test_group_climbs_company_owners_only() -> None:
    land = Land()
    for org_id in ("org:parent", "org:child", "org:sister", "org:grandchild"):
        land.org(org_id, "design")
    land.org("org:ministry", kind="government")
    land.org("org:portfolio", "design")
    land.link("subsidiary_of", "org:child", "org:parent")
    land.link("subsidiary_of", "org:sister", "org:parent")
    land.link("subsidiary_of", "org:grandchild", "org:child")
    land.link("subsidiary_of", "org:parent", "org:ministry")
    land.link("subsidiary_of", "org:portfolio", "org:ministry")
    known = signals(land.index())
    assert known.group("org:grandchild") == {"org:parent", "org:child", "org:sister", "org:grandchild"}


def test_cluster_facts_split_sites_from_headquarters_and_count_origins_talent_policy() -> None:
    land = Land()
    land.org("org:based", "design", hq="place:alpha")
    land.org("org:branch", "design", hq="place:far", sites=("place:alpha-zone",))
    land.org("org:uni", kind="academic", hq="place:alpha")
    land.org("org:fund", kind="investor", hq="place:alpha")
    land.org("org:newcomer", "materials")
    signing = land.news_site("org:newcomer", "place:little", "2024-05-01")
    facts = signals(land.index()).cluster("place:alpha")
    assert facts.companies == {"org:based", "org:branch", "org:newcomer"}
    assert set(facts.by_segment["design"]) == {"org:based", "org:branch"}
    assert facts.sites_by_segment["design"] == ("org:branch",)
    assert facts.by_origin["foreign"] == 1 and facts.by_origin["domestic"] == 2
    assert facts.talent == ("org:uni",) and facts.policy == ("org:fund",)
    assert facts.recent == (signing.id,) and facts.province == "place:east"


def test_the_store_hands_over_atlas_headquarters(toy: Graph) -> None:
    snapshot = toy.snapshot()
    assert snapshot.headquarters["org:smic"].startswith("place:shanghai")
    assert all(o.startswith("org:") and p.startswith("place:") for o, p in snapshot.headquarters.items())


def test_region_is_the_home_province_or_the_country_abroad_and_compatriots_skip_the_group() -> None:
    land = Land()
    land.org("org:east-firm", "design", hq="place:little")
    land.org("org:east-other", "design", hq="place:beta")
    land.org("org:east-daughter", "design", hq="place:alpha")
    land.link("subsidiary_of", "org:east-daughter", "org:east-firm")
    land.org("org:abroad", "design", hq="place:far")
    land.org("org:unplaced", "design")
    known = signals(land.index())
    assert known.region("org:east-firm") == "place:east"
    assert known.region("org:abroad") == "place:abroad"
    assert known.region("org:unplaced") is None
    assert known.compatriots("org:east-firm") == {"org:east-other"}
    assert known.compatriots("org:abroad") == frozenset() and known.compatriots("org:unplaced") == frozenset()


def test_overlap_counts_firms_shared_between_its_cities_and_the_cluster() -> None:
    land = Land()
    land.org("org:mover", "design", hq="place:alpha")
    land.org("org:both", "materials", hq="place:alpha", sites=("place:gamma",))
    land.org("org:gamma-only", "materials", hq="place:gamma")
    land.org("org:beta-only", "materials", hq="place:beta")
    known = signals(land.index())
    total, shared = known.overlap("org:mover", "place:gamma")
    # Alpha holds {both} (mover left out), Gamma {both, gamma-only}: 1 / sqrt(1 * 2)
    assert shared == 1 and abs(total - 2 ** -0.5) < 1e-9
    assert known.overlap("org:mover", "place:beta") == (0.0, 0)
