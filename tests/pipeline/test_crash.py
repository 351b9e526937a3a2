"""A build killed with SIGKILL at any moment, then re-run, ends exactly like an uninterrupted build.

A real ``chipmap build`` subprocess is killed at several points — while the
schema and atlas are being written, then after 2, 5 and 8 articles — and the
build is re-run after each kill. The final database is compared row for row
(sorted dumps of every table) with a clean build of the same input.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from chipmap.ingest.files import read_article
from chipmap.pipeline import build
from tests.store.dumps import dump

from .conftest import corpus_files

KILL_POINTS = (0, 2, 5, 8)  # articles stored when the kill comes (0: during schema and atlas seeding)


def _stored(db: Path) -> int:
    """Articles committed so far, or -1 before the schema exists."""
    if not db.exists():
        return -1
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return -1


def _env() -> dict[str, str]:
    """The environment without the caller's chipmap settings, writing 3 articles per transaction
    (so kills land between batches and inside them, and a killed batch is rolled back whole)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
    env["CHIPMAP_WRITE_BATCH"] = "3"
    return env


def _build_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "chipmap", "build", str(corpus), "--db", str(db), "--json"]


def _kill_when(corpus: Path, db: Path, stored: int) -> int | None:
    """Start a build and SIGKILL it once ``stored`` articles are in; its exit code if it ended first."""
    process = subprocess.Popen(_build_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=_env())
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _stored(db) >= stored:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _corpus(root: Path) -> Path:
    folder = root / "corpus"
    folder.mkdir()
    for path in corpus_files(10, start=10):
        (folder / path.name).write_bytes(path.read_bytes())
    first = read_article(corpus_files(1, start=10)[0])
    (folder / "zz-copy.txt").write_text(first.text, encoding="utf-8")  # exact duplicate, recorded as a source
    sentences = first.text.split(". ")
    (folder / "zz-reprint.txt").write_text(". ".join([*sentences[:-1], "The report was updated on Friday."]),
                                           encoding="utf-8")  # near duplicate
    return folder


@pytest.mark.slow
def test_killed_build_reruns_to_the_same_database(tmp_path: Path, extractor: Any) -> None:
    corpus = _corpus(tmp_path)
    clean = tmp_path / "clean.db"
    summary = build([corpus], db=clean, extractor=extractor)
    assert (summary.added, summary.duplicates, summary.exit_code) == (10, 2, 0)
    crashed = tmp_path / "crashed.db"
    codes = [_kill_when(corpus, crashed, stored) for stored in KILL_POINTS]
    assert codes.count(-signal.SIGKILL) >= 3, codes  # the kills really interrupted running builds
    rerun = subprocess.run(_build_command(corpus, crashed), capture_output=True, text=True, env=_env(), timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["added"] < 10
    assert dump(str(crashed)) == dump(str(clean))
