"""Projects in a Chinese article, from its text and what the Chinese reader found in it.

Chinese news names projects as noun phrases: "…项目" ("汉斯半导体模块项目"), a facility name
("…相变存储器工厂", "…产业园", "…研究院", "…基金") next to a stage word, or the items of a list
("包括A项目、B项目、C项目等", "A、B、C等产业合作项目的签约", "A、B、C等企业签约落户光谷"). For
each phrase:

- parties: the organisation the grammar names ("X在Y投资的Z项目", "Z项目由X投资建设",
  "X与Y签署…", "X建设的Z项目", "X决定…启动…项目", "其旗下的" -> the sentence's subject), else an
  organisation the reader found at the head of the phrase, else the phrase's head before its
  product and facility words ("星河半导体功率模块项目" -> 星河半导体), written out in full when the
  text writes it with a legal suffix ("蓝岭微电子" -> "蓝岭微电子有限公司");
- place: the place after 在/落户/落地/选址/位于 or before 的 ("云溪县的…项目"), the most specific
  one, else where the list or the article is set;
- status, amount and date: from the phrase's clause, else its sentence ("…等项目集中开工");
  an amount is an investment ("总投资15亿元"), never a total over several projects;
- anaphora ("该项目", "本项目", "上述项目", "二期项目") continue the project named before.

Mentions of one project (same name, or a shared party with the same phase) are merged; phases
stay apart only when their stages differ. Counts ("30个产业项目集中开工") are
``ProjectCount`` records.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from chipmap.atlas import Atlas
from chipmap.extract.projects.amounts import MoneySpan, find_amounts
from chipmap.extract.projects.dates import chinese_date
from chipmap.extract.projects.facility import chinese_facility
from chipmap.extract.projects.status import STAGE_RANK, StatusCue, chinese_cues
from chipmap.project_identity import facilities_compatible
from chipmap.records import Article, ArticleExtraction, Evidence, Project, ProjectCount, StatusStep

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE = re.compile(r"[，,；;：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Where a project phrase starts: after punctuation or a word that introduces it.
_LEFT_STOP = re.compile(r"[，,。；;：:、“”\"《》！!？?\s]|包括|其中|如|即|以及|还有|还包括|分别是|涵盖")
#: Words at the head of a phrase that belong to the sentence, not to the name.
_LEADING = re.compile(
    r"^(?:(?:\d{1,2}月)?\d{1,2}日|今年|去年|目前|此次|本次|这次|近年来|近日|日前|同时|此外|另外|并|也|还|已|将|拟|"
    r"计划|正式|共同|成功|顺利|集中|现场|启动|实施|推进|开展|进行了?|签约|签署|签订|订立|引进|新建|投资|建设|距|据|园区|暨|"
    r"开工|奠基|举行|举办|打造|设立|成立|挂牌|揭牌|落户|落地|一批|一个|该|本|上述|其旗下的|旗下|其|的|了|由|在|与|和|及)+")
_TRIM_RIGHT = re.compile(r"(?:合作框架协议|合作协议|协议|仪式|活动|签约|开工|奠基|建设)+$")
_PHASE = re.compile(r"(?P<n>[一二三四五六七八九十\d])期")
_PHASE_NUM = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_ANAPHOR = re.compile(r"(?:该|本|上述|此|这个|这一|整个)项目|^项目|^(?:[一二三四五]期)(?:项目|工程)|"
                      r"项目(?:奠基|开工|签约|封顶|竣工|投产|建成|落地)|(?:启动|实施)[一二三四五]期(?:项目|工程)|"
                      r"[一二三四五]期(?:项目|工程)(?:正式)?(?:开工|奠基|投产|竣工|封顶)")
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|特别合作区|开发区|经开区|"
    r"高新区|新区|产业园|科学城|新城|经济区|特区|自贸区|园区|科技城|省|市|区|县|镇)")
_PLACE_CUE = re.compile(r"(?:在|落户|落地|选址|位于|坐落于|入驻|签约落户)(?:于)?")
_JUNK_PLACE = re.compile(r"首个|唯一|全省|全市|全国|一批|布局|核心|承载|上市|主板|[个批]|(?<!国)家")
_NOT_PLACE_END = ("园区", "小区", "社区", "城区", "市区", "地区", "片区", "厂区", "景区", "街区", "主城区")
#: Words that begin the product or facility part of a project name: the party stands before them.
_PRODUCT = re.compile(
    r"集成电路|芯片|第三代|第二代|\d+\s*英寸|\d|[A-Za-z]|高端|高性能|高密度|高分辨率|新型|智能|大尺寸|研发|扩建|"
    r"生产|制造|封测|封装|光刻|碳化硅|氮化镓|材料|设备|装备|模块|模组|基地|总部|产业|项目|工厂|厂房|中心|研究院|先进封|"
    r"千吨|万吨|电子束|多线|蓝宝石|相变|存储|晶圆|传感器|功率|显示|光电电子|半导体制程|半导体滚圆|特种|器件|一期|二期|"
    r"三期|工程|国际城|园|华南|华东|华北|华中|西南|西北|东北|投资")
#: Words that end company names and may stand before product words ("星河半导体功率模块").
_NAME_TAILS = ("半导体", "微电子", "电子", "科技", "新材料", "光电", "集团", "股份", "仪器", "通讯", "技术")
_LEGAL = ("股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "集团", "公司")
#: Grammar that names a project's party before the phrase.
_PARTY_BEFORE = (
    re.compile(r"(?P<a>[^，,。、；;：:“”]{2,40}?)(?:和|与|及)(?P<b>[^，,。、；;：:“”]{2,30}?)共同(?:在(?P<p>[^，,。；的]{2,20}?))?投资(?:建设)?的$"),
    re.compile(r"(?P<a>[^，,。、；;：:“”]{2,40}?)在(?P<p>[^，,。；的]{2,20}?)(?:投资|建设|投资建设|设立)的$"),
    re.compile(r"(?P<a>[^，,。、；;：:“”]{2,40}?)(?:投资|建设|投资建设|打造|引进|启动|实施|旗下)的$"),
)
_PARTY_AFTER = re.compile(r"^[^，,。；;]{0,12}?由(?P<a>[^，,。；;（(]{2,40}?)(?:\([^)]*\)|（[^）]*）)?(?:投资|建设|出资|负责|承建|运营)")
_SIGNERS = re.compile(r"(?P<a>[^，,。、；;：:“”]{2,40}?)(?:与|和|同)(?P<b>[^，,。、；;：:“”]{2,40}?)(?:正式|成功|共同)?"
                      r"(?:在[^，,。；]{2,10})?(?:签署|签订|签约|订立|共建)")
_DECIDES = re.compile(r"(?P<a>[^，,。、；;：:“”]{2,20}?)决定(?:由(?P<b>[^，,。、；;在]{2,20}?))?")
_SUBJECT = re.compile(r"^(?P<a>[^，,。、；;：:“”]{2,40}?)(?:\([^)]*\)|（[^）]*）)?\s*(?:\d{1,2}日)?(?:在|于|举行|举办|宣布|发布)")
_COUNT = re.compile(r"(?P<n>\d+|[一二两三四五六七八九十百]+)\s*(?:个|项)[^，,。；;]{0,12}?项目")
_COMPANY_LIST = re.compile(r"(?P<items>(?:[^，,。；;、]{2,40}、)+[^，,。；;、]{2,40}?)等(?:多家|一批|[一二三四五六七八九十\d]+家)?"
                           r"[^，,。；;]{0,16}?(?:企业|公司)[^，,。；;]{0,8}?(?:签约落户|落户|签约|落地)")
_LIST_TAIL = re.compile(r"(?P<items>(?:[^，,。；;、]{2,40}、)+[^，,。；;、]{2,40}?)(?:等|两个|三个|四个|[一二三四五六七八九十\d]+个)"
                        r"[^，,。；;]{0,30}?项目")
_FACILITY_NAME = re.compile(r"(?:工厂|生产基地|产业基地|研发基地|制造基地|产业园|研究院|创新中心|研发中心|计算中心|基金|"
                            r"国际城|工作站|培训中心|信息中心|实验室)$")
_INVEST_BEFORE = re.compile(r"(?:总投资|投资总额|总投入|计划投资|投资额?|总规模|规模为?|出资|总额为?)[^，,。；\d]{0,4}$")
_NOT_INVEST_BEFORE = re.compile(r"(?:产值|销售|营收|收入|税收|利税|注册资本|市值|规模以上|年产)[^，,。；\d]{0,6}$")
_GENERIC_NAMES = frozenset({"项目", "重点项目", "重大项目", "产业项目", "招商项目", "骨干项目", "合作项目", "产业合作项目",
                            "集成电路项目", "半导体项目", "半导体相关项目", "签约项目", "新项目", "该项目", "本项目",
                            "上述项目", "产业地标项目", "一期项目", "二期项目", "三期项目", "工程"})


@dataclass
class _Mention:
    """One phrase naming a project, or an anaphor continuing one."""

    sent: int
    start: int
    end: int
    name: str
    parties: list[str] = field(default_factory=list)
    place: str | None = None
    #: how directly the text ties ``place`` to this project (see ``_PLACE_RANK``)
    place_rank: int = 0
    amount: MoneySpan | None = None
    steps: list[tuple[StatusCue, str | None]] = field(default_factory=list)
    phase: str | None = None
    anaphor: bool = False
    by_party: bool = False  # an anaphor naming the company whose project it continues
    weak: bool = False  # a facility named without a stage: kept only when it continues a project


@dataclass
class _Group:
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def parties(self) -> list[str]:
        return list(dict.fromkeys(p for m in self.mentions for p in m.parties))

    @property
    def name(self) -> str:
        named = [m.name for m in self.mentions if not m.anaphor and m.name]
        return max(named, key=len) if named else ""

    @property
    def phase(self) -> str | None:
        return next((m.phase for m in self.mentions if m.phase), None)

    def best_step(self) -> tuple[StatusCue, str | None, int] | None:
        steps = [(c, d, m.sent) for m in self.mentions for c, d in m.steps]
        pool = [s for s in steps if s[0].asserted] or steps
        return max(pool, key=lambda s: (STAGE_RANK[s[0].reported], s[1] or "", s[2])) if pool else None


class _Article:
    """Look-ups over one article: sentences, organisation and place names, stage cues."""

    def __init__(self, article: Article, extraction: ArticleExtraction) -> None:
        self.text = article.text
        self.published = article.published
        self.sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(self.text) if m.group().strip()]
        self.orgs: dict[str, str] = {}  # surface form -> organisation name
        for org in extraction.organizations:
            for form in (org.name, *org.aliases):
                if len(form) >= 2 and _CJK.search(form) and form in self.text:
                    self.orgs.setdefault(form, org.name)
        self.places: dict[str, str] = {}
        self.place_kinds = {place.name: place.kind for place in extraction.places}
        for place in extraction.places:
            for form in (place.name, *place.aliases):
                if len(form) >= 2 and form in self.text and not _JUNK_PLACE.search(form):
                    self.places.setdefault(form, place.name)
        # places written after 在/落户/选址/位于…, one after another ("江州市云溪经济技术开发区")
        for cue in _PLACE_CUE.finditer(self.text):
            pos = cue.end()
            while (m := _PLACE.match(self.text, pos)) and len(m.group()) <= 14:
                name = _clean_place(m.group())
                if not name or name in self.orgs:
                    break
                self.places.setdefault(name, name)
                pos = m.end()
        self.cues = chinese_cues(self.text)
        self.part_of = {(r.head, r.tail) for r in extraction.relations if r.type == "part_of"}

    def sentence(self, index: int) -> str:
        s, e = self.sentences[index]
        return self.text[s:e]

    def evidence(self, index: int) -> Evidence:
        s, e = self.sentences[index]
        return Evidence(sentence=self.text[s:e].strip(), start=s, end=e)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        sent = next(((s, e) for s, e in self.sentences if s <= pos < e), (0, len(self.text)))
        start = sent[0]
        for m in _CLAUSE.finditer(self.text, sent[0], pos):
            start = m.end()
        stop = _CLAUSE.search(self.text, pos, sent[1])
        return start, stop.start() if stop else sent[1]

    def org_at_head(self, phrase: str) -> str | None:
        """The longest organisation name the phrase starts with."""
        best = max((f for f in self.orgs if phrase.startswith(f) and f != phrase), key=len, default=None)
        return self.orgs[best] if best else None

    def expand(self, stem: str) -> str:
        """A party as the text writes it: the stem with its legal suffix when the text has one,
        else an organisation the reader found that starts with it, else the stem."""
        for suffix in _LEGAL:
            if stem + suffix in self.text and not stem.endswith(suffix):
                return stem + suffix
        if stem in self.orgs:
            return self.orgs[stem]
        candidates = [name for form, name in self.orgs.items() if form.startswith(stem) and len(stem) >= 2]
        return min(candidates, key=len) if candidates else stem


def _clean_place(name: str) -> str:
    name = re.sub(r"^(?:在|于|落户|落地|选址|位于|入驻|至|到|是|为|和|与|及|的|了|将|由|全|我|该|本|其|各)+", "", name)
    if len(name) < 2 or name.endswith(_NOT_PLACE_END) or not _CJK.match(name) or _JUNK_PLACE.search(name):
        return ""
    return name


def _sentence_of(art: _Article, pos: int) -> int:
    return next((i for i, (s, e) in enumerate(art.sentences) if s <= pos < e), 0)


def _strip_place_prefix(art: _Article, phrase: str) -> tuple[str, str | None]:
    """"云溪县的星河功率模块项目" and "新区的氮化镓项目": the place before 的."""
    if "的" in phrase:
        head, _, tail = phrase.rpartition("的")
        place = next((p for p in sorted(art.places, key=len, reverse=True) if head.endswith(p)), None)
        return tail, art.places.get(place) if place else None
    return phrase, None


#: Facilities that are plants, not bodies: their party is the firm named at their head.
_PLANT_WORDS = ("生产基地", "产业基地", "制造基地", "工厂")


def _derive_party(art: _Article, phrase: str) -> str | None:
    """The organisation at the head of a project's name."""
    found = art.org_at_head(phrase)
    if found:
        return found
    m = _PRODUCT.search(phrase)
    cut = m.start() if m else len(phrase)
    stem = phrase[:cut]
    rest = phrase[cut:]
    if not stem:
        return None
    for tail in () if stem.endswith(_LEGAL) else _NAME_TAILS:
        if rest.startswith(tail) and _PRODUCT.search(rest[len(tail):][:4] or "项目"):
            stem += tail
            break
    for legal in _LEGAL:
        if rest.startswith(legal):
            stem += legal
            break
    # a place at the end of the stem belongs to the project ("星河江州…" -> 星河)
    for place in sorted(art.places, key=len, reverse=True):
        if stem.endswith(place) and len(stem) - len(place) >= 2:
            stem = stem[: -len(place)]
            break
    stem = stem.strip("的之")
    if _generic(stem + "项目") or len(stem) < 2 or not all(_CJK.match(c) or c in "()（）" for c in stem) or stem in art.places:
        return None
    return art.expand(stem)


def _namelike(art: _Article, part: str) -> bool:
    """True for a stretch that reads as an organisation's name (known, or with a name ending)."""
    part = _LEADING.sub("", part.strip())
    return any(part.startswith(f) for f in art.orgs) or part.endswith(_NAME_TAILS + _LEGAL + ("所", "院", "大学"))


def _party_names(art: _Article, raw: str) -> list[str]:
    """Organisation names in a stretch of text ("X和Y", "X与Y" give two): known ones first,
    else each stretch itself when it reads as a name."""
    raw = re.sub(r"\((?:[甲乙丙丁]方|简称[^)]*)\)|（(?:[甲乙丙丁]方|简称[^）]*)）", "", raw.strip())
    out: list[str] = []
    parts = re.split(r"和|与|及|、|以及|同", raw)
    if len(parts) > 1 and not all(_namelike(art, p) for p in parts):
        parts = [raw]
    for part in parts:
        part = _LEADING.sub("", part.strip().split("作为")[0]).strip()
        part = re.sub(r"(?:共同|正式|成功|分别|一起|联合)$", "", part)
        if len(part) < 2 or part in _ROLE_WORDS:
            continue
        known = [name for form, name in sorted(art.orgs.items(), key=lambda f: -len(f[0]))
                 if part.startswith(form) and len(form) >= 0.5 * len(part)]
        if known:
            out.append(known[0])
        elif part not in art.places and len(part) <= 24 and _CJK.match(part) and \
                not any(p == part for p in art.places.values()):
            out.append(art.expand(part))
    return [p for p in dict.fromkeys(out) if p not in _ROLE_WORDS]


def _place_chain(art: _Article, pos: int) -> str | None:
    """The most specific of the places written one after another from ``pos``
    ("江州市云溪经济技术开发区" -> 云溪经济技术开发区, "蓝湾开发区星光产业园内" -> 星光产业园)."""
    text = art.text
    last: str | None = None
    while pos < len(text):
        form = max((f for f in art.places if text.startswith(f, pos)), key=len, default=None)
        m = _PLACE.match(text, pos)
        if m and (form is None or m.end() - pos > len(form)) and not _JUNK_PLACE.search(m.group()) and \
                not m.group().endswith(_NOT_PLACE_END) and len(m.group()) <= 14:
            if last is not None and any(m.group().startswith(f) and len(f) >= 3 for f in art.orgs):
                break  # "…开发区星河科技城": a company's campus inside the zone, not a place of its own
            name, pos = m.group(), m.end()
        elif form is not None:
            if last is not None and any(form.startswith(f) and len(f) >= 3 for f in art.orgs):
                break
            name, pos = art.places[form], pos + len(form)
        else:
            break
        last = name
        while text.startswith(("内", "的"), pos):
            pos += 1
    return last


#: How directly the text ties a place to a project: its own grammar ("X在Y投资的", "Y的Z项目") or a
#: site verb (选址/位于) in its clause, a place cue in its clause, a cue elsewhere in its sentence or
#: the sentence's subject or the place its name starts with; the article's place is rank 0.
_PLACE_RANK = {"grammar": 4, "site": 3, "clause": 2, "sentence": 1}
_SITE_CUES = ("选址", "位于", "坐落于")
#: A sentence about a place's projects: the place is its subject ("云溪县分会场的…项目…如A、B",
#: "江州已吸引A、B…落地"), after a word of time or linking.
_SUBJECT_PLACE_AFTER = re.compile(r"(?:分会场|主会场)?(?:的|已|已经|先后|相继|陆续|共|还|吸引|引进)")
_SENTENCE_OPENER = re.compile(r"^(?:(?:目前|此外|同时|另外|其中|近年来|近年|今年|去年|当前|截至目前)[,，]?)*")
#: "园区…": the park the article is about (the last park or zone it named before).
_PARK_ANAPHOR = re.compile(r"(?:(?:此外|同时|另外|目前)[,，]?)*(?:该园区|园区)")
_PARK_END = ("产业园", "园区", "开发区", "高新区", "经开区", "科技城", "科学城", "新区", "新城", "经济区")


_CEREMONY = re.compile(r"举行|举办|召开")


def _place_near(art: _Article, start: int, end: int) -> str | None:
    """The place the clause attaches to the project (在/落户/选址/位于 + place), else its sentence."""
    return _place_ranked(art, start, end)[0]


def _place_ranked(art: _Article, start: int, end: int) -> tuple[str | None, int]:
    """``_place_near`` with the rank of the evidence (a site verb or cue in the clause outranks one
    elsewhere in the sentence; then the sentence's subject place, then "园区" for the park before)."""
    lo, hi = art.clause_bounds(start)
    sent_lo, sent_hi = art.sentences[_sentence_of(art, start)]
    for window_lo, window_hi, rank in ((lo, hi, "clause"), (sent_lo, sent_hi, "sentence")):
        best: str | None = None
        site = False
        for cue in _PLACE_CUE.finditer(art.text, window_lo, window_hi):
            found = _place_chain(art, cue.end())
            if found and (best is None or len(found) > len(best) or cue.group() in _SITE_CUES):
                best, site = found, cue.group() in _SITE_CUES
        if best:
            if rank == "clause" and _CEREMONY.search(art.text, window_lo, window_hi):
                rank = "sentence"  # "…仪式在江州举行": where the ceremony was, not the site
            return best, _PLACE_RANK["site" if site and rank == "clause" else rank]
    sentence = art.text[sent_lo:start]
    opener = _SENTENCE_OPENER.match(sentence)
    at = sent_lo + (opener.end() if opener else 0)
    form = max((f for f in art.places if art.text.startswith(f, at)), key=len, default=None)
    if form and at + len(form) <= start and _SUBJECT_PLACE_AFTER.match(art.text, at + len(form)):
        return art.places[form], _PLACE_RANK["sentence"]
    if _PARK_ANAPHOR.match(art.text, sent_lo, start) or _PARK_ANAPHOR.match(art.text, lo, start):
        parks = [(art.text.rfind(f, 0, sent_lo), name) for f, name in art.places.items() if name.endswith(_PARK_END)]
        seen = [(pos, name) for pos, name in parks if pos >= 0]
        if seen:
            return max(seen)[1], _PLACE_RANK["sentence"]
    return None, 0


def _known_place(art: _Article, stretch: str) -> str | None:
    """The longest place of the article written in ``stretch``."""
    return next((n for f, n in sorted(art.places.items(), key=lambda f: -len(f[0])) if f in stretch), None)


def _owner_place(art: _Article, owner: str) -> str | None:
    """The place an owner before 的 names: a place of the article ("云溪县"), or a zone word that
    stands for the article's one zone of that type ("经开区" -> 江州经济技术开发区)."""
    if owner in art.places:
        return art.places[owner]
    if owner in _ZONE_WORDS:
        zones = {name for form, name in art.places.items() if form.endswith(owner) and form != owner}
        if len(zones) == 1:
            return zones.pop()
    return None


#: Generic words for a zone that stand for the article's zone of that type.
_ZONE_WORDS = frozenset({"经开区", "高新区", "开发区", "新区", "自贸区", "园区", "保税区"})


def _prefix_place(art: _Article, name: str) -> str | None:
    """The place a project's name starts with ("云溪星河功率模块项目" -> 云溪县), when more of the name follows."""
    form = max((f for f in art.places if name.startswith(f) and len(name) - len(f) >= 4), key=len, default=None)
    if form is None or art.place_kinds.get(art.places[form], "city") not in {"city", "district"}:
        return None
    if any(name.startswith(o) and len(o) > len(form) and o.endswith(_LEGAL) for o in art.orgs) \
            or name.startswith(form + "的"):
        return None  # "江州星河科技有限公司…项目": the place is part of the company's registered name
    return art.places[form]


def _inside(art: _Article, a: str, b: str) -> bool:
    """True when place ``a`` lies within place ``b``, by the reader's part_of facts or by its name
    ("青岛市高新区" within "青岛市")."""
    if (a, b) in art.part_of:
        return True
    stem = re.sub(r"(?:省|市|县|区)$", "", b)
    return a != b and len(stem) >= 2 and a.startswith(stem) and len(a) > len(b)


def _best_place(art: _Article, mentions: list[_Mention]) -> _Mention | None:
    """The mention whose place the text ties most directly to the project; among equals, the
    most specific place (a zone over its city)."""
    placed = [m for m in mentions if m.place]
    if not placed:
        return None
    top = max(m.place_rank for m in placed)
    pool = [m for m in placed if m.place_rank == top]
    return next((m for m in pool if not any(_inside(art, str(o.place), str(m.place)) for o in pool)), pool[0])


def _amount(art: _Article, lo: int, hi: int) -> MoneySpan | None:
    """The investment a stretch states (not output, tax, or a total over several projects)."""
    window = art.text[lo:hi]
    if _COUNT.search(window) or re.search(r"(?:两|三|四|[\d])个项目", window):
        return None
    best: tuple[int, MoneySpan] | None = None
    for span in find_amounts(window):
        if span.conversion or span.bound:
            continue
        before = window[max(0, span.start - 8):span.start]
        if _NOT_INVEST_BEFORE.search(before):
            continue
        rank = 0 if _INVEST_BEFORE.search(before) else 1
        shifted = MoneySpan(span.value, span.currency, span.text, span.start + lo, span.end + lo, span.qualifier)
        if rank == 0 and (best is None or best[0] > 0):
            best = (0, shifted)
        elif best is None and "投资" in window:
            best = (1, shifted)
    return best[1] if best and best[0] == 0 else None


#: A stage word right after a company ("新公司揭牌") reports the company's stage, not a project's.
_OTHER_SUBJECT = re.compile(r"(?:公司|集团)(?:正式|顺利)?$")
#: A stage word that begins a noun ("量产线", "投产线"): what is built, not how far it is.
_NOUN_AFTER = re.compile(r"线|车间|基地|能力")


def _steps(art: _Article, lo: int, hi: int, exclude: tuple[int, int] | None = None) -> list[tuple[StatusCue, str | None]]:
    out = []
    for cue in art.cues:
        if lo <= cue.start < hi and not (exclude and exclude[0] <= cue.start < exclude[1] - 2):
            if _OTHER_SUBJECT.search(art.text, max(0, cue.start - 4), cue.start) or \
                    _NOUN_AFTER.match(art.text, cue.end):
                continue  # "新公司揭牌": the company's stage; "量产线": a production line, no stage
            c_lo, c_hi = art.clause_bounds(cue.start)
            out.append((cue, chinese_date(art.text[c_lo:c_hi], art.published)
                        or chinese_date(art.sentence(_sentence_of(art, cue.start)), art.published)))
    return out


def _phase(name: str) -> str | None:
    m = _PHASE.search(name)
    return _PHASE_NUM.get(m["n"], m["n"]) if m else None


def _core(name: str) -> str:
    """A project's name without the words that vary between mentions."""
    core = re.sub(r"[（(][一二三四五六七八九十\d]期[)）]|[一二三四五六七八九十\d]期(?:项目|工程)?|项目|工程|厂房$|工厂$", "", name)
    return core.strip()


#: Words after which a project's name begins (verbs and prepositions of the sentence around it).
_STOPS = re.compile(
    r"[，,。；;：:、“”\"《》！!？?—]|包括|其中|如|即|以及|还有|涵盖|分别是|签署|签订|签约|订立|启动|实施|建设|新建|引进|"
    r"宣布|共建|出席|参加|视察|调研|考察|表示|指出|认为|暨|代表|对|"
    r"打造|确保|介绍了|见证|加快|推进|举行|举办|开展|进行了|完成|实现|成为|作为|是|共有|将|拟|在|由|把|被|"
    r"距|决定|推动|吸引|落户|落地|选址|位于")
#: Words before a facility name that make it a place ("选址蓝湾开发区星光产业园内").
_PLACE_BEFORE = re.compile(r"(?:选址|位于|落户|落地|在|入驻|坐落于|来到|走进)$")
#: Names that stand for a party in a contract, never an organisation's name.
_ROLE_WORDS = frozenset({"公司", "集团", "企业", "双方", "甲方", "乙方", "丙方", "本公司", "该公司", "政府", "园区",
                         "管委会", "企业方", "企业方代表", "市政府", "区政府"})
#: Words that say nothing about which project is meant ("重点项目", "其他集成电路项目").
_GENERIC_WORDS = re.compile(
    r"集成电路|半导体|芯片|重大|重点|骨干|产业|相关|招商|合作|新签约|签约|亿元以上|以上|一批|多个|其他|其它|他|"
    r"先进制造业|制造业|项目|工程|这些|此类|一系列|大批|若干|[\d一二三四五六七八九十百千]+[个批项]|优质|新|主体|厂房|主厂房|"
    r"研究院|产业园|基地|工厂|中心|基金|工作站|国际城|招商引资|部分|科研院所|更多|全市|全省|又一|百亿|千亿|市场|"
    r"\d{4}\s*年|[及和与]")
_QUANTIFIED = re.compile(r"[\d一二三四五六七八九十百千两多]+[个批项家]|一批|多个|亿元以上|其他|其它|希望|积极|参与|奋力|"
                         r"按下|走出|努力|助力|争取|又一|首个|首家|第一个|唯一")


_PHASE_TAIL = re.compile(r"[（(]?[一二三四五六七八九十]期[)）]?$")


def _phrase_start(text: str, lo: int, end: int) -> int:
    """Where the name ending at ``end`` begins: after the last stop word or mark before it."""
    start = lo
    for m in _STOPS.finditer(text, lo, end):
        if m.end() < end:
            start = m.end()
    return start


_HARD_STOPS = re.compile(r"[，,。；;：:、“”\"《》！!？?—]|包括|其中|如|即|以及|还有|涵盖|分别是|暨")


def _item_start(text: str, lo: int, end: int) -> int:
    """Where the list item or clause holding the name ending at ``end`` begins."""
    start = lo
    for m in _HARD_STOPS.finditer(text, lo, end):
        if m.end() < end:
            start = m.end()
    return start


def _without_places(art: _Article, phrase: str) -> str:
    """``phrase`` without the article's place names in it."""
    for form in sorted(art.places, key=len, reverse=True):
        phrase = phrase.replace(form, "")
    return phrase or "项目"


def _generic(phrase: str) -> bool:
    return phrase in _GENERIC_NAMES or len(_GENERIC_WORDS.sub("", phrase)) < 2 or bool(_QUANTIFIED.search(phrase))


def _phrases(art: _Article, sent: int) -> list[_Mention]:
    """Project phrases of one sentence: "…项目", facility names with a stage, list items."""
    s_lo, s_hi = art.sentences[sent]
    text = art.text
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, raw: str, *, parties: list[str] | None = None, weak: bool = False) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        raw = _TRIM_RIGHT.sub("", _LEADING.sub("", raw))
        if "等" in raw:
            raw = raw[:raw.index("等")]  # "蓝湾…园区等重点项目": the item before 等
        head, _, phrase = raw.rpartition("的")
        cut = _phrase_start(phrase, 0, len(phrase))
        head, phrase = head + ("的" if head else "") + phrase[:cut], phrase[cut:]
        if not raw.endswith("项目") and _PLACE_BEFORE.search((text[max(s_lo, start - 4):start] + head)[-4:]):
            return  # "选址…产业园": a place, not a project
        phrase = re.sub(r"^[^\u4e00-\u9fff（(]*[)）]", "", _LEADING.sub("", phrase)).strip()
        signers = _SIGNERS.search(text[s_lo:start + len(raw)])
        if phrase and _generic(phrase) and signers and _FACILITY_NAME.search(phrase):
            names = [n for key in ("a", "b") for n in _party_names(art, signers[key]) if n not in art.places.values()]
            if names:
                parties, phrase = names, names[-1] + phrase  # "云溪镇与启明资本签署产业基金…协议"
        if not phrase or len(phrase) < 3 or _generic(phrase) or re.fullmatch(r"[^\u4e00-\u9fff]+", phrase):
            return
        if _generic(_without_places(art, phrase)):
            return  # "江州市2024年重大产业项目": the places' projects in general
        if phrase in art.places or (_FACILITY_NAME.search(phrase) is None and not _PHASE_TAIL.sub("", phrase).endswith("项目")
                                    and not parties):
            return
        taken.append((start, end))
        at = text.rfind(phrase, start, end + 1)
        mention = _Mention(sent, at if at >= 0 else start, end, phrase, parties=list(parties or []),
                           phase=_phase(phrase), weak=weak)
        if head:
            for pattern in _PARTY_BEFORE:
                m = pattern.search(head if head.endswith("的") else head + "的")
                if m:
                    for key in ("a", "b"):
                        if key in pattern.groupindex and m[key]:
                            mention.parties.extend(_party_names(art, m[key]))
                    if "p" in pattern.groupindex and m["p"] and (place := _known_place(art, m["p"])):
                        mention.place, mention.place_rank = place, _PLACE_RANK["grammar"]  # "X在Y投资的Z项目"
                    break
            else:
                owner = head[:-1] if head.endswith("的") else ""
                owner = owner[_phrase_start(owner, 0, len(owner)):]
                if (place := _owner_place(art, owner)) is not None:
                    mention.place, mention.place_rank = place, _PLACE_RANK["grammar"]  # "云溪县的…项目"
                elif owner and not re.search(r"\d", owner) and owner not in art.places and \
                        not _generic(owner + "项目") and 2 <= len(owner) <= 16:
                    mention.parties.extend(_party_names(art, owner))  # "江州蓝岭新材料的高纯试剂…"
        before = text[s_lo:mention.start].rstrip()
        if before.endswith((")", "）")) and not mention.parties:
            opening = max(before.rfind("("), before.rfind("（"))
            owner = before[:opening] if opening > 0 else ""
            owner = owner[_item_start(owner, 0, len(owner)):]
            mention.parties.extend(_party_names(art, owner))  # "星河科技股份有限公司(简称…)封装…项目"
            place = next((n for f, n in sorted(art.places.items(), key=lambda f: -len(f[0])) if f in head), None)
            mention.place = _place_chain(art, text.find(head) + head.find("在") + 1) if "在" in head else place
            mention.place_rank = _PLACE_RANK["grammar"] if mention.place else 0
        found.append(mention)

    # "A、B、C等多家企业签约落户新区": each company is a project
    for m in _COMPANY_LIST.finditer(text, s_lo, s_hi):
        at = m.start("items")
        for item in m["items"].split("、"):
            item = _LEADING.sub("", re.split(_STOPS, item)[-1].strip())
            pos = text.find(item, at)
            if pos < 0:
                continue
            at = pos + len(item)
            if item.endswith("项目") or _FACILITY_NAME.search(item) or (_PRODUCT.search(item[2:]) and
                                                                        not item.endswith(_NAME_TAILS + _LEGAL)):
                add(pos, pos + len(item), item if item.endswith("项目") else item + "项目")
            elif names := _party_names(art, item):
                add(pos, pos + len(item), item + "项目", parties=names[:1])
    # "A、B、C等产业合作项目的签约", "A项目、B项目、C项目等", "引进A、B等一批…骨干项目"
    for m in _LIST_TAIL.finditer(text, s_lo, s_hi):
        at = m.start("items")
        for index, item in enumerate(m["items"].split("、")):
            if index == 0:
                item = text[_phrase_start(text, at, at + len(item)):at + len(item)]
            item = _LEADING.sub("", item.strip())
            pos = text.find(item, at)
            if pos < 0 or not item:
                continue
            at = pos + len(item)
            if item.endswith("项目") or _FACILITY_NAME.search(item) or _PRODUCT.search(item[2:]):
                add(pos, pos + len(item), item if item.endswith("项目") or _FACILITY_NAME.search(item)
                    else item + "项目")
            elif len(item) <= 10 and _CJK.match(item):
                add(pos, pos + len(item), item + "项目", parties=_party_names(art, item)[:1])
    # every "…项目", and facility names next to a stage word
    for m in re.finditer(r"项目|工厂|产业园|研究院|创新中心|研发中心|基金|国际城|工作站|研发基地|生产基地|产业基地",
                         text[s_lo:s_hi]):
        end = s_lo + m.end()
        if text[end:end + 2] in {"公司", "集团"} or (m.group() != "项目" and text[end:end + 2] == "项目"):
            continue
        weak = False
        if m.group() != "项目":
            follow = re.match(r"[\u4e00-\u9fff()（）]{0,10}?(?:研发基地|生产基地|产业基地|研究院|中心|基金|工厂|产业园)",
                              text[end:s_hi])
            if follow and not re.search(r"[，,。；、和及与]", follow.group()):
                continue  # "…研究院江州研发基地": the longer name ends later
            lo, hi = art.clause_bounds(end - 1)
            asserted = [c for c, _ in _steps(art, lo, hi, (end - 12, end)) if c.asserted]
            in_list = text[end:end + 1] == "、" or bool(re.search(r"(?:、|即|包括|以及)$", text[max(s_lo, end - 30):end]))
            if _ANAPHOR.search(text[s_lo:s_hi]):
                continue  # "上述项目…主要建设…基地": a description of the project before
            if not asserted and not _amount(art, lo, hi):
                if in_list and any(c.asserted for c, _ in _steps(art, s_lo, s_hi)):
                    pass
                else:
                    weak = True
        tail = re.match(r"[（(]?[一二三四五六七八九十]期[)）]?", text[end:end + 5])
        if tail:
            end += tail.end()
        start = _item_start(text, max(s_lo, end - 70), end)
        add(start, end, text[start:end], weak=weak)
    return found


def _attach(art: _Article, mention: _Mention, *, alone: bool) -> None:
    """Parties, place, amount and stages of a phrase from its clause and sentence (``alone``:
    the only project its sentence names, so the sentence's investment figure is its own)."""
    text = art.text
    lo, hi = art.clause_bounds(mention.start)
    s_lo, s_hi = art.sentences[mention.sent]
    before = text[lo:mention.start]
    if not mention.parties:
        for pattern in _PARTY_BEFORE:
            m = pattern.search(before)
            if m:
                for key in ("a", "b"):
                    if key in pattern.groupindex and m[key]:
                        mention.parties.extend(_party_names(art, m[key]))
                if "p" in pattern.groupindex and m["p"] and not mention.place:
                    place = _known_place(art, m["p"])
                    mention.place = place
                    mention.place_rank = _PLACE_RANK["grammar"] if place else 0
                break
    after = text[mention.end:s_hi]
    m = _PARTY_AFTER.match(after)
    if m:
        mention.parties.extend(_party_names(art, m["a"]))
    if not mention.parties:
        signers = _SIGNERS.search(text[s_lo:mention.start])
        if signers:
            mention.parties.extend(n for key in ("a", "b") for n in _party_names(art, signers[key]))
    if not mention.parties:
        decides = _DECIDES.search(text[s_lo:mention.start])
        if decides:
            mention.parties.extend(n for key in ("a", "b") if decides[key] for n in _party_names(art, decides[key]))
    if not mention.parties and "其旗下" in before:
        subject = _SUBJECT.match(text[s_lo:mention.start])
        if subject:
            mention.parties.extend(_party_names(art, subject["a"]))
    derived = _derive_party(art, mention.name)
    if _FACILITY_NAME.search(mention.name) and not mention.name.endswith(("项目", "工厂")) and len(mention.name) >= 5 \
            and not (mention.name.endswith(_PLANT_WORDS) and derived and mention.name.startswith(derived)):
        mention.parties.append(mention.name)  # "江州光子研究院", "星河IC科技城": the facility is a party
    if derived and derived not in mention.parties and not any(derived in p or p in derived for p in mention.parties):
        mention.parties.append(derived)
    mention.parties = [p for p in dict.fromkeys(mention.parties) if p not in art.places.values()]
    if not mention.place:
        mention.place, mention.place_rank = _place_ranked(art, mention.start, mention.end)
    if mention.place_rank < _PLACE_RANK["clause"] and (prefix := _prefix_place(art, mention.name)) is not None:
        mention.place, mention.place_rank = prefix, _PLACE_RANK["clause"]  # "云溪星河功率模块项目"
    mention.amount = _amount(art, lo, hi) or (_amount(art, s_lo, s_hi) if alone else None)
    mention.steps = _steps(art, lo, hi, (mention.start, mention.end)) or _steps(art, s_lo, s_hi)
    back = mention.sent - 1
    while not mention.steps and back >= max(0, mention.sent - 2):
        b_lo, b_hi = art.sentences[back]
        mention.steps = [(c, d) for c, d in _steps(art, b_lo, b_hi) if c.asserted][:1]
        back -= 1


def _amounts_after(art: _Article, named: list[_Mention]) -> None:
    """"星河研究院由…共建,总投入10亿元,…": a project named alone in its clause takes the investment
    stated in the clauses after it, up to the next project its sentence names."""
    text = art.text
    for index, mention in enumerate(named):
        if mention.amount or text[mention.end:mention.end + 1] == "、" or text[mention.start - 1:mention.start] == "、":
            continue
        lo, hi = art.clause_bounds(mention.start)
        if any(lo <= other.start < hi for other in named if other is not mention):
            continue  # a list in one clause: the figure may be any item's, or their total
        stop = next((art.clause_bounds(other.start)[0] for other in named[index + 1:] if other.start >= hi),
                    art.sentences[mention.sent][1])
        mention.amount = _amount(art, hi, stop)


def _anaphors(art: _Article, sent: int, named: list[_Mention]) -> list[_Mention]:
    """Clauses that continue the project before ("该项目总投资…", "二期项目正式开工")."""
    s_lo, s_hi = art.sentences[sent]
    out = []
    bounds = [s_lo, *[m.end() for m in _CLAUSE.finditer(art.text, s_lo, s_hi)], s_hi]
    for lo, hi in itertools.pairwise(bounds):
        clause = art.text[lo:hi]
        if any(lo <= n.start < hi for n in named):
            continue
        a = _ANAPHOR.search(clause.lstrip())
        if not a:
            if (owner := _investing_company(art, clause)) is not None:
                mention = _Mention(sent, lo, hi, "", parties=[owner], anaphor=True, by_party=True)
                mention.amount = _amount(art, lo, hi)
                mention.place, mention.place_rank = _place_ranked(art, lo, hi)
                if mention.amount:
                    out.append(mention)
            continue
        mention = _Mention(sent, lo, hi, "", anaphor=True, phase=_phase(a.group()))
        stop = min((n.start for n in named if n.start >= hi), default=s_hi)
        mention.amount = _amount(art, lo, hi) or _amount(art, hi, stop)  # "上述项目占地…,总投资…"
        mention.steps = _steps(art, lo, hi)
        decides = _DECIDES.search(art.text[s_lo:hi])
        if decides:
            mention.parties = [n for key in ("a", "b") if decides[key] for n in _party_names(art, decides[key])]
        elif (head := art.org_at_head(_LEADING.sub("", clause.strip()) + "。")) is not None:
            mention.parties = [head]
        if "选址" in clause or "位于" in clause:
            mention.place, mention.place_rank = _place_ranked(art, lo, hi)
        if mention.amount or mention.steps or mention.place_rank >= _PLACE_RANK["site"]:
            out.append(mention)
    return out


#: "星河微电子有限公司总投资30亿元": a company's investment stated with the company as subject.
_INVESTS = re.compile(r"(?:\([^)]*\)|（[^）]*）)?(?:项目)?(?:总投资|投资总额|计划总投资|计划投资)")


def _investing_company(art: _Article, clause: str) -> str | None:
    """The organisation a clause opens with when what follows is its investment."""
    body = _LEADING.sub("", clause.strip())
    form = max((f for f in art.orgs if body.startswith(f)), key=len, default=None)
    return art.orgs[form] if form and _INVESTS.match(body, len(form)) else None


def _related(a: list[str], b: list[str]) -> bool:
    """A shared party, or two names of one group ("星河集团", "星河科技": the same two-character head)."""
    return any(x == y or x in y or y in x or (len(x) >= 4 and len(y) >= 4 and x[:2] == y[:2])
               for x in a for y in b)


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _group(mentions: list[_Mention], orgs: dict[str, str] | None = None) -> list[_Group]:
    """Mentions of one project together (``orgs``: the organisations' written forms, so that a
    project named by a company's short form, "星河项目", is that company's)."""
    orgs = orgs or {}
    groups: list[_Group] = []
    for mention in mentions:
        target = None
        if mention.by_party:
            owners = [g for g in groups if set(mention.parties) & set(g.parties)] or \
                [g for g in groups if _related(mention.parties, g.parties)]
            if len(owners) == 1:
                owners[0].mentions.append(mention)  # one project of that company: its investment
            continue
        if mention.anaphor:
            candidates = [g for g in groups if g.mentions[-1].sent >= mention.sent - 3]
            if mention.phase:
                target = next((g for g in reversed(candidates) if g.phase == mention.phase), None)
                if target is None and candidates:
                    base = candidates[-1]
                    groups.append(_Group([_Mention(mention.sent, mention.start, mention.end,
                                                   base.name, list(base.parties), base.mentions[0].place,
                                                   base.mentions[0].place_rank, mention.amount, mention.steps,
                                                   mention.phase)]))
                    continue
            elif candidates:
                target = candidates[-1]
            if target is None:
                continue
            target.mentions.append(mention)
            continue
        core = _core(mention.name)
        for group in reversed(groups):
            other = _core(group.name)
            same_sentence = group.mentions[-1].sent == mention.sent
            same_name = bool(core and other and (core == other or (not same_sentence and (
                (min(len(core), len(other)) >= 4 and (core in other or other in core))
                or _common_prefix(core, other) >= max(6, 0.6 * min(len(core), len(other)))
                or (_common_suffix(core, other) >= 5 and _related(mention.parties, group.parties))))))
            if same_name and (not group.phase or not mention.phase or group.phase == mention.phase):
                target = group
                break
            if mention.parties and group.parties and _related(mention.parties, group.parties) and \
                    mention.phase and group.phase == mention.phase:
                target = group
                break
            bare = not core or not other or core in mention.parties or other in group.parties or \
                any(core and p.startswith(core) for p in mention.parties) or orgs.get(core) in mention.parties
            only_phase = group.phase == "1" and not any(g.phase not in {None, "1"} for g in groups)
            if mention.parties and group.parties and set(mention.parties) & set(group.parties) and \
                    not mention.phase and (not group.phase or only_phase) and facilities_compatible(
                        chinese_facility(mention.name), chinese_facility(group.name)) and bare:
                target = group
                break
        if target is None:
            if not mention.weak:
                groups.append(_Group([mention]))
        else:
            target.mentions.append(mention)
    return groups


def _project(art: _Article, group: _Group, fallback_place: str | None, default_step: StatusCue | None) -> Project:
    step = group.best_step()
    amount_mention = next((m for m in group.mentions if m.amount), None)
    place_mention = _best_place(art, group.mentions)
    parties = group.parties
    history = [StatusStep(status=c.reported, date=d, evidence=[art.evidence(m.sent)])
               for m in group.mentions for c, d in m.steps]
    history.sort(key=lambda s: (s.date or "9999", STAGE_RANK[s.status]))
    status = step[0].reported if step else (default_step.reported if default_step else "planned")
    date = step[1] if step else None
    sents = list(dict.fromkeys(m.sent for m in group.mentions))
    name = group.name or (f"{parties[0]}项目" if parties else "项目")
    field_evidence = {
        "parties": [art.evidence(m.sent) for m in group.mentions if m.parties][:2],
        "place": [art.evidence(place_mention.sent)] if place_mention else [],
        "amount": [art.evidence(amount_mention.sent)] if amount_mention else [],
        "status": [art.evidence(step[2])] if step else [],
        "facility": [art.evidence(sents[0])],
    }
    return Project(
        name=name,
        parties=parties,
        place=place_mention.place if place_mention else fallback_place,
        facility=chinese_facility(name),
        amount=amount_mention.amount.amount() if amount_mention and amount_mention.amount else None,
        status=status,
        date=date,
        phase=group.phase,
        history=history,
        field_evidence={k: v for k, v in field_evidence.items() if v},
        evidence=[art.evidence(s) for s in sents[:4]],
        confidence=0.55 if parties else 0.4,
    )


def _counts(art: _Article, events: list[str]) -> list[ProjectCount]:
    out = []
    for m in _COUNT.finditer(art.text):
        word = m["n"]
        number = int(word) if word.isdigit() else _chinese_count(word)
        if number < 2:
            continue
        sent = _sentence_of(art, m.start())
        s_lo, s_hi = art.sentences[sent]
        cues = [c for c in art.cues if s_lo <= c.start < s_hi]
        amounts = [a for a in find_amounts(art.text[m.end():s_hi]) if not a.conversion and not a.bound]
        sentence = art.text[s_lo:s_hi]
        event = next((e for e in events if e in sentence), None)
        out.append(ProjectCount(count=number, status=cues[0].reported if cues else None,
                                place=_place_near(art, m.start(), m.end()), event=event,
                                amount=amounts[0].amount() if amounts else None,
                                evidence=[art.evidence(sent)], confidence=0.7))
    return out


def _chinese_count(word: str) -> int:
    from chipmap.extract.projects.amounts import chinese_number

    value = chinese_number(word)
    return int(value) if value else 0


def _article_place(art: _Article, extraction: ArticleExtraction) -> str | None:
    """Where the article is set: its most mentioned district, else city."""
    counts: dict[str, int] = {}
    kinds = {p.name: p.kind for p in extraction.places}
    longer = [f for f in (*art.places, *art.orgs) if len(f) >= 3]
    for form, name in art.places.items():
        if name in kinds and kinds[name] in {"district", "city"}:
            counts[name] = counts.get(name, 0) + _standalone(art.text, form, longer)
    if not counts:
        return None
    return max(counts, key=lambda n: (kinds[n] == "district", counts[n]))


def _standalone(text: str, form: str, longer: list[str]) -> int:
    """How often ``form`` is written on its own, not inside a longer place or organisation name
    ("云溪" inside "江州云溪光电产业园" does not count)."""
    covered: set[int] = set()
    for other in longer:
        if form in other and other != form:
            for m in re.finditer(re.escape(other), text):
                covered.update(range(m.start(), m.end()))
    return sum(1 for m in re.finditer(re.escape(form), text) if m.start() not in covered)


def chinese_projects(article: Article, extraction: ArticleExtraction,
                     atlas: Atlas) -> tuple[list[Project], list[ProjectCount]]:
    """The projects and bare project counts a Chinese article reports (``atlas`` is accepted
    for symmetry with the English reader; places come from the reader and the text)."""
    del atlas
    art = _Article(article, extraction)
    mentions: list[_Mention] = []
    for sent in range(len(art.sentences)):
        named = _phrases(art, sent)
        for mention in named:
            _attach(art, mention, alone=len(named) <= 1)
        _amounts_after(art, named)
        mentions.extend(sorted(named + _anaphors(art, sent, named), key=lambda m: m.start))
    groups = _group(mentions, art.orgs)
    fallback = _article_place(art, extraction)
    title_cues = chinese_cues(article.title) if article.title else []
    default = next((c for c in title_cues if c.asserted), None)
    projects = [_project(art, g, fallback, default) for g in groups if g.name or g.parties]
    return projects, _counts(art, [e.name for e in extraction.events])
