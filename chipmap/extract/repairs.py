"""Repairs to the chosen name spans that need the whole sentence: lists and legal tails.

The span selector picks the best span for each stretch of text on its own; two things
are only visible from the neighbours: a legal suffix written after a comma ("Example
Technologies, Inc.") belongs to the name before it, and a name NER left out (or took for a
place) in a list of companies ("vendors Alpha, Beta, Gamma and Delta") is a company too.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from chipmap.extract.lexicon import DESCRIPTORS, LEADING_NOISE, LEGAL_SUFFIXES, NOISE, PLACE_HEADS
from chipmap.extract.names import SpanProposal

_GLUE = frozenset({",", "and", "&"})
#: Longest bare capitalised run taken as a list member (tokens).
_MAX_MEMBER = 4


def extend_legal_tails(doc: Doc, chosen: list[SpanProposal]) -> list[SpanProposal]:
    """"Example Technologies, Inc.": the organisation takes the suffix after its comma."""
    out: list[SpanProposal] = []
    swallowed: set[int] = set()
    for cand in chosen:
        end = cand.end
        if cand.label == "ORG" and end + 1 < len(doc) and doc[end].text == "," \
                and doc[end + 1].lower_.rstrip(".") in LEGAL_SUFFIXES and doc[end + 1].text[:1].isupper():
            end += 2
            swallowed.add(cand.end + 1)
        out.append(replace(cand, end=end) if end != cand.end else cand)
    return [c for c in out if not (c.start in swallowed and c.end - c.start == 1)]


def join_place_and_name(doc: Doc, chosen: list[SpanProposal]) -> list[SpanProposal]:
    """"Xiamen Lumina" read as two places: a known place right before an unknown capitalised
    name that is no place is one company named after its city."""
    out: list[SpanProposal] = []
    skip = False
    for a, b in zip(chosen, [*chosen[1:], None], strict=False):
        if skip:
            skip = False
            continue
        if b is not None and a.label == "GPE" and a.atlas_id and b.start == a.end and b.label == "GPE" \
                and not b.atlas_id and b.end - b.start == 1 and doc[b.start].text[:1].isupper() \
                and doc[b.start].lower_ not in PLACE_HEADS and doc[a.end - 1].whitespace_:
            out.append(SpanProposal(a.start, b.end, "ORG", "pattern"))
            skip = True
            continue
        out.append(a)
    return out


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word.rstrip("s")


def _bare_runs(doc: Doc, start: int, end: int, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised runs in [start, end) that no chosen span covers."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        token = doc[i]
        if i in taken or not token.text[:1].isupper() or not token.is_alpha or token.lower_ in LEADING_NOISE:
            i += 1
            continue
        j = i
        while j < end and j not in taken and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def complete_lists(doc: Doc, chosen: list[SpanProposal]) -> list[SpanProposal]:
    """Members of a coordinated list of organisations are organisations.

    A list is names joined by commas and "and" ("A, B, C and D"). When two of its members
    are organisations, or one is and a descriptor noun introduces the list ("equipment
    makers A and B"), the members NER missed or took for places not in the atlas (or, one word
    long, for people) become organisations. Lists with a person's full name in them are left alone.
    """
    taken = {k for c in chosen for k in range(c.start, c.end)}
    by_start = {c.start: c for c in chosen}
    out = {(c.start, c.end): c for c in chosen}
    for sent in doc.sents:
        items: list[tuple[int, int, SpanProposal | None]] = []
        bare = {s: e for s, e in _bare_runs(doc, sent.start, sent.end, taken)}
        i = sent.start
        while i < sent.end:
            if i in by_start:
                cand = by_start[i]
                items.append((cand.start, cand.end, cand))
                i = cand.end
            elif i in bare:
                items.append((i, bare[i], None))
                i = bare[i]
            else:
                i += 1
        for group in _lists(doc, items):
            # a one-word "person" in a list of companies is one NER misread
            labels = [c.label for _s, _e, c in group if c is not None and not (c.label == "PERSON" and c.end - c.start == 1)]
            orgs = labels.count("ORG")
            first = group[0][0]
            introduced = first > 0 and _singular(doc[first - 1].lower_) in DESCRIPTORS | {"vendor", "brand"}
            if "PERSON" in labels or not (orgs >= 2 or (orgs == 1 and introduced)):
                continue
            for s, e, c in group:
                if c is None and e - s <= _MAX_MEMBER and doc[s:e].text.lower() not in NOISE:
                    out[(s, e)] = SpanProposal(s, e, "ORG", "pattern")
                elif c is not None and c.label in {"GPE", "PERSON"} and c.end - c.start <= (1 if c.label == "PERSON" else 9) \
                        and not c.atlas_id and c.proposer != "atlas":
                    out[(s, e)] = replace(c, label="ORG")
    return sorted(out.values(), key=lambda c: c.start)


def _lists(doc: Doc, items: list[tuple[int, int, SpanProposal | None]]
           ) -> list[list[tuple[int, int, SpanProposal | None]]]:
    """Maximal runs of items separated only by commas and "and"."""
    groups: list[list[tuple[int, int, SpanProposal | None]]] = []
    current: list[tuple[int, int, SpanProposal | None]] = []
    for item in items:
        if current and all(t.lower_ in _GLUE for t in doc[current[-1][1] : item[0]]) \
                and item[0] > current[-1][1]:
            current.append(item)
            continue
        if len(current) >= 2:
            groups.append(current)
        current = [item]
    if len(current) >= 2:
        groups.append(current)
    return groups
