"""Site selection: which cluster suits an organisation (or a set of segments) best.

For target segments ``S`` and a candidate cluster with ``n[t]`` firms in
segment ``t``, the distance of ``t`` to ``S`` along the chain is
``d(t) = min over s in S of |pos(t) - pos(s)|`` (positions in
``chipmap.vocab.SEGMENTS``, upstream first). Then

    upstream   = sum over t upstream of S   of ln(1 + n[t]) / d(t)
    downstream = sum over t downstream of S of ln(1 + n[t]) / d(t)
    peers      = ln(1 + sum over s in S of n[s])
    talent     = ln(1 + academic bodies in the cluster)

Each component is divided by its maximum over all candidate clusters (0..1),
and

    score = 100 * (0.30 * upstream + 0.30 * downstream + 0.20 * peers + 0.20 * talent)

Suppliers one step up the chain and customers one step down count fully,
two steps half, and so on: a designer gains most from EDA/IP vendors and
foundries next door, less from materials firms. ``ln(1 + n)`` makes the first
few firms of a segment matter more than the fiftieth.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from chipmap.analyze.coverage import segment_members
from chipmap.analyze.gaps import ScoreComponent
from chipmap.analyze.index import TALENT_KINDS, GraphIndex
from chipmap.analyze.refs import EntityRef, entity_ref
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

WEIGHTS: dict[str, float] = {"upstream": 0.30, "downstream": 0.30, "peers": 0.20, "talent": 0.20}


@dataclass(frozen=True, slots=True)
class SiteOption:
    """A cluster ranked for the target, with each score component explained."""

    cluster: EntityRef
    score: float
    components: tuple[ScoreComponent, ...]
    already_there: bool


@dataclass(frozen=True, slots=True)
class SiteReport:
    """Clusters ranked for an organisation or a set of segments."""

    segments: tuple[str, ...]
    org: EntityRef | None
    options: tuple[SiteOption, ...]
    option_total: int


def chain_distances(targets: Sequence[str]) -> dict[str, tuple[str, int]]:
    """For each segment outside ``targets``: ("upstream"|"downstream", distance along the chain)."""
    positions = [SEGMENTS.index(s) for s in targets]
    result: dict[str, tuple[str, int]] = {}
    for pos, segment in enumerate(SEGMENTS):
        if segment in targets:
            continue
        nearest = min(positions, key=lambda p: (abs(p - pos), p))
        result[segment] = ("upstream" if pos < nearest else "downstream", abs(pos - nearest))
    return result


def _names(index: GraphIndex, org_ids: list[str], limit: int = 3) -> str:
    names = sorted(index.name(o) for o in org_ids)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _raw(index: GraphIndex, cluster_id: str, targets: Sequence[str],
         distances: dict[str, tuple[str, int]]) -> tuple[dict[str, float], dict[str, str]]:
    orgs = list(index.orgs_in(index.area(cluster_id)))
    members = segment_members(index, orgs)
    raw = dict.fromkeys(WEIGHTS, 0.0)
    parts: dict[str, list[str]] = {"upstream": [], "downstream": []}
    for segment, (side, distance) in distances.items():
        found = members[segment]
        if found:
            raw[side] += math.log1p(len(found)) / distance
            parts[side].append(f"{SEGMENT_LABELS[segment]}: {len(found)} ({_names(index, found)})")
    peers = sorted({o for s in targets for o in members[s]})
    talent = [o for o in orgs if (e := index.entity(o)) is not None and e.kind in TALENT_KINDS]
    raw["peers"] = math.log1p(len(peers))
    raw["talent"] = math.log1p(len(talent))
    reasons = {
        "upstream": "; ".join(parts["upstream"]) or "no upstream suppliers found",
        "downstream": "; ".join(parts["downstream"]) or "no downstream customers found",
        "peers": f"{len(peers)} firm(s) in the same segment(s)" + (f": {_names(index, peers)}" if peers else ""),
        "talent": f"{len(talent)} university/academy body(ies)" + (f": {_names(index, talent)}" if talent else ""),
    }
    return raw, reasons


def locate(index: GraphIndex, *, segments: Sequence[str] = (), org_id: str | None = None,
           kinds: tuple[str, ...] = ("city",), limit: int = 10, offset: int = 0) -> SiteReport:
    """Clusters ranked by complementarity for the organisation's segments or the given ones.

    Raises ValueError when no segment is known for the target.
    """
    targets = [s for s in SEGMENTS if s in set(segments)]
    if org_id is not None and not targets:
        targets = list(index.segments(org_id))
    if not targets:
        raise ValueError("no chain segment to site: give segments or an organisation with known segments")
    distances = chain_distances(targets)
    home = {p for r in index.org_places.get(org_id or "", ()) for p in [r.tail_id, *index.ancestors(r.tail_id)]}
    rows = [(c, *_raw(index, c, targets, distances)) for c in index.clusters(kinds=kinds)]
    top = {k: max((raw[k] for _, raw, _ in rows), default=0.0) for k in WEIGHTS}
    options: list[SiteOption] = []
    for cluster_id, raw, reasons in rows:
        components = tuple(
            ScoreComponent(k, round(raw[k] / top[k], 3) if top[k] else 0.0, w, reasons[k])
            for k, w in WEIGHTS.items())
        score = 100 * sum(c.value * c.weight for c in components)
        options.append(SiteOption(entity_ref(index, cluster_id), round(score, 2), components,
                                  cluster_id in home))
    options.sort(key=lambda o: (-o.score, o.cluster.name))
    return SiteReport(tuple(targets), entity_ref(index, org_id) if org_id else None,
                      tuple(options[offset:offset + limit]), len(options))
