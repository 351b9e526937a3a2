"""Site selection: each score component on a small hand-built map (tests/analyze/land.py)."""

from __future__ import annotations

import pytest

from chipmap.analyze import GraphIndex, locate
from chipmap.analyze.siting import WEIGHTS, SiteReport, candidates, chain_distances, rescore
from tests.analyze.land import Land


def component(report: SiteReport, cluster_id: str, name: str) -> float:
    option = next(o for o in report.options if o.cluster.id == cluster_id)
    return next(c.value for c in option.components if c.name == name)


def reason(report: SiteReport, cluster_id: str, name: str) -> str:
    option = next(o for o in report.options if o.cluster.id == cluster_id)
    return next(c.reason for c in option.components if c.name == name)


def only(name: str) -> dict[str, float]:
    return {k: (1.0 if k == name else 0.0) for k in WEIGHTS}


def test_chain_distances_split_upstream_and_downstream() -> None:
    distances = chain_distances(["design"])
    assert distances["eda_ip"] == ("upstream", 1) and distances["materials"] == ("upstream", 3)
    assert distances["manufacturing"] == ("downstream", 1) and "design" not in distances
    assert chain_distances([]) == {}


def test_every_city_is_a_candidate_even_without_firms_and_levels_differ() -> None:
    index = Land().index()
    assert candidates(index, "city") == ["place:alpha", "place:beta", "place:gamma", "place:metro"]
    assert candidates(index, "district") == ["place:alpha-zone", "place:little"]
    with pytest.raises(ValueError, match="level"):
        candidates(index, "province")


def test_parks_are_candidates_at_park_level() -> None:
    land = Land()
    land.org("org:tech-park", kind="park", hq="place:alpha-zone")
    index = land.index()
    assert candidates(index, "park") == ["org:tech-park"]
    assert "org:tech-park" in candidates(index, "all")


def test_mass_counts_companies() -> None:
    land = Land()
    for number in range(3):
        land.org(f"org:a{number}", "applications", hq="place:alpha")
    land.org("org:b0", "applications", hq="place:beta")
    report = locate(land.index(), segments=["design"], limit=10, weights=only("mass"))
    assert [o.cluster.id for o in report.options[:2]] == ["place:alpha", "place:beta"]
    assert component(report, "place:alpha", "mass") == 1.0 and component(report, "place:gamma", "mass") == 0.0


def test_peers_count_sites_fully_and_headquarters_half() -> None:
    land = Land()
    land.org("org:branch", "packaging_testing", hq="place:metro", sites=("place:beta",))
    land.org("org:based", "packaging_testing", hq="place:gamma")
    report = locate(land.index(), segments=["packaging_testing"], weights=only("peers"))
    assert report.options[0].cluster.id == "place:beta"
    assert component(report, "place:beta", "peers") > component(report, "place:gamma", "peers") > 0
    assert "Branch" in reason(report, "place:beta", "peers")


def test_chain_counts_suppliers_and_customers_and_known_partners_double() -> None:
    land = Land()
    land.org("org:eda", "eda_ip", hq="place:beta")
    land.org("org:foundry", "manufacturing", hq="place:gamma")
    land.org("org:designer", "design", hq="place:metro")
    index = land.index()
    plain = locate(index, org_id="org:designer", weights=only("chain"))
    assert component(plain, "place:beta", "chain") == component(plain, "place:gamma", "chain") == 1.0
    land.link("holds_position", "person:li", "org:designer", day="2024-01-01")
    land.link("holds_position", "person:li", "org:foundry", day="2024-01-01")
    partnered = locate(land.index(), org_id="org:designer", weights=only("chain"))
    assert partnered.options[0].cluster.id == "place:gamma"
    assert "known partner" in reason(partnered, "place:gamma", "chain")


def test_origin_sends_a_foreign_firm_where_foreign_firms_are() -> None:
    land = Land()
    land.org("org:visitor", "design", hq="place:far")
    land.org("org:foreign-a", "materials", hq="place:far", sites=("place:beta",))
    land.org("org:foreign-b", "materials", hq="place:far", sites=("place:beta",))
    land.org("org:local-a", "materials", hq="place:gamma")
    land.org("org:local-b", "materials", hq="place:gamma")
    land.org("org:local-c", "materials", hq="place:gamma")
    report = locate(land.index(), org_id="org:visitor", weights=only("origin"))
    assert report.options[0].cluster.id == "place:beta"
    assert reason(report, "place:beta", "origin") == "2 foreign companies"


def test_home_prefers_the_home_province_then_provinces_where_it_is() -> None:
    land = Land()
    land.org("org:mover", "design", hq="place:alpha", sites=("place:gamma",))
    report = locate(land.index(), org_id="org:mover", weights=only("home"))
    assert component(report, "place:beta", "home") == 1.0  # same province as Alpha
    assert component(report, "place:metro", "home") == 0.0
    assert next(o for o in report.options if o.cluster.id == "place:gamma").already_there


def test_talent_and_policy_count_universities_funds_and_recent_signings() -> None:
    land = Land()
    land.org("org:uni", kind="academic", hq="place:beta")
    land.org("org:fund", kind="investor", hq="place:gamma")
    land.org("org:arrival", "design")
    land.news_site("org:arrival", "place:metro", "2024-06-01")
    index = land.index()
    talent = locate(index, segments=["design"], weights=only("talent"))
    assert talent.options[0].cluster.id == "place:beta" and "Uni" in reason(talent, "place:beta", "talent")
    policy = locate(index, segments=["design"], weights=only("policy"))
    assert {o.cluster.id for o in policy.options[:2]} == {"place:gamma", "place:metro"}
    assert "1 recent signing" in reason(policy, "place:metro", "policy")


def test_an_organisation_without_segments_is_still_sited() -> None:
    land = Land()
    land.org("org:mystery", hq="place:alpha")
    land.org("org:other", "design", hq="place:beta")
    report = locate(land.index(), org_id="org:mystery")
    assert report.segments == () and report.option_total == 4


def test_nothing_to_site_is_an_error(tiny_index: GraphIndex) -> None:
    with pytest.raises(ValueError, match="segment"):
        locate(tiny_index)


def test_rescoring_with_the_same_weights_keeps_the_order(tiny_index: GraphIndex) -> None:
    report = locate(tiny_index, segments=["design"], limit=50)
    again = rescore(report.options, WEIGHTS)
    assert [o.cluster.id for o in again] == [o.cluster.id for o in report.options]
    assert [o.score for o in again] == [o.score for o in report.options]
    best = report.options[0]
    assert best.score == pytest.approx(100 * sum(c.value * c.weight for c in best.components), abs=0.01)
    assert all(c.reason for c in best.components)


def test_designer_prefers_the_city_with_eda_and_a_university(tiny_index: GraphIndex) -> None:
    report = locate(tiny_index, segments=["design"])
    assert report.options[0].cluster.id == "place:beta"
    assert "Beta University" in reason(report, "place:beta", "talent")


def test_locate_by_org_uses_its_segments_and_marks_home(tiny_index: GraphIndex) -> None:
    report = locate(tiny_index, org_id="org:fab")
    assert report.segments == ("manufacturing",)
    assert any(o.already_there for o in report.options if o.cluster.id == "place:alpha")


def test_kin_sends_a_firm_where_companies_of_its_home_region_went() -> None:
    land = Land()
    land.org("org:newcomer", "design", hq="place:beta")  # region: the east province
    land.org("org:east-a", "materials", hq="place:beta", sites=("place:gamma",))
    land.org("org:east-b", "equipment", hq="place:beta", sites=("place:gamma",))
    land.org("org:west-a", "materials", hq="place:gamma", sites=("place:metro",))
    land.org("org:west-b", "equipment", hq="place:gamma", sites=("place:metro",))
    land.org("org:west-c", "materials", hq="place:gamma", sites=("place:metro",))
    report = locate(land.index(), org_id="org:newcomer", weights=only("kin"))
    fresh = [o.cluster.id for o in report.options if not o.already_there]
    assert fresh[0] == "place:gamma"  # two east firms run sites there
    assert component(report, "place:gamma", "kin") == 1.0
    assert component(report, "place:metro", "kin") == 0.0  # three firms, none of its region
    assert "2 compan(ies) from East here" in reason(report, "place:gamma", "kin")


def test_kin_leaves_out_the_own_group_and_needs_a_home_region() -> None:
    land = Land()
    land.org("org:parent", "design", hq="place:far")
    land.org("org:daughter", "design", hq="place:far", sites=("place:beta",))
    land.link("subsidiary_of", "org:daughter", "org:parent")
    land.org("org:rootless", "design", sites=("place:alpha",))
    index = land.index()
    report = locate(index, org_id="org:parent", weights=only("kin"))
    assert component(report, "place:beta", "kin") == 0.0  # its own subsidiary is no compatriot
    assert reason(locate(index, org_id="org:rootless", weights=only("kin")), "place:beta", "kin") \
        == "home region unknown"
    assert reason(locate(index, segments=["design"], weights=only("kin")), "place:beta", "kin") \
        == "no organisation given"
