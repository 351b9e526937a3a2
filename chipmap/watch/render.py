"""A digest as Markdown (mail, chat, a terminal), as a small self-contained HTML page, or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from chipmap.watch.digest import Digest, Item

_LABELS = {"organizations": "New organisations", "projects": "New or changed projects",
           "appointments": "Appointments", "sites": "New sites"}

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)
_env.globals["LABELS"] = _LABELS


def _item_line(item: Item) -> str:
    line = f"- {item.title}"
    if item.change == "changed":
        line += " (changed)"
    if item.source is not None:
        where = f"<{item.source.url}>" if item.source.url else f"article {item.source.article_id}"
        line += f" — {item.source.title}" + (f", {item.source.published}" if item.source.published else "")
        line += f" {where}"
    return line


def to_markdown(digest: Digest) -> str:
    """The digest as Markdown, one section per watched cluster, then everything new."""
    lines = [f"# chipmap digest, round {digest.round} ({digest.at})", "",
             f"{digest.added} new article(s), {digest.new_items} new item(s)."]
    for part in digest.clusters:
        lines += ["", f"## {part.name}"]
        if part.empty:
            lines.append("Nothing new.")
        for kind, label in _LABELS.items():
            items = getattr(part, kind)
            if items:
                lines += ["", f"### {label}", *(_item_line(i) for i in items)]
    lines += ["", "## All new items"]
    for kind, label in _LABELS.items():
        items = getattr(digest, kind)
        if items:
            lines += ["", f"### {label}", *(_item_line(i) for i in items)]
    if digest.articles:
        lines += ["", "### Articles added"]
        lines += [f"- {a.title}" + (f", {a.published}" if a.published else "") + (f" <{a.url}>" if a.url else "")
                  for a in digest.articles]
    lines += ["", "## Sources"]
    for source in digest.sources:
        text = f"- {source.location}: {source.status}"
        if source.http_status:
            text += f" (HTTP {source.http_status})"
        if source.new_entries:
            text += f", {source.new_entries} new entr{'y' if source.new_entries == 1 else 'ies'}"
        if source.error:
            text += f" — {source.error}" + (f"; next try after {source.next_try}" if source.next_try else "")
        lines.append(text)
    lines += [f"- error: {e}" for e in digest.errors]
    return "\n".join(lines) + "\n"


def to_html(digest: Digest) -> str:
    """The digest as one HTML page that loads nothing."""
    return _env.get_template("digest.html").render(digest=digest)


def to_json(digest: Digest) -> str:
    """The digest as JSON."""
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def render_digest(digest: Digest, path: Path | None = None, *, as_json: bool = False) -> str:
    """The digest in the format its file name asks for (.json, .html, else Markdown) or ``as_json``."""
    suffix = path.suffix.lower() if path is not None else ""
    if as_json or suffix == ".json":
        return to_json(digest)
    if suffix in (".html", ".htm"):
        return to_html(digest)
    return to_markdown(digest)
