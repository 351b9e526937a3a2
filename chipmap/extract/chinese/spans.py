"""Finding names in a Chinese article: candidate spans, before they are grouped into entities.

Chinese has no spaces and no capitals, so a name is found from what bounds it:
- known names: the atlas's Chinese names and China's administrative divisions (``Gazetteer``);
- the word that ends it: an organisation's legal or body suffix (有限公司, 研究院, 管委会) or a
  place's zone suffix (开发区, 产业园, 新城), read leftwards to the word that ends the name on
  the left (a preposition, a verb that takes the name as object, punctuation);
- the grammar around it: the items of a list of firms ("A、B、C等企业"), the subject of
  "在 + place + 投资", an alias the text defines ("(简称“明澜”)").

Every candidate is a ``Cand``; ``settle`` keeps the longest where candidates overlap, drops
places inside organisation names (the annotation convention: 成都 in 汇川科技(成都)有限
公司 is not a place of the article) and keeps places that prefix a longer place
(宁波市 in 宁波市北仑区) as inner mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from chipmap.atlas import Atlas
from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.lexicon import Lexicon, alternation, lexicon
from chipmap.extract.chinese.text import BREAKS, bracket_close, fold, is_han, name_char
from chipmap.extract.chinese.words import Words

#: Characters that, right after a suffix, show it is not the end of a name (局长, 分会场, 大学生).
_NOT_AFTER_SUFFIX = frozenset("长场员士内外生")
#: Characters after which a short known name is a use of the name, not part of a longer word.
SHORT_FOLLOWERS = frozenset("在将的已于是与和及、等项公集也还为对向拟董总副执首旗全控子表称宣发")
#: Zone words that also make common nouns with everyday words in front (化工园区).
_COMMON_ZONES = frozenset({"园区", "工业园区", "产业园", "科技园"})
#: Company words that, after nothing but industry words, name a kind of firm, not a firm.
_BARE_FORMS = frozenset({"公司", "集团", "集团公司", "股份公司"})
#: One-character words that end names on the left but also stand inside firms' names (天和, 实为).
_INNER_JOINERS = frozenset("为和与")
#: Longest organisation and place names read by their suffix.
MAX_ORG = 32
MAX_PLACE = 16
_TIME = re.compile(r"^(\d+[年月日号]|[上下]午|晚间|早间)+")
_STOCK = re.compile(r"^[0-9A-Za-z.,:：\s]*\d[0-9A-Za-z.,:：\s]*$")
_ALIAS_DEF = re.compile(r"\((?:以下)?简称[:：]?[“\"]?([^”\")]{2,12})[”\"]?\)")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z0-9&.\- ]{1,40}$")


@dataclass(slots=True)
class Cand:
    """A candidate name: where it is, what it names and how it was found."""

    start: int
    end: int
    type: str  # org | place | person
    kind: str
    how: str  # atlas | division | region | suffix | list | subject | body | alias | bare | short
    atlas_id: str = ""
    code: str = ""  # division code, when unambiguous
    inner: bool = False  # a place prefixing a longer place: an entity, but it blocks nothing

    @property
    def size(self) -> int:
        return self.end - self.start


class Gazetteer:
    """Names the reader knows before reading: the atlas's Chinese names, the divisions, regions."""

    def __init__(self, atlas: Atlas) -> None:
        lex, divs = lexicon(), divisions()
        owners: dict[str, set[str]] = {}
        for entry in atlas.entries():
            for name in entry.sure_names():
                folded = fold(name)
                if len(folded) >= 2 and any(is_han(c) for c in folded):
                    owners.setdefault(folded, set()).add(entry.id)
        self.entries: dict[str, tuple[str, str, str, str]] = {}  # name -> (type, atlas id, kind, code)
        #: atlas place id -> division code, for the places both know
        self.atlas_codes: dict[str, str] = {}
        for name, ids in owners.items():
            if len(ids) != 1:
                continue
            (entry_id,) = ids
            known = atlas.get(entry_id)
            if known is None:
                continue
            etype = "org" if entry_id.startswith("org:") else "place"
            found = divs.named(name) if etype == "place" else ()
            code = found[0].code if len(found) == 1 or (found and found[0].level < found[1].level) else ""
            if code:
                self.atlas_codes.setdefault(entry_id, code)
            self.entries[name] = (etype, entry_id, known.kind, code)
        by_code = {code: entry_id for entry_id, code in sorted(self.atlas_codes.items(), reverse=True)}
        for name, found in divs.by_name.items():
            if name in self.entries or len(name) < 2:
                continue
            first = found[0]
            sure = len(found) == 1 or first.level < found[1].level
            code = first.code if sure else ""
            atlas_id = by_code.get(code, "")
            kind = atlas.places[atlas_id].kind if atlas_id in atlas.places else first.kind
            self.entries[name] = ("place", atlas_id, kind, code)
        for name in lex.regions:
            self.entries.setdefault(name, ("place", "", "region", ""))
        #: names jieba must never cut at (its dictionary tags some place names as verbs)
        self.keep: frozenset[str] = frozenset(self.entries) | frozenset(
            d.name[:-1] for d in divs.by_code.values() if len(d.name) >= 3 and d.name[-1] in "区县市省")
        #: for each first character, the lengths of the names that start with it, longest first
        #: (the scan tries only those, not every length up to the longest)
        lengths: dict[str, set[int]] = {}
        for name in self.entries:
            if len(name) >= 2:
                lengths.setdefault(name[0], set()).add(len(name))
        self.first: dict[str, tuple[int, ...]] = {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()}

    def scan(self, text: str) -> list[Cand]:
        """Every known name, longest first at each position, left to right."""
        out: list[Cand] = []
        i, n = 0, len(text)
        while i < n:
            for size in self.first.get(text[i], ()):
                if size > n - i:
                    continue
                hit = self.entries.get(text[i : i + size])
                if hit is None:
                    continue
                etype, atlas_id, kind, code = hit
                if etype == "org" and size <= 3 and i + size < n and is_han(text[i + size]) \
                        and text[i + size] not in SHORT_FOLLOWERS:
                    continue  # "中科大" inside "某中科大晶": a short name must stand alone
                how = "atlas" if atlas_id else ("region" if kind == "region" else "division")
                out.append(Cand(i, i + size, etype, kind, how, atlas_id, code))
                i += size - 1
                break
            i += 1
        return out


def _boundary_before(text: str, i: int, lex: Lexicon) -> bool:
    """True when a word that ends names on the left ends at ``i``."""
    bounds = lex.left_boundaries
    return any(text[i - size : i] in bounds for size in (4, 3, 2, 1) if i - size >= 0)


def left_edge(text: str, end: int, *, limit: int, lex: Lexicon, stop: Iterable[int] = ()) -> int:
    """Where a name that ends before ``end`` starts: the character after its left boundary."""
    stops = set(stop)
    i = end
    while i > 0 and end - i < limit and i not in stops:
        ch = text[i - 1]
        if ch == ")":
            opened = bracket_close(text, i - 1)
            inner = text[opened + 1 : i - 1] if opened >= 0 else ""
            if opened < 0 or not inner or _STOCK.match(inner) or not all(is_han(c) for c in inner):
                break
            i = opened
            continue
        if ch in BREAKS or ch.isdigit() or not name_char(ch) or _boundary_before(text, i, lex):
            break
        i -= 1
    return i


def _trim(text: str, start: int, end: int, lex: Lexicon) -> int:
    """The start of a name once leading times and connectives are cut."""
    if start > 0 and text[start - 1].isdigit() and text[start : start + 1] in "年月日号":
        start += 1
    piece = text[start:end]
    match = _TIME.match(piece)
    if match:
        start += match.end()
        piece = text[start:end]
    cut, _rest = lex.strip_leading(piece)
    return start + cut


def name_start(text: str, start: int, suffix_at: int, lex: Lexicon, words: Words | None,
               keep: frozenset[str] = frozenset()) -> int:
    """Where a name ending in a suffix at ``suffix_at`` starts, searching left from ``start``."""
    if words is not None and suffix_at - start >= 2:
        start += words.name_start(text[start:suffix_at], keep)
    return _trim(text, start, suffix_at, lex)


def only_industry(core: str, lex: Lexicon) -> bool:
    """True for a core made only of industry words ("集成电路产业", "微电子材料"): no name in it."""
    words = (*lex.industry_words, "产业", "行业", "专业", "重点", "相关", "国家")
    return _segments_into(core, words)


@lru_cache(maxsize=4096)
def _segments_into(text: str, words: tuple[str, ...]) -> bool:
    if not text:
        return True
    return any(text.startswith(w) and _segments_into(text[len(w) :], words) for w in words)


#: Words before a zone word that make it a description ("作为X新城") rather than a name.
_ROLE_BEFORE = frozenset({"作为", "成为", "建成", "打造"})


def suffix_names(text: str, lex: Lexicon, words: Words | None = None,
                 keep: frozenset[str] = frozenset()) -> list[Cand]:
    """Organisations and places found by the word that ends them (``keep``: known names)."""
    out: list[Cand] = []
    legal = set(lex.legal_suffixes)
    matches = list(_org_re(lex).finditer(text))
    # a company's name never holds another company's whole name (a branch's name may)
    legal_ends = {m.end() for m in matches if m.group() in legal}
    for match in matches:
        s_start, end = match.span()
        suffix = match.group()
        if text[end : end + 1] in _NOT_AFTER_SUFFIX and len(suffix) <= 2:
            continue
        stop = legal_ends if suffix in legal else ()
        start = name_start(text, left_edge(text, s_start, limit=MAX_ORG, lex=lex, stop=stop), s_start, lex,
                           words, keep)
        if only_industry(text[start:s_start], lex) and start > 1 and text[start - 1] in _INNER_JOINERS:
            # "某为半导体科技有限公司": a one-character word inside the name, not its boundary
            wider = left_edge(text, start - 1, limit=MAX_ORG, lex=lex, stop=stop)
            if start - 1 - wider >= 1:
                start = _trim(text, wider, s_start, lex)
        name = text[start:end]
        core = name[: len(name) - len(suffix)]
        if name.endswith(lex.not_org_endings) or lex.is_generic(name) or lex.is_generic(core):
            continue
        if (len(core) < 2 and not (core and core in "省市区县")) or core in lex.not_places \
                or core in lex.place_suffixes:
            continue
        if "(" not in core and only_industry(core, lex) and (suffix in _BARE_FORMS or not core):
            continue  # "集成电路产业公司": a kind of firm; "某某装备集团有限公司" is a registered name
        if words is not None and suffix not in legal and lex.org_kind(name) in {"association", "academic", "other"} \
                and words.is_common_phrase(core, keep, lex.industry_words):
            continue  # "外商协会": a kind of body, not a named one
        if suffix in {"政府", "人民政府"} and core in {"市", "区", "县"} \
                and text[max(0, start - 3) : start].endswith("委、"):
            continue  # "市委、市政府": the city's leadership, not a named body
        out.append(Cand(start, end, "org", lex.org_kind(name), "suffix"))
    zone_ends: list[int] = []
    for match in _place_re(lex).finditer(text):
        s_start, end = match.span()
        start = name_start(text, left_edge(text, s_start, limit=MAX_PLACE, lex=lex), s_start, lex, words,
                           keep)
        # "宁西开发区青禾产业园": a park written after its zone starts after the zone's name
        start = max([start, *(e for e in zone_ends if start < e <= s_start - 2)])
        zone_ends.append(end)
        name = text[start:end]
        core = name[: len(name) - len(match.group())]
        if len(core) < 2 or name in lex.not_places or lex.is_generic(name) or only_industry(core, lex):
            continue
        if text[max(0, start - 2) : start] in _ROLE_BEFORE:
            continue  # "作为江州新城,…", "打造成为…科学城": what a place is or wants to be, not a name
        if words is not None and match.group() in _COMMON_ZONES and words.is_common_phrase(core, keep, lex.industry_words):
            continue  # "化工园区", "特色专业园区": a kind of park, not a named one
        out.append(Cand(start, end, "place", lex.place_suffixes.get(match.group(), "district"), "suffix"))
    for match in re.finditer(r"[\u4e00-\u9fff]{2}[镇乡]", text):
        start, end = match.span()
        if (start == 0 or text[start - 1] in BREAKS or _boundary_before(text, start, lex)) \
                and text[start:end] not in lex.not_places and text[end : end + 1] not in "长区":
            out.append(Cand(start, end, "place", "district", "suffix"))
    return out


def event_names(text: str, lex: Lexicon, words: Words | None = None) -> list[Cand]:
    """Conferences and meetings ("2019某某投资洽谈会"): names whose parts are not facts."""
    out: list[Cand] = []
    for match in alternation(lex.event_suffixes).finditer(text):
        i = match.start()
        while i > 0 and match.end() - i < 40 and (name_char(text[i - 1]) or text[i - 1].isdigit()) \
                and not _boundary_before(text, i, lex):
            i -= 1
        start = _trim(text, i, match.start(), lex)
        if words is not None and match.start() - start >= 2:
            start += words.name_start(text[start : match.start()])
        if match.start() - start >= 4 and not lex.is_generic(text[start : match.end()]):
            out.append(Cand(start, match.end(), "event", "", "event"))
    return out


@cache
def _org_re(lex: Lexicon) -> re.Pattern[str]:
    return alternation(lex.name_suffixes)


@cache
def _place_re(lex: Lexicon) -> re.Pattern[str]:
    return alternation(tuple(s for s in lex.place_suffixes if len(s) >= 2))


def alias_definitions(text: str) -> list[tuple[int, int, int]]:
    """(end of the defined name, start and end of the alias) for "(简称“X”)" and "X(English)"."""
    found = [(m.start(), m.start(1), m.end(1)) for m in _ALIAS_DEF.finditer(text)]
    for match in re.finditer(r"\(([^()]{2,40})\)", text):
        inner = match.group(1).strip()
        if _LATIN_NAME.match(inner) and not _STOCK.match(inner) and match.start() > 0 \
                and is_han(text[match.start() - 1]):
            found.append((match.start(), match.start(1), match.start(1) + len(inner)))
    return found


def settle(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates, longest first; inner prefix places kept, nested names dropped."""
    rank = {"person": 0, "event": 0, "atlas": 1, "alias": 1, "division": 2, "region": 2, "suffix": 3}

    def order(c: Cand) -> tuple[int, int, int]:
        return (-c.size, 0 if c.type == "person" else rank.get(c.how, 4), c.start)

    kept: list[Cand] = []
    owner = [-1] * (max((c.end for c in cands), default=0) + 1)
    for cand in sorted(cands, key=order):
        holders = {owner[k] for k in range(cand.start, cand.end)} - {-1}
        if not holders:
            for k in range(cand.start, cand.end):
                owner[k] = len(kept)
            kept.append(cand)
            continue
        if cand.type == "place" and len(holders) == 1:
            outer = kept[next(iter(holders))]
            if (outer.start, outer.end) == (cand.start, cand.end):
                continue
            if (outer.type == "place" and outer.start == cand.start) or (
                outer.type == "place" and cand.end <= outer.end and _prefix_chain(outer, cand, kept)):
                cand.inner = True
                kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, -c.size))


def _prefix_chain(outer: Cand, cand: Cand, kept: list[Cand]) -> bool:
    """True when ``cand`` follows a prefix place of ``outer`` ("江苏省[江阴市]高新技术开发区")."""
    return any(k.inner and k.start == outer.start and k.end == cand.start for k in kept)


