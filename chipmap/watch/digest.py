"""What a round of watching added to the graph: the difference of two snapshots, item by item.

New organisations (entities that did not exist), appointments (new
``holds_position`` relations), new sites (new ``located_in`` relations from the
news), and new or changed projects when the Analyst has projects, each with the
article that reported it; then the same items per watched cluster. Relation and
entity ids are stable across builds, so "new" means new to the graph, not merely
mentioned again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.ports import GraphPort
from chipmap.analyze.timeline import subject_members
from chipmap.graph_records import ArticleRecord, Snapshot
from chipmap.report.projects import ProjectRow
from chipmap.report.sources import article_title

KINDS = ("organizations", "projects", "appointments", "sites")


@dataclass(frozen=True, slots=True)
class Link:
    """The article that reported an item."""

    title: str
    url: str | None
    published: dt.date | None
    article_id: str


@dataclass(frozen=True, slots=True)
class Item:
    """One new fact of the round."""

    kind: str  # organisation | project | appointment | site
    id: str
    title: str
    entities: tuple[str, ...]
    source: Link | None
    change: str = "new"  # or "changed" (projects)


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one watched source did this round."""

    location: str
    status: str  # changed | unchanged | error | waiting (backing off)
    http_status: int | None = None
    new_entries: int = 0
    error: str = ""
    next_try: str | None = None


@dataclass
class ClusterDigest:
    """The round's items that concern one watched cluster."""

    id: str
    name: str
    organizations: list[Item] = field(default_factory=list)
    projects: list[Item] = field(default_factory=list)
    appointments: list[Item] = field(default_factory=list)
    sites: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing of the cluster changed."""
        return not any(getattr(self, kind) for kind in KINDS)


@dataclass
class Digest:
    """One round: what was read, what was added, per watched cluster."""

    round: int
    at: str
    added: int = 0  # new articles
    articles: list[Link] = field(default_factory=list)
    organizations: list[Item] = field(default_factory=list)
    projects: list[Item] = field(default_factory=list)
    appointments: list[Item] = field(default_factory=list)
    sites: list[Item] = field(default_factory=list)
    clusters: list[ClusterDigest] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def new_items(self) -> int:
        """How many new facts the round found."""
        return sum(len(getattr(self, kind)) for kind in KINDS)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (``added`` counts the new articles; the lists name the new items)."""
        data = asdict(self)
        data["new_items"] = self.new_items
        return data


def link(article: ArticleRecord, graph: GraphPort | None = None) -> Link:
    """An article as a digest links it (untitled articles by their first words)."""
    return Link(article_title(article, graph), article.urls[0] if article.urls else None, article.published,
                article.id)


class _Differ:
    def __init__(self, before: Snapshot, after: GraphIndex, graph: GraphPort) -> None:
        self.before = before
        self.index = after
        self.graph = graph
        self.new_articles = set(after.snapshot.articles) - set(before.articles)

    def source_of(self, article_ids: Iterable[str]) -> Link | None:
        rank = self.index.article_rank
        ids = [a for a in article_ids if a in rank]
        fresh = [a for a in ids if a in self.new_articles] or ids
        if not fresh:
            return None
        return link(self.index.snapshot.articles[max(fresh, key=rank.__getitem__)], self.graph)

    def organizations(self) -> list[Item]:
        items = []
        for entity in self.index.snapshot.entities.values():
            if entity.type != "org" or entity.id in self.before.entities:
                continue
            source = self.source_of(self.index.entity_articles.get(entity.id, set()) & self.new_articles)
            if source is None:  # an org named in an article but in no relation yet
                source = self.source_of(a.id for a in self.graph.articles(entity=entity.id, limit=3))
            if source is None:  # from the atlas alone (a first build, or a new atlas): not news
                continue
            items.append(Item("organisation", entity.id, entity.name, (entity.id,), source))
        return sorted(items, key=lambda i: i.title)

    def relations(self) -> tuple[list[Item], list[Item]]:
        old = {r.id for r in self.before.relations}
        appointments, sites = [], []
        name = self.index.name
        for relation in self.index.snapshot.relations:
            if relation.id in old or relation.from_atlas:
                continue
            source = self.source_of(relation.article_ids)
            ends = (relation.head_id, relation.tail_id)
            if relation.type == "holds_position":
                title = f"{name(relation.head_id)}: {relation.title or 'position'} at {name(relation.tail_id)}"
                appointments.append(Item("appointment", relation.id, title, ends, source))
            elif relation.type == "located_in" and relation.head_id.startswith("org:"):
                sites.append(Item("site", relation.id, f"{name(relation.head_id)} in {name(relation.tail_id)}",
                                  ends, source))
        return sorted(appointments, key=lambda i: i.title), sorted(sites, key=lambda i: i.title)


def project_changes(before: Sequence[ProjectRow], after: Sequence[ProjectRow], index: GraphIndex,
                    cluster_id: str, graph: GraphPort | None = None) -> list[Item]:
    """Projects new since the last round, or whose status, amount or date changed."""
    def key(row: ProjectRow) -> tuple[str, tuple[str, ...]]:
        if row.project_id:  # the graph's id: a renamed or re-described project is still itself
            return row.project_id, ()
        return row.name.casefold(), tuple(sorted(p.casefold() for p in row.parties))

    old = {key(r): r for r in before}
    items = []
    for row in after:
        previous = old.get(key(row))
        if previous is not None and (previous.status, previous.amount_text, previous.date) == (
                row.status, row.amount_text, row.date):
            continue
        change = "new" if previous is None else "changed"
        detail = row.status + (f", {row.amount_text}" if row.amount_text else "")
        if previous is not None and previous.status != row.status:
            detail = f"{previous.status} → {detail}"
        articles = [index.snapshot.articles[a] for a in row.article_ids if a in index.snapshot.articles]
        source = link(max(articles, key=lambda a: (a.published or dt.date.min, a.id)), graph) if articles else None
        items.append(Item("project", f"{cluster_id}:{row.name}", f"{row.name} ({detail})", (cluster_id,),
                          source, change))
    return items


def diff(before: Snapshot, after: GraphIndex, graph: GraphPort, *, round_number: int, at: str,
         clusters: Sequence[str] = (),
         projects: Mapping[str, tuple[Sequence[ProjectRow], Sequence[ProjectRow]]] | None = None) -> Digest:
    """The digest of a round from the snapshot before it and the index after it."""
    differ = _Differ(before, after, graph)
    digest = Digest(round=round_number, at=at, added=len(differ.new_articles))
    digest.articles = sorted((link(after.snapshot.articles[a], graph) for a in differ.new_articles),
                             key=lambda a: (a.published or dt.date.min, a.title))
    digest.organizations = differ.organizations()
    digest.appointments, digest.sites = differ.relations()
    for cluster_id in clusters:
        if cluster_id not in after.snapshot.entities:
            continue
        members = subject_members(after, cluster_id)
        places = after.area(cluster_id).places
        part = ClusterDigest(cluster_id, after.name(cluster_id))
        part.organizations = [i for i in digest.organizations if i.id in members]
        part.appointments = [i for i in digest.appointments if i.entities[1] in members]
        part.sites = [i for i in digest.sites if i.entities[1] in places or i.entities[0] in members]
        if projects and cluster_id in projects:
            part.projects = project_changes(*projects[cluster_id], after, cluster_id, graph)
            digest.projects.extend(part.projects)
        digest.clusters.append(part)
    return digest
