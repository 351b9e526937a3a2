"""The dashboard's pages render, escape article text, and answer unknown names with a 404 page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("url", ["/", "/search?q=smic", "/entity/Zhu Yiming", "/cluster/Shaoxing",
                                 "/cluster/Shaoxing?vs=Wuxi", "/compare?names=Lingang&names=Wuxi", "/compare",
                                 "/graph", "/graph?entity=Hefei", "/timeline/Shaoxing?since=2019-01-01",
                                 "/article/toy-004?start=0&end=40", "/article/toy-004?start=50&end=9999"])
def test_page_renders(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")


def test_cluster_page_pages_every_member(client: TestClient) -> None:
    html = client.get("/cluster/Shanghai").text
    assert 'id="members"' in html and 'rel="next"' in html and 'rel="prev"' not in html
    second = client.get("/cluster/Shanghai", params={"offset": 50}).text
    assert "members 51–100 of " in second and 'rel="prev"' in second
    assert "中芯国际" in html  # Chinese names are listed
    design = client.get("/cluster/Shanghai", params={"member_segment": "design"}).text
    assert "in Design)" in design
    assert client.get("/cluster/Shanghai", params={"member_segment": ""}).status_code == 200


def test_article_text_is_escaped(client: TestClient) -> None:
    html = client.get("/article/toy-001").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_snippet_is_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": "alert"}).text
    assert "<script>alert" not in html


def test_evidence_is_highlighted_and_linked(client: TestClient) -> None:
    html = client.get("/entity/Zhu Yiming").text
    assert "<mark>Zhu Yiming also chairs GigaDevice.</mark>" in html
    assert 'href="https://example.org/news/toy-004"' in html


def test_unknown_names_get_a_404_page_with_suggestions(client: TestClient) -> None:
    response = client.get("/cluster/Shaoxin")
    assert response.status_code == 404 and "Did you mean" in response.text
    assert client.get("/entity/nobody-at-all-here").status_code == 404
    assert client.get("/article/nope").status_code == 404
