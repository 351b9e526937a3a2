"""The cluster page's projects section in a real browser: the table with each stage, the chart by year."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from chipmap.server import create_app
from tests.browser.conftest import _free_port
from tests.project_graph import project_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def projects_url() -> Iterator[str]:
    """The dashboard over the invented projects graph, on 127.0.0.1."""
    graph = project_graph()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(graph), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-projects", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    graph.close()


def test_cluster_page_shows_projects_with_their_stages_and_an_investment_chart(page: Any, projects_url: str) -> None:
    page.goto(projects_url + "/cluster/Shanghai")
    page.wait_for_selector("#investment-chart[data-rendered='true']")
    assert page.get_attribute("#investment-chart", "data-years") == "1"
    option = page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('investment-chart')).getOption()")
    assert option["xAxis"][0]["data"] == ["2019"]
    assert option["series"][0]["data"] == [10.0] and option["series"][1]["data"] == [2.0]  # 10 bn, range to 12
    row = page.locator("table.projects-table tbody tr").first
    assert "Orion Foundry" in row.inner_text() and "CNY 10 bn – CNY 12 bn" in row.inner_text()
    stages = row.locator("ol.history li b").all_inner_texts()
    assert stages == ["signed", "construction", "production"]
    row.locator("ol.history li a").first.click()
    page.wait_for_url("**/article/**")
    assert "Orion Foundry" in page.inner_text("body")


def test_a_cluster_without_projects_says_so(page: Any, projects_url: str) -> None:
    page.goto(projects_url + "/cluster/Wuxi")
    assert "No investment project recorded." in page.inner_text("section.projects")
    assert page.locator("#investment-chart").count() == 0
