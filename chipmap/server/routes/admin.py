"""Health, counts, and the one write: re-reading the graph after a build (bearer token)."""

from __future__ import annotations

from fastapi import APIRouter

from chipmap.server.deps import AnalystDep, WriteAccess

router = APIRouter(tags=["admin"])


@router.get("/health", summary="Whether the graph answers, and how big it is")
def health(analyst: AnalystDep) -> dict[str, int]:
    return analyst.graph.counts()


@router.post("/admin/refresh", summary="Re-read the graph (after a build); needs the bearer token",
             responses={401: {"description": "Missing or wrong token"},
                        403: {"description": "Writes are disabled (no token configured)"}})
def refresh(analyst: AnalystDep, _: WriteAccess) -> dict[str, int]:
    analyst.refresh()
    analyst.index()
    return analyst.graph.counts()
