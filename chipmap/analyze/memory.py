"""A Graph held in memory: a Snapshot plus evidence sentences and article texts.

It answers the GraphPort methods the way the store does (names, aliases and
ids resolve; unknown names raise NotFound with near matches), so the server,
the CLI and the dashboard can be exercised on hand-made data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from rapidfuzz import fuzz, process

from chipmap.atlas.index import normalise_name
from chipmap.errors import NotFound
from chipmap.graph_records import (
    ArticleRecord,
    EntityRecord,
    EvidenceRecord,
    RelationRecord,
    SearchHit,
    Snapshot,
)


class MemoryGraph:
    """GraphPort over in-memory records."""

    def __init__(self, snapshot: Snapshot, *, evidence: Mapping[str, list[EvidenceRecord]] | None = None,
                 texts: Mapping[str, str] | None = None) -> None:
        self._snapshot = snapshot
        self._evidence = dict(evidence or {})
        self._texts = dict(texts or {})
        self._names: dict[str, list[str]] = {}
        for entity in snapshot.entities.values():
            for name in (entity.name, *entity.aliases, *([entity.name_zh] if entity.name_zh else [])):
                key = normalise_name(name)
                if key and entity.id not in self._names.setdefault(key, []):
                    self._names[key].append(entity.id)

    def close(self) -> None:
        """Nothing to release; present so callers can treat every graph alike."""

    def suggestions(self, text: str, *, limit: int = 5) -> list[str]:
        """Names close to ``text``."""
        key = normalise_name(text) or text
        found = process.extract(key, list(self._names), scorer=fuzz.WRatio, limit=limit * 2)
        names: list[str] = []
        for name, score, _ in found:
            if score < 60:
                continue
            for entity_id in self._names[name]:
                label = self._snapshot.entities[entity_id].name
                if label not in names:
                    names.append(label)
        return names[:limit]

    def entity(self, name_or_id: str) -> EntityRecord:
        entity = self._snapshot.entities.get(name_or_id)
        if entity is not None:
            return entity
        ids = self._names.get(normalise_name(name_or_id), [])
        if ids:
            # Prefer the entity the news talks about most when a name is shared.
            return max((self._snapshot.entities[i] for i in ids), key=lambda e: (e.article_count, e.id))
        raise NotFound("entity", name_or_id, self.suggestions(name_or_id))

    def entities(self, *, type: str | None = None, kind: str | None = None, segment: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[EntityRecord]:
        rows = [e for e in self._snapshot.entities.values()
                if (type is None or e.type == type) and (kind is None or e.kind == kind)
                and (segment is None or segment in e.segments)]
        rows.sort(key=lambda e: (e.name.lower(), e.id))
        return rows[offset:offset + limit]

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        query = text.strip().lower()
        if not query:
            return []
        hits: list[SearchHit] = []
        for entity in self._snapshot.entities.values():
            names = [entity.name, *entity.aliases, *([entity.name_zh] if entity.name_zh else [])]
            best = max(fuzz.partial_ratio(query, n.lower()) if len(query) >= 3 else
                       (100.0 if n.lower().startswith(query) else 0.0) for n in names)
            if best >= 90:
                exact = any(n.lower() == query for n in names)
                score = best / 100 + (1 if exact else 0) + min(entity.article_count, 50) / 500
                hits.append(SearchHit("entity", entity.id, entity.name, entity.kind or entity.type, score))
        for article in self._snapshot.articles.values():
            body = self._texts.get(article.id, "")
            at = body.lower().find(query)
            if query in article.title.lower() or at >= 0:
                snippet = body[max(0, at - 60): at + 100] if at >= 0 else article.title
                hits.append(SearchHit("article", article.id, article.title, snippet, 0.5))
        hits.sort(key=lambda h: (-h.score, h.title))
        return hits[:limit]

    def relations(self, *, head: str | None = None, tail: str | None = None,
                  type: str | None = None) -> list[RelationRecord]:
        return [r for r in self._snapshot.relations
                if (head is None or r.head_id == head) and (tail is None or r.tail_id == tail)
                and (type is None or r.type == type)]

    def evidence(self, relation_id: str) -> list[EvidenceRecord]:
        return list(self._evidence.get(relation_id, []))

    def articles(self, *, entity: str | None = None, since: dt.date | None = None,
                 limit: int = 50) -> list[ArticleRecord]:
        wanted: set[str] | None = None
        if entity is not None:
            wanted = {a for r in self._snapshot.relations if entity in (r.head_id, r.tail_id)
                      for a in r.article_ids}
        rows = [a for a in self._snapshot.articles.values()
                if (wanted is None or a.id in wanted)
                and (since is None or (a.published is not None and a.published >= since))]
        rows.sort(key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
        return rows[:limit]

    def article(self, article_id: str) -> ArticleRecord:
        article = self._snapshot.articles.get(article_id)
        if article is None:
            raise NotFound("article", article_id)
        return dataclasses.replace(article, text=self._texts.get(article_id, article.text))

    def surface_forms(self, entity_id: str) -> list[str]:
        entity = self.entity(entity_id)
        return [entity.name, *entity.aliases]

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for entity in self._snapshot.entities.values():
            result[entity.type] = result.get(entity.type, 0) + 1
        result["relations"] = len(self._snapshot.relations)
        result["articles"] = len(self._snapshot.articles)
        result["evidence"] = sum(len(v) for v in self._evidence.values())
        return result

    def snapshot(self) -> Snapshot:
        return self._snapshot
