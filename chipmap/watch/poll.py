"""One polite look at a source: a conditional GET (or a file's modification), nothing more.

A URL is fetched with ``If-None-Match`` / ``If-Modified-Since`` from the last
response (RFC 9110 §13.1), so an unchanged feed costs the server a 304 and no
body. A server that sends no validator is compared by the hash of its body. A
local file is compared by its content hash. Errors and 429/5xx answers are
returned as values, with the server's ``Retry-After`` when it sent one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from dataclasses import dataclass
from pathlib import Path

import httpx

from chipmap.watch.state import SourceState


@dataclass(frozen=True, slots=True)
class Poll:
    """What one look at a source found."""

    status: str  # "changed", "unchanged" (304 or same body) or "error"
    http_status: int | None = None
    content: bytes = b""
    url: str = ""
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    error: str = ""
    retry_after: dt.timedelta | None = None


def _retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    if not value:
        return None
    if value.strip().isdigit():
        return dt.timedelta(seconds=int(value.strip()))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(dt.timedelta(0), when - now) if when.tzinfo else None


def digest_bytes(content: bytes) -> str:
    """The hash that stands in for a validator."""
    return hashlib.sha256(content).hexdigest()


def poll_url(url: str, state: SourceState, *, client: httpx.Client, max_bytes: int,
             now: dt.datetime) -> Poll:
    """A conditional GET of ``url`` against the validators in ``state``."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            code = response.status_code
            if code == 304:
                return Poll("unchanged", 304, url=str(response.url), etag=state.etag,
                            last_modified=state.last_modified, content_hash=state.content_hash)
            if code >= 400:
                return Poll("error", code, url=url, error=f"HTTP {code} {response.reason_phrase}",
                            retry_after=_retry_after(response.headers.get("retry-after"), now))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return Poll("error", code, url=url, error=f"response exceeds the {max_bytes:,}-byte limit")
                chunks.append(chunk)
            content = b"".join(chunks)
            etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    except httpx.TimeoutException:
        return Poll("error", url=url, error=f"timed out after {client.timeout.read}s")
    except httpx.HTTPError as exc:
        return Poll("error", url=url, error=f"cannot fetch: {exc}")
    hashed = digest_bytes(content)
    status = "unchanged" if hashed == state.content_hash else "changed"
    return Poll(status, code, content, str(response.url), etag, modified, hashed)


def poll_file(path: Path, state: SourceState, *, max_bytes: int) -> Poll:
    """A local file, compared with the last round by content hash."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Poll("error", url=str(path), error=f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        content = path.read_bytes()
    except OSError as exc:
        return Poll("error", url=str(path), error=exc.strerror or str(exc))
    hashed = digest_bytes(content)
    return Poll("unchanged" if hashed == state.content_hash else "changed", None, content, str(path),
                content_hash=hashed)
