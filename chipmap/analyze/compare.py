"""Two or more clusters side by side: coverage, size, leaders, and the firms they share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chipmap.analyze.coverage import Coverage
from chipmap.analyze.index import GraphIndex
from chipmap.analyze.profile import cluster_profile
from chipmap.analyze.projects import ProjectSummary
from chipmap.analyze.refs import EntityRef, entity_ref


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """The headline numbers of one cluster in a comparison."""

    cluster: EntityRef
    organizations: int
    people: int
    events: int
    articles: int
    coverage: Coverage
    leaders: tuple[EntityRef, ...]
    projects: ProjectSummary | None = None  # project counts and investment totals


@dataclass(frozen=True, slots=True)
class Comparison:
    """Clusters in the order asked, plus organisations present in more than one of them."""

    clusters: tuple[ClusterSummary, ...]
    shared: tuple[tuple[EntityRef, tuple[str, ...]], ...]  # org, cluster ids it is in


def compare(index: GraphIndex, cluster_ids: Sequence[str], *, leaders: int = 5) -> Comparison:
    """Summaries of each cluster and the organisations they have in common."""
    summaries: list[ClusterSummary] = []
    where: dict[str, list[str]] = {}
    for cluster_id in cluster_ids:
        profile = cluster_profile(index, cluster_id, articles=0, limit=leaders)
        for org_id in index.orgs_in(index.area(cluster_id)):
            where.setdefault(org_id, []).append(cluster_id)
        summaries.append(ClusterSummary(
            cluster=profile.cluster,
            organizations=profile.organization_total,
            people=profile.people_total,
            events=len(profile.events),
            articles=profile.article_total,
            coverage=profile.coverage,
            leaders=tuple(entity_ref(index, o) for o in profile.leaders[:leaders]),
            projects=profile.projects,
        ))
    shared = tuple(sorted(
        ((entity_ref(index, org_id), tuple(ids)) for org_id, ids in where.items() if len(set(ids)) > 1),
        key=lambda pair: pair[0].name))
    return Comparison(tuple(summaries), shared)
