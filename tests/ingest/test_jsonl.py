"""JSON Lines: configurable fields, and bad lines reported by number while the rest go in."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from chipmap.errors import ConfigError, InputError
from chipmap.ingest.jsonl import FieldMap, read_jsonl
from chipmap.records import Article


def _write(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(line.encode("utf-8") if isinstance(line, str) else line for line in lines) + b"\n")
    return path


def test_jsonl_reads_each_line_as_an_article(tmp_path: Path) -> None:
    path = _write(tmp_path / "news.jsonl", [
        json.dumps({"id": "a1", "text": "SMIC opened a fab in Shenzhen.", "title": "Fab", "url": "https://x.test/a",
                    "published": "2022-12-26"}),
        "",
        json.dumps({"text": "Hua Hong expanded in Wuxi."}),
    ])
    items = list(read_jsonl(path))
    assert all(isinstance(i, Article) for i in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.title, first.url, first.published) == ("a1", "Fab", "https://x.test/a",
                                                                  dt.date(2022, 12, 26))
    assert first.source == f"{path}:1"
    assert second.id == "news:3" and second.source == f"{path}:3"


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path / "scrape.jsonl", [json.dumps(
        {"body": "YMTC began 128-layer production in Wuhan.", "headline": "YMTC", "date": "2020-04-13",
         "link": "https://x.test/ymtc"})])
    fields = FieldMap.parse(["text=body", "title=headline", "published=date", "url=link"])
    (article,) = read_jsonl(path, fields=fields)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.url) == ("YMTC", dt.date(2020, 4, 13), "https://x.test/ymtc")


@pytest.mark.parametrize("spec", ["text", "text=", "body=text", "=body"])
def test_field_map_rejects_bad_mappings(spec: str) -> None:
    with pytest.raises(ConfigError):
        FieldMap.parse([spec])


def test_jsonl_reports_bad_lines_and_keeps_the_good_ones(tmp_path: Path) -> None:
    path = _write(tmp_path / "mixed.jsonl", [
        json.dumps({"text": "CXMT makes DRAM in Hefei."}),
        '{"text": "truncated record',
        "[1, 2, 3]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        b'{"text": "caf\xe9"}',
        json.dumps({"text": "Nexchip listed on the STAR Market."}),
    ])
    items = list(read_jsonl(path))
    articles = [i for i in items if isinstance(i, Article)]
    errors = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:7"]
    assert set(errors) == {2, 3, 4, 5, 6}
    assert "invalid JSON" in errors[2]
    assert "object" in errors[3]
    assert "'text'" in errors[4]
    assert "empty" in errors[5]
    assert "UTF-8" in errors[6]


def test_jsonl_skips_a_leading_bom_and_limits_line_size(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps({"text": "SMIC in Beijing." + "x" * 200}).encode() + b"\n"
                     + json.dumps({"text": "Short one."}).encode() + b"\n")
    items = list(read_jsonl(path, max_bytes=100))
    assert isinstance(items[0], InputError) and items[0].line == 1 and "limit" in items[0].reason
    assert isinstance(items[1], Article)


def test_jsonl_missing_file_is_one_error(tmp_path: Path) -> None:
    (error,) = read_jsonl(tmp_path / "gone.jsonl")
    assert isinstance(error, InputError) and "cannot read" in error.reason
