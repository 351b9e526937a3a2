"""Word lists resolution reads (files beside this module, each opening with a header saying what it is for)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def generic_words() -> frozenset[str]:
    """The generic words of organisation and place names (``generic_words.txt``)."""
    lines = (HERE / "generic_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
