"""What happened in a cluster or to an organisation, dated and sourced, and the graph "as of" a day.

Items come from four kinds of record:

- ``event``, ``project`` or ``opening``: event entities tied to the subject,
  dated by the event; the kind is read from the event's name (groundbreaking,
  phase, fab... is a project; opening, launch, production start an opening);
  and every stage of the investment projects located in the subject's area or with
  the subject as a party (``project``: "X fab: signed", dated by the stage);
- ``appointment``: a ``holds_position`` relation at a body of the subject, dated
  by the first article that reports it;
- ``site``: a ``located_in`` relation from the news (not the atlas) into the
  subject, dated by its first report: a new plant, base or office;
- ``article``: every article about the subject, by publication date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.positions import positions_as_of
from chipmap.analyze.projects import project_steps, projects_as_of
from chipmap.analyze.refs import ArticleRef, EntityRef, article_ref, entity_ref
from chipmap.graph_records import RelationRecord, Snapshot
from chipmap.vocab import ORG_PREFIX, PLACE_PREFIX

_PROJECT = re.compile(r"groundbreak|phase|fab\b|project|line|plant|base|expansion|invest|signing|signed",
                      re.IGNORECASE)
_OPENING = re.compile(r"open|launch|inaugurat|production|debut|listing|ipo", re.IGNORECASE)
KINDS: tuple[str, ...] = ("event", "project", "opening", "appointment", "site", "article")


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One dated happening with the entities involved and the articles that report it."""

    date: dt.date
    kind: str
    title: str
    entities: tuple[EntityRef, ...]
    relation_id: str | None
    sources: tuple[ArticleRef, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A subject's happenings, oldest first, within [since, until]."""

    subject: EntityRef
    since: dt.date | None
    until: dt.date | None
    items: tuple[TimelineItem, ...]
    total: int


def event_kind(name: str) -> str:
    """project, opening or plain event, from words in an event's name."""
    if _OPENING.search(name):
        return "opening"
    if _PROJECT.search(name):
        return "project"
    return "event"


def subject_members(index: GraphIndex, subject_id: str) -> set[str]:
    """The entities a timeline follows: a place's area and its orgs, or an org and its subsidiaries."""
    if subject_id.startswith(PLACE_PREFIX) or (
        (entity := index.entity(subject_id)) is not None and entity.kind == "park"
    ):
        area = index.area(subject_id)
        return set(area.places) | set(index.orgs_in(area)) | {subject_id}
    subsidiaries = {r.head_id for r in index.by_tail.get(subject_id, ()) if r.type == "subsidiary_of"}
    return {subject_id} | subsidiaries


def _sources(index: GraphIndex, relations: list[RelationRecord]) -> tuple[ArticleRef, ...]:
    ids = sorted({a for r in relations for a in r.article_ids})
    records = [index.snapshot.articles[a] for a in ids if a in index.snapshot.articles]
    return tuple(article_ref(a) for a in sorted(records, key=lambda a: (a.published or dt.date.min, a.id)))


def _items(index: GraphIndex, members: set[str]) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    events: dict[str, list[RelationRecord]] = {}
    for member in members:
        for event_id, relation_id in index.event_links.get(member, ()):
            linked = events.setdefault(event_id, [])
            if relation_id:
                linked.append(index.by_id[relation_id])
        for relation in index.relations_of(member):
            if relation.from_atlas or relation.first_seen is None:
                continue
            if relation.type == "holds_position" and relation.tail_id == member:
                title = f"{index.name(relation.head_id)}: {relation.title or 'position'} at {index.name(member)}"
                items.append(TimelineItem(relation.first_seen, "appointment", title,
                                          (entity_ref(index, relation.head_id), entity_ref(index, member)),
                                          relation.id, _sources(index, [relation])))
            elif (relation.type == "located_in" and relation.tail_id == member
                  and relation.head_id.startswith(ORG_PREFIX)):
                title = f"{index.name(relation.head_id)} in {index.name(member)}"
                items.append(TimelineItem(relation.first_seen, "site", title,
                                          (entity_ref(index, relation.head_id), entity_ref(index, member)),
                                          relation.id, _sources(index, [relation])))
    for event_id, relations in events.items():
        event = index.entity(event_id)
        assert event is not None
        sources = _sources(index, relations)
        date = event.date or event.first_seen or (sources[0].published if sources else None)
        if date is None:
            continue
        involved = sorted(({r.head_id for r in relations} | {r.tail_id for r in relations}) - {event_id})
        items.append(TimelineItem(date, event_kind(event.name), event.name,
                                  (entity_ref(index, event_id), *(entity_ref(index, i) for i in involved)),
                                  None, sources))
    article_ids: set[str] = set()
    for member in members:
        article_ids |= index.entity_articles.get(member, set())
    for article_id in article_ids:
        article = index.snapshot.articles.get(article_id)
        if article is not None and article.published is not None:
            items.append(TimelineItem(article.published, "article", article.title, (), None,
                                      (article_ref(article),)))
    for day, title, parties, cited in project_steps(index, members):
        items.append(TimelineItem(day, "project", title, tuple(entity_ref(index, i) for i in parties), None, cited))
    return items


def timeline(index: GraphIndex, subject_id: str, *, since: dt.date | None = None,
             until: dt.date | None = None, kinds: tuple[str, ...] = KINDS,
             limit: int = 100, offset: int = 0) -> Timeline:
    """Dated happenings of a cluster or an organisation, oldest first."""
    items = [i for i in _items(index, subject_members(index, subject_id))
             if i.kind in kinds and (since is None or i.date >= since) and (until is None or i.date <= until)]
    items.sort(key=lambda i: (i.date, KINDS.index(i.kind), i.title))
    return Timeline(entity_ref(index, subject_id), since, until, tuple(items[offset:offset + limit]), len(items))


def as_of(snapshot: Snapshot, day: dt.date) -> Snapshot:
    """The snapshot as the news stood on ``day``: later articles and facts first seen later are dropped;
    positions that had ended by then are marked former (chipmap.analyze.positions) and projects show
    the stage their reports up to then had reached.

    Atlas facts are undated reference data and stay, but without the support of
    later articles (an atlas site the news reported next year is not news yet).
    Entities stay too (an entity without relations simply has nothing to say yet);
    their news dates are cut to what the articles kept say.
    """
    articles = {k: a for k, a in snapshot.articles.items() if a.published is None or a.published <= day}
    relations = []
    for relation in snapshot.relations:
        kept = tuple(a for a in relation.article_ids if a in articles)
        if relation.first_seen is None or (relation.from_atlas and kept == relation.article_ids):
            relations.append(relation)
        elif relation.from_atlas:
            dates = [d for a in kept if (d := articles[a].published) is not None]
            relations.append(dataclasses.replace(relation, article_ids=kept, first_seen=min(dates, default=None),
                                                 last_seen=max(dates, default=None)))
        elif relation.first_seen <= day:
            relations.append(dataclasses.replace(relation, article_ids=kept,
                                                 last_seen=min(relation.last_seen or day, day)))
    latest: dict[str, dt.date] = {}
    for relation in relations:
        if relation.last_seen is not None and relation.article_ids:
            for end in (relation.head_id, relation.tail_id):
                latest[end] = max(latest.get(end, relation.last_seen), relation.last_seen)
    entities = dict(snapshot.entities)
    for entity_id, entity in snapshot.entities.items():
        if entity.last_seen is not None and entity.last_seen > day:
            first = entity.first_seen if entity.first_seen is not None and entity.first_seen <= day else None
            last = latest.get(entity_id, first) if first is not None else None
            entities[entity_id] = dataclasses.replace(entity, first_seen=first, last_seen=last)
    return dataclasses.replace(snapshot, entities=entities, relations=positions_as_of(relations, day),
                               articles=articles, place_parent=dict(snapshot.place_parent),
                               headquarters=dict(snapshot.headquarters),
                               projects=projects_as_of(snapshot, day, set(articles)),
                               project_counts=[c for c in snapshot.project_counts if c.seen is None or c.seen <= day])
