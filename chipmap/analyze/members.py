"""Every member of a cluster, with its names, one page at a time.

The profile (``chipmap.analyze.profile``) keeps a bounded summary — the
strongest organisations overall and per segment — so that it stays fast on a
cluster of thousands of firms. A member list answers the other question, "who
exactly is here": every organisation located in the place or any place inside
it, by atlas headquarters or site or by news, each with its Chinese name, its
aliases and the places that put it in the cluster. The order is the profile's
(lead score, then name), so page one of the list is the profile's leaders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chipmap.analyze.index import Area, GraphIndex
from chipmap.analyze.profile import ranked_orgs
from chipmap.analyze.refs import EntityRef, entity_ref
from chipmap.graph_records import EntityRecord, RelationRecord
from chipmap.vocab import SEGMENTS

_HAN = re.compile(r"[\u3400-\u9fff]")
#: Orders a member list can be read in.
MEMBER_ORDERS: tuple[str, ...] = ("lead", "name")


@dataclass(frozen=True, slots=True)
class MemberPlace:
    """A place that puts an organisation in the cluster, and on what support."""

    id: str
    name: str
    relation_id: str
    from_atlas: bool
    evidence_count: int


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """One organisation of a cluster with every name it goes by."""

    id: str
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]
    kind: str
    segments: tuple[str, ...]
    lead_score: float
    article_count: int
    origin: str  # atlas | news | atlas+news: what placed it in the cluster
    places: tuple[MemberPlace, ...]


@dataclass(frozen=True, slots=True)
class MemberPage:
    """A page of a cluster's members; ``total`` counts every member that matches the filter."""

    cluster: EntityRef
    total: int
    offset: int
    limit: int | None  # None: every member from ``offset`` on
    segment: str | None
    order: str
    members: tuple[ClusterMember, ...]


def chinese_name(entity: EntityRecord | None) -> str | None:
    """The entity's Chinese name: the recorded one, else its first alias in Chinese characters."""
    if entity is None:
        return None
    if entity.name_zh:
        return entity.name_zh
    return next((a for a in entity.aliases if _HAN.search(a)), None)


def _origin(located: list[RelationRecord]) -> str:
    atlas = any(r.from_atlas for r in located)
    news = any(r.article_ids for r in located)
    return "atlas+news" if atlas and news else "atlas" if atlas else "news"


def cluster_member(index: GraphIndex, org_id: str, located: list[RelationRecord], score: float) -> ClusterMember:
    """The member record of one organisation placed in a cluster by ``located``."""
    entity = index.entity(org_id)
    zh = chinese_name(entity)
    aliases = tuple(a for a in (entity.aliases if entity else ()) if a != zh)
    places = tuple(MemberPlace(r.tail_id, r.tail_name or index.name(r.tail_id), r.id, r.from_atlas,
                               r.evidence_count)
                   for r in sorted(located, key=lambda r: (not r.from_atlas, -r.evidence_count, r.tail_id)))
    return ClusterMember(
        id=org_id,
        name=entity.name if entity else org_id,
        name_zh=zh,
        aliases=aliases,
        kind=entity.kind if entity else "",
        segments=index.segments(org_id),
        lead_score=score,
        article_count=max(entity.article_count if entity else 0, len(index.entity_articles.get(org_id, ()))),
        origin=_origin(located),
        places=places,
    )


def member_page(index: GraphIndex, cluster_id: str, *, limit: int | None = None, offset: int = 0,
                segment: str | None = None, order: str = "lead") -> MemberPage:
    """Members of the cluster ``cluster_id`` (a place with every place inside it, or a park).

    Ranking every member is linear in the cluster's size; member records are made
    only for the page, so a page of a very large cluster costs what its ranking costs.
    """
    if segment is not None and segment not in SEGMENTS:
        raise ValueError(f"unknown segment {segment!r}")
    if order not in MEMBER_ORDERS:
        raise ValueError(f"unknown order {order!r}")
    area: Area = index.area(cluster_id)
    members = index.orgs_in(area)
    ranked = ranked_orgs(index, area)
    if segment is not None:
        ranked = [(o, s) for o, s in ranked if segment in index.segments(o)]
    if order == "name":
        ranked.sort(key=lambda pair: (index.name(pair[0]).casefold(), pair[0]))
    start = max(offset, 0)
    chosen = ranked[start:] if limit is None else ranked[start:start + limit]
    return MemberPage(
        cluster=entity_ref(index, cluster_id),
        total=len(ranked),
        offset=start,
        limit=limit,
        segment=segment,
        order=order,
        members=tuple(cluster_member(index, o, members[o], score) for o, score in chosen),
    )
