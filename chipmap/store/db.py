"""Opening the graph database: URL rules, SQLite settings, migrations on open.

``--db``/``CHIPMAP_DB`` takes an SQLAlchemy URL or a bare path; a bare path is
an SQLite file. ``postgresql://`` and ``postgres://`` URLs are routed to
psycopg 3. Opening always brings the schema up to date with Alembic, so a
database made by an older chipmap is migrated in place.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit survives the
process being killed (only an OS crash can lose the last commits, never
consistency), readers do not block the writer, and commits are cheap enough
for one transaction per article.

The sqlite3 module's own transaction handling runs DDL outside any transaction
(it only opens one before INSERT/UPDATE/DELETE), so a build killed during a
migration would leave half a schema. chipmap therefore turns that handling off
and issues ``BEGIN`` itself — ``BEGIN IMMEDIATE`` for writes, so a second
writer waits for the lock instead of failing half-way (SQLAlchemy's documented
recipe: "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from chipmap.errors import MissingDatabase, StoreError

logger = logging.getLogger(__name__)

T = TypeVar("T")
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(db: str | Path) -> str:
    """The SQLAlchemy URL for ``db``: a URL as given, a path as an SQLite file URL."""
    value = str(db)
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


#: Execution option that marks a connection as the writer's (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "chipmap_write"


#: SQLite page cache of a writing transaction (KiB, as ``PRAGMA cache_size`` takes it when negative)
#: and of a reading one. A build rewrites the same hot pages (popular relations, search segments)
#: article after article, and a 64 MB cache cuts its write time by about a third (bench/build.py);
#: a reader scans each page once per graph version, so the cache only holds memory: a server
#: keeps several pooled connections per worker, and on a 100k-article graph each one's 64 MB
#: cache filled (bench/memory.py).
WRITE_CACHE_KIB = 65536
READ_CACHE_KIB = 2048


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION)
    cache = WRITE_CACHE_KIB if immediate else READ_CACHE_KIB
    if connection.info.get("cache_kib") != cache:  # info lives with the DBAPI connection
        connection.exec_driver_sql(f"PRAGMA cache_size=-{cache}")
        connection.info["cache_kib"] = cache
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # no implicit transactions: see the module docstring
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # A checkpoint every ~40 MB of WAL instead of ~4 MB: with the writer's 64 MB page
        # cache (``_sqlite_begin``) it cuts a build's write time by about a third
        # (bench/build.py). The WAL is folded back on close.
        cursor.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
        cursor.execute("PRAGMA wal_autocheckpoint=10000")
    finally:
        cursor.close()


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for chipmap's migrations, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class Database:
    """An open graph database: its engine and dialect. Close it (or use ``with``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a transaction, committed on success, rolled back on error.

        Errors that mean the database itself is unusable (disk full, server gone,
        locked) become ``StoreError``; others pass through unchanged.
        """
        try:
            with self.engine.connect() as connection, connection.execution_options(
                    **{WRITE_OPTION: True}).begin():
                yield connection
        except OperationalError as exc:
            raise StoreError(f"database {self.url} failed: {exc.orig}") from exc

    def transact(self, work: Callable[[Connection], T], *, retry_seconds: float = 0.0,
                 on_retry: Callable[[], None] | None = None) -> T:
        """Run ``work`` in one transaction; if the connection is lost (the server restarted,
        the network dropped) roll back and run it again from the start, for up to
        ``retry_seconds``, so a write is either done once or not at all.

        ``work`` must be a function of what it is given (it is re-run whole); ``on_retry`` is
        called before each new attempt (a build re-takes its lock there). Errors that are not
        a lost connection, and the last one after the deadline, raise as from ``begin``.
        """
        deadline = time.monotonic() + retry_seconds
        delay = 0.1
        retrying = False
        while True:
            try:
                if retrying and on_retry is not None:
                    on_retry()  # may itself find the server still away: then it is one more lost attempt
                with self.engine.connect() as connection, connection.execution_options(
                        **{WRITE_OPTION: True}).begin():
                    return work(connection)
            except DBAPIError as exc:
                lost = exc.connection_invalidated or _is_disconnect(exc)
                if not lost or time.monotonic() >= deadline:
                    if isinstance(exc, OperationalError):
                        raise StoreError(f"database {self.url} failed: {exc.orig}") from exc
                    raise
                logger.warning("database %s connection lost (%s); retrying the transaction in %.1fs",
                               self.url, exc.orig, delay)
            time.sleep(delay + random.uniform(0, delay / 2))
            delay = min(delay * 2, 2.0)
            retrying = True

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_disconnect(exc: DBAPIError) -> bool:
    """True for errors that mean "no server here right now" (connection refused while it restarts,
    an administrator shutdown), which SQLAlchemy does not always flag as a disconnect."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig).lower()
    return any(words in text for words in (
        "connection refused", "server closed the connection", "terminating connection",
        "the database system is starting up", "the database system is shutting down",
        "connection is closed", "consuming input failed", "could not receive data", "no connection to the server",
        "connection failed", "the connection is lost"))


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _has_graph(database: Database) -> bool:
    from sqlalchemy import inspect

    try:
        with database.connect() as connection:
            return inspect(connection).has_table("alembic_version")
    except DBAPIError as exc:
        raise StoreError(f"cannot open database {database.url}: {exc.orig}. Check --db or CHIPMAP_DB.") from exc


def open_database(db: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Open the database named by ``db``, migrating it to the current schema.

    With ``create`` (builds), a missing SQLite file or an empty database gets the
    schema. Without it (every read), a database that holds no chipmap graph is an
    error that says how to build one, and nothing is created.
    """
    url = database_url(db)
    shown = safe_url(url)
    path = sqlite_path(url)
    if not create and path is not None and not path.is_file():
        raise MissingDatabase(shown)
    try:
        if path is None and url.startswith("sqlite"):  # in memory: one connection shared by all threads
            engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {shown!r}: {exc}. Give a path or a URL such as "
                         "postgresql+psycopg://user@host/db (--db or CHIPMAP_DB).") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    database = Database(engine)
    if not create and not _has_graph(database):
        database.close()
        raise MissingDatabase(shown)
    if migrate:
        try:
            with database.begin() as connection:
                command.upgrade(alembic_config(connection), "head")
        except DBAPIError as exc:
            database.close()
            raise StoreError(f"cannot open database {shown}: {exc.orig}. Check --db or CHIPMAP_DB.") from exc
        except Exception:
            database.close()
            raise
    logger.debug("opened %s", shown)
    return database
