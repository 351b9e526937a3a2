"""The Chinese relation rules: one small function per sentence shape, registered by name.

``ZH_RULES`` is the Chinese ``RuleRegistry``; each rule reads a ``ChineseContext`` and one
sentence and yields ``Found`` pairs, and the registry tags each with its name and confidence,
which travel into the extraction output and the store's evidence rows. The shapes:

- holds_position: the posts read by ``people.py``, one rule per way the body was found (written
  before the title, shared along a chain of posts or a list of people, the article's city,
  district or zone for bare posts, the one body of a kind for "公司"/"协会", 担任/当选为 + title);
- located_in: 落户/位于/选址 + place, 在 + place + 投资/建设/举办, a place that 吸引/引进 a list
  of firms, "firm + place + 基地", the place in a body's name, zone committees, bare 省/市 bodies;
- part_of: the atlas and the division codes between places the article names, a place written
  with its parent's name in front, two places written together (安徽芜湖), 坐落于X的Y, zones of
  the article's city;
- subsidiary_of: a name built on another body's name (…分会, …研究院), regional companies
  (X(南京)有限公司), 旗下/子公司/控股, "X在Y成立的Z", the atlas's parent links;
- operates_in: atlas segments, segment words in a company's name or in the project it invests in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from chipmap.extract.chinese.context import ChineseContext, Mention
from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.grouping import ZhEntity, place_key, regional_parent, short_forms, strip_legal
from chipmap.extract.chinese.lexicon import alternation
from chipmap.extract.chinese.text import CLAUSE_BREAKS
from chipmap.extract.rules import Found, RuleRegistry

ZH_RULES: RuleRegistry[ChineseContext, ZhEntity] = RuleRegistry("zh")
rule = ZH_RULES.rule

_MODIFIERS = re.compile(r"^(国家级|省级|市级|位于|于|在|了|到)+")
_LIST_JOINS = ("、", "和", "及", "与", "以及", ",")
#: Zones that a city's news places in the city itself (not parks, which nest in zones).
_AREA_ENDINGS = ("新区", "新城", "高新区", "开发区", "经开区", "经济区", "科学城", "光谷", "合作区")


# -- helpers ----------------------------------------------------------------------------------
def _places_from(ctx: ChineseContext, pos: int, end: int) -> list[ZhEntity]:
    """The places written one after another from ``pos`` ("宁西开发区青禾产业园")."""
    skip = _MODIFIERS.match(ctx.text[pos:end])
    if skip and ctx.starting_at(pos) is None:
        pos += skip.end()
    out: list[ZhEntity] = []
    while pos < end:
        mention = ctx.starting_at(pos)
        if mention is None or mention.entity.type != "place":
            break
        out.append(mention.entity)
        pos = mention.end
    return out


def stems(place: ZhEntity) -> set[str]:
    """A place's forms and their stems without 市/省/区/县 (江阴市 -> 江阴)."""
    out = set(place.forms)
    out |= {f[:-1] for f in place.forms if len(f) >= 3 and f[-1] in "市省区县"}
    return out


def _clause_start(ctx: ChineseContext, pos: int, sent: int) -> int:
    start = ctx.sentences[sent][0]
    i = pos
    while i > start and ctx.text[i - 1] not in CLAUSE_BREAKS:
        i -= 1
    return i


def _org_list(ctx: ChineseContext, last: Mention) -> list[ZhEntity]:
    """The organisations listed up to and including ``last`` ("A、B和C")."""
    out = [last.entity]
    pos = last.start
    while True:
        for join in _LIST_JOINS[:-1]:
            if ctx.text[pos - len(join) : pos] == join:
                before = ctx.ending_at(pos - len(join))
                if before is not None and before.entity.type == "org" and before.entity not in out:
                    out.insert(0, before.entity)
                    pos = before.start
                    break
        else:
            return out


def _org_list_after(ctx: ChineseContext, pos: int, end: int) -> list[ZhEntity]:
    """Organisations listed from ``pos`` on, each item possibly followed by its project words."""
    out: list[ZhEntity] = []
    i = pos
    while i < end:
        mention = ctx.starting_at(i)
        if mention is None or mention.entity.type != "org":
            break
        out.append(mention.entity)
        nxt = ctx.text.find("、", mention.end, end)
        stop = ctx.text.find("等", mention.end, end)
        if nxt < 0 or 0 <= stop < nxt:
            break
        i = nxt + 1
    return out


def _mentions_between(ctx: ChineseContext, start: int, end: int, types: tuple[str, ...]) -> list[Mention]:
    return [m for m in ctx.mentions if start <= m.start and m.end <= end and not m.inner
            and m.entity.type in types]


def _head_before(ctx: ChineseContext, sent: int, pos: int, *, clause: bool) -> Mention | None:
    """The nearest organisation before ``pos`` with no other place or organisation in between."""
    start = _clause_start(ctx, pos, sent) if clause else ctx.sentences[sent][0]
    between = _mentions_between(ctx, start, pos, ("org", "place", "person"))
    for m in reversed(between):
        if m.entity.type == "org":
            return m
        if m.entity.type == "place":
            return None
    return None


def placed(ctx: ChineseContext) -> set[ZhEntity]:
    """Organisations the text itself places (by a verb, a site or a list), worked out once."""
    memo = ctx.memo.get("placed")
    if memo is None:
        text_rules = ("located_in.zh_settle_verb", "located_in.zh_at_place_builds",
                      "located_in.zh_place_attracts", "located_in.zh_site_of", "located_in.zh_zone_committee",
                      "located_in.zh_project_of_firm")
        memo = {link.head for link in ZH_RULES.apply(ctx, range(len(ctx.sentences)), only=text_rules)}
        ctx.memo["placed"] = memo
    assert isinstance(memo, set)
    return memo


def nested_by_text(ctx: ChineseContext) -> set[ZhEntity]:
    """Places the text itself puts in another place (written together, 坐落于X的Y)."""
    memo = ctx.memo.get("nested")
    if memo is None:
        memo = {link.head for link in ZH_RULES.apply(ctx, range(len(ctx.sentences)),
                                                     only=("part_of.zh_juxtaposed", "part_of.zh_located_at"))}
        ctx.memo["nested"] = memo
    assert isinstance(memo, set)
    return memo


# -- holds_position -----------------------------------------------------------------------------
def _positions(ctx: ChineseContext, sent: int, how: str) -> Iterator[Found[ZhEntity]]:
    for position in ctx.positions:
        if position.sent == sent and position.how == how and position.body is not None:
            yield Found(position.person, position.body, title=position.role)


@rule("holds_position.zh_title_before_name", "holds_position", 0.85)
def title_before_name(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[body][role][name]: the body written before the title (某某公司董事长某某, 长沙市委书记某某)."""
    yield from _positions(ctx, sent, "zh_title_before_name")


@rule("holds_position.zh_post_chain", "holds_position", 0.8)
def post_chain(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[body][role]、[role][name]: a post without a body shares the body before it (市委副书记、市长)."""
    yield from _positions(ctx, sent, "zh_post_chain")


@rule("holds_position.zh_list_shares_body", "holds_position", 0.7)
def list_shares_body(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[body][role][name]、[role][name]: the second person's bare post is in the first one's body."""
    yield from _positions(ctx, sent, "zh_list_shares_body")


@rule("holds_position.zh_city_post", "holds_position", 0.75)
def city_post(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """市长/市委书记/市领导 [name] with no city written: the city the article is about."""
    yield from _positions(ctx, sent, "zh_city_post")


@rule("holds_position.zh_district_post", "holds_position", 0.7)
def district_post(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """区长/区委书记/县长 [name] with no district written: the district the article is about."""
    yield from _positions(ctx, sent, "zh_district_post")


@rule("holds_position.zh_zone_post", "holds_position", 0.7)
def zone_post(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """园区/管委会/党工委 posts with no zone written: the zone the article is about."""
    yield from _positions(ctx, sent, "zh_zone_post")


@rule("holds_position.zh_generic_body", "holds_position", 0.65)
def generic_body(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """公司董事长/协会秘书长/bare 董事长: the article's one body of that kind."""
    yield from _positions(ctx, sent, "zh_generic_body")


@rule("holds_position.zh_appointed", "holds_position", 0.75)
def appointed(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[name]担任/出任/当选为/获委任[body][role]: the post the person takes."""
    yield from _positions(ctx, sent, "zh_appointed")


# -- located_in ----------------------------------------------------------------------------------
def _verb_at(text: str, pos: int, verbs: tuple[str, ...]) -> str:
    match = _pattern(verbs).match(text, pos)
    return match.group() if match else ""


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return alternation(words)


@cache
def _compiled(expression: str) -> re.Pattern[str]:
    return re.compile(expression)


_AT = re.compile("在")
_PROJECT = re.compile("项目")


@rule("located_in.zh_settle_verb", "located_in", 0.8)
def settle_verb(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[org(、org)] … 落户/落地/入驻/位于/选址 [place][place]: each firm is in each place written."""
    start, end = ctx.sentences[sent]
    for match in _pattern(ctx.lex.settle_verbs).finditer(ctx.text, start, end):
        places = _places_from(ctx, match.end(), end)
        head = _head_before(ctx, sent, match.start(), clause=False) if places else None
        if head is not None and head.entity.kind != "government":
            for org in _org_list(ctx, head):
                for place in places:
                    yield Found(org, place)


@rule("located_in.zh_at_place_builds", "located_in", 0.75)
def at_place_builds(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[org] … 在 [place] … 投资/建设/设立/举办: the firm invests or builds there; "在[place]投资的
    [org]项目" places the project's firm instead."""
    start, end = ctx.sentences[sent]
    text = ctx.text
    for match in _AT.finditer(text, start, end):
        at = match.start()
        places = _places_from(ctx, at + 1, end)
        if not places:
            continue
        after = ctx.starting_at(at + 1)
        tail_end = at + 1
        while after is not None and after.entity.type == "place":
            tail_end = after.end
            after = ctx.starting_at(after.end)
        window = text[tail_end : tail_end + 14]
        cut = next((k for k, ch in enumerate(window) if ch in CLAUSE_BREAKS), len(window))
        window = window[:cut]
        verb = next((v for v in ctx.lex.build_verbs if v in window), "")
        if not verb:
            continue
        v_at = tail_end + window.index(verb)
        project = ctx.starting_at(v_at + len(verb) + 1) if text[v_at + len(verb) : v_at + len(verb) + 1] == "的" else None
        if project is not None and project.entity.type == "org":
            heads = [project.entity]
        else:
            head = _head_before(ctx, sent, at, clause=False)
            heads = _org_list(ctx, head) if head is not None else []
        for org in heads:
            if org.kind in {"government"}:
                continue
            for place in places:
                yield Found(org, place)


@rule("located_in.zh_place_attracts", "located_in", 0.7)
def place_attracts(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[place] … 吸引/引进/引入(了) [org]、[org]等: the firms a place takes in are located there."""
    start, end = ctx.sentences[sent]
    text = ctx.text
    subject = _sentence_place(ctx, sent)
    if subject is None:
        return
    for verb in ctx.lex.attract_verbs:
        for match in re.finditer(re.escape(verb), text[start:end]):
            at = start + match.end()
            if subject.spans and min(s for s, _ in subject.spans if s >= start) > at:
                continue
            at += 1 if text[at : at + 1] == "了" else 0
            for org in _org_list_after(ctx, at, end):
                yield Found(org, subject)


def _sentence_place(ctx: ChineseContext, sent: int) -> ZhEntity | None:
    """The place a sentence is about: its first place, or the place after "坐落于X的"."""
    mentions = ctx.in_sentence(sent)
    places = [m for m in mentions if m.entity.type == "place"]
    if not places:
        return None
    first = places[0]
    if ctx.text[first.end : first.end + 1] == "的":
        nxt = ctx.starting_at(first.end + 1)
        if nxt is not None and nxt.entity.type == "place":
            return nxt.entity
    return first.entity


@rule("located_in.zh_site_of", "located_in", 0.7)
def site_of(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[org](的)[place][基地/工厂/厂区/总部]: the firm's site in that place ("某某武汉基地")."""
    for m in ctx.in_sentence(sent):
        if m.entity.type != "org":
            continue
        pos = m.end + (1 if ctx.text[m.end : m.end + 1] == "的" else 0)
        place = ctx.starting_at(pos)
        if place is None or place.entity.type != "place":
            continue
        if place.entity.kind in {"region", "country"}:
            continue  # "某某华南总部": the region it serves, not a site
        if _verb_at(ctx.text, place.end, ctx.lex.site_words) and not ctx.text.startswith("项目", place.end):
            yield Found(m.entity, place.entity)


_PHASE = re.compile(r"(一|二|三|四|五|首|\d)期$")


def _project_name(ctx: ChineseContext, at: int, sent: int) -> tuple[int, str]:
    """Start and name of the project whose "项目" stands at ``at`` ("" for a bare 项目)."""
    start = _clause_start(ctx, at, sent)
    head = ctx.text[start:at]
    cut = max((head.rfind(w) + len(w) for w in ("的", "和", "及", "、", "由", "是", "为", "在", "如", "包括")
               if w in head), default=0)
    name = _PHASE.sub("", head[cut:]).strip()
    return start + cut, name if len(name) >= 2 else ""


def projects(ctx: ChineseContext) -> dict[str, tuple[set[ZhEntity], list[tuple[ZhEntity, int]]]]:
    """Each project the article names -> (the firms that invest in it, the places it is built
    in with the sentence saying so); a bare "项目" is the article's most named project."""
    memo = ctx.memo.get("projects")
    if isinstance(memo, dict):
        return memo
    found: dict[str, tuple[set[ZhEntity], list[tuple[ZhEntity, int]]]] = {}
    bare: list[tuple[int, int]] = []  # (sentence, offset after 项目) of bare mentions
    counts: dict[str, int] = {}
    for sent, (s_start, s_end) in enumerate(ctx.sentences):
        for match in _PROJECT.finditer(ctx.text, s_start, s_end):
            at = match.start()
            p_start, name = _project_name(ctx, at, sent)
            after = at + 2
            if not name:
                bare.append((sent, after))
                continue
            counts[name] = counts.get(name, 0) + 1
            firms, places = found.setdefault(name, (set(), []))
            lead = ctx.starting_at(p_start)
            if lead is not None and lead.entity.type == "org":
                firms.add(lead.entity)
            investor = re.match(r"(?:是)?由", ctx.text[after : after + 2])
            if investor:
                org = ctx.starting_at(after + investor.end())
                if org is not None and org.entity.type == "org" and re.match(
                        r"(\(.{1,8}\))?(投资|建设|投资建设|承建|负责|实施|出资)", ctx.text[org.end : org.end + 12]):
                    firms.add(org.entity)
            places.extend((p, sent) for p in _project_places(ctx, after, s_end))
    if found and bare:
        main = max(counts, key=lambda n: counts[n])
        for sent, after in bare:
            found[main][1].extend((p, sent) for p in _project_places(ctx, after, ctx.sentences[sent][1]))
    ctx.memo["projects"] = found
    return found


def _project_places(ctx: ChineseContext, pos: int, end: int) -> list[ZhEntity]:
    """Places right after a project's "项目": 落户/选址/位于 [place], or 在 [place]."""
    text = ctx.text
    skip = re.match(r"(正式|已|将|拟|成功|已经)?(签约)?", text[pos:end])
    pos += skip.end() if skip else 0
    verb = _verb_at(text, pos, ctx.lex.settle_verbs)
    if verb:
        return _places_from(ctx, pos + len(verb), end)
    if text.startswith("在", pos):
        places = _places_from(ctx, pos + 1, end)
        tail_end = max((m.end for m in ctx.mentions if m.entity in places and m.start > pos), default=pos)
        window = text[tail_end : tail_end + 10]
        if any(v in window for v in ctx.lex.build_verbs):
            return places
    return []


@rule("located_in.zh_project_of_firm", "located_in", 0.7)
def project_of_firm(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[firm]…项目 / 项目由[firm]投资建设, and that project 落户/选址/在 [place]: the firm is there."""
    for firms, places in projects(ctx).values():
        for place, where in places:
            if where == sent:
                for firm in firms:
                    if firm.kind != "government":
                        yield Found(firm, place)


#: ``ctx.memo`` key of the project sites the project reader found: (party, place, sentence) names.
PROJECT_SITES = "project_sites"


def project_sites(ctx: ChineseContext) -> list[tuple[ZhEntity, ZhEntity, int]]:
    """(party, place, sentence) of each project the project reader placed from the text (not from
    the article's setting); empty until the reader has read the projects (see ``ChineseReader.read``)."""
    raw = ctx.memo.get(PROJECT_SITES)
    if not isinstance(raw, list):
        return []
    orgs = {f: e for e in ctx.of_type("org") for f in (e.name, *e.forms)}
    places = {f: e for e in ctx.of_type("place") for f in (e.name, *e.forms)}
    out = []
    for party, place, sent in raw:
        org, where = orgs.get(party), places.get(place)
        if org is not None and where is not None and org.kind != "government":
            out.append((org, where, sent))
    return out


@rule("located_in.zh_project_site", "located_in", 0.65)
def project_site(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """The organisations that invest in, build or run a project are where the text builds it
    ("星河半导体在云溪县投资的…项目", "…项目选址X", "云溪县的…项目", "园区…创新中心")."""
    for org, place, where in project_sites(ctx):
        if where == sent:
            yield Found(org, place)


@rule("located_in.zh_name_place", "located_in", 0.6)
def name_place(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """A place named in a body's own name and in the article in its own right (山东半导体商会 ->
    山东), when the text places the body nowhere more precise (its projects' sites included)."""
    done = placed(ctx) | {org for org, _, _ in project_sites(ctx)}
    for org in ctx.first_in(sent, "org"):
        if org in done:
            continue
        for place in _places_in_name(ctx, org):
            yield Found(org, place)
            break


def _places_in_name(ctx: ChineseContext, org: ZhEntity) -> list[ZhEntity]:
    found: list[ZhEntity] = []
    for place in ctx.of_type("place"):
        if place.inner_only and not place.name.endswith(("市", "省")):
            continue
        for form in stems(place):
            if len(form) >= 2 and form in org.name and form != org.name and place not in found:
                found.append(place)
    # the most precise place first (a county before its province)
    return sorted(found, key=lambda p: -ctx.level(p))


@rule("located_in.zh_zone_committee", "located_in", 0.8)
def zone_committee(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[zone]管委会/管理委员会/管理局: the committee is in its zone (the zone may be written shorter)."""
    for org in ctx.first_in(sent, "org"):
        for suffix in ("管理委员会", "管委会"):
            if org.name.endswith(suffix) and len(org.name) > len(suffix) + 1:
                key = place_key(org.name[: -len(suffix)], ctx.lex)
                zone = next((p for p in ctx.of_type("place")
                             if any(place_key(f, ctx.lex) == key for f in p.forms)), None)
                if zone is not None:
                    yield Found(org, zone)


_NATIONAL = ("中国", "国家", "中科院", "中央", "全国")
_ZONE_PREFIXES = ("高新区", "开发区", "经开区", "新区", "园区")
_COMPANY_ENDINGS = ("有限公司", "有限责任公司", "集团")


def _national_list(ctx: ChineseContext, org: ZhEntity, sent: int) -> bool:
    """True for a bare body listed after a national one ("中科院X局、Y局"): it is that body's too."""
    for m in ctx.in_sentence(sent):
        if m.entity is org:
            before = ctx.ending_at(m.start - 1) if ctx.text[m.start - 1 : m.start] == "、" else None
            return before is not None and before.entity.type == "org" and before.entity.name.startswith(_NATIONAL)
    return False


@rule("located_in.zh_local_body", "located_in", 0.55)
def local_body(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """省X厅/省政府/市X局 written without their province or city: the one the article names;
    other government bodies with no place of their own: the article's city."""
    done = placed(ctx)
    for org in ctx.first_in(sent, "org"):
        if org in done or org.kind != "government":
            continue
        if _places_in_name(ctx, org) or org.name.startswith(_NATIONAL) or _national_list(ctx, org, sent):
            continue
        if any(f.endswith(_COMPANY_ENDINGS) for f in org.forms):
            continue  # "中建八局" written out with a legal suffix: a firm, not a local bureau
        if (word := next((w for w in _ZONE_PREFIXES if org.name.startswith(w)), None)) is not None:
            zones = [p for p in ctx.of_type("place") if any(f.endswith(word) and f != word for f in p.forms)]
            target = zones[0] if len(zones) == 1 else ctx.zone  # "高新区…局": the article's 高新区
        elif org.name.startswith("省"):
            target = ctx.province
            if target is None:
                continue
        else:
            target = ctx.city or ctx.zone
        if target is not None:
            yield Found(org, target)


# -- part_of -------------------------------------------------------------------------------------
@rule("part_of.zh_atlas_hierarchy", "part_of", 0.85)
def atlas_hierarchy(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """The nearest place the article names that the atlas puts around this one."""
    for place in ctx.first_in(sent, "place"):
        around = ctx.enclosing(place)
        if around and around[0][1] == "atlas":
            yield Found(place, around[0][0])


@rule("part_of.zh_division_codes", "part_of", 0.85)
def division_codes(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """The nearest place the article names that the division codes put around this one (涟水县 -> 淮安)."""
    for place in ctx.first_in(sent, "place"):
        around = ctx.enclosing(place)
        if around and around[0][1] == "codes":
            yield Found(place, around[0][0])


@rule("part_of.zh_name_prefix", "part_of", 0.8)
def name_prefix(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """A place written with its parent in front (宁波市北仑区, 合肥高新区): the nearest parent named;
    a parent named only inside the name passes to its own parent (某市高新区 -> its province)."""
    for place in ctx.first_in(sent, "place"):
        if ctx.enclosing(place):
            continue
        parent = ctx.prefix_parent(place)
        if parent is not None:
            yield Found(place, parent)


@rule("part_of.zh_juxtaposed", "part_of", 0.75)
def juxtaposed(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """Two places written together, the larger first (安徽芜湖, 宁西开发区青禾产业园)."""
    for m in ctx.in_sentence(sent, inner=True):
        if m.entity.type != "place":
            continue
        nxt = next((n for n in ctx.mentions if n.start == m.end and n.entity.type == "place"), None)
        if nxt is None or nxt.entity is m.entity:
            continue
        if ctx.level(m.entity) < ctx.level(nxt.entity) or (
                ctx.level(m.entity) == ctx.level(nxt.entity) == 3 and ctx.level(nxt.entity) < 4
                and nxt.entity.name.endswith(("产业园", "园区", "新城", "科学城"))):
            yield Found(nxt.entity, m.entity)


@rule("part_of.zh_located_at", "part_of", 0.7)
def located_at(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """坐落于/位于 [place] 的 [place], and [place] 位于 [place]: the second lies in the first."""
    start, end = ctx.sentences[sent]
    for verb in ("坐落于", "坐落在", "位于"):
        for match in re.finditer(verb, ctx.text[start:end]):
            at = start + match.end()
            places = _places_from(ctx, at, end)
            if not places:
                continue
            outer = places[-1]
            pos = max(m.end for m in ctx.mentions if m.entity is outer and m.start >= at)
            if ctx.text[pos : pos + 1] == "的":
                inner = ctx.starting_at(pos + 1)
                if inner is not None and inner.entity.type == "place":
                    yield Found(inner.entity, outer)
            before = ctx.ending_at(start + match.start())
            if before is not None and before.entity.type == "place":
                yield Found(before.entity, outer)


@rule("part_of.zh_article_city", "part_of", 0.45)
def article_city(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """A new area or development zone with no parent written or known: in the article's zone of
    the next wider kind written without its city (新区 > 开发区/经济区 > 新城/科学城/园区), else in
    the city the article is about (a city's news about its zones)."""
    city = ctx.city
    if city is None:
        return
    for place in ctx.first_in(sent, "place"):
        if place is city or not ctx.is_zone(place) \
                or not place.name.endswith(_AREA_ENDINGS):
            continue
        if ctx.enclosing(place) or ctx.prefix_parent(place) is not None \
                or place in nested_by_text(ctx) or _named_after_other_city(place, city):
            continue
        yield Found(place, _wider_zone(ctx, place) or city)


#: Kinds of zone from the widest: a state new area holds development zones and economic areas,
#: which hold new towns, science cities and parks.
_ZONE_TIERS = (("新区",), ("开发区", "高新区", "经开区", "经济区", "合作区", "保税区", "综保区", "光谷"),
               ("新城", "科学城", "科技城", "产业园", "园区", "科技园", "示范区"))


def _zone_tier(place: ZhEntity) -> int | None:
    return next((i for i, endings in enumerate(_ZONE_TIERS) if place.name.endswith(endings)), None)


def _wider_zone(ctx: ChineseContext, place: ZhEntity) -> ZhEntity | None:
    """For a zone written without its city, the article's zone of the next wider kind that is also
    written without its city (its news about its own parts: "东湖科学城" in an article on 光谷)."""
    tier = _zone_tier(place)
    if tier is None or tier == 0:
        return None
    wider = [p for p in ctx.of_type("place") if p is not place and ctx.visible(p)
             and (t := _zone_tier(p)) is not None and t < tier and ctx.prefix_parent(p) is None]
    if not wider:
        return None
    nearest = max(t for p in wider if (t := _zone_tier(p)) is not None)
    return ctx._dominant([p for p in wider if _zone_tier(p) == nearest])


def _named_after_other_city(place: ZhEntity, city: ZhEntity) -> bool:
    """"无锡高新区" in an article whose city is 上海: the zone's name starts with another division."""
    name = _MODIFIERS.sub("", place.name)
    own = stems(city)
    for size in range(min(len(name) - 2, 4), 1, -1):
        head = name[:size]
        if divisions().named(head) or divisions().named(head + "市"):
            return not any(head == f or head.startswith(f) or f.startswith(head) for f in own)
    return False


# -- subsidiary_of -------------------------------------------------------------------------------
@rule("subsidiary_of.zh_branch_name", "subsidiary_of", 0.8)
def branch_name(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """A body named after another one it belongs to (某某协会集成电路设计分会, 中科院某某研究所),
    also when the parent's own parent stands in front (中科院[某某研究院]青岛中心)."""
    orgs = ctx.of_type("org")
    for org in ctx.first_in(sent, "org"):
        best: tuple[int, ZhEntity, ZhEntity | None] | None = None
        for other in orgs:
            if other is org:
                continue
            for form in other.forms:
                for name in org.forms:
                    at = name.find(form)
                    rest = name[at + len(form) :]
                    if len(form) < 2 or at < 0 or len(rest) < 2 or rest in ctx.lex.legal_suffixes \
                            or not rest.endswith(ctx.lex.name_suffixes) or strip_legal(name, ctx.lex) == form:
                        continue
                    prefix = next((o for o in orgs if o is not org and o is not other
                                   and name[:at] in o.forms), None) if at else None
                    if at and prefix is None:
                        continue
                    if best is None or len(form) > best[0]:
                        best = (len(form), other, prefix)
        if best is not None:
            yield Found(org, best[1])
            if best[2] is not None:
                yield Found(best[1], best[2])


@rule("subsidiary_of.zh_regional_company", "subsidiary_of", 0.8)
def regional_company(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """某某(南京)有限公司: the regional company of the firm whose name stands before the bracket."""
    for org in ctx.first_in(sent, "org"):
        parent_name = regional_parent(org.name)
        if not parent_name:
            continue
        parent = next((o for o in ctx.of_type("org") if o is not org and (
            parent_name in o.forms or parent_name in {strip_legal(f, ctx.lex) for f in o.forms}
            or any(parent_name in short_forms(f, ctx.lex) for f in o.forms))), None)
        if parent is not None:
            yield Found(org, parent)


@rule("subsidiary_of.zh_cue", "subsidiary_of", 0.8)
def subsidiary_cue(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[parent](的)旗下/(全资)子公司/控股的 [child], and [child]是[parent]的(全资)子公司."""
    mentions = [m for m in ctx.in_sentence(sent) if m.entity.type == "org"]
    cues = _pattern(ctx.lex.subsidiary_cues).pattern
    between_cue, after_cue = _compiled(rf"的?(?:{cues})的?"), _compiled(rf"的(?:{cues})")
    for first, second in pairwise(mentions):
        between = ctx.text[first.end : second.start]
        if between_cue.fullmatch(between):
            yield Found(second.entity, first.entity)
        elif between == "是" and after_cue.match(ctx.text, second.end):
            yield Found(first.entity, second.entity)


@rule("subsidiary_of.zh_established_by", "subsidiary_of", 0.75)
def established_by(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[parent](在[place])(投资)(设立|成立|组建)的[child](、[child]): companies a firm sets up."""
    start, end = ctx.sentences[sent]
    for match in re.finditer(r"(设立|成立|组建|注册成立)的", ctx.text[start:end]):
        at = start + match.start()
        parent = _head_before(ctx, sent, at, clause=True)
        if parent is None:
            prefix = ctx.text[_clause_start(ctx, at, sent) : at]
            place_gap = re.search(r"在[\u4e00-\u9fff]{1,6}$", prefix)
            if place_gap:
                parent = ctx.ending_at(at - len(place_gap.group()))
        if parent is None or parent.entity.type != "org":
            continue
        children = _org_list_after(ctx, start + match.end(), end)
        for child in children:
            if child is not parent.entity:
                yield Found(child, parent.entity)


@rule("subsidiary_of.zh_atlas_parent", "subsidiary_of", 0.85)
def atlas_parent(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """Two atlas organisations of the article, one the atlas's parent of the other."""
    by_atlas = {e.atlas_id: e for e in ctx.of_type("org") if e.atlas_id}
    for org in ctx.first_in(sent, "org"):
        if not org.atlas_id:
            continue
        entry = ctx.atlas.orgs.get(org.atlas_id)
        if entry is not None and entry.parent in by_atlas:
            yield Found(org, by_atlas[entry.parent])


# -- operates_in: the tail is a segment, carried as a pseudo-entity ------------------------------
@rule("operates_in.zh_atlas_segments", "operates_in", 0.85)
def atlas_segments(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """An atlas company's segments, stated with its first mention."""
    for org in ctx.first_in(sent, "org"):
        if org.atlas_id and org.kind == "company":
            entry = ctx.atlas.orgs.get(org.atlas_id)
            for segment in entry.segments if entry else []:
                yield Found(org, ctx.segment(segment))


@rule("operates_in.zh_name_cue", "operates_in", 0.7)
def name_cue(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """A segment word in a company's own name (某某光刻胶, 某某封测, 某某半导体设备)."""
    for org in ctx.first_in(sent, "org"):
        if org.atlas_id or org.kind not in {"company"}:
            continue
        for cue, segment in ctx.lex.segment_cues.items():
            if any(cue in form for form in org.forms):
                yield Found(org, ctx.segment(segment))


@rule("operates_in.zh_project_cue", "operates_in", 0.6)
def project_cue(ctx: ChineseContext, sent: int) -> Iterator[Found[ZhEntity]]:
    """[company](投资)(扩建)…[segment word]…项目: the segment of the project the firm invests in."""
    for m in ctx.in_sentence(sent):
        if m.entity.type != "org" or m.entity.atlas_id or m.entity.kind != "company":
            continue
        tail = ctx.text[m.end : m.end + 24]
        stop = next((k for k, ch in enumerate(tail) if ch in CLAUSE_BREAKS or ch == "、"), len(tail))
        tail = tail[:stop]
        end = min((tail.find(w) for w in ("项目", "企业") if w in tail), default=-1)
        if end < 0 and stop < len(tail) + 1 and _in_project_list(ctx, sent, m.end + stop):
            end = stop  # "引进A光刻机、B芯片封装等项目": a list item without its 项目
        if end < 0:
            continue
        for segment in head_segments(ctx, tail[:end]):  # the project's own words, not what follows it
            yield Found(m.entity, ctx.segment(segment))


def _in_project_list(ctx: ChineseContext, sent: int, pos: int) -> bool:
    """True when ``pos`` stands at a 、 of a list that ends in 项目 in the same clause."""
    if ctx.text[pos : pos + 1] != "、":
        return False
    end = ctx.sentences[sent][1]
    rest = ctx.text[pos:end]
    stop = next((k for k, ch in enumerate(rest) if ch in CLAUSE_BREAKS), len(rest))
    return "项目" in rest[:stop]


def head_segments(ctx: ChineseContext, phrase: str) -> list[str]:
    """The segments of a product phrase by its head words: in each conjunct (和/及/与/、) the last
    segment word wins ("封装光刻设备" is equipment, "设备配套材料" materials, "切割机和蓝宝石" both)."""
    out: list[str] = []
    for part in re.split(r"和|及|与|、|以及", phrase):
        best: tuple[int, int, str] | None = None
        for cue, segment in ctx.lex.segment_cues.items():
            at = part.rfind(cue)
            if at >= 0 and (best is None or (at + len(cue), len(cue)) > best[:2]):
                best = (at + len(cue), len(cue), segment)
        if best is not None and best[2] not in out:
            out.append(best[2])
    return out
