"""What ``chipmap build`` accepts: files, folders, globs and URLs, each read by the right reader."""

from __future__ import annotations

import json
from pathlib import Path

from chipmap.config import Settings
from chipmap.errors import InputError
from chipmap.ingest import Source, SourceReader, expand
from chipmap.ingest.jsonl import FieldMap
from chipmap.records import Article

from .conftest import LocalSite, Route

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<id>urn:t</id><updated>2024-01-01T00:00:00Z</updated><entry><title>Wuxi</title><id>urn:e</id>
<updated>2024-01-01T00:00:00Z</updated><content>SK hynix expanded its Wuxi DRAM plant. {pad}</content></entry></feed>"""


def _tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "one.md").write_text("---\ntitle: One\n---\nSMIC in Shanghai.\n", encoding="utf-8")
    (root / "a" / "two.txt").write_text("CXMT in Hefei.", encoding="utf-8")
    (root / "a" / "README.md").write_text("not an article", encoding="utf-8")
    (root / "a" / "notes.pdf").write_bytes(b"%PDF")
    (root / "lines.jsonl").write_text(json.dumps({"body": "YMTC in Wuhan."}) + "\n", encoding="utf-8")
    (root / "feed.atom").write_text(ATOM.format(pad="x " * 400), encoding="utf-8")
    (root / "gold.json").write_text(json.dumps({"id": "g1", "text": "Nexchip in Hefei."}), encoding="utf-8")


def test_expand_walks_folders_globs_and_urls(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, errors = expand([tmp_path / "a", str(tmp_path / "*.js*"), "https://example.test/feed",
                            str(tmp_path / "missing.md"), str(tmp_path / "none-*.txt"), tmp_path / "a" / "one.md"])
    assert [(Path(s.location).name if s.kind != "url" else s.location, s.kind) for s in found] == [
        ("one.md", "file"), ("two.txt", "file"), ("gold.json", "file"), ("lines.jsonl", "jsonl"),
        ("https://example.test/feed", "url"),
    ]
    assert [e.reason for e in errors] == ["no such file or directory", "pattern matches no files"]


def test_reader_dispatches_on_kind(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, _ = expand([tmp_path])
    with SourceReader(fields=FieldMap.parse(["text=body"]), settings=Settings()) as reader:
        items = list(reader.read_all(found))
    texts = sorted(i.text.split(".")[0] for i in items if isinstance(i, Article))
    assert texts == ["CXMT in Hefei", "Nexchip in Hefei", "SK hynix expanded its Wuxi DRAM plant", "SMIC in Shanghai",
                     "YMTC in Wuhan"]
    assert not [i for i in items if isinstance(i, InputError)]


def test_reader_reads_urls_through_its_client(site: LocalSite) -> None:
    site.routes["/feed"] = Route(ATOM.format(pad="y " * 400).encode(), "application/atom+xml")
    with SourceReader(settings=Settings()) as reader:
        items = list(reader.read(Source(site.url("/feed"), "url")))
        missing = list(reader.read(Source(site.url("/nope"), "url")))
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].source == site.url("/feed")
    assert isinstance(missing[0], InputError) and "404" in missing[0].reason


def test_reader_reports_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    with SourceReader(settings=Settings()) as reader:
        (error,) = reader.read(Source(str(tmp_path / "data.bin"), "file"))
    assert isinstance(error, InputError) and "unsupported file type" in error.reason
