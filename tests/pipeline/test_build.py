"""Building the graph: idempotent, incremental, duplicates stored once with every source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from chipmap.cli import app
from chipmap.ingest.dedup import content_id
from chipmap.ingest.files import read_article
from chipmap.pipeline import build
from chipmap.store import open_graph
from tests.store.dumps import COLUMNS, counts, dump

from .conftest import corpus_files

runner = CliRunner()


def test_building_the_sample_corpus_twice_changes_nothing(tmp_path: Path, extractor: Any) -> None:
    db = str(tmp_path / "corpus.db")
    folder = tmp_path / "articles"
    folder.mkdir()
    files = corpus_files(100)
    for path in files:
        shutil.copy(path, folder / path.name)
    articles = len(files)
    first = runner.invoke(app, ["build", str(folder), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == articles
    before = dump(db)
    second = runner.invoke(app, ["build", str(folder), "--db", db, "--json"])
    assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    assert (summary["added"], summary["unchanged"], summary["atlas_seeded"]) == (0, articles, False)
    assert counts(db) == {table: len(rows) for table, rows in before.items()}
    assert dump(db) == before


def test_adding_an_article_updates_the_graph_without_a_rebuild(corpus: Path, tmp_path: Path,
                                                               extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'g.db'}"
    build([corpus], db=db, extractor=extractor)
    with open_graph(db) as graph:
        before = graph.counts()
    (extra,) = corpus_files(1, start=20)
    shutil.copy(extra, corpus / extra.name)
    summary = build([corpus], db=db, extractor=extractor)
    assert (summary.added, summary.unchanged) == (1, 6)
    with open_graph(db) as graph:
        after = graph.counts()
        new_id = content_id(read_article(extra).text)
        assert graph.article(new_id).title == read_article(extra).title
        assert graph.articles(limit=100)
    assert after["articles"] == before["articles"] + 1 and after["evidence"] > before["evidence"]
    # the same as building all seven at once
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    build([corpus], db=fresh, extractor=extractor)
    assert dump(fresh) == dump(db)


def test_duplicates_are_stored_once_with_every_source(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    original = sorted(corpus.glob("*.md"))[0]
    article = read_article(original)
    copy = tmp_path / "mirror" / "copy.txt"
    copy.parent.mkdir()
    copy.write_text(article.text.upper(), encoding="utf-8")  # same normalised text
    reprint = article.text.replace(article.text.split(". ")[0], article.text.split(". ")[0] + " on Friday", 1)
    feed = tmp_path / "mirror" / "wire.jsonl"
    feed.write_text(json.dumps({"text": reprint, "url": "https://wire.test/smec"}) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'g.db'}"
    summary = build([corpus, copy.parent], db=db, extractor=extractor)
    assert (summary.added, summary.duplicates, summary.near_duplicates) == (6, 2, 1)
    with open_graph(db) as graph:
        stored = graph.article(content_id(article.text))
        assert set(stored.sources) == {str(original), str(copy), f"{feed}:1"}
        assert stored.urls == ("https://wire.test/smec",)
        assert graph.counts()["articles"] == 6
    again = build([copy.parent, corpus], db=db, extractor=extractor)
    assert (again.added, again.duplicates, again.unchanged) == (0, 0, 8)


def test_no_atlas_builds_from_news_alone(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'g.db'}"
    summary = build([corpus], db=db, atlas=False, extractor=extractor)
    assert summary.added == 6 and not summary.atlas_seeded
    with open_graph(db) as graph:
        snapshot = graph.snapshot()
        smic = graph.entity("SMIC")
    assert not any(r.from_atlas for r in snapshot.relations)
    assert smic.id == "org:smic" and smic.article_count > 0
    assert len(snapshot.entities) < 300  # the atlas alone has hundreds


class _ChangedExtractor:
    """The session's extractor under another version, as after an upgrade of the rules."""

    def __init__(self, extractor: Any) -> None:
        self._extractor = extractor
        self.atlas = extractor.atlas
        self.version = "x1-changed-rules"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._extractor, name)


def test_articles_read_by_another_extractor_version_are_read_again(corpus: Path, tmp_path: Path,
                                                                  extractor: Any) -> None:
    db = f"sqlite:///{tmp_path / 'g.db'}"
    build([corpus], db=db, extractor=extractor)
    changed = _ChangedExtractor(extractor)
    summary = build([corpus], db=db, extractor=changed)
    assert (summary.added, summary.reread, summary.unchanged) == (6, 6, 0)
    again = build([corpus], db=db, extractor=changed)
    assert (again.added, again.reread, again.unchanged) == (0, 0, 6)
    # the re-read graph holds what a fresh build by the changed extractor holds (its mentions
    # resolve to the same entities, though by name now rather than as new entities)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    build([corpus], db=fresh, extractor=changed)
    facts = tuple(t for t in COLUMNS if t != "mentions")
    assert dump(fresh, tables=facts) == dump(db, tables=facts)
    assert [m[:3] for m in dump(fresh, tables=("mentions",))["mentions"]] == \
        [m[:3] for m in dump(db, tables=("mentions",))["mentions"]]
    with open_graph(db) as graph:
        news = [r for r in graph.relations(type="holds_position") if not r.from_atlas]
        assert news and {e.extractor_version for r in news for e in graph.evidence(r.id)} == {"x1-changed-rules"}
