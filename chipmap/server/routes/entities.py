"""Entities, their relations and the evidence behind each relation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from chipmap.analyze.network import Neighbourhood
from chipmap.analyze.service import EntityAnswer
from chipmap.errors import NotFound
from chipmap.graph_records import EntityRecord, EvidenceRecord, RelationRecord
from chipmap.server.deps import AnalystDep, Limit, Offset
from chipmap.server.encode import answer
from chipmap.server.errors import NAME_ERRORS
from chipmap.vocab import RELATION_TYPES, SEGMENTS, EntityType

router = APIRouter(tags=["entities"])

Name = Annotated[str, Path(min_length=1, max_length=300, description="An id, name or alias.")]


@router.get("/entities", summary="List entities by type, kind and segment")
def list_entities(analyst: AnalystDep, limit: Limit = 50, offset: Offset = 0,
                  type: Annotated[EntityType | None, Query(description="person, org, place or event")] = None,
                  kind: Annotated[str | None, Query(max_length=40)] = None,
                  segment: Annotated[str | None, Query(description="A chain segment")] = None,
                  ) -> list[EntityRecord]:
    if segment is not None and segment not in SEGMENTS:
        raise NotFound("segment", segment, list(SEGMENTS))
    return analyst.graph.entities(type=type, kind=kind, segment=segment, limit=limit, offset=offset)


@router.get(response_model=EntityAnswer, path="/entities/{name}", responses=NAME_ERRORS, summary="An entity with its relations and evidence")
def get_entity(name: Name, analyst: AnalystDep, limit: Limit = 20, offset: Offset = 0) -> Response:
    return answer(analyst.entity(name, limit=limit, offset=offset))


@router.get(response_model=Neighbourhood, path="/entities/{name}/neighbourhood", responses=NAME_ERRORS,
            summary="Entities within a few hops, for the graph explorer")
def get_neighbourhood(name: Name, analyst: AnalystDep,
                      depth: Annotated[int, Query(ge=1, le=3)] = 1, limit: Limit = 150) -> Response:
    return answer(analyst.neighbourhood(name, depth=depth, limit=limit))


@router.get("/relations", summary="Relations by head, tail and type")
def list_relations(analyst: AnalystDep, limit: Limit = 50, offset: Offset = 0,
                   head: Annotated[str | None, Query(max_length=300)] = None,
                   tail: Annotated[str | None, Query(max_length=300)] = None,
                   type: Annotated[str | None, Query(description=", ".join(RELATION_TYPES))] = None,
                   ) -> list[RelationRecord]:
    head_id = analyst.resolve(head).id if head else None
    tail_id = tail if tail and tail.startswith("segment:") else (analyst.resolve(tail).id if tail else None)
    if head_id is None and tail_id is None and type is None:
        rows = analyst.index().snapshot.relations
    else:
        rows = analyst.graph.relations(head=head_id, tail=tail_id, type=type)
    return rows[offset:offset + limit]


@router.get("/relations/{relation_id}/evidence", responses=NAME_ERRORS,
            summary="The sentences that support a relation, with their sources")
def get_evidence(relation_id: Annotated[str, Path(min_length=1, max_length=200)],
                 analyst: AnalystDep) -> list[EvidenceRecord]:
    if relation_id not in analyst.index().by_id:
        raise NotFound("relation", relation_id)
    return analyst.graph.evidence(relation_id)
