"""Gaps in a cluster's chain and the companies elsewhere the cluster could attract.

Gap of segment ``s`` against a reference distribution (the nation's, or a peer
cluster's) with shares ``ref[s]``, for a cluster with ``n`` segment
memberships of which ``count[s]`` in ``s``:

    expected[s] = ref[s] * max(n, 7)
    severity[s] = 1                              if count[s] == 0 and ref[s] > 0  (missing)
                = 1 - count[s] / expected[s]     if count[s] < 0.5 * expected[s]  (thin)
                = 0                              otherwise

(``max(n, 7)`` keeps a cluster with one or two known firms from looking
complete.) Candidates are the companies outside the cluster (filling a gap is one
component, not a condition: the firms that come are often in segments the
cluster already has). signals.py defines origin, footprint, size and partners.
For a candidate with segments ``S`` and the cluster's ``n[t]`` companies per segment:

    fit       = max severity of its gap segments * (0.5 + 0.5 * gap segments / its segments)
    chain     = sum over t not in S of ln(1 + n[t]) / d(t) + 2 * ln(1 + its partners in the cluster)
    peers     = ln(1 + firms of S with a site in the cluster + 0.5 * those headquartered there)
    expansion = ln(1 + places it is in, anywhere, + its subsidiaries) + ln(1 + its recent moves in the news)
    activity  = ln(1 + evidence sentences about it, atlas and news)
    home      = 1 when its headquarters is in the cluster's province, 0.5 when it has a site there
    origin    = (cluster companies of its origin + 1) / (cluster companies + 2)
    scale     = 1 when ln(1 + its places and subsidiaries) <= ln(1 + cluster companies), else
                exp(the difference): a park of 20 firms pursues mid-sized expanders first
    links     = min(1, (2 * direct relations + shared articles) / 4) with the cluster's
                organisations, places and people
    recency   = 0.5 ** (days since its last news / 365), from the graph's newest date
    overlap   = sum over its Chinese cities A of |firms(A) & firms(cluster)| / sqrt(|firms(A)| * |firms(cluster)|):
                where the firms that share its cities also sit, places it is likely to go next
                (co-location learned across every company, signals.Signals.overlap)

Each component is divided by its maximum over all candidates (before any filter,
so a filtered list is the full list narrowed), and

    score = 100 * sum of WEIGHTS[k] * component[k]

with weights tuned on the targeting backtest (bench/backtest.py) and checked on
held-out companies (docs/analytics.md). Asking for a size band turns ``scale``
off: whoever asks for large firms gets them ranked on the rest.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chipmap.analyze.coverage import national_counts, segment_counts
from chipmap.analyze.index import GraphIndex
from chipmap.analyze.refs import EntityRef, entity_ref
from chipmap.analyze.scoring import ScoreComponent, chain_distances, reweighted, scaled, weighted
from chipmap.analyze.signals import ClusterFacts, OrgProfile, signals
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

WEIGHTS: dict[str, float] = {"fit": 0.0, "chain": 0.0, "peers": 0.316, "expansion": 0.217, "activity": 0.025,
                             "home": 0.15, "origin": 0.0, "scale": 0.05, "links": 0.025, "recency": 0.065,
                             "overlap": 0.152}
THIN = 0.5
#: How much more a known partner (supplier, customer, shared officer) in the cluster counts.
PARTNER_WEIGHT = 2.0


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
class Prospect:
    """A company elsewhere the cluster could attract, with its explained score."""

    org: EntityRef
    segments: tuple[str, ...]
    gap_segments: tuple[str, ...]
    score: float
    components: tuple[ScoreComponent, ...]
    located: tuple[EntityRef, ...]
    origin: str = "unknown"
    size: str = "small"
    home_province: EntityRef | None = None


@dataclass(frozen=True, slots=True)
class GapReport:
    """Gaps of a cluster against a reference, and ranked candidates to attract."""

    cluster: EntityRef
    reference: str  # "national" or the peer cluster id
    reference_name: str
    counts: dict[str, int]
    gaps: tuple[Gap, ...]
    candidates: tuple[Prospect, ...]
    candidate_total: int
    filters: dict[str, str] = field(default_factory=dict)


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


def _raw(index: GraphIndex, profile: OrgProfile, facts: ClusterFacts, severity: Mapping[str, float],
         cluster_ids: set[str], cluster_articles: set[str]) -> tuple[dict[str, float], dict[str, str]]:
    segments = profile.segments
    in_gap = [s for s in segments if s in severity]
    fit = max(severity[s] for s in in_gap) * (0.5 + 0.5 * len(in_gap) / len(segments)) if in_gap else 0.0
    chain, parts = 0.0, []
    for segment, (side, distance) in chain_distances(segments).items():
        found = facts.by_segment[segment]
        if found:
            chain += math.log1p(len(found)) / distance
            parts.append(f"{len(found)} {SEGMENT_LABELS[segment]} {'supplier' if side == 'upstream' else 'customer'}(s)")
    partners = sorted(profile.partners & facts.orgs)
    chain += PARTNER_WEIGHT * math.log1p(len(partners))
    with_site = {o for s in segments for o in facts.sites_by_segment[s]}
    based = {o for s in segments for o in facts.by_segment[s]} - with_site
    home, home_reason = 0.0, "neither based nor present in the cluster's province"
    if facts.province and profile.home_province == facts.province:
        home, home_reason = 1.0, f"based in the same province ({index.name(facts.province)})"
    elif facts.province and facts.province in profile.provinces:
        home, home_reason = 0.5, f"already present in {index.name(facts.province)}"
    companies = len(facts.companies)
    if profile.origin in ("domestic", "foreign"):
        same = facts.by_origin.get(profile.origin, 0)
        origin = (same + 1) / (companies + 2)
        origin_reason = f"{profile.origin}; {same} of the cluster's {companies} companies are {profile.origin} too"
    else:
        origin, origin_reason = 0.5, "origin unknown"
    size = math.log1p(profile.places + profile.subsidiaries)
    reach = math.log1p(companies)
    scale = 1.0 if size <= reach else math.exp(reach - size)
    direct, shared, linked = _links(index, profile.id, cluster_ids, cluster_articles)
    last = index.last_seen(profile.id)
    if last and index.latest:
        age = max(0, (index.latest - last).days)
        recency, recency_reason = 0.5 ** (age / 365), f"last in the news {last.isoformat()} ({age} days before the newest article)"
    else:
        recency, recency_reason = 0.0, "no dated news"
    raw = {"fit": fit, "chain": chain, "peers": math.log1p(len(with_site) + 0.5 * len(based)),
           "expansion": size + math.log1p(len(profile.recent_moves)),
           "activity": math.log1p(index.evidence_total.get(profile.id, 0)), "home": home,
           "origin": origin, "scale": scale, "links": min(1.0, (2 * direct + shared) / 4), "recency": recency}
    overlap, shared_firms = signals(index).overlap(profile.id, facts.id)
    raw["overlap"] = overlap
    labels = ", ".join(SEGMENT_LABELS[s] for s in in_gap)
    reasons = {
        "fit": (f"works in gap segment(s) {labels}; {len(in_gap)} of its {len(segments)} segments" if in_gap
                else "works in no gap segment"),
        "chain": "; ".join(parts + ([f"{len(partners)} known partner(s) there ({', '.join(index.name(p) for p in partners[:3])})"]
                                    if partners else [])) or "no suppliers or customers in the cluster",
        "peers": f"{len(with_site)} firm(s) of its segments run a site in the cluster, {len(based)} more are based there",
        "expansion": f"{profile.places} place(s) (in {len(profile.cities)} Chinese cit"
                     f"{'y' if len(profile.cities) == 1 else 'ies'}), {profile.subsidiaries} subsidiar"
                     f"{'y' if profile.subsidiaries == 1 else 'ies'}; {len(profile.recent_moves)} recent move(s) in the news",
        "activity": f"{index.evidence_total.get(profile.id, 0)} evidence sentence(s) about it, atlas and news",
        "home": home_reason,
        "origin": origin_reason,
        "scale": f"{profile.size} ({profile.places} place(s), {profile.subsidiaries} subsidiar"
                 f"{'y' if profile.subsidiaries == 1 else 'ies'}) for a cluster of {companies} companies",
        "links": (f"{direct} direct relation(s) with the cluster ({', '.join(linked[:4])})"
                  if direct else "no direct relation with the cluster") + f"; {shared} article(s) shared with it",
        "recency": recency_reason,
        "overlap": (f"{shared_firms} of the cluster's companies also sit in its {len(profile.cities)} Chinese cit"
                    f"{'y' if len(profile.cities) == 1 else 'ies'}"),
    }
    return raw, reasons


def rescore(candidates: Sequence[Prospect], weights: Mapping[str, float]) -> list[Prospect]:
    """The candidates scored with other weights (the same components), best first."""
    out = [dataclasses.replace(c, score=weighted(c.components, weights), components=reweighted(c.components, weights))
           for c in candidates]
    out.sort(key=lambda c: (-c.score, c.org.name, c.org.id))
    return out


def _keep(profile: OrgProfile, *, segment: str | None, province: str | None, size: str | None,
          origin: str | None) -> bool:
    return ((segment is None or segment in profile.segments)
            and (province is None or profile.home_province == province)
            and (size is None or profile.size == size)
            and (origin is None or profile.origin == origin))


def gap_report(index: GraphIndex, cluster_id: str, *, peer_id: str | None = None, limit: int = 20,
               offset: int = 0, weights: Mapping[str, float] | None = None, segment: str | None = None,
               province: str | None = None, size: str | None = None, origin: str | None = None) -> GapReport:
    """Gaps of a cluster against the nation (or ``peer_id``) and ranked companies elsewhere to attract.

    ``segment``, ``province`` (a place id: the candidate's home province), ``size``
    (small, mid, large) and ``origin`` (domestic, foreign) narrow the candidates.
    """
    known = signals(index)
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
    facts = known.cluster(cluster_id)
    cluster_ids = set(area.places) | set(in_cluster) | {cluster_id}
    cluster_ids |= {r.head_id for body in list(cluster_ids) for r in index.by_tail.get(body, ())
                    if r.type == "holds_position"}
    cluster_articles: set[str] = set()
    for member in in_cluster:
        cluster_articles |= index.entity_articles.get(member, set())
    pool = [known.profile(e.id) for e in index.orgs()
            if e.kind == "company" and e.id not in in_cluster and e.id != cluster_id]
    weights = dict(weights or WEIGHTS)
    if size is not None:
        weights["scale"] = 0.0
    rows = [_raw(index, p, facts, severity, cluster_ids, cluster_articles) for p in pool]
    scored = scaled(rows, list(WEIGHTS), weights)
    candidates = [
        Prospect(entity_ref(index, p.id), p.segments, tuple(s for s in p.segments if s in severity), score,
                 components, tuple(dict.fromkeys(entity_ref(index, r.tail_id) for r in index.org_places.get(p.id, ()))),
                 p.origin, p.size, entity_ref(index, p.home_province) if p.home_province else None)
        for p, (components, score) in zip(pool, scored, strict=True)
        if _keep(p, segment=segment, province=province, size=size, origin=origin)]
    candidates.sort(key=lambda c: (-c.score, c.org.name, c.org.id))
    filters = {k: v for k, v in (("segment", segment), ("province", province), ("size", size),
                                 ("origin", origin)) if v}
    return GapReport(entity_ref(index, cluster_id), peer_id or "national", reference_name, counts,
                     tuple(gaps), tuple(candidates[offset:offset + limit]), len(candidates), filters)


__all__ = ["WEIGHTS", "Gap", "GapReport", "Prospect", "ScoreComponent", "find_gaps", "gap_report", "rescore"]
