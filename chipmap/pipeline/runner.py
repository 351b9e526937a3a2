"""Runs named stages over a stream of articles, owning timing, progress and errors.

Stages are chained as generators, so articles flow one at a time (in spaCy
batches through ``extract``) and memory stays flat however large the input.
An exception in one article's stage is recorded against that article and the
build goes on; a ``StoreError`` (the database itself failing) stops it.

Everything runs in the calling thread. Running extraction in a background
thread while this one resolves and writes was tried and measured: spaCy holds
the GIL for most of its work, so the two threads mostly took turns and the
build got about 14% slower (600 articles, two cores). Extraction scales with
processes instead (``n_process``, ``--workers``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence

from chipmap.errors import ConfigError, InputError, StoreError
from chipmap.pipeline.context import BuildContext
from chipmap.pipeline.stages import DEFAULT_STAGES, STAGES, Stage
from chipmap.pipeline.work import BuildError, BuildSummary, Work
from chipmap.records import Article

logger = logging.getLogger(__name__)


def stages_named(names: Sequence[str]) -> list[Stage]:
    """The stages for ``names``; the first must take articles (``dedup``)."""
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ConfigError(f"unknown build stage(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
    chosen = [STAGES[n] for n in names]
    if not chosen or chosen[0].entry is None or any(s.entry is not None for s in chosen[1:]):
        raise ConfigError(f"a build starts with one entry stage (dedup), got {', '.join(names)}")
    return chosen


class _Clock:
    """Seconds spent per stage."""

    def __init__(self, summary: BuildSummary) -> None:
        self.totals = summary.stage_seconds

    def add(self, name: str, seconds: float) -> None:
        self.totals[name] = self.totals.get(name, 0.0) + seconds

    def timed(self, name: str, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        iterator = iter(items)
        while True:
            start = time.perf_counter()
            item = next(iterator, None)
            self.add(name, time.perf_counter() - start)
            if item is None:
                return
            yield item


def _fail(ctx: BuildContext, error: BuildError, work: Work | None = None) -> None:
    logger.info("skipped %s", error)
    ctx.summary.errors.append(error)
    if work is not None:  # never stored: copies of it found later are new articles again
        ctx.pending.pop(work.article.id, None)
        if not work.replaces:  # a stored article keeps its place in the near-duplicate index
            ctx.near.discard(work.article.id)
        for copy in work.sources[1:]:  # copies found while it was pending go down with it
            ctx.summary.duplicates -= 1
            ctx.summary.near_duplicates -= copy.duplicate == "near"
            ctx.summary.errors.append(BuildError(
                copy.location, f"{copy.duplicate} duplicate of {work.location}, which failed: {error.reason}",
                stage=error.stage))
    ctx.tick()


def _entry(items: Iterable[Article | InputError], stage: Stage, ctx: BuildContext,
           clock: _Clock) -> Iterator[Work]:
    assert stage.entry is not None
    for item in clock.timed("read", items):
        if isinstance(item, InputError):
            _fail(ctx, BuildError.from_input(item))
            continue
        start = time.perf_counter()
        try:
            work = stage.entry(item, ctx)
        except StoreError:
            raise
        except Exception as exc:
            _fail(ctx, BuildError(item.source or item.id, str(exc), stage=stage.name))
            continue
        finally:
            clock.add(stage.name, time.perf_counter() - start)
        if work is None:
            ctx.tick()
            continue
        yield work


def _map(stream: Iterator[Work], stage: Stage, ctx: BuildContext, clock: _Clock) -> Iterator[Work]:
    assert stage.map is not None
    for work in stream:
        start = time.perf_counter()
        try:
            result = stage.map(work, ctx)
        except StoreError:
            raise
        except Exception as exc:
            logger.debug("stage %s failed on %s", stage.name, work.location, exc_info=True)
            _fail(ctx, BuildError(work.location, f"{type(exc).__name__}: {exc}", stage=stage.name), work)
            continue
        finally:
            clock.add(stage.name, time.perf_counter() - start)
        if result is None:
            ctx.tick()
            continue
        yield result


def _batch(stream: Iterator[Work], stage: Stage, ctx: BuildContext, clock: _Clock) -> Iterator[Work]:
    assert stage.batch is not None
    upstream = 0.0

    def feed() -> Iterator[Work]:
        nonlocal upstream
        while True:
            start = time.perf_counter()
            work = next(stream, None)
            upstream += time.perf_counter() - start
            if work is None:
                return
            yield work

    output = stage.batch(feed(), ctx)
    while True:
        start, before = time.perf_counter(), upstream
        work = next(output, None)
        clock.add(stage.name, time.perf_counter() - start - (upstream - before))
        if work is None:
            return
        if work.error:
            _fail(ctx, BuildError(work.location, work.error, stage=stage.name), work)
            continue
        yield work


def run(items: Iterable[Article | InputError], ctx: BuildContext, *,
        stages: Sequence[str] = DEFAULT_STAGES) -> BuildSummary:
    """Push every item through the stages; returns the context's summary, completed."""
    chosen = stages_named(stages)
    clock = _Clock(ctx.summary)
    start = time.perf_counter()
    stream = _entry(items, chosen[0], ctx, clock)
    for stage in chosen[1:]:
        stream = _map(stream, stage, ctx, clock) if stage.map else _batch(stream, stage, ctx, clock)
    for _work in stream:
        ctx.tick()
    ctx.summary.seconds += time.perf_counter() - start
    return ctx.summary
