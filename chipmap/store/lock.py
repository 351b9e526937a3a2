"""One build per database at a time: a lock that dies with the process holding it.

Two builds writing one graph would each resolve against their own in-memory index
and could give one new name two entities, so a build takes this lock before it
opens the database and holds it to the end. It is released by the operating
system or the server when the holder dies, so a build killed with SIGKILL never
leaves a stale lock behind (the crash test re-runs killed builds at once):

- **SQLite**: an exclusive ``flock`` on ``<database>.lock`` beside the file; the
  holder writes who it is (host, pid, command, start time) into the file.
- **PostgreSQL**: a session-level advisory lock held on a connection of its own,
  whose ``application_name`` says who holds it; a second build reads the holder
  from ``pg_stat_activity``. If the server restarts mid-build the lock goes with
  the connection: the writer calls ``ensure()`` before it retries a transaction,
  which takes the lock again, or stops the build if someone else took it.
- In-memory SQLite needs no lock (no other process can open it).

A second build either waits (``wait`` seconds) or raises ``BuildLocked`` naming
the holder; the CLI turns that into exit code 2.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import socket
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from chipmap.errors import StoreError
from chipmap.store.db import database_url, safe_url, sqlite_path

logger = logging.getLogger(__name__)

#: The advisory lock key chipmap builds take on PostgreSQL (any constant; "chipmap" in ASCII, truncated).
ADVISORY_KEY = 0x63686970_6D6170
APP_PREFIX = "chipmap build"


class BuildLocked(StoreError):
    """Another build holds the database; names it."""

    def __init__(self, url: str, holder: str) -> None:
        self.url = url
        self.holder = holder
        super().__init__(f"another chipmap build is writing {url}: {holder}. Wait for it to finish "
                         "(or pass --wait SECONDS), then run this build again.")


def holder_label() -> str:
    """Who this process is, as the lock records it."""
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"pid {os.getpid()} on {socket.gethostname()} since {started} ({' '.join(sys.argv[:3])[:120]})"


class BuildLock:
    """Exclusive right to write one graph database; use as a context manager."""

    def __init__(self, db: str | Path, *, wait: float = 0.0, poll: float = 0.5) -> None:
        self.url = database_url(db)
        self.shown = safe_url(self.url)
        self.wait = wait
        self.poll = poll
        self.label = holder_label()
        self._file: IO[str] | None = None
        self._engine: Engine | None = None
        self._conn: Connection | None = None

    # -- taking and giving back ---------------------------------------------------------------

    def acquire(self) -> BuildLock:
        """Take the lock, waiting up to ``wait`` seconds; raises ``BuildLocked`` naming the holder."""
        deadline = time.monotonic() + self.wait
        while True:
            holder = self._try()
            if holder is None:
                logger.debug("build lock on %s taken", self.shown)
                return self
            if time.monotonic() >= deadline:
                self.release()
                raise BuildLocked(self.shown, holder)
            time.sleep(self.poll)

    def release(self) -> None:
        """Give the lock back (also done by the OS or server if this process dies)."""
        if self._file is not None:
            try:
                self._file.truncate(0)
                fcntl.flock(self._file, fcntl.LOCK_UN)
            finally:
                self._file.close()
                self._file = None
        if self._conn is not None:
            try:
                self._conn.exec_driver_sql(f"SELECT pg_advisory_unlock({ADVISORY_KEY})")
            except DBAPIError:
                pass  # the connection is gone, and the lock with it
            finally:
                self._conn.close()
                self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def ensure(self) -> None:
        """After a lost database connection: hold the lock again, or raise ``BuildLocked``.

        Only PostgreSQL can lose it (an SQLite flock lives as long as this process).
        """
        if self._engine is None:
            return
        if self._conn is not None:
            try:
                held = self._conn.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    "AND granted")).scalar_one()
                if held:
                    return
            except DBAPIError:
                pass
            with contextlib.suppress(DBAPIError):
                self._conn.close()
            self._conn = None
        holder = self._try_postgres(wrap=False)  # a connection error propagates: the caller retries
        if holder is not None:
            raise BuildLocked(self.shown, f"{holder} (taken while this build's connection was lost)")

    def __enter__(self) -> BuildLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    # -- per backend ---------------------------------------------------------------------------

    def _try(self) -> str | None:
        """None when taken, else who holds it."""
        if self.url.startswith("sqlite"):
            path = sqlite_path(self.url)
            return None if path is None else self._try_file(path.with_name(path.name + ".lock"))
        if self.url.startswith("postgresql"):
            return self._try_postgres()
        return None  # other databases: no lock (chipmap supports SQLite and PostgreSQL)

    def _try_file(self, path: Path) -> str | None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "a process that has not said who it is yet"
            handle.close()
            return holder
        handle.seek(0)
        handle.truncate(0)
        handle.write(self.label + "\n")
        handle.flush()
        self._file = handle
        return None

    def _try_postgres(self, *, wrap: bool = True) -> str | None:
        if self._engine is None:
            name = f"{APP_PREFIX} pid {os.getpid()}@{socket.gethostname()}"[:63]
            self._engine = create_engine(self.url, pool_size=1, max_overflow=0,
                                         connect_args={"application_name": name})
        try:
            conn = self._engine.connect()
        except DBAPIError as exc:
            if not wrap:
                raise
            raise StoreError(f"cannot open database {self.shown}: {exc.orig}. Check --db or CHIPMAP_DB.") from exc
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        taken = conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({ADVISORY_KEY})").scalar_one()
        if taken:
            self._conn = conn
            return None
        row: Any = conn.execute(text(
            "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.objid::bigint = :low AND l.classid::bigint = :high LIMIT 1"),
            {"low": ADVISORY_KEY & 0xFFFFFFFF, "high": ADVISORY_KEY >> 32}).first()
        conn.close()
        if row is None:
            return "a build that has just finished"
        since = row.backend_start.strftime("%Y-%m-%dT%H:%M:%S%z") if row.backend_start else "?"
        return f"{row.application_name or 'a client'} from {row.client_addr or 'a local socket'} since {since}"


def build_lock(db: str | Path, *, wait: float = 0.0) -> BuildLock:
    """The lock a build holds on ``db`` (not yet taken: use ``with``)."""
    return BuildLock(db, wait=wait)
