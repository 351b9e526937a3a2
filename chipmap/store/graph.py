"""``chipmap.open(db)``: read access to the graph, in the records of ``chipmap.graph_records``.

``Graph`` implements the GraphPort the CLI, server and analytics code against
(chipmap.analyze.ports): names resolve like ids, unknown names raise
``NotFound`` with near matches, and ``snapshot()`` hands analytics the whole
graph without evidence text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import distinct, func, or_, select
from sqlalchemy.engine import Connection

from chipmap.errors import NotFound
from chipmap.graph_records import (
    ArticleRecord,
    EntityRecord,
    EvidenceRecord,
    RelationRecord,
    SearchHit,
    Snapshot,
)
from chipmap.resolve import name_key
from chipmap.store import fts
from chipmap.store.db import Database, open_database
from chipmap.store.models import (
    TABLES,
    AliasRow,
    ArticleRow,
    Base,
    EntityRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    RelationRow,
    SourceRow,
)
from chipmap.store.project_models import PROJECT_TABLES
from chipmap.store.project_read import project_count_records, project_records
from chipmap.store.read import article_records, entity_records, headquarters, relation_records
from chipmap.store.remove import RemoveResult, find_article_id, remove_article
from chipmap.vocab import SEGMENT_PREFIX, SEGMENTS


class Graph:
    """The knowledge graph in a database. Close it when done (or use ``with``)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.database.url

    def close(self) -> None:
        """Release the database connections."""
        self.database.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- entities ---------------------------------------------------------------------------

    def _entity_id(self, conn: Connection, name_or_id: str) -> str:
        if conn.execute(select(EntityRow.id).where(EntityRow.id == name_or_id)).first():
            return name_or_id
        key = name_key(name_or_id)
        ids = set(conn.execute(select(EntityRow.id).where(EntityRow.atlas_id == name_or_id)).scalars())
        if not ids and key:
            ids = set(conn.execute(select(AliasRow.entity_id).where(AliasRow.norm == key)).scalars())
        if not ids:
            raise NotFound("entity", name_or_id, self.suggestions(name_or_id, conn=conn))
        if len(ids) == 1:
            return ids.pop()
        # A shared name: the entity the news talks about most, atlas-backed first.
        counts = {row[0]: int(row[1]) for row in conn.execute(
            select(MentionRow.entity_id, func.count(distinct(MentionRow.article_id)))
            .where(MentionRow.entity_id.in_(sorted(ids))).group_by(MentionRow.entity_id))}
        atlas = set(conn.execute(select(EntityRow.id).where(EntityRow.id.in_(sorted(ids)),
                                                           EntityRow.from_atlas.is_(True))).scalars())
        return max(sorted(ids), key=lambda i: (counts.get(i, 0), i in atlas))

    def suggestions(self, text: str, *, limit: int = 5, conn: Connection | None = None) -> list[str]:
        """Entity names close to ``text``, for "did you mean" messages."""
        if conn is None:
            with self.database.connect() as own:
                return self.suggestions(text, limit=limit, conn=own)
        names = {row.alias: row.entity_id for row in conn.execute(select(AliasRow.alias, AliasRow.entity_id))}
        names.update({row.name: row.id for row in conn.execute(select(EntityRow.name, EntityRow.id))})
        found = process.extract(text, list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
        labels: list[str] = []
        for name, _score, _ in found:
            if name not in labels:
                labels.append(name)
        return labels[:limit]

    def entity(self, name_or_id: str) -> EntityRecord:
        """The entity with this id, atlas id or name; raises ``NotFound`` with suggestions."""
        with self.database.connect() as conn:
            entity_id = self._entity_id(conn, name_or_id)
            return entity_records(conn, [entity_id])[entity_id]

    def entities(self, *, type: str | None = None, kind: str | None = None, segment: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[EntityRecord]:
        """Entities filtered by type, kind and segment, ordered by name."""
        query = select(EntityRow.id)
        if type:
            query = query.where(EntityRow.type == type)
        if kind:
            query = query.where(EntityRow.kind == kind)
        if segment:
            tail = segment if segment.startswith(SEGMENT_PREFIX) else SEGMENT_PREFIX + segment
            query = query.where(EntityRow.id.in_(select(RelationRow.head_id).where(
                RelationRow.type == "operates_in", RelationRow.tail_id == tail)))
        query = query.order_by(func.lower(EntityRow.name), EntityRow.id).limit(limit).offset(offset)
        with self.database.connect() as conn:
            ids = list(conn.execute(query).scalars())
            records = entity_records(conn, ids)
        return [records[i] for i in ids]

    def surface_forms(self, entity_id: str) -> dict[str, list[str]]:
        """Every name the entity goes by, with the ids of the articles that used it (atlas names: [])."""
        with self.database.connect() as conn:
            entity_id = self._entity_id(conn, entity_id)
            forms: dict[str, set[str]] = {}
            for alias in conn.execute(select(AliasRow.alias).where(AliasRow.entity_id == entity_id)
                                      .order_by(AliasRow.id)).scalars():
                forms.setdefault(alias, set())
            for surface, article_id in conn.execute(select(MentionRow.surface, MentionRow.article_id)
                                                    .where(MentionRow.entity_id == entity_id)):
                forms.setdefault(surface, set()).add(article_id)
        return {form: sorted(ids) for form, ids in forms.items()}

    # -- relations and evidence ---------------------------------------------------------------

    def _endpoint(self, conn: Connection, name_or_id: str) -> str:
        if name_or_id.startswith(SEGMENT_PREFIX):
            return name_or_id
        if name_or_id in SEGMENTS:
            return SEGMENT_PREFIX + name_or_id
        return self._entity_id(conn, name_or_id)

    def relations(self, *, head: str | None = None, tail: str | None = None,
                  type: str | None = None) -> list[RelationRecord]:
        """Relations filtered by head, tail (ids or names; segments as ``design`` or ``segment:design``) and type.

        An end that names nothing matches nothing (an empty list, as filters do).
        """
        query = select(RelationRow)
        with self.database.connect() as conn:
            try:
                if head:
                    query = query.where(RelationRow.head_id == self._endpoint(conn, head))
                if tail:
                    query = query.where(RelationRow.tail_id == self._endpoint(conn, tail))
            except NotFound:
                return []
            if type:
                query = query.where(RelationRow.type == type)
            return relation_records(conn, query)

    def evidence(self, relation_id: str) -> list[EvidenceRecord]:
        """The sentences that support a relation (news first, newest first; then the atlas)."""
        query = (select(EvidenceRow, ArticleRow.title.label("article_title"), ArticleRow.published)
                 .outerjoin(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
                 .where(or_(EvidenceRow.relation_id == relation_id, EvidenceRow.attribute_id == relation_id))
                 .order_by(EvidenceRow.origin.desc(), EvidenceRow.seen.desc(), EvidenceRow.id))
        with self.database.connect() as conn:
            rows = list(conn.execute(query))
            if not rows and not conn.execute(select(RelationRow.id).where(RelationRow.id == relation_id)).first():
                raise NotFound("relation", relation_id)
            urls = self._urls(conn, {r.article_id for r in rows if r.article_id})
        return [EvidenceRecord(
            article_id=r.article_id, sentence=r.sentence, start=r.start_char, end=r.end_char,
            article_title=r.article_title or "", url=urls.get(r.article_id) if r.article_id else None,
            published=r.published, extractor_version=r.extractor_version, origin=r.origin, rule=r.rule,
        ) for r in rows]

    @staticmethod
    def _urls(conn: Connection, article_ids: set[str]) -> dict[str, str]:
        urls: dict[str, str] = {}
        for article_id, url in conn.execute(select(SourceRow.article_id, SourceRow.url).where(
                SourceRow.article_id.in_(sorted(article_ids)), SourceRow.url.is_not(None)).order_by(SourceRow.id)):
            if url is not None:
                urls.setdefault(article_id, url)
        return urls

    # -- articles and events ----------------------------------------------------------------------

    def articles(self, *, entity: str | None = None, since: dt.date | None = None,
                 limit: int = 50) -> list[ArticleRecord]:
        """Articles, newest first (by published, else ingest date), optionally those naming an entity."""
        query = select(ArticleRow.id, ArticleRow.title, ArticleRow.published)
        with self.database.connect() as conn:
            if entity:
                try:
                    entity_id = self._entity_id(conn, entity)
                except NotFound:
                    return []
                query = query.where(ArticleRow.id.in_(
                    select(MentionRow.article_id).where(MentionRow.entity_id == entity_id)))
            if since:
                query = query.where(ArticleRow.seen >= since)
            query = query.order_by(ArticleRow.seen.desc(), ArticleRow.id).limit(limit)
            return article_records(conn, query)

    def article(self, article_id: str) -> ArticleRecord:
        """One article with its text, by id, unique id prefix or original id; raises ``NotFound``."""
        with self.database.connect() as conn:
            full_id = find_article_id(conn, article_id)
            query = select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.text).where(
                ArticleRow.id == full_id)
            return article_records(conn, query, with_text=True)[0]

    def events(self, *, since: dt.date | None = None, until: dt.date | None = None, place: str | None = None,
               limit: int = 50) -> list[EntityRecord]:
        """Events (entities of type ``event``), latest first, filtered by date and place."""
        query = select(EventRow.entity_id, func.max(EventRow.date).label("d")).group_by(EventRow.entity_id)
        with self.database.connect() as conn:
            if place:
                try:
                    query = query.where(EventRow.place_id == self._entity_id(conn, place))
                except NotFound:
                    return []
            if since:
                query = query.having(func.max(EventRow.date) >= since)
            if until:
                query = query.having(func.min(EventRow.date) <= until)
            rows = list(conn.execute(query))
            records = entity_records(conn, [r.entity_id for r in rows])
        ordered = sorted(records.values(), key=lambda e: (e.date or dt.date.min, e.id), reverse=True)
        return ordered[:limit]

    # -- search, counts, snapshot, removal -----------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Entities whose names match ``text`` (best first), then articles whose text does."""
        with self.database.connect() as conn:
            return fts.search(conn, text, limit=limit)

    def counts(self) -> dict[str, int]:
        """Rows per table, plus entities per type (``person``, ``org``, ``place``, ``event``)."""
        result: dict[str, int] = {}
        with self.database.connect() as conn:
            for table in (*TABLES, *PROJECT_TABLES):
                result[table] = int(conn.execute(select(func.count()).select_from(
                    Base.metadata.tables[table])).scalar_one())
            for entity_type, count in conn.execute(select(EntityRow.type, func.count()).group_by(EntityRow.type)):
                result[entity_type] = int(count)
        return result

    def snapshot(self) -> Snapshot:
        """The whole graph for analytics: entities, relations (no evidence text), articles (no text)."""
        with self.database.connect() as conn:
            entities = entity_records(conn)
            relations = relation_records(conn)
            head_offices = headquarters(conn)
            articles = {a.id: a for a in article_records(
                conn, select(ArticleRow.id, ArticleRow.title, ArticleRow.published).order_by(ArticleRow.id), whole=True)}
            projects, project_counts = project_records(conn), project_count_records(conn)
        return Snapshot(entities=entities, relations=relations, articles=articles,
                        place_parent=place_parents(relations, entities), projects=projects,
                        project_counts=project_counts, headquarters=head_offices)

    def remove(self, article_id: str) -> RemoveResult:
        """Remove one article's contributions (see ``chipmap.store.remove``)."""
        return remove_article(self.database, article_id)


def place_parents(relations: list[RelationRecord], entities: dict[str, EntityRecord]) -> dict[str, str]:
    """Each place's enclosing place: the atlas ``part_of`` when there is one, else the best-supported."""
    best: dict[str, tuple[tuple[bool, float, str], str]] = {}
    for rel in relations:
        head, tail = entities.get(rel.head_id), entities.get(rel.tail_id)
        if rel.type != "part_of" or head is None or tail is None or head.type != "place" or tail.type != "place":
            continue
        rank = (rel.from_atlas, rel.confidence, rel.tail_id)
        if rel.head_id not in best or rank > best[rel.head_id][0]:
            best[rel.head_id] = (rank, rel.tail_id)
    return {head: tail for head, (_, tail) in sorted(best.items())}


def open_graph(db: str | Path, *, create: bool = False) -> Graph:
    """Open the graph in ``db`` (URL or SQLite path). A read never creates a database:
    without ``create``, one that holds no graph raises ``MissingDatabase``."""
    return Graph(open_database(db, create=create))
