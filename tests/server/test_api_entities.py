"""Entities, relations, evidence, path, search, articles, export, health and the guarded write."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient

from chipmap.demo.toy import toy_article_id

TOKEN = "s3cret-token"  # the one tests/server/conftest.py configures


def test_entity_with_relations_and_evidence(client: TestClient) -> None:
    body = client.get("/api/v1/entities/Zhu Yiming").json()
    assert body["entity"]["id"] == "person:zhu-yiming" and body["relation_total"] == 2
    first = body["relations"][0]["id"]
    assert body["evidence"][first][0]["article_id"] == toy_article_id("toy-004")


def test_entity_by_id_and_alias(client: TestClient) -> None:
    assert client.get("/api/v1/entities/org:smic").json()["entity"]["name"].startswith("Semiconductor")
    assert client.get("/api/v1/entities/中芯国际").json()["entity"]["id"] == "org:smic"


def test_unknown_entity_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/v1/entities/Zhu Yimin")
    assert response.status_code == 404 and "Zhu Yiming" in response.json()["suggestions"]


def test_entity_list_filters_and_pages(client: TestClient) -> None:
    rows = client.get("/api/v1/entities", params={"type": "org", "segment": "equipment", "limit": 5}).json()
    assert len(rows) == 5 and all("equipment" in r["segments"] for r in rows)
    assert client.get("/api/v1/entities", params={"segment": "chips"}).status_code == 404
    assert client.get("/api/v1/entities", params={"type": "robot"}).status_code == 422
    assert client.get("/api/v1/entities", params={"limit": 501}).status_code == 422


def test_neighbourhood(client: TestClient) -> None:
    body = client.get("/api/v1/entities/Hefei/neighbourhood", params={"depth": 1}).json()
    assert body["centre"]["id"] == "place:hefei" and len(body["nodes"]) > 3 and body["edges"]
    assert client.get("/api/v1/entities/Hefei/neighbourhood", params={"depth": 9}).status_code == 422


def test_relations_and_evidence(client: TestClient) -> None:
    rows = client.get("/api/v1/relations", params={"head": "Zhu Yiming"}).json()
    assert {r["tail_id"] for r in rows} == {"org:cxmt", "org:gigadevice"}
    evidence = client.get(f"/api/v1/relations/{rows[0]['id']}/evidence").json()
    assert evidence[0]["sentence"] and evidence[0]["url"].startswith("https://example.org/")
    assert client.get("/api/v1/relations/rel:nope/evidence").status_code == 404
    assert len(client.get("/api/v1/relations", params={"limit": 3}).json()) == 3


def test_path_with_evidence_per_hop(client: TestClient) -> None:
    body = client.get("/api/v1/path", params={"source": "Zhu Yiming", "target": "GigaDevice"}).json()
    assert body["connection"]["found"]
    hop = body["connection"]["hops"][0]
    assert body["evidence"][hop["relation"]["id"]][0]["sentence"] == "Zhu Yiming also chairs GigaDevice."
    assert client.get("/api/v1/path", params={"source": "Zhu Yiming"}).status_code == 422
    assert client.get("/api/v1/path", params={"source": "Zhu Yiming", "target": "Nobody"}).status_code == 404


def test_search_finds_entities_and_articles(client: TestClient) -> None:
    hits = client.get("/api/v1/search", params={"q": "Shaoxing"}).json()
    kinds = {h["kind"] for h in hits}
    assert kinds == {"entity", "article"} and hits[0]["id"] == "place:shaoxing"
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422


def test_articles(client: TestClient) -> None:
    rows = client.get("/api/v1/articles", params={"entity": "CXMT"}).json()
    assert [r["id"] for r in rows] == [toy_article_id("toy-004")]
    assert client.get(f"/api/v1/articles/{toy_article_id('toy-004')}").json()["text"].startswith("ChangXin")
    assert client.get("/api/v1/articles/nope").status_code == 404
    since = client.get("/api/v1/articles", params={"since": "2023-01-01"}).json()
    assert {r["id"] for r in since} == {toy_article_id("toy-002"), toy_article_id("toy-005")}


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/json"), ("graphml", "application/xml"),
                                            ("csv", "application/zip"), ("neo4j", "application/zip")])
def test_export_formats(client: TestClient, fmt: str, media: str) -> None:
    response = client.get("/api/v1/export", params={"format": fmt})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    if media == "application/zip":
        assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2


def test_export_unknown_format_is_422(client: TestClient) -> None:
    assert client.get("/api/v1/export", params={"format": "xlsx"}).status_code == 422


def test_health_counts(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["articles"] == 5


def test_refresh_needs_the_token(client: TestClient) -> None:
    assert client.post("/api/v1/admin/refresh").status_code == 401
    wrong = client.post("/api/v1/admin/refresh", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = client.post("/api/v1/admin/refresh", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["articles"] == 5


def test_writes_are_disabled_without_a_configured_token(graph: object) -> None:
    from chipmap.config import Settings
    from chipmap.server import create_app

    app = create_app(graph, settings=Settings(api_token=None))  # type: ignore[arg-type]
    with TestClient(app) as client:
        response = client.post("/api/v1/admin/refresh", headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "disabled" in response.json()["detail"]


def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/clusters/{name}", "/api/v1/clusters/{name}/gaps", "/api/v1/locate", "/api/v1/compare",
            "/api/v1/path", "/api/v1/search", "/api/v1/export"} <= set(schema["paths"])
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation.get("summary")
