"""The cluster questions through HTTP: profile, gaps, timeline, network, compare, locate."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_cluster_profile_lists_orgs_by_segment_with_evidence(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing", params={"evidence": True}).json()
    assert body["profile"]["cluster"]["id"] == "place:shaoxing"
    segments = [g for g in body["profile"]["by_segment"] if g["org_ids"]]
    assert len(segments) >= 3
    coverage = body["profile"]["coverage"]
    assert [s["segment"] for s in coverage["segments"]] == ["materials", "equipment", "eda_ip", "design",
                                                           "manufacturing", "packaging_testing", "applications"]
    assert 0 < coverage["score"] <= 1
    for org in body["profile"]["organizations"]:
        assert any(body["evidence"].get(r["id"]) for r in org["located"])


def test_cluster_members_are_paged_with_totals(client: TestClient) -> None:
    first = client.get("/api/v1/clusters/Shanghai/members", params={"limit": 40}).json()
    total = first["total"]
    assert total > 100 and len(first["members"]) == 40 and first["offset"] == 0
    seen = [m["id"] for m in first["members"]]
    for offset in range(40, total + 40, 40):
        page = client.get("/api/v1/clusters/Shanghai/members", params={"limit": 40, "offset": offset}).json()
        assert page["total"] == total
        seen.extend(m["id"] for m in page["members"])
    assert len(seen) == len(set(seen)) == total
    profile = client.get("/api/v1/clusters/Shanghai", params={"limit": 10, "offset": 10}).json()
    assert profile["members"]["total"] == total == profile["profile"]["organization_total"]
    assert [m["id"] for m in profile["members"]["members"]] == seen[10:20]
    assert all({"name_zh", "aliases", "places", "segments"} <= set(m) for m in profile["members"]["members"])


def test_cluster_members_by_segment_and_name(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shanghai/members",
                      params={"segment": "manufacturing", "order": "name", "limit": 500}).json()
    assert body["members"] and all("manufacturing" in m["segments"] for m in body["members"])
    names = [m["name"].casefold() for m in body["members"]]
    assert names == sorted(names)
    assert client.get("/api/v1/clusters/Shanghai/members", params={"segment": "baking"}).status_code == 404


def test_cluster_as_of_a_date(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing", params={"as_of": "2017-01-01"}).json()
    assert body["as_of"] == "2017-01-01" and body["profile"]["recent_articles"] == []


def test_park_or_place_only(client: TestClient) -> None:
    response = client.get("/api/v1/clusters/org:smic")
    assert response.status_code == 404 and "place or park" in response.json()["detail"]


def test_unknown_cluster_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/v1/clusters/Shaoxin")
    assert response.status_code == 404
    assert "Shaoxing" in response.json()["suggestions"]


def test_gaps_with_candidates_and_pagination(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing/gaps", params={"limit": 5}).json()
    assert body["gaps"] and len(body["candidates"]) == 5
    assert body["candidate_total"] > 5
    assert all(c["reason"] for cand in body["candidates"] for c in cand["components"])
    page2 = client.get("/api/v1/clusters/Shaoxing/gaps", params={"limit": 5, "offset": 5}).json()
    assert {c["org"]["id"] for c in page2["candidates"]}.isdisjoint(c["org"]["id"] for c in body["candidates"])


def test_gaps_against_a_peer(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing/gaps", params={"vs": "Wuxi"}).json()
    assert body["reference"] == "place:wuxi"
    assert client.get("/api/v1/clusters/Shaoxing/gaps", params={"vs": "Atlantis"}).status_code == 404


def test_timeline_since_and_kinds(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing/timeline", params={"since": "2020-01-01"}).json()
    assert body["items"] and all(i["date"] >= "2020-01-01" for i in body["items"])
    only = client.get("/api/v1/clusters/Shaoxing/timeline", params={"kind": "appointment"}).json()
    assert {i["kind"] for i in only["items"]} == {"appointment"}
    assert client.get("/api/v1/clusters/Shaoxing/timeline", params={"kind": "party"}).status_code == 404
    assert client.get("/api/v1/clusters/Shaoxing/timeline", params={"since": "yesterday"}).status_code == 422


def test_network_of_a_cluster(client: TestClient) -> None:
    body = client.get("/api/v1/clusters/Shaoxing/network").json()
    assert body["actors"] and body["cluster"]["id"] == "place:shaoxing"


def test_compare_needs_two_known_clusters(client: TestClient) -> None:
    body = client.get("/api/v1/compare", params={"names": ["Lingang", "Zhangjiang", "Wuxi"]}).json()
    assert [c["cluster"]["id"] for c in body["clusters"]] == [
        "place:shanghai-lingang", "place:shanghai-zhangjiang", "place:wuxi"]
    assert client.get("/api/v1/compare", params={"names": ["Wuxi"]}).status_code == 422
    assert client.get("/api/v1/compare", params={"names": ["Wuxi", "Nowhereville"]}).status_code == 404


@pytest.mark.parametrize("params", [{"segments": "design"}, {"org": "Empyrean Technology"},
                                   {"segments": ["design", "eda_ip"], "level": "all"},
                                   {"org": "Tsinghua University", "level": "park"}])
def test_locate_ranks_clusters_with_reasons(client: TestClient, params: dict[str, object]) -> None:
    body = client.get("/api/v1/locate", params=params).json()  # type: ignore[arg-type]
    assert body["options"]
    assert all(c["reason"] for o in body["options"] for c in o["components"])


@pytest.mark.parametrize(("params", "status"), [({}, 404), ({"segments": "chips"}, 404),
                                                ({"segments": "design", "level": "galaxy"}, 422),
                                                ({"org": "Nobody Inc"}, 404), ({"org": "Tsinghua University", "level": "province"}, 422),
                                                ({"segments": "design", "limit": 0}, 422)])
def test_locate_bad_input_is_4xx(client: TestClient, params: dict[str, object], status: int) -> None:
    response = client.get("/api/v1/locate", params=params)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.json()["detail"]
