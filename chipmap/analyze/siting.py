"""Site selection: which cities (districts, parks) suit an organisation, or a set of segments, best.

Every place of the asked level inside China is a candidate (``candidates``), not
only the largest clusters. For target segments ``S`` (given, or the
organisation's own) and a candidate with ``n[t]`` companies in segment ``t``
(signals.py defines city, province, origin, footprint and partners):

    mass    = ln(1 + companies there)
    peers   = ln(1 + companies of S with a site there + 0.5 * those headquartered there)
    chain   = sum over t not in S of ln(1 + n[t]) / d(t)  +  2 * ln(1 + the organisation's partners there)
    origin  = ln(1 + companies there of the organisation's origin (domestic or foreign))
    home    = 1 in its home province, 0.5 in another province where it already is, else 0
    kin     = ln(1 + companies of its region there): firms from its home province, or from
              its country (Taiwan, Korea ...) for a foreign one, go where their compatriots went
    talent  = ln(1 + universities and academies there)
    policy  = ln(1 + funds, parks and government bodies there) + ln(1 + recent news signings there)

``d(t)`` is the distance of ``t`` to the nearest segment of ``S`` along the chain
(``chipmap.vocab.SEGMENTS``): suppliers or customers one step away count fully,
two steps half. Each component is divided by its maximum over the candidates
(0..1), and

    score = 100 * sum of WEIGHTS[k] * component[k]

The weights were tuned on the leave-one-site-out backtest (bench/backtest.py) on
two thirds of the atlas companies and checked on the other third; the measured
effect of each component is in docs/analytics.md. Places where the organisation
already is are marked ``already_there`` (they stay in the list: a second site in
the same city is common, but it is no new location).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.refs import EntityRef, entity_ref
from chipmap.analyze.scoring import ScoreComponent, chain_distances, reweighted, scaled, weighted
from chipmap.analyze.signals import ClusterFacts, OrgProfile, signals
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

WEIGHTS: dict[str, float] = {"mass": 0.052, "peers": 0.664, "chain": 0.0, "origin": 0.0, "home": 0.052,
                             "kin": 0.143, "talent": 0.05, "policy": 0.038}
LEVELS: tuple[str, ...] = ("city", "district", "park", "all")
#: How much more a known partner (supplier, customer, shared officer) there counts than any firm.
PARTNER_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class SiteOption:
    """A candidate place ranked for the target, with each score component explained."""

    cluster: EntityRef
    score: float
    components: tuple[ScoreComponent, ...]
    already_there: bool


@dataclass(frozen=True, slots=True)
class SiteReport:
    """Places ranked for an organisation or a set of segments."""

    segments: tuple[str, ...]
    org: EntityRef | None
    options: tuple[SiteOption, ...]
    option_total: int


def candidates(index: GraphIndex, level: str = "city") -> list[str]:
    """Every candidate of a level inside China: ``city`` prefecture-level cities, ``district``
    districts and county-level cities, ``park`` park organisations, ``all`` the three together."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}: choose one of {', '.join(LEVELS)}")
    known = signals(index)
    found: list[str] = []
    for entity in index.snapshot.entities.values():
        if entity.type == "place" and known.in_china(entity.id) and entity.id != "place:china":
            top = known.city(entity.id) == entity.id
            if (level in ("city", "all") and entity.kind == "city" and top) or (
                    level in ("district", "all") and (entity.kind == "district"
                                                      or (entity.kind == "city" and not top))):
                found.append(entity.id)
        elif entity.type == "org" and entity.kind == "park" and level in ("park", "all"):
            found.append(entity.id)
    return sorted(found)


def _names(index: GraphIndex, org_ids: Sequence[str], limit: int = 3) -> str:
    names = sorted({index.name(o) for o in org_ids})
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _count(label: str, index: GraphIndex, org_ids: Sequence[str]) -> str:
    return f"{len(org_ids)} {label}" + (f": {_names(index, org_ids)}" if org_ids else "")


def raw_components(index: GraphIndex, facts: ClusterFacts, targets: Sequence[str],
                   profile: OrgProfile | None) -> tuple[dict[str, float], dict[str, str]]:
    """The components of one candidate before scaling, and a sentence for each."""
    known = signals(index)
    distances = chain_distances(targets) if targets else {}
    parts = []
    chain = 0.0
    for segment, (side, distance) in distances.items():
        found = facts.by_segment[segment]
        if profile is not None:
            found = tuple(o for o in found if o != profile.id)
        if found:
            chain += math.log1p(len(found)) / distance
            supplier = "suppliers" if side == "upstream" else "customers"
            parts.append(f"{SEGMENT_LABELS[segment]} {supplier}: {len(found)} ({_names(index, found)})")
    group = known.group(profile.id) if profile else frozenset()
    partners = sorted(profile.partners & facts.orgs) if profile else []
    chain += PARTNER_WEIGHT * math.log1p(len(partners))
    with_site = sorted({o for s in targets for o in facts.sites_by_segment[s]} - group)
    based = sorted({o for s in targets for o in facts.by_segment[s]} - set(with_site) - group)
    origin = profile.origin if profile and profile.origin != "unknown" else None
    same_origin = facts.by_origin.get(origin, 0) if origin else len(facts.companies)
    home, home_reason = 0.0, "outside its provinces"
    if profile and facts.province:
        if facts.province == profile.home_province:
            home, home_reason = 1.0, f"in its home province, {index.name(facts.province)}"
        elif facts.province in profile.provinces:
            home, home_reason = 0.5, f"in {index.name(facts.province)}, where it already is"
    elif profile is None:
        home_reason = "no organisation given"
    region = known.region(profile.id) if profile else None
    kin = sorted(known.compatriots(profile.id) & facts.companies) if profile else []
    funds = [o for o in facts.policy if (e := index.entity(o)) is not None and e.kind == "investor"]
    raw = {
        "mass": math.log1p(len(facts.companies)),
        "peers": math.log1p(len(with_site) + 0.5 * len(based)),
        "chain": chain,
        "origin": math.log1p(same_origin),
        "home": home,
        "kin": math.log1p(len(kin)),
        "talent": math.log1p(len(facts.talent)),
        "policy": math.log1p(len(facts.policy)) + math.log1p(len(facts.recent)),
    }
    reasons = {
        "mass": f"{len(facts.companies)} companies",
        "peers": f"{len(with_site)} firm(s) of its segments run a site here"
                 + (f" ({_names(index, with_site)})" if with_site else "")
                 + f", {len(based)} more are based here" + (f" ({_names(index, based)})" if based else ""),
        "chain": "; ".join(parts + ([_count("known partner(s) here", index, partners)] if partners else []))
                 or "no suppliers or customers found",
        "origin": (f"{same_origin} {origin} companies" if origin else f"{same_origin} companies (origin unknown)"),
        "home": home_reason,
        "kin": (_count(f"compan(ies) from {index.name(region)} here", index, kin) if region
                else "no organisation given" if profile is None else "home region unknown"),
        "talent": _count("university/academy body(ies)", index, facts.talent),
        "policy": _count("fund(s), park(s) and government bodies", index, facts.policy)
                  + (f" ({len(funds)} fund(s))" if funds else "")
                  + f"; {len(facts.recent)} recent signing(s) or new site(s) in the news",
    }
    return raw, reasons


def rescore(options: Sequence[SiteOption], weights: Mapping[str, float]) -> list[SiteOption]:
    """The options scored with other weights (the same components), best first."""
    out = [SiteOption(o.cluster, weighted(o.components, weights), reweighted(o.components, weights),
                      o.already_there) for o in options]
    out.sort(key=lambda o: (-o.score, o.cluster.name, o.cluster.id))
    return out


def locate(index: GraphIndex, *, segments: Sequence[str] = (), org_id: str | None = None, level: str = "city",
           limit: int = 10, offset: int = 0, weights: Mapping[str, float] | None = None) -> SiteReport:
    """Candidate places ranked for the organisation (its segments, origin, footprint, partners)
    or for the given segments.

    Raises ValueError when no segment is known for the target and no organisation is given,
    or for an unknown level.
    """
    weights = dict(weights or WEIGHTS)
    targets = [s for s in SEGMENTS if s in set(segments)]
    if org_id is not None and not targets:
        targets = list(index.segments(org_id))
    if not targets and org_id is None:
        raise ValueError("no chain segment to site: give segments or an organisation")
    known = signals(index)
    profile = known.profile(org_id) if org_id else None
    present = {r.tail_id for r in index.org_places.get(org_id or "", ())}
    rows = []
    for cluster_id in candidates(index, level):
        facts = known.cluster(cluster_id)
        raw, reasons = raw_components(index, facts, targets, profile)
        there = bool(present & index.area(cluster_id).places) or (
            org_id is not None and org_id in facts.orgs)
        rows.append((cluster_id, raw, reasons, there))
    scored = scaled([(raw, reasons) for _, raw, reasons, _ in rows], list(WEIGHTS), weights)
    options = [SiteOption(entity_ref(index, cluster_id), score, components, there)
               for (cluster_id, _, _, there), (components, score) in zip(rows, scored, strict=True)]
    options.sort(key=lambda o: (-o.score, o.cluster.name, o.cluster.id))
    return SiteReport(tuple(targets), entity_ref(index, org_id) if org_id else None,
                      tuple(options[offset:offset + limit]), len(options))


__all__ = ["LEVELS", "WEIGHTS", "ScoreComponent", "SiteOption", "SiteReport", "candidates", "chain_distances",
           "locate", "raw_components", "rescore"]
