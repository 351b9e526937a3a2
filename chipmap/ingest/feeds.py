"""RSS and Atom feeds (from a file or a URL), and single web pages by URL.

Each feed entry becomes an article from its content or summary. Many feeds only
carry a teaser, so when an entry's text is short and it links to a page, the
page is fetched and its main text extracted with trafilatura; if that fails the
teaser is kept. Fetching is polite and bounded: the user agent, timeout and
size limit come from settings (``user_agent``, ``http_timeout``,
``http_max_bytes``) and a response larger than the limit is abandoned mid-way.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
import httpx

from chipmap.config import Settings
from chipmap.errors import EmptyInput, InputError
from chipmap.ingest.decode import decode_bytes
from chipmap.ingest.files import clean_field
from chipmap.ingest.html import extract_page, fragment_text
from chipmap.records import Article

logger = logging.getLogger(__name__)

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: Entry texts shorter than this (characters) are teasers: fetch the linked page.
SHORT_ENTRY_CHARS = 600


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of an HTTP response and where it finally came from."""

    url: str
    content: bytes
    content_type: str


def make_client(settings: Settings) -> httpx.Client:
    """An HTTP client with the user agent, timeout and redirect policy of ``settings``."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=settings.http_timeout,
        follow_redirects=True,
    )


def fetch(url: str, *, client: httpx.Client, max_bytes: int) -> Fetched:
    """GET ``url``; raise ``InputError`` on network errors, HTTP errors and oversize bodies."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"response exceeds the {max_bytes:,}-byte limit")
                chunks.append(chunk)
            return Fetched(url=str(response.url), content=b"".join(chunks),
                           content_type=response.headers.get("content-type", ""))
    except httpx.TimeoutException as exc:
        raise InputError(url, f"timed out after {client.timeout.read}s") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch: {exc}") from exc


def is_feed(data: bytes) -> bool:
    """True when ``data`` parses as RSS or Atom."""
    return bool(feedparser.parse(data).get("version"))


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    candidates = [c.get("value", "") for c in contents] + [entry.get("summary", "")]
    texts = [fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


def _page_text(link: str, *, client: httpx.Client, max_bytes: int) -> tuple[str, str]:
    """Main text and title of the page an entry links to ('' when unusable)."""
    try:
        fetched = fetch(link, client=client, max_bytes=max_bytes)
        page = extract_page(decode_bytes(fetched.content, source=link), source=link, url=fetched.url)
    except InputError as exc:
        logger.info("keeping the feed summary of %s: %s", link, exc.reason)
        return "", ""
    return page.text, page.title


def entry_article(entry: Any, *, feed: str, index: int, client: httpx.Client | None,
                  max_bytes: int) -> Article:
    """One feed entry as an article, fetching the linked page for teasers."""
    link = str(entry.get("link") or "")
    title = fragment_text(str(entry.get("title") or ""))
    text = _entry_text(entry)
    if client is not None and link.startswith(("http://", "https://")) and len(text) < SHORT_ENTRY_CHARS:
        page_text, page_title = _page_text(link, client=client, max_bytes=max_bytes)
        if len(page_text) > len(text):
            text, title = page_text, title or page_title
    where = link or f"{feed}#{index}"
    if not text:
        raise EmptyInput(feed, f"entry {index} ({where}) has no text")
    return Article(
        id=clean_field(entry.get("id")) or where,
        text=text,
        title=clean_field(title),
        published=_entry_date(entry),
        url=link or None,
        source=feed,
        meta={"entry": index},
    )


def read_feed(data: bytes, *, source: str, client: httpx.Client | None,
              max_bytes: int) -> Iterator[Article | InputError]:
    """Every entry of an RSS/Atom document, as an article or the error that stopped it."""
    try:
        parsed = feedparser.parse(data)
    except (ValueError, TypeError, RecursionError, AttributeError, IndexError) as exc:
        yield InputError(source, f"cannot parse the feed: {type(exc).__name__}: {exc}")
        return
    if not parsed.get("version"):
        yield InputError(source, "not an RSS or Atom feed")
        return
    if not parsed.entries:
        yield EmptyInput(source, "feed has no entries")
        return
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            yield entry_article(entry, feed=source, index=index, client=client, max_bytes=max_bytes)
        except InputError as exc:
            yield exc


def read_url(url: str, *, client: httpx.Client, max_bytes: int) -> Iterator[Article | InputError]:
    """A feed's entries, or the single article of a web page, from an http(s) URL."""
    try:
        fetched = fetch(url, client=client, max_bytes=max_bytes)
    except InputError as exc:
        yield exc
        return
    if is_feed(fetched.content):
        yield from read_feed(fetched.content, source=url, client=client, max_bytes=max_bytes)
        return
    try:
        page = extract_page(decode_bytes(fetched.content, source=url), source=url, url=fetched.url)
    except InputError as exc:
        yield exc
        return
    yield Article(id=fetched.url, text=page.text, title=page.title, published=page.published,
                  url=page.url or fetched.url, source=url)
