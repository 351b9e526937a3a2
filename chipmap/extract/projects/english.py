"""Projects in an English article, from its read ``Context`` (doc, entities, atlas, published).

A clause reports a project when it names what is built (a facility cue: fab, plant, base, R&D
centre, fund...; or an organisation whose name is such a thing, "... Investment Fund") with a
stage word or an investment figure. Its parties are the organisations the clause names; a
pronoun subject ("the company", "it") stands for the organisation the sentences before were
about, and a definite subject ("the factory", "construction of the campus", "Named X, the
venture ...") continues the project named before it. A plural facility followed by a list
("projects such as A, B and C", "centres, including A, B and C") is one project per item.
Reports that share a party (or a parent and its unit, "Acme Chengdu", "Acme Semiconductor
(Suzhou)") and agree on place, facility, phase and amount are one project; "also",
"another" or "separate" before the facility start a new one. The status is the most advanced
stage asserted, the amount the first investment figure written, the place the most specific
place the reports attach to the project (else the place of a sibling phase, else where the
party is located). Phases stay apart only when their stages differ
(shared/eval/dev/README.md); numbered units ("its second fund") always stay apart.

Bare counts ("eleven key projects", "30 projects worth ...") are returned as ``ProjectCount``
records, never as projects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chipmap.atlas import normalise_name
from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.projects.amounts import MoneySpan, find_amounts
from chipmap.extract.projects.dates import english_date
from chipmap.extract.projects.facility import FacilityCue, english_facilities, most_specific
from chipmap.extract.projects.status import STAGE_RANK, StatusCue, english_cues
from chipmap.project_identity import amounts_compatible, facilities_compatible
from chipmap.records import Project, ProjectCount, StatusStep

#: Words near a figure that make it an investment (not revenue, output or a share price).
_INVEST = re.compile(
    r"invest|cost|worth|capital|spend|spent|inject|pour|raise|raising|amass|earmark|financ|fund|budget|"
    r"total of|registered|contribut|put in|secure|\bproject\b|to build|backed", re.IGNORECASE)
_NOT_INVEST = re.compile(
    r"revenue|sales|output|profit|income|turnover|market value|valu(?:ed|ation)|share price|stock|tax|"
    r"gdp|export|import|industrial scale|subsid|salar|orders?\b|loan|merger|social capital|attract",
    re.IGNORECASE)
_ORDINALS = {"first": "1", "inaugural": "1", "initial": "1", "second": "2", "third": "3", "fourth": "4",
             "fifth": "5", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "i": "1", "ii": "2",
             "iii": "3", "iv": "4", "v": "5"}
_PHASE = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|fifth)[- ](?:phase|stage)s?|phase[- ](?P<num>\d|one|two|three|"
    r"four|five|iii|ii|iv|i|v)\b)", re.IGNORECASE)
_UNIT = re.compile(
    r"\b(?:its|the|a|their)\s+(?P<ord>first|inaugural|second|third|fourth|fifth)\b(?:\s+(?:fund|round|plant|"
    r"factory|fab|line|facility)\b|\s*[.,;]|\s*$)", re.IGNORECASE)
_EXPANSION = re.compile(r"\bexpansion\b|\bexpand(?:s|ed|ing)?\b|\bincreas(?:e|es|ed|ing)\b[^.;]{0,30}\bcapacity\b",
                        re.IGNORECASE)
_COUNT = re.compile(
    r"\b(?P<count>\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|dozens?)\s+"
    r"(?:(?:key|major|big|new|more|other|large|flagship|industrial|investment|cooperation|signed|"
    r"and|ic|chip|semiconductor|related|strategic|high-quality|[a-z]+-related)\s+){0,4}projects\b",
    re.IGNORECASE)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "dozens": 24}


def _word_number(word: str) -> int:
    """"twenty-two" -> 22, "nine" -> 9, "14" -> 14 (0 when not a number)."""
    if word.isdigit():
        return int(word)
    return sum(_WORD_NUMBERS.get(part, 0) for part in word.split("-"))
#: A subject that stands for an organisation named before ("The company said ...").
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:the (?:[\w-]+\s+){0,3}?(?:company|firm|group|chipmaker|chip maker|foundry|"
    r"manufacturer|maker|organization|organisation|institution|giant|operator)|"
    r"it|its|they|their|chipzilla)\b(?!\s+(?:is|was)\s+(?:expected|understood|reported|said|estimated|believed|"
    r"likely|hoped|planned|known|not|also|the|a)\b)", re.IGNORECASE)
#: A clause whose subject is a facility named before ("The fab, named Fab 68, ...").
_DEFINITE = re.compile(
    r"^\W*(?:(?:construction|expansion|completion|operation|production|groundbreaking|settlement) of\s+)?"
    r"(?:the|this|that|its|their)\s+(?:[\w$.-]+\s+){0,3}?$", re.IGNORECASE)
#: "Named Orion Foundry, the venture ...": the name of the facility the text was about.
_NAMED = re.compile(r"^\W*(?:named|called|dubbed|known as)\s+", re.IGNORECASE)
#: A facility mentioned only to describe something else ("where its headquarters are").
_DESCRIPTIVE = re.compile(r"\b(?:where|near|whose|next to|adjacent to)\s+(?:its|the|their)?\s*(?:[\w-]+\s+){0,2}$",
                          re.IGNORECASE)
_NEW = re.compile(r"\b(?:also|another|separate|additional|a second)\b[^.;,]{0,50}$", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(r"(?:according to|reported by|citing|cited by|report by|said|says)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"^\s*(?:reported|reports|cited|quoted)\b", re.IGNORECASE)
_LIST = re.compile(r"\b(?P<head>projects|platforms|centers|centres|bases|parks|funds|plants|factories|"
                   r"facilities|institutes)\b[^.;]{0,80}?\b(?:such as|including|like|namely)\s+", re.IGNORECASE)
_EQUITY = re.compile(r"\binvest(?:s|ed|ing)?\b[^.;]{0,40}?\bin\s+(?:a|an|the)?\s*$", re.IGNORECASE)
_ATTACH = re.compile(r"(?:\bin|\bat|\binto|\bnear|\bto|located in|based in|based at|of)\s+(?:the\s+)?"
                     r"(?:(?:southern|northern|eastern|western|central|southwestern|southeastern|northeastern|"
                     r"northwestern|chinese|city of|city|province of|district of)\s+)*$", re.IGNORECASE)
_ATTACH_COUNTRY = re.compile(r"(?:\bin|\bat|located in|based in)\s+(?:the\s+)?$", re.IGNORECASE)
_SETTLE = re.compile(r"\bsettled in\b|\bsettlement of\b", re.IGNORECASE)
_POURED = re.compile(r"\b(?:poured|invested|injected|put)\s+into\s+the\b|\bwill be (?:poured|invested|injected)\b|"
                     r"^\W*(?:the\s+)?(?:total|planned|overall|combined)\s+investment\b", re.IGNORECASE)
_BARE_FACILITY_NAME = re.compile(r"^(?:fab|plant|line|phase|factory)\s*\d*\w?$", re.IGNORECASE)
#: Org-name endings that make the organisation itself a facility (a fund, a centre, an institute).
_FACILITY_ORG = re.compile(r"\b(?:fund|funds|center|centre|institute|laboratory|lab|park|platform|base)$",
                           re.IGNORECASE)
_FACILITY_NAME = re.compile(r"\b(?:center|centre|institute|laboratory|lab|park|platform|base|fund|academy)$",
                            re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:and|while|whereas|but)\s+|\s+and\s+(?=\d[\d.,]*\s*(?:billion|million)"
                           r"|(?:its|the)\s+(?:first|second|third|inaugural)\b|(?-i:[a-z]+ing)\b|"
                           r"(?:as of|since|now)\b)", re.IGNORECASE)
#: Where the words about one stage end: the next clause, or a second verb ("... and began ...").
_WINDOW_END = re.compile(r";|,\s+(?:and|while|but)\s|\s+and\s+(?=(?:then\s+)?(?:began|begun|started|broke|was|were|had|"
                         r"has|is|put|went|entered|completed|moved|installed|signed|opened)\b)")
_SEGMENT_FACILITY = {"manufacturing": "fab", "packaging_testing": "packaging_plant"}
_CHINA = frozenset({"china", "mainland china", "chinese mainland", "prc", "people's republic of china"})
#: How many sentences back a definite reference ("the factory") may reach.
_REACH = 5


@dataclass(frozen=True, slots=True)
class _Party:
    """An organisation taking part in a project: a named entity, or a name the text lists."""

    key: str
    name: str
    atlas_id: str = ""

    @classmethod
    def of(cls, entity: Entity) -> _Party:
        return cls(entity.key, entity.name, entity.atlas_id)

    @classmethod
    def named(cls, name: str) -> _Party:
        return cls(f"name:{normalise_name(name)}", name)


@dataclass
class _Clause:
    text: str
    start: int  # offset in the sentence


@dataclass
class _Report:
    """What one clause says about one project."""

    sent: int
    parties: list[_Party]
    cues: list[FacilityCue]
    place: tuple[Entity, bool] | None  # the place, and whether the text attaches it ("in X")
    amount: MoneySpan | None
    steps: list[tuple[StatusCue, str | None]]  # stage cue, its date
    phase: tuple[str, str] | None  # ("phase" | "unit" | "expansion", number)
    name: str
    definite: bool = False
    new: bool = False
    facility: str | None = None  # when no cue says (from the party's segments)

    @property
    def kind(self) -> str:
        if self.cues:
            return most_specific(self.cues)
        return self.facility or "other"

    def stage(self) -> str | None:
        asserted = [c for c, _ in self.steps if c.asserted]
        pool = asserted or [c for c, _ in self.steps]
        return max((c.reported for c in pool), key=lambda s: STAGE_RANK[s]) if pool else None


@dataclass
class _Draft:
    reports: list[_Report] = field(default_factory=list)

    @property
    def parties(self) -> list[_Party]:
        seen: dict[str, _Party] = {}
        for report in self.reports:
            for party in report.parties:
                seen.setdefault(party.key, party)
        return list(seen.values())

    @property
    def phase(self) -> tuple[str, str] | None:
        return next((r.phase for r in self.reports if r.phase), None)

    @property
    def amount(self) -> MoneySpan | None:
        return next((r.amount for r in self.reports if r.amount), None)

    @property
    def kind(self) -> str:
        cues = [c for r in self.reports for c in r.cues]
        if cues:
            return most_specific(cues)
        return next((r.facility for r in self.reports if r.facility), "other")

    def place(self, ctx: Context) -> Entity | None:
        options = [r.place for r in self.reports if r.place]
        if not options:
            return None
        attached = [p for p, sure in options if sure]
        pool = attached or [p for p, _ in options]
        return max(pool, key=lambda p: (p.kind != "region", ctx.level(p), -pool.index(p)))

    def best_step(self) -> tuple[StatusCue, str | None, int] | None:
        steps = [(cue, date, r.sent) for r in self.reports for cue, date in r.steps]
        pool = [s for s in steps if s[0].asserted] or steps
        if not pool:
            return None
        return max(pool, key=lambda s: (STAGE_RANK[s[0].reported], s[1] or "", s[2]))

    def stage(self) -> str | None:
        step = self.best_step()
        return step[0].reported if step else None


def _mentions_in(ctx: Context, entity_type: str, sent: int) -> list[tuple[Entity, int, int]]:
    found = [(e, m.start, m.end) for e in ctx.of_type(entity_type) for m in e.mentions if m.sent == sent]
    return sorted(found, key=lambda f: f[1])


def _clauses(text: str) -> list[_Clause]:
    out, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        out.append(_Clause(text[last:m.start()], last))
        last = m.end()
    out.append(_Clause(text[last:], last))
    return [c for c in out if c.text.strip()]


def _investment(text: str, span: MoneySpan) -> bool:
    before, after = text[max(0, span.start - 60):span.start], text[span.end:span.end + 60]
    after = re.sub(r"^\s*\([^)]*\)", "", after)
    if _NOT_INVEST.search(before[-35:]) or _NOT_INVEST.search(after[:25]):
        return False
    if re.match(r"\s*in\s+(?:the\s+)?[A-Z]", after):
        return False  # "put 2 billion yuan into Acme": an equity stake in a company
    return bool(_INVEST.search(before) or _INVEST.search(after[:30])
                or re.match(r"\s*(?:[\w-]+\s+){0,3}(?:project|fund|plant|fab|factory)", after))


def _counts(ctx: Context, sent: int, text: str) -> list[tuple[ProjectCount, int, int]]:
    out = []
    for m in _COUNT.finditer(text):
        count = _word_number(m["count"].lower())
        if count < 2:
            continue
        cues = english_cues(text[max(0, m.start() - 80):m.end() + 80])
        amounts = [a for a in find_amounts(text[m.end():m.end() + 90]) if not a.conversion]
        places = _mentions_in(ctx, "place", sent)
        events = _mentions_in(ctx, "event", sent)
        out.append((ProjectCount(
            count=count, status=cues[0].reported if cues else None,
            place=places[0][0].name if places else None, event=events[0][0].name if events else None,
            amount=amounts[0].amount() if amounts else None,
            evidence=[ctx.evidence(sent)], confidence=0.7), m.start(), m.end()))
    return out


def _phase(text: str) -> tuple[str, str] | None:
    m = _PHASE.search(text)
    if m:
        word = (m["ord"] or m["num"] or "").lower()
        return ("phase", _ORDINALS.get(word, word))
    m = _UNIT.search(text)
    if m:
        return ("unit", _ORDINALS[m["ord"].lower()])
    if _EXPANSION.search(text):
        return ("expansion", "x")
    return None


def _name(text: str, cue: FacilityCue, parties: list[_Party]) -> str:
    """A short description: "<party>'s <words before the facility cue> <cue>"."""
    words = text[max(0, cue.start - 40):cue.start].split()
    lead: list[str] = []
    for word in reversed(words):
        if word.lower() in {"a", "an", "the", "its", "their", "of", "on", "in", "to", "build", "new", "that",
                            "and", "with", "for"} or word.endswith((",", ".", ";", ":")) or word[:1].isupper():
            break
        lead.insert(0, word)
        if len(lead) >= 4:
            break
    phrase = " ".join([*lead, cue.text]).strip().strip("\"'“”")
    owner = parties[0].name if parties else ""
    return f"{owner}'s {phrase}" if owner and owner.lower() not in phrase.lower() else phrase


def _subject_org(ctx: Context, sent: int) -> Entity | None:
    """The organisation a pronoun subject stands for: the first one named in the closest
    earlier sentence that names one (within three sentences)."""
    for back in range(sent - 1, max(-1, sent - 4), -1):
        orgs = [o for o, _, _ in _mentions_in(ctx, "org", back)
                if o.kind not in {"media", "government"} and not _BARE_FACILITY_NAME.match(o.name)]
        if orgs:
            return orgs[0]
    return None


def _place(ctx: Context, sent: int, clause: _Clause, sent_start: int, text: str) -> tuple[Entity, bool] | None:
    """The most specific place a clause names, attached ones ("in X", "X's") first; China,
    datelines and adjectives ("US chipmaker") never place a project."""
    best: tuple[tuple[bool, bool, int, int], Entity, bool] | None = None
    for place, start, end in _mentions_in(ctx, "place", sent):
        at, stop = start - sent_start, end - sent_start
        if not clause.start <= at < clause.start + len(clause.text):
            continue
        if place.name.lower() in _CHINA:
            continue
        if place.name.isupper() and len(place.name) > 3 and text[stop:stop + 4].strip().startswith(("--", "—", "(")):
            continue  # a dateline ("BEIJING --")
        after = text[stop:stop + 12]
        if re.match(r"\s+(?:chipmaker|company|firm|government|authorities|officials|chip|based)\b|-based", after):
            continue
        before = text[max(0, at - 40):at]
        if place.kind == "country":
            attached = bool(_ATTACH_COUNTRY.search(before))
        else:
            attached = bool(_ATTACH.search(before) or re.match(r"['\u2019]s?\b|\s*\)", after)
                            or re.match(r",\s+[A-Z]", after))
        key = (place.kind != "region", attached, ctx.level(place), -at)
        if best is None or key > best[0]:
            best = (key, place, attached)
    return (best[1], best[2]) if best else None


def _party_filter(orgs: list[tuple[Entity, int, int]], text: str) -> list[_Party]:
    """The organisations of a clause that take part (sources, media and equity targets left out;
    a source is kept when nobody else is named)."""
    kept: list[_Party] = []
    sources: list[_Party] = []
    for org, at, stop in orgs:
        if org.kind == "media" or _BARE_FACILITY_NAME.match(org.name):
            continue
        if _SOURCE_BEFORE.search(text[max(0, at - 22):at]) or _SOURCE_AFTER.match(text[stop:stop + 12]):
            sources.append(_Party.of(org))
            continue
        if _EQUITY.search(text[max(0, at - 70):at]):
            continue  # "invested 2 billion yuan in Acme": an equity stake, not a project
        kept.append(_Party.of(org))
    return list({p.key: p for p in (kept or sources)}.values())


def _segment_facility(parties: list[_Party], segments: Mapping[str, Sequence[str]]) -> str:
    for party in parties:
        for segment in segments.get(party.name, []):
            if segment in _SEGMENT_FACILITY:
                return _SEGMENT_FACILITY[segment]
    return "other"


def _list_items(text: str, start: int, orgs: list[tuple[Entity, int, int]]) -> list[tuple[_Party, str]]:
    """The items of "such as A, B and C" from ``start``: organisations named there, else
    capitalised names ending in a facility word ("Xinzhou photonics and sensing research institute")."""
    tail = re.split(r"[.;]|\s+(?:as well as|while|which|with a)\s+", text[start:])[0]
    items = [i.strip(" ,\"'“”") for i in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[A-Z])", tail)]
    found: list[tuple[_Party, str]] = []
    for item in items:
        item = re.sub(r"^(?:the|a|an)\s+", "", item, flags=re.IGNORECASE)
        if not item:
            continue
        offset = text.find(item, start)
        org = next((o for o, s, e in orgs if s <= offset < e or (offset <= s < offset + len(item))), None)
        if org is not None and len(org.name) >= len(item) * 0.6:
            found.append((_Party.of(org), org.name))
        elif item[:1].isupper() and _FACILITY_NAME.search(item) and len(item.split()) <= 12:
            found.append((_Party.named(item), item))
    return found


@dataclass
class _Sentence:
    """One sentence's look-ups, shared by its clauses."""

    index: int
    text: str
    offset: int
    orgs: list[tuple[Entity, int, int]]  # offsets within the sentence
    cues: list[FacilityCue]
    statuses: list[StatusCue]
    amounts: list[MoneySpan]
    counts: list[ProjectCount]


def _sentence(ctx: Context, index: int) -> _Sentence:
    span = ctx.sents[index]
    text, offset = span.text, span.start_char
    found_counts = _counts(ctx, index, text)
    counted = [(s, e) for _, s, e in found_counts]
    people = [(s - offset, e - offset) for _, s, e in _mentions_in(ctx, "person", index)]
    orgs = [(o, s - offset, e - offset) for o, s, e in _mentions_in(ctx, "org", index)]
    cues = [c for c in english_facilities(text)
            if not any(s <= c.start < e for s, e in counted) and not any(s <= c.start < e for s, e in people)
            and not _DESCRIPTIVE.search(text[max(0, c.start - 40):c.start])]
    amounts = [a for a in find_amounts(text) if not a.conversion and not a.bound and _investment(text, a)
               and not any(s <= a.start < e + 60 for s, e in counted)]
    return _Sentence(index, text, offset, orgs, cues, english_cues(text), amounts, [c for c, _, _ in found_counts])


def _clause_reports(ctx: Context, sent: _Sentence, segments: Mapping[str, Sequence[str]],
                    earlier: list[_Report]) -> list[_Report]:
    text = sent.text
    reports: list[_Report] = []
    inherited: list[_Party] = []
    previous_steps: list[tuple[StatusCue, str | None]] = []
    for clause in _clauses(text):
        lo, hi = clause.start, clause.start + len(clause.text)
        inside = [c for c in sent.cues if lo <= c.start < hi]
        named = [c for c in inside if any(s <= c.start < e for _, s, e in sent.orgs)]
        cues = [c for c in inside if c not in named]
        steps = [(c, _step_date(text, c, ctx)) for c in sent.statuses if lo <= c.start < hi]
        # an organisation that is itself a facility counts when it is being set up, not when it acts
        facility_orgs = [_Party.of(o) for o, s, e in sent.orgs if lo <= s < hi and _FACILITY_ORG.search(o.name)
                         and steps and (any(s <= c.start < e for c in named) or o.kind in {"investor", "academic"})]
        money = next((a for a in sent.amounts if lo <= a.start < hi), None)
        clause_orgs = [(o, s, e) for o, s, e in sent.orgs if lo <= s < hi]
        parties = _party_filter(clause_orgs, text)
        settle = bool(_SETTLE.search(clause.text)) and bool(parties)
        if cues and all(c.generic and c.text.lower() == "projects" for c in cues) and not _LIST.search(clause.text):
            cues = []  # "firms and projects": a plural generic noun alone names nothing
        if not steps and cues and previous_steps and not _DEFINITE.match(text[lo:cues[0].start]):
            steps = previous_steps  # "raised X for its first pool, and Y for its second pool"
        named_subject = _NAMED.match(clause.text)
        phase_here = _phase(clause.text)
        if (money or steps) and not cues and not facility_orgs and reports and reports[-1].sent == sent.index and \
                phase_here and phase_here != reports[-1].phase and (money or phase_here[0] != "unit"):
            # "... for its first pool and 80 billion yuan for its second": the same kind again
            prev = reports[-1]
            reports.append(_Report(sent.index, prev.parties, prev.cues, prev.place, money, steps or prev.steps,
                                   phase_here, prev.name, new=True, facility=prev.facility))
            continue
        if named_subject and clause_orgs and (steps or money) and not cues:
            # "Named Orion Foundry, the plant will be located in Xinzhou"
            org = clause_orgs[0][0]
            reports.append(_Report(sent.index, [_Party.of(org)], [], _place(ctx, sent.index, clause, sent.offset, text),
                                   money, steps, _phase(clause.text), org.name, definite=True,
                                   facility=_segment_facility([_Party.of(org)], segments)))
            continue
        if cues and not (steps or money) and not clause_orgs and _DEFINITE.match(text[lo:cues[0].start]) and \
                (where := _place(ctx, sent.index, clause, sent.offset, text)) and where[1]:
            # "The fab site is in the Xinzhou Development Zone": where the project before is built
            reports.append(_Report(sent.index, [], cues[:1], where, None, [], None, "", definite=True))
            continue
        if not (cues or facility_orgs or settle) or not (steps or money):
            if parties:
                inherited = parties
            if steps:
                previous_steps = steps
            pronoun = _PRONOUN_SUBJECT.match(clause.text) or (money and _POURED.search(clause.text))
            if not cues and (steps or money) and not clause_orgs and pronoun and (earlier or reports):
                # "The company began shipping wafers in May": continues the project before
                reports.append(_Report(sent.index, [], [], None, money, steps, _phase(clause.text), "",
                                       definite=True))
            continue
        previous_steps = steps
        first = cues[0] if cues else None
        head = text[lo:first.start] if first else ""
        definite = bool(first and _DEFINITE.match(head) and not any(lo <= s < first.start for _, s, _ in sent.orgs))
        new = bool(_NEW.search(text[max(lo, first.start - 60):first.start]) if first
                   else re.search(r"\b(?:another|separate|additional)\b", clause.text, re.IGNORECASE))
        if not parties and not definite:
            if inherited:
                parties = list(inherited)
            elif _PRONOUN_SUBJECT.match(text[lo:lo + 40]):
                subject = _subject_org(ctx, sent.index)
                parties = [_Party.of(subject)] if subject else []
        for party in facility_orgs:
            if party.key not in {p.key for p in parties}:
                parties.append(party)
        place = _place(ctx, sent.index, clause, sent.offset, text)
        listed = _LIST.search(clause.text)
        if listed:
            # "brought in projects such as A, B and C": one project each
            items = list({p.key: (p, item) for p, item in _list_items(text, lo + listed.end(), sent.orgs)}.values())
            if len(items) > 1:
                for party, item in items:
                    reports.append(_Report(sent.index, [party], [c for c in cues if c.start < lo + listed.end()],
                                           place, None, steps, None, item if party.key.startswith("name:")
                                           else f"{item} project", facility=_segment_facility([party], segments)
                                           if not _FACILITY_NAME.search(item) else _named_facility(item), new=True))
                inherited = parties or inherited
                continue
        if not parties and not definite:
            continue
        inherited = parties or inherited
        name = _name(text, first, parties) if first else (facility_orgs[0].name if facility_orgs
                                                          else f"{parties[0].name} project")
        facility = None if cues else ("fund" if any(p.name.lower().endswith(("fund", "funds")) for p in facility_orgs)
                                      else "rd_center" if facility_orgs else _segment_facility(parties, segments))
        reports.append(_Report(sent.index, parties, cues[:1] if definite else cues, place, money, steps,
                               _phase(clause.text), name, definite=definite, new=new, facility=facility))
    return reports


def _named_facility(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(("fund", "funds")):
        return "fund"
    if lowered.endswith(("park", "platform")):
        return "other"
    if lowered.endswith("base"):
        return "production_base"
    return "rd_center"


def _step_date(text: str, cue: StatusCue, ctx: Context) -> str | None:
    """The date of a stage: the first date after its cue in the clause, else the last before it."""
    window = _date_window(text, cue)
    at = window.find(text[cue.start:cue.end])
    after = english_date(window[at:], ctx.published) if at >= 0 else None
    if after:
        return after
    before = window[:at] if at > 0 else ""
    dates = [english_date(before[i:], ctx.published) for i in range(len(before) - 1, -1, -8)]
    return next((d for d in dates if d), None)


def _date_window(text: str, cue: StatusCue) -> str:
    """The words around a stage cue, within its clause, for its date."""
    start = max([text.rfind(sep, 0, cue.start) for sep in (";", ", and", ", while", ", but", ". ")] + [0])
    stop = _WINDOW_END.search(text, cue.end)
    return text[start:stop.start() if stop else len(text)]


def _related(a: _Party, b: _Party, units: set[tuple[str, str]]) -> bool:
    """One organisation, or a parent and its unit: "Acme Chengdu", "Acme Semiconductor (Suzhou)",
    or a subsidiary the article states."""
    if a.key == b.key:
        return True
    short, long_ = sorted((a.name, b.name), key=len)
    if long_.startswith(short + " "):
        rest = long_[len(short) + 1:]
        if rest.startswith("(") or (len(rest.split()) == 1 and rest[:1].isupper()):
            return True
    return (a.name, b.name) in units or (b.name, a.name) in units


def _shares_party(a: list[_Party], b: list[_Party], units: set[tuple[str, str]]) -> bool:
    return any(_related(p, q, units) for p in a for q in b)


def _compatible(draft: _Draft, report: _Report, ctx: Context, units: set[tuple[str, str]]) -> bool:
    if not _shares_party(draft.parties, report.parties, units):
        return False
    a, b = draft.phase, report.phase
    if a and b and a != b:
        return False
    if (a is not None and a[0] == "expansion") != (b is not None and b[0] == "expansion"):
        return False  # an expansion is not the plant it expands
    numbered = a if a and a[0] == "phase" and a[1] != "1" else b if b and b[0] == "phase" and b[1] != "1" else None
    if numbered and not (a and b) and draft.stage() and report.stage() and draft.stage() != report.stage():
        return False  # "phase two" at one stage, the unphased plant at another: the existing plant
    place, other = draft.place(ctx), report.place[0] if report.place else None
    if place and other and place.key != other.key and not _contains(ctx, place, other):
        return False
    if not facilities_compatible(_family(draft), _family(report)):
        return False
    return amounts_compatible(draft.amount.amount() if draft.amount else None,
                              report.amount.amount() if report.amount else None)


def _family(item: _Draft | _Report) -> str | None:
    """A facility for compatibility: a report naming only a generic head noun fits anything."""
    cues = item.cues if isinstance(item, _Report) else [c for r in item.reports for c in r.cues]
    if cues and all(c.generic for c in cues):
        return None
    return item.kind


def _contains(ctx: Context, a: Entity, b: Entity) -> bool:
    """True when one of two places lies inside the other (atlas geography)."""
    if not a.atlas_id or not b.atlas_id:
        return False
    return a.atlas_id in ctx.atlas.ancestors(b.atlas_id) or b.atlas_id in ctx.atlas.ancestors(a.atlas_id)


def _group(reports: list[_Report], ctx: Context, units: set[tuple[str, str]]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for report in reports:
        if report.definite:
            target = next((d for d in reversed(drafts) if d.reports[-1].sent >= report.sent - _REACH
                           and facilities_compatible(_family(d), _family(report))), None)
            if target is None:
                if report.parties:
                    drafts.append(_Draft([report]))
                continue
            if report.phase and target.phase and report.phase != target.phase:
                base = target.reports[0]
                drafts.append(_Draft([_Report(report.sent, target.parties, base.cues, base.place, report.amount,
                                              report.steps, report.phase, base.name, facility=base.facility)]))
            else:
                target.reports.append(report)
            continue
        found = None if report.new else next((d for d in reversed(drafts) if _compatible(d, report, ctx, units)),
                                             None)
        if found is None:
            drafts.append(_Draft([report]))
        else:
            found.reports.append(report)
    # phases of one project stay apart only when their stages differ
    merged: list[_Draft] = []
    for draft in drafts:
        stage = draft.stage()
        twin = None
        if draft.phase and draft.phase[0] == "phase" and stage is not None:
            twin = next((m for m in merged if m.stage() == stage and m.phase and m.phase[0] == "phase"
                         and _shares_party(m.parties, draft.parties, units)), None)
        if twin is not None:
            twin.reports.extend(draft.reports)
        else:
            merged.append(draft)
    return merged


def _project(draft: _Draft, ctx: Context, fallback_place: Entity | None) -> Project | None:
    parties = draft.parties
    step = draft.best_step()
    if (step is None and draft.amount is None) or not parties:
        return None
    history = [StatusStep(status=cue.reported, date=date, evidence=[ctx.evidence(r.sent)])
               for r in draft.reports for cue, date in r.steps]
    history.sort(key=lambda s: (s.date or "9999", STAGE_RANK[s.status]))
    amount_report = next((r for r in draft.reports if r.amount), None)
    place = draft.place(ctx) or fallback_place
    place_report = next((r for r in draft.reports if r.place and place and r.place[0].key == place.key), None)
    field_evidence = {
        "parties": [ctx.evidence(r.sent) for r in draft.reports if r.parties][:3],
        "facility": [ctx.evidence(r.sent) for r in draft.reports if r.cues][:1],
        "status": [ctx.evidence(step[2])] if step else [],
        "amount": [ctx.evidence(amount_report.sent)] if amount_report else [],
        "place": [ctx.evidence(place_report.sent)] if place_report else [],
    }
    sents = list(dict.fromkeys(r.sent for r in draft.reports))
    phase = draft.phase
    return Project(
        name=draft.reports[0].name or f"{parties[0].name} project",
        parties=[p.name for p in parties],
        place=place.name if place else None,
        facility=draft.kind,
        amount=draft.amount.amount() if draft.amount else None,
        status=step[0].reported if step else "planned",
        date=step[1] if step else None,
        phase=phase[1] if phase and phase[0] in {"phase", "unit"} else ("expansion" if phase else None),
        history=history,
        field_evidence={k: v for k, v in field_evidence.items() if v},
        evidence=[ctx.evidence(s) for s in sents[:4]],
        confidence=0.6 if len(sents) > 1 else 0.5,
    )


def _fallback_places(drafts: list[_Draft], ctx: Context, located: Mapping[str, str],
                     units: set[tuple[str, str]]) -> list[Entity | None]:
    """A place for drafts that name none: a sibling project's (same party), else where the
    article locates the party."""
    places = {p.name: p for p in ctx.of_type("place")}
    out: list[Entity | None] = []
    for draft in drafts:
        if draft.place(ctx) is not None:
            out.append(None)
            continue
        sibling = next((d.place(ctx) for d in drafts if d is not draft and d.place(ctx) is not None
                        and _shares_party(d.parties, draft.parties, units)), None)
        if sibling is None:
            names = [located[p.name] for p in draft.parties if p.name in located]
            sibling = next((places[n] for n in names if n in places and n.lower() not in _CHINA), None)
        out.append(sibling)
    return out


def english_projects(ctx: Context, *, segments: Mapping[str, Sequence[str]] | None = None,
                     units: set[tuple[str, str]] | None = None,
                     located: Mapping[str, str] | None = None) -> tuple[list[Project], list[ProjectCount]]:
    """The projects and bare project counts an English article reports.

    ``segments``: organisation name -> its chain segments (a fab for a foundry when no word
    says what is built); ``units``: (unit, parent) name pairs the article states, so that a
    parent and its unit are one party; ``located``: organisation name -> the place the article
    locates it in, for projects whose own sentences name no place.
    """
    reports: list[_Report] = []
    counts: list[ProjectCount] = []
    for index in range(len(ctx.sents)):
        sent = _sentence(ctx, index)
        reports.extend(_clause_reports(ctx, sent, segments or {}, reports))
        counts.extend(sent.counts)
    drafts = _group(reports, ctx, units or set())
    fallbacks = _fallback_places(drafts, ctx, located or {}, units or set())
    projects = [p for p in (_project(d, ctx, f) for d, f in zip(drafts, fallbacks, strict=True)) if p is not None]
    return projects, counts
