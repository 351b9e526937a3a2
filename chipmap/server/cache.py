"""Answers cached per graph version, with ETags: a repeated question costs a dictionary look-up.

Every answer of the API and the dashboard is a function of the request and the graph,
and the graph changes only when a build, a removal or a re-seed commits; each of those
gives the graph a new version stamp (``meta.graph_version``, chipmap.store.writer).
This ASGI middleware, per server worker process:

- looks at the stamp at most every ``check_seconds`` (one indexed read); when it has
  changed, it drops its cached answers and tells the Analyst to re-read the graph, so
  every worker of a multi-process server follows a build on its own;
- answers ``GET``/``HEAD`` requests it has seen under this version from memory (an
  LRU of ``max_entries`` successful answers per worker, bodies under 4 MB);
- tags every answer with ``ETag: "<version>-<request hash>"`` and ``Cache-Control:
  no-cache`` (clients may keep it but must ask again); a request whose ``If-None-Match``
  holds the current tag gets ``304 Not Modified`` with no body.

Static files (``/static``) keep Starlette's own ETags; writes (``POST``) pass through and make
the next request read the stamp again, so a reviewer sees the verdict they just gave.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

MAX_BODY = 4 * 2**20
_PASS = ("/static",)


@dataclass
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class VersionWatch:
    """The graph's current version stamp, read at most every ``check_seconds``."""

    read: Callable[[], str]
    check_seconds: float = 2.0
    on_change: Callable[[], None] | None = None
    current: str | None = None
    _checked: float = field(default=float("-inf"))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def version(self) -> str:
        now = time.monotonic()
        if self.current is not None and now - self._checked < self.check_seconds:
            return self.current
        with self._lock:
            if self.current is None or now - self._checked >= self.check_seconds:
                seen = self.read()
                if self.current is not None and seen != self.current and self.on_change is not None:
                    logger.info("graph changed (version %s -> %s): re-reading it", self.current, seen)
                    self.on_change()
                self.current, self._checked = seen, now
        return self.current

    def expire(self) -> None:
        """Read the stamp on the next question: this worker has just written to the graph."""
        with self._lock:
            self._checked = float("-inf")


class AnswerCache:
    """ASGI middleware: cached answers and ETags per graph version (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, watch: Callable[[], VersionWatch | None], max_entries: int = 2048) -> None:
        self.app = app
        self.watch = watch
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, str, bytes], _Entry] = OrderedDict()
        self._version = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        watch = self.watch() if scope["type"] == "http" else None
        path: str = scope.get("path", "")
        if watch is None or path.startswith(_PASS):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            try:
                await self.app(scope, receive, send)
            finally:
                watch.expire()  # a write here is seen by the next read here, not 2 s later
            return
        version = watch.version()
        if version != self._version:
            self._entries.clear()
            self._version = version
        query: bytes = scope.get("query_string", b"")
        key = (scope["method"], path, query)
        digest = hashlib.blake2s(path.encode() + b"?" + query, digest_size=6).hexdigest()
        etag = f'"{version[:12] or "0"}-{digest}"'.encode()
        headers = dict(scope.get("headers", ()))
        if etag in _tags(headers.get(b"if-none-match", b"")):
            await _send(send, 304, [(b"etag", etag), (b"cache-control", b"no-cache")], b"")
            return
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            await _send(send, entry.status, entry.headers, entry.body)
            return
        await self._fill(scope, receive, send, key, etag)

    async def _fill(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, str, bytes],
                    etag: bytes) -> None:
        start: dict[str, Any] = {}
        parts: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
                if message["status"] == 200:
                    headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in (b"etag",)]
                    headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
                    message = {**message, "headers": headers}
                    start["headers"] = headers
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                body = message.get("body", b"")
                size += len(body)
                if size <= MAX_BODY:
                    parts.append(body)
                if not message.get("more_body", False) and size <= MAX_BODY and self.max_entries:
                    self._entries[key] = _Entry(200, list(start["headers"]), b"".join(parts))
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)


def _tags(header: bytes) -> set[bytes]:
    return {t.strip().removeprefix(b"W/") for t in header.split(b",") if t.strip()}


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
