"""Pipeline fixtures: small corpora copied from the bundled sample articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "chipmap" / "demo" / "corpus"


def corpus_files(count: int, *, start: int = 0) -> list[Path]:
    """The first ``count`` sample articles (after ``start``), in name order."""
    articles = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    return articles[start : start + count]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder with six sample articles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in corpus_files(6):
        shutil.copy(path, folder / path.name)
    return folder
