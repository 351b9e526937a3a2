"""The build's stages, registered by name: dedup → extract → resolve → write.

Each stage is a thin shell around a pure function from another package
(``ingest.dedup``, ``extract.read_doc``, ``resolve.resolve_article``,
``store.article_rows``); the runner, not the stages, owns progress, timing and
error capture. A map stage takes one ``Work`` and returns it (or None when the
article needs nothing more); a batch stage transforms the stream, because
spaCy reads articles fastest in batches.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from chipmap.errors import StoreError
from chipmap.ingest.dedup import content_id, signature
from chipmap.pipeline.context import BuildContext
from chipmap.pipeline.work import Work
from chipmap.records import Article
from chipmap.resolve import resolve_article
from chipmap.store import ArticleRows, SourceEntry, WriteResult, add_sources, article_rows, write_article
from chipmap.store.rows import source_rows
from chipmap.store.state import load_index
from chipmap.store.writer import write_batch

logger = logging.getLogger(__name__)

EntryFn = Callable[[Article, BuildContext], Work | None]
MapFn = Callable[[Work, BuildContext], Work | None]
BatchFn = Callable[[Iterator[Work], BuildContext], Iterator[Work]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step; exactly one of ``entry`` (articles in), ``map`` and ``batch`` is set."""

    name: str
    entry: EntryFn | None = None
    map: MapFn | None = None
    batch: BatchFn | None = None


def _record_copy(ctx: BuildContext, article_id: str, entry: SourceEntry) -> None:
    """Keep another source of a stored or pending article (or note that it is known)."""
    if entry.location in ctx.sources.get(article_id, ()):
        ctx.summary.unchanged += 1
        return
    pending = ctx.pending.get(article_id)
    if pending is not None:  # still being extracted: written in its transaction
        if all(s.location != entry.location for s in pending.sources):
            pending.sources.append(entry)
    else:
        add_sources(ctx.db, article_id, [entry], retry_seconds=ctx.settings.db_retry_seconds,
                    on_retry=ctx.retake_lock)
        ctx.sources.setdefault(article_id, set()).add(entry.location)
    ctx.summary.duplicates += 1
    ctx.summary.near_duplicates += entry.duplicate == "near"


def dedup(article: Article, ctx: BuildContext) -> Work | None:
    """A ``Work`` for a story the graph lacks; None for one it has (its source is kept)."""
    ctx.summary.read += 1
    article_id = content_id(article.text)
    entry = SourceEntry(location=article.source or article.url or article.id, url=article.url)
    stored_by = ctx.stored.get(article_id)
    if stored_by is not None and stored_by != ctx.extractor_version and article_id not in ctx.pending:
        # read by another extractor: read it again and replace what it said
        work = Work(article=dataclasses.replace(article, id=article_id), original_id=article.id,
                    signature=signature(article.text), sources=[entry], replaces=True)
        ctx.pending[article_id] = work
        return work
    if article_id in ctx.stored or article_id in ctx.pending:
        _record_copy(ctx, article_id, dataclasses.replace(entry, duplicate="exact"))
        return None
    sig = signature(article.text)
    original = ctx.near.find(sig)
    if original is not None:
        _record_copy(ctx, original, dataclasses.replace(entry, duplicate="near"))
        return None
    work = Work(article=dataclasses.replace(article, id=article_id), original_id=article.id,
                signature=sig, sources=[entry])
    ctx.pending[article_id] = work
    ctx.near.add(article_id, sig)
    return work


def extract(works: Iterator[Work], ctx: BuildContext) -> Iterator[Work]:
    """Read each article through the extractor's one loop (``Extractor.read_with``), in
    spaCy batches and processes, across local worker processes with ``workers`` > 1, or on
    a dask.distributed cluster with ``dask`` (chipmap.pipeline.distributed)."""
    from chipmap.extract import ExtractionFailed
    from chipmap.extract.extractor import process_count

    batch_size = ctx.settings.batch_size
    # Enough work to start a process per core? Look ahead before deciding ("auto").
    ahead = list(islice(works, 2 * batch_size * (os.cpu_count() or 1)))
    if not ahead:
        return
    stream = chain(ahead, works)
    if ctx.dask:
        from chipmap.pipeline.distributed import DaskTarget, extract_distributed

        yield from extract_distributed(stream, target=DaskTarget.parse(ctx.dask), model=ctx.model,
                                       atlas=ctx.atlas, version=ctx.extractor_version, batch_size=batch_size)
        return
    if ctx.workers > 1:
        from chipmap.pipeline.parallel import extract_parallel

        yield from extract_parallel(stream, workers=ctx.workers, model=ctx.model, atlas=ctx.atlas,
                                    batch_size=batch_size)
        return
    more = len(ahead) == 2 * batch_size * (os.cpu_count() or 1)
    n_process = process_count(10**9 if more else len(ahead), ctx.settings.n_process, batch_size)
    pairs = ((work.article, work) for work in stream)
    for _article, work, outcome in ctx.extractor.read_with(pairs, batch_size=batch_size, n_process=n_process):
        if isinstance(outcome, ExtractionFailed):
            work.error = outcome.reason
        else:
            work.extraction = outcome
        yield work


def resolve(work: Work, ctx: BuildContext) -> Work:
    """Decide which graph entity each mention is, against the in-memory index and the review verdicts."""
    assert work.extraction is not None
    work.resolution = resolve_article(work.extraction, ctx.index, atlas=ctx.atlas, verdicts=ctx.verdicts)
    return work


def _count(ctx: BuildContext, work: Work, result: WriteResult) -> None:
    """After a commit: the caches and the summary learn what was written."""
    ctx.stored[result.article_id] = ctx.extractor_version
    ctx.sources[result.article_id] = {s.location for s in work.sources}
    ctx.pending.pop(result.article_id, None)
    summary = ctx.summary
    summary.added += 1
    summary.reread += work.replaces
    summary.entities_added += len(result.new_entities)
    summary.relations += result.relations
    summary.evidence += result.evidence
    summary.skipped_relations += result.skipped_relations


def _rows(work: Work, ctx: BuildContext) -> ArticleRows:
    assert work.extraction is not None and work.resolution is not None
    return article_rows(work.article, work.extraction, work.resolution, ingested=ctx.ingested,
                        extractor_version=ctx.extractor_version, sources=work.sources,
                        external_id=work.original_id, signature=work.signature)


def _write_alone(work: Work, ctx: BuildContext) -> Work:
    """One article in its own transaction (a re-read replacing a stored reading, or a retry)."""
    result = write_article(ctx.db, _rows(work, ctx), replace=work.replaces)
    result.apply_to(ctx.index)
    _count(ctx, work, result)
    return work


def write(works: Iterator[Work], ctx: BuildContext) -> Iterator[Work]:
    """Commit articles in batches of up to ``write_batch`` (one transaction each).

    Each article is resolved against the index *including* the uncommitted articles before
    it in the batch (its rows are applied to the index as soon as they are made), exactly
    as a build committing one article at a time would; the caches that say what is stored
    learn of a batch only after its commit. Copies of an article found while it waits in
    the batch are added to its sources when the batch is committed.

    If a batch fails for anything but the database itself, nothing of it is stored: the
    index is re-read from the database and its articles are resolved and written again
    one by one, so only the article at fault fails. A lost connection is retried for
    ``db_retry_seconds`` (``Database.transact``); after that the ``StoreError`` stops the build.
    """
    settings = ctx.settings
    batch: list[tuple[Work, ArticleRows]] = []
    started = 0.0

    def flush() -> Iterator[Work]:
        if not batch:
            return
        pending = list(batch)
        batch.clear()
        for work, rows in pending:
            rows.sources = source_rows(rows.article["id"], work.sources)
        try:
            results = write_batch(ctx.db, [rows for _work, rows in pending],
                                  retry_seconds=settings.db_retry_seconds, on_retry=ctx.retake_lock)
        except StoreError:
            raise
        except Exception:
            logger.warning("a batch of %d articles failed; writing them one by one", len(pending),
                           exc_info=True)
            ctx.index = load_index(ctx.db)
            for work, _ in pending:
                try:
                    work.resolution = resolve_article(work.extraction, ctx.index, atlas=ctx.atlas)  # type: ignore[arg-type]
                    _write_alone(work, ctx)
                except StoreError:
                    raise
                except Exception as exc:
                    work.error = f"{type(exc).__name__}: {exc}"
                yield work
            return
        for (work, _), result in zip(pending, results, strict=True):
            _count(ctx, work, result)
            yield work

    for work in works:
        if work.replaces:
            yield from flush()
            yield _write_alone(work, ctx)
            continue
        rows = _rows(work, ctx)
        WriteResult(article_id=rows.article["id"], new_entities=list(rows.new_entities),
                    forms=rows.forms).apply_to(ctx.index)
        if not batch:
            started = time.monotonic()
        batch.append((work, rows))
        if len(batch) >= settings.write_batch or time.monotonic() - started >= settings.write_batch_seconds:
            yield from flush()
    yield from flush()


STAGES: dict[str, Stage] = {
    "dedup": Stage("dedup", entry=dedup),
    "extract": Stage("extract", batch=extract),
    "resolve": Stage("resolve", map=resolve),
    "write": Stage("write", batch=write),
}
DEFAULT_STAGES: tuple[str, ...] = ("dedup", "extract", "resolve", "write")
