"""The dashboard: server-rendered pages over the same Analyst as the API.

Article text is untrusted: every template is autoescaped and no template
marks article text safe; chart and graph data reach the browser through
``tojson`` (which escapes <, > and &) inside ``application/json`` script tags.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from chipmap.analyze.coverage import segment_counts
from chipmap.analyze.service import Analyst
from chipmap.analyze.signals import ORIGINS, SIZES
from chipmap.server.deps import AnalystDep
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True))
templates.env.globals.update(SEGMENT_LABELS=SEGMENT_LABELS, SEGMENTS=SEGMENTS)

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=300)]


def _page(request: Request, name: str, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context)


def _top_clusters(analyst: Analyst, limit: int = 16) -> list[dict[str, Any]]:
    index = analyst.index()
    rows: list[tuple[int, str, str, int]] = []
    for place_id in index.clusters(kinds=("city",)):
        orgs = index.orgs_in(index.area(place_id))
        counts = segment_counts(index, orgs)
        rows.append((len(orgs), index.name(place_id), place_id, sum(1 for c in counts.values() if c)))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return [{"id": i, "name": n, "orgs": o, "segments": s} for o, n, i, s in rows[:limit]]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, analyst: AnalystDep) -> Response:
    return _page(request, "index.html", clusters=_top_clusters(analyst), counts=analyst.graph.counts())


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, analyst: AnalystDep, q: Text = "") -> Response:
    hits = analyst.search(q, limit=50) if q.strip() else []
    return _page(request, "search.html", q=q, hits=hits)


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity(request: Request, name: str, analyst: AnalystDep) -> Response:
    answer = analyst.entity(name, limit=60)
    is_cluster = answer.entity.type == "place" or answer.entity.kind == "park"
    return _page(request, "entity.html", answer=answer, is_cluster=is_cluster)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, analyst: AnalystDep,
            start: Annotated[int, Query(ge=0)] = 0, end: Annotated[int, Query(ge=0)] = 0) -> Response:
    record = analyst.graph.article(article_id)
    text = record.text
    if not 0 <= start < end <= len(text):
        start = end = 0
    return _page(request, "article.html", article=record, before=text[:start], marked=text[start:end],
                 after=text[end:])


@router.get("/cluster/{name}", response_class=HTMLResponse)
def cluster(request: Request, name: str, analyst: AnalystDep,
            vs: Annotated[str | None, Query(max_length=300)] = None,
            segment: Annotated[str | None, Query(max_length=40)] = None,
            province: Annotated[str | None, Query(max_length=300)] = None,
            size: Annotated[str | None, Query(max_length=10)] = None,
            origin: Annotated[str | None, Query(max_length=10)] = None) -> Response:
    answer = analyst.cluster(name)
    wanted = {"segment": segment or None, "province": (province or "").strip() or None, "size": size or None,
              "origin": origin or None}
    gaps = analyst.gaps(answer.profile.cluster.id, vs=vs, limit=10, segment=wanted["segment"],
                        province=wanted["province"], size=wanted["size"], origin=wanted["origin"])
    network = analyst.network(answer.profile.cluster.id, limit=8)
    chart = {"labels": [s.label for s in answer.profile.coverage.segments],
             "counts": [s.count for s in answer.profile.coverage.segments]}
    orgs = {o.id: o for o in answer.profile.organizations}
    return _page(request, "cluster.html", profile=answer.profile, gaps=gaps, network=network, chart=chart,
                 orgs=orgs, vs=vs or "", wanted={k: v or "" for k, v in wanted.items()}, sizes=SIZES, origins=ORIGINS)


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
             since: Annotated[dt.date | None, Query()] = None) -> Response:
    result = analyst.timeline(name, since=since, limit=300)
    return _page(request, "timeline.html", timeline=result, since=since)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
