"""Writer throughput: generated extractions into SQLite and PostgreSQL, and a 1M-article projection.

``synthetic_articles`` (bench/api.py) makes extractions without spaCy; ``write_extractions``
resolves and writes them exactly as a build's resolve and write stages do, ``write_batch``
articles per transaction (the build's default). Measured per article: wall and CPU seconds
of the writer process, database bytes and rows. PostgreSQL is a throwaway server started
here by the test suite's helper (Debian's binaries, loopback TCP, fsync and synchronous_commit
off, so its commits cost less than on a durable server); it is skipped when
the binaries are missing.

The projection for 1M articles on N extraction workers combines these with the extraction
cost measured by ``bench/build.py`` (``EXTRACT_CPU_S``, CPU seconds per article): the
workers extract in parallel, the one writer dedups, resolves and writes in series, so the
build takes the longer of the two. The writer's cost per article for the projection is
measured on real extractions (500 generated articles of real shape read by the full
extractor, so real rows per article) plus the dedup stage's hashing of their text.
It is a projection, not a measurement of a 1M build.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.api import synthetic_articles
from chipmap.atlas import default_atlas
from chipmap.config import Settings
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article, ArticleExtraction
from chipmap.store import open_database, seed_atlas
from chipmap.store.models import TABLES

#: CPU seconds to extract one article (bench/build.py: 14.5 articles per CPU-second, docs/build.md).
EXTRACT_CPU_S = 1 / 14.5
#: Database bytes per real article (docs/build.md: 12.1 MB per 1,000 articles through the full pipeline).
REAL_BYTES = 12.1 * 2**20 / 1000
#: Peak memory of one extraction worker (docs/build.md: build peak 512 MB, extract 334 MB).
WORKER_MB = 512


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _server_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL server's processes (0 for SQLite: in-process)."""
    if not url.startswith("postgresql"):
        return 0.0
    import psutil
    from sqlalchemy import text

    with open_database(url) as database, database.connect() as conn:
        data = str(conn.execute(text("SHOW data_directory")).scalar_one())
    postmaster = psutil.Process(int((Path(data) / "postmaster.pid").read_text().split()[0]))
    total = 0.0
    for process in [postmaster, *postmaster.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def _rows(url: str) -> int:
    from sqlalchemy import text

    with open_database(url) as database, database.connect() as conn:
        return sum(int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in TABLES)


def _size(url: str, path: Path | None) -> int:
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from sqlalchemy import text

    with open_database(url) as database, database.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def real_extractions(count: int) -> list[tuple[Article, ArticleExtraction]]:
    """``count`` generated articles of real shape (recombined sample paragraphs, bench/corpus.py)
    with what the full extractor reads in them: real rows per article for the writer."""
    from bench.corpus import generate
    from chipmap.extract import ExtractionFailed, Extractor

    articles = [Article(id=f"real-{i:05d}", text=text + f"\n\nBenchmark article {i}.", title=f"Article {i}")
                for i, text in enumerate(generate(count, seed=23))]
    extractor = Extractor(atlas=default_atlas())
    return [(article, outcome) for article, outcome in extractor.read_many(articles)
            if not isinstance(outcome, ExtractionFailed)]


def dedup_seconds(items: list[tuple[Article, ArticleExtraction]]) -> float:
    """CPU seconds per article of what the build's dedup stage computes (content id, MinHash)."""
    from chipmap.ingest.dedup import content_id, signature

    started = time.process_time()
    for article, _extraction in items:
        content_id(article.text)
        signature(article.text)
    return (time.process_time() - started) / len(items)


def measure(url: str, articles: int | list[tuple[Article, ArticleExtraction]], batch: int,
            path: Path | None = None) -> dict[str, float]:
    """Seconds, CPU seconds, bytes and rows of writing ``articles`` generated articles into ``url``."""
    atlas = default_atlas()
    with open_database(url) as database:
        seed_atlas(database, atlas)
    base_rows, base_size = _rows(url), _size(url, path)
    items = list(synthetic_articles(articles)) if isinstance(articles, int) else articles
    rss = _rss_mb()
    with open_database(url) as database:
        server = _server_cpu(url)
        cpu, wall = time.process_time(), time.perf_counter()
        write_extractions(database, items, atlas=atlas, extractor_version="bench", batch_size=batch)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        server = _server_cpu(url) - server
    return {"seconds": wall, "cpu": cpu, "server_cpu": server, "bytes": _size(url, path) - base_size,
            "rows": _rows(url) - base_rows, "rss_growth_mb": _rss_mb() - rss}


def _postgres() -> Any:
    try:
        from tests.store.conftest import PG_BINS, PostgresServer
    except ImportError:
        return None
    if not PG_BINS:
        return None
    server = PostgresServer(PG_BINS[0].parent)
    server.start()
    return server


def run(quick: bool = False) -> list[dict[str, Any]]:
    articles = 2_000 if quick else 20_000
    batch = Settings().write_batch
    rows: list[dict[str, Any]] = []
    results: dict[str, dict[str, float]] = {}
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start"
    with tempfile.TemporaryDirectory(prefix="chipmap-bench-write-") as tmp:
        path = Path(tmp) / "write.db"
        for label, size in (("SQLite, 1 article per transaction", 1), (f"SQLite, {batch} per transaction", batch)):
            for stale in path.parent.glob("write.db*"):
                stale.unlink()
            n = min(articles, 2_000) if size == 1 else articles
            got = measure(f"sqlite:///{path}", n, size, path)
            results[label] = {**got, "articles": n}
        real = real_extractions(100 if quick else 500)
        for stale in path.parent.glob("write.db*"):
            stale.unlink()
        results[f"SQLite, {batch} per transaction, real extractions"] = {
            **measure(f"sqlite:///{path}", real, batch, path), "articles": len(real)}
        server = _postgres()
        if server is not None:
            try:
                for size in (1, batch):
                    name = server.create_database()
                    n = min(articles, 2_000) if size == 1 else articles
                    got = measure(server.url(name), n, size)
                    results[f"PostgreSQL, {size} per transaction"] = {**got, "articles": n}
                    server.drop_database(name)
                name = server.create_database()
                results[f"PostgreSQL, {batch} per transaction, real extractions"] = {
                    **measure(server.url(name), real, batch), "articles": len(real)}
                server.drop_database(name)
            finally:
                server.stop()
    for label, got in results.items():
        n = got["articles"]
        cpu = got["cpu"] + got["server_cpu"]
        rows.append({"name": f"write: {label}", "value": round(n / got["seconds"], 1), "unit": "articles/s",
                     "note": f"wall clock, {load}; {n:,} generated articles in {got['seconds']:.1f}s"})
        rows.append({"name": f"write: {label}, per CPU-second", "value": round(n / cpu, 1),
                     "unit": "articles/CPU-s",
                     "note": f"writer {got['cpu']:.1f} CPU-s + database server {got['server_cpu']:.1f} CPU-s; "
                             f"{got['rows'] / n:.1f} rows and {got['bytes'] / n / 1024:.2f} KiB per article"})
    best = (results.get(f"PostgreSQL, {batch} per transaction, real extractions")
            or results[f"SQLite, {batch} per transaction, real extractions"])
    n = best["articles"]
    # CPU, not wall clock: on a machine shared with other work the writer mostly waits for a core.
    # The writer process and the database server use different cores, so the slower one sets the pace.
    # write_extractions hashes each text as the dedup stage does (content id, MinHash), so that
    # is in write_s already; dedup_s says how much of it.
    write_s = max(best["cpu"], best["server_cpu"]) / n
    dedup_s = dedup_seconds(real)
    writer_s = write_s
    ceiling = EXTRACT_CPU_S / writer_s
    for workers in (2, 8, 32, 64):
        hours = max(1e6 * EXTRACT_CPU_S / workers, 1e6 * writer_s) / 3600
        rows.append({"name": f"projection: 1M articles, {workers} workers", "value": round(hours, 2),
                     "unit": "hours", "note": f"max(extract {EXTRACT_CPU_S * 1e3:.0f} ms/article / {workers}, "
                                              f"writer {writer_s * 1e3:.2f} ms/article: hash, resolve and write "
                                              f"real extractions on PostgreSQL, of which dedup hashing "
                                              f"{dedup_s * 1e3:.2f}); worker RAM "
                                              f"{workers} x {WORKER_MB} MB"})
    rows.append({"name": "projection: workers one writer keeps busy", "value": round(ceiling, 1),
                 "unit": "workers", "note": "extraction CPU-s per article / writer seconds per article"})
    real_bytes = best["bytes"] / n
    rows.append({"name": "projection: database size, 1M articles", "value": round(real_bytes * 1e6 / 2**30, 1),
                 "unit": "GB", "note": f"{real_bytes / 1024:.1f} KiB and {best['rows'] / n:.0f} rows per real "
                                       f"article (measured above); bench/build.py's SQLite figure: "
                                       f"{REAL_BYTES / 1024:.1f} KiB"})
    large = results.get(f"PostgreSQL, {batch} per transaction") or results[f"SQLite, {batch} per transaction"]
    growth = large["rss_growth_mb"] / large["articles"] * 1e6 / 1024
    rows.append({"name": "projection: writer memory, 1M articles", "value": round(growth, 1), "unit": "GB",
                 "note": "the resolution index grows with the graph (the build also keeps MinHash "
                         f"signatures, 512 B each); from the writer's RSS growth over {large['articles']:,} "
                         "generated articles"})
    return rows
