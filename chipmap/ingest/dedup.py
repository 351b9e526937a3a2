"""The same story twice: exact copies by content hash, reprints by MinHash.

News sites syndicate: one press release appears on five portals, sometimes
with a changed headline, a dropped paragraph or a different byline. Storing it
five times would count its facts five times as independent evidence, so the
graph keeps one article and lists every place it was found.

- **Exact duplicates** share a content id: the SHA-256 of the text after
  Unicode NFKC, case folding and whitespace collapsing. The id is also the
  article's primary key, which makes builds idempotent.
- **Near duplicates** are found with MinHash over word 5-shingles and
  locality-sensitive hashing (datasketch). Two texts whose estimated Jaccard
  similarity is at least ``NEAR_DUPLICATE_THRESHOLD`` (0.7) are one story.

Signatures use a fixed seed so that they can be stored and compared across
builds (a reprint ingested next month is still recognised).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Hex digits of the SHA-256 kept as the article id (64 bits: collisions are
#: negligible below billions of articles).
CONTENT_ID_LENGTH = 16
#: MinHash permutations: 128 estimate Jaccard within about ±0.04 (one standard
#: deviation), enough to tell a reprint (≥ 0.7) from two stories on one topic
#: (usually < 0.2); a signature is 512 bytes.
NUM_PERM = 128
#: Words per shingle.
SHINGLE_WORDS = 5
#: Estimated Jaccard similarity of word 5-shingles from which two texts are one
#: story. Each edited word breaks up to five shingles, so a 300-word reprint
#: with a changed sentence or two scores about 0.85; 0.7 leaves room for that.
NEAR_DUPLICATE_THRESHOLD = 0.7
#: Seed, permutation scheme and base hash (CRC32) of the MinHash; changing any
#: of them invalidates stored signatures. "affine32" is datasketch 2's default: 32-bit values, collision-free.
MINHASH_SEED = 20260
MINHASH_SCHEME = "affine32"
_DTYPE = np.uint32
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """The form of a text that decides identity: NFKC, case-folded, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_id(text: str) -> str:
    """The article id of a text: a hash of its normalised form."""
    digest = hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()
    return digest[:CONTENT_ID_LENGTH]


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalise_for_id(text))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def _crc32(data: bytes) -> int:
    # The base hash only has to be stable across processes and spread shingles
    # over 32 bits; the affine32 scheme mixes it again before permuting. CRC32
    # does that at a tenth of the cost of datasketch's default SHA-1.
    return zlib.crc32(data)


@functools.cache
def _permutations() -> Any:
    # datasketch draws the permutations again for every MinHash (about 1 ms, half of the
    # cost of a signature); they depend only on the seed, so they are drawn once per process.
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashfunc=_crc32).permutations


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashvalues=hashvalues, scheme=MINHASH_SCHEME,
                   hashfunc=_crc32, permutations=_permutations())


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes fit for a database column."""
    minhash = _minhash()
    minhash.update_batch(list(_shingles(text)))
    return bytes(np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes())


def _from_bytes(data: bytes) -> MinHash:
    return _minhash(np.frombuffer(data, dtype=_DTYPE).copy())


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(_from_bytes(first).jaccard(_from_bytes(second)))


class NearDuplicates:
    """An LSH index of article signatures that answers "which stored story is this?"."""

    def __init__(self, *, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        # LSH only proposes candidates. Tuned at the threshold itself it misses a
        # third of the pairs at 0.7 (datasketch picks b=14, r=9); tuned 0.2 lower
        # (b=25, r=5) it finds 99% of them, and the extra candidates cost one
        # signature comparison each.
        self._lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
        self._signatures: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, sig: bytes) -> None:
        """Index one article (adding an id twice is a no-op)."""
        if article_id in self._signatures or len(sig) != NUM_PERM * _DTYPE().itemsize:
            return
        self._signatures[article_id] = sig
        self._lsh.insert(article_id, _from_bytes(sig))

    def discard(self, article_id: str) -> None:
        """Forget an article (one that failed before it was stored)."""
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def add_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Index stored articles, e.g. when a build starts."""
        for article_id, sig in items:
            self.add(article_id, sig)

    def find(self, sig: bytes) -> str | None:
        """The indexed article most similar to ``sig`` above the threshold, if any.

        LSH only proposes candidates; each is checked against the threshold and
        ties go to the smallest id so that the answer never depends on history.
        """
        query = _from_bytes(sig)
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(query):
            score = float(query.jaccard(_from_bytes(self._signatures[candidate])))
            if score >= self.threshold and (best is None or (-score, candidate) < (-best[0], best[1])):
                best = (score, candidate)
        return best[1] if best else None
