"""Build throughput: ``chipmap build`` into SQLite against ``chipmap extract`` alone on the same articles.

Both commands run as subprocesses on the same generated articles (sample
paragraphs recombined, bench/corpus.py; 5,000 of them, 300 with ``--quick``)
with the same settings, so the ratio shows what ingest, deduplication,
resolution and one SQLite transaction per article cost on top of extraction.
Each figure includes its process's start-up and model load (a few seconds,
about 1% of a full run). The ratio is taken on CPU time (user + system, from
``wait4``), which the machine's other load hardly changes; wall-clock figures
are in the notes. Extraction time alone varies by ±20% between runs on a
shared two-core machine, so the two commands run alternately twice and each
keeps its best run (both databases are built from empty). Also measured: the database size per 1,000 articles
(net of the seeded atlas), the peak memory of each command, and a second
build of the same input (which should find everything already stored).
Generated files and databases live under .bench/build (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.corpus import generate, write

OUT = Path(".bench") / "build"


def _run(args: list[str], *, stdout: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one chipmap command."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
    with stdout.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "chipmap", *args], stdout=sink,
                                   stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"chipmap {' '.join(args)} exited with {process.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _atlas_only_size(path: Path) -> int:
    from chipmap.atlas import default_atlas
    from chipmap.store import open_database, seed_atlas

    with open_database(path) as database:
        seed_atlas(database, default_atlas())
    return path.stat().st_size


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def run(quick: bool = False) -> list[dict[str, Any]]:
    count = 300 if quick else 5000
    shutil.rmtree(OUT, ignore_errors=True)
    articles = OUT / "articles"
    texts = generate(count)
    write(articles, texts)
    words = sum(len(t.split()) for t in texts)
    extracts, builds = [], []
    db = OUT / "build.db"
    for _round in range(2):
        extracts.append(_run(["extract", "--format", "jsonl", str(articles)], stdout=OUT / "extract.jsonl"))
        for stale in OUT.glob("build.db*"):
            stale.unlink()
        builds.append(_run(["build", str(articles), "--db", str(db), "--json"], stdout=OUT / "build.json"))
    extract_s, extract_cpu, extract_mb = min(extracts, key=lambda r: r[1])
    build_s, build_cpu, build_mb = min(builds, key=lambda r: r[1])
    summary = json.loads((OUT / "build.json").read_text(encoding="utf-8"))
    again_s, _, _ = _run(["build", str(articles), "--db", str(db), "--json"], stdout=OUT / "rebuild.json")
    again = json.loads((OUT / "rebuild.json").read_text(encoding="utf-8"))
    baseline = _atlas_only_size(OUT / "atlas-only.db")
    size = _size(db)
    stored = summary["added"]
    stages = ", ".join(f"{k} {v:.0f}s" for k, v in summary["stage_seconds"].items())
    note = (f"{count} articles, {words:,} words, one process (n_process=1), SQLite, best of 2 "
            f"(CPU-s {extracts[0][1]:.0f}/{extracts[1][1]:.0f} and {builds[0][1]:.0f}/{builds[1][1]:.0f})")
    return [
        {"name": "chipmap extract", "value": round(count / extract_cpu, 2), "unit": "articles/CPU-s",
         "note": f"{note}; {extract_cpu:.0f} CPU-s, {extract_s:.0f}s wall ({count / extract_s:.1f}/s)"},
        {"name": "chipmap build", "value": round(count / build_cpu, 2), "unit": "articles/CPU-s",
         "note": f"{note}; {build_cpu:.0f} CPU-s, {build_s:.0f}s wall ({count / build_s:.1f}/s); {stored} stored, "
                 f"{summary['duplicates']} duplicates; {stages}"},
        {"name": "build / extract ratio", "value": round(extract_cpu / build_cpu, 3), "unit": "ratio",
         "note": f"target >= 0.85; on CPU time (wall clock: {extract_s / build_s:.3f})"},
        {"name": "rebuild, nothing new", "value": round(count / again_s, 1), "unit": "articles/s",
         "note": f"{again['unchanged']} unchanged, {again['added']} added; {again_s:.1f}s wall"},
        {"name": "database size per 1,000 articles", "value": round((size - baseline) / stored * 1000 / 2**20, 2),
         "unit": "MB", "note": f"{size / 2**20:.1f} MB in all, of which the seeded atlas {baseline / 2**20:.1f} MB"},
        {"name": "build peak memory", "value": round(build_mb, 1), "unit": "MB", "note": "max RSS of chipmap build"},
        {"name": "extract peak memory", "value": round(extract_mb, 1), "unit": "MB",
         "note": "max RSS of chipmap extract (reads every article first)"},
    ]
