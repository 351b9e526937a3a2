"""Chain coverage: how many organisations of a cluster sit in each segment, and one score.

Formulas (also in docs/analytics.md):

- ``count[s]``: distinct organisations located in the cluster that work in
  segment ``s`` (an organisation in two segments counts in both).
- ``share[s] = count[s] / sum(count)``; 0 when the cluster has no segmented firm.
- ``breadth = |{s : count[s] > 0}| / 7``: the part of the chain present at all.
- ``coverage score = sum_s min(count[s], K) / (7 * K)`` with ``K = 3``: each
  segment counts fully once three firms work in it, so a cluster scores 1.0
  only with some depth along the whole chain, and one giant firm in one
  segment cannot carry the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chipmap.analyze.index import GraphIndex
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

#: Firms per segment at which a segment counts as fully covered.
DEPTH_CAP = 3


@dataclass(frozen=True, slots=True)
class SegmentCoverage:
    """One segment of a cluster's coverage vector."""

    segment: str
    label: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class Coverage:
    """A cluster's coverage vector in chain order, with breadth and score in 0..1."""

    segments: tuple[SegmentCoverage, ...]
    total: int
    breadth: float
    score: float

    def counts(self) -> dict[str, int]:
        """Segment name to count."""
        return {s.segment: s.count for s in self.segments}


def coverage_from_counts(counts: Mapping[str, int]) -> Coverage:
    """The coverage vector, breadth and score of per-segment firm counts."""
    total = sum(counts.get(s, 0) for s in SEGMENTS)
    rows = tuple(
        SegmentCoverage(
            segment=s,
            label=SEGMENT_LABELS[s],
            count=counts.get(s, 0),
            share=round(counts.get(s, 0) / total, 4) if total else 0.0,
        )
        for s in SEGMENTS
    )
    present = sum(1 for row in rows if row.count)
    score = sum(min(row.count, DEPTH_CAP) for row in rows) / (len(SEGMENTS) * DEPTH_CAP)
    return Coverage(rows, total, round(present / len(SEGMENTS), 4), round(score, 4))


def segment_counts(index: GraphIndex, org_ids: Iterable[str]) -> dict[str, int]:
    """How many of the organisations work in each segment."""
    counts = dict.fromkeys(SEGMENTS, 0)
    for org_id in org_ids:
        for segment in index.segments(org_id):
            counts[segment] += 1
    return counts


def segment_members(index: GraphIndex, org_ids: Iterable[str]) -> dict[str, list[str]]:
    """The organisations in each segment, in chain order of segments."""
    members: dict[str, list[str]] = {s: [] for s in SEGMENTS}
    for org_id in org_ids:
        for segment in index.segments(org_id):
            members[segment].append(org_id)
    return members


def national_counts(index: GraphIndex, *, within: str = "place:china") -> dict[str, int]:
    """Segment counts of every organisation located in ``within`` (all orgs if it is unknown).

    This is the reference distribution gaps are measured against by default.
    """
    orgs: Iterable[str]
    if within in index.snapshot.entities:
        orgs = index.orgs_in(index.area(within)).keys()
    else:
        orgs = {e.id for e in index.orgs()}
    return segment_counts(index, orgs)
