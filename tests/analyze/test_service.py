from __future__ import annotations

import datetime as dt

import pytest

from chipmap.analyze import Analyst
from chipmap.errors import NotFound
from chipmap.store import Graph


@pytest.fixture(scope="module")
def analyst(toy: Graph) -> Analyst:
    return Analyst(toy)


def test_cluster_by_name_with_evidence(analyst: Analyst) -> None:
    answer = analyst.cluster("Shaoxing", evidence=True)
    assert answer.profile.cluster.id == "place:shaoxing"
    assert answer.evidence and all(answer.evidence.values())


def test_unknown_cluster_suggests_names(analyst: Analyst) -> None:
    with pytest.raises(NotFound) as caught:
        analyst.cluster("Shaoxin")
    assert "Shaoxing" in caught.value.suggestions


def test_a_company_is_not_a_cluster(analyst: Analyst) -> None:
    with pytest.raises(NotFound, match="place or park"):
        analyst.cluster("org:smic")


def test_gaps_name_candidates_with_reasons(analyst: Analyst) -> None:
    report = analyst.gaps("Shaoxing", limit=5)
    assert report.gaps and len(report.candidates) == 5
    assert all(c.reason for cand in report.candidates for c in cand.components)


def test_locate_rejects_unknown_segments(analyst: Analyst) -> None:
    with pytest.raises(NotFound, match="segment"):
        analyst.locate(segments=["chips"])


def test_locate_design_ranks_cities(analyst: Analyst) -> None:
    report = analyst.locate(segments=["design"], limit=3)
    assert len(report.options) == 3 and report.options[0].score >= report.options[1].score


def test_entity_page_has_relations_and_evidence(analyst: Analyst) -> None:
    answer = analyst.entity("Zhu Yiming")
    assert answer.relation_total == 2
    assert all(answer.evidence[r.id] for r in answer.relations)


def test_path_carries_evidence_per_hop(analyst: Analyst) -> None:
    answer = analyst.path("Zhu Yiming", "GigaDevice")
    assert answer.connection.found
    assert answer.evidence[answer.connection.hops[0].relation.id][0].sentence == "Zhu Yiming also chairs GigaDevice."


def test_compare_and_timeline_and_network(analyst: Analyst) -> None:
    comparison = analyst.compare(["Lingang", "Zhangjiang", "Wuxi"])
    assert [c.cluster.id for c in comparison.clusters] == [
        "place:shanghai-lingang", "place:shanghai-zhangjiang", "place:wuxi"]
    assert analyst.timeline("Shaoxing").items
    assert analyst.network("Shaoxing").actors


def test_as_of_cluster_forgets_later_news(analyst: Analyst) -> None:
    now = analyst.cluster("Shaoxing").profile
    before = analyst.cluster("Shaoxing", day=dt.date(2017, 1, 1)).profile
    assert now.recent_articles and not before.recent_articles
    assert sum(len(o.located) for o in before.organizations) < sum(len(o.located) for o in now.organizations)
