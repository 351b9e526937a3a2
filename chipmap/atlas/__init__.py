"""The atlas: curated reference data on the Chinese chip industry."""

from functools import lru_cache
from pathlib import Path

from chipmap.atlas.index import Atlas, normalise_name
from chipmap.atlas.loader import DATA_DIR, load_atlas
from chipmap.atlas.models import Organization, Place, Site


@lru_cache(maxsize=4)
def default_atlas(overlay: Path | None = None) -> Atlas:
    """The bundled atlas, plus ``overlay`` entries when given, loaded once per process.

    Callers with settings pass ``settings.atlas_overlay``; nothing here reads them.
    """
    return load_atlas(overlay=overlay)


__all__ = [
    "DATA_DIR",
    "Atlas",
    "Organization",
    "Place",
    "Site",
    "default_atlas",
    "load_atlas",
    "normalise_name",
]
