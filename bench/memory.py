"""Server memory on large graphs: resident memory per ``chipmap serve`` worker, and what the index holds.

Graphs: the atlas plus N generated articles (bench/api.py ``synthetic_articles``), written by
the store's own writer (``write_extractions``, 1,000 articles per transaction so a 100k graph
is made in minutes, not half an hour), kept in ``.bench/graphs/`` between runs (the graph is a
pure function of N and the generator's seed; delete the folder after changing the generator).

Per graph, two measurements:

- **per worker**: a real ``chipmap serve`` (default settings: one worker process per core) answers
  the cluster, gaps and entity endpoints until each worker has built its index; then the resident
  set size (RSS) of every worker process, from psutil.
- **the index itself**: in this process, ``tracemalloc`` over ``Graph.snapshot()`` and
  ``GraphIndex.build`` (the Python objects a worker keeps for the graph), and the CPU seconds
  of reading and indexing it.

Sizes: 10k, 50k and 100k articles by default (``--quick``: 10k only); ``CHIPMAP_BENCH_MEMORY_SIZES``
(comma separated, e.g. ``10000,100000,1000000``) overrides. A 1M figure that is not in the list is
a projection from the measured sizes (least squares, linear in N), labelled as such.
"""

from __future__ import annotations

import gc
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

GRAPHS = Path(".bench") / "graphs"


def graph(articles: int, folder: Path = GRAPHS) -> str:
    """The URL of an SQLite graph of the atlas plus ``articles`` generated articles (made once, then reused)."""
    from bench.api import synthetic_articles
    from chipmap.atlas import default_atlas
    from chipmap.pipeline.direct import write_extractions
    from chipmap.store import open_database, seed_atlas

    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / f"synthetic-{articles}.db").resolve()
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    partial = path.with_suffix(".partial")
    for stale in folder.glob(partial.name + "*"):
        stale.unlink()
    atlas = default_atlas()
    with open_database(f"sqlite:///{partial}", create=True) as database:
        seed_atlas(database, atlas)
        write_extractions(database, synthetic_articles(articles), atlas=atlas, extractor_version="bench",
                          batch_size=1_000)
    partial.rename(path)
    return url


def index_cost(url: str) -> dict[str, float]:
    """Python heap (MB) of the snapshot and its index, and CPU seconds to read and build them."""
    from chipmap.analyze.index import GraphIndex
    from chipmap.store.graph import open_graph

    gc.collect()
    tracemalloc.start()
    cpu = time.process_time()
    with open_graph(url) as graph:
        snapshot = graph.snapshot()
    read = time.process_time() - cpu
    snapshot_mb = tracemalloc.get_traced_memory()[0] / 2**20
    index = GraphIndex.build(snapshot)
    built = time.process_time() - cpu - read
    gc.collect()
    total_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    relations = len(index.snapshot.relations)
    del index, snapshot
    return {"snapshot_mb": snapshot_mb, "index_mb": total_mb, "read_s": read, "build_s": built,
            "relations": relations}


def worker_rss(url: str) -> tuple[list[float], float]:
    """RSS (MB) of each ``chipmap serve`` worker once it has answered, and the seconds to the first answers."""
    from bench.load import ENDPOINTS, Server

    server = Server(url)
    try:
        started = time.perf_counter()
        server.warm(list(ENDPOINTS.values()))
        first = time.perf_counter() - started
        return server.worker_rss_mb(), first
    finally:
        server.close()


def sizes(quick: bool) -> list[int]:
    """The graph sizes to measure."""
    chosen = os.environ.get("CHIPMAP_BENCH_MEMORY_SIZES")
    if chosen:
        return [int(n) for n in chosen.split(",") if n.strip()]
    return [10_000] if quick else [10_000, 50_000, 100_000]


def _fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line y = a + b * n through the points."""
    if len(points) == 1:
        return 0.0, points[0][1] / points[0][0]
    mean_n = sum(n for n, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = (sum((n - mean_n) * (y - mean_y) for n, y in points)
             / sum((n - mean_n) ** 2 for n, _ in points))
    return mean_y - slope * mean_n, slope


def run(quick: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    rss_points: list[tuple[int, float]] = []
    heap_points: list[tuple[int, float]] = []
    for articles in sizes(quick):
        started = time.perf_counter()
        url = graph(articles)
        made = time.perf_counter() - started
        cost = index_cost(url)
        rss, first = worker_rss(url)
        rss_points.append((articles, max(rss)))
        heap_points.append((articles, cost["index_mb"]))
        rows.append({"name": f"memory: {articles:,}-article graph, per server worker", "value": max(rss),
                     "unit": "MB", "note": f"RSS of each worker after answering entity, cluster and gaps: {rss}; "
                                           f"first answers {first:.0f}s; graph ready in {made:.0f}s"})
        rows.append({"name": f"memory: {articles:,}-article graph, snapshot + index objects",
                     "value": round(cost["index_mb"], 1), "unit": "MB",
                     "note": f"tracemalloc; snapshot alone {cost['snapshot_mb']:.1f} MB; {cost['relations']:,} "
                             f"relations; read {cost['read_s']:.1f} CPU-s, index {cost['build_s']:.1f} CPU-s, both "
                             f"under tracemalloc (slower than in a worker)"})
    if not any(n >= 1_000_000 for n, _ in rss_points) and len(rss_points) > 1:
        base, slope = _fit(rss_points)
        heap_base, heap_slope = _fit(heap_points)
        rows.append({"name": "memory: 1M-article graph, per server worker (PROJECTION)",
                     "value": round(base + slope * 1e6), "unit": "MB",
                     "note": f"projection, not measured: least squares over {[n for n, _ in rss_points]} "
                             f"articles, {base:.0f} MB + {slope * 1e3:.2f} MB per 1,000 articles; index objects "
                             f"{heap_base + heap_slope * 1e6:.0f} MB ({heap_slope * 1e3:.2f} MB per 1,000)"})
    return rows
