"""The projects endpoints and the dashboard's projects section, through FastAPI's TestClient."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from chipmap.server import create_app
from tests.project_graph import project_graph


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    graph = project_graph()
    with TestClient(create_app(graph)) as test_client:
        yield test_client
    graph.close()


def test_cluster_projects_with_history_evidence_and_totals(client: TestClient) -> None:
    response = client.get("/api/v1/clusters/Shanghai/projects")
    assert response.status_code == 200
    data = response.json()
    (fab,) = data["projects"]
    assert fab["status"] == "production" and len(fab["history"]) == 3
    assert fab["evidence"]["amount"] and fab["sources"][0]["url"].startswith("https://example.org/")
    assert data["totals"]["overall"]["by_currency"] == {"CNY": [10e9, 12e9]}


def test_filters_and_as_of(client: TestClient) -> None:
    assert client.get("/api/v1/clusters/China/projects", params={"status": "planned"}).json()["total"] == 1
    assert client.get("/api/v1/clusters/Shanghai/projects", params={"since": "2030-01-01"}).json()["total"] == 0
    then = client.get("/api/v1/clusters/Shanghai/projects", params={"as_of": "2020-06-01"}).json()
    assert then["projects"][0]["status"] == "construction"


def test_unknown_names_statuses_and_dates_are_client_errors(client: TestClient) -> None:
    assert client.get("/api/v1/clusters/Shanghia/projects").status_code == 404
    response = client.get("/api/v1/clusters/Shanghai/projects", params={"status": "finished"})
    assert response.status_code == 404 and "planned" in response.json()["suggestions"]
    assert client.get("/api/v1/clusters/Shanghai/projects", params={"since": "soon"}).status_code == 422


def test_holders_on_a_day(client: TestClient) -> None:
    early = client.get("/api/v1/entities/Orion Foundry/holders", params={"title": "chairman", "as_of": "2020-01-01"})
    assert early.status_code == 200 and [t["person_id"] for t in early.json()] == ["person:lin-mei"]
    now = client.get("/api/v1/entities/Orion Foundry/holders", params={"title": "chairman"}).json()
    assert [t["person_id"] for t in now] == ["person:zhao-kai"]


def test_profile_and_comparison_carry_project_summaries(client: TestClient) -> None:
    profile = client.get("/api/v1/clusters/Shanghai").json()["profile"]
    assert profile["projects"]["total"] == 1 and profile["projects"]["by_status"] == {"production": 1}
    compared = client.get("/api/v1/compare", params={"names": ["Shanghai", "Hefei"]}).json()
    assert [c["projects"]["total"] for c in compared["clusters"]] == [1, 1]


def test_the_cluster_page_has_a_projects_table_and_an_investment_chart(client: TestClient) -> None:
    page = client.get("/cluster/Shanghai").text
    assert 'id="investment-chart"' in page and 'id="investment-data"' in page
    assert "projects-table" in page and "Orion Foundry" in page and "CNY 10 bn – CNY 12 bn" in page
    timeline = client.get("/api/v1/clusters/Shanghai/timeline", params={"kind": "project"}).json()
    assert any(i["title"].endswith(": production") for i in timeline["items"])


def test_the_compare_page_shows_project_counts_and_investment(client: TestClient) -> None:
    page = client.get("/compare", params={"names": ["Shanghai", "Hefei"]}).text
    assert "Investment projects" in page and "production 1" in page and "≈ CNY 12 bn" not in page
    assert "≈ CNY 10 bn – CNY 12 bn" in page
