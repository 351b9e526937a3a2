"""Span proposals found by pattern: capitalised runs ending in a name head.

spaCy's small model cuts long organisation names short ("Xiamen Lumina
Semiconductor Technology Co" becomes two entities) and labels zones as FAC or
PERSON. A run of capitalised words that ends in a head word ("Institute",
"New Area", "Conference") is strong evidence of one name of that type, so we
propose it and let the span selector weigh it against NER and the atlas.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from chipmap.extract.lexicon import (
    CONNECTORS,
    EVENT_BRANDS,
    EVENT_HEADS,
    GOV_BODIES,
    GOV_LEVELS,
    HYPHEN_ADJECTIVES,
    IDIOMS,
    LEADING_NOISE,
    LEGAL_SUFFIXES,
    ORG_HEADS,
    PLACE_HEADS,
    STRONG_HEADS,
    SURNAMES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    ZONE_WORDS,
    is_pinyin,
)

#: Trade-show names that news writes like places ("SEMICON West 2019", "CES").


#: Words after a hyphen that make a place name into an adjective ("Beijing-based").

#: Head words that mark an organisation for sure (weak heads like "Technology" do not).

#: Pairs joined by "and" inside one name, never a split point.




@dataclass(frozen=True, slots=True)
class SpanProposal:
    """A proposed entity span with the label it would carry and where it came from."""

    start: int
    end: int
    label: str  # PERSON, ORG, GPE, EVENT
    proposer: str  # who proposed it: "atlas", "pattern" or "ner"
    atlas_id: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def _is_cap(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _run_ends(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, allowing connectors and bracketed parts inside."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap(doc[i]):
            i += 1
            continue
        start = j = i
        end = i + 1
        while j + 1 < n:
            nxt = doc[j + 1]
            if doc[j].text.endswith(".") and nxt.lower_ in LEADING_NOISE:
                break  # "... Co. The next sentence": an abbreviation's period ended the sentence
            if _is_cap(nxt) or (nxt.like_num and len(nxt.text) == 4):
                j += 1
            elif (
                nxt.text == "-"
                and j + 2 < n
                and doc[j + 2].is_alpha
                and not nxt.whitespace_
                and doc[j + 2].lower_ not in HYPHEN_ADJECTIVES
            ):
                j += 2  # Hi-tech, Sino-Singapore; not "Beijing-based"
            elif nxt.lower_ in CONNECTORS and j + 2 < n and (
                nxt.lower_ not in {"'s", "\u2019s"} or doc[j].lower_ == "people"
            ):
                # "'s" joins only "People's Government"; "China's Shanghai" is two names
                k = j + 2
                if doc[k].lower_ == "the" and k + 1 < n:
                    k += 1
                if _is_cap(doc[k]) and nxt.text != "-":
                    j = k
                else:
                    break
            elif nxt.text == "(" and j + 3 < n and _is_cap(doc[j + 2]):
                k = j + 2
                while k < n and k - j < 6 and doc[k].text != ")":
                    k += 1
                if k < n and doc[k].text == ")" and k + 1 < n and _is_cap(doc[k + 1]):
                    j = k + 1  # "China (Fujian) Pilot Free Trade Zone"
                else:
                    break
            else:
                break
            end = j + 1
        runs.append((start, end))
        i = end
    return runs


def _trim_leading(doc: Doc, start: int, end: int) -> int:
    while start < end and (
        doc[start].lower_ in LEADING_NOISE or doc[start].pos_ in {"VERB", "AUX", "ADV", "PRON"}
    ):
        start += 1
    # "Shares of X", "Members of X" at the start of a sentence: a common noun, not a name
    if start + 1 < end and doc[start].is_sent_start and doc[start].pos_ == "NOUN" \
            and doc[start + 1].lower_ == "of" and doc[start].lower_ not in STRONG_HEADS:
        start += 2
    return start


def _after_title(doc: Doc, start: int, end: int) -> int:
    """Skip a leading "Vice President of (the)" so the name starts after the title."""
    for k in range(start, end):
        if doc[k].lower_ in {"of", "for"} and k > start:
            if all(
                t.lower_ in TITLE_HEADS or t.lower_ in TITLE_MODIFIERS or t.text in {"-", "and"}
                for t in doc[start:k]
            ):
                k += 1
                if k < end and doc[k].lower_ == "the":
                    k += 1
                return k
            return start
    return start


def _split_coordinated(doc: Doc, start: int, end: int, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Split "A Bureau and B Bureau" into two names, keeping "Science and Technology" whole.

    A coordinator splits when the words before it end in a head word, when both sides
    hold a strong head (Association, Academy, Bureau ...), when a lone pinyin name stands
    before it ("Xinyuan and Example Electronics"), or when it is the second "and" of the
    span before a strong-headed name; never inside an idiom pair, and never before legal
    suffixes alone ("X Investment and Holding").
    """
    def strong(a: int, b: int) -> bool:
        return any(t.lower_ in STRONG_HEADS for t in doc[a:b])

    parts: list[tuple[int, int]] = []
    s = start
    splitters = {"and", "&", ","} | ({"of", "in"} if heads is PLACE_HEADS else set())
    for k in range(start + 1, end - 1):
        if doc[k].lower_ not in splitters or k <= s:
            continue
        nxt = k + 2 if doc[k + 1].lower_ == "the" and k + 2 < end else k + 1
        left, right = doc[k - 1].lower_, doc[nxt].lower_
        if (left, right) in IDIOMS or not doc[nxt].text[:1].isupper():
            continue
        if all(t.lower_ in LEGAL_SUFFIXES for t in doc[k + 1 : end]):
            continue  # "... Investment and Holding": the suffix belongs to the name
        # A zone "of"/"in" a place splits on the zone head alone ("Riverside New Area of Xiamen").
        rest_has_head = doc[k].lower_ in {"of", "in"} or any(t.lower_ in heads for t in doc[k + 1 : end])
        if k - 1 == s:  # one word before the coordinator
            lone = (doc[s].lower_ not in heads and doc[s].lower_ not in ZONE_WORDS and len(doc[s]) > 3
                    and is_pinyin(doc[s].text) and doc[k].lower_ == "and" and rest_has_head)
            if lone:
                parts.append((s, k))
                s = k + 1
            continue
        ends_in_head = left in heads and rest_has_head
        both_strong = strong(s, k) and strong(k + 1, end)
        second_and = doc[k].lower_ == "and" and any(t.lower_ == "and" for t in doc[s:k]) and strong(k + 1, end)
        if ends_in_head or both_strong or second_and:
            parts.append((s, k))
            s = k + 1
    parts.append((s, end))
    return parts


def _complement_end(doc: Doc, last: int, run_end: int) -> int:
    """Extend a name past its head over an "of ..." complement ("Academy of Sciences")."""
    if last + 2 < run_end + 1 and last + 1 < run_end and doc[last + 1].lower_ in {"of", "for"}:
        return run_end
    return last + 1


def _person_at(doc: Doc, k: int) -> bool:
    """A surname and a pinyin given name start at token ``k`` ("Wang Haiyan")."""
    return k + 1 < len(doc) and doc[k].text[:1].isupper() and doc[k].lower_ in SURNAMES \
        and doc[k + 1].text[:1].isupper() and doc[k + 1].text[1:].islower() and is_pinyin(doc[k + 1].text)


def _without_people(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A run that holds a person's name is cut around it: "Professor Wang Haiyan of Example
    University" starts after "of", "... University and Li Na" ends before "and"."""
    for k in range(start, end - 2):
        if _person_at(doc, k) and doc[k + 2].lower_ == "of":
            start = k + 3 + (k + 3 < end and doc[k + 3].lower_ == "the")
            break
    for k in range(start + 1, end - 1):
        if doc[k].lower_ in {"and", ","} and _person_at(doc, k + 1):
            return start, k
    return start, end


def pattern_candidates(doc: Doc) -> list[SpanProposal]:
    """Names proposed by the shape of capitalised runs (orgs, places, events)."""
    found: list[SpanProposal] = []
    headline = [False] * len(doc)
    for sent in doc.sents:
        if is_headline(sent):
            headline[sent.start : sent.end] = [True] * len(sent)
    for run_start, run_end in _run_ends(doc):
        if headline[run_start]:
            continue
        start = _trim_leading(doc, run_start, run_end)
        start = _after_title(doc, start, run_end)
        start, run_end = _without_people(doc, start, run_end)
        if start >= run_end:
            continue
        if doc[start].text in EVENT_BRANDS:
            found.append(SpanProposal(start, run_end, "EVENT", "pattern"))
            continue
        for label, heads in (("EVENT", EVENT_HEADS), ("ORG", ORG_HEADS), ("GPE", PLACE_HEADS)):
            last = -1
            for k in range(start, run_end):
                low = doc[k].lower_
                if low in heads:
                    last = k
            if last <= start:
                continue  # a head word alone ("Conference", "Park") names nothing
            stop = _complement_end(doc, last, run_end) if label in {"ORG", "EVENT"} else last + 1
            if label == "ORG":
                # "Haixi Association for Science and Technology Exchange": after a strong
                # head and "of"/"for", the rest of the run is the name's complement.
                for k in range(start, last):
                    if doc[k].lower_ in STRONG_HEADS and doc[k + 1].lower_ in {"of", "for"}:
                        # ... but a title word ends it: "Ministry of Commerce spokesperson X"
                        stop = next((j for j in range(k + 2, run_end) if doc[j].lower_ in TITLE_HEADS),
                                    run_end)
                        break
            for s, e in _split_coordinated(doc, start, stop, heads):
                while s < e and doc[s].lower_ == "the":
                    s += 1
                if e - s >= 2 and doc[s].lower_ not in CONNECTORS:
                    found.append(SpanProposal(s, e, label, "pattern"))
    return found






def government_bodies(doc: Doc, place_starts: dict[int, int]) -> list[SpanProposal]:
    """Bodies written in lower case around a place name.

    "city government of Xiamen", "Wuxi municipal government", "Yuhang district government",
    "science and technology bureau of Pudong district", "Anhui provincial committee of the
    Example League". ``place_starts`` maps the first token of each place candidate to its end.
    """
    found: list[SpanProposal] = []
    place_ends = set(place_starts.values())
    for start, end in place_starts.items():
        # "<Place> municipal government"
        k = end
        while k < len(doc) and doc[k].lower_ in GOV_LEVELS:
            k += 1
        if (k > end or doc[end - 1].lower_ in GOV_LEVELS) and k < len(doc) and doc[k].lower_ in GOV_BODIES:
            found.append(SpanProposal(start, _of_named_body(doc, k + 1), "ORG", "pattern"))
            continue
        # "<level> <body> of <Place> [district]"
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in GOV_BODIES:
            b = start - 2
            while b - 1 >= 0 and (doc[b - 1].lower_ in GOV_LEVELS or (
                doc[b - 1].is_lower and doc[b - 1].pos_ in {"NOUN", "ADJ", "CCONJ"}
                and start - b < 6
            )):
                b -= 1
            while b < start and doc[b].lower_ in {"and", "the"}:
                b += 1
            if b in place_ends:
                continue  # "Xiamen city government of ...": the place before the body is its place
            stop = end
            if stop < len(doc) and doc[stop].lower_ in {"district", "county", "city", "province"}:
                stop += 1
            found.append(SpanProposal(b, stop, "ORG", "pattern"))
    return found


def _of_named_body(doc: Doc, end: int) -> int:
    """Extend a lower-case body over "of the <Organisation>" ("committee of the Example League")."""
    k = end
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        k += 1
        if doc[k].lower_ == "the":
            k += 1
        j = k
        while j < len(doc) and (_is_cap(doc[j]) or (doc[j].lower_ in CONNECTORS and j + 1 < len(doc)
                                                    and _is_cap(doc[j + 1]))):
            j += 1
        if j > k + 1 and doc[j - 1].lower_ in ORG_HEADS:
            return j
    return end


def split_ner_person(doc: Doc, start: int, end: int) -> list[SpanProposal]:
    """"Lumina Tech Wang Lei": an organisation name run into a pinyin person name."""
    if end - start < 3:
        return [SpanProposal(start, end, "PERSON", "ner")]
    first, second = doc[end - 2], doc[end - 1]
    if first.lower_ in SURNAMES and is_pinyin(second.text) and doc[end - 3].lower_ in ORG_HEADS:
        return [SpanProposal(start, end - 2, "ORG", "ner"), SpanProposal(end - 2, end, "PERSON", "ner")]
    return [SpanProposal(start, end, "PERSON", "ner")]


def split_ner_org(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """NER sometimes joins coordinated names into one ORG; split it like a pattern run.

    It also runs a body, a title and a name together ("Ministry of Commerce
    Spokesperson Li Na"): the body is kept and the rest left to the person rules.
    """
    for j in range(start + 2, end - 1):
        rest = doc[j + 1 : end]
        if doc[j].lower_ in TITLE_HEADS and 1 <= len(rest) <= 3 and rest[0].lower_ in SURNAMES \
                and all(t.text[:1].isupper() for t in rest):
            end = j
            break
    return _split_coordinated(doc, start, end, ORG_HEADS)


def split_ner_place(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Riverside New Area of Xiamen" read as one place is two: split after the zone head."""
    parts = _split_coordinated(doc, start, end, PLACE_HEADS)
    return [(s + 1 if doc[s].lower_ == "the" and e - s > 1 else s, e) for s, e in parts]


def is_headline(sent: Span) -> bool:
    """Title Case lines (headlines) capitalise every word, so their shape says nothing."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text in {".", "!", "?", '"', "\u201d", ";", ":"}:
        return False  # headlines carry no closing punctuation
    words = [t for t in tokens if t.is_alpha and len(t) > 3]
    if len(words) < 3:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) >= 0.75


def zone_like(span: Span) -> bool:
    """True for names like "X New Area", "X Hi-tech Zone", "X Industrial Park"."""
    words = [t.lower_ for t in span]
    if not words or words[-1] not in PLACE_HEADS:
        return False
    return len(words) >= 2 and (words[-1] not in {"park", "city"} or any(w in ZONE_WORDS for w in words))


def pinyin_people(doc: Doc) -> list[SpanProposal]:
    """Two- or three-word pinyin names ("Gao Wenbo", "Li Xiao'an") the statistical NER may miss."""
    found: list[SpanProposal] = []
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if (
            token.text[:1].isupper()
            and token.lower_ in SURNAMES
            and nxt.text[:1].isupper()
            and nxt.text[1:].islower()
            and is_pinyin(nxt.text)
            and token.whitespace_ != ""
        ):
            prev = doc[token.i - 1] if token.i > 0 else None
            if (
                prev is not None
                and prev.text[:1].isupper()
                and prev.is_alpha
                and not prev.is_sent_start
                and prev.lower_ not in ORG_HEADS
                and prev.lower_ not in TITLE_HEADS
            ):
                continue  # part of a longer capitalised name
            found.append(SpanProposal(token.i, token.i + 2, "PERSON", "pattern"))
    return found
