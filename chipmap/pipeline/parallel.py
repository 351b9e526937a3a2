"""Extraction across local worker processes with dask.bag (no dask.distributed).

Only extraction runs in the workers: it is pure and CPU-bound. Resolution and
writing stay in the one writer process, in input order, so a parallel build
ends in exactly the state of a serial one. Articles go out in chunks of
``workers × batch_size``; each worker process loads the spaCy pipeline once
and keeps it for the whole build (the process pool outlives the chunks).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

import dask.bag

from chipmap.pipeline.work import Work
from chipmap.records import Article, ArticleExtraction

if TYPE_CHECKING:
    from chipmap.extract import Extractor

logger = logging.getLogger(__name__)

Outcome = ArticleExtraction | str  # an extraction, or why it failed


_EXTRACTORS: dict[str | None, Extractor] = {}


def _worker_extractor(model: str | None) -> Extractor:
    """The worker process's extractor, built on its first chunk and kept."""
    from chipmap.extract import Extractor

    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model=model)
    return _EXTRACTORS[model]


def extract_partition(articles: list[Article], model: str | None, batch_size: int) -> list[Outcome]:
    """Run in a worker: what each article yields, or the error message in its place."""
    from chipmap.extract import read_doc

    extractor = _worker_extractor(model)
    outcomes: list[Outcome] = []
    for doc, article in extractor.nlp.pipe(((a.text, a) for a in articles), as_tuples=True,
                                           batch_size=batch_size):
        try:
            outcomes.append(read_doc(doc, article, extractor.atlas))
        except Exception as exc:  # reported per article by the runner
            outcomes.append(f"extraction failed: {exc}")
    return outcomes


def extract_parallel(works: Iterator[Work], *, workers: int, model: str | None,
                     batch_size: int) -> Iterator[Work]:
    """Each work with its extraction filled in (or its error), in input order."""
    chunk_size = max(1, workers * batch_size)
    context = multiprocessing.get_context("spawn")  # fork would copy the writer's database handles
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        while True:
            chunk = list(islice(works, chunk_size))
            if not chunk:
                return
            articles = [w.article for w in chunk]
            bag = dask.bag.from_sequence(articles, npartitions=min(workers, len(articles)))  # type: ignore[no-untyped-call]
            outcomes = bag.map_partitions(extract_partition, model, batch_size).compute(
                scheduler="processes", pool=pool, num_workers=workers)
            for work, outcome in zip(chunk, outcomes, strict=True):
                if isinstance(outcome, str):
                    work.error = outcome
                else:
                    work.extraction = outcome
                yield work
