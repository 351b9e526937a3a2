"""What flows through a build (``Work``) and what comes out of it (``BuildSummary``)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from chipmap.errors import InputError
from chipmap.records import Article, ArticleExtraction
from chipmap.resolve import ArticleResolution
from chipmap.store import SourceEntry


@dataclass
class Work:
    """One new article on its way into the graph; stages fill in the later fields."""

    article: Article  # id is the content id
    original_id: str  # the id it was read with (file stem, JSON id, feed entry id)
    signature: bytes
    sources: list[SourceEntry]
    extraction: ArticleExtraction | None = None
    resolution: ArticleResolution | None = None
    error: str | None = None
    replaces: bool = False  # stored already, read by another extractor version: read it again

    @property
    def location(self) -> str:
        """Where the article was first read from."""
        return self.sources[0].location if self.sources else self.article.id


@dataclass(frozen=True, slots=True)
class BuildError:
    """One input that did not make it into the graph, and why."""

    source: str
    reason: str
    line: int | None = None
    stage: str = "read"

    @classmethod
    def from_input(cls, exc: InputError) -> BuildError:
        """The error record of an ingest failure."""
        return cls(source=exc.source, reason=exc.reason, line=exc.line, stage="read")

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass
class BuildSummary:
    """What a build did, for the progress bar, the end-of-build report and ``--json``."""

    db: str = ""
    sources: int = 0  # files, URLs and feeds named or found
    read: int = 0  # articles read
    added: int = 0  # new articles written
    unchanged: int = 0  # already in the graph from the same source
    reread: int = 0  # stored articles read again because the extractor changed (counted in added)
    duplicates: int = 0  # stored once, this copy recorded as another source
    near_duplicates: int = 0  # of which found by MinHash
    entities_added: int = 0
    relations: int = 0
    evidence: int = 0
    skipped_relations: int = 0  # relations whose ends the article did not name
    atlas_seeded: bool = False
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    errors: list[BuildError] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def failed(self) -> int:
        """Inputs that could not be ingested."""
        return len(self.errors)

    @property
    def ingested(self) -> int:
        """Articles that are in the graph after the build (new, known or as duplicates)."""
        return self.added + self.unchanged + self.duplicates

    @property
    def processed(self) -> int:
        """Inputs dealt with so far, failed or not."""
        return self.ingested + self.failed

    @property
    def articles_per_second(self) -> float:
        """Inputs processed per second of build time."""
        elapsed = self.seconds or (time.perf_counter() - self.started)
        return self.processed / elapsed if elapsed > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0: everything ingested; 1: some inputs failed; 2: nothing could be ingested."""
        if not self.errors:
            return 0
        return 1 if self.ingested else 2

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--json`` line)."""
        data = asdict(self)
        data.pop("started", None)
        data["errors"] = [asdict(e) for e in self.errors]
        data["failed"] = self.failed
        data["articles_per_second"] = round(self.articles_per_second, 2)
        data["seconds"] = round(self.seconds, 3)
        data["stage_seconds"] = {k: round(v, 3) for k, v in self.stage_seconds.items()}
        data["exit_code"] = self.exit_code
        return data


class Progress(Protocol):
    """Told about every input the build finishes with (the CLI draws a bar)."""

    def update(self, summary: BuildSummary) -> None:
        """Called after each input is written, skipped or failed."""
        ...
