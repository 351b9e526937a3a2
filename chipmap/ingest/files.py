"""Local files to articles: plain text, Markdown, HTML and gold-format JSON.

A file yields one article; JSON Lines and feeds, which hold many, live in their
own modules. Every failure is an ``InputError`` that names the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from chipmap.errors import EmptyInput, InputError
from chipmap.ingest.decode import decode_bytes
from chipmap.ingest.html import extract_page, parse_date
from chipmap.ingest.language import with_language
from chipmap.records import Article

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_BLANKS = re.compile(r"\n{3,}")


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them whole."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc


def normalise_text(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line between paragraphs, no NUL
    characters (stray ones occur in exports; PostgreSQL text cannot hold them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def clean_field(value: object) -> str:
    """A metadata value (title, id, URL) as one line of text without NUL characters."""
    return " ".join(str(value).replace("\x00", "").split()) if value not in (None, "") else ""


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (between ``---`` lines at the top) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError(source, f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise InputError(source, "front matter must be a YAML mapping")
    return meta, text[match.end() :]


def article_from_text(text: str, *, article_id: str, source: str) -> Article:
    """An article from plain text or Markdown, with optional YAML front matter."""
    meta, body = split_front_matter(text, source=source)
    body = normalise_text(body)
    if not body:
        raise EmptyInput(source, "no article text")
    return Article(
        id=clean_field(meta.get("id")) or article_id,
        text=body,
        title=clean_field(meta.get("title")),
        published=parse_date(str(meta["published"])) if meta.get("published") else None,
        url=clean_field(meta.get("url")) or None,
        source=source,
    )


def article_from_record(record: dict[str, Any], *, default_id: str, source: str) -> Article:
    """An article from a gold-format JSON object (``id``, ``text``, ``title``, ``published``)."""
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(source, "JSON object has no string field 'text'")
    body = normalise_text(text)
    if not body:
        raise EmptyInput(source, "field 'text' is empty")
    published = record.get("published")
    return Article(
        id=clean_field(record.get("id")) or default_id,
        text=body,
        title=clean_field(record.get("title")),
        published=parse_date(published),
        url=clean_field(record.get("url")) or None,
        source=source,
    )


def read_article(path: Path, *, max_bytes: int = 5_000_000) -> Article:
    """Read one article file; raise ``InputError`` naming the file and the reason."""
    return with_language(_read_file(path, max_bytes=max_bytes))


def _read_file(path: Path, *, max_bytes: int) -> Article:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(source, f"unsupported file type {suffix or '(none)'!r}")
    text = decode_bytes(read_bytes(path, max_bytes=max_bytes), source=source)
    if suffix in HTML_SUFFIXES:
        page = extract_page(text, source=source)
        return Article(
            id=path.stem,
            text=normalise_text(page.text),
            title=clean_field(page.title),
            published=page.published,
            url=page.url,
            source=source,
        )
    if suffix in JSON_SUFFIXES:
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
        except RecursionError as exc:
            raise InputError(source, "invalid JSON: nested too deeply") from exc
        if not isinstance(record, dict):
            raise InputError(source, "JSON must be an object with a 'text' field")
        return article_from_record(record, default_id=path.stem, source=source)
    return article_from_text(text, article_id=path.stem, source=source)


def walk(paths: list[Path], *, suffixes: frozenset[str] = ARTICLE_SUFFIXES) -> list[Path]:
    """Files named directly, plus files with a known suffix under directories, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
                and p.name.lower() != "readme.md"
            )
        else:
            found.append(path)
    return found
