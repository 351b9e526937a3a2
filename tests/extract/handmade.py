"""Hand-made inputs for rule tests: a ``spacy.blank("en")`` Doc with the annotations written out.

A rule test states the sentence, its entities and, where the rule reads the parse, each
token's dependency and head, so a failure points at the rule and never at a statistical
model. Tokens are separated by spaces; a token may carry ``/dep:head`` (head as a token
index) and a third ``/POS`` field where the guessed coarse tag is not the one wanted:

    doc = hand_doc("Example/compound:1 Micro/nsubjpass:3 was/auxpass:3 founded/ROOT:3 "
                   "in/prep:3 Xiamen/pobj:4 ./punct:3",
                   ents=[("Example Micro", "ORG"), ("Xiamen", "GPE")])

A sentence ends at "." (and the next token starts one). Coarse and fine tags are guessed
from the dependency and the word (a capitalised word is a proper noun, "-ed" after an
auxiliary a participle, a plural noun ends in "s") unless given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import spacy
from spacy.tokens import Doc, Span

from chipmap.atlas import Atlas
from chipmap.atlas.models import Organization, Place
from chipmap.extract.context import Context

_BLANK = spacy.blank("en")
_NO_SPACE_BEFORE = frozenset({".", ",", "'s", "\u2019s", ")", "-", ":", ";"})
_NO_SPACE_AFTER = frozenset({"(", "-"})
_FUNCTION_POS = {
    "det": "DET", "prep": "ADP", "agent": "ADP", "punct": "PUNCT", "cc": "CCONJ", "aux": "AUX",
    "auxpass": "AUX", "case": "PART", "mark": "SCONJ", "nummod": "NUM", "advmod": "ADV", "amod": "ADJ",
}
_VERB_DEPS = frozenset({"ROOT", "relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her", "we", "our", "who", "which"})
Ent = tuple[str, str] | tuple[str, str, str]  # text, label[, atlas id]


def _pos(word: str, dep: str) -> str:
    low = word.lower()
    if low in _PRONOUNS:
        return "PRON"
    if not any(c.isalnum() for c in word):
        return "PUNCT"
    if dep in _FUNCTION_POS:
        return _FUNCTION_POS[dep]
    if dep in _VERB_DEPS and word[:1].islower():
        return "VERB"
    if word[:1].isupper() or word.isupper():
        return "PROPN"
    return "NOUN"


def _tag(word: str, pos: str) -> str:
    if pos == "NOUN":
        return "NNS" if word.endswith("s") and not word.endswith("ss") else "NN"
    if pos == "PROPN":
        return "NNP"
    if pos == "VERB":
        return "VBN" if word.endswith(("ed", "en")) else "VBZ" if word.endswith("s") else "VB"
    return {"ADP": "IN", "DET": "DT", "PUNCT": ".", "CCONJ": "CC", "AUX": "VBD", "PRON": "PRP",
            "PART": "POS", "ADJ": "JJ", "ADV": "RB", "NUM": "CD", "SCONJ": "IN"}.get(pos, "XX")


def hand_doc(annotated: str, *, ents: Sequence[Ent] = ()) -> Doc:
    """A Doc from annotated tokens (see the module docstring) with ``ents`` set."""
    words, deps, heads, pos = [], [], [], []
    for i, item in enumerate(annotated.split()):
        word, _, rest = item.partition("/") if item not in {"/", "//"} else (item, "", "")
        dep, _, extra = rest.partition("/")
        dep, _, head = dep.partition(":")
        words.append(word)
        deps.append(dep)
        heads.append(int(head) if head else i)
        pos.append(extra or _pos(word, dep))
    parsed = any(deps)
    spaces = [k + 1 < len(words) and not (w in _NO_SPACE_AFTER or words[k + 1] in _NO_SPACE_BEFORE)
              for k, w in enumerate(words)]
    sent_starts = [k == 0 or words[k - 1] == "." for k in range(len(words))]
    doc = Doc(_BLANK.vocab, words=words, spaces=spaces, pos=pos, tags=[_tag(w, p) for w, p in zip(words, pos, strict=True)],
              heads=heads if parsed else None, deps=[d or "dep" for d in deps] if parsed else None,
              sent_starts=None if parsed else sent_starts)
    spans = []
    taken: set[int] = set()
    for ent in ents:
        text, label = ent[0], ent[1]
        size = len(text.split())
        for k in range(len(doc) - size + 1):
            if [t.text for t in doc[k : k + size]] == text.split() and not taken & set(range(k, k + size)):
                span = Span(doc, k, k + size, label=label)
                if len(ent) == 3:
                    span.id_ = ent[2]  # type: ignore[misc]
                spans.append(span)
                taken.update(range(k, k + size))
                break
        else:
            raise ValueError(f"entity {text!r} is not in {doc.text!r}")
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def hand_context(annotated: str, *, ents: Sequence[Ent] = (), atlas: Atlas | None = None,
                 published: dt.date | None = None) -> Context:
    """The rules' reading context of a hand-made doc, mentions and entities built as in read_doc."""
    return Context.read(hand_doc(annotated, ents=ents), atlas or small_atlas(), published)


def small_atlas() -> Atlas:
    """A few real places and two organisations made up for tests (not the bundled atlas)."""
    fixture = "test fixture"
    places = [
        Place(id="place:china", name="China", kind="country", source=fixture),
        Place(id="place:jiangsu", name="Jiangsu", kind="province", part_of="place:china", source=fixture),
        Place(id="place:wuxi", name="Wuxi", kind="city", part_of="place:jiangsu", source=fixture),
        Place(id="place:fujian", name="Fujian", kind="province", part_of="place:china", source=fixture),
        Place(id="place:xiamen", name="Xiamen", kind="city", part_of="place:fujian", source=fixture),
    ]
    orgs = [
        Organization(id="org:example-foundry", name="Example Foundry", kind="company", segments=["manufacturing"],
                     source=fixture),
        Organization(id="org:example-foundry-wuxi", name="Example Foundry Wuxi", kind="company",
                     parent="org:example-foundry", source=fixture),
    ]
    return Atlas(orgs={o.id: o for o in orgs}, places={p.id: p for p in places})
