"""Full-text search over entities and articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chipmap.graph_records import SearchHit
from chipmap.server.deps import AnalystDep, Limit, Offset

router = APIRouter(tags=["search"])


@router.get("/search", summary="Entities and articles matching a query")
def get_search(q: Annotated[str, Query(min_length=1, max_length=200)], analyst: AnalystDep,
               limit: Limit = 20, offset: Offset = 0) -> list[SearchHit]:
    return analyst.search(q, limit=limit, offset=offset)
