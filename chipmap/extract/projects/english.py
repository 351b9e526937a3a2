"""Projects in an English article, from its read ``Context`` (doc, entities, atlas, published).

A clause reports a project when it names what is built (a facility cue: fab, plant, base, R&D
centre, fund...; or an organisation whose name is such a thing, "... Investment Fund") with a
stage word or an investment figure. Its parties are the organisations the clause names; a
pronoun subject ("the company", "it") stands for the organisation the sentences before were
about, and a definite subject ("the factory", "the joint venture") continues the project named
before it. A plural facility followed by a list ("projects such as A, B and C") is one project
per organisation listed. Reports that share a party (or a parent and its "Parent (Place)" unit)
and agree on place, facility, phase and amount are one project; "also", "another" or
"separate" before the facility start a new one. The status is the most advanced stage
asserted, the amount the first investment figure written, the place the most specific place
the reports attach to the project. Phases stay apart only when their stages differ
(shared/eval/dev/README.md); numbered units ("its second fund") always stay apart.

Bare counts ("14 key projects", "46 projects with a total scale of ...") are returned as
``ProjectCount`` records, never as projects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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
    r"gdp|export|import|industrial scale|subsid|salar|orders?\b|loan|merger|social capital",
    re.IGNORECASE)
_ORDINALS = {"first": "1", "inaugural": "1", "initial": "1", "second": "2", "third": "3", "fourth": "4",
             "fifth": "5", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "i": "1", "ii": "2",
             "iii": "3", "iv": "4", "v": "5"}
_PHASE = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|fifth)[- ](?:phase|stage)s?|phase[- ](?P<num>\d|one|two|three|"
    r"four|five|iii|ii|iv|i|v)\b)", re.IGNORECASE)
_UNIT = re.compile(
    r"\b(?:its|the|a|their)\s+(?P<ord>first|inaugural|second|third|fourth|fifth)\b(?:\s+(?:fund|round|plant|"
    r"factory|fab|line|facility))?", re.IGNORECASE)
_EXPANSION = re.compile(r"\bexpansion\b|\bexpand(?:s|ed|ing)?\b|\bincreas(?:e|es|ed|ing)\b[^.;]{0,30}\bcapacity\b",
                        re.IGNORECASE)
_COUNT = re.compile(
    r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\s+"
    r"(?:(?:key|major|big|new|more|other|large|flagship|industrial|investment|cooperation|signed|"
    r"and|ic|chip|semiconductor|related|strategic|high-quality|[a-z]+-related)\s+){0,4}projects\b",
    re.IGNORECASE)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24}
#: A subject that stands for an organisation named before ("The company said ...").
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:the (?:company|firm|group|chipmaker|chip maker|foundry|manufacturer|maker)|"
    r"it|its|they|their|chipzilla)\b(?!\s+(?:is|was)\s+(?:expected|understood|reported|said|estimated|believed|"
    r"likely|hoped|planned|known|not|also|the|a)\b)", re.IGNORECASE)
#: A clause whose subject is a facility named before ("The fab, named Fab 68, ...").
_DEFINITE = re.compile(r"^\W*(?:(?:the|this|that|its|their)\s+)(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
_NEW = re.compile(r"\b(?:also|another|separate|additional|a second)\b[^.;,]{0,50}$", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(r"(?:according to|reported by|citing|cited by|report by|said|says)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"^\s*(?:said|says|reported|told|noted|announced|revealed)\b", re.IGNORECASE)
_LIST = re.compile(r"\b(?P<head>projects|platforms|centers|centres|bases|parks|funds|plants|factories|"
                   r"facilities|institutes)\b[^.;]{0,40}?\b(?:such as|including|like|namely)\b", re.IGNORECASE)
_EQUITY = re.compile(r"\binvest(?:s|ed|ing)?\b[^.;]{0,40}?\bin\s+(?:a|an|the)?\s*$", re.IGNORECASE)
_ATTACH = re.compile(r"(?:\bin|\bat|\binto|\bnear|\bto|located in|based in|based at|of)\s+(?:the\s+)?"
                     r"(?:(?:southern|northern|eastern|western|central|southwestern|southeastern|northeastern|"
                     r"northwestern|chinese|city of|city|province of|district of)\s+)*$", re.IGNORECASE)
_SETTLE = re.compile(r"\bsettled in\b|\bsettlement of\b", re.IGNORECASE)
_BARE_FACILITY_NAME = re.compile(r"^(?:fab|plant|line|phase|factory)\s*\d*\w?$", re.IGNORECASE)
#: Org-name endings that make the organisation itself a facility (a fund, a centre, an institute).
_FACILITY_ORG = re.compile(r"\b(?:fund|funds|center|centre|institute|laboratory|lab|park|platform|base)$",
                           re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:and|while|whereas|but)\s+|\s+and\s+(?=\d[\d.,]*\s*(?:billion|million)"
                           r"|(?:its|the)\s+(?:first|second|third|inaugural)\b)", re.IGNORECASE)
_SEGMENT_FACILITY = {"manufacturing": "fab", "packaging_testing": "packaging_plant"}


@dataclass
class _Clause:
    text: str
    start: int  # offset in the sentence


@dataclass
class _Report:
    """What one clause says about one project."""

    sent: int
    parties: list[Entity]
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


@dataclass
class _Draft:
    reports: list[_Report] = field(default_factory=list)

    @property
    def parties(self) -> list[Entity]:
        seen: dict[str, Entity] = {}
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
        return max(pool, key=lambda p: (ctx.level(p), -pool.index(p)))

    def best_step(self) -> tuple[StatusCue, str | None, int] | None:
        steps = [(cue, date, r.sent) for r in self.reports for cue, date in r.steps]
        pool = [s for s in steps if s[0].asserted] or steps
        if not pool:
            return None
        return max(pool, key=lambda s: (STAGE_RANK[s[0].reported], s[1] or "", s[2]))


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
    before, after = text[max(0, span.start - 60):span.start], text[span.end:span.end + 45]
    if _NOT_INVEST.search(before[-35:]) or _NOT_INVEST.search(after[:25]):
        return False
    return bool(_INVEST.search(before) or _INVEST.search(after[:30])
                or re.match(r"\s*(?:[\w-]+\s+){0,2}(?:project|fund|plant|fab|factory)", after))


def _counts(ctx: Context, sent: int, text: str) -> list[tuple[ProjectCount, int, int]]:
    out = []
    for m in _COUNT.finditer(text):
        word = m["count"].lower()
        count = int(word) if word.isdigit() else _WORD_NUMBERS.get(word, 0)
        if count < 2:
            continue
        cues = english_cues(text[max(0, m.start() - 80):m.end() + 80])
        amounts = [a for a in find_amounts(text[m.end():m.end() + 90]) if not a.conversion]
        places = _mentions_in(ctx, "place", sent)
        out.append((ProjectCount(
            count=count, status=cues[0].reported if cues else None,
            place=places[0][0].name if places else None,
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


def _name(text: str, cue: FacilityCue, parties: list[Entity]) -> str:
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
    phrase = " ".join([*lead, cue.text]).strip()
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
    """The most specific place a clause names, attached ones ("in X", "X's") first; China and
    datelines never place a project."""
    best: tuple[tuple[bool, int, int], Entity, bool] | None = None
    for place, start, end in _mentions_in(ctx, "place", sent):
        at, stop = start - sent_start, end - sent_start
        if not clause.start <= at < clause.start + len(clause.text):
            continue
        if place.kind in {"country", "region"} and place.name.lower() in {"china", "mainland china",
                                                                           "chinese mainland", "prc"}:
            continue
        if place.name.isupper() and len(place.name) > 3 and text[stop:stop + 4].strip().startswith(("--", "—", "(")):
            continue  # a dateline ("BEIJING --")
        after = text[stop:stop + 12]
        if re.match(r"\s+(?:chipmaker|company|firm|government|authorities|officials|chip|-based)", after) or \
                re.match(r"-based", after):
            continue  # "US chipmaker", "Beijing-based": about the company, not where the project is
        attached = bool(_ATTACH.search(text[max(0, at - 40):at]) or re.match(r"['\u2019]s?\b|\s*\)", after)
                        or re.match(r",\s+[A-Z]", after))
        key = (attached, ctx.level(place), -at)
        if best is None or key > best[0]:
            best = (key, place, attached)
    return (best[1], best[2]) if best else None


def _party_filter(ctx: Context, orgs: list[tuple[Entity, int, int]], text: str,
                  sent_start: int) -> list[Entity]:
    kept, sources = [], []
    for org, start, end in orgs:
        if org.kind == "media" or _BARE_FACILITY_NAME.match(org.name):
            continue
        at, stop = start - sent_start, end - sent_start
        if _SOURCE_BEFORE.search(text[max(0, at - 22):at]) or _SOURCE_AFTER.match(text[stop:stop + 12]):
            sources.append(org)
            continue
        if _EQUITY.search(text[max(0, at - 70):at]):
            continue  # "invested 13 billion yuan in YMTC": an equity stake, not a project
        kept.append(org)
    return list({o.key: o for o in (kept or sources)}.values())


def _segment_facility(ctx: Context, parties: list[Entity], segments: Mapping[str, Sequence[str]]) -> str:
    for party in parties:
        for segment in segments.get(party.name, []):
            if segment in _SEGMENT_FACILITY:
                return _SEGMENT_FACILITY[segment]
    return "other"


def _clause_reports(ctx: Context, sent: int, segments: Mapping[str, Sequence[str]],
                    last: list[_Report]) -> tuple[list[_Report], list[ProjectCount]]:
    span = ctx.sents[sent]
    text, offset = span.text, span.start_char
    found_counts = _counts(ctx, sent, text)
    counted = [(s, e) for _, s, e in found_counts]
    orgs = _mentions_in(ctx, "org", sent)
    people = [(s - offset, e - offset) for _, s, e in _mentions_in(ctx, "person", sent)]
    org_spans = [(o, s - offset, e - offset) for o, s, e in orgs]
    all_cues = [c for c in english_facilities(text)
                if not any(s <= c.start < e for s, e in counted) and not any(s <= c.start < e for s, e in people)]
    statuses = english_cues(text)
    amounts = [a for a in find_amounts(text) if not a.conversion and not a.bound and _investment(text, a)
               and not any(s <= a.start < e + 60 for s, e in counted)]
    reports: list[_Report] = []
    inherited: list[Entity] = []
    for clause in _clauses(text):
        lo, hi = clause.start, clause.start + len(clause.text)
        inside = [c for c in all_cues if lo <= c.start < hi]
        named = [c for c in inside if any(s <= c.start < e for _, s, e in org_spans)]
        cues = [c for c in inside if c not in named]
        facility_orgs = [o for o, s, e in org_spans if lo <= s < hi and _FACILITY_ORG.search(o.name)
                         and (any(s <= c.start < e for c in named) or o.kind in {"investor", "academic"})]
        steps = [(c, english_date(_date_window(text, c), ctx.published)) for c in statuses if lo <= c.start < hi]
        money = next((a for a in amounts if lo <= a.start < hi), None)
        clause_orgs = [(o, s + offset, e + offset) for o, s, e in org_spans if lo <= s < hi]
        parties = _party_filter(ctx, clause_orgs, text, offset)
        settle = bool(_SETTLE.search(clause.text)) and bool(parties)
        if cues and all(c.generic and c.text.lower().endswith("s") for c in cues) and not _LIST.search(clause.text):
            cues = []  # "products and projects": a plural generic noun alone names nothing
        if not (cues or facility_orgs or settle) or not (steps or money):
            if parties or clause_orgs:
                inherited = parties or inherited
            if not cues and steps and reports == [] and _PRONOUN_SUBJECT.match(clause.text) and last:
                # "The company began production in December 2019": continues the project before
                reports.append(_Report(sent, [], [], None, money, steps, _phase(clause.text), "", definite=True))
            continue
        first = cues[0] if cues else None
        head = text[lo:first.start] if first else ""
        definite = bool(first and _DEFINITE.match(head) and not any(lo <= s < first.start for _, s, _ in org_spans))
        new = bool(first and _NEW.search(text[max(lo, first.start - 60):first.start]))
        if not parties and not definite:
            if inherited:
                parties = list(inherited)
            elif _PRONOUN_SUBJECT.match(text[lo:lo + 40]):
                subject = _subject_org(ctx, sent)
                parties = [subject] if subject else []
        for org in facility_orgs:
            if org not in parties:
                parties.append(org)
        if not parties and not definite:
            continue
        inherited = parties
        place = _place(ctx, sent, clause, offset, text)
        phase = _phase(clause.text)
        listed = _LIST.search(clause.text)
        if listed and len(parties) > 1:
            # "introduced major projects such as A, B and C": one project each
            cut = lo + listed.end()
            for org, s, _e in org_spans:
                if s >= cut and org in parties:
                    reports.append(_Report(sent, [org], [c for c in cues if c.start < cut], place, None, steps,
                                           None, f"{org.name} project",
                                           facility=_segment_facility(ctx, [org], segments), new=True))
            continue
        name = _name(text, first, parties) if first else (facility_orgs[0].name if facility_orgs
                                                          else f"{parties[0].name} project")
        facility = None if cues else ("fund" if any(o.name.lower().endswith(("fund", "funds")) for o in facility_orgs)
                                      else "rd_center" if facility_orgs
                                      else _segment_facility(ctx, parties, segments))
        reports.append(_Report(sent, parties, cues, place, money, steps, phase, name, definite=definite and
                               not parties, new=new, facility=facility))
    return reports, [c for c, _, _ in found_counts]


def _date_window(text: str, cue: StatusCue) -> str:
    """The words around a stage cue, within its clause, for its date."""
    start = max([text.rfind(sep, 0, cue.start) for sep in (";", ", and", ", while", ", but", ". ")] + [0])
    ends = [i for i in (text.find(sep, cue.end) for sep in (";", ", and", ", while", ", but", " and ")) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _related(a: Entity, b: Entity, units: set[tuple[str, str]]) -> bool:
    """One organisation, or a parent and its unit ("ACM Research (Shanghai)", a stated subsidiary)."""
    if a.key == b.key:
        return True
    na, nb = a.name.lower(), b.name.lower()
    short, long_ = sorted((na, nb), key=len)
    if long_.startswith(short + " (") or (long_.startswith(short + " ") and len(short.split()) >= 2 \
            and long_[len(short) + 1:].split()[0][:1] in "("):
        return True
    return (a.name, b.name) in units or (b.name, a.name) in units


def _compatible(draft: _Draft, report: _Report, ctx: Context, units: set[tuple[str, str]]) -> bool:
    if not any(_related(p, q, units) for p in draft.parties for q in report.parties):
        return False
    a, b = draft.phase, report.phase
    if a and b and a != b:
        return False
    if (a is not None and a[0] == "expansion") != (b is not None and b[0] == "expansion"):
        return False  # an expansion is not the plant it expands
    place, other = draft.place(ctx), report.place[0] if report.place else None
    if place and other and place.key != other.key and not _contains(ctx, place, other):
        return False
    if not facilities_compatible(_family(draft.kind, draft), _family(report.kind, report)):
        return False
    return amounts_compatible(draft.amount.amount() if draft.amount else None,
                              report.amount.amount() if report.amount else None)


def _family(kind: str, item: _Draft | _Report) -> str | None:
    """A facility for compatibility: a report naming only a generic head noun fits anything."""
    cues = item.cues if isinstance(item, _Report) else [c for r in item.reports for c in r.cues]
    if cues and all(c.generic for c in cues):
        return None
    return kind


def _contains(ctx: Context, a: Entity, b: Entity) -> bool:
    """True when one of two places lies inside the other (atlas geography)."""
    if not a.atlas_id or not b.atlas_id:
        return False
    return a.atlas_id in ctx.atlas.ancestors(b.atlas_id) or b.atlas_id in ctx.atlas.ancestors(a.atlas_id)


def _group(reports: list[_Report], ctx: Context, units: set[tuple[str, str]]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for report in reports:
        if report.definite and not report.parties:
            target = next((d for d in reversed(drafts) if d.reports[-1].sent >= report.sent - 3
                           and facilities_compatible(_family(d.kind, d), _family(report.kind, report))), None)
            if target is None:
                continue
            if report.phase and target.phase and report.phase != target.phase:
                drafts.append(_Draft([_Report(report.sent, target.parties, report.cues, report.place, report.amount,
                                              report.steps, report.phase, report.name or target.reports[0].name)]))
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
        step = draft.best_step()
        twin = None
        if draft.phase and draft.phase[0] == "phase" and step is not None:
            for other in merged:
                other_step = other.best_step()
                if other_step is not None and other_step[0].reported == step[0].reported and \
                        other.phase and other.phase[0] == "phase" and \
                        any(_related(p, q, units) for p in other.parties for q in draft.parties):
                    twin = other
                    break
        if twin is not None:
            twin.reports.extend(draft.reports)
        else:
            merged.append(draft)
    return merged


def _project(draft: _Draft, ctx: Context) -> Project | None:
    parties = draft.parties
    step = draft.best_step()
    if (step is None and draft.amount is None) or not parties:
        return None
    history = [StatusStep(status=cue.reported, date=date, evidence=[ctx.evidence(r.sent)])
               for r in draft.reports for cue, date in r.steps]
    history.sort(key=lambda s: (s.date or "9999", STAGE_RANK[s.status]))
    amount_report = next((r for r in draft.reports if r.amount), None)
    place = draft.place(ctx)
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
        phase=phase[1] if phase and phase[0] in {"phase", "unit"} else None,
        history=history,
        field_evidence={k: v for k, v in field_evidence.items() if v},
        evidence=[ctx.evidence(s) for s in sents[:4]],
        confidence=0.6 if len(sents) > 1 else 0.5,
    )


def english_projects(ctx: Context, *, segments: Mapping[str, Sequence[str]] | None = None,
                     units: set[tuple[str, str]] | None = None) -> tuple[list[Project], list[ProjectCount]]:
    """The projects and bare project counts an English article reports.

    ``segments``: organisation name -> its chain segments (a fab for a foundry when no word
    says what is built); ``units``: (unit, parent) name pairs the article states, so that a
    parent and its unit are one party.
    """
    reports: list[_Report] = []
    counts: list[ProjectCount] = []
    for sent in range(len(ctx.sents)):
        found, found_counts = _clause_reports(ctx, sent, segments or {}, reports)
        reports.extend(found)
        counts.extend(found_counts)
    drafts = _group(reports, ctx, units or set())
    projects = [p for p in (_project(d, ctx) for d in drafts) if p is not None]
    return projects, counts
