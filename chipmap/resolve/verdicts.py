"""A reviewer's verdicts on pairs of entities, replayed by resolution on every build.

A verdict says two entities are the same body (``same``) or are not
(``different``). It names each side by the entity's id and every name it went
by when the reviewer judged it, not by the id alone: a rebuild from scratch
may give a news-only entity another id (``org:x-foo-2``), but its names come
back with the articles. The store keeps verdicts in their own table, apart from
anything extraction writes (``chipmap.store.review``), and a build hands them to
the resolver as a ``Verdicts``:

- ``same``: a mention none of whose names is known yet, but which a verdict ties
  to a known entity, resolves to that entity (reason ``review``). Verdicts chain:
  A = B and B = C put all three together.
- ``different``: fuzzy and acronym merges and review candidates between the two
  sides are vetoed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chipmap.resolve.names import name_key

if TYPE_CHECKING:
    from chipmap.resolve.index import IndexView, KnownEntity
    from chipmap.resolve.resolver import Decision, Mention

VERDICTS: tuple[str, ...] = ("same", "different")


@dataclass(frozen=True, slots=True)
class Side:
    """One entity of a judged pair: its id then, its canonical name and every name it had."""

    id: str
    name: str
    names: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        """Name keys of every name of this side."""
        return {k for k in (name_key(n) for n in (self.name, *self.names)) if k}


@dataclass(frozen=True, slots=True)
class Verdict:
    """A reviewer's judgement on two entities of one type."""

    type: str
    verdict: str  # same | different
    first: Side
    second: Side
    score: float = 0.0
    reason: str = ""
    note: str = ""
    decided: str = ""  # ISO timestamp

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {', '.join(VERDICTS)}")

    @property
    def same(self) -> bool:
        return self.verdict == "same"


Node = tuple[str, str, str]  # ("id" | "key", entity type, value)


@dataclass
class Verdicts:
    """Verdicts indexed for resolution: groups of nodes (ids, name keys) judged one entity, and vetoes."""

    _parent: dict[Node, Node] = field(default_factory=dict)
    _merged: set[Node] = field(default_factory=set)  # roots of groups that hold a "same" verdict
    _apart: set[frozenset[Node]] = field(default_factory=set)
    _members: dict[Node, list[Node]] = field(default_factory=dict)
    count: int = 0

    @classmethod
    def of(cls, verdicts: Iterable[Verdict]) -> Verdicts:
        """Index the verdicts (later verdicts on the same pair win: the store keeps one per pair)."""
        index = cls()
        listed = list(verdicts)
        index.count = len(listed)
        for verdict in listed:
            for side in (verdict.first, verdict.second):
                index._join(index._side_nodes(verdict.type, side))
        for verdict in listed:
            if verdict.same:
                first = index._side_nodes(verdict.type, verdict.first)
                index._join([*first, *index._side_nodes(verdict.type, verdict.second)])
        for verdict in listed:
            if verdict.same:
                index._merged.add(index._root(("id", verdict.type, verdict.first.id)))
        for verdict in listed:
            if not verdict.same:
                a = index._root(("id", verdict.type, verdict.first.id))
                b = index._root(("id", verdict.type, verdict.second.id))
                if a != b:
                    index._apart.add(frozenset((a, b)))
        for node in list(index._parent):
            index._members.setdefault(index._root(node), []).append(node)
        return index

    def __bool__(self) -> bool:
        return self.count > 0

    # -- union-find -----------------------------------------------------------------------------

    @staticmethod
    def _side_nodes(entity_type: str, side: Side) -> list[Node]:
        return [("id", entity_type, side.id), *(("key", entity_type, k) for k in sorted(side.keys()))]

    def _root(self, node: Node) -> Node:
        parent = self._parent.get(node, node)
        if parent == node:
            return node
        root = self._root(parent)
        self._parent[node] = root
        return root

    def _join(self, nodes: list[Node]) -> None:
        for node in nodes:
            self._parent.setdefault(node, node)
        first = self._root(nodes[0])
        for node in nodes[1:]:
            root = self._root(node)
            if root != first:
                self._parent[root] = first

    def _roots(self, entity_type: str, keys: Iterable[str], ids: Iterable[str] = ()) -> Iterator[Node]:
        for node in [*(("id", entity_type, i) for i in ids), *(("key", entity_type, k) for k in keys)]:
            if node in self._parent:
                yield self._root(node)

    # -- what resolution asks -------------------------------------------------------------------

    def route(self, mention: Mention, view: IndexView) -> Decision | None:
        """The known entity a ``same`` verdict makes this mention, or None."""
        from chipmap.resolve.resolver import Decision

        keys = [name_key(form) for form in mention.forms]
        for root in dict.fromkeys(self._roots(mention.type, keys)):
            if root not in self._merged:
                continue
            members = self._members.get(root, [])
            found = sorted({value for kind, _, value in members if kind == "id" and value in view})
            if not found:
                found = sorted({i for kind, _, value in members if kind == "key"
                                for i in view.lookup(mention.type, value)})
            if found:
                chosen = sorted(found, key=lambda i: (not getattr(view.get(i), "atlas_id", None), i))[0]
                entity = view.get(chosen)
                return Decision(chosen, "review", detail=f"judged the same as {entity.name if entity else chosen!r}")
        return None

    def apart(self, mention: Mention, entity: KnownEntity) -> bool:
        """True when a ``different`` verdict separates the mention from the entity."""
        if not self._apart:
            return False
        mine = set(self._roots(mention.type, [name_key(f) for f in mention.forms]))
        theirs = set(self._roots(entity.type, [name_key(entity.name)], [entity.id]))
        return any(frozenset((a, b)) in self._apart for a in mine for b in theirs)

    def apart_ids(self, entity_type: str, first: str, second: str) -> bool:
        """True when a ``different`` verdict separates two entities by id."""
        a = set(self._roots(entity_type, [], [first]))
        b = set(self._roots(entity_type, [], [second]))
        return any(frozenset((x, y)) in self._apart for x in a for y in b)
