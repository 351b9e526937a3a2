"""chipmap: English and Chinese chip-industry news to an evidence-backed knowledge graph of China's IC clusters.

The public Python API::

    import chipmap

    summary = chipmap.build(["news/", "feeds/semi.rss"], db="chipmap.db")
    with chipmap.open("chipmap.db") as graph:
        smic = graph.entity("SMIC")
        for relation in graph.relations(head=smic.id):
            print(relation.type, relation.tail_name, relation.confidence)

Names are imported on first use (PEP 562), so ``import chipmap`` stays cheap:
spaCy and SQLAlchemy load only when an extractor or a graph is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chipmap.api import open_graph as open
    from chipmap.atlas import load_atlas
    from chipmap.extract import Extractor
    from chipmap.pipeline import BuildSummary, build
    from chipmap.records import Article, ArticleExtraction
    from chipmap.store import Graph

__all__ = [
    "Article",
    "ArticleExtraction",
    "BuildSummary",
    "Extractor",
    "Graph",
    "build",
    "load_atlas",
    "open",
]

#: Where each public name lives: (module, attribute).
_EXPORTS: dict[str, tuple[str, str]] = {
    "Article": ("chipmap.records", "Article"),
    "ArticleExtraction": ("chipmap.records", "ArticleExtraction"),
    "BuildSummary": ("chipmap.pipeline", "BuildSummary"),
    "Extractor": ("chipmap.extract", "Extractor"),
    "Graph": ("chipmap.store", "Graph"),
    "build": ("chipmap.pipeline", "build"),
    "load_atlas": ("chipmap.atlas", "load_atlas"),
    "open": ("chipmap.api", "open_graph"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'chipmap' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
