"""A cluster brief to download: ``GET /api/v1/clusters/{name}/report?format=html|pdf``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from chipmap.report import MEDIA_TYPES, build_brief, render
from chipmap.server.deps import AnalystDep
from chipmap.server.errors import NAME_ERRORS

router = APIRouter(tags=["clusters"])

Name = Annotated[str, Path(min_length=1, max_length=300, description="A place or park: id, name or alias.")]


def _filename(name: str, fmt: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "cluster"
    return f"{stem}-brief.{fmt}"


@router.get("/clusters/{name}/report", responses={**NAME_ERRORS, 200: {
    "content": {"text/html": {}, "application/pdf": {}},
    "description": "The brief as a self-contained HTML document or a PDF."}},
    response_class=Response, summary="A cluster brief (HTML or PDF) to take to a meeting")
async def get_report(name: Name, analyst: AnalystDep,
                     format: Annotated[Literal["html", "pdf"], Query(description="html or pdf")] = "html",
                     vs: Annotated[str | None, Query(max_length=300, description="Peer cluster")] = None,
                     since: Annotated[dt.date | None, Query(description="Start of the period, YYYY-MM-DD")] = None,
                     download: Annotated[bool, Query(description="Ask the browser to save the file")] = False,
                     ) -> Response:
    # Rendering a PDF takes a second or more: keep it off the event loop.
    def make() -> tuple[str, bytes]:
        brief = build_brief(analyst, name, vs=vs, since=since)
        return brief.cluster_id, render(brief, format)

    cluster_id, data = await run_in_threadpool(make)
    disposition = "attachment" if download or format == "pdf" else "inline"
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'{disposition}; filename="{_filename(cluster_id, format)}"'})
