"""Hide one organisation's presence in one cluster from every input the scorers see.

A backtest case asks "would the scorer have found this city for this company if
the graph did not know the company is there?". Hiding is honest only if nothing
that names the site is left, so for a case (organisation ``X``, cluster ``C``):

- the **family** is ``X``'s whole group: the top of its ``subsidiary_of`` chain
  and every firm below it; a subsidiary named after the site ("X Wuxi") is the
  site under another name, and a sister company often runs the same site;
- every **article** that mentions a family member and a place of ``C``'s area is
  removed with the store's own ``Graph.remove`` (evidence, mentions, events, and
  every relation it alone supported), on a copy of the built database;
- every remaining ``located_in`` fact from a family member into ``C``'s area
  (these are atlas facts now: headquarters or sites) is dropped from the
  snapshot: exactly what re-seeding an atlas without those sites does.
  ``verify`` checks that claim against a real re-seed on sample cases.

Everything else about the company stays: its segments, headquarters, other
sites and the news about them.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chipmap.analyze import GraphIndex
from chipmap.atlas import Atlas
from chipmap.graph_records import Snapshot
from chipmap.store import open_database, open_graph, seed_atlas
from chipmap.vocab import ORG_PREFIX


@dataclass(frozen=True, slots=True)
class Hidden:
    """What one case hid: the family, the cluster's places, the articles and facts taken out."""

    org_id: str
    cluster_id: str
    family: frozenset[str]
    places: frozenset[str]
    articles: tuple[str, ...]
    relations: tuple[str, ...]  # ids of the located_in facts dropped after the articles went


def family(index: GraphIndex, org_id: str) -> set[str]:
    """The organisation's whole group: the top of its ``subsidiary_of`` chain of companies and
    everything below it.

    Sister companies count: a group often runs one site through several of its firms. The
    chain stops below owners that are not companies (a ministry, a university, a fund), whose
    holdings are no group.
    """
    root, seen = org_id, {org_id}
    while parents := [r.tail_id for r in index.by_head.get(root, ())
                      if r.type == "subsidiary_of" and r.tail_id not in seen
                      and (owner := index.entity(r.tail_id)) is not None and owner.kind == "company"]:
        root = sorted(parents)[0]
        seen.add(root)
    found, stack = {root}, [root]
    while stack:
        for relation in index.by_tail.get(stack.pop(), ()):
            if relation.type == "subsidiary_of" and relation.head_id not in found:
                found.add(relation.head_id)
                stack.append(relation.head_id)
    return found | seen


@dataclass
class DemoGraph:
    """A built graph and what hiding needs from it: its snapshot and who is mentioned where."""

    db: Path
    snapshot: Snapshot = field(init=False)
    index: GraphIndex = field(init=False)
    _mentions: dict[str, set[str]] = field(default_factory=dict, init=False)
    _work: Path = field(init=False)

    def __post_init__(self) -> None:
        with open_graph(self.db) as graph:
            self.snapshot = graph.snapshot()
        self.index = GraphIndex.build(self.snapshot)
        self._work = Path(tempfile.mkdtemp(prefix="chipmap-backtest-"))

    def close(self) -> None:
        """Delete the working copies."""
        shutil.rmtree(self._work, ignore_errors=True)

    def mentions(self, entity_id: str) -> set[str]:
        """Ids of the articles that mention the entity (mentions and events, as the store keeps them)."""
        if entity_id not in self._mentions:
            with open_graph(self.db) as graph:
                self._mentions[entity_id] = {a.id for a in graph.articles(entity=entity_id, limit=100_000)}
        return self._mentions[entity_id]

    def plan(self, org_id: str, cluster_id: str) -> tuple[set[str], frozenset[str], list[str]]:
        """The family, the cluster's places and the articles that name the family there."""
        members = family(self.index, org_id)
        places = self.index.area(cluster_id).places
        named_family = set().union(*(self.mentions(m) for m in members))
        named_place = set().union(*(self.mentions(p) for p in places)) if places else set()
        return members, places, sorted(named_family & named_place)

    def _without_articles(self, articles: Iterable[str]) -> Snapshot:
        wanted = list(articles)
        if not wanted:
            return self.snapshot
        copy = self._work / "case.db"
        shutil.copyfile(self.db, copy)
        with open_graph(copy) as graph:
            for article_id in wanted:
                graph.remove(article_id)
            return graph.snapshot()

    def hide(self, org_id: str, cluster_id: str) -> tuple[Snapshot, Hidden]:
        """The snapshot without the organisation's family in the cluster, and what was hidden."""
        members, places, articles = self.plan(org_id, cluster_id)
        base = self._without_articles(articles)
        dropped = [r.id for r in base.relations
                   if r.type == "located_in" and r.head_id in members and r.tail_id in places]
        gone = set(dropped)
        relations = [r for r in base.relations if r.id not in gone]
        headquarters = {o: p for o, p in base.headquarters.items() if not (o in members and p in places)}
        snapshot = dataclasses.replace(base, relations=relations, headquarters=headquarters)
        return snapshot, Hidden(org_id, cluster_id, frozenset(members), places, tuple(articles), tuple(dropped))

    def verify(self, atlas: Atlas, org_id: str, cluster_id: str) -> list[str]:
        """Differences between ``hide`` and the real thing (remove the articles, re-seed an atlas
        without the family's places in the cluster) on one case; empty when they agree."""
        hidden_snapshot, hidden = self.hide(org_id, cluster_id)
        orgs = dict(atlas.orgs)
        for member in hidden.family:
            entry = orgs.get(member)
            if entry is None:
                continue
            sites = [s for s in entry.sites if s.place not in hidden.places]
            head = entry.headquarters if entry.headquarters not in hidden.places else None
            orgs[member] = entry.model_copy(update={"sites": sites, "headquarters": head})
        reduced = Atlas(orgs=orgs, places=dict(atlas.places))
        copy = self._work / "verify.db"
        shutil.copyfile(self.db, copy)
        with open_graph(copy) as graph:
            for article_id in hidden.articles:
                graph.remove(article_id)
        database = open_database(copy)
        try:
            seed_atlas(database, reduced, force=True)
        finally:
            database.engine.dispose()
        with open_graph(copy) as graph:
            reseeded = graph.snapshot()
        return _differences(hidden_snapshot, reseeded)


def _differences(ours: Snapshot, real: Snapshot) -> list[str]:
    def key(snapshot: Snapshot) -> dict[tuple[str, str, str, str | None], tuple[tuple[str, ...], int]]:
        return {(r.type, r.head_id, r.tail_id, r.title): (r.article_ids, r.evidence_count)
                for r in snapshot.relations}

    a, b = key(ours), key(real)
    problems = [f"only hidden: {k}" for k in sorted(a.keys() - b.keys(), key=str)]
    problems += [f"only re-seeded: {k}" for k in sorted(b.keys() - a.keys(), key=str)]
    problems += [f"support differs: {k}: {a[k]} vs {b[k]}" for k in sorted(a.keys() & b.keys(), key=str)
                 if a[k] != b[k]]
    if ours.headquarters != real.headquarters:
        problems.append("headquarters differ")
    orgs = {k for k, e in ours.entities.items() if k.startswith(ORG_PREFIX)}
    if orgs != {k for k in real.entities if k.startswith(ORG_PREFIX)}:
        problems.append("organisations differ")
    return problems


__all__ = ["DemoGraph", "Hidden", "family"]
