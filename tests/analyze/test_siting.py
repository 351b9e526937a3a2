from __future__ import annotations

import pytest

from chipmap.analyze import GraphIndex, locate
from chipmap.analyze.siting import chain_distances


def test_chain_distances_split_upstream_and_downstream() -> None:
    distances = chain_distances(["design"])
    assert distances["eda_ip"] == ("upstream", 1) and distances["materials"] == ("upstream", 3)
    assert distances["manufacturing"] == ("downstream", 1) and "design" not in distances


def test_designer_prefers_the_city_with_eda_and_a_university(tiny_index: GraphIndex) -> None:
    report = locate(tiny_index, segments=["design"])
    assert report.options[0].cluster.id == "place:beta"
    best = report.options[0]
    assert {c.name for c in best.components} == {"upstream", "downstream", "peers", "talent"}
    talent = next(c for c in best.components if c.name == "talent")
    assert "Beta University" in talent.reason and talent.value == 1.0


def test_locate_by_org_uses_its_segments_and_marks_home(tiny_index: GraphIndex) -> None:
    report = locate(tiny_index, org_id="org:fab")
    assert report.segments == ("manufacturing",)
    assert any(o.already_there for o in report.options if o.cluster.id == "place:alpha")


def test_locate_without_segments_is_an_error(tiny_index: GraphIndex) -> None:
    with pytest.raises(ValueError, match="segment"):
        locate(tiny_index, org_id="org:uni")
