"""The article inside a web page: main text, title and date, without page furniture.

trafilatura does the work (it drops navigation, comments, ads and sidebars);
we only turn its result into our fields.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import trafilatura

from chipmap.errors import InputError

logger = logging.getLogger(__name__)

_BLOCKS = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})
_SKIP = frozenset({"script", "style"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source",
                   "track", "wbr", "param"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
#: Deeper than this, lxml (under trafilatura) stops building the tree and drops the text below;
#: such pages are read with the standard library's flat parser instead.
MAX_TREE_DEPTH = 200


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


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest (tags counted, void and self-closed ones skipped)."""
    depth = deepest = 0
    for closing, name, self_closed in _TAG.findall(html):
        if name.lower() in _VOID or self_closed:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flat_page(html: str, url: str | None) -> PageText:
    """A page too deep for lxml: its text by the flat parser (no tree, no depth limit)."""
    title = _TITLE.search(html)
    return PageText(text=fragment_text(html), title=" ".join(unescape(title.group(1)).split()) if title else "",
                    published=None, url=url)


def extract_page(html: str, *, source: str, url: str | None = None) -> PageText:
    """Main text, title and publication date of an HTML page."""
    html = html.replace("\x00", "")
    if nesting_depth(html) > MAX_TREE_DEPTH:
        logger.info("%s nests deeper than %d elements: reading its text flat", source, MAX_TREE_DEPTH)
        page = _flat_page(html, url)
        if not page.text:
            raise InputError(source, "no article text found in the HTML page")
        return page
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except (ValueError, TypeError, RecursionError, AttributeError, IndexError) as exc:
        raise InputError(source, f"cannot parse the HTML page: {type(exc).__name__}: {exc}") from exc
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


class _TextParser(HTMLParser):
    """Collects the text of an HTML fragment, a paragraph break at each block tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a page too deep for lxml), one paragraph
    per block; the standard library's parser keeps no tree, so nesting depth costs nothing."""
    from chipmap.ingest.files import normalise_text

    if "<" not in html and "&" not in html:
        return normalise_text(html)
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    paragraphs = ("".join(parser.parts)).split("\n\n")
    return normalise_text("\n\n".join(" ".join(p.split()) for p in paragraphs))
