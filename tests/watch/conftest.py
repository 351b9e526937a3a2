"""A real HTTP server on 127.0.0.1 that answers conditional requests, for the watcher's tests."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Doc:
    """A served document; ``validator`` says which conditional header the route honours."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    validator: str = "etag"  # "etag", "last-modified" or "none"
    modified: str = "Mon, 06 May 2024 08:00:00 GMT"
    status: int = 200


@dataclass
class Hit:
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None


@dataclass
class Site:
    base: str
    docs: dict[str, Doc] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def statuses(self, path: str) -> list[int]:
        return [h.status for h in self.hits if h.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            doc = site.docs.get(self.path)
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if doc is None or doc.status >= 400:
                status = doc.status if doc else 404
                site.hits.append(Hit(self.path, status, inm, ims))
                self.send_error(status)
                return
            etag = '"' + hashlib.sha1(doc.body).hexdigest()[:16] + '"'
            fresh = (doc.validator == "etag" and inm == etag) or (
                doc.validator == "last-modified" and ims == doc.modified)
            site.hits.append(Hit(self.path, 304 if fresh else 200, inm, ims))
            if fresh:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", doc.content_type)
            self.send_header("Content-Length", str(len(doc.body)))
            if doc.validator == "etag":
                self.send_header("ETag", etag)
            elif doc.validator == "last-modified":
                self.send_header("Last-Modified", doc.modified)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(doc.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    holder = Site(base="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(holder))
    server.daemon_threads = True
    holder.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
