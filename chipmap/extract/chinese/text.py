"""Character-level helpers for Chinese text: width folding, sentences, name characters.

Chinese news mixes full-width and half-width punctuation (the same page writes "(" and "（");
stored copies often fold one into the other). The reader matches on a copy folded to
half-width that keeps every offset (one character for one), so evidence offsets point into
the article text as stored.
"""

from __future__ import annotations

import re

#: Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, to their half-width forms.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Sentence ends: Chinese and Western end marks, semicolons, line breaks.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
#: Characters that end a name's run: punctuation, quotes, spaces, brackets of other use.
BREAKS = frozenset("，,。、；;：:“”‘’\"'《》〈〉「」『』【】!！?？\n\t ·—…~/|")
CLAUSE_BREAKS = frozenset("，,。；;：:!！?？\n")


def fold(text: str) -> str:
    """``text`` with full-width ASCII folded to half-width; same length, same offsets."""
    return text.translate(_FOLD)


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def is_chinese(text: str) -> bool:
    """True for text written mostly in Chinese characters (see chipmap.ingest.language)."""
    han = han_count(text)
    return han > 20 and han > 2 * len(_LATIN.findall(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, spaces at either end left out."""
    out: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def name_char(ch: str) -> bool:
    """A character that may stand inside an organisation or place name."""
    return is_han(ch) or (ch.isascii() and (ch.isalpha() or ch in "-&"))


def bracket_close(text: str, close_at: int, *, span: int = 14) -> int:
    """Index of the "(" that the ")" at ``close_at`` closes, or -1."""
    open_at = text.rfind("(", max(0, close_at - span), close_at)
    if open_at < 0 or ")" in text[open_at + 1 : close_at]:
        return -1
    return open_at
