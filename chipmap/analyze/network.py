"""The graph as a network: neighbourhoods, the shortest connection, central actors, communities.

Edges are relations between entities (segment tails are left out: two firms
both "in design" are not connected). The shortest connection is weighted so
that it avoids hubs:

    weight(u, v) = 1 + 0.5 * (ln(1 + degree(u)) + ln(1 + degree(v)))

so "academician -> university -> company" beats "academician -> China ->
company". Central actors are ranked by degree centrality, ties broken by
betweenness (sampled on large graphs with a fixed seed); communities are
Louvain communities with a fixed seed, so answers are repeatable.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chipmap.analyze.index import GraphIndex, segment_of
from chipmap.analyze.refs import EntityRef, RelationRef, entity_ref, relation_ref
from chipmap.vocab import id_type

SEED = 7


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """Entities within ``depth`` hops of a centre and the relations between them."""

    centre: EntityRef
    nodes: tuple[EntityRef, ...]
    edges: tuple[RelationRef, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a connection: the relation joining two entities."""

    source: EntityRef
    target: EntityRef
    relation: RelationRef


@dataclass(frozen=True, slots=True)
class Connection:
    """The least hub-heavy chain of relations between two entities (empty if none)."""

    source: EntityRef
    target: EntityRef
    hops: tuple[Hop, ...]
    found: bool


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity with its centrality in a (sub)graph."""

    entity: EntityRef
    degree: int
    degree_centrality: float
    betweenness: float


def build_graph(index: GraphIndex, *, nodes: set[str] | None = None) -> Any:
    """An undirected networkx graph of entities; each edge keeps its relation ids."""
    graph: Any = nx.Graph()
    for relation in index.snapshot.relations:
        head, tail = relation.head_id, relation.tail_id
        if segment_of(tail) or head == tail:
            continue
        if nodes is not None and (head not in nodes or tail not in nodes):
            continue
        if graph.has_edge(head, tail):
            graph[head][tail]["relations"].append(relation.id)
        else:
            graph.add_edge(head, tail, relations=[relation.id])
    return graph


def network_of(index: GraphIndex) -> Any:
    """The whole-snapshot network, built once per index."""
    if index.network_cache is None:
        index.network_cache = build_graph(index)
    return index.network_cache


def _best_relation(index: GraphIndex, relation_ids: list[str]) -> RelationRef:
    best = max((index.by_id[r] for r in relation_ids), key=lambda r: (r.evidence_count, not r.from_atlas, r.id))
    return relation_ref(index, best)


def neighbourhood(index: GraphIndex, entity_id: str, *, depth: int = 1, limit: int = 150) -> Neighbourhood:
    """Entities up to ``depth`` hops away (nearest and best-supported first, at most ``limit``)."""
    graph = network_of(index)
    if entity_id not in graph:
        return Neighbourhood(entity_ref(index, entity_id), (entity_ref(index, entity_id),), (), False)
    lengths = nx.single_source_shortest_path_length(graph, entity_id, cutoff=depth)
    ranked = sorted(lengths, key=lambda n: (lengths[n], -index.evidence_total.get(n, 0), n))
    kept = ranked[:limit]
    sub = graph.subgraph(kept)
    edges = [_best_relation(index, data["relations"]) for _, _, data in sub.edges(data=True)]
    return Neighbourhood(entity_ref(index, entity_id), tuple(entity_ref(index, n) for n in kept),
                         tuple(sorted(edges, key=lambda e: e.id)), len(ranked) > limit)


def connection(index: GraphIndex, source_id: str, target_id: str) -> Connection:
    """The shortest hub-avoiding chain of relations between two entities."""
    graph = network_of(index)
    source, target = entity_ref(index, source_id), entity_ref(index, target_id)
    if source_id not in graph or target_id not in graph:
        return Connection(source, target, (), False)

    def weight(u: str, v: str, _data: dict[str, Any]) -> float:
        return 1 + 0.5 * (math.log1p(graph.degree(u)) + math.log1p(graph.degree(v)))

    try:
        path = nx.dijkstra_path(graph, source_id, target_id, weight=weight)
    except nx.NetworkXNoPath:
        return Connection(source, target, (), False)
    hops = tuple(
        Hop(entity_ref(index, u), entity_ref(index, v), _best_relation(index, graph[u][v]["relations"]))
        for u, v in itertools.pairwise(path))
    return Connection(source, target, hops, True)


def central_actors(index: GraphIndex, members: set[str], *, limit: int = 10,
                   types: tuple[str, ...] = ("org", "person")) -> list[Actor]:
    """The most connected organisations and people among ``members`` and their direct neighbours."""
    graph = network_of(index)
    around = set(members)
    for member in members:
        if member in graph:
            around.update(graph.neighbors(member))
    sub = graph.subgraph(around)
    if sub.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(sub)
    k = min(sub.number_of_nodes(), 200)
    between = nx.betweenness_centrality(sub, k=k, seed=SEED) if k > 2 else dict.fromkeys(sub, 0.0)
    actors = [Actor(entity_ref(index, n), sub.degree(n), round(degree[n], 4), round(between[n], 4))
              for n in sub if n in members and id_type(n) in types]
    actors.sort(key=lambda a: (-a.degree_centrality, -a.betweenness, a.entity.name))
    return actors[:limit]


def communities(index: GraphIndex, members: set[str], *, min_size: int = 2) -> list[list[EntityRef]]:
    """Louvain communities of the subgraph on ``members``, largest first."""
    graph = network_of(index)
    sub = graph.subgraph([m for m in members if m in graph])
    if sub.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(sub, seed=SEED)
    ranked = sorted((sorted(g) for g in groups if len(g) >= min_size), key=lambda g: (-len(g), g[0]))
    return [[entity_ref(index, n) for n in group] for group in ranked]
