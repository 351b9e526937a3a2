"""People and their posts: title words before a name, and the bodies written before the titles.

Chinese news names an official or an executive as a chain of posts followed by the name:
"长沙市委副书记、市长、湖南湘江新区党工委书记某某", "某某公司董事长兼总经理某某". Each post is a
body as written (长沙, 某某公司, possibly nothing) plus a role word from ``zh_titles.txt``; a
post without a body shares the body of the post before it (市长 after 长沙市委副书记). A list
of names after one title ("市领导甲、乙、丙等") gives every name the same posts. Names after
honorifics and academic titles ("某某院士", "某某先生") are read too.

The name itself is two to four characters after a known surname; where it stops is decided by
what follows it (punctuation, or a word that follows names: 出席, 表示, 一行, 先生 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from chipmap.extract.chinese.lexicon import Lexicon, alternation, lexicon
from chipmap.extract.chinese.spans import Cand, left_edge
from chipmap.extract.chinese.text import BREAKS, is_han
from chipmap.extract.chinese.words import Words

#: One-character words that, as a would-be third character of a name, end the name instead.
_PARTICLES = frozenset("在和与及的是将对向等为也还均所会")
_HONORIFICS = ("总书记", "院士", "先生", "女士", "博士")
_APPOINTED = re.compile(r"(?:先生|博士|女士)?(?:当选为|当选|被选为|被选举为|被推选为|担任|出任|兼任|获委任为|获委任|任命为|继续担任)")
_NOT_IN_NAMES = frozenset("市省区县委局厅会院校司团各位们")


@dataclass(slots=True)
class Post:
    """One post of a chain: the role word and the body written before it (may be empty)."""

    role: str
    scope: str
    body_start: int
    body_end: int  # == body_start when no body is written
    end: int  # end of the role word
    appointed: bool = False  # taken by 担任/当选为 after the name, not written before it

    @property
    def written(self) -> tuple[int, int]:
        """The post as written, body included."""
        return (self.body_start, self.end)


@dataclass(slots=True)
class Appointment:
    """A person named after a chain of posts (or with an honorific)."""

    start: int
    end: int
    posts: list[Post] = field(default_factory=list)
    listed_after: Appointment | None = None  # the person before in the same list of attendees


def _follower_strength(text: str, i: int, lex: Lexicon) -> int:
    """How surely a name ends at ``i``: 3 punctuation or end, 2 a word that follows names,
    1 a one-character particle, 0 nothing known."""
    if i >= len(text) or text[i] in BREAKS or text[i] in "()":
        return 3
    for size in (3, 2):
        if text[i : i + size] in lex.after_name:
            return 2
    return 1 if text[i] in lex.after_name else 0


def read_name(text: str, i: int, lex: Lexicon | None = None) -> int:
    """End of the person's name starting at ``i``, or -1 when no name starts there.

    A surname, then one or two characters: the reading whose follower is surer wins; on a
    tie a one-character particle in third place (在, 等, 及) ends the name before it, else the
    longer reading wins (most Chinese names have three characters).
    """
    lex = lex or lexicon()
    if text[i : i + 2] in lex.compound_surnames:
        surname = 2
    elif i < len(text) and text[i] in lex.surnames:
        surname = 1
    else:
        return -1
    short, full = i + surname + 1, i + surname + 2
    if short > len(text) or not all(is_han(c) and c not in _NOT_IN_NAMES for c in text[i + surname : short]):
        return -1
    short_strength = _follower_strength(text, short, lex)
    full_ok = full <= len(text) and is_han(text[short]) and text[short] not in _NOT_IN_NAMES
    if short < len(text) and text[short] in _NOT_IN_NAMES:
        return -1  # "向协会": a surname-like character before a body's name, not a person
    if not full_ok:
        return short if short_strength >= 1 else -1
    full_strength = _follower_strength(text, full, lex)
    if text[short] in _PARTICLES and short_strength >= 1:
        return short
    if short_strength > full_strength:
        return short
    if full_strength > short_strength or full_strength >= 1:
        return full
    return full if short_strength == 0 else short


class PeopleReader:
    """Finds people and the chains of posts written before their names."""

    def __init__(self, words: Words | None = None) -> None:
        self.lex = lexicon()
        self.roles = alternation(tuple(self.lex.titles))
        self.words = words

    def read(self, text: str) -> list[Appointment]:
        lex = self.lex
        roles = [(m.start(), m.end(), m.group()) for m in self.roles.finditer(text)]
        by_end = {end: (start, role) for start, end, role in roles}
        found: list[Appointment] = []
        taken: set[int] = set()
        for start, end, role in roles:
            name_end = read_name(text, end, lex)
            if name_end < 0 or end in taken:
                continue
            posts = self._chain(text, start, end, role, by_end)
            previous: Appointment | None = None
            at, stop = end, name_end
            while True:
                person = Appointment(at, stop, posts, listed_after=previous if previous else None)
                found.append(person)
                taken.add(at)
                previous = person
                if text[stop : stop + 1] != "、" or stop + 1 in {s for s, _, _ in roles}:
                    break
                nxt = read_name(text, stop + 1, lex)
                if nxt < 0 or _follower_strength(text, nxt, lex) < 1:
                    break
                at, stop = stop + 1, nxt
        for match in re.finditer("|".join(_HONORIFICS), text):
            for size in (3, 2, 4):
                at = match.start() - size
                if at < 0 or at in taken or read_name(text[at:], 0, lex) != size:
                    continue
                found.append(Appointment(at, match.start()))
                taken.add(at)
                break
        self._appointed(text, found, roles)
        # A bare post after a named person in a list shares that person's body (局长甲、副局长乙).
        ordered = sorted(found, key=lambda a: a.start)
        for before, after in pairwise(ordered):
            if after.listed_after is None and after.posts and before.posts and before.end < after.start \
                    and text[before.end : after.posts[0].body_start].strip() in {"、", ",", "，"}:
                after.listed_after = before
        return ordered

    def _appointed(self, text: str, found: list[Appointment], roles: list[tuple[int, int, str]]) -> None:
        """"甲当选为会长", "甲、乙被选为名誉会长", "获委任某某公司董事长": posts taken after the name."""
        by_end: dict[int, list[Appointment]] = {}
        for person in sorted(found, key=lambda a: a.start):
            group = by_end.pop(person.start - 1, []) if text[person.start - 1 : person.start] == "、" else []
            by_end[person.end] = [*group, person]
        for end, group in by_end.items():
            verb = _APPOINTED.match(text, end)
            if verb is None:
                continue
            role = next(((s, e, r) for s, e, r in roles if verb.end() <= s <= verb.end() + 20
                         and not any(ch in "。,，;；" for ch in text[verb.end() : s])), None)
            if role is None:
                continue
            start, stop, word = role
            post = Post(word, self.lex.titles[word], verb.end(), start, stop, appointed=True)
            for person in group:
                person.posts.append(post)

    def _chain(self, text: str, start: int, end: int, role: str,
               by_end: dict[int, tuple[int, str]]) -> list[Post]:
        lex = self.lex
        body = self._body_start(text, start)
        posts = [Post(role, lex.titles[role], body, start, end)]
        while body > 0 and text[body - 1] in "、兼,，":
            hit = by_end.get(body - 1)
            if hit is None:
                break
            r_start, r_role = hit
            r_body = self._body_start(text, r_start)
            if text[body - 1] in ",，" and r_body > 0 and text[r_body - 1] not in "。,，；;：:\n":
                break
            body = r_body
            posts.insert(0, Post(r_role, lex.titles[r_role], body, r_start, hit_end(by_end, hit)))
        return posts

    def _body_start(self, text: str, role_start: int) -> int:
        edge = left_edge(text, role_start, limit=28, lex=self.lex)
        while edge < role_start and text[edge] in "兼":
            edge += 1
        cut = text.rfind("兼", edge, role_start)
        if cut >= 0:
            edge = cut + 1
        if self.words is not None and role_start - edge >= 2:
            edge += self.words.name_start(text[edge:role_start])
        _n, rest = self.lex.strip_leading(text[edge:role_start])
        return role_start - len(rest)


def hit_end(by_end: dict[int, tuple[int, str]], hit: tuple[int, str]) -> int:
    """The end offset of a role found in ``by_end``."""
    return hit[0] + len(hit[1])


def people_cands(found: list[Appointment]) -> list[Cand]:
    """The person names as candidates (they win over any other reading of their characters)."""
    return [Cand(a.start, a.end, "person", "", "title") for a in found]
