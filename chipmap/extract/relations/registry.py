"""The English rule registry: every English relation rule registers here.

Rules are pure functions ``(ctx, sentence index) -> Found``; the registry gives each the
name, relation type and confidence it was registered with (``chipmap.extract.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.rules import RuleRegistry


@dataclass(frozen=True, slots=True)
class ChainSegment:
    """An industry-chain segment as the tail of ``operates_in`` ("design", "equipment")."""

    name: str


#: What an English rule's facts join: entities, and for operates_in a chain segment.
Node = Entity | ChainSegment

ENGLISH: RuleRegistry[Context, Node] = RuleRegistry(language="en")
