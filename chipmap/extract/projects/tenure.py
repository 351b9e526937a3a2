"""Past positions: ``holds_position`` relations the text itself marks as former.

A position is former when its title says so ("former CEO", "ex-chairman", 原董事长, 前任总裁)
or when the sentence that states it puts it in the past for that person ("X, who
previously served as ...", "X stepped down as ...", "X resigned", 辞任, 曾任, 卸任). Only
what the sentence says is used; that a later appointment ends an earlier one is decided
over the graph (``chipmap.analyze.positions``), not here.
"""

from __future__ import annotations

import re

from chipmap.records import Relation

_FORMER_TITLE = re.compile(r"^(?:former|ex-|ex |retired|then-|previous|erstwhile|late)\b|^(?:原|前任|前)", re.I)
_PAST_CUES = re.compile(
    r"\b(?:formerly|previously (?:served|worked)|used to be|stepped down|step down|resigned|retired|"
    r"left (?:the|his|her) (?:post|position|job)|was replaced|succeeded by|ousted|removed as)\b|"
    r"辞任|辞去|卸任|离任|曾任|原任|已退休|不再担任", re.I)


def is_former(relation: Relation, person_forms: list[str] | None = None) -> bool:
    """True when the title or the sentence of a ``holds_position`` puts it in the past."""
    if relation.type != "holds_position":
        return False
    if relation.title and _FORMER_TITLE.search(relation.title.strip()):
        return True
    forms = [f for f in (person_forms or [relation.head]) if f]
    for evidence in relation.evidence:
        sentence = evidence.sentence
        for form in forms:
            at = sentence.find(form)
            if at < 0:
                continue
            # the cue must be about this person: in the words right around the name
            window = sentence[max(0, at - 25):at + len(form) + 45]
            if _PAST_CUES.search(window) and not re.search(r"\b(?:became|becomes|appointed|named|new)\b", window, re.I):
                return True
    return False


def mark_former(relations: list[Relation], people: dict[str, list[str]] | None = None) -> list[Relation]:
    """The relations with ``former`` set on past positions (others unchanged)."""
    out = []
    for relation in relations:
        forms = (people or {}).get(relation.head)
        if relation.type == "holds_position" and not relation.former and is_former(relation, forms):
            relation = relation.model_copy(update={"former": True})
        out.append(relation)
    return out
