"""Coarse part-of-speech tags from fine ones, without the attribute ruler's matcher.

English spaCy pipelines set ``token.pos_`` with an ``attribute_ruler``: a Matcher over
about 180 patterns that also writes morphology and lemmas. chipmap reads only the coarse
tag, and running the Matcher costs a seventh of the pipeline's time. ``PosFromTags``
compiles the ruler's own single-token patterns (fine tag, lower-case form, dependency,
whitespace) into look-up tables once, when the pipeline is built, and applies them with
the same precedence the ruler does: a later, more specific pattern wins. Patterns that
set only morphology or lemmas are left out. Its output is checked against the ruler's on
real text by tests/extract/test_pos.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.symbols import IDS
from spacy.tokens import Doc

POS_PIPE_NAME = "chipmap_pos_v1"


@dataclass(frozen=True, slots=True)
class _Rule:
    """One compiled pattern: its conditions (None: any) and the coarse tag it sets."""

    tags: frozenset[str] | None
    tags_excluded: frozenset[str] | None
    lowers: frozenset[str] | None
    deps: frozenset[str] | None
    deps_excluded: frozenset[str] | None
    space: bool | None
    pos: int

    def admits(self, tag: str) -> bool:
        return (self.tags is None or tag in self.tags) and (self.tags_excluded is None or tag not in self.tags_excluded)

    def matches(self, tag: str, lower: str, dep: str, space: bool) -> bool:
        return (self.admits(tag) and (self.lowers is None or lower in self.lowers)
                and (self.deps is None or dep in self.deps)
                and (self.deps_excluded is None or dep not in self.deps_excluded)
                and (self.space is None or self.space == space))


def _values(condition: Any) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(allowed, excluded) values of a pattern condition: a string, {"IN": [...]}, {"NOT_IN": [...]}."""
    if condition is None:
        return None, None
    if isinstance(condition, str):
        return frozenset({condition}), None
    if isinstance(condition, dict) and "IN" in condition:
        return frozenset(condition["IN"]), None
    if isinstance(condition, dict) and "NOT_IN" in condition:
        return None, frozenset(condition["NOT_IN"])
    raise ValueError(f"unsupported attribute_ruler condition {condition!r}")


def compile_patterns(patterns: Iterable[dict[str, Any]]) -> list[_Rule]:
    """The ruler's single-token patterns that set POS, in the ruler's order."""
    rules: list[_Rule] = []
    for pattern in patterns:
        pos = pattern.get("attrs", {}).get("POS")
        tokens = pattern["patterns"][0]
        if pos is None or len(pattern["patterns"]) != 1 or len(tokens) != 1:
            continue
        token = tokens[0]
        if set(token) - {"TAG", "LOWER", "DEP", "IS_SPACE"}:
            continue
        tags, tags_excluded = _values(token.get("TAG"))
        lowers, _ = _values(token.get("LOWER"))
        deps, excluded = _values(token.get("DEP"))
        rules.append(_Rule(tags, tags_excluded, lowers, deps, excluded, token.get("IS_SPACE"), IDS[pos]))
    return rules


class PosFromTags:
    """Sets ``token.pos`` from the fine tag with the attribute ruler's compiled patterns."""

    def __init__(self, nlp: Language, name: str = POS_PIPE_NAME) -> None:
        self.name = name
        self._rules: list[_Rule] = []
        self._by_tag: dict[str, tuple[int, list[_Rule]]] = {}

    def initialize(self, get_examples: Callable[[], Iterable[object]] | None = None, *,
                   nlp: Language | None = None, patterns: list[dict[str, Any]]) -> None:
        """Compile the ruler's patterns (spaCy's hook for loading a component's data)."""
        self._rules = compile_patterns(patterns)
        self._by_tag = {}

    def _for_tag(self, tag: str) -> tuple[int, list[_Rule]]:
        """The tag's own coarse tag (from the last plain pattern) and, in order, the later
        conditional patterns that can still apply to a token with this tag."""
        if tag not in self._by_tag:
            pos, after = 0, list[_Rule]()
            for rule in self._rules:
                if not rule.admits(tag):
                    continue
                plain = rule.lowers is None and rule.deps is None and rule.deps_excluded is None \
                    and rule.space is None
                if plain:
                    pos, after = rule.pos, []
                else:
                    after.append(rule)
            self._by_tag[tag] = (pos, after)
        return self._by_tag[tag]

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            tag = token.tag_
            pos, rules = self._for_tag(tag)
            if rules:
                lower, dep, space = token.lower_, token.dep_, token.is_space
                for rule in rules:
                    if rule.matches(tag, lower, dep, space):
                        pos = rule.pos
            if pos:
                token.pos = pos
        return doc


@Language.factory(POS_PIPE_NAME, requires=["token.tag", "token.dep"], assigns=["token.pos"])
def make_pos_from_tags(nlp: Language, name: str) -> PosFromTags:
    """spaCy factory; ``initialize(patterns=...)`` gives it the attribute ruler's patterns."""
    return PosFromTags(nlp, name)
