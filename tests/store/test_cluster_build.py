"""Builds on a real dask.distributed cluster (a scheduler and two worker processes on 127.0.0.1)
end in exactly the graph of a serial build, on SQLite and on PostgreSQL, also when a worker
is killed in the middle of the build (its articles are computed again on the other)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from chipmap.config import Settings
from chipmap.pipeline import build
from chipmap.store import database_url

from .cluster import DaskCluster, clean_env
from .dumps import dump

CORPUS = Path(__file__).resolve().parents[2] / "chipmap" / "demo" / "corpus"
SOURCES = sorted(CORPUS.glob("[0-9]*.md"))[20:28]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> dict[str, Any]:
    """The dump of a serial SQLite build of the eight articles."""
    db = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'g.db'}"
    summary = build(SOURCES, db=db, extractor=extractor)
    assert (summary.added, summary.exit_code) == (8, 0)
    return dump(db)


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[DaskCluster]:
    started = DaskCluster(2, tmp_path / "dask-logs")
    try:
        yield started
    finally:
        started.close()


def stored(db: str) -> int:
    """Articles committed so far (-1 before the schema exists)."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except SQLAlchemyError:
        return -1
    finally:
        engine.dispose()


def test_build_on_a_dask_cluster_equals_a_serial_build(db_url: str, cluster: DaskCluster,
                                                        reference: dict[str, Any]) -> None:
    summary = build(SOURCES, db=db_url, dask=cluster.address, settings=Settings(batch_size=1, write_batch=3))
    assert (summary.added, summary.failed, summary.exit_code) == (8, 0, 0)
    assert dump(db_url) == reference
    loaded = cluster.plugins_loaded()
    assert len(loaded) == 2 and all(len(names) == 1 for names in loaded.values()), loaded  # once per worker


def test_a_killed_worker_s_articles_are_recomputed(db_url: str, cluster: DaskCluster,
                                                   reference: dict[str, Any]) -> None:
    env = {**clean_env(), "CHIPMAP_BATCH_SIZE": "1", "CHIPMAP_WRITE_BATCH": "1"}
    command = [sys.executable, "-m", "chipmap", "build", *map(str, SOURCES), "--db", db_url,
               "--dask", cluster.address, "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline and stored(db_url) < 2:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before a worker could be killed"
    cluster.kill_worker(0)  # both workers hold tasks: the window is twice the worker threads plus two
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    summary = json.loads(out)
    assert (summary["added"], summary["failed"]) == (8, 0)
    assert cluster.workers[0].returncode == -9
    assert dump(db_url) == reference
