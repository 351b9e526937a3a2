"""Hostile input: pages nested thousands deep, stray NUL bytes, and fuzzed bytes into every reader.

Every reader either yields articles or reports an ``InputError`` that names the input; none
raises anything else, and no article text carries a NUL (PostgreSQL cannot store one).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipmap.errors import InputError
from chipmap.ingest.feeds import read_feed
from chipmap.ingest.files import read_article
from chipmap.ingest.jsonl import read_jsonl
from chipmap.records import Article

SENTENCE = "Hua Hong opened a wafer fab in Wuxi, the company said on Monday."
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_html_nested_thousands_deep_keeps_its_text(tmp_path: Path) -> None:
    depth = 5000
    page = (f"<html><head><title>Deep page</title></head><body>{'<div>' * depth}<p>{SENTENCE}</p>"
            f"<p>{SENTENCE.replace('Wuxi', 'Hefei')}</p>{'</div>' * depth}</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert SENTENCE in article.text and "Hefei" in article.text
    assert article.title == "Deep page"


def test_stray_nul_bytes_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(("---\ntitle: A\x00 title\n---\n" + SENTENCE.replace("wafer", "wa\x00fer") + "\n").encode())
    article = read_article(path)
    assert "\x00" not in article.text + article.title and "wafer fab" in article.text
    lines = tmp_path / "nul.jsonl"
    lines.write_text(json.dumps({"text": SENTENCE + "\x00", "title": "T\x00"}) + "\n", encoding="utf-8")
    (item,) = list(read_jsonl(lines))
    assert isinstance(item, Article) and "\x00" not in item.text + item.title


def test_binary_data_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    try:
        read_article(path)
    except InputError as exc:
        assert exc.source == str(path) and "binary" in exc.reason
    else:
        raise AssertionError("binary data was read as an article")


def _check(item: Article | InputError, source: str) -> None:
    if isinstance(item, InputError):
        assert item.source.startswith(source) and item.reason
    else:
        assert item.text.strip() and "\x00" not in item.text + item.title


def _file(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            item: Article | InputError = read_article(path)
        except InputError as exc:
            item = exc
        _check(item, str(path))


markup = st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<title>", "</title>", "<script>", "&amp;",
                                   "&#0;", "\x00", "<!--", "-->", "<![CDATA[", "]]>", "<br/>", SENTENCE, "\ufeff"]),
                  max_size=60).map("".join)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_text_files_never_crash(data: bytes) -> None:
    _file(".txt", data)
    _file(".md", b"---\n" + data)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), markup.map(str.encode)))
def test_html_files_never_crash(data: bytes) -> None:
    _file(".html", data)


@FUZZ
@given(st.one_of(st.binary(max_size=1000),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40),
                              lambda inner: st.lists(inner, max_size=4)
                              | st.dictionaries(st.sampled_from(["text", "title", "id", "url", "published"]),
                                                inner, max_size=5), max_leaves=20)
                 .map(lambda value: json.dumps(value).encode())))
def test_json_and_json_lines_never_crash(data: bytes) -> None:
    _file(".json", data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.jsonl"
        path.write_bytes(data + b"\n" + data)
        for item in read_jsonl(path):
            _check(item, str(path))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), markup.map(
    lambda body: f"<rss version='2.0'><channel><item><title>{body}</title><description>{body}</description>"
                 "</item></channel></rss>".encode())))
def test_feeds_never_crash(data: bytes) -> None:
    for item in read_feed(data, source="fuzz.rss", client=None, max_bytes=10_000_000):
        _check(item, "fuzz.rss")
