"""China's administrative divisions: names, kinds and nesting from the division codes.

A six-digit division code nests by its digits (``32`` Jiangsu, ``3203`` Xuzhou, ``320321``
Feng County), so one list (``zh_admin_divisions.txt``) gives both the names a reader should
know as places and which place each lies in; the atlas covers only the places chipmap
curates, the codes cover every county. Provinces and prefecture-level cities are also known
by their short form (江苏, 淮安); counties and districts only in full (涟水县, 北仑区), since
their short forms are often everyday words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chipmap.extract.chinese.lexicon import lexicon
from chipmap.vocab.words import word_list

#: Province-level municipalities: cities by kind, provinces by level.
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_ETHNIC = re.compile(r"(壮族|回族|维吾尔|藏族|蒙古族)?自治区$")


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division."""

    code: str  # six digits
    name: str  # full official form (江苏省, 淮安市, 涟水县)

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county or district."""
        if self.code[2:] == "0000":
            return 1
        return 2 if self.code[4:] == "00" else 3

    @property
    def kind(self) -> str:
        """The place kind of the shared schema (county-level cities are cities)."""
        if self.level == 1:
            return "city" if self.code[:2] in _MUNICIPALITIES else "province"
        if self.level == 2 or self.name.endswith("市"):
            return "city"
        return "district"

    @property
    def parent_codes(self) -> tuple[str, ...]:
        """Codes of the enclosing divisions, nearest first."""
        if self.level == 3:
            return (self.code[:4] + "00", self.code[:2] + "0000")
        if self.level == 2:
            return (self.code[:2] + "0000",)
        return ()

    def short(self) -> str:
        """The short form news uses for provinces and prefectures ("江苏", "淮安"), else ""."""
        if self.level == 3:
            return ""
        name = _ETHNIC.sub("", self.name)
        if name != self.name:
            return name if len(name) >= 2 else ""
        for suffix in ("特别行政区", "省", "市"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return ""


@dataclass(frozen=True)
class Divisions:
    """Every division by code and by each name news may write it with."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]

    def named(self, name: str) -> tuple[Division, ...]:
        """Divisions written ``name`` (several for 朝阳区, 鼓楼区)."""
        return self.by_name.get(name, ())

    def named_prefix(self, code: str, size: int) -> bool:
        """True when the division ``code``'s name cut to ``size`` characters is its short form."""
        division = self.by_code.get(code)
        return division is not None and division.short() == division.name[:size]

    def parents(self, division: Division) -> list[Division]:
        """Enclosing divisions, nearest first."""
        return [self.by_code[c] for c in division.parent_codes if c in self.by_code]


@cache
def divisions() -> Divisions:
    """The division list, read once per process."""
    by_code: dict[str, Division] = {}
    for line in word_list("zh_admin_divisions"):
        code, _, name = line.partition(" ")
        if len(code) == 6 and code.isdigit() and name:
            by_code[code] = Division(code, name.strip())
    stop = lexicon().place_stopwords
    names: dict[str, list[Division]] = {}
    for division in by_code.values():
        names.setdefault(division.name, []).append(division)
        short = division.short()
        if short and short not in stop:
            names.setdefault(short, []).append(division)
    # A short form shared by a province and a city (吉林) means the province.
    by_name = {n: tuple(sorted(ds, key=lambda d: (d.level, d.code))) for n, ds in names.items()}
    return Divisions(by_code=by_code, by_name=by_name)
