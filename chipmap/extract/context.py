"""What the relation rules need to know about one read article.

Built once per article from the doc and its entities, so each rule is a pure
function of (context) -> facts and can be tested on a hand-made sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from chipmap.atlas import Atlas
from chipmap.extract.coref import Entity
from chipmap.extract.mentions import Mention
from chipmap.records import Evidence

PLACE_LEVEL = {"region": 0, "country": 0, "province": 1, "city": 2, "district": 3}
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Item:
    """One outermost mention in a sentence: the entity and the tokens it covers."""

    entity: Entity
    start: int
    end: int


@dataclass
class Context:
    """An article's doc, entities and look-ups from tokens to the entity they belong to."""

    doc: Doc
    entities: list[Entity]
    atlas: Atlas
    published: dt.date | None = None
    by_token: dict[int, tuple[Entity, Mention]] = field(default_factory=dict)
    sents: list[Span] = field(default_factory=list)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _sent_of: list[int] = field(default_factory=list, repr=False)
    _items: dict[int, list[Item]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, doc: Doc, atlas: Atlas, published: dt.date | None = None) -> Context:
        """The context of a parsed doc: its mentions typed and cleaned, grouped into entities."""
        from chipmap.extract.coref import group_mentions
        from chipmap.extract.mentions import bracketed_units, collect_mentions, disambiguate, nested_orgs

        mentions = disambiguate(collect_mentions(doc, atlas), atlas)
        mentions = nested_orgs(doc, bracketed_units(doc, mentions), atlas)
        return cls(doc=doc, entities=group_mentions(mentions, doc.text), atlas=atlas, published=published)

    def __post_init__(self) -> None:
        self.sents = list(self.doc.sents)
        self._sent_of = [0] * len(self.doc)
        for index, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self._sent_of[i] = index
        pairs = [(e, m) for e in self.entities for m in e.mentions]
        # Longer mentions win a token: "School of Physics of Example University" over
        # the "Example University" nested in it.
        for entity, m in sorted(pairs, key=lambda p: p[1].token_end - p[1].token_start):
            for i in range(m.token_start, m.token_end):
                self.by_token[i] = (entity, m)

    def sent_index(self, token: Token) -> int:
        """The index of the sentence a token is in."""
        return self._sent_of[token.i]

    def at(self, token_index: int) -> tuple[Entity, Mention] | None:
        """The entity mentioned at this token, if any."""
        return self.by_token.get(token_index)

    def ending_at(self, token_index: int) -> tuple[Entity, Mention] | None:
        """The entity whose mention ends exactly before ``token_index``."""
        hit = self.by_token.get(token_index - 1)
        if hit and hit[1].token_end == token_index:
            return hit
        return None

    def starting_at(self, token_index: int) -> tuple[Entity, Mention] | None:
        hit = self.by_token.get(token_index)
        if hit and hit[1].token_start == token_index:
            return hit
        return None

    def items(self, sent_index: int) -> list[Item]:
        """Outermost mentions of a sentence in text order (a name nested in another is skipped)."""
        if sent_index not in self._items:
            out = [Item(e, m.token_start, m.token_end) for e in self.entities for m in e.mentions
                   if m.sent == sent_index]
            outer = [x for x in out if not any(
                y is not x and y.start <= x.start and x.end <= y.end and (y.end - y.start) > (x.end - x.start)
                for y in out
            )]
            self._items[sent_index] = sorted(outer, key=lambda x: x.start)
        return self._items[sent_index]

    def memo(self, key: str, compute: Callable[[Context], T]) -> T:
        """``compute(self)`` once per article: article-level readings several rules share."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        value: T = self._memo[key]
        return value

    def evidence(self, sent_index: int) -> Evidence:
        """The sentence as evidence (one record per sentence, shared by the facts it states)."""
        key = f"evidence.{sent_index}"
        if key not in self._memo:
            sent = self.sents[sent_index]
            self._memo[key] = Evidence(sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char)
        evidence: Evidence = self._memo[key]
        return evidence

    def tokens(self, sent_index: int, words: frozenset[str]) -> list[Token]:
        """Tokens of a sentence whose lower-case form is one of ``words`` (an index built once)."""
        if "tokens.index" not in self._memo:
            index: dict[str, list[int]] = {}
            for token in self.doc:
                index.setdefault(token.lower_, []).append(token.i)
            self._memo["tokens.index"] = index
        found: dict[str, list[int]] = self._memo["tokens.index"]
        sent = self.sents[sent_index]
        hits = sorted(i for w in words for i in found.get(w, ()) if sent.start <= i < sent.end)
        return [self.doc[i] for i in hits]

    def of_type(self, entity_type: str) -> list[Entity]:
        return [e for e in self.entities if e.type == entity_type]

    def dominant_city(self) -> Entity | None:
        """The city the article is about: the most mentioned city-level place."""
        counts: Counter[str] = Counter()
        cities = {e.key: e for e in self.of_type("place") if e.kind == "city"}
        for entity in cities.values():
            counts[entity.key] = len(entity.mentions)
        if not counts:
            return None
        return cities[counts.most_common(1)[0][0]]

    def level(self, entity: Entity) -> int:
        return PLACE_LEVEL.get(entity.kind, 2)
