"""A cluster brief: what a park's team takes to a meeting, assembled from the Analyst's answers.

``build_brief`` asks the same questions the dashboard asks (profile, gaps,
timeline, and projects when the graph has them) and turns them into plain
records with every fact's citation numbers; ``chipmap.report.render`` turns a
brief into HTML or PDF. Sections come in the order the document shows them,
so sources are numbered in the order a reader meets them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from chipmap.analyze.gaps import Prospect
from chipmap.analyze.profile import ClusterOrg
from chipmap.analyze.service import Analyst
from chipmap.report.projects import STAGE_LABELS, ProjectRow, projects_of
from chipmap.report.sources import Source, SourceList, cite_numbers
from chipmap.report.svg import Bar, coverage_chart
from chipmap.vocab import SEGMENT_LABELS

#: Timeline kinds a brief lists (every article of the period is in the source list instead).
TIMELINE_KINDS = ("event", "project", "opening", "appointment", "site")


@dataclass(frozen=True, slots=True)
class BriefOrg:
    """A member organisation with the places that put it in the cluster."""

    id: str
    name: str
    name_zh: str
    segments: tuple[str, ...]  # labels
    where: tuple[str, ...]
    lead_score: float
    articles: int
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SegmentSection:
    """The members of one chain segment, strongest first, and how many more there are."""

    label: str
    count: int
    orgs: tuple[BriefOrg, ...]
    more: int


@dataclass(frozen=True, slots=True)
class BriefGap:
    """A missing or thin segment."""

    label: str
    status: str
    count: int
    expected: float
    severity: float


@dataclass(frozen=True, slots=True)
class BriefComponent:
    """One explained term of a candidate's score."""

    name: str
    value: float
    weight: float
    points: float
    reason: str


@dataclass(frozen=True, slots=True)
class BriefCandidate:
    """A firm elsewhere that could fill a gap, with its score explained."""

    name: str
    name_zh: str
    score: float
    gap_segments: tuple[str, ...]
    located: tuple[str, ...]
    components: tuple[BriefComponent, ...]
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BriefProject:
    """A project with its citations."""

    row: ProjectRow
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ProjectStage:
    """Projects at one stage (signed, started, in production)."""

    stage: str
    label: str
    projects: tuple[BriefProject, ...]


@dataclass(frozen=True, slots=True)
class BriefPerson:
    """Someone holding a position at a body of the cluster."""

    name: str
    name_zh: str
    title: str
    body: str
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One dated happening of the period."""

    date: dt.date
    kind: str
    title: str
    cites: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything a cluster brief shows, each fact with the numbers of its sources."""

    cluster_id: str
    name: str
    name_zh: str
    kind: str
    generated: dt.date
    since: dt.date | None
    until: dt.date | None
    peer: str | None
    organizations: int
    people: int
    articles: int
    coverage_score: float
    segments_present: int
    chart: Markup
    segments: tuple[SegmentSection, ...]
    reference: str
    gaps: tuple[BriefGap, ...]
    candidates: tuple[BriefCandidate, ...]
    candidate_total: int
    projects: tuple[ProjectStage, ...] | None  # None: the graph reports no project in the cluster
    leaders: tuple[BriefOrg, ...]
    people_rows: tuple[BriefPerson, ...]
    timeline: tuple[TimelineRow, ...]
    timeline_total: int
    sources: tuple[Source, ...]


class _Builder:
    """Walks the Analyst's answers in document order, citing as it goes."""

    def __init__(self, analyst: Analyst) -> None:
        self.analyst = analyst
        self.index = analyst.index()
        self.sources = SourceList(self.index, analyst.graph)
        self._org_cites: dict[str, tuple[int, ...]] = {}

    def name_zh(self, entity_id: str) -> str:
        entity = self.index.entity(entity_id)
        return (entity.name_zh or "") if entity else ""

    def relation_cites(self, subject: str, relation_ids: list[str]) -> list[int]:
        news = [r for r in relation_ids if (rel := self.index.by_id.get(r)) is not None and not rel.from_atlas]
        atlas = [r for r in relation_ids if r not in news]
        numbers = [n for r in news for n in self.sources.relation(r)]
        for records in self.analyst.evidence_for(atlas, per_relation=1).values():
            numbers += self.sources.evidence(subject, records)
        return numbers

    def org(self, org: ClusterOrg) -> BriefOrg:
        if org.id not in self._org_cites:
            ids = [r.id for r in org.located[:2]] + list(org.segment_relations[:1])
            self._org_cites[org.id] = cite_numbers(self.relation_cites(org.name, ids))
        return BriefOrg(org.id, org.name, self.name_zh(org.id),
                        tuple(SEGMENT_LABELS[s] for s in org.segments),
                        tuple(dict.fromkeys(r.tail_name for r in org.located)), org.lead_score,
                        org.article_count, self._org_cites[org.id])

    def candidate(self, candidate: Prospect) -> BriefCandidate:
        org_id = candidate.org.id
        located = [r.id for r in self.index.org_places.get(org_id, ())[:2]]
        segments = self.index.org_segments.get(org_id, {})
        segment_ids = [rid for s in candidate.gap_segments for rid in segments.get(s, ())[:1]]
        cites = cite_numbers(self.relation_cites(candidate.org.name, located + segment_ids))
        # A leadership brief shows the reasons that carry weight, strongest first; the API and the
        # dashboard keep every component.
        components = tuple(sorted((BriefComponent(c.name, c.value, c.weight, round(100 * c.value * c.weight, 1),
                                                  c.reason) for c in candidate.components if c.weight > 0),
                                  key=lambda k: -k.points))
        return BriefCandidate(candidate.org.name, self.name_zh(org_id), candidate.score,
                              tuple(SEGMENT_LABELS.get(s, s) for s in candidate.gap_segments),
                              tuple(p.name for p in candidate.located), components, cites)

    def project(self, row: ProjectRow) -> BriefProject:
        numbers = [n for a in row.article_ids if (n := self.sources.article(a)) is not None]
        numbers += self.relation_cites(row.name, list(row.relation_ids))
        return BriefProject(row, cite_numbers(numbers))


def build_brief(analyst: Analyst, name: str, *, vs: str | None = None, since: dt.date | None = None,
                per_segment: int = 12, candidates: int = 10, people: int = 25, timeline: int = 80,
                today: dt.date | None = None) -> Brief:
    """The brief of a cluster (optionally against a peer and for the period from ``since``).

    Lists are bounded (``per_segment`` members per segment, ``candidates``, ``people``,
    ``timeline`` items) so a cluster of thousands of firms still makes a readable document;
    the totals are stated next to each list.
    """
    builder = _Builder(analyst)
    index = builder.index
    profile = analyst.cluster(name).profile
    cluster_id = profile.cluster.id
    peer_profile = analyst.cluster(vs).profile if vs else None
    gaps = analyst.gaps(cluster_id, vs=peer_profile.cluster.id if peer_profile else None, limit=candidates)
    orgs = {o.id: o for o in profile.organizations}

    peer_counts = peer_profile.coverage.counts() if peer_profile else {}
    bars = [Bar(s.label, s.count, peer_counts.get(s.segment) if peer_profile else None)
            for s in profile.coverage.segments]
    chart = coverage_chart(bars, cluster=profile.cluster.name,
                           peer=peer_profile.cluster.name if peer_profile else None)

    sections = []
    for group, row in zip(profile.by_segment, profile.coverage.segments, strict=True):
        shown = [builder.org(orgs[o]) for o in group.org_ids[:per_segment] if o in orgs]
        sections.append(SegmentSection(group.label, row.count, tuple(shown), max(0, row.count - len(shown))))

    brief_gaps = tuple(BriefGap(g.label, g.status, g.count, g.expected, g.severity) for g in gaps.gaps)
    brief_candidates = tuple(builder.candidate(c) for c in gaps.candidates)

    rows = projects_of(analyst, cluster_id, since=since)
    projects = None
    if rows:
        projects = tuple(
            ProjectStage(stage, label, tuple(builder.project(r) for r in rows if r.stage == stage))
            for stage, label in (*STAGE_LABELS.items(), ("other", "Other")))

    leaders = tuple(builder.org(orgs[o]) for o in profile.leaders if o in orgs)
    people_rows = tuple(
        BriefPerson(p.name, builder.name_zh(p.id), p.title or "position", p.body.name,
                    cite_numbers(builder.sources.relation(p.relation_id)))
        for p in profile.people[:people])

    found = analyst.timeline(cluster_id, since=since, kinds=TIMELINE_KINDS, limit=timeline)
    timeline_rows = []
    for item in found.items:
        numbers = [n for a in item.sources if (n := builder.sources.article(a.id)) is not None]
        if item.relation_id:
            numbers += builder.sources.relation(item.relation_id)
        if not numbers and item.entities and item.entities[0].type == "event":
            # An event tied to the cluster by the store's place attribute has no relation to cite:
            # cite the articles that mention it.
            mentioned = analyst.graph.articles(entity=item.entities[0].id, limit=2)
            numbers = [n for a in mentioned if (n := builder.sources.article(a.id)) is not None]
        timeline_rows.append(TimelineRow(item.date, item.kind, item.title, cite_numbers(numbers)))

    entity = index.entity(cluster_id)
    return Brief(
        cluster_id=cluster_id,
        name=profile.cluster.name,
        name_zh=(entity.name_zh or "") if entity else "",
        kind=profile.cluster.kind or profile.cluster.type,
        generated=today or dt.date.today(),
        since=since,
        until=index.latest,
        peer=peer_profile.cluster.name if peer_profile else None,
        organizations=profile.organization_total,
        people=profile.people_total,
        articles=profile.article_total,
        coverage_score=profile.coverage.score,
        segments_present=sum(1 for s in profile.coverage.segments if s.count),
        chart=chart,
        segments=tuple(sections),
        reference=gaps.reference_name,
        gaps=brief_gaps,
        candidates=brief_candidates,
        candidate_total=gaps.candidate_total,
        projects=projects,
        leaders=leaders,
        people_rows=people_rows,
        timeline=tuple(timeline_rows),
        timeline_total=found.total,
        sources=tuple(builder.sources.sources),
    )
