"""Reading Chinese-language articles without a Chinese statistical model.

No Chinese pipeline can be installed from PyPI here, so this reader relies on
what is certain: the atlas's Chinese names (longest match first), the suffixes
that end organisation and place names (有限公司, 协会, 开发区, 市 ...), the title
words that sit between a body and a person's name (理事长, 总经理, 市长 ...), and
the verbs that place a project (落户, 位于, 在 ...). It is a precise, modest first
reader; everything it emits carries its evidence sentence like the English one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from chipmap.atlas import Atlas
from chipmap.extract.projects import enrich_chinese
from chipmap.records import (
    Article,
    ArticleExtraction,
    Evidence,
    Organization,
    Person,
    Place,
    Relation,
)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")

ORG_SUFFIXES = (
    "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司", "研究院", "研究所", "微电子所",
    "大学", "学院", "协会", "商会", "分会", "联盟", "基金", "管理委员会", "管委会", "委员会", "实验室",
    "创新中心", "研究中心", "民政厅", "科技厅", "工信厅", "商务厅", "发改委", "经信委", "工信局", "科技局",
    "商务局", "报",
)
PLACE_SUFFIXES = (
    "经济技术开发区", "高新技术产业开发区", "经济开发区", "开发区", "经开区", "高新区", "新区", "产业园",
    "科学城", "自贸区", "特区", "省", "市", "区", "县",
)
#: Role words, longest first so "副市长" wins over "市长".
TITLES = tuple(sorted(
    "市委书记 市委副书记 副市长 市长 省委书记 副省长 省长 区长 副区长 县长 书记 董事长兼总经理 董事长 副董事长 "
    "总经理 副总经理 总裁 副总裁 首席执行官 理事长 副理事长 名誉会长 副会长兼秘书长 副会长 会长 秘书长 "
    "监事长 院长 副院长 校长 副校长 所长 副所长 主任 副主任 局长 副局长 厅长 副厅长 总经济师 总工程师 "
    "院士 教授 创始人 主席 副主席 总书记 部长 副部长 党委书记".split(), key=len, reverse=True))
CITY_TITLES = frozenset({"市委书记", "市委副书记", "副市长", "市长"})
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "庄芦尤季鲁柳葛翟殷乔倪"
)
#: Characters that start the word after a name, so a name stops before them.
_AFTER_NAME = frozenset("会出表说指介主致当被任为在和与等对向率一行称强认希代宣获是也到参讲")
#: Characters and words that end a name chunk on the left (particles, verbs, punctuation).
_SEPARATORS = re.compile(
    r"[，,。、；;：:“”‘’\"《》〈〉!！?？\s·]|由|在|与|和|及|同|对|向|从|为|是|的|将|把|被|等|于|据|"
    r"其中|包括|以及|会见|出席|表示|举行|召开|成立|投资|落户|落地|签约|当选|选举|担任|位于|率|携|称|发布|公告|"
    r"设立|发起|牵头|共同|还|以|了|拟|曾"
)
#: Verbs that may follow a body's name inside one chunk ("山东省民政厅批准备案").
_VERBS_AFTER = ("批准", "备案", "发布", "宣布", "表示", "指出", "举行", "主办", "承办", "牵头", "发起", "建设",
                "成立", "召开", "印发", "出台")
_EVENT_SUFFIXES = ("年会", "大会", "论坛", "峰会", "洽谈会", "博览会", "展览会", "研讨会", "交流会", "推介会",
                   "会员大会")
_LEADING = "经由据向对从将把被让"
_LOCATE_CUES = ("落户", "落地", "位于", "选址", "在", "入驻", "布局")
_SEGMENT_CUES = {
    "manufacturing": ("晶圆厂", "晶圆制造", "代工", "12英寸", "8英寸", "生产线", "产线"),
    "packaging_testing": ("封装测试", "封测", "封装"),
    "equipment": ("设备", "光刻", "刻蚀机"),
    "materials": ("硅片", "材料", "靶材", "光刻胶"),
    "eda_ip": ("EDA", "IP核"),
}


#: Words that start generic references, never names ("该公司", "全省", "我市").
_GENERIC = ("该", "全", "我", "本", "其", "一家", "这", "此", "通过", "各", "有关", "相关")
#: Endings that look like a place suffix but make a common noun ("城市", "地区").
_NOT_PLACES = ("城市", "地区", "社区", "园区", "市区", "街区", "库区", "景区", "小区", "片区", "大省", "强省",
               "大市", "强市")


def is_chinese(text: str) -> bool:
    """True for text written mostly in Chinese characters."""
    cjk = len(_CJK.findall(text))
    return cjk > 20 and cjk > 2 * len(_LATIN.findall(text))


@dataclass
class _Entity:
    type: str
    name: str
    kind: str
    atlas_id: str = ""
    forms: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


_LEGAL_SUFFIX = re.compile(r"(集团有限公司|股份有限公司|有限责任公司|有限公司|公司)$")
_ABBREVIATIONS = (("经济技术开发区", "经开区"), ("高新技术产业开发区", "高新区"), ("经济开发区", "开发区"))


def _merge_short_forms(entities: dict[str, _Entity]) -> None:
    """One entity for "中科院微电子所" and "微电子所", "X集团有限公司" and "X集团",
    "徐州经济技术开发区" and "徐州经开区": the short form becomes an alias."""
    for key, short in list(entities.items()):
        if short.type not in {"org", "place"} or short.atlas_id:
            continue
        for other in entities.values():
            if other is short or other.type != short.type or len(other.name) <= len(short.name):
                continue
            long_name = other.name
            for full, abbr in _ABBREVIATIONS:
                long_name = long_name.replace(full, abbr)
            same = (
                long_name == short.name
                or (short.type == "org" and len(short.name) >= 3
                    and (other.name.endswith(short.name) or (other.name.startswith(short.name)
                         and other.name[len(short.name):] in {"有限公司", "股份有限公司", "有限责任公司", "公司"})))
            )
            if same:
                other.forms |= short.forms
                other.spans.extend(short.spans)
                del entities[key]
                break


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _chinese_names(atlas: Atlas) -> dict[str, str]:
    """Chinese surface form -> atlas id, for names only one entry uses."""
    owners: dict[str, set[str]] = {}
    for entry in atlas.entries():
        for name in entry.sure_names():
            if _CJK.search(name) and len(name) >= 2:
                owners.setdefault(name, set()).add(entry.id)
    return {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}


def _org_kind(name: str) -> str:
    if name.endswith(("协会", "商会", "分会", "联盟")):
        return "association"
    if name.endswith(("研究院", "研究所", "微电子所", "大学", "学院", "实验室", "创新中心", "研究中心")):
        return "academic"
    if name.endswith(("委员会", "管委会", "厅", "局", "发改委", "经信委")) or "政府" in name:
        return "government"
    if name.endswith("基金"):
        return "investor"
    if name.endswith("报"):
        return "media"
    return "company"


def _place_kind(name: str) -> str:
    if name.endswith("省"):
        return "province"
    if name.endswith(("区", "县", "园", "城")) and not name.endswith("大湾区"):
        return "district"
    return "city"


class ChineseReader:
    """Reads one Chinese article against the atlas."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.names = _chinese_names(atlas)
        self.longest = max((len(n) for n in self.names), default=0)

    def _atlas_spans(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(text):
            for size in range(min(self.longest, len(text) - i), 1, -1):
                entry_id = self.names.get(text[i : i + size])
                if entry_id:
                    found.append((i, i + size, entry_id))
                    i += size - 1
                    break
            i += 1
        return found

    def read(self, article: Article) -> ArticleExtraction:
        text = article.text
        sentences = _sentences(text)
        entities: dict[str, _Entity] = {}
        taken = [False] * len(text)

        def add(key: str, etype: str, name: str, kind: str, start: int, end: int, atlas_id: str = "") -> _Entity:
            entity = entities.setdefault(key, _Entity(etype, name, kind, atlas_id))
            entity.forms.add(text[start:end])
            entity.spans.append((start, end))
            for k in range(start, end):
                taken[k] = True
            return entity

        people: list[tuple[int, int, str, str, int]] = []  # start, end, name, title, title_start
        for chunk in self._chunks(text):
            self._read_chunk(text, chunk, taken, add, people)
        for start, end, entry_id in self._atlas_spans(text):
            entry = self.atlas.get(entry_id)
            if entry is None or any(taken[start:end]):
                continue
            etype = "org" if entry_id.startswith("org:") else "place"
            add(entry_id, etype, text[start:end], entry.kind, start, end, entry_id)
        for start, end, name, title, _ts in people:
            person = add(f"person:{name}", "person", name, "", start, end)
            if title and title not in person.titles:
                person.titles.append(title)
        self._bare_mentions(text, entities)
        _merge_short_forms(entities)
        return enrich_chinese(self._result(article, text, sentences, entities, people), article, self.atlas)

    def _chunks(self, text: str) -> list[tuple[int, int]]:
        chunks, last = [], 0
        for sep in _SEPARATORS.finditer(text):
            if sep.start() > last:
                chunks.append((last, sep.start()))
            last = sep.end()
        if last < len(text):
            chunks.append((last, len(text)))
        return chunks

    def _read_chunk(self, text: str, chunk: tuple[int, int], taken: list[bool], add: object,
                    people: list[tuple[int, int, str, str, int]]) -> None:
        start, end = chunk
        piece = text[start:end]
        # [body][title][name]: "中国半导体行业协会集成电路设计分会理事长魏少军"
        for title in TITLES:
            at = piece.find(title)
            if at < 0:
                continue
            name_at = at + len(title)
            name = self._name_at(piece, name_at)
            if name:
                body = piece[:at]
                people.append((start + name_at, start + name_at + len(name), name, piece[: name_at], start + at))
                if body and not any(taken[start : start + at]):
                    self._body(text, start, start + at, taken, add)
                return
        for verb in _VERBS_AFTER:
            at = piece.find(verb)
            if at > 2 and piece[:at].endswith(ORG_SUFFIXES):
                end = start + at
                break
        # "西安天和通讯在徐州经开区投资": what stands before 在 + a place is a company
        after = text[end : end + 1]
        if not any(taken[start:end]):
            self._body(text, start, end, taken, add, subject=after == "在")

    @staticmethod
    def _name_at(piece: str, i: int) -> str:
        if i >= len(piece) or piece[i] not in SURNAMES:
            return ""
        size = 3 if i + 2 < len(piece) + 1 and len(piece) - i >= 3 and piece[i + 2] not in _AFTER_NAME else 2
        name = piece[i : i + size]
        return name if len(name) >= 2 and all(_CJK.match(c) for c in name) else ""

    def _body(self, text: str, start: int, end: int, taken: list[bool], add: object, *,
              subject: bool = False) -> None:
        while end - start > 3 and text[start] in _LEADING:
            start += 1
        name = text[start:end]
        if name.endswith(_EVENT_SUFFIXES) and len(name) >= 4:
            for k in range(start, end):
                taken[k] = True  # an event name: nothing inside it is an entity of its own
            return
        if len(name) < 2 or not _CJK.match(name[0]) or name.startswith(_GENERIC):
            return
        assert callable(add)
        entry_id = self.names.get(name)
        if not entry_id and not name.endswith(ORG_SUFFIXES + PLACE_SUFFIXES):
            # "长电科技宣布扩大": a known name at the head of a chunk is that name
            for size in range(min(len(name) - 1, self.longest), 1, -1):
                # only organisations: a place at the head of a name ("北京科益虹源") is part of it
                if self.names.get(name[:size], "").startswith("org:"):
                    entry_id = self.names[name[:size]]
                    end = start + size
                    name = name[:size]
                    break
        if entry_id:
            entry = self.atlas.get(entry_id)
            etype = "org" if entry_id.startswith("org:") else "place"
            add(entry_id, etype, name, getattr(entry, "kind", ""), start, end, entry_id)
        elif name.endswith(ORG_SUFFIXES) and 3 <= len(name) <= 30:
            add(f"org:{name}", "org", name, _org_kind(name), start, end)
        elif name.endswith(PLACE_SUFFIXES) and len(name) <= 14 and not name.endswith(_NOT_PLACES) \
                and (len(name) >= 3 or name.endswith(("县", "市"))):
            add(f"place:{name}", "place", name, _place_kind(name), start, end)
        elif subject and 3 <= len(name) <= 10 and all(_CJK.match(c) for c in name):
            add(f"org:{name}", "org", name, "company", start, end)

    @staticmethod
    def _bare_mentions(text: str, entities: dict[str, _Entity]) -> None:
        """Later bare uses of a person's name count as mentions of that person, and a
        company's name without its legal suffix ("华东晶源半导体") as that company."""
        for entity in entities.values():
            if entity.type == "person":
                for m in re.finditer(re.escape(entity.name), text):
                    if (m.start(), m.end()) not in entity.spans:
                        entity.spans.append((m.start(), m.end()))
            elif entity.type == "org" and not entity.atlas_id:
                core = _LEGAL_SUFFIX.sub("", entity.name)
                if core == entity.name or len(core) < 3:
                    continue
                for m in re.finditer(re.escape(core), text):
                    if text[m.end() : m.end() + 2] not in {"有限", "股份", "公司", "集团"}:
                        entity.forms.add(core)
                        entity.spans.append((m.start(), m.end()))

    def _result(self, article: Article, text: str, sentences: list[tuple[int, int]],
                entities: dict[str, _Entity], people: list[tuple[int, int, str, str, int]]) -> ArticleExtraction:
        def sent_of(pos: int) -> int:
            return next((i for i, (s, e) in enumerate(sentences) if s <= pos < e), 0)

        def evidence(pos: int) -> list[Evidence]:
            if not sentences:
                return []
            s, e = sentences[sent_of(pos)]
            return [Evidence(sentence=text[s:e].strip(), start=s, end=e)]

        result = ArticleExtraction(id=article.id)
        rels: dict[tuple[str, str, str], Relation] = {}

        def relate(rtype: str, head: _Entity, tail_name: str, pos: int, conf: float, title: str | None = None) -> None:
            key = (rtype, head.name, tail_name)
            if head.name != tail_name and key not in rels:
                rels[key] = Relation(type=rtype, head=head.name, tail=tail_name, title=title,
                                     evidence=evidence(pos), confidence=conf)

        places = [e for e in entities.values() if e.type == "place"]
        orgs = [e for e in entities.values() if e.type == "org"]
        counts = Counter({p.name: len(p.spans) for p in places if p.kind == "city"})
        city = next((p for p in places if counts and p.name == counts.most_common(1)[0][0]), None)
        for entity in entities.values():
            first = min(s for s, _ in entity.spans)
            aliases = sorted(entity.forms - {entity.name})
            if entity.type == "person":
                result.people.append(Person(name=entity.name, aliases=aliases, titles=entity.titles,
                                            evidence=evidence(first), confidence=0.6))
            elif entity.type == "org":
                entry = self.atlas.orgs.get(entity.atlas_id)
                segments = list(entry.segments) if entry and entity.kind == "company" else []
                result.organizations.append(Organization(
                    name=entity.name, aliases=aliases, kind=entity.kind,
                    segments=segments, atlas_id=entity.atlas_id or None,
                    evidence=evidence(first), confidence=0.85 if entity.atlas_id else 0.6))
                for seg in segments:
                    relate("operates_in", entity, seg, first, 0.85)
            else:
                result.places.append(Place(name=entity.name, aliases=aliases, kind=entity.kind,
                                           atlas_id=entity.atlas_id or None, evidence=evidence(first),
                                           confidence=0.85 if entity.atlas_id else 0.6))
        # holds_position: the body before the title, or the city for city posts
        for start, _end, name, title_text, title_start in people:
            person = entities[f"person:{name}"]
            body = next((o for o in orgs if any(e == title_start for _, e in o.spans)), None)
            role = next((t for t in TITLES if title_text.endswith(t)), title_text)
            if body is not None:
                relate("holds_position", person, body.name, start, 0.7, role)
            elif role in CITY_TITLES and city is not None:
                relate("holds_position", person, city.name, start, 0.6, role)
        # part_of from the atlas: nearest enclosing place the article names
        by_atlas = {p.atlas_id: p for p in places if p.atlas_id}
        for place in places:
            for ancestor in self.atlas.ancestors(place.atlas_id) if place.atlas_id else []:
                if ancestor in by_atlas:
                    relate("part_of", place, by_atlas[ancestor].name, min(s for s, _ in place.spans), 0.85)
                    break
        # located_in: "<org>在/落户/位于<place>" within one sentence
        for org in orgs:
            for s, e in org.spans:
                sent_end = sentences[sent_of(s)][1] if sentences else len(text)
                window = text[e:min(sent_end, e + 12)]
                for cue in _LOCATE_CUES:
                    at = window.find(cue)
                    if at < 0:
                        continue
                    after = e + at + len(cue)
                    target = next((p for p in places if any(ps == after for ps, _ in p.spans)), None)
                    if target is not None:
                        relate("located_in", org, target.name, s, 0.65)
        # subsidiary_of: a body named as a branch of another named body
        for org in orgs:
            for other in orgs:
                if other is not org and org.name.startswith(other.name) and org.name.endswith(("分会", "分公司")):
                    relate("subsidiary_of", org, other.name, min(s for s, _ in org.spans), 0.8)
        result.relations = list(rels.values())
        return result
