"""Events (conferences, forums, signing ceremonies, launches) with date and place.

A relative date ("June 17th") is resolved against the article's publication
date with dateparser; with no publication date and no year in the text the
date stays unknown rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}(st|nd|rd|th)?\s+"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d{2}-\d{2}|"
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b",
    re.IGNORECASE,
)


def resolve_date(text: str, published: dt.date | None) -> str | None:
    """ISO date for a date phrase, relative to ``published``; None when unsure."""
    if not _YEAR.search(text) and published is None:
        return None
    if not _DAY.search(text):
        return None  # a year or a season alone is not a date
    import dateparser

    base = dt.datetime.combine(published, dt.time()) if published else dt.datetime(2000, 1, 1)
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
    )
    if parsed is None:
        return None
    if not _YEAR.search(text) and published and parsed.date() > published:
        parsed = parsed.replace(year=parsed.year - 1)
    return str(parsed.date().isoformat())


def event_date(ctx: Context, event: Entity) -> str | None:
    """The date stated in the sentence that names the event."""
    dates = ctx.doc.spans.get("dates", [])
    for mention in event.mentions:
        sent = ctx.sents[mention.sent]
        for span in dates:
            if span.start >= sent.start and span.end <= sent.end:
                resolved = resolve_date(span.text, ctx.published)
                if resolved:
                    return resolved
    return None


def event_place(ctx: Context, event: Entity) -> Entity | None:
    """The place named in the event's name, else in its sentence, else the article's city."""
    places = ctx.of_type("place")
    name = event.name
    for place in places:
        if any(re.search(rf"\b{re.escape(f)}\b", name) for f in place.surface_forms):
            return place
    for mention in event.mentions:
        for place in places:
            if any(m.sent == mention.sent for m in place.mentions):
                return place
    return ctx.dominant_city()
