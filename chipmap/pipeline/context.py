"""The state one build shares between its stages.

It is loaded from the database when the build starts and only changed after a
commit, so that everything a stage decides is a function of what is stored
(the property that makes a killed-and-rerun build end like a clean one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chipmap.atlas import Atlas
from chipmap.config import Settings
from chipmap.ingest.dedup import NearDuplicates
from chipmap.pipeline.work import BuildSummary, Progress, Work
from chipmap.resolve import EntityIndex, Verdicts
from chipmap.store import Database
from chipmap.store.lock import BuildLock
from chipmap.store.review import load_verdicts
from chipmap.store.state import known_articles, known_sources, load_index, signatures

if TYPE_CHECKING:
    from chipmap.extract import Extractor


@dataclass
class BuildContext:
    """Database, atlas, resolution index and what is already stored or pending."""

    db: Database
    atlas: Atlas
    settings: Settings
    index: EntityIndex
    stored: dict[str, str]  # article id -> extractor version that read it
    sources: dict[str, set[str]]
    near: NearDuplicates
    make_extractor: Callable[[], Extractor]
    summary: BuildSummary
    extractor_version: str
    ingested: dt.date = field(default_factory=dt.date.today)
    workers: int = 1
    model: str | None = None
    progress: Progress | None = None
    pending: dict[str, Work] = field(default_factory=dict)
    verdicts: Verdicts = field(default_factory=Verdicts)  # reviewers' judgements, replayed by resolution
    dask: str | None = None  # scheduler address or local:N (chipmap.pipeline.distributed)
    lock: BuildLock | None = None
    _extractor: Extractor | None = field(default=None, repr=False)

    @classmethod
    def load(cls, db: Database, *, atlas: Atlas, settings: Settings, summary: BuildSummary,
             make_extractor: Callable[[], Extractor], extractor_version: str, workers: int = 1,
             model: str | None = None, progress: Progress | None = None, dask: str | None = None,
             lock: BuildLock | None = None) -> BuildContext:
        """A context with the index, stored ids, sources, signatures and review verdicts read from ``db``."""
        near = NearDuplicates()
        near.add_many(signatures(db))
        return cls(db=db, atlas=atlas, settings=settings, index=load_index(db), stored=known_articles(db),
                   sources=known_sources(db), near=near, make_extractor=make_extractor, summary=summary,
                   extractor_version=extractor_version, workers=workers, model=model, progress=progress,
                   verdicts=load_verdicts(db), dask=dask, lock=lock)

    @property
    def extractor(self) -> Extractor:
        """The extractor, built on first use (a build with nothing new never loads spaCy)."""
        if self._extractor is None:
            self._extractor = self.make_extractor()
        return self._extractor

    def retake_lock(self) -> None:
        """Before a transaction is retried after a lost connection: hold the build lock again."""
        if self.lock is not None:
            self.lock.ensure()

    def tick(self) -> None:
        """Tell the progress display that one more input is done."""
        if self.progress is not None:
            self.progress.update(self.summary)
