"""operates_in: which links of the chip chain an organisation works in.

Known companies take their segments from the atlas, a local unit ("Example Micro (Wuxi)")
its parent's. Others get them from cue phrases in their own stretch of a sentence ("a
production base for silicon wafers", "packaging and testing", "a 12-inch wafer fab").
Only companies have segments: investors, governments, academia and parks do not. The
organisation's ``segments`` are exactly the tails of these facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import SEGMENT_CUES, SEGMENT_NAME_WORDS
from chipmap.extract.relations.registry import ENGLISH, ChainSegment, Node
from chipmap.extract.rules import Found

_PATTERNS = {
    seg: re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")", re.IGNORECASE)
    for seg, cues in SEGMENT_CUES.items()
}
#: Tokens after the organisation within which a cue may be about it.
_WINDOW = 12
#: Tokens before the organisation within which a cue may be about it ("foundry X").
_LEAD = 4
#: Words after an organisation that hand what follows to another one ("a fab run by Y").
_AGENT_WORDS = frozenset({"by", "from"})


def segments_from_text(text: str) -> list[str]:
    """Segments whose cue phrases occur in ``text`` (a sentence or clause)."""
    return [seg for seg, pattern in _PATTERNS.items() if pattern.search(text)]


def _atlas_segments(ctx: Context, org: Entity) -> list[str]:
    entry = ctx.atlas.orgs.get(org.atlas_id) if org.atlas_id else None
    return list(entry.segments) if entry and entry.segments else []


def _parent_segments(ctx: Context, org: Entity) -> list[str]:
    """A local unit's parent's atlas segments ("Example Micro (Wuxi)" works as Example Micro does)."""
    base = re.match(r"^(.+?) \(.+\)$", org.name)
    if not base:
        return []
    for other in ctx.of_type("org"):
        segments = _atlas_segments(ctx, other)
        if segments and base.group(1) in other.surface_forms:
            return segments
    return []


def _companies_first_named(ctx: Context, sent: int) -> Iterator[Entity]:
    for org in ctx.of_type("org"):
        if org.kind == "company" and org.first.sent == sent:
            yield org


@ENGLISH.rule("operates_in.atlas_segments", "operates_in", 0.9)
def atlas_segments(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """A company the atlas knows works in the segments the atlas gives it."""
    for org in _companies_first_named(ctx, sent):
        for segment in _atlas_segments(ctx, org):
            yield Found(org, ChainSegment(segment))


@ENGLISH.rule("operates_in.parent_segments", "operates_in", 0.9)
def parent_segments(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """A local unit the atlas does not know works in its parent's atlas segments."""
    for org in _companies_first_named(ctx, sent):
        if not _atlas_segments(ctx, org):
            for segment in _parent_segments(ctx, org):
                yield Found(org, ChainSegment(segment))


def _cue_segments(ctx: Context, org: Entity) -> tuple[list[str], int | None]:
    """Segments cue phrases give ``org`` and the sentence that states them."""
    for mention in org.mentions:
        sent = ctx.sents[mention.sent]
        # The cue must sit in the organisation's own stretch of the sentence: after it up to
        # the next organisation, or just before it ("foundry X").
        doc = ctx.doc
        stop = min(sent.end, mention.token_end + _WINDOW)
        for k in range(mention.token_end, stop):
            hit = ctx.at(k)
            if (hit and hit[0].type == "org" and hit[0] is not org) or doc[k].lower_ in _AGENT_WORDS or (
                    k > mention.token_end and doc[k].lower_ in {",", "and"} and k + 1 < stop
                    and doc[k + 1].pos_ in {"DET", "NUM"}):
                stop = k  # another organisation, "... by Y", or a new noun phrase ", an X plant"
                break
        start = max(sent.start, mention.token_start - _LEAD)
        k = mention.token_start - 1
        while k >= start:
            hit = ctx.at(k)
            if hit and hit[0].type == "org":
                if k + 1 < mention.token_start and doc[k + 1].lower_ in {",", "and"} and \
                        all(t.lower_ in {",", "and"} for t in doc[k + 1 : mention.token_start]):
                    # "centres run by X and Y": the cue before a list belongs to every member
                    k = hit[1].token_start - 1
                    start = max(sent.start, hit[1].token_start - _LEAD)
                    continue
                start = k + 1
                break
            k -= 1
        found = segments_from_text(ctx.doc[start:stop].text)
        if found:
            return found, mention.sent
    return [], None


@ENGLISH.rule("operates_in.name_word", "operates_in", 0.75)
def name_word(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Packaging", "Example Test Technology": a word of the company's own name that names
    a link of the chain, for companies the atlas does not place."""
    for org in _companies_first_named(ctx, sent):
        if _atlas_segments(ctx, org) or _parent_segments(ctx, org):
            continue
        words = {w for form in org.surface_forms for w in form.lower().split()}
        for segment in dict.fromkeys(SEGMENT_NAME_WORDS[w] for w in words if w in SEGMENT_NAME_WORDS):
            yield Found(org, ChainSegment(segment))


def _all_cue_segments(ctx: Context) -> dict[str, tuple[list[str], int | None]]:
    out = {}
    for org in ctx.of_type("org"):
        if org.kind == "company" and not _atlas_segments(ctx, org) and not _parent_segments(ctx, org):
            out[org.key] = _cue_segments(ctx, org)
    return out


@ENGLISH.rule("operates_in.cue_phrase", "operates_in", 0.7)
def cue_phrase(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Silicon, which makes silicon wafers": a segment cue in the company's own stretch
    (the first sentence that has one), for companies the atlas does not place in the chain."""
    cues = ctx.memo("operates_in.cues", _all_cue_segments)
    for org in ctx.of_type("org"):
        segments, where = cues.get(org.key, ([], None))
        if where == sent:
            for segment in segments:
                yield Found(org, ChainSegment(segment))
