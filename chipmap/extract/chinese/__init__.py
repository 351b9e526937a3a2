"""Reading Chinese-language articles: see ``reader`` for the steps, ``rules`` for the relations.

``ChineseReader(atlas).read(article)`` is what the one extraction loop
(``chipmap.extract.extractor.Extractor.read_with``) calls for an article written in Chinese.
"""

from chipmap.extract.chinese.reader import ChineseReader
from chipmap.extract.chinese.rules import ZH_RULES
from chipmap.extract.chinese.text import is_chinese

__all__ = ["ZH_RULES", "ChineseReader", "is_chinese"]
