"""``build(sources, db=...)``: news in, graph out — incremental, idempotent, crash-safe.

1. Expand the sources (files, folders, globs, URLs) and open the database,
   migrating it; an unusable database raises ``StoreError`` before any work.
2. Seed the atlas (skipped when this atlas is already in, or with ``atlas=False``),
   then replay the review verdicts: entities a ``same`` verdict joins are merged.
3. Load what is stored: the resolution index, article ids, source locations,
   MinHash signatures, the verdicts (resolution replays them on every article).
4. Run the stages (dedup → extract → resolve → write), one transaction per
   article; inputs that fail are listed in the summary, not raised.

Because an article's id is the hash of its text and each article is written
whole or not at all, building the same sources twice changes nothing, and a
build killed at any point and re-run ends where an uninterrupted build would.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chipmap.atlas import Atlas, default_atlas
from chipmap.config import Settings, get_settings
from chipmap.errors import InputError
from chipmap.ingest import FieldMap, SourceReader, expand
from chipmap.ingest.language import with_language
from chipmap.pipeline.context import BuildContext
from chipmap.pipeline.runner import run
from chipmap.pipeline.stages import DEFAULT_STAGES
from chipmap.pipeline.work import BuildError, BuildSummary, Progress
from chipmap.records import Article
from chipmap.store import open_database, seed_atlas
from chipmap.store.lock import build_lock
from chipmap.store.review import ReviewStore

if TYPE_CHECKING:
    from chipmap.extract import Extractor

logger = logging.getLogger(__name__)


def build_version(model: str | None, atlas: Atlas) -> str:
    """The extractor version a build with this model and atlas writes, known without
    loading spaCy (a build with nothing new, or a parallel one, never loads it here)."""
    from chipmap.extract.nlp import model_identity
    from chipmap.extract.version import extractor_version

    return extractor_version(model=model_identity(model), atlas=atlas.fingerprint)


def build(
    sources: Sequence[str | Path],
    *,
    db: str | Path | None = None,
    atlas: bool = True,
    fields: FieldMap | Sequence[str] | None = None,
    workers: int = 1,
    model: str | None = None,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    settings: Settings | None = None,
    articles: Iterable[Article | InputError] = (),
    dask: str | None = None,
    wait: float = 0.0,
) -> BuildSummary:
    """Add the articles in ``sources`` to the graph in ``db`` and say what happened.

    This is an edge: ``settings`` (else the environment's) are read here once and
    their values passed down — ``db``, ``model`` and ``atlas_overlay`` fill the
    arguments left unset. ``workers`` > 1 extracts in that many local worker
    processes; ``dask`` (else the ``dask`` setting) sends extraction to a dask.distributed
    scheduler (``tcp://HOST:PORT``) or a local cluster (``local:N``); ``extractor`` reuses
    an already loaded one (tests, notebooks). One build writes a database at a time: a
    second one waits up to ``wait`` seconds for the lock, then raises ``BuildLocked``
    naming the holder. Raises ``StoreError`` when the database cannot be used and
    ``ConfigError`` for bad options; bad inputs are reported in ``BuildSummary.errors``. ``articles`` are
    articles already read (the watcher reads feeds itself, to skip entries it has seen),
    built after ``sources`` exactly as if they had been read from them.
    """
    started = time.perf_counter()
    settings = settings or get_settings()
    db = db if db is not None else settings.db
    model = model or settings.model
    dask = dask or settings.dask
    if dask:
        from chipmap.pipeline.distributed import DaskTarget

        DaskTarget.parse(dask)  # a wrong address fails now, before any work
    field_map = fields if isinstance(fields, FieldMap) else FieldMap.parse(list(fields or []))
    summary = BuildSummary()
    found, missing = expand(sources)
    summary.sources = len(found)
    summary.errors.extend(BuildError.from_input(e) for e in missing)
    atlas_data = extractor.atlas if extractor is not None else default_atlas(settings.atlas_overlay)
    version = extractor.version if extractor is not None else build_version(model, atlas_data)

    def make_extractor() -> Extractor:
        if extractor is not None:
            return extractor
        from chipmap.extract import Extractor

        return Extractor(model=model, atlas=atlas_data)

    with build_lock(db, wait=wait) as lock, open_database(db) as database:
        summary.db = database.url
        if atlas:
            summary.atlas_seeded = seed_atlas(database, atlas_data).seeded
        merged = ReviewStore(database).apply()
        if merged:
            logger.info("review verdicts merged %d pairs of entities", len(merged))
        ctx = BuildContext.load(database, atlas=atlas_data, settings=settings, summary=summary,
                                make_extractor=make_extractor, extractor_version=version,
                                workers=workers, model=model, progress=progress, dask=dask, lock=lock)
        with SourceReader(fields=field_map, settings=settings) as reader:
            read = (i if isinstance(i, InputError) else with_language(i) for i in articles)
            run(itertools.chain(reader.read_all(found), read), ctx, stages=stages)
    if summary.processed == 0 and not summary.errors:
        summary.errors.append(BuildError(", ".join(map(str, sources)) or "(no sources)", "no articles found"))
    summary.seconds = time.perf_counter() - started
    logger.info("build done: %d added, %d unchanged, %d duplicates, %d failed in %.1fs", summary.added,
                summary.unchanged, summary.duplicates, summary.failed, summary.seconds)
    return summary
