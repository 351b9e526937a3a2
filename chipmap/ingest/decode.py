"""Bytes to text, without guessing bytes into mojibake.

Chinese sites still serve GB18030/GBK, and Windows tools write UTF-16 with a
byte-order mark; everything else is expected to be UTF-8. A few stray NUL bytes in
UTF-8 text are removed; many, or NULs in bytes that are not UTF-8, mean a binary file.
We try the encodings
that declare themselves (BOMs), then strict UTF-8, then let charset-normalizer
decide between the legacy encodings, and refuse what none of them reads cleanly.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from chipmap.errors import EmptyInput, InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Legacy encodings we accept when charset-normalizer proposes them.
_LEGACY = {"gb18030", "gbk", "gb2312", "big5", "cp1252", "latin_1", "iso8859_1", "utf_16"}


#: Text may carry a few stray NUL bytes (a bad export, a truncated write); more than this share
#: of the data, or NULs in data that is not UTF-8 once they are gone, means a binary file.
MAX_NUL_SHARE = 0.05


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes that no BOM explains and that is not text with a few
    stray NULs in it (images, archives, executables)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    head = data[:8192]
    if b"\x00" not in head:
        return False
    if data.count(b"\x00") > max(8, MAX_NUL_SHARE * len(data)):
        return True
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode ``data`` read from ``source``; raise ``InputError`` naming it if unreadable."""
    if not data.strip():
        raise EmptyInput(source, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"declares {encoding} but does not decode: {exc}") from exc
    if looks_binary(data):
        raise InputError(source, "binary data, not text")
    if b"\x00" in data[:8192] and not any(data.startswith(bom) for bom, _ in _BOMS):
        data = data.replace(b"\x00", b"")  # stray NULs in UTF-8 text: dropped (PostgreSQL refuses them)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = next((m for m in from_bytes(data) if m.encoding in _LEGACY), None)  # ranked; first we accept
    if best is not None and best.encoding in _LEGACY:
        text = str(best)
        if "\ufffd" not in text:
            return text
    raise InputError(source, "text encoding not recognised (tried UTF-8, UTF-16, GB18030/GBK)")
