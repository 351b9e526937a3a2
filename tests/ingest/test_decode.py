"""Decoding real encoded bytes: what Chinese and Windows tools write, and what nobody can read."""

from __future__ import annotations

import codecs

import pytest

from chipmap.errors import EmptyInput, InputError
from chipmap.ingest.decode import decode_bytes

TEXT = "Nexchip (晶合集成) began 12-inch wafer production in Hefei's Xinzhan zone (合肥新站高新区)."


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf-16 little-endian with BOM", TEXT.encode("utf-16")),
        ("utf-16 big-endian with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("gb18030", TEXT.encode("gb18030")),
        ("gbk", TEXT.encode("gbk")),
    ],
)
def test_decode_reads_the_encodings_news_comes_in(label: str, data: bytes) -> None:
    assert decode_bytes(data, source=label).lstrip("\ufeff") == TEXT


def test_decode_reads_chinese_only_gb18030() -> None:
    text = "长鑫存储在合肥投产动态随机存取存储器芯片，月产能达到十二万片晶圆。"
    assert decode_bytes(text.encode("gb18030"), source="cxmt.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Report: \xff\xfe\xfd\xfc\xfb\xfa chip \xff\xff\xff\x80\x81 fab \xfe\xfe\xfe", "not recognised"),
        (bytes(range(0x80, 0x100)) * 3, "not recognised"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
    ],
)
def test_decode_reports_rather_than_guesses(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        decode_bytes(data, source="mystery.txt")
    assert caught.value.source == "mystery.txt"


@pytest.mark.parametrize("data", [b"", b"  \n\t \n"])
def test_decode_calls_blank_input_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode_bytes(data, source="blank.txt")
