"""Money as written in English and Chinese news, normalised to a number and an ISO currency.

English: a currency before or after the number ("US$2.4 billion", "CNY12.5 billion",
"RMB 3.2 billion", "RMB70bn", "$4.2b", "7.5 billion yuan", "11 billion US dollars",
hyphenated "3-billion-yuan", "9-bln-USD"). Chinese: digits or Chinese numerals with
万/亿 units ("12亿元", "40亿美元", "2031.5亿元人民币", "3000万元", "百亿元", "人民币6亿元").

A figure inside brackets right after another is a conversion ("7.5 billion yuan (about
US$1.05 billion)"): the first figure written is the amount, as shared/eval/SCHEMA.md asks.
An exchange-rate note ("($1 = 7.1 yuan)") is no amount at all. ``qualifier`` keeps
words such as "over" or "不低于" so that callers can leave lower bounds out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chipmap.records import Amount

#: Currency words and symbols -> ISO 4217 code. "$" alone is the US dollar.
_PREFIX_CURRENCY = {
    "us$": "USD", "usd": "USD", "$": "USD", "u.s.$": "USD", "rmb": "CNY", "cny": "CNY", "¥": "CNY",
    "￥": "CNY", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "hk$": "HKD", "hkd": "HKD",
    "nt$": "TWD", "twd": "TWD", "jpy": "JPY", "krw": "KRW", "₩": "KRW", "s$": "SGD", "sgd": "SGD",
}
_SUFFIX_CURRENCY = {
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "us dollar": "USD", "dollars": "USD", "dollar": "USD",
    "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR", "yen": "JPY", "jpy": "JPY",
    "won": "KRW", "krw": "KRW", "hong kong dollars": "HKD", "hkd": "HKD", "nt dollars": "TWD",
    "taiwan dollars": "TWD", "pounds": "GBP", "gbp": "GBP",
}
_SCALE = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
}
_QUALIFIERS = ("up to", "more than", "over", "at least", "no less than", "not less than", "about",
               "approximately", "approx.", "nearly", "roughly", "around", "some", "almost", "below",
               "under", "less than", "an estimated", "estimated")
#: Qualifiers that make a figure a bound rather than the amount.
LOWER_BOUNDS = frozenset({"at least", "no less than", "not less than", "不低于", "不少于", "至少", "以上"})

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PRE = "|".join(sorted((re.escape(k) for k in _PREFIX_CURRENCY), key=len, reverse=True))
_SUF = "|".join(sorted((re.escape(k) for k in _SUFFIX_CURRENCY), key=len, reverse=True))
_SCL = "|".join(sorted(_SCALE, key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
#: "US$2.4 billion", "RMB70bn", "$4.2b", "CNY30 billion", optionally followed by a currency word.
_EN_PREFIXED = re.compile(
    rf"(?P<qual>(?:{_QUAL})\s+)?(?<![A-Za-z])(?P<cur>{_PRE})\s?(?P<num>{_NUM})"
    rf"(?:[\s-]?(?P<scale>{_SCL})\b)?(?:\s+(?P<cur2>{_SUF})\b)?",
    re.IGNORECASE,
)
#: "7.5 billion yuan", "3-billion-yuan", "9-bln-USD", "60 billion US dollars".
_EN_SUFFIXED = re.compile(
    rf"(?P<qual>(?:{_QUAL})\s+)?(?<![\w$.])(?P<num>{_NUM})[\s-]?(?P<scale>{_SCL})?[\s-]?"
    rf"(?:of\s+)?(?P<cur>{_SUF})\b",
    re.IGNORECASE,
)

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_SCALE = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4}
_ZH_CURRENCY = {"人民币": "CNY", "元": "CNY", "美元": "USD", "欧元": "EUR", "日元": "JPY", "韩元": "KRW",
                "港元": "HKD", "港币": "HKD", "新台币": "TWD", "英镑": "GBP", "新加坡元": "SGD"}
_ZH_NUM = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"
_ZH_CUR = "|".join(sorted((re.escape(k) for k in _ZH_CURRENCY if k != "人民币"), key=len, reverse=True))
_ZH_QUAL = r"不低于|不少于|至少|超过|逾|约|近|将近|达|共计|合计|总计|高达|突破"
#: "12亿元", "40亿美元", "2031.5亿元人民币", "人民币6亿元", "百亿元", "3000万元" (a unit or a currency is needed).
_ZH_AMOUNT = re.compile(
    rf"(?P<qual>{_ZH_QUAL})?(?P<pre>人民币)?\s?(?P<num>{_ZH_NUM})\s?(?P<scale>万亿|亿|千万|百万|十万|万)?"
    rf"\s?(?P<cur>{_ZH_CUR})(?P<post>人民币)?(?P<bound>以上)?"
)


@dataclass(frozen=True, slots=True)
class MoneySpan:
    """One figure found in a text, with where it is."""

    value: float
    currency: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    conversion: bool = False  # a bracketed equivalent of the figure before it

    @property
    def bound(self) -> bool:
        """True for a lower bound ("at least", "不低于"), which is not an amount."""
        return self.qualifier in LOWER_BOUNDS

    def amount(self) -> Amount:
        """The record form."""
        return Amount(value=self.value, currency=self.currency, text=self.text)


def chinese_number(text: str) -> float | None:
    """Digits or Chinese numerals as a number ("15" -> 15, "两百" -> 200, "一百二十" -> 120)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total, digit = 0, None
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            total += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        else:
            return None
    total += digit or 0
    return float(total) if total else None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _english(text: str) -> list[MoneySpan]:
    found: list[MoneySpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_EN_PREFIXED, _EN_SUFFIXED):
        for m in pattern.finditer(text):
            start = m.start("cur") if pattern is _EN_PREFIXED else m.start("num")
            if any(s < m.end() and start < e for s, e in taken):
                continue
            scale_word = (m.group("scale") or "").lower()
            if scale_word in {"b", "m", "k"} and text[m.start("scale") - 1:m.start("scale")].isspace():
                continue  # "$5 m" is rare; "5 b" is usually not money
            currency = (_PREFIX_CURRENCY if pattern is _EN_PREFIXED else _SUFFIX_CURRENCY)[m.group("cur").lower()]
            if pattern is _EN_PREFIXED and m.group("cur2"):
                currency = _SUFFIX_CURRENCY[m.group("cur2").lower()] if m.group("cur") == "$" else currency
            value = _number(m.group("num")) * _SCALE.get(scale_word, 1.0)
            qualifier = (m.group("qual") or "").strip().lower()
            taken.append((start, m.end()))
            found.append(MoneySpan(value, currency, text[start:m.end()].strip(), start, m.end(), qualifier))
    return found


def _chinese(text: str) -> list[MoneySpan]:
    found = []
    for m in _ZH_AMOUNT.finditer(text):
        number = chinese_number(m.group("num"))
        if number is None or (not m.group("scale") and not re.fullmatch(r"\d+(?:\.\d+)?", m.group("num"))
                              and number < 100):
            continue
        if not m.group("scale") and m.group("cur") == "元" and number < 1e4:
            continue  # "3元" prices, not investments
        value = number * _ZH_SCALE.get(m.group("scale") or "", 1.0)
        currency = _ZH_CURRENCY[m.group("cur")]
        qualifier = "以上" if m.group("bound") else (m.group("qual") or "")
        start = m.start("pre") if m.group("pre") else m.start("num")
        found.append(MoneySpan(value, currency, text[start:m.end()].rstrip("以上"), start, m.end(), qualifier))
    return found


_RATE_NOTE = re.compile(r"\(\s*(?:US)?\$\s?1\s*=|=\s*$")


def find_amounts(text: str) -> list[MoneySpan]:
    """Every figure in ``text``, in reading order; conversions marked, exchange-rate notes dropped."""
    spans = sorted(_english(text) + _chinese(text), key=lambda s: s.start)
    out: list[MoneySpan] = []
    for span in spans:
        before = text[max(0, span.start - 3):span.start]
        after = text[span.end:span.end + 3]
        if "=" in after or _RATE_NOTE.search(text[max(0, span.start - 2):span.end + 2]) or "=" in before:
            continue
        if out and re.fullmatch(r"\s*[(（]\s*(?:about|approx\.?|approximately|around|roughly|or|约|合)?\s*",
                                text[out[-1].end:span.start], re.IGNORECASE):
            span = MoneySpan(span.value, span.currency, span.text, span.start, span.end, span.qualifier, True)
        out.append(span)
    return out


def first_amount(text: str) -> MoneySpan | None:
    """The first figure written that is an amount (not a conversion, not a lower bound)."""
    return next((s for s in find_amounts(text) if not s.conversion and not s.bound), None)


def parse_amount(text: str) -> Amount | None:
    """The amount a short phrase states ("US$1.2 billion (8.7 billion yuan)" -> 1.2e9 USD)."""
    span = first_amount(text)
    return span.amount() if span else None
