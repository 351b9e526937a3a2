"""Articles: newest first, per entity, and one with its text."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query

from chipmap.graph_records import ArticleRecord
from chipmap.server.deps import AnalystDep, Limit, Offset
from chipmap.server.errors import NAME_ERRORS

router = APIRouter(tags=["articles"])


@router.get("/articles", responses=NAME_ERRORS, summary="Articles, newest first")
def list_articles(analyst: AnalystDep, limit: Limit = 50, offset: Offset = 0,
                  entity: Annotated[str | None, Query(max_length=300)] = None,
                  since: Annotated[dt.date | None, Query()] = None) -> list[ArticleRecord]:
    entity_id = analyst.resolve(entity).id if entity else None
    rows = analyst.graph.articles(entity=entity_id, since=since, limit=limit + offset)
    return rows[offset:]


@router.get("/articles/{article_id}", responses=NAME_ERRORS, summary="One article with its text")
def get_article(article_id: Annotated[str, Path(min_length=1, max_length=200)],
                analyst: AnalystDep) -> ArticleRecord:
    return analyst.graph.article(article_id)
