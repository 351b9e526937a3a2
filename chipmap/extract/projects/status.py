"""A project's stage from the words of one clause, in English and Chinese, with plans and denials.

The cue lists are data (``chipmap/vocab/words/project_status_{en,zh}.txt``). A cue reports a
stage only when it is asserted: a modal word before it in the same clause ("plans to start
production", "is set to begin", 计划…投产, 预计…建成) turns it into a plan, a negation ("has no
plans to build", 尚未投产) removes it, and in Chinese a cue followed by 后 ("建成后", "投产后")
is a condition, not a report. Of several asserted stages the most advanced wins, since
projects move one way (planned → signed → construction → completed → production);
``cancelled`` ends any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chipmap.vocab import PROJECT_STATUSES
from chipmap.vocab.words import word_list

#: How far the stages are along; ``cancelled`` outranks every other stage it ends.
STAGE_RANK: dict[str, int] = {status: rank for rank, status in enumerate(PROJECT_STATUSES)}
_CLAUSE_EN = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|which|with)\s|\s+and\s+(?=(?:its|the|it|has|had|was|began|started)\b)")
_CLAUSE_ZH = re.compile(r"[，,；;。！？!?]")
#: Modal words that only make a condition when what follows is not in the past tense.
_CONDITIONAL = re.compile(r"after|once|when", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:is|are|will|be|gets?|becomes?|has been|have been)\b|\b(?:begins?|starts?|completes?|"
                       r"opens?|enters?|goes|go|comes?|reach(?:es)?)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|began|begun|started|broke|went|came|entered|opened|ended|finished|got|"
                   r"kicked|commenced|launched)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StatusCue:
    """A stage word in a text; ``asserted`` False for a plan or a forecast of that stage."""

    status: str
    start: int
    end: int
    asserted: bool

    @property
    def reported(self) -> str:
        """The stage the cue reports: its own when asserted, else ``planned``."""
        return self.status if self.asserted else "planned"


def _categories(name: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in word_list(name):
        category, _, phrase = line.partition("|")
        found.setdefault(category.strip(), []).append(phrase.strip())
    return found


@cache
def _english() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    lists = _categories("project_status_en")
    cues = [(status, re.compile(rf"\b(?:{phrase})\b", re.IGNORECASE))
            for status in PROJECT_STATUSES for phrase in lists.get(status, [])]
    modal = re.compile(r"\b(?:" + "|".join(lists["modal"]) + r")\b", re.IGNORECASE)
    negation = re.compile(r"(?:\b|(?<=n))(?:" + "|".join(lists["negation"]) + r")\b", re.IGNORECASE)
    return cues, modal, negation


@cache
def _any_english_cue() -> re.Pattern[str]:
    """One pattern for every English cue: most sentences hold none, and one search says so
    where the cue patterns one by one would each scan the sentence."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _english()[0]), re.IGNORECASE)


@cache
def _chinese() -> tuple[list[tuple[str, str]], tuple[str, ...], tuple[str, ...]]:
    lists = _categories("project_status_zh")
    cues = sorted(((status, word) for status in PROJECT_STATUSES for word in lists.get(status, [])),
                  key=lambda pair: -len(pair[1]))
    return cues, tuple(lists["modal"]), tuple(lists["negation"])


def _clause_start(text: str, position: int, boundary: re.Pattern[str]) -> int:
    start = 0
    for m in boundary.finditer(text, 0, position):
        start = m.end()
    return start


def english_cues(text: str) -> list[StatusCue]:
    """Stage cues in an English text, in reading order, overlapping cues resolved longest first."""
    if not _any_english_cue().search(text):
        return []
    cues, modal, negation = _english()
    hits: list[tuple[int, int, str]] = []
    for status, pattern in cues:
        hits.extend((m.start(), m.end(), status) for m in pattern.finditer(text))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    found: list[StatusCue] = []
    last_end = -1
    for start, end, status in hits:
        if start < last_end:
            continue
        last_end = end
        clause = _clause_start(text, start, _CLAUSE_EN)
        before = text[max(clause, start - 48):start]
        words = before.split()
        near = " ".join(words[-6:])
        if negation.search(" ".join(words[-3:])) or negation.search(text[start:end]):
            continue
        found_modal = modal.search(near)
        following = near[found_modal.end():] + " " + text[start:end] if found_modal else ""
        if found_modal and _CONDITIONAL.fullmatch(found_modal.group()) and not _NOT_PAST.search(following) \
                and _PAST.search(following):
            found_modal = None  # "two years after construction began": a fact, not a condition
        asserted = status == "planned" or not found_modal
        found.append(StatusCue(status, start, end, asserted))
    return found


def chinese_cues(text: str) -> list[StatusCue]:
    """Stage cues in a Chinese text, in reading order."""
    cues, modal, negation = _chinese()
    found: list[StatusCue] = []
    taken = [False] * len(text)
    for status, word in cues:
        for m in re.finditer(re.escape(word), text):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            if "后" in text[m.end():m.end() + 3] or text[m.end():m.end() + 2] in {"条件", "以后"}:
                continue  # 建成后, 建成达产后, 投产后: a condition; 投产条件: readiness
            clause = _clause_start(text, m.start(), _CLAUSE_ZH)
            before = text[max(clause, m.start() - 20):m.start()]
            if any(before[-3:].find(n) >= 0 for n in negation):
                continue
            asserted = status == "planned" or not any(w in before for w in modal) or "已" in before[-3:]
            found.append(StatusCue(status, m.start(), m.end(), asserted))
    found.sort(key=lambda c: c.start)
    return found


def status_cues(text: str, language: str) -> list[StatusCue]:
    """Stage cues of ``text`` written in ``language`` ("en" or "zh")."""
    return chinese_cues(text) if language == "zh" else english_cues(text)


def latest_status(cues: list[StatusCue]) -> StatusCue | None:
    """The most advanced stage asserted, else a plan; None when no cue reports anything."""
    asserted = [c for c in cues if c.asserted]
    if asserted:
        return max(asserted, key=lambda c: (STAGE_RANK[c.status], c.start))
    return cues[0] if cues else None


def clause_status(text: str, language: str = "en") -> str | None:
    """The stage one clause or sentence reports ("plans to start production" -> planned)."""
    best = latest_status(status_cues(text, language))
    return best.reported if best else None
