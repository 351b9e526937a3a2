"""The dashboard: server-rendered pages over the same Analyst as the API.

Article text is untrusted: every template is autoescaped and no template
marks article text safe; chart and graph data reach the browser through
``tojson`` (which escapes <, > and &) inside ``application/json`` script tags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from chipmap.analyze.signals import ORIGINS, SIZES
from chipmap.atlas import Atlas, default_atlas
from chipmap.errors import ChipmapError
from chipmap.server.clustermap import cluster_points
from chipmap.server.deps import AnalystDep
from chipmap.server.labels import article_label, count_labels
from chipmap.server.project_pages import investment_chart, money, project_amount
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS, Segment

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True))
templates.env.globals.update(SEGMENT_LABELS=SEGMENT_LABELS, SEGMENTS=SEGMENTS, article_label=article_label,
                             money=money, project_amount=project_amount)

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=300)]
#: Rows per page of the home page's cluster table, search hits, entity facts and timelines.
CLUSTERS_PER_PAGE = 20
HITS_PER_PAGE = 25
FACTS_PER_PAGE = 50
TIMELINE_PER_PAGE = 100


def _page(request: Request, name: str, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context)


PageNo = Annotated[int, Query(ge=1, le=100_000, description="Page of a long list")]


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page sits in a long list; templates draw the links with ``m.pager``."""

    page: int
    pages: int
    total: int
    start: int  # index of the first item shown
    per_page: int


def pager(total: int, page: int, per_page: int) -> Pager:
    """The page of a list of ``total`` items (pages past the end show the last one)."""
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    return Pager(page, pages, total, (page - 1) * per_page, per_page)


def _atlas(request: Request) -> Atlas | None:
    """The atlas the app's settings name (for coordinates), loaded once; None if it cannot load."""
    state = request.app.state
    if not hasattr(state, "atlas"):
        settings = state.settings
        try:
            state.atlas = default_atlas(settings.atlas_overlay)
        except ChipmapError:
            state.atlas = None
    atlas: Atlas | None = state.atlas
    return atlas


@router.get("/", response_class=HTMLResponse)
def home(request: Request, analyst: AnalystDep, page: PageNo = 1) -> Response:
    points = cluster_points(analyst.index(), _atlas(request))
    at = pager(len(points), page, CLUSTERS_PER_PAGE)
    placed = [p.to_json() for p in points if p.lat is not None and p.lon is not None]
    return _page(request, "index.html", clusters=points[at.start:at.start + at.per_page], pager=at,
                 map_points=placed, unplaced=[p for p in points if p.lat is None or p.lon is None],
                 counts=count_labels(analyst.graph.counts()))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, analyst: AnalystDep, q: Text = "", page: PageNo = 1) -> Response:
    start = (page - 1) * HITS_PER_PAGE
    found = analyst.search(q, limit=HITS_PER_PAGE + 1, offset=start) if q.strip() else []
    hits = found[:HITS_PER_PAGE]
    # Search does not count its matches: a page knows only whether another follows.
    at = Pager(page, page + (len(found) > HITS_PER_PAGE), start + len(found), start, HITS_PER_PAGE)
    return _page(request, "search.html", q=q, hits=hits, pager=at)


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity(request: Request, name: str, analyst: AnalystDep, page: PageNo = 1) -> Response:
    answer = analyst.entity(name, limit=FACTS_PER_PAGE, offset=(page - 1) * FACTS_PER_PAGE)
    at = pager(answer.relation_total, page, FACTS_PER_PAGE)
    if at.page != page:  # past the end: show the last page
        answer = analyst.entity(name, limit=FACTS_PER_PAGE, offset=at.start)
    is_cluster = answer.entity.type == "place" or answer.entity.kind == "park"
    return _page(request, "entity.html", answer=answer, is_cluster=is_cluster, pager=at)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, analyst: AnalystDep,
            start: Annotated[int, Query(ge=0)] = 0, end: Annotated[int, Query(ge=0)] = 0) -> Response:
    record = analyst.graph.article(article_id)
    text = record.text
    if not 0 <= start < end <= len(text):
        start = end = 0
    return _page(request, "article.html", article=record, before=text[:start], marked=text[start:end],
                 after=text[end:])


#: Members the cluster page lists at a time.
MEMBER_PAGE = 50
#: Candidate pairs the review page lists at a time.
REVIEW_PAGE = 25


@router.get("/cluster/{name}", response_class=HTMLResponse)
def cluster(request: Request, name: str, analyst: AnalystDep,
            vs: Annotated[str | None, Query(max_length=300)] = None,
            offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
            member_segment: Annotated[Segment | Literal[""] | None, Query()] = None,
            segment: Annotated[str | None, Query(max_length=40)] = None,
            province: Annotated[str | None, Query(max_length=300)] = None,
            size: Annotated[str | None, Query(max_length=10)] = None,
            origin: Annotated[str | None, Query(max_length=10)] = None) -> Response:
    answer = analyst.cluster(name, limit=1)
    members = analyst.members(answer.profile.cluster.id, limit=MEMBER_PAGE, offset=offset,
                              segment=member_segment or None)
    wanted = {"segment": segment or None, "province": (province or "").strip() or None, "size": size or None,
              "origin": origin or None}
    gaps = analyst.gaps(answer.profile.cluster.id, vs=vs, limit=10, segment=wanted["segment"],
                        province=wanted["province"], size=wanted["size"], origin=wanted["origin"])
    network = analyst.network(answer.profile.cluster.id, limit=8)
    chart = {"labels": [s.label for s in answer.profile.coverage.segments],
             "counts": [s.count for s in answer.profile.coverage.segments]}
    orgs = {o.id: o for o in answer.profile.organizations}
    projects = analyst.projects(answer.profile.cluster.id, limit=60)
    return _page(request, "cluster.html", profile=answer.profile, gaps=gaps, network=network, chart=chart,
                 orgs=orgs, vs=vs or "", projects=projects, investment=investment_chart(projects),
                 members=members, wanted={k: v or "" for k, v in wanted.items()}, sizes=SIZES, origins=ORIGINS)


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, analyst: AnalystDep,
            names: Annotated[list[str] | None, Query(max_length=8)] = None) -> Response:
    wanted = [n for n in (names or []) if n.strip()]
    comparison = analyst.compare(wanted) if len(wanted) >= 2 else None
    chart = None
    if comparison is not None:
        chart = {"labels": [SEGMENT_LABELS[s] for s in SEGMENTS],
                 "series": [{"name": c.cluster.name, "counts": [s.count for s in c.coverage.segments]}
                            for c in comparison.clusters]}
    return _page(request, "compare.html", comparison=comparison, chart=chart,
                 names=wanted or ["Lingang", "Zhangjiang", "Wuxi"])


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, analyst: AnalystDep, entity: Text = "",
          depth: Annotated[int, Query(ge=1, le=2)] = 1) -> Response:
    if not entity.strip():
        return _page(request, "graph.html", centre=None, data=None, depth=depth)
    around = analyst.neighbourhood(entity, depth=depth, limit=120)
    data = {"nodes": [{"data": {"id": n.id, "label": n.name, "type": n.type}} for n in around.nodes],
            "edges": [{"data": {"id": e.id, "source": e.head_id, "target": e.tail_id, "label": e.type}}
                      for e in around.edges]}
    return _page(request, "graph.html", centre=around.centre, data=data, depth=depth,
                 truncated=around.truncated)


@router.get("/timeline/{name}", response_class=HTMLResponse)
def timeline(request: Request, name: str, analyst: AnalystDep,
             since: Annotated[dt.date | None, Query()] = None, page: PageNo = 1) -> Response:
    result = analyst.timeline(name, since=since, limit=TIMELINE_PER_PAGE, offset=(page - 1) * TIMELINE_PER_PAGE)
    at = pager(result.total, page, TIMELINE_PER_PAGE)
    if at.page != page:
        result = analyst.timeline(name, since=since, limit=TIMELINE_PER_PAGE, offset=at.start)
    return _page(request, "timeline.html", timeline=result, since=since, pager=at)


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, analyst: AnalystDep,
           offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    from chipmap.server.routes.review import review_store

    store = review_store(analyst)
    page = store.candidates(limit=REVIEW_PAGE, offset=offset)
    writable = bool(request.app.state.settings.api_token)
    return _page(request, "review.html", page=page, verdicts=store.verdicts()[-20:][::-1], writable=writable)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
