"""Resolve: which graph entity each mention is, decided against an in-memory index."""

from chipmap.resolve.index import EntityIndex, IndexView, KnownEntity
from chipmap.resolve.names import acronyms, name_key, slug
from chipmap.resolve.resolver import (
    FUZZY_THRESHOLD,
    ArticleResolution,
    Decision,
    Mention,
    mentions_of,
    resolve_article,
    resolve_mention,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "ArticleResolution",
    "Decision",
    "EntityIndex",
    "IndexView",
    "KnownEntity",
    "Mention",
    "acronyms",
    "mentions_of",
    "name_key",
    "resolve_article",
    "resolve_mention",
    "slug",
]
