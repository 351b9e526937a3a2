"""Coarse tags from the attribute ruler's own patterns as tables (chipmap.extract.pos)."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import Doc

from chipmap.extract.nlp import load_base
from chipmap.extract.pos import PosFromTags, compile_patterns

FIXTURES = Path(__file__).parent / "fixtures"


def _tagged(words: list[str], tags: list[str], deps: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, deps=deps, heads=list(range(len(words))))


def test_later_and_more_specific_patterns_win() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "something"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["TO"]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
        {"patterns": [[{"TAG": "VB"}, {"TAG": "NN"}]], "attrs": {"POS": "X"}},  # two tokens: left out
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing"}},  # no POS: left out
    ]
    assert len(compile_patterns(patterns)) == 3
    mapper = PosFromTags(spacy.blank("en"))
    mapper.initialize(patterns=patterns)
    doc = mapper(_tagged(["chips", "something", "will"], ["NN", "NN", "MD"], ["nsubj", "dobj", "aux"]))
    assert [t.pos_ for t in doc] == ["NOUN", "PRON", "AUX"]


def test_tables_tag_like_the_attribute_ruler_they_come_from() -> None:
    nlp = load_base()
    ruler = nlp.get_pipe("attribute_ruler")
    mapper = PosFromTags(nlp)
    mapper.initialize(patterns=ruler.patterns)  # type: ignore[attr-defined]
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(FIXTURES.glob("*.json"))]
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        docs = list(nlp.pipe(texts))
    same = total = 0
    for doc in docs:
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
        for ours, theirs in zip(mapper(copy), ruler(doc), strict=True):
            total += 1
            same += ours.pos_ == theirs.pos_
    assert total > 300
    assert same / total >= 0.995
