"""The atlas: curated reference data on the Chinese chip industry."""

from functools import lru_cache

from chipmap.atlas.index import Atlas, normalise_name
from chipmap.atlas.loader import DATA_DIR, load_atlas
from chipmap.atlas.models import Organization, Place, Site
from chipmap.config import get_settings


@lru_cache(maxsize=1)
def default_atlas() -> Atlas:
    """The bundled atlas plus the overlay named in settings, loaded once per process."""
    return load_atlas(overlay=get_settings().atlas_overlay)


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
