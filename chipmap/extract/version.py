"""The extractor version, derived from everything that determines extraction output.

A constant that someone must remember to bump goes stale (it did: 14 extraction changes
shipped under one "0.1.0"). The version is instead a hash of the extraction code
(``chipmap/extract/**/*.py``), the word lists (``chipmap/vocab/words/*.txt``), the
records that shape the output, the spaCy model's name and version and the atlas
fingerprint. It is stored with every evidence row, so a build can tell which stored
articles were read by another extractor and read them again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
#: Files whose bytes determine what the extractor outputs, as globs under ``chipmap/``.
OUTPUT_FILES = ("extract/**/*.py", "vocab/**/*.py", "vocab/words/*.txt", "records.py")
#: Stored in a 32-character column: a short prefix says what the rest is.
PREFIX = "x1-"


@cache
def code_digest() -> str:
    """The hash of the extraction code and word lists in this installation."""
    digest = hashlib.sha256()
    for pattern in OUTPUT_FILES:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def extractor_version(*, model: str, atlas: str) -> str:
    """A 32-character version for this code, this model (name-version) and this atlas."""
    digest = hashlib.sha256("|".join((code_digest(), model, atlas)).encode("utf-8")).hexdigest()
    return PREFIX + digest[: 32 - len(PREFIX)]
