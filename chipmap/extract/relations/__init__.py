"""English relations, one registered rule per sentence shape.

Each module registers the rules of one relation type in ``ENGLISH``
(``chipmap.extract.relations.registry``); ``find_links`` runs them all over an article.
A rule's name travels with every fact it makes (``Relation.rule``), so ``make eval`` can
print precision and recall per rule.
"""

from __future__ import annotations

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity

# Importing a rule module registers its rules, in this order.
from chipmap.extract.relations import holds_position as holds_position
from chipmap.extract.relations import located_in as located_in
from chipmap.extract.relations import operates_in as operates_in
from chipmap.extract.relations import part_of as part_of
from chipmap.extract.relations import subsidiary_of as subsidiary_of
from chipmap.extract.relations.registry import ENGLISH, ChainSegment, Node
from chipmap.extract.rules import Link

__all__ = ["ENGLISH", "ChainSegment", "Node", "find_links", "unit_kinds"]

#: Words opening the name of a unit that is of its parent's kind ("Department of ... at a university").
_UNIT_OPENERS = frozenset({"department", "school", "college", "faculty", "laboratory", "lab", "institute"})


def find_links(ctx: Context) -> list[Link[Node]]:
    """Every link the English rules find in the article, in rule-registration order."""
    return list(ENGLISH.apply(ctx, range(len(ctx.sents))))


def unit_kinds(links: list[Link[Node]]) -> dict[str, str]:
    """Kinds units take from their parent: "the Department of Physics at Example University" is
    academic like the university, whatever "department" alone suggests (entity key -> kind)."""
    out: dict[str, str] = {}
    for link in links:
        unit, parent = link.head, link.tail
        if link.type == "subsidiary_of" and isinstance(unit, Entity) and isinstance(parent, Entity) \
                and parent.kind == "academic" and unit.name.split()[0].lower() in _UNIT_OPENERS:
            out[unit.key] = "academic"
    return out
