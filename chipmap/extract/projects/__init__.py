"""Investment projects and their lifecycle, read from English and Chinese articles.

Each language reader calls one function here on its finished extraction:
``enrich_english(result, ctx)`` (from ``read_doc``) and ``enrich_chinese(result, article, atlas)``
(from the Chinese reader). They add ``projects`` (parties, place, facility, amount, status,
date, the history of stages and the evidence of each field), ``project_counts`` (bare counts,
never projects) and mark past positions ``former``. The parts are small pure modules:
amounts (money as written), status (stage words, plans and denials), dates, facility, the
English and Chinese readers and tenure.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from chipmap.extract.projects.amounts import MoneySpan, find_amounts, first_amount, parse_amount
from chipmap.extract.projects.status import clause_status, latest_status, status_cues
from chipmap.extract.projects.tenure import is_former, mark_former
from chipmap.records import Article, ArticleExtraction

if TYPE_CHECKING:
    from chipmap.atlas import Atlas
    from chipmap.extract.context import Context

logger = logging.getLogger(__name__)


def _forms(result: ArticleExtraction) -> dict[str, list[str]]:
    return {p.name: [p.name, *p.aliases] for p in result.people}


def enrich_english(result: ArticleExtraction, ctx: Context) -> ArticleExtraction:
    """``result`` with the projects, project counts and former positions of an English article.

    A failure here costs the article its projects, not its other facts: it is logged with the
    article's id and the extraction goes on (the per-article failure of ``read_many`` would
    drop everything the other rules read)."""
    from chipmap.extract.projects.english import english_projects

    segments = {o.name: list(o.segments) for o in result.organizations}
    units = {(r.head, r.tail) for r in result.relations if r.type == "subsidiary_of"}
    located: dict[str, str] = {}
    for relation in result.relations:
        if relation.type == "located_in":
            located.setdefault(relation.head, relation.tail)
    try:
        result.projects, result.project_counts = english_projects(ctx, segments=segments, units=units,
                                                                  located=located)
    except Exception:  # an odd article must not lose its other facts
        logger.warning("project extraction failed for %s", result.id, exc_info=True)
    result.relations = mark_former(result.relations, _forms(result))
    return result


def enrich_chinese(result: ArticleExtraction, article: Article, atlas: Atlas) -> ArticleExtraction:
    """``result`` with the projects, project counts and former positions of a Chinese article
    (a failure is logged and costs only the projects, as in ``enrich_english``)."""
    from chipmap.extract.projects.chinese import chinese_projects

    try:
        result.projects, result.project_counts = chinese_projects(article, result, atlas)
    except Exception:  # an odd article must not lose its other facts
        logger.warning("project extraction failed for %s", result.id, exc_info=True)
    result.relations = mark_former(result.relations, _forms(result))
    return result


__all__ = [
    "MoneySpan",
    "clause_status",
    "enrich_chinese",
    "enrich_english",
    "find_amounts",
    "first_amount",
    "is_former",
    "latest_status",
    "mark_former",
    "parse_amount",
    "status_cues",
]
