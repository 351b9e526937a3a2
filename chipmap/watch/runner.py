"""Rounds of watching: poll each source politely, read only unseen entries, build them, diff the graph.

A round (``watch_round``):

1. loads the watcher's state from the database (validators, seen entries, back-off);
2. polls every source that is not backing off — a conditional GET for URLs, a
   content hash for files; a 304 or an identical body ends there;
3. reads what changed: a feed's entries not seen before (fetching the page of a
   teaser, as ``chipmap build`` does), or a page's article;
4. adds those articles through the normal build (``chipmap.pipeline.build``:
   incremental and idempotent, so an article seen twice is stored once);
5. diffs the graph before and after into a ``Digest`` and saves the state.

``watch`` repeats rounds every ``every``; ``--once`` (cron) runs one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import feedparser
import httpx

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.service import Analyst
from chipmap.config import Settings
from chipmap.errors import ConfigError, InputError, NotFound
from chipmap.graph_records import Snapshot
from chipmap.ingest.decode import decode_bytes
from chipmap.ingest.feeds import entry_article, is_feed, make_client
from chipmap.ingest.files import read_article
from chipmap.ingest.html import extract_page
from chipmap.records import Article
from chipmap.report.projects import ProjectRow, projects_of
from chipmap.store import Graph, open_database, open_graph
from chipmap.watch.digest import Digest, SourceReport, diff
from chipmap.watch.poll import Poll, poll_file, poll_url
from chipmap.watch.state import SourceState, WatchState, load_state, save_state

if TYPE_CHECKING:
    from chipmap.extract import Extractor

logger = logging.getLogger(__name__)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
#: Shortest interval between rounds: a watcher that hammers a news site is not polite.
MIN_EVERY = dt.timedelta(seconds=60)


def parse_duration(text: str) -> dt.timedelta:
    """``90s``, ``15m``, ``1h``, ``1d`` (a bare number is seconds)."""
    match = _DURATION.match(text)
    if not match:
        raise ConfigError(f"duration {text!r} is not a number with s, m, h or d (e.g. 30m)")
    return dt.timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def entry_key(entry: Any, index: int) -> str:
    """What identifies a feed entry across rounds: its id, else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or f"#{index}")


def _read_changed(location: str, poll: Poll, state: SourceState, *, client: httpx.Client,
                  max_bytes: int) -> tuple[list[Article | InputError], list[str]]:
    """The unseen articles of a changed source, and the entry keys to remember."""
    if is_feed(poll.content):
        parsed = feedparser.parse(poll.content)
        seen = set(state.seen)
        found: list[Article | InputError] = []
        keys: list[str] = []
        for index, entry in enumerate(parsed.entries, start=1):
            key = entry_key(entry, index)
            if key in seen:
                continue
            keys.append(key)
            try:
                found.append(entry_article(entry, feed=location, index=index, client=client, max_bytes=max_bytes))
            except InputError as exc:
                found.append(exc)
        return found, keys
    try:
        if location.startswith(("http://", "https://")):
            page = extract_page(decode_bytes(poll.content, source=location), source=location, url=poll.url)
            article = Article(id=poll.url, text=page.text, title=page.title, published=page.published,
                              url=page.url or poll.url, source=location)
        else:
            article = read_article(Path(location), max_bytes=max_bytes)
    except InputError as exc:
        return [exc], []
    return [article], []


def _cluster_ids(graph: Graph, names: Sequence[str]) -> list[str]:
    analyst = Analyst(graph)
    return [analyst.resolve_cluster(name).id for name in names]


def _projects(graph: Graph, clusters: Sequence[str]) -> dict[str, list[ProjectRow]]:
    analyst = Analyst(graph)
    found = {c: projects_of(analyst, c) for c in clusters}
    return {c: rows for c, rows in found.items() if rows is not None}


@contextmanager
def _graph(db: str) -> Iterator[Graph]:
    graph = open_graph(db)
    try:
        yield graph
    finally:
        graph.close()


def save_clusters(db: str, names: Sequence[str], *, settings: Settings) -> list[str]:
    """Add clusters to the watched list stored in ``db`` (names resolved to ids); the whole list.

    A new database gets the atlas first, so its places can be watched before any news is in.
    """
    from chipmap.atlas import default_atlas
    from chipmap.store import seed_atlas

    with open_database(db) as database:
        seed_atlas(database, default_atlas(settings.atlas_overlay))
    with _graph(db) as graph:
        ids = _cluster_ids(graph, names)
    with open_database(db) as database:
        state = load_state(database)
        state.clusters.extend(i for i in ids if i not in state.clusters)
        save_state(database, state)
        return list(state.clusters)


def forget_clusters(db: str, names: Sequence[str]) -> list[str]:
    """Remove clusters (by name or id) from the watched list; the list left."""
    with _graph(db) as graph:
        ids = set()
        for name in names:
            try:
                ids.add(Analyst(graph).resolve_cluster(name).id)
            except NotFound:
                ids.add(name)
    with open_database(db) as database:
        state = load_state(database)
        state.clusters = [c for c in state.clusters if c not in ids]
        save_state(database, state)
        return list(state.clusters)


def watched_locations(sources: Sequence[str]) -> list[str]:
    """Each source a round polls: URLs as given; folders and globs as the article files and
    feeds they hold now (a folder a scraper drops files into is watched file by file); a
    path that does not exist stays, so that the round reports it."""
    from chipmap.ingest import expand

    out: list[str] = []
    for location in sources:
        if location.startswith(("http://", "https://")):
            out.append(location)
            continue
        found, _missing = expand([location])
        out.extend([s.location for s in found] or [location])
    return out


def watch_round(sources: Sequence[str], *, db: str, settings: Settings,
                client: httpx.Client | None = None,
                extractor: Extractor | Callable[[], Extractor] | None = None,
                now: dt.datetime | None = None) -> Digest:
    """One round over ``sources`` into ``db``; the digest of what it added.

    ``extractor`` is an Extractor, or a function that makes one, called only when the
    round has articles to read (an unchanged round never loads spaCy).
    """
    now = now or _now()
    with open_database(db) as database:
        state = load_state(database)
    own_client = client is None
    http = client or make_client(settings)
    reports: list[SourceReport] = []
    articles: list[Article | InputError] = []
    remember: dict[str, tuple[Poll, list[str]]] = {}
    try:
        for location in dict.fromkeys(watched_locations(sources)):
            source = state.source(location)
            if not source.due(now):
                reports.append(SourceReport(location, "waiting", error=source.last_error, next_try=source.next_try))
                continue
            if location.startswith(("http://", "https://")):
                poll = poll_url(location, source, client=http, max_bytes=settings.http_max_bytes, now=now)
            else:
                poll = poll_file(Path(location), source, max_bytes=settings.http_max_bytes)
            if poll.status == "error":
                source.failed(poll.error, now, poll.retry_after)
                logger.warning("watch: %s failed (%s); next try after %s", location, poll.error, source.next_try)
                reports.append(SourceReport(location, "error", poll.http_status, error=poll.error,
                                            next_try=source.next_try))
                continue
            new: list[Article | InputError] = []
            keys: list[str] = []
            if poll.status == "changed":
                new, keys = _read_changed(location, poll, source, client=http,
                                          max_bytes=settings.http_max_bytes)
            articles.extend(new)
            remember[location] = (poll, keys)
            reports.append(SourceReport(location, poll.status, poll.http_status,
                                        sum(isinstance(a, Article) for a in new)))
    finally:
        if own_client:
            http.close()

    digest: Digest
    if any(isinstance(a, Article) for a in articles):
        digest = _build_and_diff(articles, db=db, settings=settings, extractor=extractor, state=state,
                                 round_number=state.rounds + 1, at=now.isoformat())
    else:
        digest = Digest(round=state.rounds + 1, at=now.isoformat())
        digest.errors = [str(a) for a in articles if isinstance(a, InputError)]
    digest.sources = reports
    for location, (poll, keys) in remember.items():
        source = state.source(location)
        source.etag, source.last_modified, source.content_hash = poll.etag, poll.last_modified, poll.content_hash
        source.remember(keys)
        source.succeeded(poll.status)
    with open_database(db) as database:
        fresh = load_state(database)  # clusters saved by another command meanwhile stay saved
        state.clusters = list(dict.fromkeys([*state.clusters, *fresh.clusters]))
        state.rounds += 1
        save_state(database, state)
    return digest


def _build_and_diff(articles: list[Article | InputError], *, db: str, settings: Settings,
                    extractor: Extractor | Callable[[], Extractor] | None, state: WatchState,
                    round_number: int, at: str) -> Digest:
    from chipmap.pipeline import build

    loaded = extractor() if callable(extractor) else extractor

    with _graph(db) as graph:
        before: Snapshot = graph.snapshot()
        projects_before = _projects(graph, state.clusters)
    summary = build([], db=db, settings=settings, extractor=loaded, articles=articles)
    with _graph(db) as graph:
        after = GraphIndex.build(graph.snapshot())
        projects_after = _projects(graph, state.clusters)
        changes = {c: (projects_before.get(c, []), rows) for c, rows in projects_after.items()}
        digest = diff(before, after, graph, round_number=round_number, at=at, clusters=state.clusters,
                      projects=changes)
    digest.errors = [str(e) for e in summary.errors]
    return digest


def watch(sources: Sequence[str], *, db: str, every: dt.timedelta, rounds: int | None = None,
          settings: Settings, on_digest: Callable[[Digest], None] = lambda _d: None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Rounds every ``every`` (``rounds`` of them, or until interrupted); how many ran.

    One extractor is loaded for all rounds, on the first round that has something to read.
    """
    if every < MIN_EVERY:
        raise ConfigError(f"--every {every} is shorter than {MIN_EVERY}: be kind to the sources")
    holder: dict[str, Extractor] = {}

    def extractor() -> Extractor:
        if "x" not in holder:
            from chipmap.atlas import default_atlas
            from chipmap.extract import Extractor

            holder["x"] = Extractor(model=settings.model, atlas=default_atlas(settings.atlas_overlay))
        return holder["x"]

    done = 0
    with make_client(settings) as client:
        while rounds is None or done < rounds:
            started = time.monotonic()
            on_digest(watch_round(sources, db=db, settings=settings, client=client, extractor=extractor))
            done += 1
            if rounds is not None and done >= rounds:
                break
            sleep(max(0.0, every.total_seconds() - (time.monotonic() - started)))
    return done
