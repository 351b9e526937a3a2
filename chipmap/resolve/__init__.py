"""Resolve: which graph entity each mention is, decided against an in-memory index."""

from chipmap.resolve.candidates import CANDIDATE_THRESHOLD, Candidate, find_candidates
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
from chipmap.resolve.verdicts import VERDICTS, Side, Verdict, Verdicts

__all__ = [
    "CANDIDATE_THRESHOLD",
    "FUZZY_THRESHOLD",
    "VERDICTS",
    "ArticleResolution",
    "Candidate",
    "Decision",
    "EntityIndex",
    "IndexView",
    "KnownEntity",
    "Mention",
    "Side",
    "Verdict",
    "Verdicts",
    "acronyms",
    "find_candidates",
    "mentions_of",
    "name_key",
    "resolve_article",
    "resolve_mention",
    "slug",
]
