"""What one article adds to the graph, as table rows: a pure function, no database.

The writer inserts these rows in one transaction. Keeping the translation
pure means the rules (which relation endpoints are allowed, which sentence
backs a person's title, how ids are made) are tested without a database.

Ids are content-derived so that two builds of the same input produce the same
ids in any database: relations ``r:<sha1(type|head|tail|title)>``, attributes
``a:<sha1(entity|key|value)>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from chipmap.records import Article, ArticleExtraction, Evidence, Relation
from chipmap.resolve import ArticleResolution, Decision, KnownEntity, name_key
from chipmap.store.project_rows import project_rows
from chipmap.vocab import ENDPOINTS, SEGMENT_PREFIX, SEGMENTS


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]


def title_key(title: str | None) -> str:
    """Titles that differ only in case or spacing are one title."""
    return " ".join((title or "").lower().split())


def relation_id(rel_type: str, head_id: str, tail_id: str, title: str | None = None) -> str:
    """The id of a relation, the same in every database."""
    return "r:" + _digest(rel_type, head_id, tail_id, title_key(title))


def attribute_id(entity_id: str, key: str, value: str) -> str:
    """The id of an attribute value, the same in every database."""
    return "a:" + _digest(entity_id, key, value)


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """Where an article was read from; ``duplicate`` says how a second copy matched."""

    location: str
    url: str | None = None
    duplicate: str = ""  # "" | exact | near


@dataclass
class ArticleRows:
    """Every row one article contributes."""

    article: dict[str, Any]
    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    forms: dict[str, list[str]] = field(default_factory=dict)  # entity id -> surface forms used
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)  # "possibly same as" links for review
    skipped_relations: int = 0
    new_entities: list[KnownEntity] = field(default_factory=list)
    renamed: list[KnownEntity] = field(default_factory=list)  # news entities given an English name
    projects: list[Any] = field(default_factory=list)  # chipmap.store.project_rows.ProjectReportRows
    project_counts: list[dict[str, Any]] = field(default_factory=list)


def entity_row(entity: KnownEntity, *, name_zh: str | None = None, from_atlas: bool = False,
               search_text: str = "") -> dict[str, Any]:
    """An ``entities`` row."""
    return {"id": entity.id, "type": entity.type, "kind": entity.kind, "name": entity.name,
            "name_zh": name_zh or entity.name_zh, "atlas_id": entity.atlas_id, "from_atlas": from_atlas,
            "search_text": search_text or entity.name}


class _Builder:
    def __init__(self, article: Article, resolution: ArticleResolution, *, seen: dt.date,
                 extractor_version: str) -> None:
        self.article = article
        self.resolution = resolution
        self.seen = seen
        self.version = extractor_version
        self.evidence: list[dict[str, Any]] = []
        self._evidence_keys: set[tuple[str, int, int]] = set()

    def add_evidence(self, *, owner: str, column: str, ev: Evidence, confidence: float,
                     rule: str | None = None) -> None:
        key = (owner, ev.start, ev.end)
        if key in self._evidence_keys:
            return
        self._evidence_keys.add(key)
        self.evidence.append({
            "relation_id": owner if column == "relation_id" else None,
            "attribute_id": owner if column == "attribute_id" else None,
            "article_id": self.article.id, "origin": "news", "sentence": ev.sentence,
            "start_char": ev.start, "end_char": ev.end, "confidence": confidence,
            "extractor_version": self.version, "seen": self.seen, "rule": rule,
        })

    def relation(self, rel: Relation) -> dict[str, Any] | None:
        head_types, tail_types = ENDPOINTS.get(rel.type, (("org",), ("org",)))
        head = self.resolution.entity_for(rel.head, head_types)
        if rel.type == "operates_in":
            tail = SEGMENT_PREFIX + rel.tail if rel.tail in SEGMENTS else None
        else:
            tail = self.resolution.entity_for(rel.tail, tail_types)
        if head is None or tail is None or head == tail or not rel.evidence:
            return None
        title = " ".join(rel.title.split()) if rel.title else None
        return {"id": relation_id(rel.type, head, tail, title), "type": rel.type, "head_id": head,
                "tail_id": tail, "title": title, "confidence": 0.0, "evidence_count": 0,
                "first_seen": None, "last_seen": None, "from_atlas": False,
                "former_since": self.seen if getattr(rel, "former", False) else None}


def source_rows(article_id: str, sources: list[SourceEntry]) -> list[dict[str, Any]]:
    """``sources`` rows of an article, each location once (the first entry wins)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source in sources:
        if source.location not in seen:
            seen.add(source.location)
            rows.append({"article_id": article_id, "location": source.location, "url": source.url,
                         "duplicate": source.duplicate})
    return rows


def _title_evidence(evidence: list[Evidence], title: str) -> Evidence | None:
    wanted = title.lower()
    return next((ev for ev in evidence if wanted in ev.sentence.lower()), evidence[0] if evidence else None)


def article_rows(article: Article, extraction: ArticleExtraction, resolution: ArticleResolution, *,
                 ingested: dt.date, extractor_version: str, sources: list[SourceEntry],
                 external_id: str | None = None, signature: bytes | None = None) -> ArticleRows:
    """The rows of one article (``article.id`` is its content id)."""
    seen = article.published or ingested
    rows = ArticleRows(article={
        "id": article.id, "title": article.title, "text": article.text, "published": article.published,
        "ingested": ingested, "seen": seen, "external_id": external_id,
        "extractor_version": extractor_version, "minhash": signature,
    })
    rows.sources = source_rows(article.id, sources)
    new_ids = {e.id for e in resolution.new_entities}
    for entity in resolution.new_entities:
        rows.entities.append(entity_row(entity))
    rows.new_entities = list(resolution.new_entities)
    rows.renamed = list(resolution.renamed)
    mention_keys: set[tuple[str, str]] = set()
    for mention, decision in resolution.decisions:
        forms = rows.forms.setdefault(decision.entity_id, [])
        for form in mention.forms:
            if form not in forms:
                forms.append(form)
            if (decision.entity_id, form) in mention_keys:
                continue
            mention_keys.add((decision.entity_id, form))
            start, end = mention.span or (None, None)
            rows.mentions.append({
                "article_id": article.id, "entity_id": decision.entity_id, "surface": form,
                "reason": decision.reason, "detail": decision.detail, "score": decision.score,
                "start_char": start, "end_char": end,
            })
        rows.candidates.extend(candidate_rows(article.id, mention.name, decision))
    for row in rows.entities:
        if row["id"] in new_ids:
            row["search_text"] = " ".join(rows.forms.get(row["id"], [row["name"]]))
    builder = _Builder(article, resolution, seen=seen, extractor_version=extractor_version)
    relation_ids: set[str] = set()
    for rel in extraction.relations:
        relation = builder.relation(rel)
        if relation is None:
            rows.skipped_relations += 1
            continue
        if relation["id"] not in relation_ids:
            relation_ids.add(relation["id"])
            rows.relations.append(relation)
        for ev in rel.evidence:
            builder.add_evidence(owner=relation["id"], column="relation_id", ev=ev, confidence=rel.confidence,
                                 rule=rel.rule)
    _attributes(rows, builder, extraction)
    rows.evidence = builder.evidence
    rows.projects, rows.project_counts = project_rows(article, extraction, resolution, seen=seen,
                                                      extractor_version=extractor_version)
    return rows


def candidate_rows(article_id: str, surface: str, decision: Decision) -> list[dict[str, Any]]:
    """``merge_candidates`` rows for the entities a decision may have missed."""
    return [{"article_id": article_id, "entity_id": decision.entity_id, "other_id": c.entity_id,
             "surface": surface, "score": c.score, "reason": c.reason, "detail": c.detail}
            for c in decision.candidates if c.entity_id != decision.entity_id]


def _attribute(rows: ArticleRows, builder: _Builder, entity_id: str, key: str, value: str,
               ev: Evidence | None, confidence: float) -> None:
    if ev is None or not value:
        return
    attr_id = attribute_id(entity_id, key, value)
    if all(a["id"] != attr_id for a in rows.attributes):
        rows.attributes.append({"id": attr_id, "entity_id": entity_id, "key": key, "value": value,
                                "confidence": 0.0, "evidence_count": 0, "first_seen": None, "last_seen": None})
    builder.add_evidence(owner=attr_id, column="attribute_id", ev=ev, confidence=confidence)


def _attributes(rows: ArticleRows, builder: _Builder, extraction: ArticleExtraction) -> None:
    """Person titles, event dates and places, each backed by a sentence."""
    resolution = builder.resolution
    for person in extraction.people:
        entity_id = resolution.entity_for(person.name, ("person",))
        if entity_id is None:
            continue
        for title in dict.fromkeys(" ".join(t.split()) for t in person.titles):
            _attribute(rows, builder, entity_id, "title", title, _title_evidence(person.evidence, title),
                       person.confidence)
    for event in extraction.events:
        entity_id = resolution.entity_for(event.name, ("event",))
        if entity_id is None or not name_key(event.name):
            continue
        ev = event.evidence[0] if event.evidence else None
        place_id = resolution.entity_for(event.place, ("place", "org")) if event.place else None
        date = _iso_date(event.date)
        if date:
            _attribute(rows, builder, entity_id, "date", date.isoformat(), ev, event.confidence)
        if event.place:
            _attribute(rows, builder, entity_id, "place", place_id or event.place, ev, event.confidence)
        rows.events.append({
            "entity_id": entity_id, "article_id": builder.article.id, "name": event.name, "date": date,
            "place_name": event.place, "place_id": place_id, "sentence": ev.sentence if ev else "",
            "start_char": ev.start if ev else None, "end_char": ev.end if ev else None,
        })


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
