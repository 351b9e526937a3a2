"""Build the demo database: the atlas and the sample corpus (chipmap/demo/corpus/) through the real pipeline.

The build itself belongs to the pipeline (``chipmap.pipeline.build``);
this module only decides where the demo database lives and whether it is
already built, so ``chipmap demo`` starts in seconds the second time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

CORPUS = Path(__file__).parent / "corpus"


def corpus_articles() -> list[Path]:
    """The sample articles (the corpus README is about them, not one of them)."""
    return sorted(p for p in CORPUS.glob("*.md") if p.name.lower() != "readme.md")


def default_demo_db() -> Path:
    """Where the demo database lives: the user's cache folder, so the repo stays clean."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "chipmap" / "demo.db"


def _read_by_this_extractor(url: str) -> bool:
    """True when every demo article was read by the extractor and atlas installed now (after an
    upgrade the demo graph would otherwise show what the old code found)."""
    from sqlalchemy import select

    from chipmap.atlas import default_atlas
    from chipmap.errors import ChipmapError
    from chipmap.pipeline.builder import build_version
    from chipmap.store.db import open_database
    from chipmap.store.models import ArticleRow

    try:
        with open_database(url, create=False) as database, database.connect() as conn:
            versions = set(conn.scalars(select(ArticleRow.extractor_version).distinct()))
    except ChipmapError:
        return False
    return versions == {build_version(None, default_atlas())}


def build_demo(db: Path | None = None, *, rebuild: bool = False) -> str:
    """Build (or reuse) the demo database and return its URL."""
    path = db or default_demo_db()
    url = f"sqlite:///{path}"
    if path.exists() and not rebuild:
        if _read_by_this_extractor(url):
            log.info("reusing demo database %s", path)
            return url
        log.info("the demo database %s was read by another extractor or atlas: building it again", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    from chipmap.pipeline import build

    summary = build(corpus_articles(), db=url)
    log.info("demo database built: %s", summary)
    return url
