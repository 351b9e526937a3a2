"""The numbered source list of a brief: every fact cites ``[n]``, numbered in order of first citation.

A news fact cites the articles that support it (title, date, address); an atlas
fact cites the atlas entry's own documented source (``source`` in the YAML, kept
as the evidence sentence of the fact), so a reader can check both kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.ports import GraphPort
from chipmap.errors import NotFound
from chipmap.graph_records import ArticleRecord, EvidenceRecord


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the source list."""

    number: int
    kind: str  # "article" or "atlas"
    title: str
    published: dt.date | None = None
    url: str | None = None
    note: str = ""  # for atlas sources: which entry and field
    location: str = ""  # where an article without an address was read from (a file, a feed)


class SourceList:
    """Hands out citation numbers, one per distinct source, in the order facts are cited."""

    def __init__(self, index: GraphIndex, graph: GraphPort | None = None) -> None:
        self.index = index
        self.graph = graph
        self._numbers: dict[tuple[str, ...], int] = {}
        self.sources: list[Source] = []

    def _add(self, key: tuple[str, ...], **fields: Any) -> int:
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.sources) + 1
            self.sources.append(Source(number=number, **fields))
        return number

    def article(self, article_id: str) -> int | None:
        """The number of a stored article (None when the snapshot does not hold it)."""
        record = self.index.snapshot.articles.get(article_id)
        if record is None:
            return None
        title = article_title(record, self.graph)
        return self._add(("article", article_id), kind="article", title=title, published=record.published,
                         url=record.urls[0] if record.urls else None,
                         location=record.sources[0] if record.sources else "")

    def atlas(self, subject: str, evidence: EvidenceRecord) -> int:
        """The number of an atlas fact's documented source."""
        rule = (evidence.rule or "atlas").removeprefix("atlas.")
        return self._add(("atlas", subject, evidence.sentence), kind="atlas", title=evidence.sentence,
                         note=f"chipmap atlas, {subject} ({rule})")

    def evidence(self, subject: str, records: Iterable[EvidenceRecord]) -> list[int]:
        """Numbers for evidence records: their article, or their atlas source."""
        numbers: list[int] = []
        for record in records:
            number = (self.article(record.article_id) if record.article_id
                      else self.atlas(subject, record) if record.origin == "atlas" else None)
            if number is not None:
                numbers.append(number)
        return numbers

    def relation(self, relation_id: str, *, limit: int = 2) -> list[int]:
        """Numbers for the newest articles behind a news relation (atlas relations: see ``evidence``)."""
        relation = self.index.by_id.get(relation_id)
        if relation is None:
            return []
        rank = self.index.article_rank
        ids = sorted((a for a in relation.article_ids if a in rank), key=rank.__getitem__, reverse=True)
        return [n for a in ids[:limit] if (n := self.article(a)) is not None]


def article_title(record: ArticleRecord, graph: GraphPort | None = None) -> str:
    """An article's title; for an untitled one its first words (snapshots carry no text: ask the graph)."""
    if record.title.strip():
        return record.title
    text = record.text
    if not text and graph is not None:
        try:
            text = graph.article(record.id).text
        except NotFound:
            text = ""
    return first_words(text) or f"untitled article {record.id[:12]}"


def first_words(text: str, *, words: int = 12) -> str:
    """The opening words of a text, for articles that came without a title."""
    parts = text.split()
    if not parts:
        return ""
    head = " ".join(parts[:words])
    return head + (" …" if len(parts) > words else "")


def cite_numbers(*groups: Iterable[int]) -> tuple[int, ...]:
    """Distinct citation numbers, ascending."""
    return tuple(sorted({n for group in groups for n in group}))
