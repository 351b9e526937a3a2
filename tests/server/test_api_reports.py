"""The cluster brief over the REST API and the dashboard's links to it."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_brief_as_html_over_the_api(client: TestClient) -> None:
    response = client.get("/api/v1/clusters/Shaoxing/report", params={"format": "html", "vs": "Wuxi"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'filename="place-shaoxing-brief.html"' in response.headers["content-disposition"]
    assert 'id="coverage-chart"' in response.text and "Sources" in response.text


def test_brief_as_pdf_over_the_api(client: TestClient) -> None:
    response = client.get("/api/v1/clusters/place:shaoxing/report", params={"format": "pdf"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.headers["content-disposition"].startswith("attachment;")


def test_brief_of_an_unknown_cluster_is_404_and_a_bad_format_422(client: TestClient) -> None:
    assert client.get("/api/v1/clusters/Atlantis/report").status_code == 404
    assert client.get("/api/v1/clusters/Shaoxing/report", params={"format": "docx"}).status_code == 422


def test_cluster_page_links_to_its_brief(client: TestClient) -> None:
    html = client.get("/cluster/Shaoxing", params={"vs": "Wuxi"}).text
    assert 'href="/api/v1/clusters/place%3Ashaoxing/report?format=pdf&amp;vs=Wuxi"' in html
    assert "/api/v1/clusters/place%3Ashaoxing/report?format=html" in html
