"""Review through HTTP and the dashboard page, on a small SQLite graph with two candidate pairs."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from chipmap.config import Settings
from chipmap.server import create_app
from chipmap.store import open_graph
from tests.review_graph import build

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "review-token"


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    build(url)
    with open_graph(url) as graph, TestClient(create_app(graph, settings=Settings(api_token=TOKEN))) as client:
        yield client


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_candidates_are_listed_and_paged(client: TestClient) -> None:
    body = client.get("/api/v1/review", params={"limit": 1}).json()
    assert body["total"] == 2 and len(body["items"]) == 1
    item = body["items"][0]
    assert {"id", "score", "reason", "entity", "other", "surfaces", "articles"} <= set(item)
    second = client.get("/api/v1/review", params={"limit": 1, "offset": 1}).json()["items"][0]
    assert second["id"] != item["id"]


def test_verdicts_need_the_token_and_change_the_graph(client: TestClient) -> None:
    items = {i["entity"]["name"]: i for i in client.get("/api/v1/review").json()["items"]}
    optics = items["Jinghong Optical"]
    assert client.post(f"/api/v1/review/{optics['id']}/accept").status_code == 401
    assert client.post(f"/api/v1/review/{optics['id']}/accept",
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    judged = client.post(f"/api/v1/review/{optics['id']}/accept", headers=_auth(), params={"note": "same firm"})
    assert judged.status_code == 200, judged.text
    assert judged.json()["merge"]["kept"] == optics["other"]["id"]
    entity = client.get("/api/v1/entities/Jinghong Optical").json()["entity"]
    assert entity["id"] == optics["other"]["id"]  # the served graph was refreshed
    ruixin = items["Ruixin Semiconductors Suzhou"]
    assert client.post(f"/api/v1/review/{ruixin['id']}/reject", headers=_auth()).json()["merge"] is None
    assert client.get("/api/v1/review").json()["total"] == 0
    verdicts = client.get("/api/v1/review/verdicts").json()
    assert [(v["verdict"], v["note"]) for v in verdicts] == [("same", "same firm"), ("different", "")]
    assert client.post(f"/api/v1/review/{ruixin['id']}/accept", headers=_auth()).status_code == 404


def test_review_page_lists_pairs_and_offers_verdicts(client: TestClient) -> None:
    html = client.get("/review").text
    assert "Jinghong Optical" in html and 'data-verdict="accept"' in html and "review.js" in html
    assert "2 of 2" in html


def test_review_page_is_read_only_without_a_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    build(url)
    with open_graph(url) as graph, TestClient(create_app(graph, settings=Settings())) as client:
        html = client.get("/review").text
        assert "read-only" in html and 'data-verdict="accept"' not in html
        assert client.post("/api/v1/review/1/accept").status_code == 403
