"""Chinese names on the dashboard, in a real browser with Debian's CJK font (fonts-noto-cjk).

The graph is the real store in memory: the atlas, plus one Chinese article written for this
test and read by the Chinese reader. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from chipmap.atlas import default_atlas
from chipmap.extract.chinese import ChineseReader
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article
from chipmap.server import create_app
from chipmap.store import open_graph, seed_atlas

pytestmark = pytest.mark.browser

ARTICLE = (
    "长电科技在宿迁投资建设新的封装测试工厂。\n\n"
    "今年以来，启明芯、岳川电子等多家企业陆续签约落户合肥高新区。启明芯董事长韦承泽表示，公司将扩大研发团队。\n"
)


@pytest.fixture(scope="module")
def zh_url() -> Iterator[str]:
    """The dashboard over the atlas and one Chinese article, on a free loopback port."""
    atlas = default_atlas()
    graph = open_graph("sqlite://", create=True)
    seed_atlas(graph.database, atlas)
    article = Article(id="zh", text=ARTICLE, language="zh")
    extraction = ChineseReader(atlas).read(article)
    write_extractions(graph.database, [(dataclasses.replace(article), extraction)], atlas=atlas,
                      extractor_version="test", ingested=dt.date(2024, 1, 1))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(graph), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-zh-test", daemon=True)
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


def _glyphs_differ(page: Any, first: str, second: str) -> bool:
    """Two Chinese strings of one length render differently: real glyphs, not tofu boxes."""
    page.evaluate("""([a, b]) => {
        for (const [id, text] of [['glyph-a', a], ['glyph-b', b]]) {
            const span = document.createElement('span');
            span.id = id; span.className = 'zh'; span.textContent = text;
            span.style.fontSize = '32px';
            document.querySelector('h1').appendChild(span);
        }
    }""", [first, second])
    shot_a = page.locator("#glyph-a").screenshot()
    shot_b = page.locator("#glyph-b").screenshot()
    page.evaluate("() => { document.getElementById('glyph-a').remove(); document.getElementById('glyph-b').remove(); }")
    return bool(shot_a != shot_b)


def test_entity_page_of_a_chinese_only_firm(page: Any, zh_url: str) -> None:
    page.goto(f"{zh_url}/search?q={quote('启明芯')}")
    page.click("a.hit-link >> text=启明芯")
    page.wait_for_url("**/entity/**")
    heading = page.locator("h1")
    heading.wait_for(state="visible")
    assert "启明芯" in heading.inner_text()
    box = heading.bounding_box()
    assert box is not None and box["width"] > 40
    assert _glyphs_differ(page, "中芯国际", "长电科技")


def test_entity_page_shows_english_and_chinese_names(page: Any, zh_url: str) -> None:
    page.goto(f"{zh_url}/entity/org:jcet")
    zh = page.locator("h1 span.zh")
    zh.wait_for(state="visible")
    assert "长电科技" in zh.inner_text()
    assert "JCET" in page.locator("h1").inner_text()
    assert page.locator("text=宿迁").count() >= 1  # the Chinese evidence sentence is on the page
