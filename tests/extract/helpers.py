"""Small views of an extraction result that keep test assertions readable."""

from __future__ import annotations

from chipmap.records import ArticleExtraction


def relations(result: ArticleExtraction, kind: str) -> set[tuple[str, str]]:
    return {(r.head, r.tail) for r in result.relations if r.type == kind}


def titled(result: ArticleExtraction) -> dict[str, tuple[str, str | None]]:
    """person -> (tail, role) of their holds_position relations (one per person in tests)."""
    return {r.head: (r.tail, r.title) for r in result.relations if r.type == "holds_position"}


def names(result: ArticleExtraction, kind: str) -> set[str]:
    return {e.name for e in getattr(result, kind)}


def all_forms(result: ArticleExtraction, kind: str) -> set[str]:
    return {form for e in getattr(result, kind) for form in [e.name, *e.aliases]}
