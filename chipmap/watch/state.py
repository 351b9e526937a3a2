"""What the watcher remembers between rounds, per source and overall, kept in the database's meta table.

Per source: the validators of its last response (``ETag``, ``Last-Modified``) for a
conditional GET, the feed entries already seen (so a round fetches no page twice),
and its failures, which push its next try back exponentially. Overall: the
clusters the user watches and the number of the last round. One JSON value under
the key ``watch``, so the state follows the database (SQLite or PostgreSQL) and
needs no schema change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from chipmap.store import Database
from chipmap.store.meta import read_meta, write_meta

META_KEY = "watch"
#: Entry keys remembered per feed; older ones fall off (a feed rarely lists more than a few hundred).
SEEN_LIMIT = 2000
#: Back-off after failures: BASE · 2^(failures − 1), at most CAP.
BACKOFF_BASE = dt.timedelta(minutes=5)
BACKOFF_CAP = dt.timedelta(days=1)


@dataclass
class SourceState:
    """One watched feed or page."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None  # for local files and servers that send no validator
    seen: list[str] = field(default_factory=list)
    failures: int = 0
    next_try: str | None = None  # ISO datetime (UTC) before which the source is left alone
    last_status: str = ""
    last_error: str = ""

    def due(self, now: dt.datetime) -> bool:
        """False while the source is backing off after a failure."""
        return self.next_try is None or dt.datetime.fromisoformat(self.next_try) <= now

    def failed(self, reason: str, now: dt.datetime, retry_after: dt.timedelta | None = None) -> None:
        """Count a failure and schedule the next try (the server's Retry-After when it sent one)."""
        self.failures += 1
        delay = min(BACKOFF_BASE * 2 ** (self.failures - 1), BACKOFF_CAP)
        if retry_after is not None:
            delay = max(delay, min(retry_after, BACKOFF_CAP))
        self.next_try = (now + delay).isoformat()
        self.last_status, self.last_error = "error", reason

    def succeeded(self, status: str) -> None:
        """Reset the back-off."""
        self.failures, self.next_try, self.last_status, self.last_error = 0, None, status, ""

    def remember(self, keys: list[str]) -> None:
        """Add entry keys to the seen list, newest last, bounded."""
        known = set(self.seen)
        for key in keys:
            if key not in known:
                known.add(key)
                self.seen.append(key)
        del self.seen[:-SEEN_LIMIT]


@dataclass
class WatchState:
    """Everything the watcher keeps."""

    sources: dict[str, SourceState] = field(default_factory=dict)
    clusters: list[str] = field(default_factory=list)  # cluster ids, in the order they were added
    rounds: int = 0

    def source(self, location: str) -> SourceState:
        """The state of a source, created on first sight."""
        return self.sources.setdefault(location, SourceState())

    def to_json(self) -> str:
        """The state as one JSON text."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> WatchState:
        """The state from its JSON text (empty when there is none)."""
        if not text:
            return cls()
        data: dict[str, Any] = json.loads(text)
        sources = {k: SourceState(**v) for k, v in data.get("sources", {}).items()}
        return cls(sources=sources, clusters=list(data.get("clusters", [])), rounds=int(data.get("rounds", 0)))


def load_state(database: Database) -> WatchState:
    """The watcher's state stored in ``database``."""
    return WatchState.from_json(read_meta(database, META_KEY))


def save_state(database: Database, state: WatchState) -> None:
    """Store the watcher's state in ``database``."""
    write_meta(database, META_KEY, state.to_json())
