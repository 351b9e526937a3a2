"""The whole graph for other tools: JSON, GraphML, or zipped CSV / Neo4j import files."""

from __future__ import annotations

import io
import zipfile
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from chipmap.analyze.export import export
from chipmap.server.deps import AnalystDep

router = APIRouter(tags=["export"])

MEDIA = {"json": "application/json", "graphml": "application/xml"}


@router.get("/export", summary="Export the graph", response_class=Response,
            responses={200: {"content": {"application/zip": {}, "application/json": {},
                                         "application/xml": {}}}})
def get_export(analyst: AnalystDep,
               format: Annotated[Literal["csv", "json", "graphml", "neo4j"], Query()] = "json") -> Response:
    files = export(analyst.index().snapshot, format)
    if len(files) == 1:
        name, text = next(iter(files.items()))
        return Response(text, media_type=MEDIA[format],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="chipmap-{format}.zip"'})
