"""The review page in a real browser: a reviewer types the token and judges a pair; the graph changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chipmap.config import Settings
from chipmap.server import create_app
from chipmap.store import open_graph
from tests.review_graph import build, entity_id

from .conftest import serve

pytestmark = pytest.mark.browser
TOKEN = "browser-review-token"


@pytest.fixture()
def review_site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    build(url)
    with open_graph(url) as graph, serve(create_app(graph, settings=Settings(api_token=TOKEN))) as site:
        yield site, url


def test_accepting_a_pair_on_the_page_merges_it(page: Any, review_site: tuple[str, str]) -> None:
    site, db = review_site
    page.goto(site + "/review")
    rows = page.locator("table.review tbody tr[data-candidate]")
    assert rows.count() == 2
    page.fill("#review-token", "wrong")
    row = page.locator("tr[data-candidate]", has_text="Jinghong Optical")
    row.locator("button[data-verdict='accept']").click()
    page.wait_for_selector("#review-status:has-text('not saved')")
    page.fill("#review-token", TOKEN)
    with page.expect_navigation():
        row.locator("button[data-verdict='accept']").click()
    assert page.locator("table.review tbody tr[data-candidate]").count() == 1
    assert "same" in page.locator("ul.verdicts").inner_text()
    assert entity_id(db, "Jinghong Optical") == entity_id(db, "Jinghong Optics")
