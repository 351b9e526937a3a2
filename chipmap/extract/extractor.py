"""Article in, ``ArticleExtraction`` out: the extraction stage's public face.

``read_doc`` is a pure function of a parsed doc, the article and the atlas; the
``Extractor`` only owns the spaCy pipeline and batching.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from chipmap.atlas import Atlas, default_atlas
from chipmap.extract.chinese import ChineseReader, is_chinese
from chipmap.extract.context import Context
from chipmap.extract.coref import Entity, group_mentions
from chipmap.extract.events import event_date, event_place
from chipmap.extract.mentions import bracketed_units, collect_mentions, disambiguate, nested_orgs
from chipmap.extract.nlp import get_pipeline
from chipmap.extract.relations import Link, located_in, part_of, subsidiary_of
from chipmap.extract.segments import org_segments
from chipmap.extract.titles import find_positions
from chipmap.records import (
    Article,
    ArticleExtraction,
    Event,
    Evidence,
    Organization,
    Person,
    Place,
    Relation,
)

#: Bumped whenever extraction output changes for the same input.
EXTRACTOR_VERSION = "0.1.0"


def _evidence(ctx: Context, entity: Entity, limit: int = 3) -> list[Evidence]:
    sents = sorted({m.sent for m in entity.mentions})[:limit]
    return [ctx.evidence(s) for s in sents]


def _confidence(entity: Entity) -> float:
    base = 0.9 if entity.atlas_id else 0.7
    return round(min(0.99, base + 0.02 * (len(entity.mentions) - 1)), 2)


def _relation(ctx: Context, link: Link) -> Relation:
    return Relation(
        type=link.type,
        head=link.head.name,
        tail=link.tail.name,
        evidence=[ctx.evidence(link.sent)],
        confidence=link.confidence,
    )


def read_doc(doc: Doc, article: Article, atlas: Atlas) -> ArticleExtraction:
    """Everything the article states, from its parsed doc."""
    mentions = disambiguate(collect_mentions(doc, atlas), atlas)
    mentions = nested_orgs(doc, bracketed_units(doc, mentions), atlas)
    entities = group_mentions(mentions, doc.text)
    ctx = Context(doc=doc, entities=entities, atlas=atlas, published=article.published)
    result = ArticleExtraction(id=article.id)
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(rel: Relation) -> None:
        key = (rel.type, rel.head, rel.tail)
        if key not in seen and rel.head != rel.tail:
            seen.add(key)
            relations.append(rel)

    positions = find_positions(ctx)
    for person in ctx.of_type("person"):
        titles = list(dict.fromkeys(p.title for p in positions if p.person is person))
        result.people.append(
            Person(name=person.name, aliases=person.aliases, titles=titles,
                   evidence=_evidence(ctx, person), confidence=_confidence(person))
        )
    for pos in positions:
        if pos.body is not None:
            add(Relation(type="holds_position", head=pos.person.name, tail=pos.body.name,
                         title=pos.role, evidence=[ctx.evidence(pos.sent)], confidence=0.8))
    for org in ctx.of_type("org"):
        segments, seg_sent = org_segments(ctx, org)
        result.organizations.append(
            Organization(name=org.name, aliases=org.aliases, kind=org.kind or "company",
                         segments=segments, atlas_id=org.atlas_id or None,
                         evidence=_evidence(ctx, org), confidence=_confidence(org))
        )
        for seg in segments:
            ev = [ctx.evidence(seg_sent)] if seg_sent is not None else _evidence(ctx, org, 1)
            add(Relation(type="operates_in", head=org.name, tail=seg, evidence=ev,
                         confidence=0.9 if seg_sent is None else 0.7))
    for place in ctx.of_type("place"):
        result.places.append(
            Place(name=place.name, aliases=place.aliases, kind=place.kind or "city",
                  atlas_id=place.atlas_id or None, evidence=_evidence(ctx, place),
                  confidence=_confidence(place))
        )
    for event in ctx.of_type("event"):
        where = event_place(ctx, event)
        result.events.append(
            Event(name=event.name, date=event_date(ctx, event), place=where.name if where else None,
                  evidence=_evidence(ctx, event), confidence=0.7)
        )
    for link in [*located_in(ctx), *part_of(ctx), *subsidiary_of(ctx)]:
        add(_relation(ctx, link))
    result.relations = relations
    return result


class Extractor:
    """Reads articles with one spaCy pipeline and the atlas."""

    def __init__(self, *, model: str | None = None, atlas: Atlas | None = None,
                 nlp: Language | None = None) -> None:
        self.atlas = atlas or default_atlas()
        self.nlp = nlp or get_pipeline(model)

    @cached_property
    def chinese(self) -> ChineseReader:
        """The reader for articles written in Chinese (built on first use)."""
        return ChineseReader(self.atlas)

    def extract(self, article: Article) -> ArticleExtraction:
        """What one article yields."""
        if is_chinese(article.text):
            return self.chinese.read(article)
        return read_doc(self.nlp(article.text), article, self.atlas)

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 32,
                     n_process: int = 1) -> Iterator[tuple[Article, ArticleExtraction]]:
        """Each article with what it yields, in input order, batched (and in parallel when
        n_process > 1). Chinese articles skip the English pipeline (an empty text goes through
        it so that order is kept)."""
        pairs = (("" if is_chinese(a.text) else a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                          n_process=n_process):
            if not doc.text and article.text:
                yield article, self.chinese.read(article)
            else:
                yield article, read_doc(doc, article, self.atlas)
