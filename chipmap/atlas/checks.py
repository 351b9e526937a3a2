"""Integrity checks and statistics of the atlas (``chipmap atlas validate|stats``).

``validate`` finds what would make the atlas lie or break resolution: dangling
references, names two entries claim without saying so, stock codes of the wrong
shape or claimed twice, places in China without coordinates or with coordinates
far from the city they belong to. ``stats`` measures the coverage that issue 13
asks for (Chinese names, listings, founding years, sites, coordinates).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from chipmap.atlas.index import Atlas, normalise_name
from chipmap.atlas.models import Organization, Place

_HAN = re.compile(r"^[\u3400-\u9fff\uff08\uff09()·\d\w\s-]+$")

#: Places whose organisations count as China-headquartered. Issue 13 counts the
#: mainland, Hong Kong, Macao and Taiwan; the atlas files Taiwan as a region of its own.
CHINA_ROOTS: tuple[str, ...] = ("place:china", "place:taiwan")
#: Place kinds that must carry coordinates when they lie in China.
LOCATED_KINDS: frozenset[str] = frozenset({"city", "district"})
#: China's extent (Hainan's Sanya to Mohe, Kashgar to Fuyuan), with a margin.
CHINA_BOX = ((17.5, 54.0), (73.0, 135.5))
#: A district, zone or county-level city lies within this distance of the city it is
#: part of: a slip of one degree (111 km) in either coordinate shows up.
MAX_KM_FROM_PARENT = 150.0
#: The municipalities directly under the central government are province-sized:
#: Chongqing's Wushan county lies some 330 km from Yuzhong.
MAX_KM_FROM_MUNICIPALITY = 400.0

#: The shape of a code on each exchange, from the exchanges' own numbering rules:
#: Shanghai A shares 60xxxx and STAR Market 688/689xxx; Shenzhen main board 00xxxx and
#: ChiNext 30xxxx; Beijing 4x/8x/92xxxx; Hong Kong up to five digits, written with four
#: when it fits (HKEX:0981); Taiwan four digits; Korea six digits; Tokyo four characters.
LISTING_SHAPES: dict[str, re.Pattern[str]] = {
    "SSE": re.compile(r"^6(0[0135]|8[89])\d{3}$"),
    "SZSE": re.compile(r"^(00[0-3]|30[01])\d{3}$"),
    "BSE": re.compile(r"^(4[03]|8[1-9]|92)\d{4}$"),
    "HKEX": re.compile(r"^(\d{4}|[1-9]\d{4})$"),
    "TWSE": re.compile(r"^\d{4}$"),
    "TPEX": re.compile(r"^\d{4}$"),
    "KRX": re.compile(r"^\d{6}$"),
    "KOSDAQ": re.compile(r"^\d{6}$"),
    "TSE": re.compile(r"^\d{3}[0-9A-Z]$"),
    "NASDAQ": re.compile(r"^[A-Z]{1,5}$"),
    "NYSE": re.compile(r"^[A-Z]{1,4}(\.[A-Z])?$"),
}


def in_china(atlas: Atlas, place_id: str | None) -> bool:
    """True when ``place_id`` lies in the mainland, Hong Kong, Macao or Taiwan."""
    return bool(place_id) and any(atlas.is_within(str(place_id), root) for root in CHINA_ROOTS)


def needs_coordinates(atlas: Atlas, place: Place) -> bool:
    """Cities and districts in China must carry lat/lon (issue 13)."""
    return place.kind in LOCATED_KINDS and in_china(atlas, place.id)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, haversine on a 6,371 km sphere."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def listing_problem(listing: str) -> str | None:
    """Why ``listing`` cannot be a real code on its exchange, or None when it can."""
    exchange, _, code = listing.partition(":")
    shape = LISTING_SHAPES.get(exchange)
    if shape is not None and not shape.match(code):
        return f"listing {listing!r} is not shaped like a {exchange} code"
    return None


def _point(place: Place) -> tuple[float, float] | None:
    return (place.lat, place.lon) if place.lat is not None and place.lon is not None else None


def _place_problems(atlas: Atlas, place: Place) -> list[str]:
    problems = []
    if place.part_of and place.part_of not in atlas.places:
        problems.append(f"{place.id}: part_of {place.part_of} is not a place in the atlas")
    if place.part_of and place.id in [*atlas.ancestors(place.part_of), place.part_of]:
        problems.append(f"{place.id}: part_of forms a cycle")
    if (place.lat is None) != (place.lon is None):
        problems.append(f"{place.id}: has only one of lat and lon")
    point = _point(place)
    if point is None:
        if needs_coordinates(atlas, place):
            problems.append(f"{place.id}: a {place.kind} in China without lat/lon")
        return problems
    (lat_lo, lat_hi), (lon_lo, lon_hi) = CHINA_BOX
    if in_china(atlas, place.id) and not (lat_lo <= point[0] <= lat_hi and lon_lo <= point[1] <= lon_hi):
        problems.append(f"{place.id}: lat/lon {point[0]}, {point[1]} lie outside China")
    parent = atlas.places.get(place.part_of or "")
    parent_point = _point(parent) if parent is not None and parent.kind in LOCATED_KINDS else None
    limit = MAX_KM_FROM_MUNICIPALITY if parent and parent.part_of == "place:china" else MAX_KM_FROM_PARENT
    if parent_point is not None and distance_km(point, parent_point) > limit:
        problems.append(f"{place.id}: lies {distance_km(point, parent_point):.0f} km from {place.part_of}, "
                        "which it is part of; check lat/lon (latitude first)")
    return problems


def _org_problems(atlas: Atlas, org: Organization) -> list[str]:
    problems = []
    if org.headquarters and org.headquarters not in atlas.places:
        problems.append(f"{org.id}: headquarters {org.headquarters} is not a place in the atlas")
    for site in org.sites:
        if site.place not in atlas.places:
            problems.append(f"{org.id}: site place {site.place} is not a place in the atlas")
    if org.parent and org.parent not in atlas.orgs:
        problems.append(f"{org.id}: parent {org.parent} is not an organisation in the atlas")
    if org.parent == org.id:
        problems.append(f"{org.id}: is its own parent")
    for listing in org.listings:
        problem = listing_problem(listing)
        if problem:
            problems.append(f"{org.id}: {problem}")
    if len(set(org.listings)) != len(org.listings):
        problems.append(f"{org.id}: a listing is given twice")
    return problems


def validate(atlas: Atlas) -> list[str]:
    """Every problem found, as readable sentences; empty when the atlas is sound."""
    problems = [f"{i}: id defined twice" for i in atlas.duplicate_ids]
    for place in atlas.places.values():
        problems += _place_problems(atlas, place)
    listed: dict[str, set[str]] = {}
    for org in atlas.orgs.values():
        problems += _org_problems(atlas, org)
        for listing in org.listings:
            listed.setdefault(listing, set()).add(org.id)
    problems += [f"listing {listing} is claimed by {', '.join(sorted(ids))}"
                 for listing, ids in sorted(listed.items()) if len(ids) > 1]
    owners: dict[str, set[str]] = {}
    shared: set[str] = set()
    for entry in atlas.entries():
        if not entry.citation.strip():
            problems.append(f"{entry.id}: no citation")
        if entry.name_zh and not _HAN.match(entry.name_zh):
            problems.append(f"{entry.id}: name_zh {entry.name_zh!r} is not written in Chinese characters")
        shared.update(normalise_name(n) for n in entry.ambiguous)
        for name in entry.all_names():
            owners.setdefault(normalise_name(name), set()).add(entry.id)
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and key not in shared:
            problems.append(f"name {key!r} belongs to {', '.join(sorted(ids))} but no entry marks it ambiguous")
    return problems


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def coverage(atlas: Atlas) -> dict[str, Any]:
    """The depth figures of issue 13: sites, Chinese names, listings, founding years, coordinates."""
    orgs = list(atlas.orgs.values())
    companies = [o for o in orgs if o.kind == "company"]
    chinese = [o for o in companies if in_china(atlas, o.headquarters)]
    located = [p for p in atlas.places.values() if p.lat is not None and p.lon is not None]
    must_locate = [p for p in atlas.places.values() if needs_coordinates(atlas, p)]
    must_located = [p for p in must_locate if p.lat is not None and p.lon is not None]
    return {
        "sites": {
            "total": sum(len(o.sites) for o in orgs),
            "organizations_with_sites": sum(1 for o in orgs if o.sites),
            "by_kind": dict(sorted(Counter(s.what for o in orgs for s in o.sites).items())),
            "with_own_source": sum(1 for o in orgs for s in o.sites if s.citation),
        },
        "china_companies": {
            "total": len(chinese),
            "with_name_zh": sum(1 for o in chinese if o.name_zh),
            "name_zh_share": _share(sum(1 for o in chinese if o.name_zh), len(chinese)),
            "listed": sum(1 for o in chinese if o.listings),
            "with_founded": sum(1 for o in chinese if o.founded),
        },
        "listed_companies": sum(1 for o in orgs if o.listings),
        "listings": sum(len(o.listings) for o in orgs),
        "founding_years": {
            "companies": len(companies),
            "with_founded": sum(1 for o in companies if o.founded),
            "share": _share(sum(1 for o in companies if o.founded), len(companies)),
        },
        "places_with_coordinates": {
            "total": len(located),
            "china_cities_and_districts": len(must_locate),
            "china_cities_and_districts_with_coordinates": len(must_located),
            "share": _share(len(must_located), len(must_locate)),
        },
    }


def stats(atlas: Atlas) -> dict[str, Any]:
    """Counts per kind, per segment and per province, then the coverage figures."""
    provinces: Counter[str] = Counter()
    for org in atlas.orgs.values():
        if not org.headquarters:
            continue
        chain = [org.headquarters, *atlas.ancestors(org.headquarters)]
        province = next((p for p in chain if atlas.places[p].kind == "province"), None)
        city = next((p for p in chain if atlas.places[p].kind == "city"), None)
        region = province or city or chain[-1]
        provinces[atlas.places[region].name if region in atlas.places else region] += 1
    return {
        "organizations": len(atlas.orgs),
        "places": len(atlas.places),
        "organizations_by_kind": dict(sorted(Counter(o.kind for o in atlas.orgs.values()).items())),
        "organizations_by_segment": dict(
            sorted(Counter(s for o in atlas.orgs.values() for s in o.segments).items())
        ),
        "chinese_companies_by_segment": dict(
            sorted(
                Counter(
                    s
                    for o in atlas.orgs.values()
                    if o.headquarters and atlas.is_within(o.headquarters, "place:china")
                    for s in o.segments
                ).items()
            )
        ),
        "places_by_kind": dict(sorted(Counter(p.kind for p in atlas.places.values()).items())),
        "organizations_by_province": dict(provinces.most_common()),
        **coverage(atlas),
    }
