"""RSS/Atom feeds and pages over real HTTP: teasers fetched, limits and failures reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from chipmap.config import Settings
from chipmap.errors import InputError
from chipmap.ingest.feeds import fragment_text, make_client, read_feed, read_url
from chipmap.records import Article

from .conftest import LocalSite, Route

PAGE_TEXT = [
    "Hua Hong Semiconductor held a production ceremony in Wuxi for the second phase of its twelve-inch fab.",
    "The new line adds capacity for power devices and embedded memory used in cars and industrial equipment.",
    "Local officials said the Wuxi high-tech zone now hosts more than two hundred chip design companies.",
    "The company expects the line to reach full output within two years as demand from carmakers grows.",
]
PAGE = ("<html><head><title>Hua Hong Wuxi fab</title></head><body><nav>Home | News | About</nav>"
        "<article><h1>Hua Hong opens second Wuxi fab</h1>"
        + "".join(f"<p>{p}</p>" for p in PAGE_TEXT) + "</article><footer>Copyright</footer></body></html>")
FULL_CONTENT = " ".join(["CXMT began mass production of DRAM chips at its Hefei fab."] * 15)


def rss(site: LocalSite) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Chip news</title><link>{site.base}</link><description>d</description>
<item><title>CXMT in production</title><link>{site.url('/cxmt')}</link>
  <description><![CDATA[<p>{FULL_CONTENT}</p>]]></description>
  <pubDate>Mon, 20 Sep 2021 08:00:00 GMT</pubDate><guid>cxmt-1</guid></item>
<item><title>Hua Hong Wuxi</title><link>{site.url('/huahong')}</link>
  <description>Hua Hong opens a fab.</description><pubDate>Fri, 10 Dec 2021 08:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{site.url('/missing')}</link>
  <description>A teaser whose page is gone still counts.</description></item>
<item><title>Nothing</title></item>
</channel></rss>""".encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom chip news</title><id>urn:x</id>
<updated>2023-05-06T00:00:00Z</updated>
<entry><title>Nexchip lists</title><id>urn:nexchip</id><updated>2023-05-06T00:00:00Z</updated>
<content type="html">&lt;p&gt;Nexchip listed on the STAR Market.&lt;/p&gt;&lt;p&gt;It makes display driver chips in Hefei.&lt;/p&gt;</content>
</entry></feed>"""


@pytest.fixture()
def client() -> Iterator[httpx.Client]:
    with make_client(Settings(http_timeout=2.0, user_agent="chipmap-test/1.0")) as http:
        yield http


def test_feed_entries_become_articles_and_teasers_fetch_the_page(site: LocalSite, client: httpx.Client) -> None:
    site.routes["/huahong"] = Route(PAGE.encode())
    items = list(read_feed(rss(site), source="feed.rss", client=client, max_bytes=1_000_000))
    cxmt, huahong, gone, nothing = items
    assert isinstance(cxmt, Article) and cxmt.text.startswith("CXMT began") and cxmt.id == "cxmt-1"
    assert cxmt.published == dt.date(2021, 9, 20) and cxmt.url == site.url("/cxmt")
    assert isinstance(huahong, Article) and huahong.title == "Hua Hong Wuxi"
    assert PAGE_TEXT[0] in huahong.text and "Copyright" not in huahong.text
    assert isinstance(gone, Article) and gone.text == "A teaser whose page is gone still counts."
    assert isinstance(nothing, InputError) and "no text" in nothing.reason
    fetched = [path for path, _ in site.requests]
    assert "/cxmt" not in fetched  # long enough: no fetch
    assert {"/huahong", "/missing"} <= set(fetched)
    assert all(agent == "chipmap-test/1.0" for _, agent in site.requests)


def test_atom_feed_content_is_read(client: httpx.Client) -> None:
    (article,) = read_feed(ATOM, source="feed.atom", client=client, max_bytes=1_000_000)
    assert isinstance(article, Article)
    assert article.text == "Nexchip listed on the STAR Market.\n\nIt makes display driver chips in Hefei."
    assert article.published == dt.date(2023, 5, 6)


def test_url_of_a_feed_or_of_a_page(site: LocalSite, client: httpx.Client) -> None:
    site.routes["/feed.xml"] = Route(rss(site), "application/rss+xml")
    site.routes["/huahong"] = Route(PAGE.encode())
    from_feed = list(read_url(site.url("/feed.xml"), client=client, max_bytes=1_000_000))
    assert sum(isinstance(i, Article) for i in from_feed) == 3
    (page,) = read_url(site.url("/huahong"), client=client, max_bytes=1_000_000)
    assert isinstance(page, Article) and PAGE_TEXT[1] in page.text and page.url == site.url("/huahong")


@pytest.mark.parametrize(
    ("route", "max_bytes", "reason"),
    [
        (None, 1_000_000, "HTTP 404"),
        (Route(b"x" * 5000), 1000, "limit"),
        (Route(b"<html><body><div></span><p></div></body>"), 1_000_000, "no article text"),
        (Route(b"slow", delay=1.0), 1_000_000, "timed out"),
    ],
    ids=["not found", "too large", "malformed html", "slow"],
)
def test_url_failures_are_reported(site: LocalSite, route: Route | None, max_bytes: int, reason: str) -> None:
    if route is not None:
        site.routes["/page"] = route
    with make_client(Settings(http_timeout=0.3)) as client:
        (error,) = read_url(site.url("/page"), client=client, max_bytes=max_bytes)
    assert isinstance(error, InputError) and reason in error.reason and error.source == site.url("/page")


def test_a_file_that_is_not_a_feed_is_reported(tmp_path: Path, client: httpx.Client) -> None:
    (error,) = read_feed(b"<notes><note>hello</note></notes>", source="notes.xml", client=client, max_bytes=1000)
    assert isinstance(error, InputError) and "not an RSS or Atom feed" in error.reason


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("plain &amp; simple", "plain & simple"),
        ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
        ("Line<br>break<script>var x=1;</script>", "Line\n\nbreak"),
    ],
)
def test_fragment_text(html: str, text: str) -> None:
    assert fragment_text(html) == text
