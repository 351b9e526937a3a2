"""Extraction throughput: chipmap's full extraction against spaCy's nlp.pipe alone.

Both runs use the same model, the same pipeline components and the same
batching and process count, so the ratio shows what chipmap's per-article
reading (mentions, coreference, relations) costs on top of spaCy.
"""

from __future__ import annotations

import resource
import time
from typing import Any

from bench.corpus import generate
from chipmap.records import Article


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(quick: bool = False) -> list[dict[str, Any]]:
    from chipmap.extract import Extractor

    count = 120 if quick else 600
    n_process, batch = 2, 32
    texts = generate(count)
    words = sum(len(t.split()) for t in texts)
    articles = [Article(id=f"b{i}", text=t) for i, t in enumerate(texts)]
    extractor = Extractor()
    nlp = extractor.nlp
    list(nlp.pipe(texts[:8]))  # warm up: first parses load vectors and caches

    def raw_run() -> float:
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch, n_process=n_process):
            pass
        return time.perf_counter() - start

    def full_run() -> float:
        start = time.perf_counter()
        for _ in extractor.extract_many(articles, batch_size=batch, n_process=n_process):
            pass
        return time.perf_counter() - start

    # Alternate the two and keep each one's best of two runs: the machine's other
    # load then affects both alike.
    raw_times, full_times = [], []
    for _ in range(2):
        raw_times.append(raw_run())
        full_times.append(full_run())
    raw_s, full_s = min(raw_times), min(full_times)

    note = f"{count} articles, {words} words, n_process={n_process}, batch={batch}, best of 2"
    return [
        {"name": "spaCy nlp.pipe (same pipeline)", "value": round(count / raw_s, 1), "unit": "articles/s",
         "note": f"{words / raw_s:,.0f} words/s; {note}"},
        {"name": "chipmap extract", "value": round(count / full_s, 1), "unit": "articles/s",
         "note": f"{words / full_s:,.0f} words/s; {note}"},
        {"name": "extract / nlp.pipe ratio", "value": round(raw_s / full_s, 3), "unit": "ratio",
         "note": "target >= 0.8"},
        {"name": "extract peak memory", "value": round(_peak_mb(), 1), "unit": "MB",
         "note": "max RSS of this process or any worker"},
    ]
