"""Extraction across local worker processes with dask.bag (no dask.distributed).

Only extraction runs in the workers: it is pure and CPU-bound. Resolution and
writing stay in the one writer process, in input order, so a parallel build
ends in exactly the state of a serial one. Articles go out in chunks of
``workers × batch_size``; each worker process builds its extractor once, from
the model name and the atlas handed to it when the pool starts, and keeps it
for the whole build (the process pool outlives the chunks). Inside a worker the
articles take the same loop as everywhere else, ``Extractor.read_many``.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

import dask.bag

from chipmap.atlas import Atlas
from chipmap.pipeline.work import Work
from chipmap.records import Article

if TYPE_CHECKING:
    from chipmap.extract import Extractor, Outcome

logger = logging.getLogger(__name__)

_WORKER: dict[str, Extractor] = {}


def _start_worker(model: str | None, atlas: Atlas) -> None:
    """Pool initializer: the worker's extractor, built once from what the writer passed."""
    from chipmap.extract import Extractor

    _WORKER["extractor"] = Extractor(model=model, atlas=atlas)


def extract_partition(articles: list[Article], batch_size: int) -> list[Outcome]:
    """Run in a worker: what each article yields, or an ``ExtractionFailed`` in its place."""
    extractor = _WORKER["extractor"]
    return [outcome for _article, outcome in extractor.read_many(articles, batch_size=batch_size)]


def extract_parallel(works: Iterator[Work], *, workers: int, model: str | None, atlas: Atlas,
                     batch_size: int) -> Iterator[Work]:
    """Each work with its extraction filled in (or its error), in input order."""
    from chipmap.extract import ExtractionFailed

    chunk_size = max(1, workers * batch_size)
    context = multiprocessing.get_context("spawn")  # fork would copy the writer's database handles
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(model, atlas)) as pool:
        while True:
            chunk = list(islice(works, chunk_size))
            if not chunk:
                return
            articles = [w.article for w in chunk]
            bag = dask.bag.from_sequence(articles, npartitions=min(workers, len(articles)))  # type: ignore[no-untyped-call]
            outcomes = bag.map_partitions(extract_partition, batch_size).compute(
                scheduler="processes", pool=pool, num_workers=workers)
            for work, outcome in zip(chunk, outcomes, strict=True):
                if isinstance(outcome, ExtractionFailed):
                    work.error = outcome.reason
                else:
                    work.extraction = outcome
                yield work
