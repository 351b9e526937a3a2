"""Gaps in a cluster's chain and the organisations elsewhere that could fill them.

Gap of segment ``s`` against a reference distribution (the nation's, or a peer
cluster's) with shares ``ref[s]``, for a cluster with ``n`` segment
memberships of which ``count[s]`` in ``s``:

    expected[s] = ref[s] * max(n, 7)
    severity[s] = 1                              if count[s] == 0 and ref[s] > 0  (missing)
                = 1 - count[s] / expected[s]     if count[s] < 0.5 * expected[s]  (thin)
                = 0                              otherwise

(``max(n, 7)`` keeps a cluster with one or two known firms from looking
complete.) Candidates are companies outside the cluster working in a gap
segment, scored 0..100 as

    score = 100 * (0.40 * fit + 0.25 * scale + 0.20 * links + 0.15 * recency)

- fit = max severity of its gap segments * (0.5 + 0.5 * gap segments / its segments):
  a specialist in the gap beats a conglomerate that also touches it;
- scale = 0.6 * ln(1 + evidence) / ln(1 + max evidence) + 0.4 * atlas, where
  atlas = 0.5 for an atlas entry + 0.1 per atlas site, at most 1 (firms that
  already run several sites are the ones that open new ones);
- links = min(1, (2 * direct relations + shared articles) / 4) with the cluster's
  organisations, places and people: a firm already tied to the cluster is easier to attract;
- recency = 0.5 ** (days since last news / 365), measured from the snapshot's newest date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from chipmap.analyze.coverage import national_counts, segment_counts
from chipmap.analyze.index import GraphIndex
from chipmap.analyze.refs import EntityRef, entity_ref
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

WEIGHTS: dict[str, float] = {"fit": 0.40, "scale": 0.25, "links": 0.20, "recency": 0.15}
THIN = 0.5


@dataclass(frozen=True, slots=True)
class Gap:
    """A segment the cluster lacks or has too little of, compared with the reference."""

    segment: str
    label: str
    status: str  # "missing" or "thin"
    count: int
    expected: float
    reference_share: float
    severity: float


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    """One term of a score: its value in 0..1, its weight, and why it has that value."""

    name: str
    value: float
    weight: float
    reason: str


@dataclass(frozen=True, slots=True)
class Prospect:
    """An organisation elsewhere that works in a gap segment, with its explained score."""

    org: EntityRef
    segments: tuple[str, ...]
    gap_segments: tuple[str, ...]
    score: float
    components: tuple[ScoreComponent, ...]
    located: tuple[EntityRef, ...]


@dataclass(frozen=True, slots=True)
class GapReport:
    """Gaps of a cluster against a reference, and ranked candidates to fill them."""

    cluster: EntityRef
    reference: str  # "national" or the peer cluster id
    reference_name: str
    counts: dict[str, int]
    gaps: tuple[Gap, ...]
    candidates: tuple[Prospect, ...]
    candidate_total: int


def find_gaps(counts: Mapping[str, int], reference: Mapping[str, int]) -> list[Gap]:
    """Missing and thin segments of ``counts`` against a reference distribution, worst first."""
    ref_total = sum(reference.get(s, 0) for s in SEGMENTS)
    total = max(sum(counts.get(s, 0) for s in SEGMENTS), len(SEGMENTS))
    gaps: list[Gap] = []
    for segment in SEGMENTS:
        share = reference.get(segment, 0) / ref_total if ref_total else 1 / len(SEGMENTS)
        if share <= 0:
            continue
        count = counts.get(segment, 0)
        expected = share * total
        if count == 0:
            status, severity = "missing", 1.0
        elif count < THIN * expected:
            status, severity = "thin", 1 - count / expected
        else:
            continue
        gaps.append(Gap(segment, SEGMENT_LABELS[segment], status, count, round(expected, 2),
                        round(share, 4), round(severity, 3)))
    gaps.sort(key=lambda g: (-g.severity, SEGMENTS.index(g.segment)))
    return gaps


def _links(index: GraphIndex, org_id: str, cluster_ids: set[str],
           cluster_articles: set[str]) -> tuple[int, int, list[str]]:
    direct = [r for r in index.relations_of(org_id)
              if (r.tail_id if r.head_id == org_id else r.head_id) in cluster_ids]
    shared = len(index.entity_articles.get(org_id, set()) & cluster_articles)
    names = sorted({index.name(r.tail_id if r.head_id == org_id else r.head_id) for r in direct})
    return len(direct), shared, names


def _candidate(index: GraphIndex, org_id: str, severity: Mapping[str, float], max_evidence: int,
               cluster_ids: set[str], cluster_articles: set[str]) -> Prospect:
    segments = index.segments(org_id)
    in_gap = [s for s in segments if s in severity]
    fit = max(severity[s] for s in in_gap) * (0.5 + 0.5 * len(in_gap) / len(segments))
    evidence = index.evidence_total.get(org_id, 0)
    entity = index.entity(org_id)
    atlas_sites = [r for r in index.org_places.get(org_id, ()) if r.from_atlas]
    atlas = min(1.0, (0.5 if entity and entity.atlas_id else 0.0) + 0.1 * len(atlas_sites))
    news = math.log1p(evidence) / math.log1p(max_evidence) if max_evidence else 0.0
    scale = 0.6 * news + 0.4 * atlas
    direct, shared, linked = _links(index, org_id, cluster_ids, cluster_articles)
    links = min(1.0, (2 * direct + shared) / 4)
    last = index.last_seen(org_id)
    if last and index.latest:
        age = max(0, (index.latest - last).days)
        recency = 0.5 ** (age / 365)
        recency_reason = f"last in the news {last.isoformat()} ({age} days before the newest article)"
    else:
        recency, recency_reason = 0.0, "no dated news"
    labels = ", ".join(SEGMENT_LABELS[s] for s in in_gap)
    components = (
        ScoreComponent("fit", round(fit, 3), WEIGHTS["fit"],
                       f"works in gap segment(s) {labels}; {len(in_gap)} of its {len(segments)} segments"),
        ScoreComponent("scale", round(scale, 3), WEIGHTS["scale"],
                       f"{evidence} evidence sentences; "
                       + ("atlas entry" if entity and entity.atlas_id else "not in the atlas")
                       + f", {len(atlas_sites)} atlas location(s)"),
        ScoreComponent("links", round(links, 3), WEIGHTS["links"],
                       (f"{direct} direct relation(s) with the cluster ({', '.join(linked[:4])})"
                        if direct else "no direct relation with the cluster")
                       + f"; {shared} article(s) shared with it"),
        ScoreComponent("recency", round(recency, 3), WEIGHTS["recency"], recency_reason),
    )
    score = 100 * sum(c.value * c.weight for c in components)
    located = tuple(entity_ref(index, r.tail_id) for r in index.org_places.get(org_id, ()))
    return Prospect(entity_ref(index, org_id), tuple(segments), tuple(in_gap), round(score, 2),
                     components, tuple(dict.fromkeys(located)))


def gap_report(index: GraphIndex, cluster_id: str, *, peer_id: str | None = None,
               limit: int = 20, offset: int = 0) -> GapReport:
    """Gaps of a cluster against the nation (or ``peer_id``) and ranked candidates elsewhere."""
    area = index.area(cluster_id)
    in_cluster = index.orgs_in(area)
    counts = segment_counts(index, in_cluster)
    if peer_id is None:
        reference, reference_name = national_counts(index), "national"
    else:
        reference = segment_counts(index, index.orgs_in(index.area(peer_id)))
        reference_name = index.name(peer_id)
    gaps = find_gaps(counts, reference)
    severity = {g.segment: g.severity for g in gaps}
    cluster_ids = set(area.places) | set(in_cluster) | {cluster_id}
    cluster_ids |= {r.head_id for body in list(cluster_ids) for r in index.by_tail.get(body, ())
                    if r.type == "holds_position"}
    cluster_articles: set[str] = set()
    for member in in_cluster:
        cluster_articles |= index.entity_articles.get(member, set())
    pool = [e.id for e in index.orgs()
            if e.kind == "company" and e.id not in in_cluster and e.id != cluster_id
            and any(s in severity for s in index.segments(e.id))]
    max_evidence = max((index.evidence_total.get(o, 0) for o in pool), default=0)
    candidates = [_candidate(index, o, severity, max_evidence, cluster_ids, cluster_articles) for o in pool]
    candidates.sort(key=lambda c: (-c.score, c.org.name))
    return GapReport(entity_ref(index, cluster_id), peer_id or "national", reference_name, counts,
                     tuple(gaps), tuple(candidates[offset:offset + limit]), len(candidates))
