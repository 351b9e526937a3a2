"""Clusters: profile and every member (paged), gaps and candidates, timeline, network, comparison, siting."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from chipmap.analyze.compare import Comparison
from chipmap.analyze.gaps import GapReport
from chipmap.analyze.members import MEMBER_ORDERS, MemberPage
from chipmap.analyze.service import ClusterAnswer, ClusterNetwork
from chipmap.analyze.siting import SiteReport
from chipmap.analyze.timeline import KINDS, Timeline
from chipmap.errors import NotFound
from chipmap.server.deps import AnalystDep, Limit, Offset
from chipmap.server.encode import answer
from chipmap.server.errors import NAME_ERRORS
from chipmap.vocab import Segment

router = APIRouter(tags=["clusters"])

Name = Annotated[str, Path(min_length=1, max_length=300, description="A place or park: id, name or alias.")]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


@router.get(response_model=ClusterAnswer, path="/clusters/{name}", responses=NAME_ERRORS,
            summary="Who is in a cluster, by segment, with evidence; chain coverage; a page of every member")
def get_cluster(name: Name, analyst: AnalystDep, limit: Limit = 100, offset: Offset = 0,
                evidence: Annotated[bool, Query(description="Attach first evidence sentences")] = False,
                as_of: Annotated[dt.date | None, Query(description="The cluster as the news stood that day")] = None,
                ) -> Response:
    """The profile is a bounded summary (leaders, strongest per segment); ``members`` pages
    through every member (``limit``, ``offset``; ``members.total`` counts them all)."""
    return answer(analyst.cluster(name, evidence=evidence, day=as_of, limit=limit, offset=offset))


@router.get(response_model=MemberPage, path="/clusters/{name}/members", responses=NAME_ERRORS,
            summary="Every organisation of a cluster with its Chinese name and aliases, paged")
def get_members(name: Name, analyst: AnalystDep, limit: Limit = 100, offset: Offset = 0,
                segment: Annotated[str | None, Query(description="Only members of this chain segment")] = None,
                order: Annotated[Literal["lead", "name"], Query(description=", ".join(MEMBER_ORDERS))] = "lead",
                as_of: Annotated[dt.date | None, Query(description="The cluster as the news stood that day")] = None,
                ) -> Response:
    return answer(analyst.members(name, limit=limit, offset=offset, segment=segment, order=order, day=as_of))


@router.get(response_model=GapReport, path="/clusters/{name}/gaps", responses=NAME_ERRORS,
            summary="Missing and thin segments, and ranked companies elsewhere to attract")
def get_gaps(name: Name, analyst: AnalystDep, limit: Limit = 20, offset: Offset = 0,
             vs: Annotated[str | None, Query(max_length=300, description="Peer cluster (default: national)")] = None,
             as_of: Annotated[dt.date | None, Query(description="As the news stood that day")] = None,
             segment: Annotated[Segment | None, Query(description="Only candidates in this segment")] = None,
             province: Annotated[str | None, Query(max_length=300, description="Only candidates based in this province")] = None,
             size: Annotated[Literal["small", "mid", "large"] | None, Query(description="Only this size band")] = None,
             origin: Annotated[Literal["domestic", "foreign"] | None, Query(description="Only domestic or foreign")] = None,
             ) -> Response:
    return answer(analyst.gaps(name, vs=vs, limit=limit, offset=offset, day=as_of, segment=segment,
                               province=province, size=size, origin=origin))


@router.get(response_model=Timeline, path="/clusters/{name}/timeline", responses=NAME_ERRORS,
            summary="Events, projects, openings, appointments and articles, dated and sourced")
def get_timeline(name: Name, analyst: AnalystDep, limit: Limit = 100, offset: Offset = 0,
                 since: Day = None, until: Day = None,
                 kind: Annotated[list[str] | None, Query(description=", ".join(KINDS))] = None,
                 ) -> Response:
    kinds = tuple(kind) if kind else KINDS
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise NotFound("timeline kind", ", ".join(unknown), list(KINDS))
    return answer(analyst.timeline(name, since=since, until=until, kinds=kinds, limit=limit, offset=offset))


@router.get(response_model=ClusterNetwork, path="/clusters/{name}/network", responses=NAME_ERRORS,
            summary="Central actors and communities of a cluster")
def get_network(name: Name, analyst: AnalystDep, limit: Limit = 10) -> Response:
    return answer(analyst.network(name, limit=limit))


@router.get(response_model=Comparison, path="/compare", responses=NAME_ERRORS, summary="Two or more clusters side by side")
def get_compare(analyst: AnalystDep,
                names: Annotated[list[str], Query(min_length=2, max_length=8, description="Clusters")],
                ) -> Response:
    return answer(analyst.compare(names))


@router.get(response_model=SiteReport, path="/locate", responses=NAME_ERRORS,
            summary="Clusters ranked for an organisation or a set of segments, with reasons")
def get_locate(analyst: AnalystDep, limit: Limit = 10, offset: Offset = 0,
               org: Annotated[str | None, Query(max_length=300)] = None,
               segments: Annotated[list[str] | None, Query(description="Chain segments")] = None,
               level: Annotated[Literal["city", "district", "park", "all"], Query(
                   description="city: prefecture-level cities; district: districts and county-level cities; "
                               "park: park organisations")] = "city",
               ) -> Response:
    if not org and not segments:
        raise NotFound("organisation or segment", "", [])
    return answer(analyst.locate(org=org, segments=segments or (), level=level, limit=limit, offset=offset))
