"""Ingest: sources (files, JSON Lines, HTML, feeds) to ``Article`` records."""

from chipmap.ingest.files import read_article, walk

__all__ = ["read_article", "walk"]
