"""Review: open "possibly same as" pairs, verdicts, and accepting or rejecting a pair (bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response

from chipmap.server.deps import AnalystDep, Limit, Offset, WriteAccess
from chipmap.server.encode import answer
from chipmap.server.errors import NAME_ERRORS
from chipmap.store import Database
from chipmap.store.review import Judgement, ReviewPage, ReviewStore, verdict_data

router = APIRouter(tags=["review"])

CandidateId = Annotated[int, Path(ge=1, le=2**62, description="A candidate id from GET /review.")]
Note = Annotated[str, Query(max_length=2000, description="Why (kept with the verdict).")]
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NAME_ERRORS, 401: {"description": "Missing or wrong token"},
    403: {"description": "Writes are disabled (no token configured)"},
}


def review_store(analyst: AnalystDep) -> ReviewStore:
    """The review store of the served graph (every store-backed graph has one)."""
    database = getattr(analyst.graph, "database", None)
    if not isinstance(database, Database):
        raise HTTPException(501, "this graph keeps no review data")
    return ReviewStore(database)


ReviewDep = Annotated[ReviewStore, Depends(review_store)]


@router.get(response_model=ReviewPage, path="/review", summary="Open candidate pairs, strongest first (paged)")
def list_candidates(store: ReviewDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    return answer(store.candidates(limit=limit, offset=offset))


@router.get("/review/verdicts", summary="Every verdict, oldest first (what a build replays)")
def list_verdicts(store: ReviewDep) -> list[dict[str, Any]]:
    return [verdict_data(v) for v in store.verdicts()]


@router.post(response_model=Judgement, path="/review/{candidate_id}/accept", responses=WRITE_ERRORS,
             summary="The pair is one entity: merge now, keep the verdict; needs the bearer token")
def accept(candidate_id: CandidateId, store: ReviewDep, analyst: AnalystDep, _: WriteAccess,
           note: Note = "") -> Response:
    judged = store.accept(candidate_id, note=note)
    analyst.refresh()
    return answer(judged)


@router.post(response_model=Judgement, path="/review/{candidate_id}/reject", responses=WRITE_ERRORS,
             summary="The pair is two entities: keep them apart, keep the verdict; needs the bearer token")
def reject(candidate_id: CandidateId, store: ReviewDep, analyst: AnalystDep, _: WriteAccess,
           note: Note = "") -> Response:
    judged = store.reject(candidate_id, note=note)
    analyst.refresh()
    return answer(judged)
