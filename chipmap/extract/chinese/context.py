"""What the Chinese relation rules read: one article's entities, mentions, posts and places.

Built once per article by the reader, so that each rule is a pure function of
(context, sentence) and can be tested on a sentence written for the test.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from chipmap.atlas import Atlas
from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.grouping import ZhEntity
from chipmap.extract.chinese.lexicon import Lexicon, lexicon
from chipmap.records import Article, Evidence

#: Place levels, outermost first, for "which of two places contains the other".
LEVEL = {"country": 0, "region": 0, "province": 1, "city": 2, "district": 3}
#: Endings of zones and parks (places that are not administrative divisions).
ZONE_ENDINGS = ("开发区", "经开区", "高新区", "新区", "园区", "产业园", "科技园", "科学城", "新城", "保税区",
                "综保区", "自贸区", "特区", "合作区", "经济区", "示范区", "光谷")
PARK_ENDINGS = ("产业园", "园区", "科技园")


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of the text naming an entity."""

    start: int
    end: int
    entity: ZhEntity
    inner: bool = False  # a prefix place inside a longer place name


@dataclass(slots=True)
class Position:
    """A post a person holds, with the body it belongs to and how that body was found."""

    person: ZhEntity
    body: ZhEntity | None
    role: str
    written: str  # the post as written, body included
    sent: int
    how: str  # the holds_position rule that stands for this way of finding the body


@dataclass
class ChineseContext:
    """An article's entities and the look-ups rules need."""

    article: Article
    text: str  # folded to half-width; offsets are the article's
    sentences: list[tuple[int, int]]
    entities: list[ZhEntity]
    mentions: list[Mention]
    atlas: Atlas
    atlas_codes: dict[str, str] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    lex: Lexicon = field(default_factory=lexicon)
    memo: dict[str, object] = field(default_factory=dict)  # per-article results rules share

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        self._starts = [s for s, _ in self.sentences]
        self._at_start: dict[int, Mention] = {}
        self._at_end: dict[int, Mention] = {}
        for m in self.mentions:
            if not m.inner:
                self._at_start.setdefault(m.start, m)
                self._at_end.setdefault(m.end, m)

    # -- sentences and mentions -------------------------------------------------------------
    def sent_of(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)

    def evidence(self, sent: int) -> Evidence:
        start, end = self.sentences[sent]
        return Evidence(sentence=self.article.text[start:end], start=start, end=end)

    def in_sentence(self, sent: int, *, inner: bool = False) -> list[Mention]:
        """Mentions of one sentence in text order (prefix places left out unless ``inner``)."""
        found = self._by_sentence.get(sent, [])
        return found if inner else [m for m in found if not m.inner]

    @cached_property
    def _by_sentence(self) -> dict[int, list[Mention]]:
        table: dict[int, list[Mention]] = {}
        for m in self.mentions:
            table.setdefault(self.sent_of(m.start), []).append(m)
        return table

    def starting_at(self, pos: int) -> Mention | None:
        return self._at_start.get(pos)

    def ending_at(self, pos: int) -> Mention | None:
        return self._at_end.get(pos)

    def of_type(self, entity_type: str) -> list[ZhEntity]:
        return [e for e in self.entities if e.type == entity_type]

    def first_in(self, sent: int, entity_type: str) -> list[ZhEntity]:
        """Entities of a type first named in sentence ``sent`` (rules that state a fact once
        per entity attach it to that sentence)."""
        return self._first_in.get((sent, entity_type), [])

    @cached_property
    def _first_in(self) -> dict[tuple[int, str], list[ZhEntity]]:
        table: dict[tuple[int, str], list[ZhEntity]] = {}
        for entity in self.entities:
            if entity.spans:
                table.setdefault((self.sent_of(entity.first), entity.type), []).append(entity)
        return table

    def sentence_text(self, sent: int) -> str:
        start, end = self.sentences[sent]
        return self.text[start:end]

    # -- the places and bodies the article is about ------------------------------------------
    def _dominant(self, candidates: list[ZhEntity]) -> ZhEntity | None:
        if not candidates:
            return None
        counts = Counter({e.key: len(e.spans) for e in candidates})
        best = max(counts.values())
        return min((e for e in candidates if counts[e.key] == best), key=lambda e: e.first)

    def _real(self, entity: ZhEntity) -> bool:
        return self.visible(entity)

    @staticmethod
    def visible(entity: ZhEntity) -> bool:
        """Whether the article names the entity in its own right: a place seen only as the
        prefix of a zone's name (苏州 in 苏州工业园区) is not, unless written in full (北京市)."""
        return not entity.inner_only or entity.name.endswith(("市", "省", "区", "县"))

    @cached_property
    def city(self) -> ZhEntity | None:
        """The city the article is about: the most often named prefecture-level city."""
        cities = [e for e in self.of_type("place") if e.kind == "city" and self._real(e)]
        prefectures = [e for e in cities if self.level_of_code(e) != 3]
        return self._dominant(prefectures or cities)

    @cached_property
    def province(self) -> ZhEntity | None:
        return self._dominant([e for e in self.of_type("place") if e.kind == "province"])

    @cached_property
    def district(self) -> ZhEntity | None:
        """The county or district the article is about (for bare 区长, 区委书记 posts)."""
        return self._dominant([e for e in self.of_type("place") if e.kind == "district"
                               and e.name.endswith(("区", "县")) and not self.is_zone(e)])

    @cached_property
    def zone(self) -> ZhEntity | None:
        """The development zone or park the article is about (for bare 园区, 管委会 posts)."""
        return self._dominant([e for e in self.of_type("place") if self.is_zone(e)])

    def dominant_org(self, kind: str, *, ending: str = "", exclude: tuple[ZhEntity, ...] = ()) -> ZhEntity | None:
        orgs = [e for e in self.of_type("org") if e.kind == kind and e not in exclude]
        if ending:
            orgs = [e for e in orgs if e.name.endswith(ending)] or orgs
        return self._dominant(orgs)

    def is_zone(self, entity: ZhEntity) -> bool:
        return entity.type == "place" and (entity.name.endswith(ZONE_ENDINGS) or (entity.kind == "district"
                                           and not entity.code and not entity.name.endswith(("区", "县", "镇"))))

    def level(self, entity: ZhEntity) -> int:
        """0 region/country ... 3 district; parks nest inside zones (4)."""
        if entity.name.endswith(PARK_ENDINGS):
            return 4
        return LEVEL.get(entity.kind, 2)

    def level_of_code(self, entity: ZhEntity) -> int:
        code = entity.code or self.atlas_codes.get(entity.atlas_id, "")
        division = divisions().by_code.get(code)
        return division.level if division else 0

    # -- nesting of places -----------------------------------------------------------------
    @cached_property
    def _by_code(self) -> dict[str, ZhEntity]:
        out: dict[str, ZhEntity] = {}
        for e in self.of_type("place"):
            code = e.code or self.atlas_codes.get(e.atlas_id, "")
            if code:
                out.setdefault(code, e)
        return out

    @cached_property
    def _by_atlas(self) -> dict[str, ZhEntity]:
        return {e.atlas_id: e for e in self.entities if e.atlas_id}

    def enclosing(self, place: ZhEntity) -> list[tuple[ZhEntity, str]]:
        """Places of this article that contain ``place``, nearest first, each with its source
        ("atlas" or "codes")."""
        out: list[tuple[ZhEntity, str]] = []
        if place.atlas_id:
            for ancestor in self.atlas.ancestors(place.atlas_id):
                hit = self._by_atlas.get(ancestor) or self._by_code.get(self.atlas_codes.get(ancestor, ""))
                if hit is not None and hit is not place:
                    out.append((hit, "atlas"))
        code = place.code or self.atlas_codes.get(place.atlas_id, "")
        division = divisions().by_code.get(code)
        if division is not None:
            for parent in divisions().parents(division):
                hit = self._by_code.get(parent.code)
                if hit is not None and hit is not place and all(hit is not h for h, _ in out):
                    out.append((hit, "codes"))
        return out

    def prefix_parent(self, place: ZhEntity) -> ZhEntity | None:
        """The nearest place written in front of ``place``'s name (宁波市北仑区 -> 宁波), or, for a
        prefix the article names only inside the name, that prefix's own enclosing division."""
        best: tuple[int, ZhEntity] | None = None
        for other in self.of_type("place"):
            if other is place or self.level(other) > self.level(place):
                continue
            stems = set(other.forms) | {f[:-1] for f in other.forms if len(f) >= 3 and f[-1] in "市省区县"}
            for form in stems:
                if len(form) >= 2 and any(len(f) > len(form) and (f.startswith(form) or self._after_prefix(f, form))
                                          for f in place.forms) \
                        and (best is None or len(form) > best[0]):
                    best = (len(form), other)
        if best is not None and not best[1].inner_only:
            return best[1]
        if best is not None and best[1].name.endswith(("市", "省", "区", "县")):
            return best[1]
        divs = divisions()
        for form in place.forms:
            for size in range(min(len(form) - 2, 8), 1, -1):
                found = divs.named(form[:size])
                if not found:
                    continue
                for parent in divs.parents(found[0]):
                    hit = self._by_code.get(parent.code)
                    if hit is not None and hit is not place:
                        return hit
                break
        return None

    def _after_prefix(self, name: str, stem: str) -> bool:
        """True when ``name`` is [a division name][stem]... (宁波市[北仑]开发区)."""
        divs = divisions()
        for size in range(2, min(len(name) - len(stem), 8) + 1):
            if name[size:].startswith(stem) and divs.named(name[:size]):
                return True
        return False

    def segment(self, name: str) -> ZhEntity:
        """The tail of an operates_in relation: a segment, carried as a pseudo-entity."""
        key = f"segment:{name}"
        entity = self.memo.get(key)
        if not isinstance(entity, ZhEntity):
            entity = ZhEntity("segment", "", key, forms={name: None})
            self.memo[key] = entity
        return entity
