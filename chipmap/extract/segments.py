"""Which links of the chip chain an organisation works in.

Known companies take their segments from the atlas. Others get them from what
the sentences that name them say they make or do ("a production base for
silicon wafers", "packaging and testing", "a 12-inch wafer fab"). Only
companies have segments: investors, governments, academia and parks do not.
"""

from __future__ import annotations

import re

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import SEGMENT_CUES

_PATTERNS = {
    seg: re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")", re.IGNORECASE)
    for seg, cues in SEGMENT_CUES.items()
}
#: Words between the organisation and a cue that must stay few for the cue to be about it.
_WINDOW = 12


def segments_from_text(text: str) -> list[str]:
    """Segments whose cue phrases occur in ``text`` (a sentence or clause)."""
    return [seg for seg, pattern in _PATTERNS.items() if pattern.search(text)]


def org_segments(ctx: Context, org: Entity) -> tuple[list[str], int | None]:
    """Segments of ``org`` and the sentence that states them (None for the atlas)."""
    if org.kind != "company":
        return [], None
    entry = ctx.atlas.orgs.get(org.atlas_id) if org.atlas_id else None
    if entry and entry.segments:
        return list(entry.segments), None
    # "JCET (Shaoxing)": a local unit works in its parent's segments.
    base = re.match(r"^(.+?) \(.+\)$", org.name)
    if base:
        for other in ctx.of_type("org"):
            parent = ctx.atlas.orgs.get(other.atlas_id) if other.atlas_id else None
            if parent and parent.segments and base.group(1) in other.surface_forms:
                return list(parent.segments), None
    for mention in org.mentions:
        sent = ctx.sents[mention.sent]
        # The cue must sit in the organisation's own stretch of the sentence: after
        # it up to the next organisation, or just before it ("foundry X").
        stop = min(sent.end, mention.token_end + _WINDOW)
        for k in range(mention.token_end, stop):
            hit = ctx.at(k)
            if hit and hit[0].type == "org" and hit[0] is not org:
                stop = k
                break
        start = max(sent.start, mention.token_start - 4)
        for k in range(mention.token_start - 1, start - 1, -1):
            hit = ctx.at(k)
            if hit and hit[0].type == "org":
                start = k + 1
                break
        found = segments_from_text(ctx.doc[start:stop].text)
        if found:
            return found, mention.sent
    return [], None
