"""The dashboard in a real browser: search to evidence, the coverage chart, the graph explorer."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_search_leads_to_entity_page_with_visible_evidence(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.fill("#home-search", "Zhu Yiming")
    page.press("#home-search", "Enter")
    page.wait_for_url("**/search?q=*")
    page.click("a.hit-link >> text=Zhu Yiming")
    page.wait_for_url("**/entity/**")
    evidence = page.locator("blockquote.evidence mark").first
    evidence.wait_for(state="visible")
    assert "Zhu Yiming" in evidence.inner_text()
    assert page.locator("blockquote.evidence cite a[href^='https://example.org/']").count() >= 1


def test_cluster_page_draws_coverage_chart_with_nonzero_segments(page: Any, live_url: str) -> None:
    page.goto(live_url + "/cluster/Shaoxing")
    page.wait_for_selector("#coverage-chart[data-rendered='true']")
    assert int(page.get_attribute("#coverage-chart", "data-nonzero")) >= 3
    drawn = page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('coverage-chart')).getOption().series[0].data")
    assert len(drawn) == 7 and sum(1 for count in drawn if count > 0) >= 3
    assert page.locator("#coverage-chart canvas").count() >= 1
    assert page.locator("ol.candidates > li").count() >= 5


def test_graph_explorer_draws_nodes(page: Any, live_url: str) -> None:
    page.goto(live_url + "/graph?entity=Hefei")
    page.wait_for_selector("#graph[data-drawn]")
    drawn = int(page.get_attribute("#graph", "data-drawn"))
    assert drawn > 3
    assert page.evaluate("window.chipmapGraph.nodes().length") == drawn
    assert page.locator("#graph canvas").count() >= 1


def test_compare_page_draws_one_series_per_cluster(page: Any, live_url: str) -> None:
    page.goto(live_url + "/compare?names=Lingang&names=Zhangjiang&names=Wuxi")
    page.wait_for_selector("#compare-chart[data-rendered='true']")
    assert page.locator("table.data thead th").count() == 4


def test_article_text_never_runs_as_script(page: Any, live_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_url + "/article/toy-001?start=0&end=60")
    assert "<script>alert(1)</script>" in page.inner_text("article.text")
    assert page.locator("mark#evidence").is_visible()
    assert dialogs == []
