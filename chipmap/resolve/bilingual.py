"""One entity across languages: the English and the Chinese name an article gives together.

News writes a firm's name in the other language in brackets right after it: "Yunxiu
Semiconductor (云岫半导体)" in English, "云岫半导体(Yunxiu Semiconductor)" in Chinese. Such a
pair is an alias learned from the article, so that the firm read in an English article and
the firm read in a Chinese one resolve to one entity even when the atlas does not know it.
The atlas comes first: a name the atlas knows already carries its atlas id.

Canonical names: an entity is named in English once an English name is known (the graph's
answers are in English), with its Chinese name kept as ``name_zh``; a firm known only from
Chinese news keeps its Chinese name until then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9&.,'\- ]{1,60}[A-Za-z0-9.)]|[A-Z]{2,}")
_STOCK_CODE = re.compile(r"^[\d.,:\sA-Z]*\d[\d.,:\sA-Z]*$")
_BRACKETS = "(（", ")）"


def is_han(name: str) -> bool:
    """True for a name written in Chinese characters (at least half of its letters)."""
    han = len(_HAN.findall(name))
    return han > 0 and han * 2 >= len(re.findall(r"\w", name))


def is_latin(name: str) -> bool:
    return bool(name) and not _HAN.search(name) and bool(re.search(r"[A-Za-z]", name))


def _inside(sentence: str, at: int) -> str:
    """The text inside the bracket that opens at ``at`` (empty when it does not close soon)."""
    close = min((i for i in (sentence.find(c, at + 1) for c in _BRACKETS[1]) if i > 0), default=-1)
    return sentence[at + 1 : close].strip() if 0 < close - at <= 64 else ""


def bracket_names(form: str, sentences: Iterable[str]) -> list[str]:
    """Names in the other script written in brackets right after ``form``, or that ``form``
    stands in brackets after ("X (中文名)", "中文名 (X)", either order)."""
    found: list[str] = []
    for sentence in sentences:
        for match in re.finditer(re.escape(form), sentence):
            after = match.end()
            while after < len(sentence) and sentence[after] == " ":
                after += 1
            if after < len(sentence) and sentence[after] in _BRACKETS[0]:
                other = _inside(sentence, after)
                if _other_script(form, other):
                    found.append(other)
            before = match.start() - 1
            if before >= 0 and sentence[before] in _BRACKETS[0] and sentence[match.end() : match.end() + 1] in _BRACKETS[1]:
                other = _preceding_name(sentence, before, han=not is_han(form))
                if other and _other_script(form, other):
                    found.append(other)
    return list(dict.fromkeys(found))


def _other_script(form: str, other: str) -> bool:
    if not other or _STOCK_CODE.match(other) or other in {"下同", "简称"} or "简称" in other:
        return False
    if is_han(form):
        return is_latin(other) and bool(_LATIN_NAME.fullmatch(other))
    return is_han(other) and len(other) >= 2 and not re.search(r"[,，。;；:：]", other)


def _preceding_name(sentence: str, bracket: int, *, han: bool) -> str:
    """The name just before a bracket: a run of Chinese characters (in an English sentence) or
    of capitalised Latin words."""
    end = bracket
    while end > 0 and sentence[end - 1] == " ":
        end -= 1
    start = end
    if han:
        while start > 0 and _HAN.match(sentence[start - 1]):
            start -= 1
        return sentence[start:end] if end - start <= 20 else ""
    words = sentence[:end].split(" ")
    taken: list[str] = []
    for word in reversed(words):
        if not word or not (word[0].isupper() or word[0].isdigit() or word in {"of", "and", "&"}):
            break
        taken.insert(0, word)
    return " ".join(taken).strip(" ,")


def canonical(forms: Iterable[str]) -> tuple[str, str | None]:
    """(name, Chinese name) for a new entity with these forms: the first English form that is
    not an acronym (else any English form) when there is one, else the first form."""
    ordered = list(dict.fromkeys(forms))
    latin = [f for f in ordered if is_latin(f)]
    han = [f for f in ordered if is_han(f)]
    zh = max(han, key=len) if han else None
    if not latin or not han:
        return ordered[0], zh
    spelled = [f for f in latin if " " in f or not f.isupper()]
    return (spelled or latin)[0], zh
