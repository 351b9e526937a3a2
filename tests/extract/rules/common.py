"""One rule case: a hand-made sentence, the rule under test and the pairs it must find."""

from __future__ import annotations

from dataclasses import dataclass, field

from chipmap.extract.relations import ENGLISH
from tests.extract.handmade import Ent, hand_context


@dataclass(frozen=True)
class Case:
    rule: str
    annotated: str  # tokens, "/dep:head" where the rule reads the parse (tests/extract/handmade.py)
    ents: list[Ent]
    expected: set[tuple[str, str]]
    titles: dict[str, str] = field(default_factory=dict)  # person -> role, for holds_position


def links(case: Case) -> list[tuple[str, str, str | None]]:
    """(head, tail, title) of every fact the rule finds in the case's sentence."""
    ctx = hand_context(case.annotated, ents=case.ents)
    return [(link.head.name, link.tail.name, link.title)
            for link in ENGLISH.apply(ctx, range(len(ctx.sents)), only=[case.rule])]


def found(case: Case) -> set[tuple[str, str]]:
    return {(head, tail) for head, tail, _ in links(case)}
