"""Load the atlas: bundled YAML files plus an optional user overlay.

Files are ``places*.yaml`` and ``organizations*.yaml`` in the data folder; an
overlay (a file or folder named by the ``atlas_overlay`` setting) adds entries
or replaces bundled ones with the same id, so users extend the atlas without
editing the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from chipmap.atlas.index import Atlas
from chipmap.atlas.models import Organization, Place
from chipmap.errors import AtlasError
from chipmap.vocab import ORG_PREFIX, PLACE_PREFIX

DATA_DIR = Path(__file__).parent / "data"


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise AtlasError(f"{path}: cannot read atlas file: {exc}") from exc
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise AtlasError(f"{path}: an atlas file must be a YAML list of mappings")
    return rows


def _yaml_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if root.is_dir():
        return sorted([*root.glob("*.yaml"), *root.glob("*.yml")])
    raise AtlasError(f"{root}: atlas overlay not found")


def _parse(path: Path) -> tuple[list[Organization], list[Place]]:
    orgs: list[Organization] = []
    places: list[Place] = []
    for number, row in enumerate(_read_rows(path), start=1):
        entry_id = str(row.get("id", ""))
        try:
            if entry_id.startswith(ORG_PREFIX):
                orgs.append(Organization(**row))
            elif entry_id.startswith(PLACE_PREFIX):
                places.append(Place(**row))
            else:
                raise AtlasError(f"{path}: entry {number} has id {entry_id!r}; ids start with org: or place:")
        except ValidationError as exc:
            raise AtlasError(f"{path}: entry {number} ({entry_id or 'no id'}): {exc}") from exc
    return orgs, places


def load_atlas(*, overlay: Path | None = None, data_dir: Path = DATA_DIR) -> Atlas:
    """The bundled atlas, extended or overridden by ``overlay`` entries."""
    orgs: dict[str, Organization] = {}
    places: dict[str, Place] = {}
    duplicates: list[str] = []
    for path in _yaml_files(data_dir):
        file_orgs, file_places = _parse(path)
        for org in file_orgs:
            if org.id in orgs:
                duplicates.append(org.id)
            orgs[org.id] = org
        for place in file_places:
            if place.id in places:
                duplicates.append(place.id)
            places[place.id] = place
    if overlay is not None:
        for path in _yaml_files(overlay):
            file_orgs, file_places = _parse(path)
            orgs.update((o.id, o) for o in file_orgs)
            places.update((p.id, p) for p in file_places)
    return Atlas(orgs=orgs, places=places, duplicate_ids=duplicates)
