"""Projects in a Chinese article (placeholder, filled in below)."""

from __future__ import annotations

from chipmap.atlas import Atlas
from chipmap.records import Article, ArticleExtraction, Project, ProjectCount


def chinese_projects(article: Article, extraction: ArticleExtraction,
                     atlas: Atlas) -> tuple[list[Project], list[ProjectCount]]:
    return [], []
