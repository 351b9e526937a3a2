"""The article inside a web page: main text, title and date, without page furniture.

trafilatura does the work (it drops navigation, comments, ads and sidebars);
we only turn its result into our fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura

from chipmap.errors import InputError


@dataclass(frozen=True, slots=True)
class PageText:
    """What a web page holds that we keep."""

    text: str
    title: str
    published: dt.date | None
    url: str | None


def parse_date(value: object) -> dt.date | None:
    """An ISO date (or datetime) string as a date; anything else as None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def extract_page(html: str, *, source: str, url: str | None = None) -> PageText:
    """Main text, title and publication date of an HTML page."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(source, "no article text found in the HTML page")
    # trafilatura keeps one paragraph per line; the rest of chipmap expects blank lines.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return PageText(
        text=text,
        title=(getattr(doc, "title", None) or "").strip(),
        published=parse_date(getattr(doc, "date", None)),
        url=getattr(doc, "url", None) or url,
    )
