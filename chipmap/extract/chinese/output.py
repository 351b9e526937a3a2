"""The one place where a Chinese reading becomes an ``ArticleExtraction``.

Entities become people, organisations and places (a place seen only inside a longer place's
name is left out), each link a ``Relation`` that names its rule; posts of one person in one
body become one holds_position relation whose title joins the roles with "、", and a company's
segments are exactly its operates_in relations. Later stages (the projects reader) add their
part to the result here, after the relations.
"""

from __future__ import annotations

from collections.abc import Iterable

from chipmap.extract.chinese.context import ChineseContext
from chipmap.extract.chinese.grouping import ZhEntity
from chipmap.extract.rules import Link
from chipmap.records import ArticleExtraction, Evidence, Organization, Person, Place, Relation
from chipmap.vocab import ORG_KINDS, PLACE_KINDS


def _evidence(ctx: ChineseContext, entity: ZhEntity, limit: int = 2) -> list[Evidence]:
    sents = sorted({ctx.sent_of(s) for s, _ in entity.spans})[:limit]
    return [ctx.evidence(s) for s in sents if ctx.sentences]


def _confidence(entity: ZhEntity) -> float:
    base = 0.9 if entity.atlas_id else 0.7
    return round(min(0.98, base + 0.02 * (len(entity.spans) - 1)), 2)


def assemble(ctx: ChineseContext, links: Iterable[Link[ZhEntity]]) -> ArticleExtraction:
    """The extraction of one article from its context and the links its rules found."""
    result = ArticleExtraction(id=ctx.article.id)
    shown = [e for e in ctx.entities if e.type != "segment" and ctx.visible(e)]
    visible = {id(e) for e in shown}
    relations: dict[tuple[str, str, str], Relation] = {}
    segments: dict[int, list[str]] = {}
    for link in links:
        if id(link.head) not in visible or (link.tail.type != "segment" and id(link.tail) not in visible):
            continue
        head, tail = link.head.name, link.tail.name
        if head == tail:
            continue
        key = (link.type, head, tail)
        known = relations.get(key)
        if known is not None:
            if link.title and known.title and link.title not in known.title.split("、"):
                known.title = f"{known.title}、{link.title}"
            continue
        relations[key] = Relation(type=link.type, head=head, tail=tail, title=link.title,
                                  evidence=[ctx.evidence(link.sent)], confidence=link.confidence,
                                  rule=link.rule)
        if link.type == "operates_in":
            segments.setdefault(id(link.head), []).append(tail)
    titles: dict[int, list[str]] = {}
    for position in ctx.positions:
        titles.setdefault(id(position.person), [])
        if position.written not in titles[id(position.person)]:
            titles[id(position.person)].append(position.written)
    for entity in shown:
        evidence, confidence = _evidence(ctx, entity), _confidence(entity)
        if entity.type == "person":
            result.people.append(Person(name=entity.name, aliases=entity.aliases,
                                        titles=titles.get(id(entity), []), evidence=evidence,
                                        confidence=confidence))
        elif entity.type == "org":
            kind = entity.kind if entity.kind in ORG_KINDS else "other"
            result.organizations.append(Organization(
                name=entity.name, aliases=entity.aliases, kind=kind,
                segments=segments.get(id(entity), []), atlas_id=entity.atlas_id or None,
                evidence=evidence, confidence=confidence))
        elif entity.type == "place":
            kind = entity.kind if entity.kind in PLACE_KINDS else "district"
            result.places.append(Place(name=entity.name, aliases=entity.aliases, kind=kind,
                                       atlas_id=entity.atlas_id or None, evidence=evidence,
                                       confidence=confidence))
    result.relations = list(relations.values())
    return result
