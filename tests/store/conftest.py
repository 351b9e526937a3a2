"""Storage fixtures: every test runs on SQLite and on a real PostgreSQL the suite starts itself.

PostgreSQL 15 comes from Debian (``make test`` installs it). Each pytest-xdist
worker starts its own server (initdb + pg_ctl as the ``postgres`` user when
running as root) on a free loopback port, with its data and socket in a temp
dir, and stops it when the session ends; each test gets a fresh database.
Without the binaries the PostgreSQL half is skipped locally and fails in CI.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from chipmap.atlas import Atlas
from chipmap.ingest.dedup import content_id, signature
from chipmap.records import Article, ArticleExtraction
from chipmap.resolve import EntityIndex, resolve_article
from chipmap.store import Database, SourceEntry, article_rows, open_database, write_article

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
INGESTED = dt.date(2024, 1, 1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A throwaway PostgreSQL cluster owned by this test session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="chipmap-pg-"))
        self.data = self.root / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.root, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = 0
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C")
        for _attempt in range(5):
            self.port = _free_port()
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off " \
                      "-c synchronous_commit=off -c full_page_writes=off"
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                          "-l", str(self.root / "log"), "-w", "start")
                return
            except subprocess.CalledProcessError:
                continue
        raise RuntimeError(f"PostgreSQL did not start; see {self.root / 'log'}")

    def restart(self) -> None:
        """Stop the server (closing every connection) and start it again with the same options."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-l", str(self.root / "log"), "-w", "restart")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _admin(self, sql: str) -> None:
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if not PG_BINS:
        message = "PostgreSQL binaries not found under /usr/lib/postgresql (make test installs them)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(PG_BINS[0].parent)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    yield from empty_database(request, sqlite=tmp_path / "graph.db" if request.param == "sqlite" else None)


def empty_database(request: pytest.FixtureRequest, *, sqlite: Path | None) -> Iterator[str]:
    """The URL of an empty database: the SQLite file ``sqlite``, else a new database on the
    suite's PostgreSQL server, dropped when the test ends."""
    if sqlite is not None:
        yield f"sqlite:///{sqlite}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database shared by the tests of one module (for tests that only read)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('graph') / 'graph.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture()
def database(db_url: str) -> Iterator[Database]:
    with open_database(db_url) as db:
        yield db


class Writer:
    """Writes hand-made extractions the way a build does: resolve, commit, then update the index."""

    def __init__(self, db: Database, atlas: Atlas | None = None) -> None:
        self.db = db
        self.atlas = atlas
        self.index = EntityIndex()

    def put(self, text: str, extraction: ArticleExtraction, *, title: str = "", published: dt.date | None = None,
            url: str | None = None, source: str | None = None) -> str:
        article_id = content_id(text)
        article = Article(id=article_id, text=text, title=title, published=published, url=url,
                          source=source or f"mem/{article_id}.txt")
        resolution = resolve_article(extraction, self.index, atlas=self.atlas)
        rows = article_rows(article, extraction, resolution, ingested=INGESTED, extractor_version="test",
                            sources=[SourceEntry(article.source or article_id, url)], external_id=extraction.id,
                            signature=signature(text))
        write_article(self.db, rows).apply_to(self.index)
        return article_id
