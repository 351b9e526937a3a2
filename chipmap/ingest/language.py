"""Which language an article is written in, decided once at ingest.

chipmap reads English and Chinese. The test is the share of Han characters
against Latin letters: a Chinese article quoting "SMIC" or "12-inch" stays
Chinese, an English article naming 中芯国际 stays English. It needs no model
and takes microseconds, which matters at a news service's volumes; a
statistical identifier (lingua, langid) would only add value for languages
chipmap cannot read anyway.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from chipmap.records import Article

Language = Literal["en", "zh"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Fewer Han characters than this and a text is not read as Chinese (a headline-sized
#: scrap of Chinese in an English page is a quotation, not the article).
MIN_HAN = 20


def detect_language(text: str) -> Language:
    """``"zh"`` for text written mostly in Chinese characters, else ``"en"``."""
    han = len(_HAN.findall(text))
    if han >= MIN_HAN and han > 2 * len(_LATIN.findall(text)):
        return "zh"
    return "en"


def with_language(article: Article) -> Article:
    """The article with its language set (detected when the source did not say)."""
    if article.language:
        return article
    return dataclasses.replace(article, language=detect_language(article.text))
