"""Integrity checks and statistics of the atlas (``chipmap atlas validate|stats``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from chipmap.atlas.index import Atlas, normalise_name

_HAN = re.compile(r"^[\u3400-\u9fff\uff08\uff09()·\d\w\s-]+$")


def validate(atlas: Atlas) -> list[str]:
    """Every problem found, as readable sentences; empty when the atlas is sound."""
    problems = [f"{i}: id defined twice" for i in atlas.duplicate_ids]
    for place in atlas.places.values():
        if place.part_of and place.part_of not in atlas.places:
            problems.append(f"{place.id}: part_of {place.part_of} is not a place in the atlas")
        if place.part_of and place.id in [*atlas.ancestors(place.part_of), place.part_of]:
            problems.append(f"{place.id}: part_of forms a cycle")
    for org in atlas.orgs.values():
        if org.headquarters and org.headquarters not in atlas.places:
            problems.append(f"{org.id}: headquarters {org.headquarters} is not a place in the atlas")
        for site in org.sites:
            if site.place not in atlas.places:
                problems.append(f"{org.id}: site place {site.place} is not a place in the atlas")
        if org.parent and org.parent not in atlas.orgs:
            problems.append(f"{org.id}: parent {org.parent} is not an organisation in the atlas")
        if org.parent == org.id:
            problems.append(f"{org.id}: is its own parent")
    owners: dict[str, set[str]] = {}
    shared: set[str] = set()
    for entry in atlas.entries():
        if not entry.source.strip():
            problems.append(f"{entry.id}: no source")
        if entry.name_zh and not _HAN.match(entry.name_zh):
            problems.append(f"{entry.id}: name_zh {entry.name_zh!r} is not written in Chinese characters")
        shared.update(normalise_name(n) for n in entry.ambiguous)
        for name in entry.all_names():
            owners.setdefault(normalise_name(name), set()).add(entry.id)
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and key not in shared:
            problems.append(f"name {key!r} belongs to {', '.join(sorted(ids))} but no entry marks it ambiguous")
    return problems


def stats(atlas: Atlas) -> dict[str, Any]:
    """Counts per kind, per segment and per province."""
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
    }
