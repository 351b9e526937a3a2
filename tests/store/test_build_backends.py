"""A whole build on each backend: idempotent, and the same graph on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chipmap.pipeline import build
from chipmap.store import open_graph

from .dumps import dump

CORPUS = Path(__file__).resolve().parents[2] / "chipmap" / "demo" / "corpus"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> dict[str, Any]:
    """The dump of an SQLite build of five sample articles."""
    db = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'g.db'}"
    build(sorted(CORPUS.glob("*.md"))[30:35], db=db, extractor=extractor)
    return dump(db)


def test_build_is_idempotent_and_backend_independent(db_url: str, extractor: Any,
                                                     reference: dict[str, Any]) -> None:
    sources = sorted(CORPUS.glob("*.md"))[30:35]
    first = build(sources, db=db_url, extractor=extractor)
    assert (first.added, first.exit_code) == (5, 0)
    built = dump(db_url)
    assert built == reference
    second = build(sources, db=db_url, extractor=extractor)
    assert (second.added, second.unchanged) == (0, 5)
    assert dump(db_url) == built
    with open_graph(db_url) as graph:
        hits = graph.search("Wuhan")
        assert hits and hits[0].kind == "entity"
        assert any(h.kind == "article" for h in graph.search("memory chips", limit=50))
