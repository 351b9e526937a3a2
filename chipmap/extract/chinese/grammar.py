"""Names found by the grammar around them rather than by their own ending.

A company written without its legal suffix ("某某科技", "某某电子", even "某某斯") is still a
company where the sentence expects one:
- in a list of firms: "A、B、C等多家企业", "吸引了A、B等企业入驻";
- as the subject of "在 + place + 投资/建设" or "将在 + place";
- as the body written before a title ("某某先进总经理某某").
"""

from __future__ import annotations

import re

from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.lexicon import Lexicon
from chipmap.extract.chinese.people import Appointment, read_name
from chipmap.extract.chinese.spans import Cand, left_edge, only_industry
from chipmap.extract.chinese.text import BREAKS, CLAUSE_BREAKS, is_han, name_char
from chipmap.extract.chinese.words import Words

#: Words after a list that say its items are firms.
_FIRM_WORDS = ("企业", "公司", "厂商", "龙头", "单位", "机构")
#: Endings of things that are not organisations, however placed in the sentence.
_NOT_ORG_TAILS = ("项目", "工程", "仪式", "活动", "会议", "大会", "产业", "基地", "领域", "中心", "技术",
                  "产品", "企业", "公司", "集群", "平台", "政策", "方案", "产能", "产线", "厂房", "集团")
#: Body words that stand for the article's one body of their kind, never a name.
GENERIC_BODIES = {
    "公司": "company", "集团": "company", "该公司": "company", "协会": "association", "商会": "association",
    "园区": "zone", "新区": "zone", "高新区": "zone", "开发区": "zone", "经开区": "zone", "管委会": "zone",
    "研究院": "academic", "学院": "academic", "大学": "academic", "研究所": "academic",
}
_SCOPE_KIND = {"company": "company", "association": "association", "academic": "academic",
               "government": "government", "any": "company", "zone": "government"}


def _name_like(name: str, lex: Lexicon) -> bool:
    return (2 <= len(name) <= 14 and all(name_char(c) for c in name) and is_han(name[0])
            and not lex.is_generic(name) and name not in lex.not_places)


def _covered(cands: list[Cand], start: int, end: int) -> bool:
    return any(c.start <= start and end <= c.end for c in cands) or any(
        start <= c.start and c.end == end and c.type != "person" for c in cands)


def body_cands(text: str, appointments: list[Appointment], cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """A body written before a title that no other reading found (长电先进总经理 -> 长电先进)."""
    out: list[Cand] = []
    divs = divisions()
    for person in appointments:
        for post in person.posts:
            start, end = post.body_start, post.body_end
            body = text[start:end]
            if not body or body in GENERIC_BODIES or _covered(cands + out, start, end) \
                    or (len(body) <= 3 and read_name(text, start, lex) == end):
                continue  # "何某某秘书长": a name before its title, not a body
            if post.scope in {"city", "province", "district"}:
                for suffix in ("市", "省", "区", "县"):
                    found = divs.named(body + suffix)
                    if found:
                        out.append(Cand(start, end, "place", found[0].kind, "body", code=found[0].code))
                        break
                continue
            if _name_like(body, lex):
                out.append(Cand(start, end, "org", _SCOPE_KIND.get(post.scope, "company"), "body"))
    return out


def _right_edge(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where an item of a list stops: before "的" or the first verb or preposition after its start."""
    for i in range(start + 2, end):
        if text[i] == "的" or any(text[i : i + size] in lex.left_boundaries for size in (2, 3)):
            return i
    return end


def _item_cand(text: str, start: int, end: int, lex: Lexicon, *, firms: bool) -> Cand | None:
    """The firm an item of a list names: the item up to its first verb or "的", ending in an
    industry word when the list does not say its items are firms."""
    end = _right_edge(text, start, end, lex)
    item = text[start:end]
    if not _name_like(item, lex) or item.endswith(_NOT_ORG_TAILS) or divisions().named(item) \
            or only_industry(item, lex) or item in lex.segment_cues \
            or lex.titles.keys() & {item[k:j] for k in range(len(item)) for j in range(k + 2, len(item) + 1)}:
        return None
    if firms or item.endswith(lex.industry_words):
        return Cand(start, end, "org", "company", "list")
    for word in lex.industry_words:  # "某某半导体模块项目": the firm is the name up to its industry word
        at = item.find(word)
        if at >= 2:
            return Cand(start, start + at + len(word), "org", "company", "list")
    return None


def list_cands(text: str, cands: list[Cand], lex: Lexicon, words: Words | None = None) -> list[Cand]:
    """The items of lists of firms ("A、B、C等多家企业", "吸引了A、B等企业入驻")."""
    out: list[Cand] = []
    people = [c for c in cands if c.type == "person"]
    for match in re.finditer(r"[^、，,。；;：:“”\n]{2,30}(?:、[^、，,。；;：:“”\n]{2,30})+", text):
        start, end = match.span()
        pieces: list[tuple[int, int]] = []
        pos = start
        for piece in text[start:end].split("、"):
            pieces.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        first_end = pieces[0][1]
        head = left_edge(text, first_end, limit=16, lex=lex)
        _cut, rest = lex.strip_leading(text[head:first_end])
        pieces[0] = (first_end - len(rest), first_end)
        tail = ""
        for k, (s, e) in enumerate(pieces):
            stop = re.search(r"等|以及|和|及", text[s:e])
            if stop:
                tail = text[s + stop.start() : s + stop.start() + 14]
                pieces = [*pieces[:k], (s, s + stop.start())]
                break
        else:
            tail = text[end : end + 14]
        tail = tail[: next((k for k, ch in enumerate(tail) if ch in CLAUSE_BREAKS), len(tail))]
        before = text[max(0, pieces[0][0] - 4) : pieces[0][0]]
        firms = any(w in tail for w in _FIRM_WORDS) or any(v in before for v in lex.attract_verbs)
        known = sum(1 for s, e in pieces if any(c.type == "org" and c.start == s for c in cands))
        if not firms and known < 2:
            continue
        for s, e in pieces:
            if e - s < 2 or any(c.start < e and s < c.end for c in people) \
                    or any(c.start <= s < c.end for c in cands if c.type == "org"):
                continue
            cut = words.name_start(text[s:e]) if words is not None else 0
            if cut and e - s - cut >= 2:
                continue  # "布局全国": a verb phrase in the list, not a firm
            cand = _item_cand(text, s, e, lex, firms=firms or known * 2 >= len(pieces))
            if cand is not None:
                out.append(cand)
    return out


def _subject_start(text: str, end: int, cands: list[Cand], lex: Lexicon) -> int:
    """Where the subject before "在" starts: the clause or list item start, or a known name's end
    followed by a joiner (甲和乙共同在…: 乙)."""
    ends = {c.end for c in cands if c.type in {"org", "person"}}
    i = end
    while i > 0 and end - i < 14:
        ch = text[i - 1]
        if ch in BREAKS or ch.isdigit() or not name_char(ch):
            break
        if ch in "和与及" and i - 1 in ends:
            break
        if any(text[max(0, i - size) : i] in lex.left_boundaries for size in (2, 3, 4)):
            break
        i -= 1
    return i


def subject_cands(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """The subject of "在 + place + 投资" or "将在 + place": a firm, whatever its name's ending."""
    places = {c.start for c in cands if c.type == "place"}
    out: list[Cand] = []
    for match in re.finditer(r"(将|已|拟|正|也|还|计划|决定|共同)?在", text):
        if match.end() not in places:
            continue
        end = match.start()
        start = _subject_start(text, end, cands, lex)
        _cut, name = lex.strip_leading(text[start:end])
        start = end - len(name)
        if start == end or _covered(cands, start, end) or name in GENERIC_BODIES or name.endswith("政府"):
            continue
        if any(c.type == "person" and c.start < end and start < c.end for c in cands) \
                or name.endswith(("一行", "等", "们", "会")) or name in lex.leading_words:
            continue
        if _name_like(name, lex) and not name.endswith(_NOT_ORG_TAILS) and not divisions().named(name) \
                and (name.endswith(lex.industry_words) or len(name) <= 6):
            out.append(Cand(start, end, "org", "company", "subject"))
    return out


_SITE = re.compile(r"(生产基地|研发基地|制造基地|基地|工厂|厂区|总部)")


def site_cands(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """The firm before "place + 基地/工厂/总部" ("某某先进武汉基地"): a company, whatever its ending."""
    out: list[Cand] = []
    places = [c for c in cands if c.type == "place" and not c.inner]
    for place in places:
        if not _SITE.match(text, place.end):
            continue
        end = place.start
        start = _subject_start(text, end, cands, lex)
        _cut, name = lex.strip_leading(text[start:end])
        start = end - len(name)
        if 2 <= len(name) <= 8 and not _covered(cands, start, end) and _name_like(name, lex) \
                and "的" not in name and not name.startswith(lex.generic_starts) \
                and not name.endswith(_NOT_ORG_TAILS) and not divisions().named(name) \
                and not any(c.start < end and start < c.end for c in cands if c.type in {"person", "org", "place"}):
            out.append(Cand(start, end, "org", "company", "site"))
    return out


def project_cands(text: str, cands: list[Cand], lex: Lexicon, words: Words | None) -> list[Cand]:
    """The firm a short project name is named after ("某某稀材项目"): a name of at most four
    characters at a clause's start that is no everyday phrase."""
    out: list[Cand] = []
    if words is None:
        return out
    for match in re.finditer("项目", text):
        end = match.start()
        start = end
        while start > 0 and end - start < 5 and is_han(text[start - 1]) and text[start - 1] not in "的在和与及":
            start -= 1
        if start > 0 and text[start - 1] not in BREAKS:
            continue
        name = text[start:end]
        if not 2 <= len(name) <= 4 or _covered(cands, start, end) or lex.is_generic(name) \
                or any(c.start < end and start < c.end for c in cands) or only_industry(name, lex) \
                or words.is_common_phrase(name, industry=lex.industry_words) or name in lex.leading_words:
            continue
        out.append(Cand(start, end, "org", "company", "project"))
    out += _project_heads(text, cands + out, lex, words)
    return out


#: Product and facility words a project's name goes on with after its firm ("星河|功率模块项目").
_PRODUCT_START = re.compile(
    r"(?:\d+\s*(?:英寸|纳米|吨)|千吨|万吨|大尺寸|高分辨率|高端|高密度|新型|智能|第三代|"
    r"芯片|集成电路|光刻|封装|封测|模块|模组|晶圆|传感器|功率|存储|材料|设备|装备|电子束|激光|红外|"
    r"碳化硅|氮化镓|研发|生产|制造|总部|基地|5G)")
#: Words a firm's short name ends in before its products ("汉斯半导体|模块").
_FIRM_TAILS = ("半导体", "微电子", "电子", "科技", "新材料", "光电", "集团", "仪器")


def _project_heads(text: str, cands: list[Cand], lex: Lexicon, words: Words) -> list[Cand]:
    """The firm at the head of a project named in a list or after 的 ("包括A的星河功率模块项目、
    蓝岭芯片封装项目等"): a short unknown name before the first product word, when the name has a
    firm's ending or is no everyday phrase."""
    out: list[Cand] = []
    for match in re.finditer(r"(?<=[、的:：,，包括如吸引引进])((?:(?![的、和与及在])[\u4e00-\u9fff]){2,8}?)(?="
                             + _PRODUCT_START.pattern + ")", text):
        start, end = match.span(1)
        item_end = next((k for k in range(end, min(len(text), end + 40)) if text[k] in "、，,。;；"), len(text))
        item = text[end:item_end]
        if "项目" not in item and not (text[item_end : item_end + 1] == "、" and "项目" in text[item_end : item_end + 60]
                                      .split("。")[0]):
            continue
        if start == 0 or (text[start - 1] not in "、的" and not re.search(r"(?:包括|如|吸引|引进)$", text[max(0, start - 4) : start])):
            continue  # a list item or an owner's project, not a sentence's subject
        name = text[start:end]
        for tail in _FIRM_TAILS:
            if item.startswith(tail) and len(name) + len(tail) <= 8:
                name, end = name + tail, end + len(tail)
                break
        inside = [c for c in cands if c.start < end and start < c.end]
        if any(c.type != "place" or c.start < start or c.end >= end for c in inside) \
                or lex.is_generic(name) or only_industry(name, lex) \
                or name in lex.leading_words or (not name.endswith(_FIRM_TAILS)
                                                  and words.is_common_phrase(name, industry=lex.industry_words)):
            continue
        out.append(Cand(start, end, "org", "company", "project"))
    return out
