"""``ChineseReader``: a Chinese article in, an ``ArticleExtraction`` out.

No Chinese statistical pipeline is installable here, so the reader relies on what is certain:
the atlas's Chinese names and China's division list (``spans.Gazetteer``), the words that end
names (``spans.suffix_names``), the grammar around names (``grammar``), title words before a
person's name (``people``), then groups spans into entities (``grouping``) and lets the
registered rules (``rules.ZH_RULES``) state the relations. ``output.assemble`` builds the
result. Reading is a pure function of the article and the atlas.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from chipmap.atlas import Atlas
from chipmap.extract.chinese.context import ChineseContext, Mention, Position
from chipmap.extract.chinese.divisions import divisions
from chipmap.extract.chinese.grammar import (
    GENERIC_BODIES,
    body_cands,
    list_cands,
    project_cands,
    site_cands,
    subject_cands,
)
from chipmap.extract.chinese.grouping import Grouper, ZhEntity, regional_parent, short_forms
from chipmap.extract.chinese.lexicon import lexicon
from chipmap.extract.chinese.output import assemble
from chipmap.extract.chinese.people import Appointment, PeopleReader, people_cands
from chipmap.extract.chinese.rules import PROJECT_SITES, ZH_RULES
from chipmap.extract.chinese.spans import (
    SHORT_FOLLOWERS,
    Cand,
    Gazetteer,
    alias_definitions,
    event_names,
    only_industry,
    settle,
    suffix_names,
)
from chipmap.extract.chinese.text import fold, is_han, sentences
from chipmap.extract.chinese.words import words
from chipmap.extract.projects import enrich_chinese, mark_former
from chipmap.records import Article, ArticleExtraction


def _chain_places(cands: list[Cand]) -> list[Cand]:
    """A city written right before one of its districts is one place (宁波市北仑区)."""
    divs = divisions()
    places = sorted((c for c in cands if c.type == "place" and c.code), key=lambda c: c.start)
    out: list[Cand] = []
    for first, second in pairwise(places):
        if first.end != second.start:
            continue
        child = divs.by_code.get(second.code)
        if child is None or child.level != 3 or first.code not in child.parent_codes:
            continue
        out.append(Cand(first.start, second.end, "place", second.kind, "chain", second.atlas_id, second.code))
    return out


def _clip_to_posts(cands: list[Cand], appointments: list[Appointment]) -> list[Cand]:
    """A name read across a title word ends before it: 湖南省 in 湖南省委常委 is 湖南."""
    roles = [(p.body_end, p.end) for a in appointments for p in a.posts]
    out: list[Cand] = []
    for cand in cands:
        cut = next((r_start for r_start, r_end in roles if cand.start < r_start < cand.end <= r_end), None)
        if cut is None:
            out.append(cand)
        elif cut - cand.start >= 2 and cand.type == "place":
            out.append(Cand(cand.start, cut, cand.type, cand.kind, cand.how, cand.atlas_id, cand.code))
    return out


class ChineseReader:
    """Reads Chinese articles against one atlas."""

    def __init__(self, atlas: Atlas, *, cache_dir: Path | None = None) -> None:
        self.atlas = atlas
        self.gazetteer = Gazetteer(atlas)
        self.words = words(cache_dir)
        self.people = PeopleReader(self.words)

    def read(self, article: Article) -> ArticleExtraction:
        """Everything the article states."""
        ctx = self.context(article)
        sentences = range(len(ctx.sentences))
        links = list(ZH_RULES.apply(ctx, sentences))
        result = enrich_chinese(assemble(ctx, links), article, self.atlas)
        sites = _project_sites(ctx, result)
        if not sites:
            return result
        # the projects' sites place their parties: the rules that read them run again
        ctx.memo[PROJECT_SITES] = sites
        order = {name: index for index, name in enumerate(ZH_RULES.rules)}
        links = [link for link in links if link.rule not in _AFTER_PROJECTS]
        links += ZH_RULES.apply(ctx, sentences, only=_AFTER_PROJECTS)
        final = assemble(ctx, sorted(links, key=lambda link: order[link.rule]))
        final.projects, final.project_counts = result.projects, result.project_counts
        final.relations = mark_former(final.relations, {p.name: [p.name, *p.aliases] for p in final.people})
        return final

    def context(self, article: Article) -> ChineseContext:
        """The article's entities, mentions and posts, ready for the rules."""
        lex = lexicon()
        text = fold(article.text)
        cands = self.gazetteer.scan(text) + suffix_names(text, lex, self.words, self.gazetteer.keep) + event_names(text, lex, self.words)
        cands += _chain_places(cands)
        appointments = self.people.read(text)
        persons = people_cands(appointments)
        cands = [c for c in _clip_to_posts(cands, appointments)
                 if c.type != "event" or not any(p.start < c.end and c.start < p.end for p in persons)] + persons
        first = settle(list(cands))
        cands += body_cands(text, appointments, first, lex)
        cands += list_cands(text, first, lex, self.words)
        cands += subject_cands(text, first, lex)
        cands += site_cands(text, first, lex) + project_cands(text, first, lex, self.words)
        settled = settle(cands)
        grouper = Grouper(text)
        for cand in settled:
            grouper.add(cand)
        self._aliases(text, grouper, settled)
        grouper.merge_short_forms()
        self._regional_parents(text, grouper)
        self._bare_mentions(text, grouper)
        self._title_aliases(text, grouper, appointments)
        self._park_orgs(grouper)
        entities = list(grouper.entities.values())
        mentions = [Mention(s, e, entity, (s, e) in entity.inner_spans)
                    for entity in entities for s, e in entity.spans]
        ctx = ChineseContext(article=article, text=text, sentences=sentences(text), entities=entities,
                             mentions=mentions, atlas=self.atlas, atlas_codes=self.gazetteer.atlas_codes)
        ctx.positions = _positions(ctx, grouper, appointments)
        return ctx

    @staticmethod
    def _aliases(text: str, grouper: Grouper, settled: list[Cand]) -> None:
        ends = {c.end: c for c in settled if c.type in {"org", "place"} and not c.inner}
        for name_end, start, end in alias_definitions(text):
            cand = ends.get(name_end)
            if cand is None:
                continue
            entity = grouper.by_form.get((cand.type, text[cand.start : cand.end]))
            if entity is not None:
                grouper.alias(entity, text[start:end], (start, end))

    @staticmethod
    def _bare_mentions(text: str, grouper: Grouper) -> None:
        """Later uses of a known name (a person's name alone, a firm's short form) are mentions;
        a firm's name wins over a place read inside it (华东 in 华东某某半导体)."""
        owner: list[ZhEntity | None] = [None] * len(text)
        for entity in grouper.entities.values():
            for s, e in entity.spans:
                for k in range(s, e):
                    owner[k] = owner[k] or entity
        lex = lexicon()
        for entity in sorted(grouper.entities.values(), key=lambda e: -len(e.name)):
            if entity.type not in {"person", "org"}:
                continue
            forms = set(entity.forms)
            if entity.type == "org":
                forms |= {f for form in list(entity.forms) for f in short_forms(form, lex)}
            for form in sorted(forms, key=len, reverse=True):
                if len(form) < 2:
                    continue
                for match in re.finditer(re.escape(form), text):
                    s, e = match.span()
                    holders = {id(o): o for o in owner[s:e] if o is not None}
                    if any(o.type != "place" or any(not (s <= a and b <= e) for a, b in o.spans
                                                    if a < e and s < b) for o in holders.values()):
                        continue
                    if entity.type == "org" and form not in entity.forms and (
                            (len(form) < 3 and text[e : e + 1] not in SHORT_FOLLOWERS)
                            or (s > 0 and is_han(text[s - 1]) and text[s - 1] not in "与和及、在由为是将对向引进")):
                        continue
                    if entity.type == "person" and (holders or (text[e : e + 1] in lex.surnames
                                                    and text[s - 1 : s] in lex.surnames)):
                        continue
                    for place in holders.values():
                        place.spans = [sp for sp in place.spans if not (s <= sp[0] and sp[1] <= e)]
                        place.changed()
                        if not place.spans:
                            grouper.entities.pop(place.key, None)
                    entity.add(form, (s, e))
                    grouper.by_form.setdefault((entity.type, form), entity)
                    for k in range(s, e):
                        owner[k] = entity


    @staticmethod
    def _regional_parents(text: str, grouper: Grouper) -> None:
        """The firm named before a regional company's bracket (某某科技 of 某某科技(成都)有限公司),
        where the text also names it alone, is an organisation of its own."""
        for org in [e for e in grouper.entities.values() if e.type == "org"]:
            parent = regional_parent(org.name)
            if len(parent) < 2 or ("org", parent) in grouper.by_form or only_industry(parent, lexicon()):
                continue
            for match in re.finditer(re.escape(parent), text):
                s, e = match.span()
                alone = (e >= len(text) or not is_han(text[e]) or text[e] in SHORT_FOLLOWERS) \
                    and (s == 0 or not is_han(text[s - 1]))
                if alone and not any(a <= s < b for a, b in org.spans):
                    grouper.add(Cand(s, e, "org", "company", "parent"))

    @staticmethod
    def _title_aliases(text: str, grouper: Grouper, appointments: list[Appointment]) -> None:
        """"吴局长" for 吴某某, a 局长: a surname and a role word the person holds, when no other
        person of the article has that surname."""
        people = [e for e in grouper.entities.values() if e.type == "person"]
        roles: dict[int, set[str]] = {}
        for person in appointments:
            entity = grouper.by_form.get(("person", text[person.start : person.end]))
            if entity is not None:
                roles.setdefault(id(entity), set()).update(p.role for p in person.posts)
        lex = lexicon()
        for entity in people:
            surname = entity.name[:2] if entity.name[:2] in lex.compound_surnames else entity.name[:1]
            if sum(1 for p in people if p.name.startswith(surname)) != 1:
                continue
            held = roles.get(id(entity), set())
            words = {r[1:] if r.startswith("副") else r for r in held} | set(held) | {"博士", "先生", "女士"}
            for word in sorted(words, key=len, reverse=True):
                for match in re.finditer(re.escape(surname + word), text):
                    s, e = match.span()
                    if not any(a < e and s < b for other in grouper.entities.values() for a, b in other.spans):
                        entity.add(text[s:e], (s, e))

    @staticmethod
    def _park_orgs(grouper: Grouper) -> None:
        """A park named after its firm (某某光电第三代半导体产业园) is the firm's park, an organisation."""
        orgs = [e for e in grouper.entities.values() if e.type == "org"]
        for place in [e for e in grouper.entities.values() if e.type == "place" and not e.atlas_id]:
            if not place.name.endswith(("产业园", "园区", "科技园")):
                continue
            if any(place.name.startswith(f) and len(f) >= 2 for org in orgs for f in org.forms):
                place.type, place.kind = "org", "park"


#: The rules that read the projects' sites (``PROJECT_SITES``), run once the projects are read.
_AFTER_PROJECTS = ("located_in.zh_project_site", "located_in.zh_name_place")


def _project_sites(ctx: ChineseContext, result: ArticleExtraction) -> list[tuple[str, str, int]]:
    """(party, place, sentence) of the projects placed by the text itself (a place with evidence,
    not the article's setting)."""
    out: list[tuple[str, str, int]] = []
    for project in result.projects:
        evidence = project.field_evidence.get("place")
        if not project.place or not evidence:
            continue
        start = evidence[0].start
        sent = next((i for i, (s, e) in enumerate(ctx.sentences) if s <= start < e), None)
        if sent is not None:
            out.extend((party, project.place, sent) for party in project.parties)
    return out


def _positions(ctx: ChineseContext, grouper: Grouper, appointments: list[Appointment]) -> list[Position]:
    """Each post resolved to its body, with the rule that stands for how the body was found."""
    text = ctx.text
    out: list[Position] = []
    resolved: dict[int, ZhEntity | None] = {}
    for person in appointments:
        entity = grouper.by_form.get(("person", text[person.start : person.end]))
        if entity is None:
            continue
        sent = ctx.sent_of(person.start)
        previous: ZhEntity | None = None
        last: ZhEntity | None = None
        for post in person.posts:
            body_text = text[post.body_start : post.body_end]
            body = _body(ctx, grouper, post.body_start, post.body_end) if body_text else None
            how = "zh_title_before_name"
            if post.appointed:
                own = tuple(p.body for p in out if p.person is entity and p.body is not None)
                if body is None:
                    scope = GENERIC_BODIES.get(body_text, post.scope)
                    body = ctx.zone if scope == "zone" else ctx.dominant_org(scope, exclude=own) \
                        if scope in {"company", "association", "academic", "government"} else None
                out.append(Position(entity, body, post.role, text[post.body_start : post.end], sent,
                                    "zh_appointed"))
                continue
            if body is None and previous is not None and (not body_text or body_text in GENERIC_BODIES):
                body, how = previous, "zh_post_chain"
            elif body is None and not body_text and person.listed_after is not None \
                    and post.scope not in {"city", "province", "district"} \
                    and resolved.get(id(person.listed_after)) is not None:
                body, how = resolved[id(person.listed_after)], "zh_list_shares_body"
            elif body is None:
                body, how = _default_body(ctx, post.scope, GENERIC_BODIES.get(body_text, ""), person, out)
            written = text[post.body_start : post.end]
            out.append(Position(entity, body, post.role, written, sent, how))
            previous = body if body is not None else previous
            last = body or last
        resolved[id(person)] = last
    return out


def _body(ctx: ChineseContext, grouper: Grouper, start: int, end: int) -> ZhEntity | None:
    body = ctx.text[start:end]
    exact = next((m.entity for m in ctx.mentions if m.start == start and m.end == end), None)
    if exact is not None and exact.type in {"org", "place"}:
        return exact
    for etype in ("org", "place"):
        for form in (body, body + "市", body + "省", body + "区", body + "县"):
            hit = grouper.by_form.get((etype, form))
            if hit is not None:
                return hit
    ending = ctx.ending_at(end)
    if ending is not None and ending.start >= start and ending.entity.type in {"org", "place"}:
        return ending.entity
    return None


def _default_body(ctx: ChineseContext, scope: str, generic: str, person: Appointment,
                  done: list[Position]) -> tuple[ZhEntity | None, str]:
    """The body of a post written without one (or with a generic word: 公司, 协会, 园区)."""
    if generic == "zone" or (scope == "zone" and not generic):
        return ctx.zone, "zh_zone_post"
    if generic:
        return ctx.dominant_org(generic), "zh_generic_body"
    if scope == "city":
        return ctx.city, "zh_city_post"
    if scope == "district":
        return ctx.district, "zh_district_post"
    if scope in {"company", "association", "academic"}:
        return ctx.dominant_org(scope), "zh_generic_body"
    return None, "zh_generic_body"
