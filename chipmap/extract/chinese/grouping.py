"""From candidate spans to entities: one entity per thing the article names, with its forms.

Two spans are one entity when they carry the same atlas id or division code (绍兴 and 绍兴市),
when their place keys agree (青岛市高新区 / 青岛高新区; 南通经济技术开发区 / 南通经开区; a zone
with and without its city prefix), or when one is a short form of the other: the text defines it
("(简称“明澜”)"), or it is the longer name without its legal suffix, its place prefix, its
industry word or with a known abbreviation (启明集团有限公司 / 启明集团, 江苏蓝岸半导体有限公司
/ 蓝岸, 中国科学院 / 中科院). A name with a place in brackets (汇川科技(成都)有限公司) is a
regional company of the bracket-less name, never the same entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.lexicon import Lexicon, lexicon
from chipmap.extract.chinese.spans import Cand
from chipmap.extract.chinese.text import is_han

#: Zone words that news writes in several lengths; each class compares as its shortest form.
_ZONE_CLASSES = (
    (("经济技术开发区", "经济开发区", "经开区", "开发区"), "经开区"),
    (("高新技术产业开发区", "高新技术开发区", "高新区"), "高新区"),
    (("综合保税区", "综保区"), "综保区"),
)
_BRACKET = re.compile(r"\(([^()]*)\)")
#: Words that name a zone after the zone's own name (亦庄新城 for the zone 亦庄).
_ZONE_WORDS = ("新城", "新区", "园区")


@dataclass(eq=False)
class ZhEntity:
    """One person, organisation or place of the article, with every form the text uses."""

    type: str
    kind: str
    key: str
    atlas_id: str = ""
    code: str = ""
    forms: dict[str, None] = field(default_factory=dict)  # ordered set, first seen first
    spans: list[tuple[int, int]] = field(default_factory=list)
    inner_only: bool = True  # every span is a prefix inside a longer place
    inner_spans: set[tuple[int, int]] = field(default_factory=set)
    _name: str | None = field(default=None, repr=False)
    _first: int | None = field(default=None, repr=False)

    def changed(self) -> None:
        """Forget the cached name and first offset (forms or spans were added)."""
        self._name = self._first = None

    @property
    def name(self) -> str:
        """The fullest form the text uses (a Chinese form before an English one)."""
        if self._name is None:
            self._name = self._pick_name()
        return self._name

    @property
    def first(self) -> int:
        if self._first is None:
            self._first = min(s for s, _ in self.spans)
        return self._first

    def _pick_name(self) -> str:
        order = list(self.forms)
        if self.type == "person":
            return order[0]  # the name as read after its title; later forms are 吴局长-style aliases
        return max(order, key=lambda f: (any(is_han(c) for c in f), len(f), -order.index(f)))

    @property
    def aliases(self) -> list[str]:
        return sorted(f for f in self.forms if f != self.name)

    def add(self, form: str, span: tuple[int, int], *, inner: bool = False) -> None:
        self.changed()
        self.forms.setdefault(form, None)
        if span in self.spans:
            inner = inner and span in self.inner_spans
        else:
            self.spans.append(span)
        self.inner_only = self.inner_only and inner
        if inner:
            self.inner_spans.add(span)
        else:
            self.inner_spans.discard(span)


def zone_key(name: str) -> str:
    """A zone's name with its zone word in the shortest form of its class."""
    endings = sorted(((w, short) for words, short in _ZONE_CLASSES for w in words), key=lambda p: -len(p[0]))
    for word, short in endings:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)] + short
    return name


def place_key(name: str, lex: Lexicon) -> str:
    """What two spellings of one place share: leading division names and their 市/省 dropped
    while a proper name is left (广州市增城区 -> 增城区, 青岛市高新区 -> 青岛高新区)."""
    divs = divisions()
    key = zone_key(name)
    changed = True
    while changed:
        changed = False
        for size in range(min(len(key) - 2, 8), 1, -1):
            head = key[:size]
            if not divs.named(head):
                continue
            rest = key[size:]
            if rest[:1] in "市省" and len(rest) > 1 and divs.named(head + rest[0]):
                candidate = head + rest[1:]
                if candidate != key:
                    key, changed = candidate, True
                    break
            if len(rest) >= 3 and rest not in lex.not_places and not rest.startswith(("市", "省")) \
                    and _proper(rest, lex):
                key, changed = rest, True
                break
    return key


def _proper(rest: str, lex: Lexicon) -> bool:
    """True when a zone name without its prefix still names something (not just 高新区)."""
    base = zone_key(rest)
    for _words, short in _ZONE_CLASSES:
        if base == short:
            return False
    for suffix in lex.place_suffixes:
        if rest == suffix or base == suffix:
            return False
    return len(base) >= 3


def strip_legal(name: str, lex: Lexicon) -> str:
    for suffix in lex.legal_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _strip_place(name: str) -> str:
    divs = divisions()
    for size in range(min(len(name) - 2, 6), 1, -1):
        if divs.named(name[:size]):
            rest = name[size:]
            return rest[1:] if rest[:1] in "市省" and len(rest) > 3 else rest
    return name


def _strip_industry(name: str, lex: Lexicon) -> str:
    for word in lex.industry_words:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)]
    return name


def _strip_leading_industry(name: str, lex: Lexicon) -> str:
    """"集成电路装备集团" -> "装备集团": a body's name without the industry words in front."""
    for word in lex.industry_words:
        rest = name[len(word) :]
        if name.startswith(word) and len(rest) >= 4 and rest.endswith(lex.name_suffixes):
            return rest
    return name


@lru_cache(maxsize=8192)
def short_forms(name: str, lex: Lexicon) -> frozenset[str]:
    """The forms news shortens an organisation's name to (see the module doc)."""
    if _BRACKET.search(name):
        inner = _BRACKET.search(name)
        assert inner is not None
        if divisions().named(inner.group(1)):
            return frozenset()  # a regional company: its short form is its parent's name
        name = _BRACKET.sub(lambda m: m.group(1), name)
    out: set[str] = set()
    frontier = {name}
    for full, short in lex.abbreviations.items():
        if name.startswith(full):
            frontier.add(short + name[len(full) :])
    for _ in range(3):
        grown = set()
        for form in frontier:
            steps = [form[: -len(s)] for s in lex.legal_suffixes if form.endswith(s) and len(form) - len(s) >= 2]
            steps += [_strip_place(form), _strip_industry(form, lex), _strip_leading_industry(form, lex)]
            for step in steps:
                if step != form and len(step) >= 2:
                    grown.add(step)
        grown -= frontier
        if not grown:
            break
        frontier |= grown
    out = {f for f in frontier if f != name and len(f) >= 2 and all(is_han(c) or c.isalnum() for c in f)}
    return frozenset(out | {f + "公司" for f in out if not f.endswith(("公司", "集团"))})


def regional_parent(name: str) -> str:
    """The bracket-less name of a regional company (汇川科技(成都)有限公司 -> 汇川科技), else ""."""
    match = _BRACKET.search(name)
    if match and divisions().named(match.group(1)):
        return name[: match.start()]
    return ""


class Grouper:
    """Collects candidates into entities; see the module doc for when two spans are one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = lexicon()
        self.entities: dict[str, ZhEntity] = {}
        self.by_form: dict[tuple[str, str], ZhEntity] = {}

    def key(self, cand: Cand) -> str:
        form = self.text[cand.start : cand.end]
        if cand.atlas_id:
            return cand.atlas_id
        if cand.code:
            return f"code:{cand.code}"
        if cand.type == "place":
            return f"place:{place_key(form, self.lex)}"
        return f"{cand.type}:{form}"

    def add(self, cand: Cand) -> ZhEntity:
        form = self.text[cand.start : cand.end]
        key = self.key(cand)
        entity = self.entities.get(key)
        if entity is None and not (cand.atlas_id or cand.code):
            entity = self.by_form.get((cand.type, form))
        if entity is None:
            entity = ZhEntity(cand.type, cand.kind, key, cand.atlas_id, cand.code)
            self.entities[key] = entity
        entity.add(form, (cand.start, cand.end), inner=cand.inner)
        self.by_form.setdefault((cand.type, form), entity)
        if not entity.kind and cand.kind:
            entity.kind = cand.kind
        return entity

    def alias(self, entity: ZhEntity, form: str, span: tuple[int, int]) -> None:
        """A form the text defines for ``entity`` (简称, an English name in brackets)."""
        other = self.by_form.get((entity.type, form))
        if other is not None and other is not entity and not other.atlas_id:
            self.absorb(entity, other)
        entity.add(form, span)
        self.by_form[(entity.type, form)] = entity

    def absorb(self, keeper: ZhEntity, gone: ZhEntity) -> None:
        for form in gone.forms:
            keeper.forms.setdefault(form, None)
            self.by_form[(keeper.type, form)] = keeper
        for span in gone.spans:
            if span not in keeper.spans:
                keeper.spans.append(span)
        keeper.changed()
        keeper.inner_only = keeper.inner_only and gone.inner_only
        keeper.inner_spans |= gone.inner_spans
        if not keeper.atlas_id and gone.atlas_id:
            keeper.atlas_id, keeper.kind = gone.atlas_id, gone.kind
        self.entities.pop(gone.key, None)

    def merge_short_forms(self) -> None:
        """Fold each organisation that is a short form of another into it."""
        orgs = sorted((e for e in self.entities.values() if e.type == "org"), key=lambda e: -len(e.name))
        for long in orgs:
            if long.key not in self.entities:
                continue
            shorts: set[str] = set()
            for form in list(long.forms):
                shorts |= short_forms(form, self.lex)
            for short in orgs:
                if short is long or short.key not in self.entities or len(short.name) >= len(long.name):
                    continue
                if short.atlas_id and long.atlas_id and short.atlas_id != long.atlas_id:
                    continue
                if short.name in shorts or any(f in shorts for f in short.forms):
                    self.absorb(long, short)
        places = [e for e in self.entities.values() if e.type == "place"]
        zones = {f: e for e in places if e.atlas_id and e.kind == "district" for f in e.forms}
        for place in [p for p in places if not p.atlas_id]:
            for form in list(place.forms):
                key = place_key(form, self.lex)
                stem = next((key[: -len(w)] for w in _ZONE_WORDS if key.endswith(w) and len(key) > len(w)), "")
                if stem in zones and place.key in self.entities:  # 亦庄新城 is the zone 亦庄
                    self.absorb(zones[stem], place)
                    break
        places = [e for e in self.entities.values() if e.type == "place"]
        by_key: dict[str, ZhEntity] = {}
        for place in sorted(places, key=lambda e: (not e.atlas_id, not e.code, -len(e.name))):
            keys = {place_key(f, self.lex) for f in place.forms}
            match = next((by_key[k] for k in keys if k in by_key), None)
            if match is not None and match is not place and not (
                    match.atlas_id and place.atlas_id and match.atlas_id != place.atlas_id) and not (
                    match.code and place.code and match.code != place.code):
                self.absorb(match, place)
                continue
            for k in keys:
                by_key.setdefault(k, place)
