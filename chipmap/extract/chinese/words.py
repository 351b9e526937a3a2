"""jieba's dictionary as a lexicon: where does a name start after the verb before it?

A name read leftwards from its suffix runs until a word that cannot be part of it. Prepositions
and the common verbs are in ``zh_name_left_boundaries.txt``; the long tail of verbs, adverbs and
time words ("着力加快", "会议听取", "进一步完善") is not, and jieba's dictionary (349,000 words
with part-of-speech tags, shipped inside the jieba package) knows them. ``Words.name_start``
segments the part of a candidate before its suffix and cuts after its last such word, except
the verbs that do stand inside names (创新, 开发, 促进: ``zh_name_verbs.txt``).

jieba caches its prefix dictionary on disk; the cache goes into the directory the caller names,
by default chipmap's folder in the user's cache directory (or a fresh temporary folder when that
is not writable), never jieba's default ``/tmp/jieba.cache``. Nothing is downloaded.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

from chipmap.vocab.words import word_set

#: Part-of-speech tags (jieba's, ICTCLAS style) of words that end a name on the left.
_CUT_TAGS = ("v", "vd", "p", "c", "r", "u")
#: Tags of proper names (places, people, organisations, other names, abbreviations, foreign words).
_PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "eng", "t")
_lock = threading.Lock()
_cache: dict[str, Words] = {}


def default_cache_dir() -> Path:
    """chipmap's cache folder (``$XDG_CACHE_HOME/chipmap`` or ``~/.cache/chipmap``), or a
    temporary folder of this process when that cannot be written."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chipmap"
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = base / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return base
    except OSError:
        return Path(tempfile.mkdtemp(prefix="chipmap-"))


class Words:
    """jieba's tokenizer and part-of-speech dictionary, loaded once per cache folder."""

    def __init__(self, cache_dir: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # jieba's optional pkg_resources import warns
            import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer: Any = jieba.Tokenizer()
        self.tokenizer.tmp_dir = str(cache_dir)
        self.tokenizer.cache_file = "jieba.cache"
        self.tokenizer.initialize()
        self.tags = _cut_tags(self.tokenizer, cache_dir)
        self.name_verbs = word_set("zh_name_verbs")

    def cut(self, text: str) -> list[str]:
        """Dictionary words of ``text`` (no guessing of unknown words)."""
        return list(self.tokenizer.cut(text, HMM=False))

    def tag(self, word: str) -> str:
        return self.tags.get(word, "")

    def is_common_phrase(self, text: str, keep: frozenset[str] = frozenset(),
                         industry: tuple[str, ...] = ()) -> bool:
        """True when ``text`` is made only of everyday dictionary words (特色专业, 化工, 外商): no
        unknown word, no proper noun, no known place; a name needs one of those."""
        for token in self.cut(text):
            if token in keep or (self.tag(token) in _PROPER_TAGS and token not in industry):
                return False
            if token not in self.tokenizer.FREQ or not self.tokenizer.FREQ[token]:
                return False
        return True

    def name_start(self, head: str, keep: frozenset[str] = frozenset()) -> int:
        """How many characters of ``head`` (a name's part before its suffix) stand before the
        name: up to the last verb, preposition, conjunction, pronoun or particle that names never
        hold (a one-character verb counts only at the very start). ``keep`` lists words never cut at
        (place names the gazetteer knows)."""
        cut = pos = 0
        for token in self.cut(head):
            start, pos = pos, pos + len(token)
            if token in self.name_verbs or token in keep or self.tag(token) not in _CUT_TAGS:
                continue
            if len(token) >= 2 or (start == 0 and pos < len(head) - 1):
                cut = pos
        return cut


def _all_tags(tokenizer: Any) -> dict[str, str]:
    tags: dict[str, str] = {}
    with tokenizer.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def _cut_tags(tokenizer: Any, cache_dir: Path) -> dict[str, str]:
    """Word -> tag for the dictionary words whose tag ends a name, from jieba's dictionary file
    ("word freq tag" lines; read here rather than through ``jieba.posseg``, whose import also
    loads its HMM tables), kept in a small marshal file beside jieba's cache."""
    import jieba

    cache = cache_dir / f"chipmap-jieba-tags-{jieba.__version__}-2.marshal"
    try:
        loaded = marshal.loads(cache.read_bytes())
        if isinstance(loaded, dict):
            return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tags = {w: t for w, t in _all_tags(tokenizer).items() if t in _CUT_TAGS or t in _PROPER_TAGS}
    try:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(tags))
        partial.replace(cache)
    except OSError:
        pass  # a read-only cache folder only costs the parse next time
    return tags


def words(cache_dir: Path | None = None) -> Words:
    """The shared ``Words`` for a cache folder (the default one when None)."""
    folder = cache_dir or default_cache_dir()
    key = str(folder)
    with _lock:
        if key not in _cache:
            _cache[key] = Words(folder)
        return _cache[key]
