"""JSON Lines files to articles: one JSON object per line, field names configurable.

Scrapers and exports name their fields differently (``body``, ``content``,
``link``, ``date``), so which field holds the text, title, URL, publication
date and id is a ``FieldMap`` (``--field text=body`` on the command line).

A bad line is reported with its number and the file goes on: one truncated
record should not cost the thousand good ones around it. JSON text is UTF-8 by
definition (RFC 8259 §8.1), so lines are decoded as UTF-8 only.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from chipmap.errors import ConfigError, EmptyInput, InputError
from chipmap.ingest.files import clean_field, normalise_text
from chipmap.ingest.html import parse_date
from chipmap.records import Article

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which JSON field holds each article attribute."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    id: str = "id"

    @classmethod
    def parse(cls, specs: Sequence[str]) -> FieldMap:
        """A map from ``name=field`` strings, e.g. ``["text=body", "published=date"]``."""
        known = {f.name for f in fields(cls)}
        changes: dict[str, str] = {}
        for spec in specs:
            name, sep, field_name = spec.partition("=")
            name, field_name = name.strip(), field_name.strip()
            if not sep or not field_name:
                raise ConfigError(f"field mapping {spec!r} is not of the form NAME=FIELD (e.g. text=body)")
            if name not in known:
                raise ConfigError(f"field mapping {spec!r}: NAME must be one of {', '.join(sorted(known))}")
            changes[name] = field_name
        return replace(cls(), **changes)


def _string(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return clean_field(value) if isinstance(value, str) else ""


def article_from_line(record: dict[str, Any], *, fields: FieldMap, path: Path, line: int) -> Article:
    """One article from a decoded JSON object; raise ``InputError`` naming file and line."""
    source = str(path)
    text = record.get(fields.text)
    if not isinstance(text, str):
        raise InputError(source, f"no string field {fields.text!r}", line=line)
    body = normalise_text(text)
    if not body:
        raise EmptyInput(source, f"field {fields.text!r} is empty", line=line)
    raw_id = record.get(fields.id)
    return Article(
        id=clean_field(raw_id) or f"{path.stem}:{line}",
        text=body,
        title=_string(record, fields.title),
        published=parse_date(record.get(fields.published)),
        url=_string(record, fields.url) or None,
        source=f"{source}:{line}",
        meta={"line": line},
    )


def read_jsonl(path: Path, *, fields: FieldMap | None = None,
               max_bytes: int = 5_000_000) -> Iterator[Article | InputError]:
    """Each line of ``path`` as an article, or as the error that stopped it.

    Lines are read one at a time, so a file larger than memory is fine; a single
    line over ``max_bytes`` is refused like an oversized article file.
    """
    fields = fields or FieldMap()
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(source, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputError(source, f"line is {len(raw):,} bytes, over the {max_bytes:,}-byte limit",
                                 line=number)
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield InputError(source, f"not UTF-8 ({exc.reason} at byte {exc.start})", line=number)
                continue
            except json.JSONDecodeError as exc:
                yield InputError(source, f"invalid JSON: {exc.msg}", line=number)
                continue
            except RecursionError:
                yield InputError(source, "invalid JSON: nested too deeply", line=number)
                continue
            if not isinstance(record, dict):
                yield InputError(source, "a line must hold a JSON object", line=number)
                continue
            try:
                yield article_from_line(record, fields=fields, path=path, line=number)
            except InputError as exc:
                yield exc
