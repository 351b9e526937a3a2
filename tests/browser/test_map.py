"""The home page's map in a real Chromium: clusters at their atlas coordinates, one click opens a cluster.

The bundled atlas places every Chinese city; the test serves the toy graph with an atlas overlay
that takes the coordinates away from two cities, which must then be listed beside the map rather
than guessed onto it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import yaml

from chipmap.atlas import default_atlas
from chipmap.config import Settings
from chipmap.demo.toy import toy_graph
from chipmap.server import create_app

from .conftest import ARTIFACTS, _free_port

pytestmark = pytest.mark.browser

#: Clusters that must be on the map (the bundled atlas has their coordinates).
PLACED = ("place:shaoxing", "place:wuxi", "place:shanghai", "place:hefei", "place:beijing",
          "place:shenzhen", "place:wuhan", "place:nanjing")
#: Clusters whose coordinates the overlay removes.
UNPLACED = ("place:xiamen", "place:chengdu")


@pytest.fixture(scope="module")
def map_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    atlas = default_atlas()
    entries = []
    for place_id in UNPLACED:
        entry = atlas.places[place_id].model_dump(mode="json", exclude_none=True)
        entries.append({k: v for k, v in entry.items() if k not in ("lat", "lon")})
    overlay = tmp_path_factory.mktemp("overlay") / "coordinates.yaml"
    overlay.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    port = _free_port()
    app = create_app(toy_graph(), settings=Settings(atlas_overlay=Path(overlay)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-map", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the map test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_map_places_clusters_and_a_click_opens_one(page: Any, map_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(map_url + "/")
    page.wait_for_selector("#cluster-map[data-rendered='true']")
    assert page.locator("#cluster-map canvas").count() >= 1
    data = page.evaluate("window.chipmapClusterMap.getOption().series[0].data")
    placed = {d["id"] for d in data}
    assert set(PLACED) <= placed and not placed & set(UNPLACED)
    sizes = {d["id"]: d["orgs"] for d in data}
    assert sizes["place:shanghai"] > sizes["place:wuhan"] > 0
    assert page.locator("#map-unplaced a").count() == len(UNPLACED)  # listed beside the map
    assert page.locator("#map-unplaced a >> text=Xiamen").count() == 1
    assert requested and all(url.startswith(map_url) for url in requested)  # no tiles, nothing from outside
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-home.png"), full_page=False)
    page.locator("#cluster-map").screenshot(path=str(ARTIFACTS / "map-only.png"))
    # click the cluster farthest from any other, so that no neighbour's marker covers it
    points = {d["id"]: d["value"][:2] for d in data}

    def nearest(pid: str) -> float:
        x0, y0 = points[pid]
        return min((x - x0) ** 2 + (y - y0) ** 2 for other, (x, y) in points.items() if other != pid)

    target = max(points, key=nearest)
    lon, lat = points[target]
    x, y = page.evaluate(f"window.chipmapClusterMap.convertToPixel({{seriesIndex: 0}}, [{lon}, {lat}])")
    box = page.locator("#cluster-map").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#cluster-map div >> text=organisations")  # the tooltip names the cluster
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/cluster/" + target.replace(":", "%3A"))
    assert default_atlas().places[target].name in page.inner_text("h1")


def test_map_without_any_coordinates_still_lists_every_cluster(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.wait_for_selector("#cluster-map[data-rendered='true']")
    assert page.evaluate("window.chipmapClusterMap.getOption().series[0].data.length") == len(
        page.evaluate("JSON.parse(document.getElementById('cluster-map-data').textContent)"))
    assert page.locator("table.data tbody tr").count() == 20  # first page of the cluster table
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**/?page=2")
    assert page.locator("table.data tbody tr").count() >= 1
