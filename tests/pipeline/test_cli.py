"""``chipmap build`` and ``chipmap remove`` through Typer's runner, and the public Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import chipmap
from chipmap.cli import app
from chipmap.errors import ConfigError, MissingDatabase
from chipmap.ingest.dedup import content_id
from chipmap.ingest.files import read_article
from chipmap.pipeline import BuildSummary, build, stages_named
from chipmap.store import Graph

runner = CliRunner()


def test_build_json_is_one_line(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    db = str(tmp_path / "g.db")
    result = runner.invoke(app, ["build", str(corpus), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    summary = json.loads(line)
    assert (summary["added"], summary["failed"], summary["exit_code"]) == (6, 0, 0)
    assert summary["articles_per_second"] > 0 and set(summary["stage_seconds"]) >= {"read", "extract", "write"}


def test_remove_command(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    db = str(tmp_path / "g.db")
    build([corpus], db=db, extractor=extractor)
    article_id = content_id(read_article(sorted(corpus.glob("*.md"))[0]).text)
    result = runner.invoke(app, ["remove", article_id[:8], "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article_id"] == article_id
    again = runner.invoke(app, ["remove", article_id, "--db", db])
    assert again.exit_code == 1 and "No article matches" in again.output


def test_field_mapping_errors_are_usage_errors(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(corpus), "--db", str(tmp_path / "g.db"), "--field", "body"])
    assert result.exit_code == 2 and "NAME=FIELD" in result.output


def test_unknown_stages_are_refused() -> None:
    with pytest.raises(ConfigError, match="unknown build stage"):
        stages_named(["dedup", "summarise"])
    with pytest.raises(ConfigError, match="entry stage"):
        stages_named(["extract", "write"])


def test_a_failing_stage_is_recorded_per_article(corpus: Path, tmp_path: Path, extractor: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from chipmap.pipeline import stages

    real = stages.resolve

    def picky(work: Any, ctx: Any) -> Any:
        if "Shaoxing" in work.article.title:
            raise ValueError("no Shaoxing today")
        return real(work, ctx)

    monkeypatch.setitem(stages.STAGES, "resolve", stages.Stage("resolve", map=picky))
    shaoxing = read_article(sorted(corpus.glob("*shaoxing*.md"))[0])
    reprint = tmp_path / "later" / "reprint.txt"  # no title: passes the picky stage
    reprint.parent.mkdir()
    reprint.write_text(shaoxing.text.replace(". ", ", the report said. ", 1), encoding="utf-8")
    summary = build([corpus, reprint.parent], db=tmp_path / "g.db", extractor=extractor)
    failed = {Path(e.source).name: e for e in summary.errors}
    assert summary.added + len(failed) == 7 and failed
    assert all(e.stage == "resolve" and "no Shaoxing today" in e.reason for e in failed.values())
    assert summary.exit_code == 1
    # the reprint was matched to its original while that was pending: it is listed with it
    assert "near duplicate of" in failed["reprint.txt"].reason and summary.duplicates == 0


def test_public_api_names_are_sorted_and_resolve(tmp_path: Path) -> None:
    assert chipmap.__all__ == sorted(chipmap.__all__)
    for name in chipmap.__all__:
        assert getattr(chipmap, name) is not None
    assert chipmap.build is build and chipmap.BuildSummary is BuildSummary
    with pytest.raises(MissingDatabase, match="chipmap build"):  # a read never creates a database
        chipmap.open(tmp_path / "empty.db")
    assert not (tmp_path / "empty.db").exists()
    chipmap.build([], db=tmp_path / "empty.db")
    with chipmap.open(tmp_path / "empty.db") as graph:
        assert isinstance(graph, Graph) and graph.counts()["articles"] == 0
    with pytest.raises(AttributeError):
        chipmap.no_such_name  # noqa: B018
