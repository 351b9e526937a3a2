"""chipmap's spaCy components: the atlas gazetteer and the entity selector.

``chipmap.entities.v1`` runs after spaCy's ``ner``. It gathers three kinds of
candidate spans (atlas names, name-shaped patterns, the statistical NER) and
keeps a non-overlapping set, longest first, preferring the atlas and then the
patterns on ties. The chosen spans become ``doc.ents`` with the atlas id, when
there is one, as ``ent.ent_id_``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from chipmap.atlas import Atlas
from chipmap.extract.lexicon import IDIOMS, LEGAL_SUFFIXES
from chipmap.extract.names import (
    SpanProposal,
    government_bodies,
    pattern_candidates,
    pinyin_people,
    split_ner_org,
    split_ner_person,
    split_ner_place,
)
from chipmap.extract.repairs import complete_lists, extend_legal_tails, join_place_and_name
from chipmap.vocab import atlas_entity_type

ENTITY_PIPE_NAME = "chipmap_entities_v1"
_PRIORITY = {"atlas": 3, "pattern": 2, "ner": 1}
_NER_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE",
               "EVENT": "EVENT", "NORP": "NORP"}


def _atlas_label(entry_id: str) -> str:
    return "ORG" if atlas_entity_type(entry_id) == "org" else "GPE"


class AtlasGazetteer:
    """Finds every atlas name in a doc (case-sensitive for short names and acronyms)."""

    def __init__(self, nlp: Language, atlas: Atlas) -> None:
        self.atlas = atlas
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key_name, ids in self._surface_names():
            doc = nlp.make_doc(key_name)
            target = self.folded if len(doc) >= 2 and not key_name.isupper() else self.exact
            target.add("|".join(ids), [doc])
        for core, entry_id in atlas.core_names().items():
            self.folded.add(entry_id, [nlp.make_doc(core)])

    def _compound(self, entry_id: str, name: str) -> bool:
        """True for names that join two atlas names ("Riverside Area of the Example Free Trade
        Zone"): the text names two places there, not one."""
        words = name.split()
        for k in range(1, len(words)):
            left, right = " ".join(words[:k]), " ".join(words[k:])
            right = re.sub(r"^(of|in)( the)? ", "", right)
            left_ids, right_ids = self.atlas.lookup(left), self.atlas.lookup(right)
            if left.endswith(("'s", "\u2019s")) and any(i.startswith("place:") for i in left_ids):
                return True  # "China's Ministry of ...": the text names China and the ministry
            others = (set(left_ids) | set(right_ids)) - {entry_id}
            # Only zones compound this way; "Science City of Example" is one name.
            if left_ids and right_ids and any(
                (p := self.atlas.places.get(o)) is not None and p.kind == "district" for o in others
            ):
                return True
        return False

    def _surface_names(self) -> Iterable[tuple[str, list[str]]]:
        seen: dict[str, list[str]] = {}
        for entry in self.atlas.entries():
            for name in entry.sure_names():
                if len(name.split()) > 2 and self._compound(entry.id, name):
                    continue
                if name.isascii() and len(name) >= 2:
                    seen.setdefault(name, [])
                    if entry.id not in seen[name]:
                        seen[name].append(entry.id)
        return seen.items()

    def candidates(self, doc: Doc) -> list[SpanProposal]:
        found: list[SpanProposal] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                ids = doc.vocab.strings[match_id].split("|")
                label = _atlas_label(ids[0])
                found.append(SpanProposal(start, end, label, "atlas", ids[0] if len(ids) == 1 else ""))
        return found + self.datelines(doc)

    def datelines(self, doc: Doc) -> list[SpanProposal]:
        """"WUXI, May 3 -", "XIAMEN (Newswire) -": a place in capitals opening a paragraph."""
        found: list[SpanProposal] = []
        for sent in doc.sents:
            for size in (2, 1):
                span = doc[sent.start : sent.start + size]
                if len(span) < size or not all(t.is_alpha and t.text.isupper() and len(t) > 1 for t in span):
                    continue
                ids = [i for i in self.atlas.lookup(span.text.title()) if atlas_entity_type(i) == "place"]
                if len(ids) == 1:
                    found.append(SpanProposal(span.start, span.end, "GPE", "atlas", ids[0]))
                    break
        return found


def _joins_known_names(doc: Doc, start: int, end: int, known: list[tuple[int, int]]) -> bool:
    """True when a span joins an atlas name to another name with "and" or a comma.

    "Example Capital and Sample Semiconductor": when one whole side is a known name, the
    span is a list, not one name; a side that is only a legal suffix ("... Investment and
    Holding", "..., Inc.") belongs to the name.
    """
    for k in range(start + 1, end - 1):
        if all(t.lower_.rstrip(".") in LEGAL_SUFFIXES for t in doc[k + 1 : end]):
            continue
        if doc[k].lower_ in {"and", "&", ","} and (doc[k - 1].lower_, doc[k + 1].lower_) not in IDIOMS:
            left = any(s >= start and e <= k for s, e in known)
            right = any(s > k and e <= end for s, e in known)
            whole_left = (start, k) in known
            whole_right = (k + 1, end) in known
            if (left and right) or whole_left or whole_right:
                return True
    return False


def select_spans(doc: Doc, candidates: Iterable[SpanProposal]) -> list[SpanProposal]:
    """Non-overlapping candidates, longest first, then by proposer priority (atlas, pattern, NER)."""
    ordered = sorted(
        candidates, key=lambda c: (-c.length, -_PRIORITY[c.proposer], c.start)
    )
    taken = [False] * len(doc)
    chosen: list[SpanProposal] = []
    for cand in ordered:
        if any(taken[cand.start : cand.end]):
            continue
        for k in range(cand.start, cand.end):
            taken[k] = True
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


class EntitySelector:
    """Replaces ``doc.ents`` with the selected candidates.

    Its gazetteer comes in through spaCy's ``initialize`` hook (as ``span_ruler`` gets its
    patterns), never from a process-wide default: ``Extractor`` initialises it with the
    atlas it was given.
    """

    def __init__(self, nlp: Language, name: str = ENTITY_PIPE_NAME) -> None:
        self.nlp = nlp
        self.name = name
        self._gazetteer: AtlasGazetteer | None = None

    def initialize(self, get_examples: Callable[[], Iterable[object]] | None = None, *,
                   nlp: Language | None = None, atlas: Atlas) -> None:
        """Build the gazetteer from ``atlas`` (spaCy's hook for loading a component's data)."""
        self._gazetteer = AtlasGazetteer(nlp or self.nlp, atlas)

    @property
    def gazetteer(self) -> AtlasGazetteer:
        if self._gazetteer is None:
            raise RuntimeError(f"the {self.name} component was not initialised with an atlas; "
                               "build pipelines with chipmap.extract.nlp.get_pipeline(model, atlas)")
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        cands = self.gazetteer.candidates(doc)
        cands += pattern_candidates(doc)
        cands += pinyin_people(doc)
        atlas_spans = [(c.start, c.end) for c in cands if c.proposer == "atlas"]
        for ent in doc.ents:
            label = _NER_LABELS.get(ent.label_)
            if not label:
                continue
            if label == "PERSON":
                cands.extend(split_ner_person(doc, ent.start, ent.end))
                continue
            start = ent.start
            while start < ent.end - 1 and doc[start].lower_ in {"the", "a", "an"}:
                start += 1  # a determiner must not make NER's span look longer
            # "China's Ministry of ...", "Jiangsu's Example Park": a possessive inside a span
            # ends the owner's name; the rest is a name of its own.
            for k in range(start + 1, ent.end - 1):
                if doc[k].lower_ not in {"'s", "\u2019s"} or doc[k - 1].lower_ == "people":
                    continue
                if (start, k) not in atlas_spans:
                    # "Example's Sample Micro": the owner and its unit are two names
                    cands.append(SpanProposal(start, k, label, "ner"))
                start = k + 1
                break
            end = ent.end
            # "Example Chip Industry Association (ECIA)": the bracketed acronym
            # is a second mention, not part of the name.
            if end - start > 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(" \
                    and doc[end - 2].text.isupper():
                cands.append(SpanProposal(end - 2, end - 1, label, "ner"))
                end -= 3
            elif end - start > 2 and doc[end - 2].text == "(" and doc[end - 1].text.isupper():
                cands.append(SpanProposal(end - 1, end, label, "ner"))
                end -= 2
            if label == "ORG":
                parts = split_ner_org(doc, start, end)
            elif label == "GPE":
                parts = split_ner_place(doc, start, end)
            else:
                parts = [(start, end)]
            for start, end in parts:
                if _joins_known_names(doc, start, end, atlas_spans):
                    continue
                cands.append(SpanProposal(start, end, label, "ner"))
        place_starts = {c.start: c.end for c in cands if c.label == "GPE"}
        bodies = government_bodies(doc, place_starts)
        cands = [c for c in cands if c.proposer == "atlas" or not _joins_known_names(
            doc, c.start, c.end, [k for k in atlas_spans if k != (c.start, c.end)])]
        cands += bodies
        doc.spans["dates"] = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
        spans = []
        for cand in complete_lists(doc, join_place_and_name(doc, extend_legal_tails(doc, select_spans(doc, cands)))):
            span = Span(doc, cand.start, cand.end, label=cand.label)
            if cand.atlas_id:
                span.id_ = cand.atlas_id
            spans.append(span)
        doc.ents = spans
        # A body described in lower case ("municipal government of Xiamen") names
        # its place in its own right; keep that place for the mention layer.
        body_spans = {(b.start, b.end) for b in bodies}
        inner = []
        for span in spans:
            if (span.start, span.end) in body_spans and any(t.is_lower for t in span):
                for start, end in place_starts.items():
                    if span.start <= start and end <= span.end:
                        inner.append(Span(doc, start, end, label="GPE"))
        doc.spans["inner_places"] = inner
        return doc


@Language.component(
    "chipmap_paragraphs_v1",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory(
    ENTITY_PIPE_NAME,
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents"],
)
def make_entity_selector(nlp: Language, name: str) -> EntitySelector:
    """spaCy factory: the entity selector; ``initialize(atlas=...)`` gives it its atlas."""
    return EntitySelector(nlp, name)
