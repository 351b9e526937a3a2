"""Projects: the investment projects of a cluster, and who holds posts at a body."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from chipmap.analyze.positions import Tenure
from chipmap.analyze.projects import ClusterProjects
from chipmap.server.deps import AnalystDep, Limit
from chipmap.server.encode import answer
from chipmap.server.errors import NAME_ERRORS
from chipmap.vocab import PROJECT_STATUSES

router = APIRouter(tags=["projects"])

Cluster = Annotated[str, Path(min_length=1, max_length=300, description="A place or park: id, name or alias.")]
Body = Annotated[str, Path(min_length=1, max_length=300, description="An organisation or place: id, name or alias.")]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


@router.get(response_model=ClusterProjects, path="/clusters/{name}/projects", responses=NAME_ERRORS,
            summary="Investment projects of a cluster: parties, amount, status history, evidence, totals")
def get_projects(name: Cluster, analyst: AnalystDep, limit: Limit = 200, since: Day = None,
                 status: Annotated[str | None, Query(description=", ".join(PROJECT_STATUSES))] = None,
                 as_of: Annotated[dt.date | None, Query(description="As the news stood that day")] = None,
                 ) -> Response:
    return answer(analyst.projects(name, since=since, status=status, day=as_of, limit=limit))


@router.get(response_model=list[Tenure], path="/entities/{name}/holders", responses=NAME_ERRORS,
            summary="Who held posts at a body on a day (a later appointment ends an earlier tenure)")
def get_holders(name: Body, analyst: AnalystDep,
                title: Annotated[str | None, Query(max_length=100, description="Only this post")] = None,
                as_of: Annotated[dt.date | None, Query(description="The day (default: today)")] = None,
                ) -> Response:
    return answer(analyst.holders(name, title=title, day=as_of))
