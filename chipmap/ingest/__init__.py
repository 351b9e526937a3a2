"""Ingest: sources (files, JSON Lines, HTML, feeds) to ``Article`` records."""

from chipmap.ingest.files import read_article, walk
from chipmap.ingest.jsonl import FieldMap, read_jsonl
from chipmap.ingest.sources import Source, SourceReader, expand

__all__ = ["FieldMap", "Source", "SourceReader", "expand", "read_article", "read_jsonl", "walk"]
