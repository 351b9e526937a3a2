"""Fixtures for extraction tests: read a hand-written text with the real pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from chipmap.records import Article, ArticleExtraction


@pytest.fixture()
def read(extractor: Any) -> Callable[..., ArticleExtraction]:
    def _read(text: str, published: dt.date | None = None) -> ArticleExtraction:
        result: ArticleExtraction = extractor.extract(Article(id="t", text=text, published=published))
        return result

    return _read
