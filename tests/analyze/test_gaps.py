"""Gaps and the companies a cluster could attract: each score component and filter on small graphs."""

from __future__ import annotations

import pytest

from chipmap.analyze import GraphIndex, find_gaps, gap_report
from chipmap.analyze.gaps import WEIGHTS, GapReport, rescore
from tests.analyze.land import Land


def only(name: str) -> dict[str, float]:
    return {k: (1.0 if k == name else 0.0) for k in WEIGHTS}


def value(report: GapReport, org_id: str, name: str) -> float:
    candidate = next(c for c in report.candidates if c.org.id == org_id)
    return next(c.value for c in candidate.components if c.name == name)


def reason(report: GapReport, org_id: str, name: str) -> str:
    candidate = next(c for c in report.candidates if c.org.id == org_id)
    return next(c.reason for c in candidate.components if c.name == name)


def ranked(report: GapReport) -> list[str]:
    return [c.org.id for c in report.candidates]


def test_missing_segment_has_full_severity() -> None:
    gaps = find_gaps({"design": 5}, {"design": 10, "equipment": 10})
    assert [(g.segment, g.status, g.severity) for g in gaps] == [("equipment", "missing", 1.0)]


def test_thin_segment_is_reported_against_expected_count() -> None:
    gaps = find_gaps({"design": 10, "equipment": 1}, {"design": 1, "equipment": 1})
    thin = next(g for g in gaps if g.segment == "equipment")
    assert thin.status == "thin" and 0 < thin.severity < 1 and thin.expected == 5.5


def test_segment_absent_from_reference_is_no_gap() -> None:
    assert [g.segment for g in find_gaps({}, {"design": 3})] == ["design"]


def test_candidates_are_companies_elsewhere_gap_or_not_each_component_explained(tiny_index: GraphIndex) -> None:
    report = gap_report(tiny_index, "place:alpha")
    assert {"equipment", "eda_ip", "design"} <= {g.segment for g in report.gaps}
    ids = ranked(report)
    assert "org:fab" not in ids and "org:uni" not in ids  # in the cluster / not a company
    tool = next(c for c in report.candidates if c.org.id == "org:tool")
    assert {c.name for c in tool.components} == set(WEIGHTS)
    assert all(c.reason for c in tool.components) and tool.gap_segments == ("equipment",)
    assert tool.score == pytest.approx(100 * sum(c.value * c.weight for c in tool.components), abs=0.01)


def test_fit_favours_the_specialist_in_a_gap() -> None:
    land = Land()
    for number in range(4):
        land.org(f"org:resident-{number}", "manufacturing", hq="place:alpha")
    land.org("org:specialist", "design", hq="place:beta")
    land.org("org:conglomerate", "design", "manufacturing", "applications", hq="place:beta")
    land.org("org:same-segment", "manufacturing", hq="place:beta")
    report = gap_report(land.index(), "place:alpha", weights=only("fit"))
    assert value(report, "org:specialist", "fit") > value(report, "org:conglomerate", "fit") > 0
    assert value(report, "org:same-segment", "fit") == 0.0  # still a candidate
    assert reason(report, "org:same-segment", "fit") == "works in no gap segment"


def test_chain_counts_the_clusters_suppliers_and_customers_of_the_candidate() -> None:
    land = Land()
    land.org("org:foundry", "manufacturing", hq="place:alpha")
    land.org("org:designer", "design", hq="place:beta")
    land.org("org:miner", "materials", hq="place:beta")
    report = gap_report(land.index(), "place:alpha", weights=only("chain"))
    assert value(report, "org:designer", "chain") > value(report, "org:miner", "chain") > 0  # 1 vs 3 steps
    assert "Manufacturing customer" in reason(report, "org:designer", "chain")


def test_peers_count_firms_of_its_segments_with_sites_in_the_cluster() -> None:
    land = Land()
    land.org("org:branch", "packaging_testing", hq="place:gamma", sites=("place:alpha",))
    land.org("org:packer", "packaging_testing", hq="place:beta")
    land.org("org:designer", "design", hq="place:beta")
    report = gap_report(land.index(), "place:alpha", weights=only("peers"))
    assert ranked(report)[0] == "org:packer" and value(report, "org:designer", "peers") == 0.0


def test_expansion_favours_wide_footprints_and_recent_moves() -> None:
    land = Land()
    land.org("org:resident", "manufacturing", hq="place:alpha")
    land.org("org:wide", "design", hq="place:beta", sites=("place:gamma", "place:metro", "place:west", "place:far", "place:abroad"))
    land.org("org:mover", "design", hq="place:beta")
    land.news_site("org:mover", "place:gamma", "2024-01-01")
    land.org("org:still", "design", hq="place:beta")
    report = gap_report(land.index(), "place:alpha", weights=only("expansion"))
    assert ranked(report)[0] == "org:wide"
    assert value(report, "org:mover", "expansion") > value(report, "org:still", "expansion")
    assert "1 recent move" in reason(report, "org:mover", "expansion")


def test_home_favours_firms_based_in_the_province() -> None:
    land = Land()
    land.org("org:resident", "manufacturing", hq="place:alpha")
    land.org("org:neighbour", "design", hq="place:beta")
    land.org("org:present", "design", hq="place:gamma", sites=("place:beta",))
    land.org("org:distant", "design", hq="place:gamma")
    report = gap_report(land.index(), "place:alpha", weights=only("home"))
    assert [value(report, o, "home") for o in ("org:neighbour", "org:present", "org:distant")] == [1.0, 0.5, 0.0]


def test_origin_matches_the_clusters_mix() -> None:
    land = Land()
    for number in range(3):
        land.org(f"org:foreign-{number}", "manufacturing", hq="place:far", sites=("place:alpha",))
    land.org("org:foreign-candidate", "design", hq="place:far")
    land.org("org:domestic-candidate", "design", hq="place:beta")
    report = gap_report(land.index(), "place:alpha", weights=only("origin"))
    assert ranked(report)[0] == "org:foreign-candidate"
    assert value(report, "org:domestic-candidate", "origin") < value(report, "org:foreign-candidate", "origin")


def test_scale_keeps_a_small_park_from_chasing_giants_unless_a_size_is_asked() -> None:
    land = Land()
    land.org("org:resident", "manufacturing", hq="place:alpha")
    land.org("org:giant", "design", hq="place:far",
             sites=("place:beta", "place:gamma", "place:metro", "place:west"))
    for number in range(4):
        land.org(f"org:giant-unit-{number}", "design")
        land.link("subsidiary_of", f"org:giant-unit-{number}", "org:giant")
    land.org("org:midsize", "design", hq="place:beta")
    index = land.index()
    report = gap_report(index, "place:alpha", weights=only("scale"))
    assert value(report, "org:giant", "scale") < value(report, "org:midsize", "scale") == 1.0
    giant = next(c for c in report.candidates if c.org.id == "org:giant")
    assert giant.size == "large" and giant.origin == "foreign"
    asked = gap_report(index, "place:alpha", size="large")
    assert ranked(asked) == ["org:giant"]
    assert all(c.weight == 0.0 for c in asked.candidates[0].components if c.name == "scale")


def test_links_and_recency_reward_ties_and_fresh_news(tiny_index: GraphIndex) -> None:
    links = gap_report(tiny_index, "place:alpha", weights=only("links"))
    recency = gap_report(tiny_index, "place:alpha", weights=only("recency"))
    assert value(links, "org:tool", "links") == 0.0
    assert value(recency, "org:tool", "recency") > value(recency, "org:eda", "recency") == 0.0


def test_filters_narrow_the_list_without_reordering_it() -> None:
    land = Land()
    land.org("org:resident", "manufacturing", hq="place:alpha")
    land.org("org:east-design", "design", hq="place:beta")
    land.org("org:west-design", "design", hq="place:gamma")
    land.org("org:west-tools", "equipment", hq="place:gamma")
    land.org("org:abroad-design", "design", hq="place:far", sites=("place:gamma",))
    index = land.index()
    full = ranked(gap_report(index, "place:alpha", limit=50))
    design = gap_report(index, "place:alpha", segment="design", limit=50)
    assert ranked(design) == [o for o in full if o.endswith("design")]
    assert design.filters == {"segment": "design"} and design.candidate_total == 3
    assert ranked(gap_report(index, "place:alpha", province="place:west")) == [
        o for o in full if o in ("org:west-design", "org:west-tools")]
    assert ranked(gap_report(index, "place:alpha", origin="foreign")) == ["org:abroad-design"]
    assert gap_report(index, "place:alpha", size="large").candidates == ()


def test_rescoring_with_the_same_weights_keeps_the_order(tiny_index: GraphIndex) -> None:
    report = gap_report(tiny_index, "place:alpha", limit=50)
    assert [c.org.id for c in rescore(report.candidates, WEIGHTS)] == ranked(report)


def test_gap_report_against_a_peer(tiny_index: GraphIndex) -> None:
    report = gap_report(tiny_index, "place:alpha", peer_id="place:beta")
    assert report.reference == "place:beta" and report.reference_name == "Beta City"
    assert "manufacturing" not in {g.segment for g in report.gaps}


def test_gap_report_paginates(toy_index: GraphIndex) -> None:
    first = gap_report(toy_index, "place:shaoxing", limit=5)
    second = gap_report(toy_index, "place:shaoxing", limit=5, offset=5)
    assert len(first.candidates) == 5 and first.candidate_total >= 10
    assert not {c.org.id for c in first.candidates} & {c.org.id for c in second.candidates}
    assert [c.score for c in first.candidates] == sorted((c.score for c in first.candidates), reverse=True)


def test_overlap_favours_firms_whose_cities_share_companies_with_the_cluster() -> None:
    land = Land()
    land.org("org:target-firm", "design", hq="place:gamma")
    land.org("org:bridge", "materials", hq="place:alpha", sites=("place:gamma",))  # Alpha and Gamma share it
    land.org("org:from-alpha", "design", hq="place:alpha")
    land.org("org:from-beta", "design", hq="place:beta")
    report = gap_report(land.index(), "place:gamma", limit=10, weights=only("overlap"))
    assert ranked(report)[0] == "org:from-alpha"
    assert value(report, "org:from-alpha", "overlap") == 1.0
    assert value(report, "org:from-beta", "overlap") == 0.0  # Beta shares no firm with Gamma
    assert reason(report, "org:from-alpha", "overlap") == "1 of the cluster's companies also sit in its 1 Chinese city"
