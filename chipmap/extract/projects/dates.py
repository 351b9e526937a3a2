"""The date of a project's stage, as precise as the text gives it, resolved against ``published``.

Dates come out as ISO strings or their prefixes: "July 7, 2020" -> "2020-07-07", "in December
2019" -> "2019-12", "in 2014" -> "2014". Words relative to the article's date ("last year",
"Tuesday", 今年6月, 昨日) need ``published``; without it they give nothing rather than a guess.
A day or month without a year is resolved against ``published`` (SCHEMA.md, Projects).
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_EN_DAY_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)
_EN_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)
_EN_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)
_EN_MONTH_REL = re.compile(rf"\b{_MONTH}\s+(?P<rel>last year|this year|next year)\b", re.I)
_EN_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d{{2}})", re.I)
_EN_MONTH = re.compile(rf"\b(?:in|since|by|from|during|early|late|mid|end of|the end of|beginning of)(?:\s+|-){_MONTH}\b"
                       rf"(?!\s+\d|\s+(?:of\s+)?(?:19|20)\d{{2}}|\s+(?:last|this|next) year)", re.I)
_EN_YEAR = re.compile(r"\b(?:in|since|by|of|from|during|early|late|mid-?|end of)\s+(?P<year>(?:19|20)\d{2})\b", re.I)
_EN_REL_YEAR = re.compile(r"\b(?P<rel>last year|this year|next year)\b", re.I)
_EN_WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ZH_YMD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?")
_ZH_MD = re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")
_ZH_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_ZH_REL = re.compile(r"(?P<rel>今年|去年|明年)(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?")
_ZH_DAY = re.compile(r"(?P<rel>昨日|昨天|今日|今天)|(?<![\d月年])(?P<day>\d{1,2})\s*日(?!\s*[起止])")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day and month:
            return dt.date(year, month, day).isoformat()
        if month:
            return f"{year:04d}-{month:02d}"
    except ValueError:
        return None
    return f"{year:04d}"


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _year_of(rel: str, published: dt.date) -> int:
    return published.year + {"last year": -1, "this year": 0, "next year": 1, "去年": -1, "今年": 0,
                             "明年": 1}[rel.lower()]


def _no_later(year: int, month: int, day: int | None, published: dt.date) -> tuple[int, int]:
    """A month and day without a year: the latest such day not after ``published``."""
    if (month, day or 1) > (published.month, published.day):
        return year - 1, month
    return year, month


def english_date(text: str, published: dt.date | None) -> str | None:
    """The first date ``text`` states, as an ISO string or prefix."""
    candidates: list[tuple[int, str]] = []
    for pattern in (_EN_DAY_MONTH_YEAR, _EN_DMY):
        for m in pattern.finditer(text):
            iso = _iso(int(m["year"]), _month(m["month"]), int(m["day"]))
            if iso:
                candidates.append((m.start(), iso))
    for m in _EN_MONTH_YEAR.finditer(text):
        if not any(start <= m.start() < start + 20 for start, _ in candidates):
            iso = _iso(int(m["year"]), _month(m["month"]))
            if iso:
                candidates.append((m.start(), iso))
    if published:
        for m in _EN_MONTH_REL.finditer(text):
            iso = _iso(_year_of(m["rel"], published), _month(m["month"]))
            if iso:
                candidates.append((m.start(), iso))
        for m in _EN_MONTH_DAY.finditer(text):
            if any(abs(start - m.start()) < 3 for start, _ in candidates):
                continue
            year, month = _no_later(published.year, _month(m["month"]), int(m["day"]), published)
            iso = _iso(year, month, int(m["day"]))
            if iso:
                candidates.append((m.start(), iso))
        for m in _EN_MONTH.finditer(text):
            if any(abs(start - m.start("month")) < 4 for start, _ in candidates):
                continue
            year, month = _no_later(published.year, _month(m["month"]), None, published)
            iso = _iso(year, month)
            if iso:
                candidates.append((m.start("month"), iso))
        for m in _EN_WEEKDAY.finditer(text):
            word = m["wd"].lower()
            if word == "today":
                day = published
            elif word == "yesterday":
                day = published - dt.timedelta(days=1)
            else:
                back = (published.weekday() - _WEEKDAYS.index(word)) % 7
                day = published - dt.timedelta(days=back)
            candidates.append((m.start(), day.isoformat()))
    for m in _EN_YEAR.finditer(text):
        if not any(start <= m.start("year") < start + 25 for start, _ in candidates):
            candidates.append((m.start("year"), f"{m['year']}"))
    if published:
        for m in _EN_REL_YEAR.finditer(text):
            if not any(abs(start - m.start()) < 25 for start, _ in candidates):
                candidates.append((m.start(), str(_year_of(m["rel"], published))))
    return min(candidates)[1] if candidates else None


def chinese_date(text: str, published: dt.date | None) -> str | None:
    """The first date ``text`` states (2019年3月28日, 3月28日, 今年6月, 2017年, 昨日...)."""
    candidates: list[tuple[int, str]] = []
    for m in _ZH_YMD.finditer(text):
        iso = _iso(int(m["year"]), int(m["month"]), int(m["day"]) if m["day"] else None)
        if iso:
            candidates.append((m.start(), iso))
    for m in _ZH_YEAR.finditer(text):
        candidates.append((m.start(), m["year"]))
    if published:
        for m in _ZH_REL.finditer(text):
            year = _year_of(m["rel"], published)
            iso = _iso(year, int(m["month"]) if m["month"] else None, int(m["day"]) if m["day"] else None)
            if iso:
                candidates.append((m.start(), iso))
        for m in _ZH_MD.finditer(text):
            if any(start <= m.start() <= start + 6 for start, _ in candidates):
                continue
            year, month = _no_later(published.year, int(m["month"]), int(m["day"]), published)
            iso = _iso(year, month, int(m["day"]))
            if iso:
                candidates.append((m.start(), iso))
        for m in _ZH_DAY.finditer(text):
            if any(start <= m.start() <= start + 12 for start, _ in candidates):
                continue
            if m["rel"]:
                back = 1 if m["rel"] in {"昨日", "昨天"} else 0
                candidates.append((m.start(), (published - dt.timedelta(days=back)).isoformat()))
            elif int(m["day"]) <= published.day:
                iso = _iso(published.year, published.month, int(m["day"]))
                if iso:
                    candidates.append((m.start(), iso))
    return min(candidates)[1] if candidates else None


def stage_date(text: str, published: dt.date | None, language: str = "en") -> str | None:
    """The date a clause gives for the stage it reports."""
    return chinese_date(text, published) if language == "zh" else english_date(text, published)
