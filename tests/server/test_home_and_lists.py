"""What a newcomer trips on: one label per count, untitled articles named by their first words,
long lists in pages, and the map's data on the home page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chipmap.atlas import default_atlas
from chipmap.demo.toy import toy_graph
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article, ArticleExtraction, Evidence, Organization, Place, Relation
from chipmap.server import create_app
from chipmap.server.labels import count_labels

UNTITLED = ("Tianmu Sensing Technology opened a MEMS test line in Shaoxing this spring. "
            "The line tests pressure sensors for cars.")


@pytest.fixture(scope="module")
def untitled_client() -> Iterator[TestClient]:
    graph = toy_graph()
    sentence = UNTITLED.split(". ")[0] + "."
    evidence = [Evidence(sentence=sentence, start=0, end=len(sentence))]
    extraction = ArticleExtraction(
        id="untitled-1",
        organizations=[Organization(name="Tianmu Sensing Technology", kind="company", evidence=evidence)],
        places=[Place(name="Shaoxing", kind="city", atlas_id="place:shaoxing", evidence=evidence)],
        relations=[Relation(type="located_in", head="Tianmu Sensing Technology", tail="Shaoxing",
                            evidence=evidence, confidence=0.8, rule="test.hand_written")])
    article = Article(id="untitled-1", text=UNTITLED, title="", published=dt.date(2024, 4, 2),
                      url="https://example.org/news/untitled-1")
    write_extractions(graph.database, [(article, extraction)], atlas=default_atlas(), extractor_version="test")
    with TestClient(create_app(graph)) as client:
        yield client
    graph.close()


def test_home_counts_have_one_label_each(client: TestClient) -> None:
    html = client.get("/").text
    counts = re.search(r'<p class="counts">(.*?)</p>', html, re.S)
    assert counts is not None
    labels = re.findall(r"<span>\d+ ([^<]+)</span>", counts.group(1))
    assert "events" in labels and "event" not in labels and len(labels) == len(set(labels))
    assert count_labels({"events": 1, "event": 1, "person": 2}) == [(2, "people"), (1, "event")]


def test_untitled_articles_show_their_first_words_never_an_empty_link(untitled_client: TestClient) -> None:
    first_words = "Tianmu Sensing Technology opened a MEMS test line in Shaoxing this spring."
    for url in ("/cluster/Shaoxing", "/search?q=Tianmu", "/timeline/Shaoxing", "/entity/Tianmu Sensing Technology"):
        html = untitled_client.get(url).text
        assert not re.search(r'<a href="/article/[^"]+"[^>]*>\s*</a>', html), url
        assert first_words[:40] in html, url
    article = untitled_client.get("/search", params={"q": "Tianmu"}).text
    link = re.search(r'href="(/article/[^"]+)"', article)
    assert link is not None
    page = untitled_client.get(link.group(1)).text
    assert re.search(r"<h1>Tianmu Sensing Technology opened", page)


def test_home_lists_clusters_in_pages_and_hands_the_map_its_points(client: TestClient) -> None:
    first = client.get("/").text
    assert 'id="cluster-map"' in first and 'id="cluster-map-data"' in first
    rows = first.count("<tr><td><a href=\"/cluster/")
    assert rows == 20 and 'rel="next" href="http://testserver/?page=2"' in first
    last = client.get("/", params={"page": 999}).text  # past the end: the last page
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert 0 < last.count("<tr><td><a href=\"/cluster/") <= 20
    assert 'id="map-unplaced"' not in first  # the bundled atlas places every cluster city


def test_entity_facts_and_search_hits_page(client: TestClient) -> None:
    html = client.get("/entity/Shanghai").text
    total = int(re.search(r"Facts <small>\((\d+)\)</small>", html).group(1))  # type: ignore[union-attr]
    assert total > 50 and html.count('class="fact"') == 50 and 'rel="next"' in html
    second = client.get("/entity/Shanghai", params={"page": 2}).text
    assert second.count('class="fact"') == min(50, total - 50)
    hits = client.get("/search", params={"q": "semiconductor"}).text
    assert hits.count('class="hit ') == 25 and 'rel="next"' in hits
    assert 'start="26"' in client.get("/search", params={"q": "semiconductor", "page": 2}).text
