"""The API on the real store: the demo corpus and the atlas built into SQLite by the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chipmap.server import create_app

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def store_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from chipmap.demo import build_demo

    url = build_demo(Path(tmp_path_factory.mktemp("store")) / "demo.db")
    with TestClient(create_app(db=url)) as client:
        yield client


def test_cluster_with_evidence_from_the_store(store_client: TestClient) -> None:
    body = store_client.get("/api/v1/clusters/Shaoxing", params={"evidence": True}).json()
    assert len([g for g in body["profile"]["by_segment"] if g["org_ids"]]) >= 3
    sentences = [e for rows in body["evidence"].values() for e in rows]
    assert any(e["origin"] == "news" and e["article_id"] for e in sentences)


def test_gaps_locate_compare_timeline_from_the_store(store_client: TestClient) -> None:
    assert len(store_client.get("/api/v1/clusters/Shaoxing/gaps").json()["candidates"]) >= 5
    assert store_client.get("/api/v1/locate", params={"segments": "design"}).json()["options"]
    compared = store_client.get("/api/v1/compare", params={"names": ["Lingang", "Zhangjiang", "Wuxi"]})
    assert compared.status_code == 200 and len(compared.json()["clusters"]) == 3
    assert store_client.get("/api/v1/clusters/Hefei/timeline", params={"since": "2019-01-01"}).json()["items"]


def test_entity_search_and_evidence_from_the_store(store_client: TestClient) -> None:
    hits = store_client.get("/api/v1/search", params={"q": "SMIC"}).json()
    assert hits
    entity = store_client.get(f"/api/v1/entities/{hits[0]['id']}").json()
    assert entity["relations"]
    relation = entity["relations"][0]["id"]
    assert store_client.get(f"/api/v1/relations/{relation}/evidence").json()


def test_unknown_names_from_the_store(store_client: TestClient) -> None:
    response = store_client.get("/api/v1/clusters/Shaoxin")
    assert response.status_code == 404 and response.json()["suggestions"]
    assert store_client.get("/api/v1/articles/no-such-article").status_code == 404


def test_dashboard_pages_from_the_store(store_client: TestClient) -> None:
    for url in ("/", "/cluster/Shaoxing", "/entity/SMIC", "/graph?entity=Hefei", "/timeline/Hefei",
                "/compare?names=Lingang&names=Wuxi", "/search?q=memory"):
        assert store_client.get(url).status_code == 200, url
