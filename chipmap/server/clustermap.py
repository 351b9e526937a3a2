"""The home page's map: every city cluster at its atlas coordinates, sized by members, coloured by coverage.

Coordinates come from the atlas (``lat``/``lon`` of places, bundled or from the
overlay the settings name) or from the store's entity attributes when it keeps
them. A cluster without coordinates is not guessed onto the map: it is listed
beside it, and the table below still has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chipmap.analyze.coverage import coverage_from_counts, segment_counts
from chipmap.analyze.index import GraphIndex
from chipmap.atlas import Atlas


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One cluster as the map draws it."""

    id: str
    name: str
    name_zh: str
    orgs: int
    segments: int
    coverage: float
    lat: float | None
    lon: float | None

    def to_json(self) -> dict[str, Any]:
        """What the map script reads: ECharts' ``value`` is [lon, lat, members]."""
        return {"id": self.id, "name": self.name, "name_zh": self.name_zh, "orgs": self.orgs,
                "segments": self.segments, "coverage": self.coverage, "value": [self.lon, self.lat, self.orgs]}


def _coordinates(index: GraphIndex, atlas: Atlas | None, place_id: str) -> tuple[float | None, float | None]:
    entity = index.entity(place_id)
    if entity is not None:
        lat, lon = entity.attributes.get("lat"), entity.attributes.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            return float(lat), float(lon)
    place = atlas.places.get((entity.atlas_id if entity else None) or place_id) if atlas else None
    if place is not None and place.lat is not None and place.lon is not None:
        return place.lat, place.lon
    return None, None


def cluster_points(index: GraphIndex, atlas: Atlas | None) -> list[MapPoint]:
    """Every city cluster, biggest first, with its coordinates when they are known."""
    points = []
    for place_id in index.clusters(kinds=("city",)):
        orgs = index.orgs_in(index.area(place_id))
        coverage = coverage_from_counts(segment_counts(index, orgs))
        entity = index.entity(place_id)
        lat, lon = _coordinates(index, atlas, place_id)
        points.append(MapPoint(place_id, index.name(place_id), (entity.name_zh or "") if entity else "",
                               len(orgs), sum(1 for s in coverage.segments if s.count), coverage.score, lat, lon))
    points.sort(key=lambda p: (-p.orgs, p.name))
    return points
