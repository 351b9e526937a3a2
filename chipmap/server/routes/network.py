"""How two entities are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from chipmap.analyze.service import PathAnswer
from chipmap.server.deps import AnalystDep
from chipmap.server.encode import answer
from chipmap.server.errors import NAME_ERRORS

router = APIRouter(tags=["network"])

Name = Annotated[str, Query(min_length=1, max_length=300, description="An id, name or alias.")]


@router.get(response_model=PathAnswer, path="/path", responses=NAME_ERRORS,
            summary="The shortest hub-avoiding chain of relations between two entities, with evidence")
def get_path(source: Name, target: Name, analyst: AnalystDep) -> Response:
    return answer(analyst.path(source, target))
