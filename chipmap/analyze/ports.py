"""The few Graph methods the CLI, the server and the analytics service call.

The store's ``Graph`` (``chipmap.open(db_url)``) is the one implementation; the
toy graph is that same store on an in-memory SQLite. Coding against this
Protocol keeps the analytics from importing the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from chipmap.graph_records import (
    ArticleRecord,
    EntityRecord,
    EvidenceRecord,
    RelationRecord,
    SearchHit,
    Snapshot,
)


class GraphPort(Protocol):
    """Read access to the knowledge graph."""

    def entity(self, name_or_id: str) -> EntityRecord:
        """The entity with this id or name; raises chipmap.errors.NotFound with suggestions."""
        ...

    def entities(self, *, type: str | None = None, kind: str | None = None, segment: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[EntityRecord]:
        """Entities filtered by type, kind and segment, by name."""
        ...

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Entities and articles matching the text, best first."""
        ...

    def relations(self, *, head: str | None = None, tail: str | None = None,
                  type: str | None = None) -> list[RelationRecord]:
        """Relations filtered by head id, tail id and type."""
        ...

    def evidence(self, relation_id: str) -> list[EvidenceRecord]:
        """The sentences that support a relation."""
        ...

    def articles(self, *, entity: str | None = None, since: dt.date | None = None,
                 limit: int = 50) -> list[ArticleRecord]:
        """Articles, newest first, optionally those that mention an entity."""
        ...

    def article(self, article_id: str) -> ArticleRecord:
        """One article with its text; raises NotFound."""
        ...

    def counts(self) -> dict[str, int]:
        """How many entities, relations, articles... the graph holds."""
        ...

    def snapshot(self) -> Snapshot:
        """The whole graph in memory for the analytics."""
        ...


def close_graph(graph: GraphPort) -> None:
    """Release the graph's database handles, if it holds any."""
    close = getattr(graph, "close", None)
    if callable(close):
        close()
