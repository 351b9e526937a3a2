"""Reading article files: formats, front matter, encodings, and clear errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chipmap.errors import EmptyInput, InputError
from chipmap.ingest import read_article, walk

TEXT = "Hefei's memory maker raised output.\n\nThe plant is in the Xinzhan district."


def test_markdown_front_matter_gives_title_date_and_id(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(f'---\ntitle: "Memory output rises"\npublished: 2024-03-12\n---\n{TEXT}\n', encoding="utf-8")
    article = read_article(path)
    assert (article.id, article.title, article.published) == ("story", "Memory output rises", dt.date(2024, 3, 12))
    assert article.text == TEXT


def test_gold_format_json_uses_its_id_text_and_date(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"id": "dev-9", "text": TEXT, "published": "2021-07-19", "title": ""}))
    article = read_article(path)
    assert (article.id, article.published, article.text) == ("dev-9", dt.date(2021, 7, 19), TEXT)


def test_html_page_keeps_the_article_and_drops_the_furniture(tmp_path: Path) -> None:
    body = " ".join(["Wuxi's chip cluster added three packaging plants this year."] * 6)
    html = f"""<html><head><title>Wuxi adds plants</title></head><body>
    <nav><a href="/">Home</a> | <a href="/news">News</a> | Subscribe now</nav>
    <article><h1>Wuxi adds plants</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright 2024 Example News. All rights reserved. Share on social media.</footer>
    </body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert "packaging plants" in article.text
    assert "Subscribe now" not in article.text and "All rights reserved" not in article.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "中芯国际在上海临港建设新的晶圆厂，长电科技在绍兴扩大封装测试产能。" * 3
    path = tmp_path / f"zh-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_article(path).text == text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"\n\n   \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
        ("bad.json", b'{"text": ', "invalid JSON"),
        ("list.json", b"[1, 2]", "object"),
        ("notext.json", b'{"title": "x"}', "text"),
        ("mojibake.txt", bytes(range(0x80, 0x100)) * 4, "encoding"),
        ("data.csv", b"a,b\n1,2\n", "unsupported"),
    ],
)
def test_bad_input_names_the_file_and_the_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("chip " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="over the 100-byte limit"):
        read_article(path, max_bytes=100)


def test_empty_input_is_its_own_error_type(tmp_path: Path) -> None:
    path = tmp_path / "e.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(EmptyInput):
        read_article(path)


def test_walk_finds_articles_in_folders_and_skips_readmes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ["a.txt", "sub/b.md", "sub/c.html", "README.md", "notes.csv", ".hidden.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path])]
    assert found == ["a.txt", "sub/b.md", "sub/c.html"]
