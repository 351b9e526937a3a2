"""Word lists as data: one list per ``.txt`` file in this folder, each opening with a header
that says what it is for.

Keeping vocabularies in files (spaCy keeps its patterns as data) puts every list in one place,
lets a reviewer see what a rule leans on, and makes the lists part of the extractor's version
(``chipmap.extract.version`` hashes this folder). Lines are stripped; blank lines and lines
starting with ``#`` are skipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WORDS_DIR = Path(__file__).parent


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order (duplicates dropped)."""
    path = WORDS_DIR / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in WORDS_DIR.glob("*.txt")))
        raise KeyError(f"no word list {name!r} in {WORDS_DIR} (known: {known})")
    entries = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(e for e in entries if e and not e.startswith("#")))


def word_set(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set, for membership tests."""
    return frozenset(word_list(name))


def list_names() -> list[str]:
    """Every word list in the folder, by name."""
    return sorted(p.stem for p in WORDS_DIR.glob("*.txt"))
