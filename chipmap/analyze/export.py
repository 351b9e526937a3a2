"""The graph in other tools' formats: CSV tables, JSON, GraphML, and Neo4j bulk-import CSV.

Each function returns ``{file name: text}``; the CLI writes the files, the
server zips them. Evidence sentences are not exported (they stay in the store
with their article); relation ids are, so a reader can ask for them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from chipmap.graph_records import EntityRecord, RelationRecord, Snapshot
from chipmap.vocab import SEGMENT_PREFIX, id_type

FORMATS: tuple[str, ...] = ("csv", "json", "graphml", "neo4j")
ENTITY_COLUMNS = ("id", "type", "name", "kind", "segments", "aliases", "atlas_id", "name_zh",
                  "article_count", "first_seen", "last_seen")
RELATION_COLUMNS = ("id", "type", "head_id", "tail_id", "head_name", "tail_name", "title",
                    "confidence", "evidence_count", "from_atlas", "first_seen", "last_seen")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ";".join(str(v) for v in value)
    return str(value)


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _entity_rows(snapshot: Snapshot) -> list[EntityRecord]:
    return sorted(snapshot.entities.values(), key=lambda e: e.id)


def _relation_rows(snapshot: Snapshot) -> list[RelationRecord]:
    return sorted(snapshot.relations, key=lambda r: r.id)


def to_csv(snapshot: Snapshot) -> dict[str, str]:
    """entities.csv and relations.csv (lists joined with ';')."""
    return {
        "entities.csv": _table(ENTITY_COLUMNS, ([getattr(e, c) for c in ENTITY_COLUMNS]
                                                for e in _entity_rows(snapshot))),
        "relations.csv": _table(RELATION_COLUMNS, ([getattr(r, c) for c in RELATION_COLUMNS]
                                                   for r in _relation_rows(snapshot))),
    }


def to_json(snapshot: Snapshot) -> dict[str, str]:
    """graph.json: entities, relations and articles (without text)."""
    def row(record: Any, columns: Sequence[str]) -> dict[str, Any]:
        return {c: getattr(record, c) for c in columns}

    data = {
        "entities": [row(e, ENTITY_COLUMNS) for e in _entity_rows(snapshot)],
        "relations": [{**row(r, RELATION_COLUMNS), "article_ids": list(r.article_ids)}
                      for r in _relation_rows(snapshot)],
        "articles": [{"id": a.id, "title": a.title, "published": a.published, "urls": list(a.urls)}
                     for a in sorted(snapshot.articles.values(), key=lambda a: a.id)],
    }
    return {"graph.json": json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"}


def to_graphml(snapshot: Snapshot) -> dict[str, str]:
    """graph.graphml: a directed multigraph; segments appear as nodes of type 'segment'."""
    graph: Any = nx.MultiDiGraph()
    for entity in _entity_rows(snapshot):
        graph.add_node(entity.id, name=entity.name, type=entity.type, kind=entity.kind,
                       segments=";".join(entity.segments), article_count=entity.article_count)
    for relation in _relation_rows(snapshot):
        for end in (relation.head_id, relation.tail_id):
            if end not in graph:
                graph.add_node(end, name=end.split(":", 1)[-1], type=id_type(end), kind="",
                               segments="", article_count=0)
        graph.add_edge(relation.head_id, relation.tail_id, key=relation.id, type=relation.type,
                       title=relation.title or "", evidence_count=relation.evidence_count,
                       from_atlas=relation.from_atlas)
    return {"graph.graphml": "\n".join(nx.generate_graphml(graph)) + "\n"}


def to_neo4j(snapshot: Snapshot) -> dict[str, str]:
    """Files for ``neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv``."""
    labels = {"org": "Organization", "place": "Place", "person": "Person", "event": "Event"}
    nodes = [[e.id, e.name, e.kind, ";".join(e.segments), e.article_count, labels.get(e.type, "Entity")]
             for e in _entity_rows(snapshot)]
    known = {e.id for e in snapshot.entities.values()}
    extra = sorted({end for r in snapshot.relations for end in (r.head_id, r.tail_id)} - known)
    nodes += [[i, i.split(":", 1)[-1], "", "", 0, "Segment" if i.startswith(SEGMENT_PREFIX) else "Entity"]
              for i in extra]
    rels = [[r.head_id, r.tail_id, r.type.upper(), r.id, r.title or "", r.evidence_count,
             str(r.from_atlas).lower()] for r in _relation_rows(snapshot)]
    return {
        "nodes.csv": _table(("id:ID", "name", "kind", "segments", "article_count:int", ":LABEL"), nodes),
        "relationships.csv": _table((":START_ID", ":END_ID", ":TYPE", "relation_id", "title",
                                     "evidence_count:int", "from_atlas:boolean"), rels),
    }


def export(snapshot: Snapshot, fmt: str) -> dict[str, str]:
    """The snapshot in one of FORMATS; ValueError for another format."""
    writers = {"csv": to_csv, "json": to_json, "graphml": to_graphml, "neo4j": to_neo4j}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](snapshot)
