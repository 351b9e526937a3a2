"""Extraction on a dask.distributed cluster: a scheduler anywhere, workers on many machines.

``chipmap build SOURCES --dask tcp://HOST:PORT`` sends the articles to an existing
scheduler; ``--dask local:N`` starts a ``LocalCluster`` of N single-threaded worker
processes for the build. Only extraction runs on the workers (it is pure and
CPU-bound); deduplication, resolution and writing stay in this process, the one
writer, so the graph is exactly the one a serial build makes.

- **The pipeline loads once per worker**: a ``WorkerPlugin`` carries the model name and
  the atlas (pickled with it) to every worker, present and joining, and builds the
  extractor in ``setup``; tasks find it there. Its name contains the extractor
  version, so two builds with different atlases can share a cluster.
- **Streaming, bounded, in order**: articles go out in tasks of ``batch_size``; at
  most ``window`` tasks are out at once (twice the worker threads, plus two), results
  are taken as they finish (``as_completed``) and held in a reorder buffer until every
  earlier task is in, then handed to the writer in input order. The buffer never holds
  more than ``window`` tasks' results, whatever the order they finish in.
- **Faults**: a worker that dies loses its tasks; the scheduler runs them again on the
  others (up to its ``allowed-failures``, then ``KilledWorker``). A task that fails for
  good fails its articles, each reported with the reason; the build goes on.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from chipmap.atlas import Atlas
from chipmap.errors import ConfigError
from chipmap.pipeline.work import Work
from chipmap.records import Article

if TYPE_CHECKING:
    from distributed import Client

    from chipmap.extract import Extractor, Outcome

logger = logging.getLogger(__name__)

PLUGIN_PREFIX = "chipmap-extractor-"


@dataclass(frozen=True, slots=True)
class DaskTarget:
    """Where to extract: a scheduler address, or a local cluster of ``workers`` processes."""

    address: str | None = None
    workers: int = 0

    @classmethod
    def parse(cls, spec: str) -> DaskTarget:
        """``tcp://HOST:PORT`` (also ``tls://``, ``ws://``, ``inproc://``), ``local`` or ``local:N``."""
        spec = spec.strip()
        if spec == "local" or spec.startswith("local:"):
            count = spec.partition(":")[2] or str(os.cpu_count() or 1)
            if not count.isdigit() or int(count) < 1:
                raise ConfigError(f"--dask {spec!r}: local:N needs a worker count N >= 1")
            return cls(workers=int(count))
        if "://" in spec:
            return cls(address=spec)
        raise ConfigError(f"--dask {spec!r}: give a scheduler address (tcp://HOST:PORT) or local:N")

    def __str__(self) -> str:
        return self.address or f"local:{self.workers}"


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor once on each worker, from the model and atlas it carries."""

    idempotent = True  # registered again by a second build with the same version: keep the loaded one

    def __init__(self, model: str | None, atlas: Atlas, version: str) -> None:
        self.model = model
        self.atlas = atlas
        self.name = PLUGIN_PREFIX + version
        self.extractor: Extractor | None = None

    def setup(self, worker: Any) -> None:
        from chipmap.extract import Extractor

        self.extractor = Extractor(model=self.model, atlas=self.atlas)
        logger.info("worker %s loaded the chipmap pipeline %s", getattr(worker, "address", "?"), self.name)

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def extract_task(plugin_name: str, articles: list[Article], batch_size: int) -> tuple[str, list[Outcome]]:
    """Run on a worker: the outcome of each article (an extraction or an ``ExtractionFailed``)
    and the worker's address (for the logs)."""
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins[plugin_name]
    assert isinstance(plugin, ExtractorPlugin)
    extractor = plugin.extractor
    if extractor is None:  # the plugin's setup has not run here (should not happen): do it now
        plugin.setup(worker)
        extractor = plugin.extractor
    assert extractor is not None
    outcomes = [outcome for _article, outcome in extractor.read_many(articles, batch_size=batch_size,
                                                                        n_process=1)]
    return worker.address, outcomes


def _client(target: DaskTarget, stack: ExitStack) -> Client:
    from distributed import Client, LocalCluster

    try:
        if target.address is None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=target.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                host="127.0.0.1"))
            client: Client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(target.address, timeout=30))
        return client
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the dask scheduler at {target}: {exc}") from exc


def extract_distributed(works: Iterator[Work], *, target: DaskTarget, model: str | None, atlas: Atlas,
                        version: str, batch_size: int) -> Iterator[Work]:
    """Each work with its extraction (or error) filled in, in input order, extracted on the cluster."""
    from distributed import as_completed

    from chipmap.extract import ExtractionFailed

    with ExitStack() as stack:
        client = _client(target, stack)
        plugin = ExtractorPlugin(model, atlas, version)
        client.register_plugin(plugin, name=plugin.name)
        threads = max(1, sum(client.nthreads().values()))
        window = 2 * threads + 2
        logger.info("extracting on %s: %d worker threads, %d tasks of %d articles in flight", target, threads,
                    window, batch_size)
        chunks = iter(lambda: list(islice(works, batch_size)), [])
        held: dict[int, list[Work]] = {}  # submitted, by sequence number
        done: dict[int, list[Outcome]] = {}  # the reorder buffer
        futures = as_completed()
        sequence: dict[Any, int] = {}  # future key -> sequence number
        submitted = next_out = 0

        def submit() -> bool:
            nonlocal submitted
            chunk = next(chunks, None)
            if chunk is None:
                return False
            future = client.submit(extract_task, plugin.name, [w.article for w in chunk], batch_size,
                                   pure=False, key=f"chipmap-extract-{version}-{os.getpid()}-{submitted}")
            sequence[future.key] = submitted
            held[submitted] = chunk
            futures.add(future)
            submitted += 1
            return True

        more = True
        while more and submitted < window:
            more = submit()
        for future in futures:
            seq = sequence.pop(future.key)
            try:
                _address, outcomes = future.result()
            except (Exception, asyncio.CancelledError) as exc:
                # the task failed for good: KilledWorker after its retries, or cancelled because the
                # scheduler went away (distributed's cancellation is not an Exception)
                logger.warning("extraction task %d failed: %s", seq, exc)
                outcomes = [ExtractionFailed.of(w.article, exc) for w in held[seq]]
            done[seq] = outcomes
            future.release()
            while next_out in done:
                for work, outcome in zip(held.pop(next_out), done.pop(next_out), strict=True):
                    if isinstance(outcome, ExtractionFailed):
                        work.error = outcome.reason
                    else:
                        work.extraction = outcome
                    yield work
                next_out += 1
            while more and submitted - next_out < window:
                more = submit()
        with_errors = {k: v for k, v in held.items() if v}
        assert not with_errors, f"tasks never answered: {sorted(with_errors)}"
