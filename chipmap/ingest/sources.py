"""What ``chipmap build SOURCES...`` accepts, turned into one stream of articles.

A source is a file, a directory (walked for known suffixes), a glob pattern or
an http(s) URL (a feed or a page). The file's suffix picks the reader:

========================  =========================================
``.txt .md .markdown``    one article, optional YAML front matter
``.html .htm .xhtml``     one article, main text by trafilatura
``.json``                 one gold-format article (``text``, ``title``...)
``.jsonl .ndjson``        one article per line (fields: ``FieldMap``)
``.rss .atom .xml``       one article per feed entry
========================  =========================================

Reading never raises for one bad input: the stream yields an ``InputError``
in its place so the build can list it and go on.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx

from chipmap.config import Settings
from chipmap.errors import InputError
from chipmap.ingest.feeds import FEED_SUFFIXES, make_client, read_feed, read_url
from chipmap.ingest.files import ARTICLE_SUFFIXES, read_article, read_bytes, walk
from chipmap.ingest.jsonl import JSONL_SUFFIXES, FieldMap, read_jsonl
from chipmap.ingest.language import with_language
from chipmap.records import Article

logger = logging.getLogger(__name__)

SourceKind = Literal["file", "jsonl", "feed", "url"]
#: Every suffix a directory walk picks up.
BUILD_SUFFIXES = ARTICLE_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One concrete input: a file path or a URL, and the reader it needs."""

    location: str
    kind: SourceKind


def _kind(path: Path) -> SourceKind:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "file"


def expand(sources: Sequence[str | Path]) -> tuple[list[Source], list[InputError]]:
    """Concrete inputs named by ``sources`` (in order, each once) and those that name nothing."""
    found: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        if source.location not in seen:
            seen.add(source.location)
            found.append(source)

    for raw in sources:
        text = str(raw)
        if text.startswith(("http://", "https://")):
            add(Source(text, "url"))
            continue
        path = Path(text)
        if path.exists():
            paths = walk([path], suffixes=BUILD_SUFFIXES)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            paths = walk([Path(m) for m in matches], suffixes=BUILD_SUFFIXES)
            if not paths:
                errors.append(InputError(text, "pattern matches no files"))
        else:
            errors.append(InputError(text, "no such file or directory"))
            continue
        for item in paths:
            add(Source(str(item), _kind(item)))
    return found, errors


class SourceReader:
    """Reads sources into articles; owns the HTTP client that feeds and URLs share.

    Use it as a context manager so the client's connections are closed.
    """

    def __init__(self, *, settings: Settings, fields: FieldMap | None = None) -> None:
        self.fields = fields or FieldMap()
        self.settings = settings
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        """The HTTP client, created on first use (most builds read local files only)."""
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def close(self) -> None:
        """Close the HTTP client, if one was opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, source: Source) -> Iterator[Article | InputError]:
        """The articles of one source, each good one or the error in its place."""
        settings = self.settings
        if source.kind == "url":
            yield from read_url(source.location, client=self.client, max_bytes=settings.http_max_bytes)
            return
        path = Path(source.location)
        if source.kind == "jsonl":
            yield from read_jsonl(path, fields=self.fields, max_bytes=settings.max_text_bytes)
            return
        if source.kind == "feed":
            try:
                data = read_bytes(path, max_bytes=settings.http_max_bytes)
            except InputError as exc:
                yield exc
                return
            yield from read_feed(data, source=str(path), client=self.client,
                                 max_bytes=settings.http_max_bytes)
            return
        try:
            yield read_article(path, max_bytes=settings.max_text_bytes)
        except InputError as exc:
            yield exc

    def read_all(self, sources: Sequence[Source]) -> Iterator[Article | InputError]:
        """The articles of every source, in order, each with its language decided."""
        for source in sources:
            logger.debug("reading %s (%s)", source.location, source.kind)
            for item in self.read(source):
                yield item if isinstance(item, InputError) else with_language(item)
